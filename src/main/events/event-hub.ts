import type { Logger } from 'pino';
import type { HistoryGap, MotionEnd, MotionStart, StoredEvent } from '../../shared/events';
import { EventRing } from './event-ring';
import type { EventStore, StoredRow } from './event-store';
import { encodeSseMessage } from './sse-format';
import { type EventSink, Subscription } from './subscription';

export type { EventSink } from './subscription';

export interface EventHubOptions {
  store: EventStore;
  /** Stored events kept in memory for resume without a database read. Default 1000. */
  ringSize?: number;
  /** Events read from the database per replay step before waiting for the client to drain. Default 200. */
  replayPageSize?: number;
  log: Logger;
}

/** Unstored message types; `status` and `settings` are remembered so a new client gets the current ones. */
export type BroadcastType = 'status' | 'settings' | 'level';

/**
 * Gives every motion event its id, stores it, and only then sends it to every subscriber.
 * Everything here is synchronous on one thread: an event is in the store before any client can
 * see it, and a subscriber switches from replay to live between two publishes, never during one,
 * so a resuming client gets no gap and no duplicate.
 */
export class EventHub {
  readonly #store: EventStore;
  readonly #ring: EventRing;
  readonly #log: Logger;
  readonly #live = new Set<Subscription>();
  readonly #replaying = new Set<Subscription>();
  readonly #remembered = new Map<string, { json: string; chunk: Buffer }>();
  readonly #listeners = new Set<(event: StoredEvent) => void>();
  readonly replayPageSize: number;
  #lastId: number;
  #count = 0;
  /** Stored events published by this process. */
  published = 0;

  constructor(opts: EventHubOptions) {
    this.#store = opts.store;
    this.#ring = new EventRing(opts.ringSize ?? 1000);
    this.#log = opts.log;
    this.replayPageSize = opts.replayPageSize ?? 200;
    this.#lastId = opts.store.lastId();
  }

  /** Highest stored id, 0 when none. */
  get lastId(): number {
    return this.#lastId;
  }

  /** `motion` events published since start-up (the seed's `count`). */
  get count(): number {
    return this.#count;
  }

  /** Connected subscribers, live and still replaying. */
  get subscriberCount(): number {
    return this.#live.size + this.#replaying.size;
  }

  get store(): EventStore {
    return this.#store;
  }

  /** Stores the event and its snapshot, then sends it. Throws (and sends nothing) when the store fails. */
  publishMotionStart(
    data: Omit<MotionStart, 'id' | 'snapshot' | 'count'>,
    snapshotJpeg: Buffer,
  ): MotionStart {
    const count = this.#count + 1;
    const { data: event, row } = this.#store.append<MotionStart>({
      type: 'motion',
      camera: data.camera,
      ts: data.ts,
      motionId: null,
      snapshot: snapshotJpeg,
      build: (id) => ({
        id,
        camera: data.camera,
        ts: data.ts,
        count,
        change: data.change,
        box: data.box,
        snapshot: `/api/events/${id}/snapshot.jpg`,
      }),
    });
    this.#count = count;
    this.#fanOut(row, { type: 'motion', id: row.id, data: event });
    return event;
  }

  /** Stores the end of a motion event, then sends it. */
  publishMotionEnd(data: Omit<MotionEnd, 'id'>): MotionEnd {
    const { data: event, row } = this.#store.append<MotionEnd>({
      type: 'motion-end',
      camera: data.camera,
      ts: data.ts,
      motionId: data.motionId,
      build: (id) => ({ id, ...data }),
    });
    this.#fanOut(row, { type: 'motion-end', id: row.id, data: event });
    return event;
  }

  /**
   * Sends an unstored message (no `id:`). `status` (per camera) and `settings` are remembered for
   * new clients; repeating the remembered value unchanged sends nothing.
   */
  broadcast(type: BroadcastType, data: unknown): void {
    const json = JSON.stringify(data);
    const chunk = encodeSseMessage({ event: type, data: json });
    if (type !== 'level') {
      const camera = (data as { camera?: unknown } | null)?.camera;
      const key = type === 'status' ? `status:${String(camera)}` : type;
      if (this.#remembered.get(key)?.json === json) return;
      this.#remembered.set(key, { json, chunk });
    }
    for (const sub of this.#live) sub.send(chunk);
  }

  /** Sends a pre-encoded chunk (e.g. an SSE comment) to every connected subscriber. */
  sendToAll(chunk: Buffer): void {
    for (const sub of this.#live) sub.send(chunk);
    for (const sub of this.#replaying) sub.send(chunk);
  }

  /** Called after each stored event is sent (MQTT, display wake…); returns the unsubscribe function. */
  onEvent(listener: (event: StoredEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Connects a client. It first gets the remembered `status`/`settings`, then, when `lastEventId`
   * is given, every stored event after it (a `gap` first if some were pruned), then live events.
   * Returns the function that disconnects it; call it when the client goes away.
   */
  subscribe(sink: EventSink, lastEventId: number | null): () => void {
    const sub = new Subscription(sink);
    for (const { chunk } of this.#remembered.values()) sub.send(chunk);
    let after = lastEventId;
    // A resume point from the future (a wiped data dir, a made-up number) means "no resume".
    if (after !== null && after >= this.#lastId) after = null;
    if (after !== null) {
      const pruned = this.#store.prunedThrough();
      if (after < pruned) {
        const gap: HistoryGap = {
          requestedAfter: after,
          oldestId: this.#store.oldestId() ?? this.#lastId + 1,
        };
        sub.send(encodeSseMessage({ event: 'gap', data: JSON.stringify(gap) }));
        after = pruned;
      }
    }
    if (after === null || after >= this.#lastId) {
      this.#live.add(sub);
    } else if (this.#ring.covers(after)) {
      for (const event of this.#ring.after(after)) sub.send(event.chunk);
      this.#live.add(sub);
    } else {
      this.#replaying.add(sub);
      void this.#replayFromStore(sub, after);
    }
    return () => {
      sub.closed = true;
      this.#live.delete(sub);
      this.#replaying.delete(sub);
    };
  }

  /** Pages through the database; joins the live set in the same tick as it reaches the newest id. */
  async #replayFromStore(sub: Subscription, after: number): Promise<void> {
    let cursor = after;
    try {
      while (!sub.closed) {
        if (cursor >= this.#lastId) {
          this.#replaying.delete(sub);
          this.#live.add(sub);
          return;
        }
        for (const row of this.#store.after(cursor, this.replayPageSize)) {
          sub.send(encodeStored(row));
          cursor = row.id;
        }
        if (cursor < this.#lastId && !(await sub.sink.drained())) break;
      }
    } catch (err) {
      this.#log.warn({ err }, 'event replay failed; closing the stream');
      sub.sink.close();
    }
    this.#replaying.delete(sub);
  }

  #fanOut(row: StoredRow, event: StoredEvent): void {
    this.#lastId = row.id;
    this.published++;
    const encoded = { id: row.id, chunk: encodeStored(row) };
    this.#ring.push(encoded);
    for (const sub of this.#live) sub.send(encoded.chunk);
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (err) {
        this.#log.error({ err }, 'event listener failed');
      }
    }
  }
}

function encodeStored(row: StoredRow): Buffer {
  return encodeSseMessage({ id: row.id, event: row.type, data: row.json });
}
