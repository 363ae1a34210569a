/** Typed commands: parsed from the command description, wrong arguments told from the catalog. */
import { describe, expect, it } from "vitest";
import { MEMSIM, type OptionSpec } from "../../commands/memsim.js";
import { parseTextCommand, tokenize, type ChannelRef, type ChatAttachment, type ReplyButton, type TextCommand, type Who } from "../../src/chat/index.js";
import { spanText } from "../../src/chat/reply.js";
import { translator, type Locale } from "../../src/i18n/index.js";

const en: Who = { userId: "u", channelId: "c", locale: "en" };
const zh: Who = { userId: "u", channelId: "c", locale: "zh-CN" };

/** A file the parser was told about, standing for a path typed on the line. */
/** `#name` is a channel of the test platform; anything else is no channel */
const channel = (word: string): ChannelRef | undefined => (word.startsWith("#") ? { platform: "test", id: word.slice(1) } : undefined);
const attach = (word: string): ChatAttachment => ({ name: word.split("/").pop()!, size: 10, read: async () => "x = 1\n" });

function parse(line: string, who: Who = en, choices?: ReplyButton[]): TextCommand {
  return parseTextCommand(line, { who, attach, channel, ...(choices ? { choices } : {}) });
}

function options(line: string): Record<string, unknown> {
  const got = parse(line);
  if (got.kind !== "invocation" || got.invocation.kind !== "command") throw new Error(`not a command: ${JSON.stringify(got)}`);
  return got.invocation.options;
}

function refusal(got: TextCommand): { text: string; locale: Locale | undefined; private: boolean } {
  if (got.kind !== "refused") throw new Error(`not refused: ${JSON.stringify(got)}`);
  const block = got.answer.reply.blocks[0]!;
  return { text: "spans" in block ? spanText(block.spans) : "", locale: got.answer.reply.locale, private: !!got.answer.reply.private };
}

/** A value each option type accepts, as typed and as parsed. */
function sample(o: OptionSpec): { typed: string; value: unknown } {
  switch (o.type) {
    case "text":
      // a text of a set form (a time) takes one of that form, given as typed
      if (o.pattern) return { typed: `${o.name}:9:05`, value: "9:05" };
      return { typed: `${o.name}:"a = [1, 2]"`, value: "a = [1, 2]" };
    case "channel":
      return { typed: `${o.name}:#quiz`, value: { platform: "test", id: "quiz" } };
    case "integer":
      return { typed: `${o.name}:${o.max}`, value: o.max };
    case "choice":
      return { typed: `${o.name}:${o.choices.at(-1)!.toUpperCase()}`, value: o.choices.at(-1) };
    case "attachment":
      return { typed: `${o.name}:progs/pair${o.extensions[0]}`, value: { name: `pair${o.extensions[0]}`, size: 10 } };
  }
}

