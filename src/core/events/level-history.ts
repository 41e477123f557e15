import type { MotionLevel } from '../../shared/events';

/**
 * Whether a change score shows a still scene: under half the threshold. A camera's clock overlay or
 * sensor noise stays under it; anything on the way to an event does not.
 */
export function isStillChange(change: number, threshold: number): boolean {
  return change < threshold / 2;
}

/**
 * The last few minutes of `level` samples of one camera, in a fixed ring, so that a dashboard that
 * (re)loads can draw its graph at once (`GET /api/levels`). A push is one array write: the frame path
 * pays nothing more, and memory is fixed at `capacity` small objects.
 */
export class LevelHistory {
  readonly #ring: (MotionLevel | undefined)[];
  #next = 0;

  /** @param capacity samples kept. Default 900 (3 minutes at the hub's 5 samples per second). */
  constructor(readonly capacity = 900) {
    this.#ring = new Array(capacity);
  }

  push(level: MotionLevel): void {
    this.#ring[this.#next] = level;
    this.#next = (this.#next + 1) % this.capacity;
  }

  /**
   * Whether the scene is still at `now` (Unix seconds): the newest sample at most 1.5 s old and under half
   * `threshold`, also in an event's quiet tail, which looks the same. Without a fresh sample the scene
   * counts as moving, so a live picture sent at a still rate never lags motion by more than one sample.
   */
  stillAt(now: number, threshold: number): boolean {
    const newest = this.#ring[(this.#next + this.capacity - 1) % this.capacity];
    return newest !== undefined && now - newest.ts <= 1.5 && isStillChange(newest.change, threshold);
  }

  /** Samples no older than `seconds` before the newest one, oldest first. */
  since(seconds: number): MotionLevel[] {
    const out: MotionLevel[] = [];
    for (let i = 0; i < this.capacity; i++) {
      const level = this.#ring[(this.#next + i) % this.capacity];
      if (level) out.push(level);
    }
    const newest = out.at(-1);
    if (!newest) return out;
    const from = newest.ts - seconds;
    return out.filter((level) => level.ts >= from);
  }
}
