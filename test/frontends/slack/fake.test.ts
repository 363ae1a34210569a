/**
 * The local Slack against the real libraries: @slack/web-api's WebClient calling each method
 * (files.uploadV2 included), @slack/socket-mode's client connecting and acking, and a small
 * real Bolt app answering a command and a button in Socket Mode and over HTTP.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { App, LogLevel } from "@slack/bolt";
import { WebClient, WebClientEvent } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { pings, signature, startFakeSlack, type FakeSlack } from "./fake/server.js";

// @slack/socket-mode comes with @slack/bolt, in its own node_modules
const boltRequire = createRequire(createRequire(import.meta.url).resolve("@slack/bolt"));
const { SocketModeClient } = boltRequire("@slack/socket-mode") as { SocketModeClient: new (o: Record<string, unknown>) => any };

async function until<T>(what: string, probe: () => T | undefined, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function slackError(p: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await p;
  } catch (e: any) {
    return { error: e.data?.error, messages: e.data?.response_metadata?.messages ?? [] };
  }
  throw new Error("the call succeeded");
}

/** The first bytes of a real PNG, then bytes of every value, so a text decoding anywhere would show. */
function pngBytes(): Buffer {
  const body = Buffer.alloc(6000);
  for (let i = 0; i < body.length; i++) body[i] = (i * 7919) % 256;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), body]);
}

const button = (text: string, action_id: string, value = "v") => ({ type: "button" as const, text: { type: "plain_text" as const, text }, action_id, value });
const quiet = { retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR };

