import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { EventPage, EventRecord } from '../../shared/api';
import type { MotionStart } from '../../shared/events';
import { HistoryQueries } from './history-query';
import { migrate } from './migrations';
import { sqliteNativeBinding } from './native-binding';
import { type MotionProgress, PROGRESS_SCHEMA } from './progress';
import { Pruner } from './pruner';
import { type RetentionOptions, resolveRetention } from './retention';
import { SCHEMA, SnapshotFiles } from './snapshot-files';
import { StorageError } from './storage-error';
import type { AppendRequest, EventFilter, EventStore, OpenMotion, RowWrite, StoredRow } from './store-types';

export type { AppendRequest, EventFilter, EventStore, OpenMotion, RowWrite, StoredRow } from './store-types';

export interface EventStoreOptions {
  /** Directory holding `events.sqlite` and `snapshots/`; created when missing. */
  dataDir: string;
  log: Logger;
  /** Limits on history; see `retention.ts` for the defaults. */
  retention?: RetentionOptions;
  /**
   * `full` (default): every commit is fsynced before the event is announced, so it survives a power cut.
   * `normal`: it survives the process being killed, not a power cut; for storage where an fsync is slow.
   */
  durability?: 'full' | 'normal';
  /**
   * Path of the `better_sqlite3.node` to load. Default: under Electron, the one `npm start` built for Electron's ABI
   * (`sqliteNativeBinding()`); otherwise the one better-sqlite3 finds itself.
   */
  nativeBinding?: string;
}

