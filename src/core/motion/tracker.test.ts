import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../shared/settings';
import { MotionTracker } from './tracker';
import type { FrameAnalysis, TrackerOutput } from './types';

const still: FrameAnalysis = { change: 0, box: null, lightswitch: false };
const moving = (change = 10, x = 0.1): FrameAnalysis => ({
  change,
  box: { x, y: 0.2, w: 0.1, h: 0.1 },
  lightswitch: false,
});
const settings: Settings = { ...defaultSettings, minimumMotionFrames: 2, eventGap: 1, threshold: 2 };

/** Feeds analyses at 10 fps from t = 0 and collects what the tracker reports, with frame times. */
function run(tracker: MotionTracker, frames: FrameAnalysis[]): TrackerOutput[] {
  return frames.flatMap((a, i) => tracker.update(i * 100, a, i));
}

describe('MotionTracker', () => {
  it('starts on the minimumMotionFrames-th moving frame and ends eventGap s after the last', () => {
    const tracker = new MotionTracker(settings);
    const frames = [still, moving(5), moving(12, 0.3), moving(8), ...Array(20).fill(still)];
    const out = run(tracker, frames);
    expect(out).toMatchObject([
      { kind: 'start', ts: 200, change: 12, box: { x: 0.3, y: 0.2, w: 0.1, h: 0.1 }, frameSeq: 2 },
      { kind: 'end', ts: 300, duration: 0.2, peakChange: 12, frames: 3, box: { x: 0.1, y: 0.2 } },
    ]);
    expect(out[1].box?.w).toBeCloseTo(0.3);
    expect(out[1].box?.h).toBeCloseTo(0.1);
    // The end comes with the first frame at least eventGap after the last moving frame.
    expect(tracker.update(5000, still, 99)).toEqual([]);
  });

  it('ends at the first frame eventGap after the last moving one', () => {
    const tracker = new MotionTracker(settings);
    run(tracker, [moving(), moving()]);
    expect(tracker.update(1099, still, 2)).toEqual([]);
    expect(tracker.active).toBe(true);
    expect(tracker.update(1100, still, 3)).toMatchObject([{ kind: 'end', ts: 100 }]);
    expect(tracker.active).toBe(false);
  });

  it('needs consecutive frames: isolated moving frames start nothing', () => {
    const tracker = new MotionTracker(settings);
    expect(run(tracker, [moving(), still, moving(), still, moving(), still])).toEqual([]);
  });

  it('counts a change equal to threshold as still, and never a lighting change as motion', () => {
    const tracker = new MotionTracker(settings);
    const light: FrameAnalysis = { change: 90, box: { x: 0, y: 0, w: 1, h: 1 }, lightswitch: true };
    expect(run(tracker, [moving(2), moving(2), light, light, light])).toEqual([]);
  });

  it('keeps one event open across short pauses', () => {
    const tracker = new MotionTracker(settings);
    const out = run(tracker, [
      moving(),
      moving(),
      still,
      still,
      moving(),
      moving(20),
      ...Array(15).fill(still),
    ]);
    expect(out.map((o) => o.kind)).toEqual(['start', 'end']);
    expect(out[1]).toMatchObject({ frames: 4, peakChange: 20, duration: 0.5 });
  });

  it('with eventGap 0 makes every triggering frame an event of its own', () => {
    const tracker = new MotionTracker({ ...settings, eventGap: 0 });
    const out = run(tracker, [moving(), moving(), moving(), still, moving()]);
    expect(out.map((o) => `${o.kind}@${o.ts}`)).toEqual(['start@100', 'end@100', 'start@200', 'end@200']);
    expect(out[1]).toMatchObject({ duration: 0, frames: 1 });
  });

  it('closes an open event from idle() when frames stop arriving, and starts fresh afterwards', () => {
    const tracker = new MotionTracker(settings);
    run(tracker, [moving(), moving()]);
    expect(tracker.idle(900)).toEqual([]);
    expect(tracker.idle(1100)).toMatchObject([{ kind: 'end', ts: 100, frames: 2 }]);
    expect(tracker.update(5000, moving(), 10)).toEqual([]);
    expect(tracker.update(5100, moving(), 11)).toMatchObject([{ kind: 'start', ts: 5100 }]);
  });

  it('applies a new threshold from the next frame', () => {
    const tracker = new MotionTracker(settings);
    run(tracker, [moving(5), moving(5)]);
    expect(tracker.active).toBe(true);
    const strict = new MotionTracker({ ...settings, threshold: 50 });
    expect(run(strict, [moving(5), moving(5)])).toEqual([]);
    strict.updateSettings(settings);
    expect(strict.update(300, moving(5), 3)).toEqual([]);
    expect(strict.update(400, moving(5), 4)).toMatchObject([{ kind: 'start', ts: 400 }]);
  });
});
