"""The guard: installed in each interpreter after it is restored from the start-up
snapshot, before any learner code runs.

It cuts Python's way to JavaScript (the `js` and `pyodide_js` modules and every module
global that holds a JS object), refuses what no program may do even once (an audit hook,
a finder first on `sys.meta_path`, and the creators of built-in modules), and reports
progress to the host at every traced event, so a killed run still says where it was. It
follows the tracer through the hooks the tracer names (memsim_tracer.hooks), and replaces
none of the tracer's parts.

It undoes nothing: each run has an interpreter of its own, in a thread that is thrown
away after the run (see interpreter.ts), so nothing a program changes can reach the next.

The host runs this file and calls the value of its last line, install(progress, emit).
"""


def install(progress, emit):
    import gc, sys
    from memsim_tracer import hooks

    # ------------------------------------------------------------ cut the way to JavaScript
    def refuse(*args, **kwargs):
        raise RuntimeError("not available in memsim's sandbox")

    for finder in sys.meta_path:
        proxies = getattr(finder, "jsproxies", None)
        if isinstance(proxies, dict):
            proxies.clear()
    for name in [n for n in sys.modules if n == "js" or n.startswith("pyodide_js")]:
        del sys.modules[name]
    ffi = sys.modules.get("pyodide.ffi")
    JsProxy = getattr(ffi, "JsProxy", None)
    if JsProxy is not None:
        for mod in list(sys.modules.values()):
            d = getattr(mod, "__dict__", None)
            if type(d) is dict:
                for k in [k for k, v in d.items() if isinstance(v, JsProxy)]:
                    d[k] = refuse
    # the loaders of JavaScript modules hold their proxies (the class is found once, then
    # compared by identity: a name compared for every object costs several milliseconds)
    JsLoader = getattr(sys.modules.get("_pyodide._importhook"), "JsLoader", None)
    for o in gc.get_objects():
        t = type(o)
        if t is JsLoader or (JsLoader is None and t.__name__ == "JsLoader"):
            try:
                vars(o).clear()
            except TypeError:
                pass
    # what was cut is collected by the interpreter's own full collection, just before it is ready

    # ------------------------------------------------------------ the audit hook
    DENIED = frozenset(("gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys.addaudithook",
                        "sys.remote_exec", "os.add_dll_directory", "os.startfile", "os.fork", "os.forkpty",
                        "os.system", "os.kill", "os.killpg", "os.posix_spawn", "os.exec", "os.spawn",
                        "subprocess.Popen", "pty.spawn", "webbrowser.open", "urllib.Request"))
    DENIED_PREFIXES = ("socket.", "ctypes.", "_ssl.", "ssl.", "mmap.", "winreg.", "http.", "ftplib.",
                       "smtplib.", "imaplib.", "poplib.", "nntplib.", "telnetlib.", "os.exec", "os.spawn",
                       "os.posix_spawn", "sqlite3.")
    DENIED_IMPORTS = frozenset((
        "js", "pyodide_js", "pyodide", "_pyodide", "_pyodide_core", "pyodide_http", "micropip",
        "ctypes", "_ctypes", "memsim_tracer", "_testcapi", "_testinternalcapi", "_testlimitedcapi",
        "_testbuffer", "_testmultiphase", "_testsinglephase", "_testclinic", "_xxsubinterpreters",
        "_interpreters", "_interpqueues", "_interpchannels", "mmap", "_posixsubprocess",
        "multiprocessing", "_multiprocessing", "_remote_debugging", "sqlite3", "_sqlite3",
        "tracemalloc", "_tracemalloc",
    ))

    # Nothing here has to be undone after a run: each run has an interpreter of its own,
    # thrown away with its thread. The hook refuses what no program may do even once.
    # raised for every id() and for reads of a frame's or code's attributes: many times a step
    # while the tracer works, and never refused, so passed over first
    FREQUENT = frozenset(("builtins.id", "object.__getattr__"))

    def hook(event, args):
        if event in FREQUENT:
            return
        if event == "import":
            name = args[0]
            if refused(name):
                raise ModuleNotFoundError("No module named %r (memsim's sandbox does not offer it)" % name)
            return
        if event in DENIED or event.startswith(DENIED_PREFIXES):
            raise PermissionError("memsim's sandbox does not allow %s" % event)

    def refused(name):
        name = str(name)
        return name in DENIED_IMPORTS or name.partition(".")[0] in DENIED_IMPORTS

    sys.addaudithook(hook)

    # ------------------------------------------------------------ progress at every traced event
    # (a host whose engine takes the progress through the tracer's doorbells passes None)
    if progress is not None:
        hooks.on_event(progress)

    def partial(json_text):
        # the trace so far, the moment the tracer stops the program: a program that catches
        # the stop and runs on untraced is killed by the host, which still has this
        try:
            emit(json_text)
        except Exception:
            pass

    hooks.on_stop(partial)

    # ------------------------------------------------------------ refused modules, by every route
    # a finder first on sys.meta_path answers importlib.import_module and __import__ alike;
    # the creators of built-in and extension modules refuse the same names, for a program
    # that calls them directly
    class RefuseFinder:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if refused(name):
                raise ModuleNotFoundError("No module named %r (memsim's sandbox does not offer it)" % name, name=name)
            return None

        @staticmethod
        def invalidate_caches():
            return None

    sys.meta_path.insert(0, RefuseFinder)
    import _imp

    def wrap(create):
        def guarded(spec, *rest, _create=create):
            if refused(getattr(spec, "name", "")):
                raise ModuleNotFoundError("No module named %r (memsim's sandbox does not offer it)" % getattr(spec, "name", ""))
            return _create(spec, *rest)
        return guarded

    _imp.create_builtin = wrap(_imp.create_builtin)
    _imp.create_dynamic = wrap(_imp.create_dynamic)
    # the interpreter keeps no module it refuses: a program cannot find one already made
    KEEP = ("memsim_tracer",)
    for name in [n for n in sys.modules if refused(n) and n.partition(".")[0] not in KEEP]:
        del sys.modules[name]

    def control(command, source=None):
        if command == "session":
            # a named session: every run executes in one namespace, kept across its runs
            hooks.keep_namespace()
            return None
        raise ValueError(command)

    return control


install
