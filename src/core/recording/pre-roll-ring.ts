import type { Frame } from '../frames/frame';

/**
 * The last few seconds of frames, kept in memory so a clip can start before the event that triggers it.
 * Bounded twice: by frame time (`seconds`) and by JPEG bytes (`maxBytes`), whichever is hit first, so a
 * high-resolution camera cannot make it grow without limit. Holds references to the frames' JPEGs only:
 * a frame's gray copy (detection's, as large as a 640×480 JPEG) is left out, as no recording reads it.
 */
export class PreRollRing {
  #frames: Frame[] = [];
  #head = 0;
  #bytes = 0;

  /**
   * @param seconds frame time kept, in seconds (0 keeps nothing).
   * @param maxBytes JPEG bytes kept at most. Default 64 MiB.
   */
  constructor(
    public seconds: number,
    readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  push(frame: Frame): void {
    const { seq, ts, jpeg, width, height } = frame;
    this.#frames.push({ seq, ts, jpeg, width, height, gray: null });
    this.#bytes += frame.jpeg.length;
    const oldest = frame.ts - this.seconds * 1000;
    while (
      this.#head < this.#frames.length &&
      (this.#frames[this.#head].ts < oldest || this.#bytes > this.maxBytes)
    ) {
      this.#bytes -= this.#frames[this.#head].jpeg.length;
      this.#head++;
    }
    // Compact every 32 frames dropped rather than shifting on every frame: dropped frames stay
    // referenced until then, so a rarer compaction (it was 256) held seconds of JPEGs past their time.
    if (this.#head >= 32) {
      this.#frames = this.#frames.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Drops every frame held. */
  clear(): void {
    if (this.#frames.length === 0) return;
    this.#frames = [];
    this.#head = 0;
    this.#bytes = 0;
  }

  /** Frames held, oldest first, with capture time at or after `fromTs` (Unix ms). */
  since(fromTs: number): Frame[] {
    const frames: Frame[] = [];
    for (let i = this.#head; i < this.#frames.length; i++) {
      if (this.#frames[i].ts >= fromTs) frames.push(this.#frames[i]);
    }
    return frames;
  }

  /** The frame captured closest to `ts` (Unix ms), or null when empty. */
  nearest(ts: number): Frame | null {
    let best: Frame | null = null;
    for (let i = this.#head; i < this.#frames.length; i++) {
      const frame = this.#frames[i];
      if (!best || Math.abs(frame.ts - ts) < Math.abs(best.ts - ts)) best = frame;
    }
    return best;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get length(): number {
    return this.#frames.length - this.#head;
  }
}
