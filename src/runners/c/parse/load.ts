/**
 * web-tree-sitter and the tree-sitter-c grammar (WebAssembly, no native build), loaded once
 * per process or worker thread and reused: the same code finds them from `src/` and `dist/src/`.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Language, Parser, type Tree } from "web-tree-sitter";
import { RunnerError } from "../../../core/errors.js";

let ready: Promise<Parser> | undefined;

/** The path of the C grammar's WebAssembly file, resolved through the installed package. */
export function grammarPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("tree-sitter-c/package.json")), "tree-sitter-c.wasm");
}

/** The one parser of this thread, with the C grammar set. */
export function cParser(): Promise<Parser> {
  ready ??= (async () => {
    await Parser.init();
    const language = await Language.load(grammarPath());
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })().catch((error: unknown) => {
    ready = undefined;
    throw new RunnerError("cParser.unavailable", "the C grammar could not be loaded", { cause: error });
  });
  return ready;
}

/** Parses already-preprocessed C text into tree-sitter's concrete tree. */
export async function parseTree(text: string): Promise<Tree> {
  const parser = await cParser();
  const tree = parser.parse(text);
  if (!tree) throw new RunnerError("cParser.unavailable", "tree-sitter returned no tree for the C source");
  return tree;
}
