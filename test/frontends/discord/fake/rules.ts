/**
 * Discord's limits on what a bot sends, checked the way Discord answers them (400, code
 * 50035 "Invalid Form Body"): message length, components, custom ids, files, modals.
 */
import type { UploadedFile } from "./body.js";

interface Component {
  type: number;
  custom_id?: string;
  label?: string;
  components?: Component[];
  component?: Component;
  style?: number;
  max_length?: number;
  placeholder?: string;
  value?: string;
}

export function messageProblems(body: Record<string, unknown>, files: UploadedFile[]): string[] {
  const problems: string[] = [];
  const content = body.content;
  if (content !== undefined && content !== null && (typeof content !== "string" || content.length > 2000)) {
    problems.push(`content: must be 2000 or fewer in length (${String(content).length})`);
  }
  const rows = (body.components as Component[] | undefined) ?? [];
  if (rows.length > 5) problems.push("components: must be 5 or fewer in length");
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.type !== 1) problems.push("components: top level must be action rows");
    const buttons = row.components ?? [];
    if (buttons.length > 5) problems.push("components: a row holds 5 or fewer buttons");
    for (const b of buttons) {
      if (b.type !== 2) continue;
      if (!b.custom_id || b.custom_id.length > 100) problems.push(`custom_id: must be 1 to 100 characters (${b.custom_id})`);
      else if (ids.has(b.custom_id)) problems.push(`custom_id: duplicate ${b.custom_id}`);
      else ids.add(b.custom_id);
      if (b.label && b.label.length > 80) problems.push("label: must be 80 or fewer in length");
    }
  }
  const attachments = (body.attachments as { id: string | number; description?: string }[] | undefined) ?? [];
  for (const a of attachments) if (a.description && a.description.length > 1024) problems.push("attachments.description: must be 1024 or fewer in length");
  if (files.length > 10) problems.push("files: 10 or fewer per message");
  const total = files.reduce((n, f) => n + f.data.length, 0);
  if (total > 10 * 1024 * 1024) problems.push("files: larger than 10 MiB together");
  return problems;
}

export function modalProblems(data: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const title = data.title;
  if (typeof title !== "string" || title.length < 1 || title.length > 45) problems.push("title: must be 1 to 45 characters");
  const id = data.custom_id;
  if (typeof id !== "string" || id.length > 100) problems.push("custom_id: must be 1 to 100 characters");
  const components = (data.components as Component[] | undefined) ?? [];
  if (components.length < 1 || components.length > 5) problems.push("components: a modal holds 1 to 5 components");
  for (const c of components) {
    const input = c.type === 18 ? c.component : c.type === 1 ? c.components?.[0] : undefined;
    if (c.type === 18 && (!c.label || c.label.length > 45)) problems.push("label: must be 1 to 45 characters");
    if (!input || input.type !== 4) {
      problems.push("components: expected text inputs");
      continue;
    }
    if (!input.custom_id) problems.push("custom_id: required on a text input");
    if (input.max_length !== undefined && (input.max_length < 1 || input.max_length > 4000)) problems.push("max_length: must be 1 to 4000");
    if (input.placeholder && input.placeholder.length > 100) problems.push("placeholder: must be 100 or fewer in length");
    if (input.value !== undefined && (typeof input.value !== "string" || input.value.length > (input.max_length ?? 4000))) problems.push("value: must be no longer than max_length");
  }
  return problems;
}
