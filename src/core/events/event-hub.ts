import type { StorageCounters } from '../../shared/api';
import type {
  HistoryGap,
  HubMessage,
  LiveEventMap,
  LiveEventType,
  MotionEnd,
  MotionLabel,
  MotionStart,
  StoredEvent,
} from '../../shared/events';
import { EventRing } from './event-ring';
import type { EventStore, StoredRow } from './event-store';
import { type EndDetails, HubHooks } from './hooks';
import type { EventHubOptions } from './hub-options';
import { closeInterrupted } from './interrupted';
import { LevelGate } from './level-gate';
import { LevelPacer } from './level-pacer';
import { Persistence } from './persistence';
import { RememberedMessages } from './remembered';
import { Subscribers } from './subscribers';
import type { EventSink, WireEncoder } from './subscription';

export type { EndDetails } from './hooks';
export type { EventHubOptions } from './hub-options';
export type { EventSink, WireEncoder } from './subscription';

/**
 * Gives every motion event its id, stores it, and then sends it to every subscriber. When storage
 * fails the event is still sent, and waits in a bounded queue until it can be stored with that id
 * (persistence.ts). Everything here is synchronous on one thread: a subscriber switches from
 * replay to live between two publishes, never during one, so a resuming client gets no gap and no duplicate.
 */
export class EventHub {
  readonly #store: EventStore;
  readonly #ring: EventRing;
  readonly #subscribers: Subscribers;
  readonly #remembered: RememberedMessages;
  readonly #hooks: HubHooks;
  readonly #encode: WireEncoder;
  #lastId: number;
  #count = 0;
  readonly #levels: LevelGate;
  readonly #pacer: LevelPacer;
  readonly #persistence: Persistence;
  /** Stored events published by this process. */
  published = 0;

  constructor(opts: EventHubOptions) {
    this.#store = opts.store;
    this.#ring = new EventRing(opts.ringSize ?? 1000);
    this.#hooks = new HubHooks(opts.log);
    this.#encode = opts.encode;
    this.#lastId = opts.store.lastId();
    // After a restart every client reconnects with Last-Event-ID at once: answer them from memory.
    const recent = opts.store.after(Math.max(0, this.#lastId - this.#ring.capacity), this.#ring.capacity);
    for (const row of recent) this.#ring.push({ id: row.id, chunk: this.#encodeStored(row) });
    this.#levels = new LevelGate(opts.levelShare ?? 0.2);
    this.#pacer = new LevelPacer(opts.isStillLevel ?? (() => false));
    this.#remembered = new RememberedMessages(opts.encode);
    const history = {
      lastId: () => this.#lastId,
      after: (after: number, limit: number) =>
        this.#ring.covers(after)
          ? this.#ring.after(after, limit)
          : this.#store.after(after, limit).map((row) => ({ id: row.id, chunk: this.#encodeStored(row) })),
    };
    this.#subscribers = new Subscribers(history, opts.replayPageSize ?? 200, opts.log);
    const health = opts.health;
    this.#persistence = new Persistence({
      store: opts.store,
      log: opts.log,
      queueSize: Math.min(opts.storageQueue ?? 500, this.#ring.capacity),
      retryMs: opts.storageRetryMs,
      onProblem: (problem) => health?.report('storage', problem),
      onLost: (gap) => this.#subscribers.sendLive(this.#encode({ event: 'gap', data: JSON.stringify(gap) })),
    });
    health?.on('change', (state) => this.broadcast('health', state));
    closeInterrupted(this, opts.store, opts.log);
  }

  /** `level` updates dropped to keep within `levelShare`. */
  get levelsDropped(): number {
    return this.#levels.dropped;
  }

  /** Storage counters: rows and snapshots waiting, refused writes, lost events. */
  get storage(): StorageCounters {
    const { queued, pendingSnapshots, failures, lost } = this.#persistence;
    return { queued, pendingSnapshots, failures, lost };
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
    const event: MotionEnd = { id: this.#lastId + 1, ...data, ...this.#hooks.detailsOf(data.motionId) };
    const row: StoredRow = { id: event.id, type: 'motion-end', json: JSON.stringify(event) };
    this.#persistence.save({ row, camera: data.camera, ts: data.ts, motionId: data.motionId });
    this.#fanOut(row, { type: 'motion-end', id: row.id, data: event });
    return event;
  }

  /** Stores an object label of a running motion event (queued like an end when the disk fails), then sends it. */
  publishMotionLabel(data: Omit<MotionLabel, 'id'>): MotionLabel {
    const event: MotionLabel = { id: this.#lastId + 1, ...data };
    const row: StoredRow = { id: event.id, type: 'motion-label', json: JSON.stringify(event) };
    this.#persistence.save({ row, camera: data.camera, ts: data.ts, motionId: data.motionId });
    this.#fanOut(row, { type: 'motion-label', id: row.id, data: event });
    return event;
  }

  /**
   * Sends an unstored message (no `id:`). `status` (per camera), `settings` and a failing `health` are
   * remembered for new clients (remembered.ts); repeating the remembered value unchanged sends nothing.
   */
  broadcast<K extends LiveEventType>(type: K, data: LiveEventMap[K]): void {
    if (type === 'level') {
      this.#broadcastLevel(data as LiveEventMap['level']);
      return;
    }
    const chunk = this.#remembered.update(type as Exclude<LiveEventType, 'level'>, data);
    if (!chunk) return;
    // Catching-up clients need the current state too; `level` is only useful live.
    this.#subscribers.sendReplaying(chunk);
    this.#subscribers.sendLive(chunk);
    this.#hooks.notify({ type, data } as HubMessage);
  }

  #broadcastLevel(data: LiveEventMap['level']): void {
    this.#levels.pass(() => {
      const paced = this.#pacer.next(data);
      if (paced) this.#subscribers.sendLive(this.#encode({ event: 'level', data: JSON.stringify(paced) }));
      // Hooks (the clip recorder's choice of picture) see every sample.
      this.#hooks.notify({ type: 'level', data });
    });
  }

  /** Sends a pre-encoded chunk (e.g. an SSE comment) to every connected subscriber. */
  sendToAll(chunk: Buffer): void {
    this.#subscribers.sendLive(chunk);
    this.#subscribers.sendReplaying(chunk);
  }

  /**
   * Observes every message the hub sends to all clients, stored or not, after it is sent (integrations,
   * display wake). `level` is observed when the level gate let it through, also when a still scene held
   * it back from clients (level-pacer.ts). Returns the function that stops observing.
   */
  observe(observer: (message: HubMessage) => void): () => void {
    return this.#hooks.observe(observer);
  }

  /**
   * Adds fields to every `motion-end` before it is stored (the recorder's best picture and clip URLs);
   * returns the function that removes it. A provider that throws adds nothing.
   */
  addEndDetails(provider: EndDetails): () => void {
    return this.#hooks.addEndDetails(provider);
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
    this.#hooks.notify(event);
  }

  #encodeStored(row: StoredRow): Buffer {
    return this.#encode({ id: row.id, event: row.type, data: row.json });
  }
}
