import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BoundingBox } from '../../shared/events';
import type { ClipInfo, ClipState } from '../../shared/recording';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS clips (
  event_id INTEGER PRIMARY KEY,
  camera TEXT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT,
  start REAL NOT NULL DEFAULT 0,
  end REAL NOT NULL DEFAULT 0,
  frames INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0,
  best TEXT
);
CREATE INDEX IF NOT EXISTS clips_kept ON clips (event_id) WHERE bytes > 0;
`;

/** One row of `clips`: a recording's state, kept after its files are pruned so the event says why. */
export interface ClipRow {
  eventId: number;
  camera: string;
  state: ClipState;
  reason: string | null;
  /** Unix ms of first and last frame. */
  start: number;
  end: number;
  frames: number;
  bytes: number;
  best: { ts: number; box: BoundingBox } | null;
}

interface RawRow extends Omit<ClipRow, 'eventId' | 'best'> {
  event_id: number;
  best: string | null;
}

/**
 * Recordings' metadata in `recordings.sqlite`, beside (not inside) the event store, so recording
 * changes nothing in `events/`. Written only at a recording's start and end, never per frame.
 */
export class ClipDb {
  readonly #db: Database.Database;
  readonly #stmt;

  constructor(dataDir: string, nativeBinding?: string) {
    this.#db = new Database(join(dataDir, 'recordings.sqlite'), nativeBinding ? { nativeBinding } : {});
    this.#db.pragma('journal_mode = WAL');
    // A lost last update is repaired from the files at start-up; no fsync on the frame path.
    this.#db.pragma('synchronous = NORMAL');
    this.#db.exec(SCHEMA);
    const db = this.#db;
    this.#stmt = {
      upsert: db.prepare(
        `INSERT INTO clips (event_id, camera, state, reason, start, end, frames, bytes, best)
         VALUES (@eventId, @camera, @state, @reason, @start, @end, @frames, @bytes, @best)
         ON CONFLICT (event_id) DO UPDATE SET state = excluded.state, reason = excluded.reason,
           start = excluded.start, end = excluded.end, frames = excluded.frames, bytes = excluded.bytes,
           best = excluded.best`,
      ),
      get: db.prepare<[number], RawRow>('SELECT * FROM clips WHERE event_id = ?'),
      byState: db.prepare<[string], RawRow>('SELECT * FROM clips WHERE state = ?'),
      kept: db.prepare<[], RawRow>('SELECT * FROM clips WHERE bytes > 0 ORDER BY event_id'),
      usage: db.prepare<[], { bytes: number | null; clips: number; oldest: number | null }>(
        'SELECT sum(bytes) AS bytes, count(*) AS clips, min(start) AS oldest FROM clips WHERE bytes > 0',
      ),
      withClip: db.prepare<[], { event_id: number }>(
        "SELECT event_id FROM clips WHERE (bytes > 0 AND frames > 0) OR state = 'recording'",
      ),
      remove: db.prepare<[number]>('DELETE FROM clips WHERE event_id = ?'),
      prune: db.prepare<[string, number]>(
        "UPDATE clips SET state = 'pruned', reason = ?, bytes = 0 WHERE event_id = ?",
      ),
    };
  }

  put(row: ClipRow): void {
    this.#stmt.upsert.run({ ...row, best: row.best ? JSON.stringify(row.best) : null });
  }

  get(eventId: number): ClipRow | null {
    const raw = this.#stmt.get.get(eventId);
    return raw ? fromRaw(raw) : null;
  }

  withState(state: ClipState): ClipRow[] {
    return this.#stmt.byState.all(state).map(fromRaw);
  }

  /** Recordings whose files are still on disk, oldest first. */
  kept(): ClipRow[] {
    return this.#stmt.kept.all().map(fromRaw);
  }

  usage(): { bytes: number; clips: number; oldest: number | null } {
    const row = this.#stmt.usage.get();
    return { bytes: row?.bytes ?? 0, clips: row?.clips ?? 0, oldest: row?.oldest ?? null };
  }

  /** Events whose clip can be played (or is being recorded now). */
  withClip(): number[] {
    return this.#stmt.withClip.all().map((row) => row.event_id);
  }

  /** Forgets a recording whose event was deleted. */
  remove(eventId: number): void {
    this.#stmt.remove.run(eventId);
  }

  markPruned(eventId: number, reason: string): void {
    this.#stmt.prune.run(reason, eventId);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

function fromRaw(raw: RawRow): ClipRow {
  const { event_id, best, ...rest } = raw;
  return { ...rest, eventId: event_id, best: best ? JSON.parse(best) : null };
}

/** The public view of a row. */
export function clipInfo(row: ClipRow): ClipInfo {
  const playable = row.frames > 0 && row.bytes > 0;
  const info: ClipInfo = {
    state: row.state,
    url: playable ? `/api/events/${row.eventId}/clip` : null,
    start: row.start / 1000,
    end: row.end / 1000,
    frames: row.frames,
    bytes: row.bytes,
    best: row.best,
  };
  if (row.reason) info.reason = row.reason;
  return info;
}
