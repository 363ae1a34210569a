/** Every message file, registered once (a test checks that none is missing). */
import common from "./common.js";
import render from "./render.js";
import explain from "./explain.js";
import cli from "./cli.js";

export const catalogs: { en: Record<string, string>; "zh-CN": Record<string, string> }[] = [common, explain, cli, render];
