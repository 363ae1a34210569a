/**
 * The platform-neutral command description (commands/memsim.ts) as Discord application
 * commands: one chat-input command with subcommands, and the message context-menu command.
 * Descriptions and choice names come from the catalog, with Chinese localizations.
 */
import { ApplicationCommandOptionType, ApplicationCommandType, ChannelType, type RESTPutAPIApplicationCommandsJSONBody } from "discord.js";
import { commandPath, MEMSIM, SIMULATE_MESSAGE, type OptionSpec, type SubcommandSpec } from "../../../commands/memsim.js";
import { translator } from "../../i18n/index.js";

const en = translator("en");
const zh = translator("zh-CN");

/** A text in English, with its Chinese localization (Discord's locale key is "zh-CN"). */
function localized(key: string, limit: number): { text: string; localizations: { "zh-CN": string } } {
  return { text: en.t(key).slice(0, limit), localizations: { "zh-CN": zh.t(key).slice(0, limit) } };
}

function description(key: string) {
  const d = localized(key, 100);
  return { description: d.text, description_localizations: d.localizations };
}

function option(spec: OptionSpec) {
  const base = { name: spec.name, ...description(spec.description), required: spec.required ?? false };
  switch (spec.type) {
    case "text":
      return { ...base, type: ApplicationCommandOptionType.String, max_length: Math.min(spec.maxLength, 6000) };
    case "integer":
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: spec.min, max_value: spec.max };
    case "choice":
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: spec.choices.map((value) => {
          const name = spec.choiceLabels ? localized(`${spec.choiceLabels}.${value}`, 100) : { text: value, localizations: { "zh-CN": value } };
          return { name: name.text, name_localizations: name.localizations, value };
        }),
      };
    case "attachment":
      return { ...base, type: ApplicationCommandOptionType.Attachment };
    case "channel":
      // channels people read messages in: a server's text and announcement channels
      return { ...base, type: ApplicationCommandOptionType.Channel, channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement] };
  }
}

function subcommand(sub: SubcommandSpec) {
  return { type: ApplicationCommandOptionType.Subcommand, name: commandPath(sub.name).sub, ...description(sub.description), options: sub.options.map(option) };
}

/** `/memsim`'s options: its own subcommands, then each group with its subcommands, in the description's order. */
function memsimOptions() {
  const out: unknown[] = [];
  for (const sub of MEMSIM.subcommands) {
    const { group } = commandPath(sub.name);
    if (group === undefined) {
      out.push(subcommand(sub));
      continue;
    }
    if (out.some((o) => (o as { name: string }).name === group)) continue;
    const spec = MEMSIM.groups.find((g) => g.name === group)!;
    const members = MEMSIM.subcommands.filter((s) => commandPath(s.name).group === group);
    out.push({ type: ApplicationCommandOptionType.SubcommandGroup, name: group, ...description(spec.description), options: members.map(subcommand) });
  }
  return out;
}

/** The JSON body Discord's bulk-overwrite endpoints take (guild or global). */
export function discordCommands(): RESTPutAPIApplicationCommandsJSONBody {
  const simulate = localized(SIMULATE_MESSAGE.label, 32);
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: MEMSIM.name,
      ...description(MEMSIM.description),
      options: memsimOptions(),
    },
    { type: ApplicationCommandType.Message, name: simulate.text, name_localizations: simulate.localizations },
  ] as RESTPutAPIApplicationCommandsJSONBody;
}

/** The message command's registered name (what Discord sends back when it is used). */
export function simulateCommandName(): string {
  return en.t(SIMULATE_MESSAGE.label).slice(0, 32);
}
