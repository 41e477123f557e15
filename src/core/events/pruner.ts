import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { Retention } from './retention';
import type { SnapshotFiles } from './snapshot-files';

/** Rows deleted per transaction, so one prune never holds the event loop for long. */
const BATCH = 500;

export interface PrunerOptions {
  db: Database.Database;
  files: SnapshotFiles;
  retention: Retention;
  log: Logger;
}

/**
 * Applies retention: finds the lowest id to keep under the age, count and size limits, deletes
 * older rows in small batches and then their snapshot files. Runs off the publish path (timer and
 * `setImmediate`), so the frame pipeline never waits for it.
 */
export class Pruner {
  readonly #opts: PrunerOptions;
  readonly #stmt;
  #snapshotBytes: number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<number> | null = null;
  #scheduled = false;
  #motionCount: number;

  constructor(opts: PrunerOptions) {
    this.#opts = opts;
    const { db } = opts;
    this.#stmt = {
      bytes: db.prepare<[], { total: number | null }>('SELECT sum(snapshot_bytes) AS total FROM events'),
      motions: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM events WHERE type = 'motion'"),
      byAge: db.prepare<[number], { id: number | null }>('SELECT min(id) AS id FROM events WHERE ts >= ?'),
      maxId: db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM events'),
      byCount: db.prepare<[number], { id: number }>(
        "SELECT id FROM events WHERE type = 'motion' ORDER BY id DESC LIMIT 1 OFFSET ?",
      ),
      bySize: db.prepare<[], { id: number; snapshot_bytes: number }>(
        'SELECT id, snapshot_bytes FROM events WHERE snapshot_bytes > 0 ORDER BY id',
      ),
      remove: db.prepare<[number, number], { id: number; type: string; snapshot_bytes: number }>(
        `DELETE FROM events WHERE id IN (SELECT id FROM events WHERE id < ? ORDER BY id LIMIT ?)
         RETURNING id, type, snapshot_bytes`,
      ),
      markPruned: db.prepare(
        `INSERT INTO meta (key, value) VALUES ('pruned_through', ?)
         ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)`,
      ),
      oldest: db.prepare<[], { id: number | null }>('SELECT min(id) AS id FROM events'),
      seq: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'"),
    };
    this.#snapshotBytes = this.#stmt.bytes.get()?.total ?? 0;
    this.#motionCount = this.#stmt.motions.get()?.n ?? 0;
  }

  /** Prunes now and every `intervalMs`; first removes snapshot files left behind by a crash. */
  start(): void {
    this.#opts.files
      .sweep(() => ({
        oldestId: this.#stmt.oldest.get()?.id ?? null,
        lastId: this.#stmt.seq.get()?.seq ?? 0,
      }))
      .then((n) => n > 0 && this.#opts.log.info({ files: n }, 'removed orphaned snapshot files'))
      .catch((err) => this.#opts.log.warn({ err }, 'could not sweep snapshot files'));
    this.#timer = setInterval(() => this.#schedule(), this.#opts.retention.intervalMs);
    this.#timer.unref();
    this.#schedule();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Called after each append; schedules a prune when a count or size limit is exceeded. */
  noteAppend(isMotion: boolean, snapshotBytes: number): void {
    this.#snapshotBytes += snapshotBytes;
    if (isMotion) this.#motionCount++;
    const { maxEvents, maxSnapshotBytes } = this.#opts.retention;
    const overCount = maxEvents > 0 && this.#motionCount > maxEvents;
    const overSize = maxSnapshotBytes > 0 && this.#snapshotBytes > maxSnapshotBytes;
    if (overCount || overSize) this.#schedule();
  }

  /** Called after rows were deleted outside retention (an admin deleted an event). */
  noteRemoved(motions: number, snapshotBytes: number): void {
    this.#motionCount -= motions;
    this.#snapshotBytes -= snapshotBytes;
  }

  /** Prunes until within limits; resolves with the number of rows removed. */
  run(): Promise<number> {
    this.#running ??= this.#loop().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (!this.#opts.db.open) return;
      this.run().catch((err) => this.#opts.log.error({ err }, 'pruning failed'));
    });
  }

  async #loop(): Promise<number> {
    let removed = 0;
    for (;;) {
      if (!this.#opts.db.open) return removed;
      const cutoff = this.#cutoff();
      if (cutoff === null) return removed;
      const rows = this.#opts.db.transaction(() => {
        const deleted = this.#stmt.remove.all(cutoff, BATCH);
        const highest = deleted.reduce((max, row) => Math.max(max, row.id), 0);
        if (highest > 0) this.#stmt.markPruned.run(highest);
        return deleted;
      })();
      if (rows.length === 0) return removed;
      removed += rows.length;
      for (const row of rows) {
        this.#snapshotBytes -= row.snapshot_bytes;
        if (row.type === 'motion') this.#motionCount--;
      }
      // Rows first, then files: a crash in between leaves only orphan files, which `start` sweeps.
      await this.#opts.files.remove(rows.filter((row) => row.snapshot_bytes > 0).map((row) => row.id));
      this.#opts.log.debug({ rows: rows.length, below: cutoff }, 'pruned events');
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Lowest id to keep, or null when every limit is met. */
  #cutoff(): number | null {
    const { maxAgeDays, maxEvents, maxSnapshotBytes } = this.#opts.retention;
    let cutoff = 0;
    if (maxAgeDays > 0) {
      const since = Date.now() / 1000 - maxAgeDays * 86_400;
      const keep = this.#stmt.byAge.get(since)?.id ?? (this.#stmt.maxId.get()?.id ?? 0) + 1;
      cutoff = Math.max(cutoff, keep);
    }
    if (maxEvents > 0 && this.#motionCount > maxEvents) {
      cutoff = Math.max(cutoff, this.#stmt.byCount.get(maxEvents - 1)?.id ?? 0);
    }
    if (maxSnapshotBytes > 0 && this.#snapshotBytes > maxSnapshotBytes) {
      let excess = this.#snapshotBytes - maxSnapshotBytes;
      for (const row of this.#stmt.bySize.iterate()) {
        excess -= row.snapshot_bytes;
        if (excess <= 0) {
          cutoff = Math.max(cutoff, row.id + 1);
          break;
        }
      }
    }
    const oldest = this.#stmt.oldest.get()?.id ?? null;
    return oldest !== null && cutoff > oldest ? cutoff : null;
  }
}
