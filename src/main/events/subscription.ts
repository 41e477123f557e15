/**
 * Where the hub writes one client's stream. The transport (a raw socket in `server/sse-client.ts`)
 * owns the buffer bound: `write` past it closes the stream rather than queueing without limit.
 */
export interface EventSink {
  /** Queues an encoded chunk; a closed sink ignores it. */
  write(chunk: Buffer): void;
  /** Resolves true when the outgoing buffer has drained, false when the sink closed instead. */
  drained(): Promise<boolean>;
  /** Ends the stream. */
  close(): void;
}

/** One subscriber's place in the hub: live, or still catching up from the store. */
export class Subscription {
  closed = false;

  constructor(readonly sink: EventSink) {}

  send(chunk: Buffer): void {
    if (!this.closed) this.sink.write(chunk);
  }
}
