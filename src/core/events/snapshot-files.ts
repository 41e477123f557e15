import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Tables of the event store. `data` is the exact JSON sent as SSE `data:`, so a replay is byte-identical. */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  camera TEXT NOT NULL,
  ts REAL NOT NULL,
  motion_id INTEGER,
  data TEXT NOT NULL,
  snapshot_bytes INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS events_by_type ON events (type, id);
CREATE INDEX IF NOT EXISTS events_by_motion ON events (motion_id) WHERE motion_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
`;

/** Snapshot JPEGs as `<dir>/<id>.jpg`, one per `motion` event. */
export class SnapshotFiles {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  path(id: number): string {
    return join(this.dir, `${id}.jpg`);
  }

  /** Synchronous on purpose: it runs before the row's commit. A failed write leaves no partial file. */
  write(id: number, jpeg: Buffer): void {
    try {
      writeFileSync(this.path(id), jpeg);
    } catch (err) {
      try {
        rmSync(this.path(id), { force: true });
      } catch {
        // A directory that refuses the removal refused the file too: nothing partial is left.
      }
      throw err;
    }
  }

  async remove(ids: number[]): Promise<void> {
    await Promise.all(ids.map((id) => rm(this.path(id), { force: true })));
  }

  /**
   * Removes files no row points at: below the oldest row (a crash between deleting rows and their
   * files) or above the last id (a crash before the row's commit). `bounds` is read after listing
   * the directory, so a file appended meanwhile is never mistaken for an orphan. Returns how many went.
   */
  async sweep(bounds: () => { oldestId: number | null; lastId: number }): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const { oldestId, lastId } = bounds();
    const orphans = names
      .map((name) => /^(\d+)\.jpg$/.exec(name))
      .filter((match) => match !== null)
      .map((match) => Number(match[1]))
      .filter((id) => oldestId === null || id < oldestId || id > lastId);
    await this.remove(orphans);
    return orphans.length;
  }
}
