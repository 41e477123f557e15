import type Database from 'better-sqlite3';
import type { EventPage, EventRecord } from '../../shared/api';
import type { MotionEnd, MotionLabel, MotionStart } from '../../shared/events';
import { bestLabels } from '../../shared/labels';
import type { EventFilter } from './store-types';

interface RecordRow {
  data: string;
  end_data: string | null;
  reviewed: number;
  labels: string;
}

const SELECT = `SELECT m.data, e.data AS end_data, m.reviewed,
  (SELECT json_group_array(json(l.data)) FROM events l WHERE l.motion_id = m.id AND l.type = 'motion-label') AS labels
  FROM events m LEFT JOIN events e ON e.motion_id = m.id AND e.type = 'motion-end'
  WHERE m.type = 'motion'`;

/** One SQL condition per filter; labels count from `motion-label` rows and from an end's `labels` alike. */
const CONDITIONS: Record<keyof EventFilter, string> = {
  from: 'm.ts >= @from',
  to: 'm.ts < @to',
  clips: '(m.id IN (SELECT value FROM json_each(@clips))) = @hasClip',
  minDuration: "json_extract(e.data, '$.duration') >= @minDuration",
  label: `(EXISTS (SELECT 1 FROM events l WHERE l.motion_id = m.id AND l.type = 'motion-label'
             AND json_extract(l.data, '$.label') = @label)
       OR EXISTS (SELECT 1 FROM json_each(e.data, '$.labels') WHERE json_extract(value, '$.label') = @label))`,
  reviewed: 'm.reviewed = @reviewed',
};

/**
 * The history side of the event store: filtered pages of motion events, one event, the reviewed flag and the
 * rows of one event (for deleting it). Statements are prepared once per combination of filters used.
 */
export class HistoryQueries {
  readonly #db: Database.Database;
  readonly #pages = new Map<string, Database.Statement>();
  readonly #stmt;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#stmt = {
      get: db.prepare<[number], RecordRow>(`${SELECT} AND m.id = ?`),
      unreviewed: db.prepare<[], { n: number }>(
        "SELECT count(*) AS n FROM events WHERE type = 'motion' AND reviewed = 0",
      ),
      review: db.prepare<[string], { id: number }>(
        `UPDATE events SET reviewed = 1 WHERE type = 'motion' AND reviewed = 0
         AND id IN (SELECT value FROM json_each(?)) RETURNING id`,
      ),
      reviewThrough: db.prepare<[number], { id: number }>(
        "UPDATE events SET reviewed = 1 WHERE type = 'motion' AND reviewed = 0 AND id <= ? RETURNING id",
      ),
      remove: db.prepare<[number, number], { id: number; type: string; snapshot_bytes: number }>(
        `DELETE FROM events WHERE (id = ? AND type = 'motion') OR motion_id = ?
         RETURNING id, type, snapshot_bytes`,
      ),
      dropProgress: db.prepare<[number]>('DELETE FROM progress WHERE motion_id = ?'),
    };
  }

  page(before: number | null, limit: number, filter: EventFilter = {}): EventPage {
    const used = (Object.keys(CONDITIONS) as (keyof EventFilter)[]).filter(
      (key) => filter[key] !== undefined,
    );
    const key = used.join(',');
    let stmt = this.#pages.get(key);
    if (!stmt) {
      const where = used.map((name) => ` AND ${CONDITIONS[name]}`).join('');
      stmt = this.#db.prepare(`${SELECT} AND m.id < @before${where} ORDER BY m.id DESC LIMIT @limit`);
      this.#pages.set(key, stmt);
    }
    const params: Record<string, unknown> = { before: before ?? Number.MAX_SAFE_INTEGER, limit: limit + 1 };
    for (const name of used) {
      if (name === 'clips' && filter.clips) {
        params.clips = JSON.stringify(filter.clips.ids);
        params.hasClip = filter.clips.has ? 1 : 0;
      } else if (name === 'reviewed') params.reviewed = filter.reviewed ? 1 : 0;
      else params[name] = filter[name];
    }
    const rows = stmt.all(params) as RecordRow[];
    const events = rows.slice(0, limit).map(toRecord);
    return { events, nextBefore: rows.length > limit ? (events.at(-1)?.id ?? null) : null };
  }

  get(id: number): EventRecord | null {
    const row = this.#stmt.get.get(id);
    return row ? toRecord(row) : null;
  }

  unreviewed(): number {
    return this.#stmt.unreviewed.get()?.n ?? 0;
  }

  /** Marks these motion events reviewed; returns the ids that were not yet. */
  markReviewed(ids: number[]): number[] {
    return this.#stmt.review.all(JSON.stringify(ids)).map((row) => row.id);
  }

  /** Marks every motion event with id ≤ `throughId` reviewed; returns how many were not yet. */
  markReviewedThrough(throughId: number): number {
    return this.#stmt.reviewThrough.all(throughId).length;
  }

  /** Deletes a motion event's rows (start, labels, end, progress) in one transaction; returns them. */
  removeRows(id: number): { id: number; type: string; snapshot_bytes: number }[] {
    return this.#db.transaction(() => {
      const rows = this.#stmt.remove.all(id, id);
      this.#stmt.dropProgress.run(id);
      return rows;
    })();
  }
}

function toRecord(row: RecordRow): EventRecord {
  const start = JSON.parse(row.data) as MotionStart;
  const end = row.end_data ? (JSON.parse(row.end_data) as MotionEnd) : null;
  const seen = (JSON.parse(row.labels) as MotionLabel[]).map(({ label, score }) => ({ label, score }));
  return {
    ...start,
    end,
    reviewed: row.reviewed === 1,
    labels: bestLabels([...seen, ...(end?.labels ?? [])]),
  };
}