describe("typed commands", () => {
  it("split into words, quotes keeping spaces (also after name:)", () => {
    expect(tokenize('/memsim compare before:"a = 1" after:\'b\' locale:zh-CN')).toEqual(["/memsim", "compare", "before:a = 1", "after:b", "locale:zh-CN"]);
    expect(tokenize('/memsim run code:"print(\\"hi there\\")" "my prog.py"')).toEqual(["/memsim", "run", 'code:print("hi there")', "my prog.py"]);
  });

  it("parse every option of every subcommand, typed as its definition says", () => {
    for (const sub of MEMSIM.subcommands) {
      const samples = sub.options.map((o) => [o.name, sample(o)] as const);
      const got = options(`/memsim ${sub.name} ${samples.map(([, s]) => s.typed).join(" ")}`);
      expect(Object.keys(got), sub.name).toEqual(sub.options.map((o) => o.name));
      for (const [name, s] of samples) {
        if (typeof s.value === "object") expect(got[name], `${sub.name} ${name}`).toMatchObject(s.value as object);
        else expect(got[name], `${sub.name} ${name}`).toBe(s.value);
      }
    }
  });

  it("give a bare word to the subcommand's positional option", () => {
    const withPositional = MEMSIM.subcommands.filter((s) => s.options.some((o) => o.positional));
    expect(withPositional.map((s) => s.name)).toEqual(["run", "explain", "compare", "quiz leaderboard"]);
    expect(options("/memsim quiz leaderboard month")).toEqual({ period: "month" });
    expect(options("/memsim explain heap locale:zh-CN")).toEqual({ topic: "heap", locale: "zh-CN" });
    expect(options("/memsim compare string-building")).toEqual({ practice: "string-building" });
    expect(options('/memsim run "my progs/pair.py" step:2')).toMatchObject({ file: { name: "pair.py" }, step: 2 });
    expect(parse("/memsim run")).toMatchObject({ kind: "invocation", invocation: { kind: "command", command: "run", options: {}, who: en } });
    // without a topic, explain lists them
    expect(parse("/memsim explain")).toMatchObject({ kind: "invocation", invocation: { kind: "command", command: "explain", options: {} } });
    // a typed \n stays for stdin, which reads it as a new line; an escaped quote is a quote
    expect(options('/memsim run stdin:"Ada\\n36" code:"print(\\"hi\\")"')).toEqual({ stdin: "Ada\\n36", code: 'print("hi")' });
  });

  it("press the numbered choice of the last reply", () => {
    const choices: ReplyButton[] = [
      { id: "ms1:gif:abcdef:en", label: "All steps", style: "secondary" },
      { id: "ms1:more:abcdef:0:en", label: "Explain more", style: "secondary" },
    ];
    expect(parse("2", en, choices)).toEqual({ kind: "invocation", invocation: { kind: "button", actionId: "ms1:more:abcdef:0:en", who: en } });
    expect(refusal(parse("3", en, choices)).text).toBe("There is no such choice: type a number from 1 to 2, or a /memsim command.");
    expect(parse("3")).toEqual({ kind: "none" });
  });

  it("leave what is not a /memsim command to the adapter", () => {
    for (const line of ["hello", "/memsimrun", "/help", ""]) expect(parse(line), line).toEqual({ kind: "none" });
  });

  const wrong: [string, string, Record<string, string | number>][] = [
    ["/memsim", "chat.text.noCommand", { commands: "run, explain, compare, help, quiz" }],
    ["/memsim quiz", "chat.text.noGroupCommand", { group: "quiz", commands: "schedule, stop, now, close, leaderboard, me" }],
    ["/memsim quiz dance", "chat.text.unknownCommand", { command: "dance", commands: "schedule, stop, now, close, leaderboard, me" }],
    ["/memsim quiz schedule time:25:00 timezone:UTC", "chat.invalid.time", { option: "time", value: "25:00" }],
    ["/memsim quiz schedule timezone:UTC", "chat.invalid.required", { option: "time" }],
    ["/memsim quiz stop channel:general", "chat.invalid.channel", { option: "channel", value: "general" }],
    ["/memsim dance", "chat.text.unknownCommand", { command: "dance", commands: "run, explain, compare, help, quiz" }],
    ["/memsim run colour:red", "chat.invalid.unknown", { option: "colour", known: "code, file, language, step, stdin, locale" }],
    ["/memsim run step:two", "chat.invalid.integer", { option: "step", min: 1, max: 100000, value: "two" }],
    ["/memsim run step:0", "chat.invalid.integer", { option: "step", min: 1, max: 100000, value: "0" }],
    ["/memsim explain topic:malloc", "chat.invalid.choice", { option: "topic", value: "malloc", choices: "stack, heap, call-stack, refcount, gc, private-heap, slicing, string-building, generators, libraries" }],
    ["/memsim run step:2 step:3", "chat.text.twice", { option: "step" }],
    ["/memsim help me", "chat.text.extraWord", { word: "me", command: "help", known: "locale" }],
    ["/memsim run a.py b.py", "chat.text.extraWord", { word: "b.py", command: "run", known: "code, file, language, step, stdin, locale" }],
  ];

  for (const who of [en, zh]) {
    it(`answer a wrong argument with the catalog's words (${who.locale})`, () => {
      const tr = translator(who.locale as Locale);
      for (const [line, key, params] of wrong) {
        const got = refusal(parse(line, who));
        expect(got.text, line).toBe(tr.t(key, params));
        expect(got.locale).toBe(who.locale);
        expect(got.private).toBe(true);
      }
    });
  }

  it("word a refusal in the language the line asks for, else the person's, else the fallback", () => {
    expect(refusal(parse("/memsim dance locale:zh-cn")).text).toBe("memsim 没有名为 dance 的命令。可用的命令有：run, explain, compare, help, quiz。");
    expect(refusal(parse("/memsim dance", zh)).text).toMatch(/^memsim 没有名为 dance 的命令/);
    const nobody: Who = { userId: "u", channelId: "c" };
    expect(refusal(parseTextCommand("/memsim dance", { who: nobody, fallbackLocale: "zh-CN" })).locale).toBe("zh-CN");
    expect(refusal(parseTextCommand("/memsim dance", { who: nobody })).text).toBe("memsim has no command called dance. The commands are: run, explain, compare, help, quiz.");
  });

  it("name the files it runs (Python or C), and send a C header's reader to the program", () => {
    expect(refusal(parse("/memsim run notes.txt", en)).text).toBe("notes.txt is not a program memsim can run: attach a file whose name ends in .py or .c.");
    expect(refusal(parse("/memsim run notes.txt", zh)).text).toBe("notes.txt 不是 memsim 能运行的程序：请附上文件名以 .py 或 .c 结尾的文件。");
    expect(refusal(parse("/memsim run list.h", en)).text).toBe("list.h is a C header, not a program memsim can run. Run the C program itself (.c), with what the header declares written into it.");
  });

  it("say a file option takes a file when the platform cannot attach one from a word", () => {
    const got = refusal(parseTextCommand("/memsim run prog.py", { who: en }));
    expect(got.text).toBe("The option file takes a file (.py or .c).");
  });
});
