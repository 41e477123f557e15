import type { Logger } from 'pino';
import type {
  HistoryGap,
  HubMessage,
  LiveEventMap,
  LiveEventType,
  MotionEnd,
  MotionStart,
  StoredEvent,
} from '../../shared/events';
import { EventRing } from './event-ring';
import type { EventStore, StoredRow } from './event-store';
import { Subscribers } from './subscribers';
import type { EventSink, WireEncoder } from './subscription';

export type { EventSink, WireEncoder } from './subscription';

export interface EventHubOptions {
  store: EventStore;
  /** Encodes a message for the wire once, for every client (the server's SSE framing). */
  encode: WireEncoder;
  /** Stored events kept in memory for resume without a database read. Default 1000. */
  ringSize?: number;
  /** Events read per replay step (ring or database); a step waits for the previous one to reach the kernel. Default 200. */
  replayPageSize?: number;
  /**
   * Largest share of one core that `level` fan-out may take: after a level update that took d ms
   * to send, the next one sooner than d / share ms is dropped. With thousands of clients this
   * lowers the live-graph rate instead of starving motion events and video. Default 0.2.
   */
  levelShare?: number;
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
  readonly #subscribers: Subscribers;
  readonly #remembered = new Map<string, { json: string; chunk: Buffer }>();
  readonly #observers = new Set<(message: HubMessage) => void>();
  readonly #encode: WireEncoder;
  #lastId: number;
  #count = 0;
  readonly #levelShare: number;
  #nextLevelAt = 0;
  /** `level` updates dropped to keep within `levelShare`. */
  levelsDropped = 0;
  /** Stored events published by this process. */
  published = 0;

  constructor(opts: EventHubOptions) {
    this.#store = opts.store;
    this.#ring = new EventRing(opts.ringSize ?? 1000);
    this.#log = opts.log;
    this.#encode = opts.encode;
    this.#lastId = opts.store.lastId();
    // After a restart every client reconnects with Last-Event-ID at once: answer them from memory.
    const recent = opts.store.after(Math.max(0, this.#lastId - this.#ring.capacity), this.#ring.capacity);
    for (const row of recent) this.#ring.push({ id: row.id, chunk: this.#encodeStored(row) });
    this.#levelShare = opts.levelShare ?? 0.2;
    if (!(this.#levelShare > 0 && this.#levelShare <= 1)) throw new Error('levelShare must be in (0, 1]');
    const history = {
      lastId: () => this.#lastId,
      after: (after: number, limit: number) =>
        this.#ring.covers(after)
          ? this.#ring.after(after, limit)
          : this.#store.after(after, limit).map((row) => ({ id: row.id, chunk: this.#encodeStored(row) })),
    };
    this.#subscribers = new Subscribers(history, opts.replayPageSize ?? 200, opts.log);
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
    return this.#subscribers.size;
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
  broadcast<K extends LiveEventType>(type: K, data: LiveEventMap[K]): void {
    if (type === 'level') {
      this.#broadcastLevel(data as LiveEventMap['level']);
      return;
    }
    const json = JSON.stringify(data);
    const chunk = this.#encode({ event: type, data: json });
    const key = type === 'status' ? `status:${(data as LiveEventMap['status']).camera}` : type;
    if (this.#remembered.get(key)?.json === json) return;
    this.#remembered.set(key, { json, chunk });
    // Catching-up clients need the current state too; `level` is only useful live.
    this.#subscribers.sendReplaying(chunk);
    this.#subscribers.sendLive(chunk);
    this.#notify({ type, data } as HubMessage);
  }

  #broadcastLevel(data: LiveEventMap['level']): void {
    const start = performance.now();
    if (start < this.#nextLevelAt) {
      this.levelsDropped++;
      return;
    }
    this.#subscribers.sendLive(this.#encode({ event: 'level', data: JSON.stringify(data) }));
    const end = performance.now();
    this.#nextLevelAt = start + (end - start) / this.#levelShare;
    this.#notify({ type: 'level', data });
  }

  /** Sends a pre-encoded chunk (e.g. an SSE comment) to every connected subscriber. */
  sendToAll(chunk: Buffer): void {
    this.#subscribers.sendLive(chunk);
    this.#subscribers.sendReplaying(chunk);
  }

  /**
   * Observes every message the hub sends to all clients, stored or not, after it is sent (integrations,
   * display wake). `level` is observed only when it was sent. Returns the function that stops observing.
   */
  observe(observer: (message: HubMessage) => void): () => void {
    this.#observers.add(observer);
    return () => this.#observers.delete(observer);
  }

  /**
   * Connects a client. It first gets the remembered `status`/`settings`, then, when `lastEventId`
   * is given, every stored event after it (a `gap` first if some were pruned), then live events.
   * Returns the function that disconnects it; call it when the client goes away.
   */
  subscribe(sink: EventSink, lastEventId: number | null): () => void {
    const first = [...this.#remembered.values()].map((entry) => entry.chunk);
    let after = lastEventId;
    // A resume point from the future (a wiped data dir, a made-up number) means "no resume".
    if (after !== null && after >= this.#lastId) after = null;
    if (after !== null && after < this.#store.prunedThrough()) {
      const gap: HistoryGap = { requestedAfter: after, oldestId: this.#store.oldestId() ?? this.#lastId + 1 };
      first.push(this.#encode({ event: 'gap', data: JSON.stringify(gap) }));
      after = this.#store.prunedThrough();
    }
    return this.#subscribers.add(sink, first, after);
  }

  #fanOut(row: StoredRow, event: StoredEvent): void {
    this.#lastId = row.id;
    this.published++;
    const encoded = { id: row.id, chunk: this.#encodeStored(row) };
    this.#ring.push(encoded);
    this.#subscribers.sendLive(encoded.chunk);
    this.#notify(event);
  }

  #notify(message: HubMessage): void {
    for (const observer of this.#observers) {
      try {
        observer(message);
      } catch (err) {
        this.#log.error({ err, type: message.type }, 'event observer failed');
      }
    }
  }

  #encodeStored(row: StoredRow): Buffer {
    return this.#encode({ id: row.id, event: row.type, data: row.json });
  }
}
