/**
 * What Slack checks in the blocks of messages and views before it takes them, with its own
 * error codes: invalid_blocks for messages, invalid_arguments for views, and the
 * "[ERROR] … [json-pointer:…]" lines it puts in response_metadata.messages.
 */
import { randomBytes } from "node:crypto";

export interface Refusal {
  error: string;
  messages: string[];
}

const BLOCK_TYPES = new Set(["section", "actions", "context", "divider", "header", "image", "input", "file", "rich_text", "video", "markdown"]);

function textOf(t: any): string | undefined {
  return t && typeof t === "object" && typeof t.text === "string" ? t.text : undefined;
}

function tooLong(problems: string[], value: unknown, max: number, pointer: string): void {
  if (typeof value === "string" && value.length > max) problems.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:${pointer}]`);
}

function buttonProblems(el: any, pointer: string, problems: string[], actionIds: Set<string>): void {
  const text = textOf(el.text);
  if (text === undefined || el.text.type !== "plain_text") problems.push(`[ERROR] must provide a plain_text object [json-pointer:${pointer}/text]`);
  tooLong(problems, text, 75, `${pointer}/text/text`);
  tooLong(problems, el.action_id, 255, `${pointer}/action_id`);
  tooLong(problems, el.value, 2000, `${pointer}/value`);
  tooLong(problems, el.url, 3000, `${pointer}/url`);
  if (el.style !== undefined && el.style !== "primary" && el.style !== "danger") problems.push(`[ERROR] must be one of primary, danger [json-pointer:${pointer}/style]`);
  if (typeof el.action_id === "string") {
    if (actionIds.has(el.action_id)) problems.push(`[ERROR] action_id "${el.action_id}" is already used in another element [json-pointer:${pointer}/action_id]`);
    actionIds.add(el.action_id);
  }
}

/** The problems of one list of blocks (a message's or a view's). */
export function blocksProblems(blocks: unknown, maxBlocks: number, pointer: string): string[] {
  if (!Array.isArray(blocks)) return [`[ERROR] must be an array [json-pointer:${pointer}]`];
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`[ERROR] no more than ${maxBlocks} items allowed [json-pointer:${pointer}]`);
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block: any, i) => {
    const at = `${pointer}/${i}`;
    if (!block || typeof block !== "object" || !BLOCK_TYPES.has(block.type)) {
      problems.push(`[ERROR] unsupported type: ${block?.type} [json-pointer:${at}/type]`);
      return;
    }
    if (typeof block.block_id === "string") {
      tooLong(problems, block.block_id, 255, `${at}/block_id`);
      if (blockIds.has(block.block_id)) problems.push(`[ERROR] block_id "${block.block_id}" is already used [json-pointer:${at}/block_id]`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case "section":
        if (textOf(block.text) === undefined && !Array.isArray(block.fields)) problems.push(`[ERROR] must provide either text or fields [json-pointer:${at}]`);
        tooLong(problems, textOf(block.text), 3000, `${at}/text/text`);
        if (Array.isArray(block.fields)) {
          if (block.fields.length > 10) problems.push(`[ERROR] no more than 10 items allowed [json-pointer:${at}/fields]`);
          block.fields.forEach((f: any, j: number) => tooLong(problems, textOf(f), 2000, `${at}/fields/${j}/text`));
        }
        if (block.accessory?.type === "button") buttonProblems(block.accessory, `${at}/accessory`, problems, actionIds);
        break;
      case "header":
        if (block.text?.type !== "plain_text") problems.push(`[ERROR] must provide a plain_text object [json-pointer:${at}/text]`);
        tooLong(problems, textOf(block.text), 150, `${at}/text/text`);
        break;
      case "context":
        if (!Array.isArray(block.elements) || block.elements.length === 0 || block.elements.length > 10) problems.push(`[ERROR] must have 1 to 10 elements [json-pointer:${at}/elements]`);
        break;
      case "actions":
        if (!Array.isArray(block.elements) || block.elements.length === 0) problems.push(`[ERROR] must provide at least 1 element [json-pointer:${at}/elements]`);
        else {
          if (block.elements.length > 25) problems.push(`[ERROR] no more than 25 items allowed [json-pointer:${at}/elements]`);
          block.elements.forEach((el: any, j: number) => {
            if (el?.type === "button") buttonProblems(el, `${at}/elements/${j}`, problems, actionIds);
            else if (typeof el?.action_id === "string") actionIds.add(el.action_id);
          });
        }
        break;
      case "image":
        if (typeof block.image_url !== "string" && block.slack_file === undefined) problems.push(`[ERROR] must provide image_url or slack_file [json-pointer:${at}]`);
        if (typeof block.alt_text !== "string") problems.push(`[ERROR] missing required field: alt_text [json-pointer:${at}]`);
        tooLong(problems, block.alt_text, 2000, `${at}/alt_text`);
        break;
      case "input":
        if (block.label?.type !== "plain_text") problems.push(`[ERROR] must provide a plain_text object [json-pointer:${at}/label]`);
        tooLong(problems, textOf(block.label), 2000, `${at}/label/text`);
        if (!block.element || typeof block.element !== "object") problems.push(`[ERROR] missing required field: element [json-pointer:${at}]`);
        else if (typeof block.element.action_id === "string") {
          tooLong(problems, block.element.action_id, 255, `${at}/element/action_id`);
          if (actionIds.has(block.element.action_id)) problems.push(`[ERROR] action_id "${block.element.action_id}" is already used [json-pointer:${at}/element/action_id]`);
          actionIds.add(block.element.action_id);
        }
        break;
    }
  });
  return problems;
}

/** chat.postMessage, chat.postEphemeral, chat.update, response_url and completeUploadExternal. */
export function messageRefusal(text: unknown, blocks: unknown): Refusal | undefined {
  const hasBlocks = Array.isArray(blocks) && blocks.length > 0;
  if ((typeof text !== "string" || text.length === 0) && !hasBlocks) return { error: "no_text", messages: [] };
  if (typeof text === "string" && text.length > 40_000) return { error: "msg_too_long", messages: [] };
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks)) return { error: "invalid_blocks_format", messages: [] };
  const problems = blocksProblems(blocks, 50, "/blocks");
  return problems.length > 0 ? { error: "invalid_blocks", messages: problems } : undefined;
}

/** views.open: a modal's title, buttons, ids and at most 100 blocks. */
export function viewRefusal(view: any): Refusal | undefined {
  if (!view || typeof view !== "object") return { error: "invalid_arguments", messages: ["[ERROR] missing required field: view [json-pointer:/view]"] };
  const problems: string[] = [];
  if (view.type !== "modal") problems.push(`[ERROR] must be one of modal [json-pointer:/view/type]`);
  if (view.title?.type !== "plain_text") problems.push(`[ERROR] must provide a plain_text object [json-pointer:/view/title]`);
  tooLong(problems, textOf(view.title), 24, "/view/title/text");
  tooLong(problems, textOf(view.submit), 24, "/view/submit/text");
  tooLong(problems, textOf(view.close), 24, "/view/close/text");
  tooLong(problems, view.callback_id, 255, "/view/callback_id");
  tooLong(problems, view.private_metadata, 3000, "/view/private_metadata");
  tooLong(problems, view.external_id, 255, "/view/external_id");
  problems.push(...blocksProblems(view.blocks, 100, "/view/blocks"));
  if (Array.isArray(view.blocks) && view.blocks.some((b: any) => b?.type === "input") && view.submit === undefined) {
    problems.push("[ERROR] must provide a submit property when using input blocks [json-pointer:/view]");
  }
  return problems.length > 0 ? { error: "invalid_arguments", messages: problems } : undefined;
}

/** Slack gives every block without a block_id a short random one, and every input element an action_id. */
export function withIds(blocks: any[]): any[] {
  return blocks.map((b) => {
    const block = { ...b, block_id: b.block_id ?? randomBytes(3).toString("base64url") };
    if (block.type === "input" && block.element && block.element.action_id === undefined) {
      block.element = { ...block.element, action_id: randomBytes(3).toString("base64url") };
    }
    return block;
  });
}
