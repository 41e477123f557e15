import type { MotionLevel } from '../../shared/events';

/** What was last sent for one camera. */
interface Sent {
  ts: number;
  still: boolean;
  active: boolean;
  /** The highest still sample held back since, if any. */
  held: MotionLevel | null;
}

/**
 * Thins a still scene's `level` samples for live clients: while a camera's scene stays still, one sample
 * a second goes out instead of five, carrying the highest change of that second so a short flicker still
 * shows on a graph. A still scene's graph looks the same; each message is work in every browser that
 * shows it (on the kiosk, Chromium's own: docs/benchmarks.md). A sample that is not still, the first
 * still one after motion, and a change of `active` go out at once. `GET /api/levels` keeps every sample.
 */
export class LevelPacer {
  readonly #sent = new Map<string, Sent>();

  /**
   * @param isStill whether a sample shows a still scene.
   * @param stillSeconds least time between two still samples sent, seconds. Default 1.
   */
  constructor(
    private readonly isStill: (level: MotionLevel) => boolean,
    private readonly stillSeconds = 1,
  ) {}

  /** The sample to send now for `level`, or null to hold it back. */
  next(level: MotionLevel): MotionLevel | null {
    const still = this.isStill(level);
    const last = this.#sent.get(level.camera);
    if (!still || !last?.still || last.active !== level.active) {
      this.#sent.set(level.camera, { ts: level.ts, still, active: level.active, held: null });
      return level;
    }
    const peak = last.held && last.held.change > level.change ? last.held : level;
    if (level.ts - last.ts < this.stillSeconds) {
      last.held = peak;
      return null;
    }
    this.#sent.set(level.camera, { ts: level.ts, still, active: level.active, held: null });
    return peak === level ? level : { ...level, change: peak.change };
  }
}
