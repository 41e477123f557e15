import type Database from 'better-sqlite3';

/**
 * Schema changes after the first release, in order; `PRAGMA user_version` counts those applied. A data dir made
 * before a change gets it at the next start; a new one gets them all right after `SCHEMA`. Never edit an entry
 * once released: add one.
 */
const MIGRATIONS: readonly string[] = [
  // 1. History: an event someone has looked at (or marked) is reviewed; the index keeps the unreviewed count cheap.
  `ALTER TABLE events ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX IF NOT EXISTS events_unreviewed ON events (id) WHERE type = 'motion' AND reviewed = 0;`,
];

/** Applies the migrations a database has not had yet, each in its own transaction; returns the schema version. */
export function migrate(db: Database.Database): number {
  const from = db.pragma('user_version', { simple: true }) as number;
  for (let version = from; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return MIGRATIONS.length;
}
