import type { Logger } from 'pino';
import type { EncodedEvent } from './event-ring';
import { type EventSink, Subscription } from './subscription';

/** Stored events for a resuming client: the hub answers from its ring, else from the store. */
export interface History {
  /** Highest stored id. */
  lastId(): number;
  /** Up to `limit` stored events with id > `after`, oldest first, encoded for the wire. */
  after(after: number, limit: number): EncodedEvent[];
}

/**
 * The hub's clients: live ones get every event as it is published; catching-up ones are sent
 * history page by page and join the live set in the same tick as they find nothing newer. An
 * event published meanwhile is already in the history when the next page is read, so the switch
 * can neither drop nor repeat one.
 */
export class Subscribers {
  readonly #live = new Set<Subscription>();
  readonly #replaying = new Set<Subscription>();

  /** @param pageSize events per replay step; each step waits for the previous one to reach the kernel. */
  constructor(
    private readonly history: History,
    private readonly pageSize: number,
    private readonly log: Logger,
  ) {}

  get size(): number {
    return this.#live.size + this.#replaying.size;
  }

  /** Adds a client, live at once or after catching up from `after`; returns the function that removes it. */
  add(sink: EventSink, before: Buffer[], after: number | null): () => void {
    const sub = new Subscription(sink);
    for (const chunk of before) sub.send(chunk);
    if (after === null) {
      this.#live.add(sub);
    } else {
      this.#replaying.add(sub);
      // The first page is written before this returns; the switch to live comes after its flush.
      void this.#catchUp(sub, after);
    }
    return () => {
      sub.closed = true;
      this.#live.delete(sub);
      this.#replaying.delete(sub);
    };
  }

  /** The hot loop: one write of the shared Buffer per client; drops clients whose stream ended. */
  sendLive(chunk: Buffer): void {
    for (const sub of this.#live) {
      if (sub.done) this.#live.delete(sub);
      else sub.sink.write(chunk);
    }
  }

  sendReplaying(chunk: Buffer): void {
    for (const sub of this.#replaying) sub.send(chunk);
  }

  async #catchUp(sub: Subscription, after: number): Promise<void> {
    let cursor = after;
    try {
      while (!sub.done) {
        if (cursor >= this.history.lastId()) {
          this.#replaying.delete(sub);
          this.#live.add(sub);
          return;
        }
        const page = this.history.after(cursor, this.pageSize);
        if (page.length === 0) {
          // Nothing left after the cursor (pruned meanwhile): the client is as current as it can be.
          cursor = this.history.lastId();
          continue;
        }
        const written = await sub.sink.replay(page.map((event) => event.chunk));
        if (!written) break;
        cursor = page[written - 1].id;
      }
    } catch (err) {
      this.log.warn({ err }, 'event replay failed; closing the stream');
      sub.sink.close();
    }
    this.#replaying.delete(sub);
  }
}
