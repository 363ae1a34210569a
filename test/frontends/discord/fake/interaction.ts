/**
 * One interaction as the local Discord sees it: the callbacks and webhook calls the bot
 * made for it, in order, and the message it ended with.
 */
import type { AttachmentObject } from "./payloads.js";

/** An attachment on a message, with its bytes (the fake keeps what was uploaded). */
export interface StoredAttachment extends AttachmentObject {
  data: Buffer;
}

export interface FakeMessage {
  id: string;
  channel_id: string;
  content: string;
  flags: number;
  components: { type: number; components: { type: number; custom_id: string; label: string; style: number; disabled?: boolean }[] }[];
  attachments: StoredAttachment[];
  allowed_mentions: unknown;
  /** the interaction it answers; none for a message the bot posted in a channel on its own */
  interaction_id?: string;
  /** how many times the bot edited it */
  edits: number;
}

export type Step =
  | { what: "callback"; type: number }
  | { what: "edit"; message: string }
  | { what: "followup"; message: string }
  | { what: "delete"; message: string };

/** Discord's interaction callback types. */
export const CALLBACK = { reply: 4, deferReply: 5, deferUpdate: 6, update: 7, modal: 9 } as const;
export const EPHEMERAL = 64;

/** How an interaction ended, for a test to read. */
export interface Outcome {
  /** the message the bot's answer is in (a new one, or the pressed one updated) */
  message?: FakeMessage;
  /** the modal the bot opened */
  modal?: Record<string, unknown>;
  /** only the person who asked can see it */
  ephemeral: boolean;
  steps: Step[];
}

/** A message as it was shown at one moment: to everyone in the channel, or to the asker alone. */
export interface Shown {
  message: string;
  ephemeral: boolean;
  /** a deferred reply's "thinking…", not yet an answer */
  loading: boolean;
}

export class FakeInteraction {
  readonly steps: Step[] = [];
  modal?: Record<string, unknown>;
  /** the message @original refers to (for a deferred update: the pressed one) */
  original?: FakeMessage;
  readonly followups: FakeMessage[] = [];
  /** the flags of the acknowledgement (64: only the asker sees its reply) */
  ackFlags = 0;
  /** the deferred reply still shows "thinking…": the first follow-up takes its place (and its visibility) */
  loading = false;
  /** every message this interaction showed, each time it was shown or changed */
  readonly shown: Shown[] = [];
  private waiters: (() => void)[] = [];
  /** when the local Discord sent INTERACTION_CREATE, and when the bot's callback (the ack) arrived (performance.now ms) */
  sentAt = 0;
  ackedAt?: number;

  constructor(
    readonly id: string,
    readonly token: string,
    readonly payload: Record<string, unknown>,
    /** the message whose button was pressed */
    readonly pressed?: FakeMessage,
  ) {}

  /** Whether anyone but the asker ever saw anything of this interaction, a "thinking…" included. */
  get everPublic(): boolean {
    return this.shown.some((s) => !s.ephemeral);
  }

  record(step: Step, shown?: FakeMessage): void {
    if (shown) this.shown.push({ message: shown.id, ephemeral: (shown.flags & EPHEMERAL) !== 0, loading: this.loading });
    this.steps.push(step);
    for (const w of this.waiters.splice(0)) w();
  }

  get callbackType(): number | undefined {
    return this.steps.find((s): s is Extract<Step, { what: "callback" }> => s.what === "callback")?.type;
  }

  /** The outcome, once the bot has given its final answer (undefined until then). */
  outcome(): Outcome | undefined {
    const type = this.callbackType;
    if (type === undefined) return undefined;
    const after = this.steps.slice(1);
    const followup = this.followups.at(-1);
    const done = (message: FakeMessage | undefined): Outcome => ({ ...(message ? { message } : {}), ephemeral: !!message && (message.flags & EPHEMERAL) !== 0, steps: [...this.steps] });
    if (type === CALLBACK.modal) return { modal: this.modal!, ephemeral: false, steps: [...this.steps] };
    if (type === CALLBACK.reply || type === CALLBACK.update) return done(this.original);
    if (followup) return done(followup);
    if (after.some((s) => s.what === "edit")) return done(this.original);
    return undefined;
  }

  /** Waits for the callback (the acknowledgement) and returns its type. */
  async acknowledged(timeoutMs = 20_000): Promise<number> {
    await this.until(() => this.callbackType !== undefined, timeoutMs, "an acknowledgement");
    return this.callbackType!;
  }

  /** Waits for the bot's final answer. */
  async settled(timeoutMs = 30_000): Promise<Outcome> {
    await this.until(() => this.outcome() !== undefined, timeoutMs, "an answer");
    return this.outcome()!;
  }

  private until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`interaction ${this.id}: no ${what} after ${timeoutMs} ms (steps: ${JSON.stringify(this.steps)})`)), timeoutMs);
      const check = () => {
        if (done()) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }
}
