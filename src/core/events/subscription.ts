/** One message for the wire: its type, its resumable id when stored, and its JSON payload. */
export interface WireMessage {
  event: string;
  id?: number;
  data: string;
}

/** Encodes a message once, into the bytes every client is sent (the server's SSE framing). */
export type WireEncoder = (message: WireMessage) => Buffer;

/**
 * Where the hub writes one client's stream. The transport (a raw socket in `server/sse-client.ts`)
 * owns the buffer bound: `write` past it closes the stream rather than queueing without limit.
 */
export interface EventSink {
  /** Queues an encoded chunk; a closed sink ignores it. */
  write(chunk: Buffer): void;
  /**
   * Replay: writes the first of `chunks` and as many more as fit in half its buffer bound, and
   * resolves with how many it wrote once they have all reached the kernel (null if the stream
   * closed). One page at a time, a replay of any length never trips the bound.
   */
  replay(chunks: Buffer[]): Promise<number | null>;
  /** True once the stream has ended, for whatever reason. */
  readonly closed: boolean;
  /** Ends the stream. */
  close(): void;
}

/** One subscriber's place in the hub: live, or still catching up from the store. */
export class Subscription {
  closed = false;

  constructor(readonly sink: EventSink) {}

  /** Closed by the hub (unsubscribe) or by the transport (client gone, buffer bound). */
  get done(): boolean {
    return this.closed || this.sink.closed;
  }

  send(chunk: Buffer): void {
    if (!this.done) this.sink.write(chunk);
  }
}