/** Opens (or creates) the store under `dataDir`. */
export function openEventStore(opts: EventStoreOptions): EventStore {
  mkdirSync(opts.dataDir, { recursive: true });
  const db = new Database(join(opts.dataDir, 'events.sqlite'), {
    nativeBinding: opts.nativeBinding ?? sqliteNativeBinding(),
  });
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before the event is announced, so an id a client saw survives
  // a power cut too, not only a process crash. Motion events are rare; the fsync is affordable.
  db.pragma(`synchronous = ${opts.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  db.exec(PROGRESS_SCHEMA);
  migrate(db);
  return new SqliteEventStore(db, new SnapshotFiles(join(opts.dataDir, 'snapshots')), opts);
}

class SqliteEventStore implements EventStore {
  readonly #db: Database.Database;
  readonly #files: SnapshotFiles;
  readonly #pruner: Pruner;
  readonly #stmt;
  readonly #dbPath: string;
  readonly #history: HistoryQueries;

  constructor(db: Database.Database, files: SnapshotFiles, opts: EventStoreOptions) {
    this.#db = db;
    this.#files = files;
    this.#dbPath = db.name;
    this.#history = new HistoryQueries(db);
    this.#stmt = {
      setSnapshot: db.prepare("UPDATE events SET snapshot_bytes = ? WHERE id = ? AND type = 'motion'"),
      progress: db.prepare(
        'INSERT INTO progress (motion_id, data) VALUES (?, ?) ON CONFLICT (motion_id) DO UPDATE SET data = excluded.data',
      ),
      dropProgress: db.prepare('DELETE FROM progress WHERE motion_id = ?'),
      open: db.prepare<[], { data: string; progress: string | null }>(
        `SELECT m.data, p.data AS progress FROM events m LEFT JOIN progress p ON p.motion_id = m.id
         WHERE m.type = 'motion' AND NOT EXISTS
           (SELECT 1 FROM events e WHERE e.motion_id = m.id AND e.type = 'motion-end') ORDER BY m.id`,
      ),
      lost: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      seq: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'"),
      insert: db.prepare(
        'INSERT INTO events (id, type, camera, ts, motion_id, data, snapshot_bytes) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      after: db.prepare<[number, number], StoredRow>(
        'SELECT id, type, data AS json FROM events WHERE id > ? ORDER BY id LIMIT ?',
      ),
      snapshot: db.prepare<[number], { snapshot_bytes: number }>(
        "SELECT snapshot_bytes FROM events WHERE id = ? AND type = 'motion'",
      ),
      oldest: db.prepare<[], { id: number | null }>('SELECT min(id) AS id FROM events'),
      meta: db.prepare<[string], { value: number }>('SELECT value FROM meta WHERE key = ?'),
    };
    this.#pruner = new Pruner({ db, files, retention: resolveRetention(opts.retention), log: opts.log });
    this.#pruner.start();
  }

  lastId(): number {
    return this.#stmt.seq.get()?.seq ?? 0;
  }

  prunedThrough(): number {
    return this.#stmt.meta.get('pruned_through')?.value ?? 0;
  }

  oldestId(): number | null {
    return this.#stmt.oldest.get()?.id ?? null;
  }

  append<T extends { id: number }>(request: AppendRequest<T>): { data: T; row: StoredRow } {
    const id = this.lastId() + 1;
    const data = request.build(id);
    const row: StoredRow = { id, type: request.type, json: JSON.stringify(data) };
    const snapshotError = this.write({ ...request, row });
    if (snapshotError) throw snapshotError;
    return { data, row };
  }

  write(request: RowWrite): StorageError | null {
    const { row, snapshot } = request;
    let snapshotError: StorageError | null = null;
    // The file goes first: a row never points at a missing file. A file whose row then fails is
    // rewritten by the retry, or swept at start-up as an id above the last one.
    if (snapshot) {
      try {
        this.#files.write(row.id, snapshot);
      } catch (err) {
        snapshotError = StorageError.from(err, this.#files.dir);
      }
    }
    const bytes = snapshot && !snapshotError ? snapshot.length : 0;
    try {
      this.#db
        .transaction(() => {
          this.#stmt.insert.run(
            row.id,
            row.type,
            request.camera,
            request.ts,
            request.motionId,
            row.json,
            bytes,
          );
          if (row.type === 'motion-end') this.#stmt.dropProgress.run(request.motionId);
        })
        .immediate();
    } catch (err) {
      throw StorageError.from(err, this.#dbPath);
    }
    this.#pruner.noteAppend(row.type === 'motion', bytes);
    return snapshotError;
  }

  attachSnapshot(id: number, jpeg: Buffer): void {
    try {
      this.#files.write(id, jpeg);
      this.#stmt.setSnapshot.run(jpeg.length, id);
    } catch (err) {
      throw StorageError.from(err, this.#files.dir);
    }
    this.#pruner.noteAppend(false, jpeg.length);
  }

  noteProgress(progress: MotionProgress): void {
    try {
      this.#stmt.progress.run(progress.motionId, JSON.stringify(progress));
    } catch (err) {
      throw StorageError.from(err, this.#dbPath);
    }
  }

  openMotions(): OpenMotion[] {
    return this.#stmt.open.all().map((row) => ({
      start: JSON.parse(row.data) as MotionStart,
      progress: row.progress ? (JSON.parse(row.progress) as MotionProgress) : null,
    }));
  }

  recordLost(firstId: number, lastId: number): void {
    this.#stmt.lost.run(`lost:${firstId}`, lastId);
  }

  after(after: number, limit: number): StoredRow[] {
    return this.#stmt.after.all(after, limit);
  }

  page(before: number | null, limit: number, filter?: EventFilter): EventPage {
    return this.#history.page(before, limit, filter);
  }

  get(id: number): EventRecord | null {
    return this.#history.get(id);
  }

  unreviewedCount(): number {
    return this.#history.unreviewed();
  }

  markReviewed(ids: number[]): number[] {
    return this.#guard(() => this.#history.markReviewed(ids));
  }

  markReviewedThrough(throughId: number): number {
    return this.#guard(() => this.#history.markReviewedThrough(throughId));
  }

  async remove(id: number): Promise<boolean> {
    const rows = this.#guard(() => this.#history.removeRows(id));
    if (!rows.some((row) => row.type === 'motion')) return false;
    const bytes = rows.reduce((sum, row) => sum + row.snapshot_bytes, 0);
    this.#pruner.noteRemoved(1, bytes);
    await this.#files.remove(rows.filter((row) => row.snapshot_bytes > 0).map((row) => row.id));
    return true;
  }

  #guard<T>(write: () => T): T {
    try {
      return write();
    } catch (err) {
      throw StorageError.from(err, this.#dbPath);
    }
  }

  snapshotPath(id: number): string | null {
    const row = this.#stmt.snapshot.get(id);
    return row && row.snapshot_bytes > 0 ? this.#files.path(id) : null;
  }

  prune(): Promise<number> {
    return this.#pruner.run();
  }

  close(): void {
    this.#pruner.stop();
    if (this.#db.open) this.#db.close();
  }
}
