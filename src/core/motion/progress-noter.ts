import type { BoundingBox, MotionStart } from '../../shared/events';

/** What the hub stores for an open event (the shape of events/progress.ts, kept here so motion imports no events code). */
export interface NotedProgress {
  motionId: number;
  ts: number;
  frames: number;
  peakChange: number;
  box: BoundingBox | null;
}

/** A moving frame as the monitor's `level` samples it. */
interface MovingSample {
  ts: number;
  change: number;
  box?: BoundingBox | null;
}

/**
 * Follows one open motion event through its `level` samples and hands its progress to `save` at most
 * every `intervalMs`, so a crash can close the event near its last moving frame. `frames` counts the
 * sampled moving frames (at most 5 per second), a lower bound of the event's real frame count.
 */
export class ProgressNoter {
  #frames = 1;
  #peak: number;
  #box: BoundingBox | null;
  #savedAt = 0;

  /** @param intervalMs shortest time between two saves. Default 2000. */
  constructor(
    private readonly start: MotionStart,
    private readonly save: (progress: NotedProgress) => void,
    private readonly intervalMs = 2000,
  ) {
    this.#peak = start.change;
    this.#box = start.box;
  }

  note(sample: MovingSample): void {
    this.#frames++;
    this.#peak = Math.max(this.#peak, sample.change);
    if (sample.box) this.#box = sample.box;
    const now = Date.now();
    if (now - this.#savedAt < this.intervalMs) return;
    this.#savedAt = now;
    this.save({
      motionId: this.start.id,
      ts: sample.ts,
      frames: this.#frames,
      peakChange: this.#peak,
      box: this.#box,
    });
  }
}
