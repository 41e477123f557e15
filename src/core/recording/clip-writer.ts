import { type FileHandle, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Frame } from '../frames/frame';
import { type ClipFrame, encodeRecord, RECORD_BYTES } from './clip-index';

export const CLIP_DATA = 'clip.mjpeg';
export const CLIP_INDEX = 'clip.idx';

export interface ClipWriterOptions {
  /** The recording's own directory; created when missing. */
  dir: string;
  /** JPEG bytes waiting for the disk before new frames are dropped instead of queued. Default 16 MiB. */
  maxQueuedBytes?: number;
  /** Told once, on the first write that fails (disk full, permission); the writer then stops. */
  onError(err: Error): void;
}

/** What a finished (or failed) writer wrote. */
export interface ClipSummary {
  frames: ClipFrame[];
  bytes: number;
  /** Frames dropped because the disk fell behind by more than `maxQueuedBytes`. */
  dropped: number;
  error: Error | null;
}

/**
 * Appends frames to one clip without ever blocking the frame path: `append` only queues the JPEG
 * (already in memory, never copied); one write loop at a time sends each batch with a single `writev`,
 * then appends the batch's index records. The queue is bounded: a stalled disk costs frames, not memory.
 */
export class ClipWriter {
  readonly #opts: ClipWriterOptions;
  readonly #maxQueued: number;
  readonly #handles: Promise<[FileHandle, FileHandle]>;
  #queue: Frame[] = [];
  #queuedBytes = 0;
  #written: ClipFrame[] = [];
  #offset = 0;
  #dropped = 0;
  #error: Error | null = null;
  #loop: Promise<void> | null = null;
  #closed = false;

  constructor(opts: ClipWriterOptions) {
    this.#opts = opts;
    this.#maxQueued = opts.maxQueuedBytes ?? 16 * 1024 * 1024;
    this.#handles = mkdir(opts.dir, { recursive: true }).then(() =>
      Promise.all([open(join(opts.dir, CLIP_DATA), 'w'), open(join(opts.dir, CLIP_INDEX), 'w')]),
    );
    // A failure to open surfaces through the write loop; this only keeps it from being unhandled.
    this.#handles.catch(() => {});
  }

  /** Frames written so far. */
  get frameCount(): number {
    return this.#written.length;
  }

  get failed(): boolean {
    return this.#error !== null;
  }

  append(frame: Frame): void {
    if (this.#closed || this.#error) return;
    if (this.#queuedBytes + frame.jpeg.length > this.#maxQueued) {
      this.#dropped++;
      return;
    }
    this.#queue.push(frame);
    this.#queuedBytes += frame.jpeg.length;
    this.#loop ??= this.#drain().finally(() => {
      this.#loop = null;
    });
  }

  /**
   * Writes what is queued, cuts the clip after the last frame at or before `untilTs` (Unix ms) when given,
   * and closes the files.
   */
  async finish(untilTs?: number): Promise<ClipSummary> {
    this.#closed = true;
    while (this.#loop) await this.#loop;
    const handles = await this.#handles.catch(() => null);
    if (handles && !this.#error && untilTs !== undefined) await this.#cut(handles, untilTs);
    if (handles) await Promise.all(handles.map((handle) => handle.close().catch(() => {})));
    const last = this.#written.at(-1);
    return {
      frames: this.#written,
      bytes: last ? last.offset + last.length : 0,
      dropped: this.#dropped,
      error: this.#error,
    };
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0 && !this.#error) {
      const batch = this.#queue;
      this.#queue = [];
      try {
        const [data, index] = await this.#handles;
        const records = Buffer.alloc(batch.length * RECORD_BYTES);
        const added: ClipFrame[] = [];
        let offset = this.#offset;
        for (const [i, frame] of batch.entries()) {
          const entry = { offset, length: frame.jpeg.length, ts: frame.ts };
          encodeRecord(entry, records, i * RECORD_BYTES);
          added.push(entry);
          offset += frame.jpeg.length;
        }
        await writeAll(
          data,
          batch.map((frame) => frame.jpeg),
          this.#offset,
        );
        // The index follows the data, so a record never points at bytes that are not there yet.
        await writeAll(index, [records], this.#written.length * RECORD_BYTES);
        this.#offset = offset;
        this.#written.push(...added);
      } catch (err) {
        this.#error = err instanceof Error ? err : new Error(String(err));
        this.#opts.onError(this.#error);
      } finally {
        for (const frame of batch) this.#queuedBytes -= frame.jpeg.length;
      }
    }
  }

  async #cut([data, index]: [FileHandle, FileHandle], untilTs: number): Promise<void> {
    const keep = this.#written.findIndex((frame) => frame.ts > untilTs);
    if (keep < 0) return;
    this.#written = this.#written.slice(0, keep);
    const last = this.#written.at(-1);
    await index.truncate(keep * RECORD_BYTES);
    await data.truncate(last ? last.offset + last.length : 0);
  }
}

/** `writev` may write less than asked (a full disk, a signal); go on until all is written or it throws. */
async function writeAll(handle: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let rest = buffers;
  let at = position;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest, at);
    if (bytesWritten === 0) throw new Error('write made no progress (disk full?)');
    at += bytesWritten;
    let skip = bytesWritten;
    const next: Buffer[] = [];
    for (const buffer of rest) {
      if (skip >= buffer.length) skip -= buffer.length;
      else {
        next.push(skip > 0 ? buffer.subarray(skip) : buffer);
        skip = 0;
      }
    }
    rest = next;
  }
}
