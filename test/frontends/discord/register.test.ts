/** Registering the commands with a (local) Discord, for one server or globally. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main, registerCommands } from "../../../src/frontends/discord/register.js";
import { discordCommands } from "../../../src/frontends/discord/index.js";
import { startFakeDiscord, type FakeDiscord } from "./fake/server.js";

describe("command registration", () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it("describes /memsim and the message command as Discord wants them, with Chinese too", () => {
    const [memsim, menu] = discordCommands() as Record<string, any>[];
    expect(memsim!.name).toBe("memsim");
    expect(memsim!.options.map((o: any) => [o.name, o.type])).toEqual([["run", 1], ["explain", 1], ["compare", 1], ["help", 1], ["quiz", 2]]);
    // the quiz's subcommands, in a group; a channel option takes text and announcement channels
    const quiz = memsim!.options[4];
    expect(quiz.options.map((o: any) => [o.name, o.type])).toEqual([["schedule", 1], ["stop", 1], ["now", 1], ["close", 1], ["leaderboard", 1], ["me", 1]]);
    expect(quiz.options[0].options.map((o: any) => [o.name, o.type, o.required])).toEqual([["time", 3, true], ["timezone", 3, true], ["channel", 7, false], ["locale", 3, false]]);
    expect(quiz.options[0].options[2].channel_types).toEqual([0, 5]);
    expect(quiz.description_localizations["zh-CN"]).toMatch(/\p{Script=Han}/u);
    const run = memsim!.options[0];
    expect(run.options.map((o: any) => [o.name, o.type])).toEqual([["code", 3], ["file", 11], ["language", 3], ["step", 4], ["stdin", 3], ["locale", 3]]);
    expect(run.options[4].description_localizations["zh-CN"]).toMatch(/input\(\)/);
    expect(run.description_localizations["zh-CN"]).toBe("运行一个 Python 或 C 程序，逐步查看它的栈和堆");
    // a program may be Python or C
    expect(run.options[2].choices.map((c: any) => [c.value, c.name, c.name_localizations?.["zh-CN"]])).toEqual([["python", "Python", "Python"], ["c", "C", "C"]]);
    const topic = memsim!.options[1].options[0];
    // without a topic, /memsim explain lists them
    expect(topic.required).toBe(false);
    expect(topic.choices).toHaveLength(10);
    expect(topic.choices[0]).toEqual({ name: "Stack", name_localizations: { "zh-CN": "栈" }, value: "stack" });
    expect(menu).toEqual({ type: 3, name: "Simulate memory", name_localizations: { "zh-CN": "模拟内存" } });
    const texts = JSON.stringify(discordCommands()).match(/"description":"[^"]*"/g)!;
    for (const t of texts) expect(t.length - 16).toBeLessThanOrEqual(100);
  });

  it("registers in one server, or globally", async () => {
    const guild = await registerCommands({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, guildId: "1200000000000000001" });
    expect(guild).toEqual({ scope: "guild", names: ["memsim", "Simulate memory"] });
    expect(fake.registered.guilds.get("1200000000000000001")).toHaveLength(2);
    const said: string[] = [];
    const env = { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl };
    expect(await main(["--global"], env, (t) => said.push(t))).toBe(0);
    expect(fake.registered.global).toHaveLength(2);
    expect(said.join("\n")).toBe("register: memsim, Simulate memory registered globally.");
    expect(said.join("\n")).not.toContain(fake.token);
  });

  it("says what is missing instead of guessing where to register", async () => {
    const said: string[] = [];
    expect(await main([], { DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl }, (t) => said.push(t))).toBe(2);
    expect(said[0]).toBe("register: say where: --guild ID (or DISCORD_GUILD_ID) for one server, or --global.");
    expect(await main(["--global"], { DISCORD_TOKEN: "not-a-token", DISCORD_API_URL: fake.apiUrl }, (t) => said.push(t))).toBe(2);
    expect(said.at(-1)).toContain("DISCORD_TOKEN does not look like a bot token");
    expect(said.join("\n")).not.toContain("not-a-token");
  });
});
