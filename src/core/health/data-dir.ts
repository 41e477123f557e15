import { closeSync, fsyncSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StorageError } from '../events/storage-error';

/** Bytes the start-up probe writes: room for a few events, so a disk with a few bytes left counts as full. */
const PROBE_BYTES = 256 * 1024;

/**
 * Checks at start-up that the data dir can be created and written, and says which path, what is wrong
 * and what to do when it cannot (a full disk, a read-only mount, wrong owner), instead of SQLite's
 * bare "disk I/O error". Throws an Error whose message is that one line.
 */
export function checkDataDir(dir: string): void {
  const probe = join(dir, '.write-test');
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(probe, 'w');
    try {
      writeSync(fd, Buffer.alloc(PROBE_BYTES));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new Error(`data dir ${dir}: ${StorageError.from(err, dir).message}`);
  } finally {
    try {
      rmSync(probe, { force: true });
    } catch {
      // A directory that refused the probe has no probe to remove.
    }
  }
}
