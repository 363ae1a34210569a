/** The Slack app manifest declares what the adapter answers to: the command, the shortcut, the scopes. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MEMSIM, SIMULATE_MESSAGE, SUBCOMMANDS } from "../../../commands/memsim.js";
import { translator } from "../../../src/i18n/index.js";
import { BOT_EVENTS, BOT_SCOPES, SHORTCUT_CALLBACK_ID, SLACK_COMMAND } from "../../../src/frontends/slack/index.js";

const path = join(import.meta.dirname, "..", "..", "..", "assets", "slack", "manifest.json");
const manifest = JSON.parse(readFileSync(path, "utf8")) as {
  _metadata: { major_version: number };
  display_information: { name: string; description: string; long_description?: string };
  features: {
    bot_user: { display_name: string };
    slash_commands: { command: string; description: string; usage_hint?: string; should_escape?: boolean }[];
    shortcuts: { name: string; type: string; callback_id: string; description: string }[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: { interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean; event_subscriptions?: unknown };
};
const en = translator("en");

describe("the Slack app manifest", () => {
  it("names the app and its bot memsim, within Slack's limits", () => {
    expect(manifest._metadata.major_version).toBe(1);
    expect(manifest.display_information.name).toBe("memsim");
    expect(manifest.display_information.description).toBe(en.t(MEMSIM.description));
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    const long = manifest.display_information.long_description ?? "";
    expect(long.length).toBeGreaterThanOrEqual(175);
    expect(long.length).toBeLessThanOrEqual(4000);
    expect(manifest.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
  });

  it("declares the one slash command the adapter listens for, described as the catalog says", () => {
    expect(manifest.features.slash_commands).toHaveLength(1);
    const [command] = manifest.features.slash_commands;
    expect(command!.command).toBe(SLACK_COMMAND);
    expect(command!.command).toBe(`/${MEMSIM.name}`);
    expect(command!.command.length).toBeLessThanOrEqual(32);
    expect(command!.description).toBe(en.t(MEMSIM.description));
    expect(command!.should_escape).toBe(false);
    for (const sub of SUBCOMMANDS) expect(command!.usage_hint).toContain(sub);
    expect(command!.usage_hint!.length).toBeLessThanOrEqual(1000);
  });

  it("declares the message shortcut with the action's label and the callback id the adapter matches", () => {
    expect(manifest.features.shortcuts).toHaveLength(1);
    const [shortcut] = manifest.features.shortcuts;
    expect(shortcut!.type).toBe("message");
    expect(shortcut!.callback_id).toBe(SHORTCUT_CALLBACK_ID);
    expect(shortcut!.name).toBe(en.t(SIMULATE_MESSAGE.label));
    expect(shortcut!.description.length).toBeGreaterThan(0);
    expect(shortcut!.description.length).toBeLessThanOrEqual(150);
  });

  it("asks for exactly the bot scopes and events the adapter uses, with interactivity and Socket Mode on", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions).toEqual({ bot_events: [...BOT_EVENTS] });
  });
});
