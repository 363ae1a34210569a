/**
 * inspect_request: what a name of the session refers to, read from the last cell's Trace (the
 * module frame's names at its last step, with their objects' types, sizes and addresses), so
 * no learner code runs to answer it.
 */
import type { MemoryState } from "../../../core/state.js";
import type { Trace } from "../../../core/trace.js";
import { TraceView } from "../../../core/view.js";
import { describeObject, slotText } from "../../../explain/index.js";
import type { Translator } from "../../../i18n/index.js";
import { md } from "./account.js";
import { BUILTINS, KEYWORDS } from "./complete.js";

/** Characters of a value shown when inspecting */
const VALUE_CHARS = 300;

/** The module frame's names at the Trace's last step. */
function moduleState(trace: Trace | undefined): MemoryState | undefined {
  if (!trace || trace.steps.length === 0) return undefined;
  return TraceView.of(trace).state(trace.steps.length - 1);
}

/** The names the session holds, as far as the last cell's Trace shows them. */
export function sessionNames(trace: Trace | undefined): string[] {
  const frame = moduleState(trace)?.frames[0];
  return frame ? Object.keys(frame.vars).sort() : [];
}

/** What a container holds, item by item as the Trace shows them (undefined for a value that is not a container). */
function heldText(trace: Trace, state: MemoryState, id: string, tr: Translator): string | undefined {
  const live = state.objects.get(id);
  if (!live) return undefined;
  const one = (slot: Parameters<typeof slotText>[2]) => slotText(tr, trace, slot, state);
  const parts = [
    ...(live.items ?? []).map(one),
    ...(live.entries ?? []).map((e) => `${one(e.key)}: ${one(e.value)}`),
    ...Object.entries(live.attributes ?? {}).map(([k, v]) => `${k}=${one(v)}`),
  ];
  if (!live.items && !live.entries && !live.attributes) return undefined;
  const more = (live.length ?? parts.length) > parts.length;
  return parts.join(", ") + (more ? ", …" : "");
}

function clip(text: string): string {
  return text.length <= VALUE_CHARS ? text : `${text.slice(0, VALUE_CHARS - 1)}…`;
}

/** inspect_reply's content for `name` */
export function inspectReply(trace: Trace | undefined, name: string | undefined, tr: Translator): Record<string, unknown> {
  const state = moduleState(trace);
  const slot = name && state ? state.frames[0]?.vars[name] : undefined;
  if (!slot && name && (BUILTINS.includes(name) || KEYWORDS.includes(name))) {
    // the language's own names: nothing of the learner's program, so nothing to measure
    const line = tr.t(KEYWORDS.includes(name) ? "kernel.inspect.keyword" : "kernel.inspect.builtin", { name });
    return { status: "ok", found: true, data: { "text/plain": line, "text/markdown": md(line) }, metadata: {} };
  }
  if (!trace || !state || !slot || !name) return { status: "ok", found: false, data: {}, metadata: {} };
  let lines: string[];
  if ("value" in slot) lines = [tr.t("kernel.inspect.inline", { name, value: slot.value })];
  else {
    const live = state.objects.get(slot.ref);
    const base = live?.base ?? trace.objects[slot.ref];
    if (!base) return { status: "ok", found: false, data: {}, metadata: {} };
    const held = heldText(trace, state, slot.ref, tr);
    lines = [
      tr.t("kernel.inspect.object", { name, what: describeObject(tr, base, live), size: tr.bytes(live?.size ?? base.size), address: base.address }),
      held !== undefined ? tr.t("kernel.inspect.items", { items: clip(held) || tr.t("kernel.inspect.nothing") }) : tr.t("kernel.inspect.value", { value: clip(slotText(tr, trace, slot, state)) }),
      tr.t("kernel.inspect.sizes", { sizeModel: trace.runtime.sizeModel }),
    ];
  }
  return {
    status: "ok",
    found: true,
    data: { "text/plain": lines.join("\n"), "text/markdown": lines.map(md).join("\n\n") },
    metadata: {},
  };
}
