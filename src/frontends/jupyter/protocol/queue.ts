/**
 * One send in flight per socket: ZeroMQ v6 refuses a send while another is still pending on the
 * same socket, so every send of a socket waits its turn here, in the order it was asked.
 */

/** Anything that sends one multipart message at a time. */
export interface MultipartSender {
  send(frames: Buffer[]): Promise<void>;
}

export class SendQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly socket: MultipartSender) {}

  /** Queues one message; resolves once the socket has taken it, rejects if it could not. */
  send(frames: Buffer[]): Promise<void> {
    const sent = this.tail.then(() => this.socket.send(frames));
    // a failed send does not hold up the ones queued after it
    this.tail = sent.catch(() => undefined);
    return sent;
  }

  /** resolves once every send asked so far is done */
  drained(): Promise<void> {
    return this.tail;
  }
}
