import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { EventPage, EventRecord } from '../../shared/api';
import type { MotionEnd, MotionStart, StoredEventType } from '../../shared/events';
import { sqliteNativeBinding } from './native-binding';
import { Pruner } from './pruner';
import { type RetentionOptions, resolveRetention } from './retention';
import { SCHEMA, SnapshotFiles } from './snapshot-files';

/** One stored event as it went on the wire: its type, id and the exact JSON sent as `data:`. */
export interface StoredRow {
  id: number;
  type: StoredEventType;
  json: string;
}

/** What the hub hands the store to append; `build` turns the assigned id into the payload. */
export interface AppendRequest<T extends { id: number }> {
  type: StoredEventType;
  camera: string;
  ts: number;
  /** The `motion` id a `motion-end` closes; null for `motion`. */
  motionId: number | null;
  build(id: number): T;
  /** JPEG stored as the event's snapshot file. */
  snapshot?: Buffer;
}

/** Durable event history: SQLite rows plus one JPEG file per `motion` event. */
export interface EventStore {
  /** Highest id ever assigned (0 when none); never decreases, even after pruning or a restart. */
  lastId(): number;
  /** Highest id removed by retention (0 when none): a resume point below it has lost events. */
  prunedThrough(): number;
  /** Lowest id still stored, or null when empty. */
  oldestId(): number | null;
  /** Assigns the next id and commits the row (and snapshot file) before returning. */
  append<T extends { id: number }>(request: AppendRequest<T>): { data: T; row: StoredRow };
  /** Stored events with id > `after`, oldest first, at most `limit`. */
  after(after: number, limit: number): StoredRow[];
  /** `motion` events with id < `before` (all when null), newest first, each with its end. */
  page(before: number | null, limit: number): EventPage;
  /** One `motion` event with its end, or null. */
  get(id: number): EventRecord | null;
  /** Path of the snapshot JPEG of a stored `motion` event, or null when there is none. */
  snapshotPath(id: number): string | null;
  /** Applies retention now; resolves when rows and files are gone. */
  prune(): Promise<number>;
  close(): void;
}

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
  return new SqliteEventStore(db, new SnapshotFiles(join(opts.dataDir, 'snapshots')), opts);
}

interface RecordRow {
  data: string;
  end_data: string | null;
}

class SqliteEventStore implements EventStore {
  readonly #db: Database.Database;
  readonly #files: SnapshotFiles;
  readonly #pruner: Pruner;
  readonly #stmt;

  constructor(db: Database.Database, files: SnapshotFiles, opts: EventStoreOptions) {
    this.#db = db;
    this.#files = files;
    this.#stmt = {
      seq: db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'events'"),
      insert: db.prepare(
        'INSERT INTO events (id, type, camera, ts, motion_id, data, snapshot_bytes) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      after: db.prepare<[number, number], StoredRow>(
        'SELECT id, type, data AS json FROM events WHERE id > ? ORDER BY id LIMIT ?',
      ),
      page: db.prepare<[number, number], RecordRow>(
        `SELECT m.data, e.data AS end_data FROM events m
         LEFT JOIN events e ON e.motion_id = m.id AND e.type = 'motion-end'
         WHERE m.type = 'motion' AND m.id < ? ORDER BY m.id DESC LIMIT ?`,
      ),
      get: db.prepare<[number], RecordRow>(
        `SELECT m.data, e.data AS end_data FROM events m
         LEFT JOIN events e ON e.motion_id = m.id AND e.type = 'motion-end'
         WHERE m.type = 'motion' AND m.id = ?`,
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
    const result = this.#db
      .transaction(() => {
        const id = this.lastId() + 1;
        const data = request.build(id);
        const json = JSON.stringify(data);
        const bytes = request.snapshot?.length ?? 0;
        this.#stmt.insert.run(id, request.type, request.camera, request.ts, request.motionId, json, bytes);
        // Inside the transaction: a failed write rolls the row back, so no row points at a missing file.
        if (request.snapshot) this.#files.write(id, request.snapshot);
        return { data, row: { id, type: request.type, json } };
      })
      .immediate();
    this.#pruner.noteAppend(request.type === 'motion', request.snapshot?.length ?? 0);
    return result;
  }

  after(after: number, limit: number): StoredRow[] {
    return this.#stmt.after.all(after, limit);
  }

  page(before: number | null, limit: number): EventPage {
    const rows = this.#stmt.page.all(before ?? Number.MAX_SAFE_INTEGER, limit + 1);
    const events = rows.slice(0, limit).map(toRecord);
    return { events, nextBefore: rows.length > limit ? (events.at(-1)?.id ?? null) : null };
  }

  get(id: number): EventRecord | null {
    const row = this.#stmt.get.get(id);
    return row ? toRecord(row) : null;
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

function toRecord(row: RecordRow): EventRecord {
  const start = JSON.parse(row.data) as MotionStart;
  return { ...start, end: row.end_data ? (JSON.parse(row.end_data) as MotionEnd) : null };
}
