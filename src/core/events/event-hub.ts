import type { Logger } from 'pino';
import type { HistoryGap, MotionEnd, MotionStart, StoredEvent } from '../../shared/events';
import { EventRing } from './event-ring';
import type { EventStore, StoredRow } from './event-store';
import { encodeSseMessage } from './sse-format';
import { Subscribers } from './subscribers';
import type { EventSink } from './subscription';

export type { EventSink } from './subscription';

export interface EventHubOptions {
  store: EventStore;
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
  readonly #listeners = new Set<(event: StoredEvent) => void>();
  readonly #observers = new Set<(type: string, data: unknown) => void>();
  readonly #endDetails = new Set<(motionId: number) => Partial<Pick<MotionEnd, 'snapshot' | 'clip'>>>();
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
    this.#lastId = opts.store.lastId();
    // After a restart every client reconnects with Last-Event-ID at once: answer them from memory.
    const recent = opts.store.after(Math.max(0, this.#lastId - this.#ring.capacity), this.#ring.capacity);
    for (const row of recent) this.#ring.push({ id: row.id, chunk: encodeStored(row) });
    this.#levelShare = opts.levelShare ?? 0.2;
    if (!(this.#levelShare > 0 && this.#levelShare <= 1)) throw new Error('levelShare must be in (0, 1]');
    const history = {
      lastId: () => this.#lastId,
      after: (after: number, limit: number) =>
        this.#ring.covers(after)
          ? this.#ring.after(after, limit)
          : this.#store.after(after, limit).map((row) => ({ id: row.id, chunk: encodeStored(row) })),
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
      build: (id) => {
        let details = {};
        for (const detail of this.#endDetails)
          details = { ...details, ...this.#safely(() => detail(data.motionId)) };
        return { id, ...data, ...details };
      },
    });
    this.#fanOut(row, { type: 'motion-end', id: row.id, data: event });
    return event;
  }

  /**
   * Sends an unstored message (no `id:`). `status` (per camera) and `settings` are remembered for
   * new clients; repeating the remembered value unchanged sends nothing.
   */
  broadcast(type: BroadcastType, data: unknown): void {
    this.#observe(type, data);
    if (type === 'level') {
      this.#broadcastLevel(data);
      return;
    }
    const json = JSON.stringify(data);
    const chunk = encodeSseMessage({ event: type, data: json });
    const camera = (data as { camera?: unknown } | null)?.camera;
    const key = type === 'status' ? `status:${String(camera)}` : type;
    if (this.#remembered.get(key)?.json === json) return;
    this.#remembered.set(key, { json, chunk });
    // Catching-up clients need the current state too; `level` is only useful live.
    this.#subscribers.sendReplaying(chunk);
    this.#subscribers.sendLive(chunk);
  }

  #broadcastLevel(data: unknown): void {
    const start = performance.now();
    if (start < this.#nextLevelAt) {
      this.levelsDropped++;
      return;
    }
    this.#subscribers.sendLive(encodeSseMessage({ event: 'level', data: JSON.stringify(data) }));
    const end = performance.now();
    this.#nextLevelAt = start + (end - start) / this.#levelShare;
  }

  /** Sends a pre-encoded chunk (e.g. an SSE comment) to every connected subscriber. */
  sendToAll(chunk: Buffer): void {
    this.#subscribers.sendLive(chunk);
    this.#subscribers.sendReplaying(chunk);
  }

  /** Called after each stored event is sent (MQTT, display wake…); returns the unsubscribe function. */
  onEvent(listener: (event: StoredEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called with every message, stored or not (`level` included); returns the unsubscribe function. */
  observe(listener: (type: string, data: unknown) => void): () => void {
    this.#observers.add(listener);
    return () => this.#observers.delete(listener);
  }

  /**
   * Adds fields to every `motion-end` before it is stored (the recorder's best picture and clip URLs);
   * returns the function that removes it. A provider that throws adds nothing.
   */
  addEndDetails(provider: (motionId: number) => Partial<Pick<MotionEnd, 'snapshot' | 'clip'>>): () => void {
    this.#endDetails.add(provider);
    return () => this.#endDetails.delete(provider);
  }

  #safely<T>(fn: () => T): T | Record<string, never> {
    try {
      return fn();
    } catch (err) {
      this.#log.error({ err }, 'motion-end details failed');
      return {};
    }
  }

  #observe(type: string, data: unknown): void {
    for (const observer of this.#observers) {
      try {
        observer(type, data);
      } catch (err) {
        this.#log.error({ err }, 'event observer failed');
      }
    }
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
      first.push(encodeSseMessage({ event: 'gap', data: JSON.stringify(gap) }));
      after = this.#store.prunedThrough();
    }
    return this.#subscribers.add(sink, first, after);
  }

  #fanOut(row: StoredRow, event: StoredEvent): void {
    this.#lastId = row.id;
    this.published++;
    const encoded = { id: row.id, chunk: encodeStored(row) };
    this.#ring.push(encoded);
    this.#subscribers.sendLive(encoded.chunk);
    this.#observe(event.type, event.data);
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
