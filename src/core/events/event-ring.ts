/** A stored event encoded for the wire, kept in memory for fast resume. */
export interface EncodedEvent {
  id: number;
  chunk: Buffer;
}

/**
 * The last `capacity` stored events, in id order. Most reconnects ask for a few events back;
 * the ring answers them without touching the database.
 */
export class EventRing {
  readonly #items: EncodedEvent[] = [];
  #start = 0;

  /** @param capacity events kept. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`ringSize must be an integer ≥ 1`);
  }

  push(event: EncodedEvent): void {
    if (this.#items.length < this.capacity) {
      this.#items.push(event);
      return;
    }
    this.#items[this.#start] = event;
    this.#start = (this.#start + 1) % this.capacity;
  }

  get size(): number {
    return this.#items.length;
  }

  /** Oldest id held, or null when empty. */
  get oldestId(): number | null {
    return this.#items.length === 0 ? null : this.#items[this.#start].id;
  }

  /** True when every stored event after `after` is in the ring (ids are consecutive). */
  covers(after: number): boolean {
    const oldest = this.oldestId;
    return oldest !== null && oldest <= after + 1;
  }

  /** Up to `limit` events with id > `after`, oldest first. */
  after(after: number, limit = Number.POSITIVE_INFINITY): EncodedEvent[] {
    const out: EncodedEvent[] = [];
    const oldest = this.oldestId;
    if (oldest === null) return out;
    // Ids in the ring are consecutive, so the first wanted one sits at a known offset.
    for (let i = Math.max(0, after + 1 - oldest); i < this.#items.length && out.length < limit; i++) {
      out.push(this.#items[(this.#start + i) % this.#items.length]);
    }
    return out;
  }
}
