/**
 * The guard: Python code installed once in each worker, before any learner code runs.
 *
 * It cuts Python's way to JavaScript (the `js` and `pyodide_js` modules and every module
 * global that holds a JS object), installs an audit hook that refuses what a sandboxed
 * program must not do and notes what would outlive a run ("taint": the worker is then
 * replaced), reports progress to the host at every traced event (so a killed run still
 * says where it was), and resets the interpreter between runs: every module's globals,
 * the containers they hold, builtins, `sys.modules` and the interpreter settings go back
 * to the state recorded after start-up.
 *
 * `install` returns one `control` function; only the worker's JavaScript holds it, so no
 * learner code can reach the guard's state (the object walks of `gc` are refused).
 */
// operator-facing: Python source, not text for learners
export const GUARD_SOURCE = String.raw`
def install(progress, emit):
    import ast, builtins, gc, itertools, json, operator, os, signal, sys, types
    import memsim_tracer

    is_ = operator.is_
    repeat = itertools.repeat
    MISSING = object()
    LEARNER = "<learner>"

    # 0: our own code; 1: a learner's run; 2: resetting (nothing may look at frames)
    phase = [0]
    taint = []

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
                for k, v in list(d.items()):
                    if isinstance(v, JsProxy):
                        d[k] = refuse
    for o in gc.get_objects():
        if type(o).__name__ == "JsLoader":
            try:
                vars(o).clear()
            except TypeError:
                pass
    gc.collect()

    # ------------------------------------------------------------ the audit hook
    ALLOWED = frozenset((
        "compile", "exec", "builtins.input", "builtins.input/result", "code.__new__",
        "function.__new__", "marshal.loads", "marshal.dumps", "marshal.load", "array.__new__",
        "time.sleep", "os.listdir", "os.scandir", "glob.glob", "glob.glob/2", "pickle.find_class",
        "sys.excepthook", "locale.setlocale", "os.walk", "os.fwalk", "shutil.copyfileobj",
        "sys.unraisablehook", "cpython.run_command", "_random.Random.__new__",
    ))
    FRAME_EVENTS = frozenset(("sys._getframe", "sys._getframemodulename", "sys._current_frames",
                              "sys._current_exceptions"))
    FRAME_ATTRS = frozenset(("tb_frame", "gi_frame", "cr_frame", "ag_frame", "f_back", "gi_yieldfrom"))
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
    ))
    RISKY_IMPORTS = frozenset(("tracemalloc", "faulthandler", "dbm", "shelve", "pdb", "bdb", "trace",
                               "cProfile", "profile", "_lsprof", "readline", "rlcompleter"))
    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    type_module = type.__dict__["__module__"].__get__
    function_module = types.FunctionType.__dict__["__module__"].__get__
    FunctionType = types.FunctionType

    def hook(event, args):
        ph = phase[0]
        if ph == 0:
            if event == "sys.addaudithook":
                raise RuntimeError("not available in memsim's sandbox")
            return
        if event == "builtins.id":
            return
        if event == "object.__getattr__":
            if ph == 2 and args[1] in FRAME_ATTRS:
                raise RuntimeError("not available in memsim's sandbox")
            return
        if event in FRAME_EVENTS:
            if ph == 2:
                raise RuntimeError("not available in memsim's sandbox")
            return
        if event in ALLOWED:
            return
        if event == "import":
            name = args[0]
            top = name.partition(".")[0]
            if top in DENIED_IMPORTS or name in DENIED_IMPORTS:
                raise ModuleNotFoundError("No module named %r (memsim's sandbox does not offer it)" % name)
            if top in RISKY_IMPORTS:
                taint.append("import " + name)
            return
        if event == "open":
            mode = args[1]
            flags = args[2] if len(args) > 2 else 0
            if (isinstance(mode, str) and ("w" in mode or "a" in mode or "x" in mode or "+" in mode)) or (
                    isinstance(flags, int) and flags & WRITE_FLAGS):
                taint.append("open for writing")
            return
        if event == "object.__setattr__" or event == "object.__delattr__":
            obj = args[0]
            if isinstance(obj, type):
                if type_module(obj) != "__main__":
                    taint.append(event + " on a shared class")
            elif type(obj) is FunctionType:
                if function_module(obj) != "__main__":
                    taint.append(event + " on a shared function")
            return
        if event in DENIED or event.startswith(DENIED_PREFIXES):
            raise PermissionError("memsim's sandbox does not allow %s" % event)
        if event == "sys.settrace" or event == "sys.setprofile":
            # CPython also unsets tracing itself when the tracer stops a program; either
            # way the setting ends with the run (restore_settings), so it is harmless
            return
        taint.append(event)

    sys.addaudithook(hook)

    # ------------------------------------------------------------ progress at every traced event
    Tracer = getattr(memsim_tracer, "Tracer", None)
    original_trace = getattr(Tracer, "trace", None)
    # the host's callback the tracer was given, so the worker can watch it for changes
    seen_snap = [None]

    def step_count(tracer):
        texts = getattr(tracer, "step_texts", None)
        return len(texts if texts is not None else getattr(tracer, "steps", ()))

    def partial(tracer):
        # the trace so far, the moment the tracer stops the program: a program that catches
        # the stop and runs on untraced is killed by the host, which still has this
        try:
            emit(tracer.partial_json())
        except Exception:
            pass

    if original_trace is not None:
        def trace(self, frame, event, arg, _orig=original_trace, _progress=progress, _count=step_count, _seen=seen_snap):
            try:
                result = _orig(self, frame, event, arg)
            except BaseException:
                if getattr(self, "stopped", False) and not getattr(self, "_memsim_emitted", False):
                    self._memsim_emitted = True
                    partial(self)
                raise
            if frame.f_code.co_filename == LEARNER:
                _progress(_count(self), frame.f_lineno)
                if _seen[0] is None:
                    _seen[0] = getattr(self, "snap", None)
            return result
        Tracer.trace = trace

    # ------------------------------------------------------------ a named session's namespace
    def start_session():
        namespace = {"__name__": "__main__", "__builtins__": builtins}

        def session_exec(code, fresh, _exec=exec, _ns=namespace):
            return _exec(code, _ns)
        memsim_tracer.exec = session_exec

    # ------------------------------------------------------------ the state a reset returns to
    SIMPLE_KEYS = frozenset((str, int, bytes, bool, float, type(None)))
    watched = []
    settings = {}

    def safe_key(k, depth=0):
        t = type(k)
        if t in SIMPLE_KEYS or t is type:
            return True
        if (t is tuple or t is frozenset) and depth < 3:
            for x in k:
                if not safe_key(x, depth + 1):
                    return False
            return True
        return False

    def safe_keys(c):
        kinds = set(map(type, c))
        if kinds <= SIMPLE_KEYS:
            return True
        for k in c:
            if not safe_key(k):
                return False
        return True

    def baseline():
        del watched[:]
        seen = set()

        def add(c):
            if id(c) in seen:
                return
            seen.add(id(c))
            t = type(c)
            if t is dict:
                if safe_keys(c):
                    watched.append((c, 0, tuple(c), tuple(c.values()), dict(c)))
            elif t is list:
                watched.append((c, 1, tuple(c), None, None))
            elif t is set:
                if safe_keys(c):
                    watched.append((c, 2, tuple(c), None, None))

        HEAP, IMMUTABLE = 1 << 9, 1 << 8

        def add_class(cls):
            # a class's attributes, watched like a dict (class assignments raise no audit event)
            if id(cls) in seen or not (cls.__flags__ & HEAP) or cls.__flags__ & IMMUTABLE:
                return
            seen.add(id(cls))
            mp = vars(cls)
            # the class's own dict, read directly: checking through its mappingproxy is slow
            for d in gc.get_referents(cls):
                if type(d) is dict and len(d) == len(mp) and all(d.get(k, MISSING) is v for k, v in mp.items()):
                    watched.append((cls, 3, tuple(d), tuple(d.values()), d))
                    return

        skip = (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType,
                int, float, str, bytes, tuple, frozenset)
        for mod in list(sys.modules.values()):
            d = getattr(mod, "__dict__", None)
            if type(d) is not dict:
                continue
            add(d)
            for v in list(d.values()):
                tv = type(v)
                if tv is dict or tv is list or tv is set:
                    add(v)
                elif isinstance(v, type):
                    add_class(v)
                    for cv in list(vars(v).values()):
                        if type(cv) in (dict, list, set):
                            add(cv)
                elif not isinstance(v, skip):
                    try:
                        vd = vars(v)
                    except TypeError:
                        continue
                    if type(vd) is dict:
                        add(vd)
        add(os.environ._data)
        # every dict at once, so an unchanged interpreter is confirmed in a few C-level passes
        dicts = [w[0] if w[1] == 0 else w[4] for w in watched if w[1] == 0 or w[1] == 3]
        flat[:] = [dicts, list(map(len, dicts)), tuple(chain(*dicts)), tuple(chain(*map(dict.values, dicts)))]
        settings.update(
            recursion=sys.getrecursionlimit(),
            digits=sys.get_int_max_str_digits(),
            switch=sys.getswitchinterval(),
            gc_enabled=gc.isenabled(),
            gc_threshold=gc.get_threshold(),
            sigint=signal.getsignal(signal.SIGINT),
            cwd=os.getcwd(),
            environ=dict(os.environ),
            asyncgen=sys.get_asyncgen_hooks(),
            origin_depth=sys.get_coroutine_origin_tracking_depth(),
            monitoring=[sys.monitoring.get_tool(i) for i in range(6)],
        )
        # everything that exists now is the baseline: collections then only look at new objects
        gc.collect()
        gc.freeze()
        return len(watched)

    garbage = []
    environ_data = os.environ._data
    environ_changed = [False]

    flat = []
    chain = itertools.chain

    def dicts_unchanged():
        # tuple comparison checks identity first, in C, so an untouched interpreter is
        # confirmed fast; only an object whose __eq__ lies could pass without being the same
        dicts, lens, keys, values = flat
        return (list(map(len, dicts)) == lens and tuple(chain.from_iterable(dicts)) == keys
                and tuple(chain.from_iterable(map(dict.values, dicts))) == values)

    def restore(garbage, changed):
        if quiet[0]:
            return
        skip_dicts = dicts_unchanged()
        for c, kind, keys, values, copy in watched:
            if skip_dicts and (kind == 0 or kind == 3):
                continue
            if kind == 0:
                if len(c) == len(keys) and all(map(is_, map(c.get, keys, repeat(MISSING)), values)):
                    continue
                if not safe_keys(c):
                    taint.append("unsafe keys in a shared dict")
                    continue
                garbage.append(dict(c))
                c.clear()
                c.update(copy)
                if c is environ_data:
                    environ_changed[0] = True
            elif kind == 1:
                if len(c) == len(keys) and all(map(is_, c, keys)):
                    continue
                garbage.append(c[:])
                c[:] = keys
            elif kind == 3:
                d = copy
                if len(d) == len(keys) and all(map(is_, d, keys)) and all(map(is_, d.values(), values)):
                    continue
                mp = vars(c)
                garbage.append(dict(mp))
                for k in [k for k in mp if type(k) is not str or k not in keys]:
                    try:
                        delattr(c, k)
                    except (AttributeError, TypeError):
                        taint.append("a shared class it could not be restored")
                for k, v in zip(keys, values):
                    if mp.get(k, MISSING) is not v:
                        try:
                            setattr(c, k, v)
                        except (AttributeError, TypeError):
                            taint.append("a shared class it could not be restored")
            else:
                if len(c) == len(keys) and safe_keys(c) and all(map(c.__contains__, keys)):
                    continue
                if not safe_keys(c):
                    taint.append("unsafe items in a shared set")
                    continue
                garbage.append(list(c))
                c.clear()
                c.update(keys)
            changed.append(kind)

    def restore_settings(changed):
        s = settings
        if sys.getrecursionlimit() != s["recursion"]:
            sys.setrecursionlimit(s["recursion"])
        if sys.get_int_max_str_digits() != s["digits"]:
            sys.set_int_max_str_digits(s["digits"])
        if sys.getswitchinterval() != s["switch"]:
            sys.setswitchinterval(s["switch"])
        if gc.isenabled() != s["gc_enabled"]:
            (gc.enable if s["gc_enabled"] else gc.disable)()
        if gc.get_threshold() != s["gc_threshold"]:
            gc.set_threshold(*s["gc_threshold"])
        gc.set_debug(0)
        if signal.getsignal(signal.SIGINT) is not s["sigint"]:
            signal.signal(signal.SIGINT, s["sigint"])
        if os.getcwd() != s["cwd"]:
            os.chdir(s["cwd"])
            changed.append("cwd")
        if environ_changed[0]:
            # the mapping is back; the C-level environment follows it
            environ_changed[0] = False
            for k in list(os.environ):
                os.unsetenv(k)
            for k, v in s["environ"].items():
                os.putenv(k, v)
        if sys.gettrace() is not None:
            sys.settrace(None)
        if sys.getprofile() is not None:
            sys.setprofile(None)
        if sys.get_asyncgen_hooks() != s["asyncgen"]:
            sys.set_asyncgen_hooks(*s["asyncgen"])
        if sys.get_coroutine_origin_tracking_depth() != s["origin_depth"]:
            sys.set_coroutine_origin_tracking_depth(s["origin_depth"])
        for i, tool in enumerate(s["monitoring"]):
            if sys.monitoring.get_tool(i) != tool:
                taint.append("sys.monitoring")
        tm = sys.modules.get("tracemalloc")
        if tm is not None and tm.is_tracing():
            tm.stop()

    # a program that imports nothing, names no reflective builtin and touches no attribute
    # starting with "_" (nor a frame's or code's) can reach only its own objects and the
    # builtins it calls: its reset needs no walk over the shared state
    REFLECTIVE = frozenset(("getattr", "setattr", "delattr", "vars", "globals", "locals", "dir", "exec",
                            "eval", "compile", "type", "object", "breakpoint", "open", "help", "license",
                            "copyright", "credits", "exit", "quit", "memoryview", "input"))
    INNER_ATTRS = ("_", "gi_", "f_", "tb_", "cr_", "ag_", "co_")
    quiet = [False]

    def is_quiet(source):
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
        for node in ast.walk(tree):
            t = type(node)
            if t is ast.Import or t is ast.ImportFrom:
                return False
            if t is ast.Name and (node.id in REFLECTIVE or node.id.startswith("_")):
                return False
            if t is ast.Attribute and node.attr.startswith(INNER_ATTRS):
                return False
        return True

    def control(command, source=None):
        if command == "begin":
            del taint[:]
            quiet[0] = source is not None and is_quiet(source)
            phase[0] = 1
            return None
        if command == "end":
            phase[0] = 0
            return list(taint)
        if command == "baseline":
            return baseline()
        if command == "reset":
            # returns [number of restored containers, taint]; what was replaced is kept in
            # "garbage" until "release", so no finalizer runs in the middle of a restore
            phase[0] = 2
            changed = []
            try:
                gc.collect()
                restore(garbage, changed)
                phase[0] = 0
                restore_settings(changed)
            finally:
                phase[0] = 2
            # a second round, if one is needed, checks everything
            quiet[0] = False
            return [len(changed), list(taint)]
        if command == "release":
            del garbage[:]
            gc.collect()
            return None
        if command == "idle":
            # whatever outlived the reset joins the baseline, so collections stay small
            gc.freeze()
            phase[0] = 0
            return None
        if command == "session":
            start_session()
            return None
        if command == "snap":
            return seen_snap[0]
        raise ValueError(command)

    return control

install
`;
