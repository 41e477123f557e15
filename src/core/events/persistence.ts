import type { Logger } from 'pino';
import type { HistoryGap } from '../../shared/events';
import type { EventStore, RowWrite } from './event-store';
import { StorageError } from './storage-error';

export interface PersistenceOptions {
  store: EventStore;
  log: Logger;
  /** Announced events kept in memory while the store refuses them. Default 500 (at most the hub's ring). */
  queueSize?: number;
  /** Snapshot bytes kept in memory for a retry while the snapshot dir refuses them. Default 32 MiB. */
  snapshotBytes?: number;
  /** Delay between retries while something is queued, ms. Default 1000. */
  retryMs?: number;
  /** Called whenever `problem` changes (null = storage is fine). */
  onProblem(problem: string | null): void;
  /** Called when queued events had to be dropped: the announced ids between the gap's ends are never stored. */
  onLost(gap: HistoryGap): void;
}

/**
 * Writes announced events to the store in id order. When the store refuses (disk full, read-only), the
 * rows wait in a bounded queue and snapshots in a bounded map, retried every `retryMs` until they go in,
 * in order and with their original ids. Never throws: a storage failure is a state, not an exception.
 */
export class Persistence {
  readonly #opts: PersistenceOptions;
  readonly #queue: RowWrite[] = [];
  readonly #snapshots = new Map<number, Buffer>();
  #snapshotBytes = 0;
  #timer: NodeJS.Timeout | null = null;
  #rowError: StorageError | null = null;
  #snapshotError: StorageError | null = null;
  #problem: string | null = null;
  /** Writes refused so far (rows and snapshots). */
  failures = 0;
  /** Announced events dropped from a full queue. */
  lost = 0;
  /** Snapshots dropped (the event is stored without its picture). */
  snapshotsLost = 0;

  constructor(opts: PersistenceOptions) {
    this.#opts = opts;
  }

  /** Rows waiting for the store. */
  get queued(): number {
    return this.#queue.length;
  }

  get pendingSnapshots(): number {
    return this.#snapshots.size;
  }

  /** One line saying what is wrong with storage now, or null. */
  get problem(): string | null {
    return this.#problem;
  }

  /** Stores the row now, or queues it behind earlier ones. */
  save(write: RowWrite): void {
    if (this.#queue.length === 0 && this.#tryRow(write)) {
      this.#update();
      return;
    }
    this.#queue.push(write);
    this.#trimQueue();
    this.#update();
  }

  /** Tries everything queued once, now; returns true when nothing is left. */
  retry(): boolean {
    while (this.#queue.length > 0 && this.#tryRow(this.#queue[0])) this.#queue.shift();
    if (this.#queue.length === 0) this.#rowError = null;
    for (const [id, jpeg] of this.#snapshots) {
      try {
        this.#opts.store.attachSnapshot(id, jpeg);
      } catch (err) {
        this.#fail('snapshot', StorageError.from(err, ''));
        break;
      }
      this.#snapshots.delete(id);
      this.#snapshotBytes -= jpeg.length;
    }
    if (this.#snapshots.size === 0) this.#snapshotError = null;
    this.#update();
    return this.#queue.length === 0 && this.#snapshots.size === 0;
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  #tryRow(write: RowWrite): boolean {
    let snapshotError: StorageError | null;
    try {
      snapshotError = this.#opts.store.write(write);
    } catch (err) {
      this.#fail('row', StorageError.from(err, ''));
      return false;
    }
    if (snapshotError && write.snapshot) {
      this.#fail('snapshot', snapshotError);
      this.#keepSnapshot(write.row.id, write.snapshot);
    }
    return true;
  }

  #keepSnapshot(id: number, jpeg: Buffer): void {
    this.#snapshots.set(id, jpeg);
    this.#snapshotBytes += jpeg.length;
    const limit = this.#opts.snapshotBytes ?? 32 * 1024 * 1024;
    for (const [oldId, old] of this.#snapshots) {
      if (this.#snapshotBytes <= limit) break;
      this.#snapshots.delete(oldId);
      this.#snapshotBytes -= old.length;
      this.snapshotsLost++;
    }
  }

  #trimQueue(): void {
    const limit = this.#opts.queueSize ?? 500;
    if (this.#queue.length <= limit) return;
    const dropped = this.#queue.splice(0, this.#queue.length - limit);
    this.lost += dropped.length;
    const first = dropped[0].row.id;
    const last = dropped[dropped.length - 1].row.id;
    this.#opts.log.error({ firstId: first, lastId: last }, 'storage queue full: announced events dropped');
    this.#opts.onLost({ requestedAfter: first - 1, oldestId: last + 1, reason: 'storage' });
    try {
      this.#opts.store.recordLost(first, last);
    } catch {
      // Storage is what fails now; the gap is announced and logged above.
    }
  }

  #fail(what: 'row' | 'snapshot', err: StorageError): void {
    this.failures++;
    const changed = (what === 'row' ? this.#rowError : this.#snapshotError)?.message !== err.message;
    if (what === 'row') this.#rowError = err;
    else this.#snapshotError = err;
    if (changed) this.#opts.log.error({ path: err.path, code: err.code }, err.message);
  }

  /** Recomputes the problem line and keeps the retry timer running exactly while something waits. */
  #update(): void {
    const waiting = this.#queue.length > 0 || this.#snapshots.size > 0;
    if (waiting && !this.#timer) {
      this.#timer = setInterval(() => this.retry(), this.#opts.retryMs ?? 1000);
      this.#timer.unref();
    } else if (!waiting) {
      this.stop();
    }
    const parts: string[] = [];
    if (this.#rowError) parts.push(`${this.#rowError.message}; ${this.#queue.length} events queued`);
    if (this.#snapshotError) {
      parts.push(`${this.#snapshotError.message}; ${this.#snapshots.size} snapshots waiting`);
    }
    const problem = waiting && parts.length > 0 ? parts.join('; ') : null;
    if (problem === this.#problem) return;
    if (problem === null) this.#opts.log.info('storage writable again; queued events stored');
    this.#problem = problem;
    this.#opts.onProblem(problem);
  }
}
