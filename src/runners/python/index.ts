export { createPythonEngine, engineFromPyodide, pyodideIndexURL, DEFAULT_MAX_STEPS } from "./engine.js";
export type { PythonEngine, PythonRunOptions } from "./engine.js";
