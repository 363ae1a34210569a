export { createPythonEngine, sharedPythonEngine, engineFromPyodide, pyodideIndexURL, DEFAULT_MAX_STEPS, DEFAULT_MAX_DEPTH } from "./engine.js";
export type { PythonEngine, PythonRunOptions, TracerStats, PyAstNode, ParseResult } from "./engine.js";
