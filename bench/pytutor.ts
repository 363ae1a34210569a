/**
 * Python Tutor's tracer for side-by-side figures, loaded at run time from a copy the operator
 * points MEMSIM_BENCH_PYTUTOR at (its `pg_logger.py`, with `pg_encoder.py` beside it): none of its
 * code is part of memsim.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { PyodideInterface } from "pyodide";

export const PYTUTOR_UNSET = "not measured: set MEMSIM_BENCH_PYTUTOR to pg_logger.py";

/** Runs a program under Python Tutor's tracer; gives its step count and how the run ended. */
export type PyTutorRun = (source: string) => { steps: number; lastEvent: string; jsonBytes: number };

/** Python Tutor's tracer in `py`, or why it is not measured. */
export function loadPyTutor(py: PyodideInterface, env: NodeJS.ProcessEnv = process.env): PyTutorRun | string {
  const path = env.MEMSIM_BENCH_PYTUTOR;
  if (!path) return PYTUTOR_UNSET;
  const encoder = join(dirname(path), "pg_encoder.py");
  if (!existsSync(path) || !existsSync(encoder)) return `not measured: ${path} or pg_encoder.py beside it is missing`;
  py.FS.mkdirTree("/pytutor");
  py.FS.writeFile("/pytutor/pg_logger.py", readFileSync(path, "utf8"));
  py.FS.writeFile("/pytutor/pg_encoder.py", readFileSync(encoder, "utf8"));
  // Python 3.12 removed `imp`, which its copy may import; `imp.new_module` is all it uses
  py.FS.mkdirTree("/pytutor-shims");
  py.FS.writeFile("/pytutor-shims/imp.py", "import types\nnew_module = types.ModuleType\n");
  try {
    py.runPython(`
import sys, json, warnings, importlib.util
sys.path.insert(0, '/pytutor')
if importlib.util.find_spec('imp') is None: sys.path.append('/pytutor-shims')
with warnings.catch_warnings():
    warnings.simplefilter('ignore')
    import pg_logger
# its own step cap (1,000 by default) would stop the loops measured here
pg_logger.MAX_EXECUTED_LINES = 10**7

def pytutor_run(src):
    seen = {}
    def finalizer(code, trace):
        seen['steps'] = len(trace)
        seen['last'] = trace[-1].get('event', '?') if trace else '?'
        # as its web back end does: the trace turned into JSON text (ASCII) at the end
        return json.dumps(dict(code=code, trace=trace))
    text = pg_logger.exec_script_str_local(src, None, False, False, finalizer)
    return [seen['steps'], seen['last'], len(text)]
`);
  } catch (err) {
    return `not measured: its tracer did not load here (${(err as Error).message.split("\n").filter(Boolean).at(-1)})`;
  }
  const run = py.globals.get("pytutor_run") as (src: string) => { toJs(): [number, string, number]; destroy(): void };
  return (source) => {
    const r = run(source);
    const [steps, lastEvent, jsonBytes] = r.toJs();
    r.destroy();
    return { steps, lastEvent, jsonBytes };
  };
}
