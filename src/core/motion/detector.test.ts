import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../shared/settings';
import { selectBackend } from './backend';
import { HOLD_FRAMES, MotionDetector } from './detector';
import { flat, relight, tiles, withSquare } from './test-frames';

const W = 160;
const H = 120;
// No blur and a background that is simply the previous frame: exact expectations.
const sharp: Settings = { ...defaultSettings, blurRadius: 0, backgroundRate: 1 };
const background = flat(W, H, 100);
const squareAt = (x: number, y: number) => withSquare(background, W, { x, y, size: 20, level: 200 });

beforeAll(async () => {
  await selectBackend();
});

describe('MotionDetector', () => {
  it('reports no change for identical frames', () => {
    const detector = new MotionDetector(defaultSettings);
    const frame = squareAt(20, 20);
    expect(detector.analyse(frame, W, H)).toEqual({ change: 0, box: null, lightswitch: false });
    expect(detector.analyse(frame, W, H)).toEqual({ change: 0, box: null, lightswitch: false });
    detector.dispose();
  });

  it('reports the pixels a square left and entered, and the box around them', () => {
    const detector = new MotionDetector(sharp);
    detector.analyse(squareAt(20, 20), W, H);
    const moved = detector.analyse(squareAt(100, 60), W, H);
    expect(moved.change).toBeCloseTo(((2 * 20 * 20) / (W * H)) * 100, 5);
    expect(moved.lightswitch).toBe(false);
    expect(moved.box?.x).toBeCloseTo(20 / W);
    expect(moved.box?.y).toBeCloseTo(20 / H);
    expect(moved.box?.w).toBeCloseTo(100 / W);
    expect(moved.box?.h).toBeCloseTo(60 / H);
    detector.dispose();
  });

  it('blur at radius 1 widens each edge of a square by a pixel, except next to the corners', () => {
    const detector = new MotionDetector({ ...defaultSettings, blurRadius: 1 });
    detector.analyse(background, W, H);
    expect(detector.analyse(squareAt(60, 40), W, H).change).toBeCloseTo(
      ((20 * 20 + 4 * 18) / (W * H)) * 100,
      5,
    );
    detector.dispose();
  });

  it('ignores changes inside a mask and counts percent over unmasked pixels only', () => {
    const rightHalf: Settings['masks'][number] = [
      [0.5, 0],
      [1, 0],
      [1, 1],
      [0.5, 1],
    ];
    const detector = new MotionDetector({ ...sharp, masks: [rightHalf] });
    detector.analyse(squareAt(100, 20), W, H);
    expect(detector.analyse(squareAt(120, 70), W, H).change).toBe(0);
    detector.analyse(squareAt(10, 20), W, H);
    // The square that entered was held out of the background, so only where it is now counts.
    expect(detector.analyse(squareAt(40, 70), W, H).change).toBeCloseTo((400 / ((W * H) / 2)) * 100, 5);
    detector.dispose();
  });

  it('holds a moving square out of the background: no ghost, the box is where it is now', () => {
    const detector = new MotionDetector({ ...defaultSettings, blurRadius: 0, backgroundRate: 0.5 });
    detector.analyse(background, W, H);
    let last = detector.analyse(squareAt(10, 50), W, H);
    for (let x = 14; x <= 90; x += 4) last = detector.analyse(squareAt(x, 50), W, H);
    // A running average at rate 0.5 would have absorbed the square where it dwelt, leaving a trail.
    expect(last.box).toEqual({ x: 90 / W, y: 50 / H, w: 20 / W, h: 20 / H });
    detector.dispose();
  });

  it('blends in a square that stops once it has differed for HOLD_FRAMES', () => {
    const detector = new MotionDetector({ ...defaultSettings, blurRadius: 0, backgroundRate: 0.5 });
    detector.analyse(background, W, H);
    const changes = Array.from(
      { length: HOLD_FRAMES + 10 },
      () => detector.analyse(squareAt(60, 50), W, H).change,
    );
    expect(changes[HOLD_FRAMES - 1]).toBeGreaterThan(0);
    expect(changes.at(-1)).toBe(0);
    detector.dispose();
  });

  it('a mask set at runtime applies from the next frame', () => {
    const detector = new MotionDetector(sharp);
    detector.analyse(squareAt(20, 20), W, H);
    expect(detector.analyse(squareAt(40, 20), W, H).change).toBeGreaterThan(0);
    const all: Settings['masks'][number] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ];
    detector.updateSettings({ ...sharp, masks: [all] });
    detector.analyse(squareAt(60, 20), W, H);
    expect(detector.analyse(squareAt(80, 20), W, H).change).toBe(0);
    detector.dispose();
  });

  it('takes a jump of most pixels for a lighting change and re-learns at once', () => {
    const detector = new MotionDetector(defaultSettings);
    detector.analyse(tiles(W, H), W, H);
    const on = detector.analyse(
      relight(tiles(W, H), (v) => v + 70),
      W,
      H,
    );
    expect(on).toEqual({ change: 100, box: null, lightswitch: true });
    expect(
      detector.analyse(
        relight(tiles(W, H), (v) => v + 70),
        W,
        H,
      ).change,
    ).toBe(0);
    detector.dispose();
  });

  it('explains a change of exposure below lightswitchPercent by the lighting fit, not as motion', () => {
    const detector = new MotionDetector(defaultSettings);
    detector.analyse(tiles(W, H), W, H);
    // Half the pixels (the bright tiles) change by more than noiseLevel.
    expect(
      detector.analyse(
        relight(tiles(W, H), (v) => v * 1.2),
        W,
        H,
      ),
    ).toEqual({ change: 0, box: null, lightswitch: false });
    detector.dispose();
  });

  it('still sees a moving square while the light changes', () => {
    const detector = new MotionDetector({ ...sharp, lightswitchPercent: 0 });
    const dark = { x: 40, y: 40, size: 20, level: 0 };
    detector.analyse(withSquare(tiles(W, H), W, dark), W, H);
    const moved = detector.analyse(
      relight(withSquare(tiles(W, H), W, { ...dark, x: 100 }), (v) => v * 1.5 + 10),
      W,
      H,
    );
    expect(moved.change).toBeGreaterThan(((2 * 20 * 20) / (W * H)) * 100 * 0.8);
    expect(moved.change).toBeLessThan(((2 * 20 * 20) / (W * H)) * 100 * 1.2);
    detector.dispose();
  });

  it('reports a change that no lighting explains when lightswitch detection is off', () => {
    const detector = new MotionDetector({ ...defaultSettings, lightswitchPercent: 0 });
    detector.analyse(flat(W, H, 60), W, H);
    const lamp = flat(W, H, 60).map((v, i) => (i % W < W * 0.3 ? 160 : v));
    expect(detector.analyse(lamp, W, H).change).toBeGreaterThan(25);
    detector.dispose();
  });

  it('follows slow drift without ever reporting change', () => {
    const detector = new MotionDetector(defaultSettings);
    let peak = 0;
    for (let i = 0; i < 300; i++) {
      peak = Math.max(peak, detector.analyse(flat(W, H, 40 + Math.floor(i * 0.6)), W, H).change);
    }
    expect(peak).toBe(0);
    detector.dispose();
  });

  it('starts over when the frame size changes', () => {
    const detector = new MotionDetector(sharp);
    detector.analyse(squareAt(20, 20), W, H);
    expect(detector.analyse(flat(80, 60, 200), 80, 60).change).toBe(0);
    expect(
      detector.analyse(withSquare(flat(80, 60, 200), 80, { x: 0, y: 0, size: 8, level: 0 }), 80, 60).change,
    ).toBeCloseTo((64 / 4800) * 100, 5);
    detector.dispose();
  });

  it('resizes frames wider than analysisWidth', () => {
    const detector = new MotionDetector({ ...sharp, analysisWidth: 80 });
    detector.analyse(squareAt(20, 20), W, H);
    const moved = detector.analyse(squareAt(100, 60), W, H);
    expect(moved.change).toBeCloseTo(((2 * 10 * 10) / (80 * 60)) * 100, 0);
    detector.dispose();
  });

  it('names the size mismatch of a bad frame', () => {
    const detector = new MotionDetector(defaultSettings);
    expect(() => detector.analyse(new Uint8Array(10), W, H)).toThrow(/10 bytes, expected 160x120/);
    detector.dispose();
  });
});

// The frame's float copy is one array reused on wasm, which copies it on upload; cpu keeps the array it
// is given, so a reused one would make the background the next frame and hide the change.
describe.each(['wasm', 'cpu'] as const)('MotionDetector on %s', (backend) => {
  it('keeps each frame its own pixels: a moved square is seen where it left and where it came', async () => {
    await selectBackend(undefined, [backend]);
    const detector = new MotionDetector(sharp);
    detector.analyse(squareAt(20, 20), W, H);
    expect(detector.analyse(squareAt(100, 60), W, H).change).toBeCloseTo(((2 * 20 * 20) / (W * H)) * 100, 5);
    expect(detector.analyse(squareAt(20, 100), W, H).change).toBeGreaterThan(0);
    detector.dispose();
    await selectBackend();
  });
});
