import { closeSync, fstatSync, openSync, renameSync, writeSync } from 'node:fs';

/**
 * A log file that never grows past `maxBytes`: when the next line would cross it, the file becomes
 * `<path>.1` (replacing the previous one) and a new file starts. At most twice `maxBytes` on disk.
 * Writes are synchronous (a few log lines a minute; a crash must not lose the line that explains it).
 * A write the disk refuses is dropped: logging must never take the app down with the disk.
 */
export class RotatingLog {
  #fd: number | null = null;
  #size = 0;

  /** @param maxBytes size of one file before it rotates. Default 5 MiB. */
  constructor(
    readonly path: string,
    private readonly maxBytes = 5 * 1024 * 1024,
  ) {}

  write(line: string): void {
    try {
      const bytes = Buffer.from(line);
      if (this.#fd === null) this.#open();
      if (this.#size > 0 && this.#size + bytes.length > this.maxBytes) this.#rotate();
      this.#size += writeSync(this.#fd as number, bytes);
    } catch {
      // Disk full or read-only: the line still went to stderr; health reports the storage problem.
    }
  }

  #open(): void {
    this.#fd = openSync(this.path, 'a');
    this.#size = fstatSync(this.#fd).size;
  }

  #rotate(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
    renameSync(this.path, `${this.path}.1`);
    this.#open();
  }
}
