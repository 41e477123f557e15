import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { StoredRow } from '../events/event-store';
import { sqliteNativeBinding } from '../events/native-binding';

/** One message waiting for one receiver. */
export interface OutboxItem {
  seq: number;
  target: string;
  eventId: number;
  type: string;
  /** The event's JSON (the SSE payload). */
  json: string;
  attempts: number;
  /** Epoch ms before which it is not retried. */
  nextAt: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS webhook_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  target TEXT NOT NULL,
  event_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  json TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL DEFAULT 0,
  UNIQUE (target, event_id)
);
CREATE TABLE IF NOT EXISTS webhook_cursor (target TEXT PRIMARY KEY, last_id INTEGER NOT NULL);
`;

/**
 * The durable webhook outbox (`<dataDir>/integrations.sqlite`). Each receiver has a cursor over the
 * event store: `enqueue` copies the stored events after it into the outbox and moves it, in one
 * transaction, so an event stored just before a crash is still enqueued at the next start. A row
 * leaves the outbox only once its receiver answered 2xx; the unique (target, event id) makes it once.
 */
export class WebhookOutbox {
  readonly #db: Database.Database;
  readonly #stmt;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.#db = new Database(join(dataDir, 'integrations.sqlite'), { nativeBinding: sqliteNativeBinding() });
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.exec(SCHEMA);
    this.#stmt = {
      cursor: this.#db.prepare<[string], { last_id: number }>(
        'SELECT last_id FROM webhook_cursor WHERE target = ?',
      ),
      setCursor: this.#db.prepare<[string, number]>(
        'INSERT INTO webhook_cursor (target, last_id) VALUES (?, ?) ON CONFLICT(target) DO UPDATE SET last_id = excluded.last_id',
      ),
      insert: this.#db.prepare<[string, number, string, string]>(
        'INSERT OR IGNORE INTO webhook_outbox (target, event_id, type, json) VALUES (?, ?, ?, ?)',
      ),
      head: this.#db.prepare<[string], RawItem>(
        'SELECT * FROM webhook_outbox WHERE target = ? ORDER BY event_id LIMIT 1',
      ),
      remove: this.#db.prepare<[number]>('DELETE FROM webhook_outbox WHERE seq = ?'),
      retry: this.#db.prepare<[number, number]>(
        'UPDATE webhook_outbox SET attempts = attempts + 1, next_at = ? WHERE seq = ?',
      ),
      forgetItems: this.#db.prepare<[string]>('DELETE FROM webhook_outbox WHERE target = ?'),
      forgetCursor: this.#db.prepare<[string]>('DELETE FROM webhook_cursor WHERE target = ?'),
      pending: this.#db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM webhook_outbox WHERE target = ?',
      ),
    };
  }

  /** The receiver's cursor; a receiver seen for the first time starts at `lastId` (no history replay). */
  cursor(target: string, lastId: number): number {
    const row = this.#stmt.cursor.get(target);
    if (row) return row.last_id;
    this.#stmt.setCursor.run(target, lastId);
    return lastId;
  }

  /** Adds the rows `wanted` accepts and moves the cursor past all of `rows`, atomically. */
  enqueue(target: string, rows: StoredRow[], wanted: (row: StoredRow) => boolean): void {
    if (rows.length === 0) return;
    this.#db.transaction(() => {
      for (const row of rows) if (wanted(row)) this.#stmt.insert.run(target, row.id, row.type, row.json);
      this.#stmt.setCursor.run(target, rows[rows.length - 1].id);
    })();
  }

  /** The oldest undelivered message for the receiver. */
  head(target: string): OutboxItem | null {
    const row = this.#stmt.head.get(target);
    return row
      ? {
          seq: row.seq,
          target,
          eventId: row.event_id,
          type: row.type,
          json: row.json,
          attempts: row.attempts,
          nextAt: row.next_at,
        }
      : null;
  }

  delivered(seq: number): void {
    this.#stmt.remove.run(seq);
  }

  failed(seq: number, nextAt: number): void {
    this.#stmt.retry.run(nextAt, seq);
  }

  /** A receiver removed: its undelivered messages and cursor go (added again, it starts from then). */
  forget(target: string): void {
    this.#db.transaction(() => {
      this.#stmt.forgetItems.run(target);
      this.#stmt.forgetCursor.run(target);
    })();
  }

  pending(target: string): number {
    return this.#stmt.pending.get(target)?.n ?? 0;
  }

  close(): void {
    this.#db.close();
  }
}

interface RawItem {
  seq: number;
  event_id: number;
  type: string;
  json: string;
  attempts: number;
  next_at: number;
}
