/** Every message file, registered once (a test checks that none is missing). */
import common from "./common.js";
import render from "./render.js";
import explain from "./explain.js";
import cli from "./cli.js";
import advice from "./advice.js";
import sandbox from "./sandbox.js";
import chat from "./chat.js";
import kernel from "./kernel.js";
import quiz from "./quiz.js";
import quizC from "./quiz-c.js";
import c from "./c.js";
import explainC from "./explain-c.js";

export const catalogs: { en: Record<string, string>; "zh-CN": Record<string, string> }[] = [common, explain, cli, render, sandbox, chat, advice, kernel, quiz, quizC, c, explainC];
