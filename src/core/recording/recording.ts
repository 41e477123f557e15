import { writeFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BoundingBox } from '../../shared/events';
import type { Frame } from '../frames/frame';
import { pictureScore } from './best-picture';
import { type ClipSummary, ClipWriter } from './clip-writer';

export const BEST_PICTURE = 'best.jpg';
export const BOXES = 'boxes.json';

/** Added to a labelled frame's score: more than any motion box alone can score (`pictureScore` ≤ 1). */
const LABELLED = 1;

/** Best picture candidates are written at most this often while an event runs. */
const BEST_WRITE_MS = 1000;

export interface RecordingOptions {
  eventId: number;
  camera: string;
  dir: string;
  /** Unix ms after which no frame is kept (start + maxClipSeconds). */
  capAt: number;
  onError(err: Error): void;
}

/**
 * One event's recording: its clip writer, its motion boxes over time, and its best picture so far
 * (written to `best.jpg` while the event runs, at most once a second, off the frame path).
 */
export class Recording {
  readonly writer: ClipWriter;
  /** Unix ms after which frames are no longer wanted; set by the event's end (plus post-roll). */
  endAt: number | null = null;
  readonly boxes: { ts: number; box: BoundingBox | null }[] = [];
  best: { ts: number; box: BoundingBox; score: number; jpeg: Buffer } | null = null;
  #bestWritten = 0;
  #bestDirty = false;
  #bestTimer: NodeJS.Timeout | null = null;

  constructor(readonly opts: RecordingOptions) {
    this.writer = new ClipWriter({ dir: opts.dir, onError: opts.onError });
  }

  /** True once `frame` is past what this recording wants. */
  isPast(frame: Frame): boolean {
    return frame.ts > this.opts.capAt || (this.endAt !== null && frame.ts > this.endAt);
  }

  /** Where to cut the clip: the end plus post-roll, or the length cap. */
  get cutAt(): number {
    return Math.min(this.endAt ?? Number.POSITIVE_INFINITY, this.opts.capAt);
  }

  /** A motion box sample of the event (seconds), with the frame it belongs to when still in memory. */
  noteBox(ts: number, box: BoundingBox | null, frame: Frame | null): void {
    this.boxes.push({ ts, box });
    if (box && frame) this.#offer(ts, box, pictureScore(box), frame);
  }

  /**
   * A frame in which the label model found a label people want to be told about (`notify`), with the
   * object's box: it beats every frame without one (scores above 1; a box scores at most 1), and
   * among labelled frames the better framed object wins.
   */
  noteLabelled(ts: number, box: BoundingBox, frame: Frame): void {
    this.#offer(ts, box, LABELLED + pictureScore(box), frame);
  }

  #offer(ts: number, box: BoundingBox, score: number, frame: Frame): void {
    if (score <= 0 || score <= (this.best?.score ?? 0)) return;
    this.best = { ts, box, score, jpeg: frame.jpeg };
    this.#bestDirty = true;
    this.#bestTimer ??= setTimeout(
      () => {
        this.#bestTimer = null;
        this.#writeBest().catch(() => {});
      },
      Math.max(0, this.#bestWritten + BEST_WRITE_MS - Date.now()),
    );
  }

  /** Writes the best picture now if it changed; synchronous, for the moment the event's end is announced. */
  flushBestSync(): void {
    if (!this.#bestDirty || !this.best) return;
    this.#bestDirty = false;
    writeFileSync(join(this.opts.dir, BEST_PICTURE), this.best.jpeg);
  }

  /** Stops the writer (cutting at `cutAt`), writes the best picture and the box track. */
  async finish(): Promise<ClipSummary> {
    if (this.#bestTimer) clearTimeout(this.#bestTimer);
    this.#bestTimer = null;
    const cut = this.cutAt;
    const summary = await this.writer.finish(Number.isFinite(cut) ? cut : undefined);
    if (!summary.error) {
      await this.#writeBest().catch(() => {});
      await writeFile(join(this.opts.dir, BOXES), JSON.stringify(this.boxes)).catch(() => {});
    }
    return summary;
  }

  async #writeBest(): Promise<void> {
    if (!this.#bestDirty || !this.best) return;
    this.#bestDirty = false;
    this.#bestWritten = Date.now();
    const tmp = join(this.opts.dir, `${BEST_PICTURE}.tmp`);
    await writeFile(tmp, this.best.jpeg);
    await rename(tmp, join(this.opts.dir, BEST_PICTURE));
  }
}
