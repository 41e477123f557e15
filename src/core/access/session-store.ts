import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Role, SessionInfo } from '../../shared/access';
import { sqliteNativeBinding } from '../events/native-binding';
import { hashToken, newSessionToken } from './tokens';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'admin')),
  name TEXT NOT NULL,
  created_at REAL NOT NULL,
  last_seen_at REAL NOT NULL,
  kiosk INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS access_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

interface Row {
  id: number;
  role: Role;
  name: string;
  created_at: number;
  last_seen_at: number;
  kiosk: number;
}

/** `last_seen_at` is written at most this often per session, in seconds: a stream of requests is not a stream of writes. */
const TOUCH_EVERY_S = 30;
/** Longest session name kept. */
export const MAX_NAME_LENGTH = 64;

const now = () => Date.now() / 1000;
const toInfo = (row: Row): SessionInfo => ({
  id: row.id,
  role: row.role,
  name: row.name,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  kiosk: row.kiosk === 1,
});

/**
 * Sessions in SQLite (`access.sqlite` in the data dir), surviving restarts. The token a browser holds is never
 * stored, only its SHA-256. Revoking deletes the row, so the next request with that cookie is refused, and tells
 * the listeners (open streams of that session are closed).
 */
export class SessionStore {
  readonly #db: Database.Database;
  readonly #revokeListeners = new Set<(id: number) => void>();
  readonly #stmt;

  constructor(dataDir: string, nativeBinding = sqliteNativeBinding()) {
    mkdirSync(dataDir, { recursive: true });
    this.#db = new Database(join(dataDir, 'access.sqlite'), { nativeBinding });
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('busy_timeout = 5000');
    this.#db.exec(SCHEMA);
    const columns = 'id, role, name, created_at, last_seen_at, kiosk';
    this.#stmt = {
      insert: this.#db.prepare(
        'INSERT INTO sessions (token_hash, role, name, created_at, last_seen_at, kiosk) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      byHash: this.#db.prepare<[string], Row>(`SELECT ${columns} FROM sessions WHERE token_hash = ?`),
      byId: this.#db.prepare<[number], Row>(`SELECT ${columns} FROM sessions WHERE id = ?`),
      all: this.#db.prepare<[], Row>(`SELECT ${columns} FROM sessions ORDER BY last_seen_at DESC`),
      touch: this.#db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?'),
      rename: this.#db.prepare('UPDATE sessions SET name = ? WHERE id = ?'),
      remove: this.#db.prepare('DELETE FROM sessions WHERE id = ?'),
      kioskIds: this.#db.prepare<[], { id: number }>('SELECT id FROM sessions WHERE kiosk = 1'),
      admins: this.#db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM sessions WHERE role = 'admin'"),
      getMeta: this.#db.prepare<[string], { value: string }>('SELECT value FROM access_meta WHERE key = ?'),
      setMeta: this.#db.prepare(
        'INSERT INTO access_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  /** A new session; the token is returned once and never again. */
  create(role: Role, name: string, kiosk = false): { token: string; session: SessionInfo } {
    const token = newSessionToken();
    const t = now();
    const result = this.#stmt.insert.run(hashToken(token), role, cleanName(name), t, t, kiosk ? 1 : 0);
    const row = this.#stmt.byId.get(Number(result.lastInsertRowid));
    if (!row) throw new Error('session vanished right after it was created');
    return { token, session: toInfo(row) };
  }

  /** The session a cookie's token names, or null; refreshes its "last seen" time. */
  lookup(token: string): SessionInfo | null {
    const row = this.#stmt.byHash.get(hashToken(token));
    if (!row) return null;
    const t = now();
    if (t - row.last_seen_at > TOUCH_EVERY_S) {
      this.#stmt.touch.run(t, row.id);
      row.last_seen_at = t;
    }
    return toInfo(row);
  }

  get(id: number): SessionInfo | null {
    const row = this.#stmt.byId.get(id);
    return row ? toInfo(row) : null;
  }

  /** Every session, most recently seen first. */
  list(): SessionInfo[] {
    return this.#stmt.all.all().map(toInfo);
  }

  rename(id: number, name: string): SessionInfo | null {
    this.#stmt.rename.run(cleanName(name), id);
    return this.get(id);
  }

  /** Deletes the session; its cookie stops working at once and its open streams are closed. */
  revoke(id: number): boolean {
    const removed = this.#stmt.remove.run(id).changes > 0;
    if (removed) for (const listener of this.#revokeListeners) listener(id);
    return removed;
  }

  /** Revokes every kiosk session: a kiosk that starts makes a fresh one, so old ones would only pile up. */
  revokeKioskSessions(): void {
    for (const { id } of this.#stmt.kioskIds.all()) this.revoke(id);
  }

  onRevoke(listener: (id: number) => void): () => void {
    this.#revokeListeners.add(listener);
    return () => this.#revokeListeners.delete(listener);
  }

  hasAdmin(): boolean {
    return (this.#stmt.admins.get()?.n ?? 0) > 0;
  }

  /** The scrypt hash of the sign-in password, or null when none is set. */
  passwordHash(): string | null {
    return this.#stmt.getMeta.get('password')?.value ?? null;
  }

  setPasswordHash(hash: string): void {
    this.#stmt.setMeta.run('password', hash);
  }

  close(): void {
    this.#db.close();
  }
}

/** One line, printable, bounded: names are shown in lists and logs. */
export function cleanName(name: string): string {
  const cleaned = name
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_NAME_LENGTH);
  return cleaned || 'unnamed device';
}
