import type { BoundingBox } from '../../shared/events';

/** What the detector found in one frame. */
export interface FrameAnalysis {
  /**
   * Percent of analysed (unmasked) pixels whose difference exceeded `noiseLevel`, after compensating a
   * global change of light; for a `lightswitch` frame, the share before that compensation.
   */
  change: number;
  /** Box around the changed pixels in 0..1 coordinates, null when nothing changed or for a lightswitch. */
  box: BoundingBox | null;
  /** True when the change was a global lighting change (over `lightswitchPercent`), not motion. */
  lightswitch: boolean;
}

/**
 * A motion event opened or closed by the tracker; the hub gives it an id and stores it.
 * `ts` is Unix milliseconds (the frame clock): for `start` the frame that started the event, for `end`
 * the last frame with motion. `duration` is in seconds, from the first moving frame to the last.
 */
export type TrackerOutput =
  | { kind: 'start'; ts: number; change: number; box: BoundingBox | null; frameSeq: number }
  | {
      kind: 'end';
      ts: number;
      duration: number;
      peakChange: number;
      frames: number;
      box: BoundingBox | null;
    };
