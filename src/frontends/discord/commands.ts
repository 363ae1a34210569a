/**
 * The platform-neutral command description (commands/memsim.ts) as Discord application
 * commands: one chat-input command with subcommands, and the message context-menu command.
 * Descriptions and choice names come from the catalog, with Chinese localizations.
 */
import { ApplicationCommandOptionType, ApplicationCommandType, type RESTPutAPIApplicationCommandsJSONBody } from "discord.js";
import { MEMSIM, SIMULATE_MESSAGE, type OptionSpec } from "../../../commands/memsim.js";
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
  }
}

/** The JSON body Discord's bulk-overwrite endpoints take (guild or global). */
export function discordCommands(): RESTPutAPIApplicationCommandsJSONBody {
  const simulate = localized(SIMULATE_MESSAGE.label, 32);
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: MEMSIM.name,
      ...description(MEMSIM.description),
      options: MEMSIM.subcommands.map((sub) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: sub.name,
        ...description(sub.description),
        options: sub.options.map(option),
      })),
    },
    { type: ApplicationCommandType.Message, name: simulate.text, name_localizations: simulate.localizations },
  ] as RESTPutAPIApplicationCommandsJSONBody;
}

/** The message command's registered name (what Discord sends back when it is used). */
export function simulateCommandName(): string {
  return en.t(SIMULATE_MESSAGE.label).slice(0, 32);
}
