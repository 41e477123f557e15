/** What went wrong, in words an operator can act on, by error code (fs and SQLite). */
const PROBLEMS: Record<string, { what: string; todo: string }> = {
  ENOSPC: { what: 'no space left on the device', todo: 'free some space' },
  SQLITE_FULL: { what: 'no space left on the device', todo: 'free some space' },
  EDQUOT: { what: 'disk quota exceeded', todo: 'free some space or raise the quota' },
  EROFS: { what: 'the file system is read-only', todo: 'remount it read-write or choose another --data-dir' },
  SQLITE_READONLY: {
    what: 'the database is read-only',
    todo: 'make the data dir writable or choose another --data-dir',
  },
  EACCES: { what: 'permission denied', todo: 'make it writable by this user or choose another --data-dir' },
  EPERM: { what: 'permission denied', todo: 'make it writable by this user or choose another --data-dir' },
  SQLITE_IOERR: { what: 'an I/O error', todo: 'check the disk and free some space' },
};

/** A write to the data dir that failed: which path, what is wrong and what to do, in one line. */
export class StorageError extends Error {
  constructor(
    /** The file or directory that could not be written. */
    readonly path: string,
    /** Error code (`ENOSPC`, `EROFS`, `SQLITE_FULL`, …), or `EIO` when unknown. */
    readonly code: string,
    /** What went wrong, in words. */
    readonly problem: string,
    /** What the operator can do about it. */
    readonly todo: string,
  ) {
    super(`cannot write ${path}: ${problem} (${code}); ${todo}`);
  }

  static from(err: unknown, path: string): StorageError {
    if (err instanceof StorageError) return err;
    const e = err as { code?: string; path?: string; message?: string };
    const raw = e.code ?? 'EIO';
    // SQLite's extended codes (SQLITE_IOERR_WRITE…) share their primary code's advice.
    const code = Object.keys(PROBLEMS).find((known) => raw === known || raw.startsWith(`${known}_`)) ?? raw;
    const known = PROBLEMS[code];
    return new StorageError(
      e.path ?? path,
      raw,
      known?.what ?? (e.message ?? String(err)).split('\n')[0],
      known?.todo ?? 'check the disk',
    );
  }
}
