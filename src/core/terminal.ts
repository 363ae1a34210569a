/**
 * Text from a learner's program on its way to a terminal: without the characters that
 * drive the terminal (escape sequences, carriage returns, the other C0 and C1 controls)
 * or reorder what is shown (bidirectional overrides, embeddings and isolates), so a
 * program's output can neither rewrite the screen nor disguise what it says.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROLS, "");
}
