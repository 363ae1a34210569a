export { createPythonEngine, sharedPythonEngine, engineFromPyodide, pyodideIndexURL, DEFAULT_MAX_STEPS } from "./engine.js";
export type { PythonEngine, PythonRunOptions, TracerStats } from "./engine.js";
