/**
 * A FIFO bounded by item count and by total size: pushing past either bound drops the oldest items
 * and counts them. Holds MQTT messages while the broker is unreachable, so a long outage costs
 * bounded memory (snapshots make items uneven, hence the byte bound).
 */
export class BoundedQueue<T> {
  #items: T[] = [];
  #bytes = 0;
  /** Items dropped because the queue was full. */
  dropped = 0;

  constructor(
    readonly limit: number,
    readonly maxBytes: number,
    private readonly sizeOf: (item: T) => number,
  ) {
    if (!(limit >= 1)) throw new Error('limit must be at least 1');
  }

  get size(): number {
    return this.#items.length;
  }

  push(item: T): void {
    this.#items.push(item);
    this.#bytes += this.sizeOf(item);
    while (this.#items.length > this.limit || (this.#bytes > this.maxBytes && this.#items.length > 1)) {
      const oldest = this.#items.shift() as T;
      this.#bytes -= this.sizeOf(oldest);
      this.dropped++;
    }
  }

  /** Removes and returns every item, oldest first. */
  drain(): T[] {
    const items = this.#items;
    this.#items = [];
    this.#bytes = 0;
    return items;
  }
}