describe("the Web API", () => {
  let fake: FakeSlack;
  let client: WebClient;
  beforeAll(async () => {
    fake = await startFakeSlack();
    client = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, ...quiet });
  });
  afterAll(() => fake.close());

  it("knows the bot, the people and their locales, and only its own tokens", async () => {
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, team_id: fake.teamId, user_id: fake.botUserId });
    const bob = await client.users.info({ user: fake.users.bob.id, include_locale: true });
    expect(bob.user?.locale).toBe("zh-CN");
    expect((await client.users.info({ user: fake.users.alice.id })).user?.locale).toBeUndefined();
    expect((await slackError(client.users.info({ user: "U0NOBODY000" }))).error).toBe("user_not_found");
    const stranger = new WebClient("xoxb-1-2-wrong", { slackApiUrl: fake.apiUrl, ...quiet });
    expect((await slackError(stranger.auth.test())).error).toBe("invalid_auth");
    expect((await slackError(client.apiCall("chat.scheduleMessage", {}))).error).toBe("unknown_method");
    const dm = await client.conversations.open({ users: fake.users.bob.id });
    expect(dm.channel?.id).toMatch(/^D/);
    expect(fake.calls.at(-1)).toMatchObject({ method: "conversations.open", args: { users: fake.users.bob.id } });
    expect(fake.calls.some((c) => "token" in c.args)).toBe(false);
    expect(fake.calls.filter((c) => c.error).map((c) => c.error)).toEqual(["user_not_found", "invalid_auth", "unknown_method"]);
  });

  it("tells who is a workspace admin or owner, who created a channel, and the public channels page by page", async () => {
    const alice = await client.users.info({ user: fake.users.alice.id, include_locale: true });
    expect(alice.user).toMatchObject({ is_admin: true, is_owner: false, is_primary_owner: false, locale: "en-US" });
    expect((await client.users.info({ user: fake.users.carol.id })).user).toMatchObject({ is_admin: false, is_owner: false });
    const [study, corner, old] = fake.channels;
    expect((await client.conversations.info({ channel: corner!.id })).channel).toMatchObject({ id: corner!.id, name: "bobs-corner", creator: fake.users.bob.id, is_archived: false });
    expect((await slackError(client.conversations.info({ channel: "C0NOWHERE00" }))).error).toBe("channel_not_found");
    const first = await client.conversations.list({ types: "public_channel", limit: 2 });
    expect(first.channels?.map((c) => c.name)).toEqual([study!.name, corner!.name]);
    const next = await client.conversations.list({ types: "public_channel", limit: 2, cursor: first.response_metadata!.next_cursor! });
    expect(next.channels?.map((c) => c.name)).toEqual([old!.name]);
    expect(next.response_metadata?.next_cursor).toBe("");
    const open = await client.conversations.list({ types: "public_channel", exclude_archived: true });
    expect(open.channels?.map((c) => c.id)).toEqual([study!.id, corner!.id]);
    expect((await client.conversations.list({ types: "private_channel" })).channels).toEqual([]);
    expect((await slackError(client.chat.postMessage({ channel: old!.id, text: "hello" }))).error).toBe("is_archived");
  });

  it("shows an updated message in the channel's history, edited, and no ephemeral one there", async () => {
    const posted = await client.chat.postMessage({ channel: fake.channel, text: "before", blocks: [{ type: "section", text: { type: "mrkdwn", text: "before" } }] });
    await client.chat.postEphemeral({ channel: fake.channel, user: fake.users.bob.id, text: "only bob" });
    await client.chat.update({ channel: fake.channel, ts: posted.ts!, text: "after", blocks: [{ type: "section", text: { type: "mrkdwn", text: "after" } }] });
    const history = await client.conversations.history({ channel: fake.channel, limit: 5 });
    const seen = history.messages?.find((m) => m.ts === posted.ts);
    expect(seen).toMatchObject({ text: "after", edited: { user: fake.botUserId } });
    expect(history.messages?.some((m) => m.text === "only bob")).toBe(false);
  });

  it("rate-limits a method's next call with HTTP 429 and Retry-After, which WebClient waits out", async () => {
    const patient = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR, retryConfig: { retries: 1, minTimeout: 0 } });
    let limited = 0;
    patient.on(WebClientEvent.RATE_LIMITED, () => limited++);
    fake.rateLimitNext("chat.postMessage", 0);
    expect((await patient.chat.postMessage({ channel: fake.channel, text: "after the wait" })).ok).toBe(true);
    expect(limited).toBe(1);
    expect(fake.calls.filter((c) => c.method === "chat.postMessage").slice(-2).map((c) => c.error)).toEqual(["ratelimited", undefined]);
  });

  it("posts, updates and refuses messages as Slack does", async () => {
    const posted = await client.chat.postMessage({ channel: fake.channel, text: "hi", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*hi*" } }, { type: "actions", elements: [button("Next", "next")] }] });
    const m = fake.messages.find((x) => x.ts === posted.ts)!;
    expect(m).toMatchObject({ channel: fake.channel, user: fake.botUserId, text: "hi", edits: 0 });
    expect(m.blocks[1].block_id).toEqual(expect.any(String));
    await client.chat.update({ channel: fake.channel, ts: posted.ts!, text: "bye" });
    expect(m).toMatchObject({ text: "bye", edits: 1 });
    const eph = await client.chat.postEphemeral({ channel: fake.channel, user: fake.users.alice.id, text: "only you" });
    expect(fake.messages.find((x) => x.ts === eph.message_ts)?.ephemeral).toEqual({ user: fake.users.alice.id });
    expect((await slackError(client.chat.update({ channel: fake.channel, ts: eph.message_ts!, text: "x" }))).error).toBe("message_not_found");
    expect((await slackError(client.chat.update({ channel: fake.channel, ts: "1.000001", text: "x" }))).error).toBe("message_not_found");
    expect((await slackError(client.chat.postMessage({ channel: "C0NOWHERE00", text: "x" }))).error).toBe("channel_not_found");
    expect((await slackError(client.chat.postMessage({ channel: fake.channel, text: "" }))).error).toBe("no_text");

    const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
    const tooMuch: [string, any[]][] = [
      ["51 blocks", Array.from({ length: 51 }, () => section("x"))],
      ["a section of 3,001 characters", [section("x".repeat(3001))]],
      ["a button text of 76 characters", [{ type: "actions", elements: [button("b".repeat(76), "a")] }]],
      ["an action_id of 256 characters", [{ type: "actions", elements: [button("b", "a".repeat(256))] }]],
      ["a value of 2,001 characters", [{ type: "actions", elements: [button("b", "a", "v".repeat(2001))] }]],
      ["26 elements in an actions block", [{ type: "actions", elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`, `a${i}`)) }]],
      ["an action_id used twice", [{ type: "actions", elements: [button("b1", "same")] }, { ...section("x"), accessory: button("b2", "same") }]],
    ];
    for (const [what, blocks] of tooMuch) {
      const refused = await slackError(client.chat.postMessage({ channel: fake.channel, text: "t", blocks }));
      expect(refused.error, what).toBe("invalid_blocks");
      expect(refused.messages[0], what).toMatch(/^\[ERROR\] .*\[json-pointer:\/blocks/);
    }
    const fits = await client.chat.postMessage({ channel: fake.channel, text: "t", blocks: [section("x".repeat(3000)), { type: "actions", elements: Array.from({ length: 25 }, (_, i) => button("b".repeat(75), `a${i}`, "v".repeat(2000))) }] });
    expect(fits.ok).toBe(true);
  });

  it("takes a PNG through files.uploadV2 byte for byte, shares it in a thread, lists it and serves it to the bot only", async () => {
    const parent = await client.chat.postMessage({ channel: fake.channel, text: "run" });
    const png = pngBytes();
    const done = await client.files.uploadV2({ channel_id: fake.channel, thread_ts: parent.ts!, file: png, filename: "step-3.png", title: "Step 3", alt_text: "The heap at step 3", initial_comment: "Step 3" });
    expect(done.ok).toBe(true);
    const file = fake.files.at(-1)!;
    expect(file.data.equals(png)).toBe(true);
    expect(file).toMatchObject({ name: "step-3.png", title: "Step 3", altText: "The heap at step 3", channel: fake.channel, threadTs: parent.ts, user: fake.botUserId });
    const shared = fake.messages.find((m) => m.ts === file.messageTs)!;
    expect(shared).toMatchObject({ threadTs: parent.ts, text: "Step 3" });
    expect(shared.files.map((f) => f.id)).toEqual([file.id]);
    expect(fake.calls.map((c) => c.method).slice(-2)).toEqual(["files.getUploadURLExternal", "files.completeUploadExternal"]);

    fake.postAsUser(fake.users.alice, "my homework", [{ name: "homework.py", content: "x = [1, 2]\n" }]);
    const listed = await client.files.list({ channel: fake.channel });
    expect(listed.files?.map((f) => f.name)).toEqual(["homework.py", "step-3.png"]);
    expect((await client.files.list({ user: fake.users.alice.id })).files?.map((f) => f.name)).toEqual(["homework.py"]);

    const asBot = await fetch(file.urlPrivateDownload, { headers: { authorization: `Bearer ${fake.botToken}` } });
    expect(Buffer.from(await asBot.arrayBuffer()).equals(png)).toBe(true);
    const anonymous = await fetch(file.urlPrivateDownload, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect((await fetch(file.urlPrivateDownload)).headers.get("content-type")).toMatch(/text\/html/);
  });

  it("finds the mentions a message would deliver, and none once escaped", async () => {
    const loud = await client.chat.postMessage({ channel: "#study-hall", text: "<!channel> look", blocks: [{ type: "section", text: { type: "mrkdwn", text: `<@${fake.users.bob.id}> and <!subteam^S0123ABCD|@tas>` } }, { type: "section", text: { type: "plain_text", text: "<!here> stays text" } }, { type: "rich_text", elements: [{ type: "rich_text_section", elements: [{ type: "broadcast", range: "here" }] }] }] });
    expect(pings(fake.messages.find((m) => m.ts === loud.ts)!)).toEqual(["<!channel>", `<@${fake.users.bob.id}>`, "<!subteam^S0123ABCD|@tas>", "<!here>"]);
    const quietOne = await client.chat.postMessage({ channel: fake.channel, text: "&lt;!channel&gt; print('&lt;!here&gt;'.upper())" });
    expect(pings(fake.messages.find((m) => m.ts === quietOne.ts)!)).toEqual([]);
  });

  it("opens modals only with a fresh trigger and within Slack's limits", async () => {
    expect((await slackError(client.views.open({ trigger_id: "12345.98765.abcd", view: { type: "modal", title: { type: "plain_text", text: "Run" }, blocks: [] } }))).error).toBe("invalid_trigger_id");
  });
});

describe("Socket Mode through the real SocketModeClient", () => {
  let fake: FakeSlack;
  const clients: any[] = [];
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    for (const c of clients) await c.disconnect();
    await fake.close();
  });

  it("connects with the app token, receives a slash command envelope, acks it, and reconnects after a disconnect", async () => {
    const socket = new SocketModeClient({ appToken: fake.appToken, clientOptions: { slackApiUrl: fake.apiUrl }, clientPingTimeout: 900, logLevel: LogLevel.ERROR });
    clients.push(socket);
    const bodies: any[] = [];
    socket.on("slash_commands", async ({ ack, body }: any) => {
      bodies.push(body);
      await ack({ text: `got ${body.text}` });
    });
    await socket.start();
    await fake.socket.connected();
    expect(fake.socket.connections).toBe(1);
    const acked = await fake.slash("run print(1)", fake.users.bob);
    expect(acked).toEqual({ via: "socket", status: 200, body: { text: "got run print(1)" } });
    expect(bodies[0]).toMatchObject({ command: "/memsim", text: "run print(1)", user_id: fake.users.bob.id, channel_id: fake.channel, team_id: fake.teamId });
    expect(bodies[0].response_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/commands\//);

    const opened = fake.calls.filter((c) => c.method === "apps.connections.open").length;
    fake.socket.disconnect("refresh_requested");
    await until("a second connection", () => fake.calls.filter((c) => c.method === "apps.connections.open").length > opened && fake.socket.connections === 1);
    expect((await fake.slash("help")).body).toEqual({ text: "got help" });
  });

  it("refuses a wrong app token, and a bot token, at apps.connections.open", async () => {
    const web = new WebClient("", { slackApiUrl: fake.apiUrl, ...quiet, headers: { Authorization: "Bearer xapp-1-A000-wrong" } });
    expect((await slackError(web.apps.connections.open({})))?.error).toBe("invalid_auth");
    const bot = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, ...quiet });
    expect((await slackError(bot.apps.connections.open({})))?.error).toBe("not_allowed_token_type");
  });
});

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8"));

/** Every key path of a JSON value, array items merged under "[]". */
function keyPaths(value: unknown, at = "", into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keyPaths(item, `${at}[]`, into);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(`${at}.${k}`);
      keyPaths(v, `${at}.${k}`, into);
    }
  }
  return into;
}

describe("the payloads people send", () => {
  let fake: FakeSlack;
  let socket: any;
  const received: { type: string; body: any; accepts: boolean }[] = [];
  beforeAll(async () => {
    fake = await startFakeSlack();
    socket = new SocketModeClient({ appToken: fake.appToken, clientOptions: { slackApiUrl: fake.apiUrl }, logLevel: LogLevel.ERROR });
    socket.on("slack_event", async ({ ack, type, body, accepts_response_payload }: any) => {
      received.push({ type, body, accepts: accepts_response_payload });
      await ack();
    });
    await socket.start();
  });
  afterAll(async () => {
    await socket.disconnect();
    await fake.close();
  });

  it("have the fields of the fixtures, which follow Slack's documented examples", async () => {
    const client = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, ...quiet });
    await fake.slash("run print(1 < 2)");
    const slash = received.at(-1)!;
    expect(slash.type).toBe("slash_commands");
    expect(slash.body.text).toBe("run print(1 &lt; 2)");
    expect(keyPaths(slash.body)).toEqual(keyPaths(fixture("slash_command")));

    const view = fixture("view_submission").view;
    const { view: opened } = await client.views.open({ trigger_id: slash.body.trigger_id, view: { type: "modal", title: view.title, submit: view.submit, close: view.close, blocks: view.blocks, callback_id: view.callback_id, private_metadata: view.private_metadata } });
    await fake.submitView({ id: opened!.id!, view: opened }, { code: "x = [1]" });
    expect(received.slice(-2).map((r) => r.accepts)).toEqual([true, true]);
    expect(received.at(-1)!.body.view.state.values).toEqual({ code: { code: { type: "plain_text_input", value: "x = [1]" } } });
    expect(keyPaths(received.at(-1)!.body)).toEqual(keyPaths(fixture("view_submission")));

    const asked = fake.postAsUser(fake.users.alice, "Why?\n```a = [1]\nb = a```", [{ name: "grow.py", content: "nums = [1, 2]\n" }]);
    await fake.shortcut(asked, fake.users.bob);
    const shortcut = received.at(-1)!.body;
    expect(shortcut).toMatchObject({ type: "message_action", callback_id: "memsim_simulate", message_ts: asked.ts, user: { id: fake.users.bob.id } });
    expect(keyPaths(shortcut)).toEqual(keyPaths(fixture("message_action")));
    expect(shortcut.message.blocks[0].elements.map((e: any) => [e.type, e.elements[0].text])).toEqual([
      ["rich_text_section", "Why?\n"],
      ["rich_text_preformatted", "a = [1]\nb = a"],
    ]);
    const download = await fetch(shortcut.message.files[0].url_private_download, { headers: { authorization: `Bearer ${fake.botToken}` } });
    expect(await download.text()).toBe("nums = [1, 2]\n");

    const blocks = fixture("block_actions").message.blocks;
    const parent = await client.chat.postMessage({ channel: fake.channel, text: "run" });
    const posted = await client.chat.postMessage({ channel: fake.channel, thread_ts: parent.ts!, text: "Step 3 of 6", blocks });
    await fake.press(fake.messages.find((m) => m.ts === posted.ts)!, "Next ▶");
    const press = received.at(-1)!.body;
    expect(press).toMatchObject({ type: "block_actions", container: { is_ephemeral: false, message_ts: posted.ts }, actions: [{ action_id: "memsim-button:0:1", value: "ms1:step:9f3a2c01:4:en" }] });
    expect(keyPaths(press)).toEqual(keyPaths(fixture("block_actions")));

    const eph = await client.chat.postEphemeral({ channel: fake.channel, user: fake.users.bob.id, text: "Step 3 of 6", blocks });
    await fake.press(fake.messages.find((m) => m.ts === eph.message_ts)!, "◀ Back", fake.users.bob);
    expect(received.slice(-2).map((r) => r.accepts)).toEqual([false, false]);
    const ephPress = received.at(-1)!.body;
    expect(ephPress.message).toBeUndefined();
    expect(ephPress.container).toEqual({ type: "message", message_ts: eph.message_ts, channel_id: fake.channel, is_ephemeral: true });
    expect(keyPaths(ephPress)).toEqual(keyPaths(fixture("block_actions_ephemeral")));
  });

  it("show a slash command's ack as Slack does: text or blocks become a message for the user, or for the channel", async () => {
    const before = fake.messages.length;
    socket.once("slash_commands", async ({ ack }: any) => ack({ response_type: "in_channel", text: "Running for everyone" }));
    // the slack_event listener acks first: the payload-less ack shows nothing
    socket.removeAllListeners("slack_event");
    await fake.slash("run x = 1");
    expect(fake.messages.slice(before)).toMatchObject([{ text: "Running for everyone", user: fake.botUserId }]);
    expect(fake.messages.at(-1)!.ephemeral).toBeUndefined();
    socket.once("slash_commands", async ({ ack }: any) => ack({ text: "Only you see this" }));
    await fake.slash("help", fake.users.bob);
    expect(fake.messages.at(-1)).toMatchObject({ text: "Only you see this", ephemeral: { user: fake.users.bob.id } });
    socket.once("slash_commands", async ({ ack }: any) => ack());
    await fake.slash("help");
    expect(fake.messages.length).toBe(before + 2);
    socket.on("slack_event", async ({ ack, type, body, accepts_response_payload }: any) => {
      received.push({ type, body, accepts: accepts_response_payload });
      await ack();
    });
  });

  it("answer response_urls: ephemeral by default, in the channel when asked, replacing or deleting what they came with", async () => {
    const post = (url: string, body: object) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    await fake.slash("help", fake.users.bob);
    const url = received.at(-1)!.body.response_url;
    expect((await post(url, { text: "working" })).status).toBe(200);
    const first = fake.messages.at(-1)!;
    expect(first).toMatchObject({ text: "working", ephemeral: { user: fake.users.bob.id }, responseUrl: url, edits: 0 });
    expect((await post(url, { text: "done", replace_original: true })).status).toBe(200);
    expect(first).toMatchObject({ text: "done", edits: 1 });
    expect((await post(url, { text: "for everyone", response_type: "in_channel" })).status).toBe(200);
    expect(fake.messages.at(-1)).toMatchObject({ text: "for everyone", user: fake.botUserId });
    expect(fake.messages.at(-1)!.ephemeral).toBeUndefined();
    expect((await post(url, { text: "", blocks: [] })).status).toBe(400);
    expect((await post(url, { delete_original: true })).status).toBe(200);
    expect(first.deleted).toBe(true);
    expect(fake.responses.filter((r) => r.url === url).length).toBe(5);
    expect((await post(url, { text: "a sixth time" })).status).toBe(404);
  });
});

describe("an app that never acks", () => {
  it("fails the delivery after Slack's wait, over Socket Mode and over HTTP", async () => {
    const fake = await startFakeSlack({ ackTimeoutMs: 300 });
    const socket = new SocketModeClient({ appToken: fake.appToken, clientOptions: { slackApiUrl: fake.apiUrl }, logLevel: LogLevel.ERROR });
    const { createServer } = await import("node:http");
    const silent = createServer(() => {});
    try {
      await socket.start();
      await expect(fake.slash("help")).rejects.toThrow(/did not ack/);
      await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
      fake.useHttp(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/slack/events`);
      await expect(fake.slash("help")).rejects.toThrow(/did not answer/);
    } finally {
      await socket.disconnect();
      silent.closeAllConnections();
      silent.close();
      await fake.close();
    }
  });
});

/** A Bolt app with a command that posts a message with a button and opens a modal, a button that replaces, and a modal that answers ephemerally. */
function boltApp(fake: FakeSlack, mode: "socket" | "http"): App {
  const app = new App({
    token: fake.botToken,
    ...(mode === "socket" ? { socketMode: true, appToken: fake.appToken } : { signingSecret: fake.signingSecret }),
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  app.command("/memsim", async ({ ack, command, client }) => {
    await ack({ response_type: "ephemeral", text: `Running ${command.text}` });
    if (command.text === "run") {
      await client.views.open({ trigger_id: command.trigger_id, view: { type: "modal", callback_id: "memsim_run", title: { type: "plain_text", text: "Simulate memory" }, submit: { type: "plain_text", text: "Run" }, blocks: [{ type: "input", block_id: "code", label: { type: "plain_text", text: "Code" }, element: { type: "plain_text_input", action_id: "code", multiline: true } }] } });
      return;
    }
    await client.chat.postMessage({ channel: command.channel_id, text: `step 1 of ${command.text}`, blocks: [{ type: "section", text: { type: "mrkdwn", text: "step 1" } }, { type: "actions", elements: [button("Next step", "memsim_next", "2")] }] });
  });
  app.action("memsim_next", async ({ ack, respond, body }) => {
    await ack();
    const ephemeral = (body as any).container?.is_ephemeral === true;
    await respond({ replace_original: true, text: `step 2 (${ephemeral ? "ephemeral" : "public"})` });
  });
  app.message(async ({ message, client }) => {
    const file = (message as any).files?.[0];
    if ((message as any).subtype !== "file_share" || !file) return;
    const got = await fetch(file.url_private_download, { headers: { authorization: `Bearer ${fake.botToken}` } });
    await client.chat.postMessage({ channel: (message as any).channel, thread_ts: (message as any).ts, text: `got ${file.name}: ${await got.text()}` });
  });
  app.view("memsim_run", async ({ ack, view, body, client }) => {
    await ack();
    const code = view.state.values.code?.code?.value ?? "";
    await client.chat.postEphemeral({ channel: fake.channel, user: body.user.id, text: `ran ${code}`, blocks: [{ type: "section", text: { type: "mrkdwn", text: `ran ${code}` } }, { type: "actions", elements: [button("Next step", "memsim_next")] }] });
  });
  return app;
}

/** Bolt's stop() resolves before the WebSocket's close handshake; wait for it so no connection is cut later. */
async function stopSocketApp(fake: FakeSlack, app: App): Promise<void> {
  await app.stop();
  await until("the app's connection to close", () => fake.socket.connections === 0);
}

describe("a real Bolt app", () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack({ signingSecret: "e1b1a2ac3a4f4d7e8b9c0d1e2f3a4b5c" });
  });
  afterAll(() => fake.close());
  afterEach(() => vi.useRealTimers());

  it("in Socket Mode answers /memsim and a button press on its public message", async () => {
    const app = boltApp(fake, "socket");
    await app.start();
    try {
      await fake.socket.connected();
      const acked = await fake.slash("aliasing", fake.users.alice);
      expect(acked).toMatchObject({ via: "socket", body: { response_type: "ephemeral", text: "Running aliasing" } });
      const message = await until("the step message", () => fake.messages.find((m) => m.text === "step 1 of aliasing"));
      await fake.press(message, "Next step");
      await until("the replaced message", () => message.edits === 1);
      expect(message.text).toBe("step 2 (public)");
      const shared = fake.postAsUser(fake.users.bob, "please run this", [{ name: "grow.py", content: "nums = [1]\n" }]);
      expect(await fake.messageEvent(shared)).toMatchObject({ via: "socket", status: 200 });
      await until("the file's answer", () => fake.messages.find((m) => m.text === "got grow.py: nums = [1]\n"));
      expect(fake.responses.at(-1)?.body).toMatchObject({ replace_original: true });
    } finally {
      await stopSocketApp(fake, app);
    }
  });

  it("over HTTP checks signatures, opens a modal, takes its submission, and replaces an ephemeral message through its response_url", async () => {
    const app = boltApp(fake, "http");
    const server = (await app.start(0)) as Server;
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
      fake.useHttp(url);
      const acked = await fake.slash("run", fake.users.bob);
      expect(acked).toEqual({ via: "http", status: 200, body: { response_type: "ephemeral", text: "Running run" } });
      const opened = await until("the modal", () => fake.views.at(-1));
      expect(opened).toMatchObject({ user: fake.users.bob.id, view: { callback_id: "memsim_run", title: { text: "Simulate memory" } } });
      expect((await fake.submitView(opened, { code: "x = [1]" }, fake.users.bob)).status).toBe(200);
      const eph = await until("the ephemeral answer", () => fake.messages.find((m) => m.text === "ran x = [1]"));
      expect(eph.ephemeral).toEqual({ user: fake.users.bob.id });
      expect(() => fake.press(eph, "Next step", fake.users.alice)).toThrow(/only/);
      await fake.press(eph, "Next step", fake.users.bob);
      await until("the replaced ephemeral message", () => eph.edits === 1);
      expect(eph.text).toBe("step 2 (ephemeral)");
      const shared = fake.postAsUser(fake.users.alice, "and this", [{ name: "b.py", content: "b = 2\n" }]);
      expect(await fake.messageEvent(shared)).toMatchObject({ via: "http", status: 200 });
      await until("the file's answer over HTTP", () => fake.messages.find((m) => m.text === "got b.py: b = 2\n"));

      const body = new URLSearchParams({ command: "/memsim", text: "help", team_id: fake.teamId, channel_id: fake.channel, user_id: fake.users.alice.id, trigger_id: "1.2.3" }).toString();
      const form = "application/x-www-form-urlencoded";
      expect((await fake.signedPost(url, body, form, { secret: "not-the-secret" })).status).toBe(401);
      expect((await fake.signedPost(url, body, form, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
      expect((await fake.signedPost(url, body, form)).status).toBe(200);
      expect(signature("8f742231b10e8888abcd99yyyzzz85a5", 1531420618, "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")).toBe(
        "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
      );
    } finally {
      fake.useHttp(undefined);
      await app.stop();
    }
  });

  it("refuses stale triggers, long titles, big modals, and response_urls used too often or too late", async () => {
    const client = new WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, ...quiet });
    const triggers: string[] = [];
    const responseUrls: string[] = [];
    const app = new App({ token: fake.botToken, socketMode: true, appToken: fake.appToken, clientOptions: { slackApiUrl: fake.apiUrl }, logLevel: LogLevel.ERROR });
    app.command("/memsim", async ({ ack, command }) => {
      triggers.push(command.trigger_id);
      responseUrls.push(command.response_url);
      await ack();
    });
    await app.start();
    try {
      for (let i = 0; i < 5; i++) await fake.slash(`t${i}`);
      const modal = (title: string, blocks: any[] = []) => ({ type: "modal" as const, title: { type: "plain_text" as const, text: title }, blocks });
      const title25 = await slackError(client.views.open({ trigger_id: triggers[0]!, view: modal("t".repeat(25)) }));
      expect(title25).toMatchObject({ error: "invalid_arguments", messages: [expect.stringContaining("/view/title/text")] });
      const blocks101 = Array.from({ length: 101 }, () => ({ type: "divider" }));
      expect((await slackError(client.views.open({ trigger_id: triggers[0]!, view: modal("Run", blocks101) }))).error).toBe("invalid_arguments");
      expect((await client.views.open({ trigger_id: triggers[0]!, view: modal("t".repeat(24), blocks101.slice(1)) })).ok).toBe(true);
      expect((await slackError(client.views.open({ trigger_id: triggers[0]!, view: modal("Run") }))).error).toBe("exchanged_trigger_id");

      const post = (url: string) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "hello" }) });
      for (let i = 0; i < 5; i++) expect((await post(responseUrls[1]!)).status).toBe(200);
      expect((await post(responseUrls[1]!)).status).toBe(404);
      expect(fake.messages.filter((m) => m.responseUrl === responseUrls[1]).length).toBe(5);

      vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 3_001 });
      expect((await slackError(client.views.open({ trigger_id: triggers[2]!, view: modal("Run") }))).error).toBe("expired_trigger_id");
      vi.setSystemTime(Date.now() + 30 * 60_000);
      expect((await post(responseUrls[3]!)).status).toBe(404);
      vi.useRealTimers();
      expect((await post(responseUrls[4]!)).status).toBe(200);
    } finally {
      vi.useRealTimers();
      await stopSocketApp(fake, app);
    }
  });
});
