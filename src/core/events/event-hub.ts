import type { Logger } from 'pino';
import type { StorageCounters } from '../../shared/api';
import type { HistoryGap, MotionEnd, MotionStart, StoredEvent } from '../../shared/events';
import type { Health } from '../health/health';
import { EventRing } from './event-ring';
import type { EventStore, StoredRow } from './event-store';
import { closeInterrupted } from './interrupted';
import { LevelGate } from './level-gate';
import { Persistence } from './persistence';
import type { MotionProgress } from './progress';
import { RememberedMessages } from './remembered';
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
  /**
   * Announced events kept in memory while storage fails, written later in order. Default 500; at most
   * `ringSize`, so that every queued event can still be replayed from the ring.
   */
  storageQueue?: number;
  /** Delay between storage retries while something is queued, ms. Default 1000. */
  storageRetryMs?: number;
  /** Where storage trouble is reported (component `storage`); its changes go to clients as `health`. */
  health?: Health;
  log: Logger;
}

/** Unstored message types; `status`, `settings` and `health` are remembered so a new client gets the current ones. */
export type BroadcastType = 'status' | 'settings' | 'level' | 'health';

/**
 * Gives every motion event its id, stores it, and then sends it to every subscriber. When storage
 * fails the event is still sent, and waits in a bounded queue until it can be stored with that id
 * (see persistence.ts). Everything here is synchronous on one thread: a subscriber switches from
 * replay to live between two publishes, never during one, so a resuming client gets no gap and no duplicate.
 */
export class EventHub {
  readonly #store: EventStore;
  readonly #ring: EventRing;
  readonly #log: Logger;
  readonly #subscribers: Subscribers;
  readonly #remembered = new RememberedMessages();
  readonly #listeners = new Set<(event: StoredEvent) => void>();
  #lastId: number;
  #count = 0;
  readonly #levels: LevelGate;
  readonly #persistence: Persistence;
  /** `level` updates dropped to keep within `levelShare`. */
  get levelsDropped(): number {
    return this.#levels.dropped;
  }
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
    this.#levels = new LevelGate(opts.levelShare ?? 0.2);
    const history = {
      lastId: () => this.#lastId,
      after: (after: number, limit: number) =>
        this.#ring.covers(after)
          ? this.#ring.after(after, limit)
          : this.#store.after(after, limit).map((row) => ({ id: row.id, chunk: encodeStored(row) })),
    };
    this.#subscribers = new Subscribers(history, opts.replayPageSize ?? 200, opts.log);
    const health = opts.health;
    this.#persistence = new Persistence({
      store: opts.store,
      log: opts.log,
      queueSize: Math.min(opts.storageQueue ?? 500, this.#ring.capacity),
      retryMs: opts.storageRetryMs,
      onProblem: (problem) => health?.report('storage', problem),
      onLost: (gap) =>
        this.#subscribers.sendLive(encodeSseMessage({ event: 'gap', data: JSON.stringify(gap) })),
    });
    health?.on('change', (state) => this.broadcast('health', state));
    closeInterrupted(this, opts.store, opts.log);
  }

  /** Storage counters for `/metrics`: queued rows and snapshots, refused writes, lost events. */
  get storage(): Persistence {
    return this.#persistence;
  }

  /** Tries the queued writes now (the timer does it every `storageRetryMs`); true when none is left. */
  retryStorage(): boolean {
    return this.#persistence.retry();
  }

  /** Notes how far an open event got (see progress.ts); a failure only costs crash accuracy. */
  noteProgress(progress: MotionProgress): void {
    try {
      this.#store.noteProgress(progress);
    } catch {
      // Storage trouble is reported by the event writes; this row only refines a crash's end time.
    }
  }

  /** Writes what can still be written and stops retrying; call before closing the store. */
  stop(): void {
    this.#persistence.retry();
    this.#persistence.stop();
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

  /** Stores the event and its snapshot (or queues them when storage fails), then sends it. Never throws. */
  publishMotionStart(
    data: Omit<MotionStart, 'id' | 'snapshot' | 'count'>,
    snapshotJpeg: Buffer,
  ): MotionStart {
    const id = this.#lastId + 1;
    this.#count++;
    const event: MotionStart = {
      id,
      camera: data.camera,
      ts: data.ts,
      count: this.#count,
      change: data.change,
      box: data.box,
      snapshot: `/api/events/${id}/snapshot.jpg`,
    };
    const row: StoredRow = { id, type: 'motion', json: JSON.stringify(event) };
    this.#persistence.save({ row, camera: data.camera, ts: data.ts, motionId: null, snapshot: snapshotJpeg });
    this.#fanOut(row, { type: 'motion', id, data: event });
    return event;
  }

  /** Stores the end of a motion event (or queues it), then sends it. Never throws. */
  publishMotionEnd(data: Omit<MotionEnd, 'id'>): MotionEnd {
    const event: MotionEnd = { id: this.#lastId + 1, ...data };
    const row: StoredRow = { id: event.id, type: 'motion-end', json: JSON.stringify(event) };
    this.#persistence.save({ row, camera: data.camera, ts: data.ts, motionId: data.motionId });
    this.#fanOut(row, { type: 'motion-end', id: row.id, data: event });
    return event;
  }

  /**
   * Sends an unstored message (no `id:`). `status` (per camera), `settings` and a failing `health` are
   * remembered for new clients (remembered.ts); repeating the remembered value unchanged sends nothing.
   */
  broadcast(type: BroadcastType, data: unknown): void {
    if (type === 'level') {
      this.#levels.pass(() =>
        this.#subscribers.sendLive(encodeSseMessage({ event: 'level', data: JSON.stringify(data) })),
      );
      return;
    }
    const chunk = this.#remembered.update(type, data);
    if (!chunk) return;
    // Catching-up clients need the current state too; `level` is only useful live.
    this.#subscribers.sendReplaying(chunk);
    this.#subscribers.sendLive(chunk);
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

  /**
   * Connects a client. It first gets the remembered `status`/`settings`, then, when `lastEventId`
   * is given, every stored event after it (a `gap` first if some were pruned), then live events.
   * Returns the function that disconnects it; call it when the client goes away.
   */
  subscribe(sink: EventSink, lastEventId: number | null): () => void {
    const first = this.#remembered.chunks();
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

/** The hub's storage counters as `/api/state` shows them. */
export function storageCounters(hub: EventHub): StorageCounters {
  const { queued, pendingSnapshots, failures, lost } = hub.storage;
  return { queued, pendingSnapshots, failures, lost };
}
