import { ensureClip } from '../../motion/scenarios/clip';
import { FPS, type Scenario } from '../../motion/scenarios/scenarios';

/** Frames of stillness before the object appears (4 s: more than the default pre-roll). */
export const STILL_FRAMES = 120;
/** Frames during which the object is visible: it walks in from the left and out at the right. */
export const WALK_FRAMES = 92;

/**
 * A room, still for 4 s, then a person-sized blob crossing it (about 3 s), then still again for long
 * enough that the event ends (eventGap 5 s) and its post-roll is recorded.
 */
export const walkThenStill: Scenario = {
  name: 'recording-walk',
  description: 'still, one walk across, still',
  seconds: 15,
  objects: [
    {
      w: 100,
      h: 220,
      level: 0x20,
      x: `-92+(n-${STILL_FRAMES})*8`,
      y: '200',
      from: STILL_FRAMES,
      to: STILL_FRAMES + WALK_FRAMES - 1,
    },
  ],
  truth: [[STILL_FRAMES / FPS, (STILL_FRAMES + WALK_FRAMES - 1) / FPS]],
};

/** The scenario rendered to an MJPEG file (cached between runs). */
export function walkClip(): Promise<string> {
  return ensureClip(walkThenStill);
}
