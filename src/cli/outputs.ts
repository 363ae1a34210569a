/**
 * The files and folders `--png`, `--gif` and `--frames` write, made ready before the program
 * runs: missing folders are made, and a path that cannot be written is told at once, with
 * what is wrong with it and what to type instead.
 */
import { accessSync, constants, closeSync, mkdirSync, openSync, statSync, unlinkSync, type Stats } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { Translator } from "../i18n/index.js";
import type { Problem } from "./args.js";

type Option = "--png" | "--gif" | "--frames";

/** An output that cannot be written: which, why (a catalog reason), and a path that would do. */
export interface OutputProblem {
  option: Option;
  path: string;
  reason: Problem;
  example: string;
}

/** The whole message: the path, what is wrong with it, and what to type instead. */
export function outputProblemText(p: OutputProblem, tr: Translator): string {
  return tr.t("cli.error.outputPath", { option: p.option, path: p.path, reason: tr.t(p.reason.key, p.reason.params), example: p.example });
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** A path as the user would recognise it: relative when they typed it relative. */
function shown(typed: string, absolute: string): string {
  return isAbsolute(typed) ? absolute : relative(process.cwd(), absolute) || ".";
}

/** Why writing failed, as a catalog reason, from the system's error code. */
export function reasonOf(code: string | undefined, place: string): Problem {
  if (code === "EACCES" || code === "EPERM") return { key: "cli.path.noPermission", params: { place } };
  if (code === "ENOSPC" || code === "EDQUOT") return { key: "cli.path.full", params: { place } };
  if (code === "EROFS") return { key: "cli.path.readOnly", params: { place } };
  if (code === "EISDIR") return { key: "cli.path.isFolder", params: { place } };
  return { key: "cli.path.cannotWrite", params: { place, code: code ?? "?" } };
}

function problem(option: Option, path: string, reason: Problem, example: string): OutputProblem {
  return { option, path, reason, example };
}

/**
 * Makes a folder and its missing parents one at a time (a recursive mkdir can keep retrying
 * where a folder cannot be made, as in /proc); undefined when the folder is there.
 */
function makeFolder(typed: string): Problem | undefined {
  const missing: string[] = [];
  let dir = resolve(typed);
  for (;;) {
    const st = statOf(dir);
    if (st?.isDirectory()) break;
    if (st) return { key: "cli.path.fileInWay", params: { place: shown(typed, dir) } };
    const up = dirname(dir);
    if (up === dir) return reasonOf(undefined, shown(typed, dir));
    missing.unshift(dir);
    dir = up;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EEXIST" && statOf(folder)?.isDirectory()) continue;
      // a folder that refuses new entries without saying why (such as /proc) is still a refusal
      return reasonOf(code === "ENOENT" ? "EACCES" : code, shown(typed, dirname(folder)));
    }
  }
  return undefined;
}

/** Readies one picture file: its folder made, the file itself creatable. */
function readyFile(option: "--png" | "--gif", path: string, example: string): OutputProblem | undefined {
  const here = basename(path) || example;
  const st = statOf(path);
  if (st?.isDirectory()) return problem(option, path, { key: "cli.path.isFolder", params: { place: path } }, join(path, example));
  const folderProblem = makeFolder(dirname(path));
  if (folderProblem) return problem(option, path, folderProblem, here);
  try {
    // opened to append, so an existing picture is not emptied if the run then fails
    closeSync(openSync(path, "a"));
    if (!st) unlinkSync(path);
  } catch (err) {
    return problem(option, path, reasonOf((err as NodeJS.ErrnoException).code, path), here);
  }
  return undefined;
}

function readyFolder(path: string): OutputProblem | undefined {
  const st = statOf(path);
  if (st && !st.isDirectory()) return problem("--frames", path, { key: "cli.path.notFolder", params: { place: path } }, "frames");
  const folderProblem = makeFolder(path);
  if (folderProblem) return problem("--frames", path, folderProblem, "frames");
  try {
    accessSync(path, constants.W_OK);
  } catch (err) {
    return problem("--frames", path, reasonOf((err as NodeJS.ErrnoException).code, path), "frames");
  }
  return undefined;
}

/** Readies every output asked for; the first problem found, or undefined when all can be written. */
export function readyOutputs(out: { png?: string | undefined; gif?: string | undefined; frames?: string | undefined }): OutputProblem | undefined {
  return (
    (out.png !== undefined ? readyFile("--png", out.png, "step.png") : undefined) ??
    (out.gif !== undefined ? readyFile("--gif", out.gif, "run.gif") : undefined) ??
    (out.frames !== undefined ? readyFolder(out.frames) : undefined)
  );
}
