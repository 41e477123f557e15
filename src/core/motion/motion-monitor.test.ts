import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/settings';
import type { Frame } from '../frames/frame';
import { selectBackend } from './backend';
import { type LevelSample, MotionMonitor, type MotionStartOutput } from './motion-monitor';
import { flat, withSquare } from './test-frames';

const W = 80;
const H = 60;
const log = pino({ level: 'silent' });
const t0 = 1_700_000_000_000;

/** 30 fps frames; a square moves across while `moving(i)` is true. */
function frame(seq: number, moving: boolean): Frame {
  const gray = moving
    ? withSquare(flat(W, H, 90), W, { x: (seq * 3) % 60, y: 20, size: 16, level: 220 })
    : flat(W, H, 90);
  return { seq, ts: t0 + Math.round((seq * 1000) / 30), jpeg: Buffer.alloc(0), gray, width: W, height: H };
}

beforeAll(async () => {
  await selectBackend();
});

describe('MotionMonitor', () => {
  it('emits start with the triggering frame, then end, and at most 5 levels per second', () => {
    const monitor = new MotionMonitor({ settings: { ...defaultSettings, eventGap: 1 }, log });
    const starts: [MotionStartOutput, Frame][] = [];
    const ends: unknown[] = [];
    const levels: LevelSample[] = [];
    monitor.on('start', (out, f) => starts.push([out, f]));
    monitor.on('end', (out) => ends.push(out));
    monitor.on('level', (l) => levels.push(l));
    // 4 s: still, 1 s of motion from frame 30, then still.
    for (let seq = 0; seq < 120; seq++) monitor.push(frame(seq, seq >= 30 && seq < 60));
    monitor.dispose();

    expect(starts).toHaveLength(1);
    const [start, startFrame] = starts[0];
    expect(start.frameSeq).toBe(startFrame.seq);
    expect(startFrame.seq).toBe(31);
    expect(start.box).not.toBeNull();
    // The background's fading ghost of the square may count for a few frames (< 0.5 s) after it left.
    expect(ends).toEqual([expect.objectContaining({ kind: 'end' })]);
    const lastMotionSeq = ((ends[0] as { ts: number }).ts - t0) / (1000 / 30);
    expect(lastMotionSeq).toBeGreaterThanOrEqual(59);
    expect(lastMotionSeq).toBeLessThan(75);

    expect(levels).toHaveLength(20);
    for (let i = 1; i < levels.length; i++)
      expect(Math.round((levels[i].ts - levels[i - 1].ts) * 1000)).toBeGreaterThanOrEqual(200);
    expect(levels.some((l) => l.active && l.change > 0)).toBe(true);
    expect(levels[0]).toEqual({ ts: t0 / 1000, change: 0, active: false, box: null });
    expect(levels.find((l) => l.active)?.box).toMatchObject({ y: expect.any(Number), w: expect.any(Number) });
  });

  it('relearn() makes the next frame the background', () => {
    const monitor = new MotionMonitor({ settings: defaultSettings, log });
    const levels: LevelSample[] = [];
    monitor.on('level', (l) => levels.push(l));
    monitor.push(frame(0, false));
    monitor.relearn();
    monitor.push({ ...frame(6, true), ts: t0 + 1000 });
    monitor.push({ ...frame(6, true), ts: t0 + 2000 });
    monitor.push({ ...frame(6, true), ts: t0 + 3000 });
    // The still scene is sampled: the frame at 2 s is analysed together with the one at 3 s.
    expect(levels.map((l) => [l.ts - t0 / 1000, l.change])).toEqual([
      [0, 0],
      [1, 0],
      [3, 0],
    ]);
    monitor.dispose();
  });

  it('analyses one frame in three while a 30 fps scene is still, and every frame from the first change on', () => {
    const monitor = new MotionMonitor({ settings: defaultSettings, log, levelIntervalMs: 0 });
    const starts: number[] = [];
    monitor.on('start', (start) => starts.push(start.frameSeq));
    // Frame 0, then 3, 6 and 9, each analysed for itself and the two before.
    for (let seq = 0; seq < 11; seq++) monitor.push(frame(seq, false));
    expect(monitor.analysed).toBe(4);
    // Motion from frame 11 (held back with 10): when frame 12 shows it, that analysis is undone and 10, 11
    // and 12 are analysed in order, so the event starts on frame 12, the second moving one, as at the full
    // rate.
    for (let seq = 11; seq < 16; seq++) monitor.push(frame(seq, true));
    expect(monitor.analysed).toBe(4 + 1 + 3 + 3);
    expect(starts).toEqual([12]);
    monitor.dispose();
  });

  it.each([
    { fps: 10, every: 2 },
    { fps: 15, every: 2 },
    { fps: 30, every: 3 },
    { fps: 60, every: 6 },
    { fps: 120, every: 6 },
  ])(
    'analyses about one still frame per 100 ms, and never two in a row: $fps fps, one in $every',
    ({ fps, every }) => {
      const monitor = new MotionMonitor({ settings: defaultSettings, log, levelIntervalMs: 0 });
      for (let seq = 0; seq <= 60; seq++) monitor.push({ ...frame(seq, false), ts: t0 + (seq * 1000) / fps });
      expect(monitor.analysed).toBe(1 + 60 / every);
      monitor.dispose();
    },
  );

  it('needs no gray copy of the frames a still scene holds back, and decodes one late when motion needs it', async () => {
    /** Runs 40 frames (motion in 21..29); with `skip`, frames the monitor does not want come without gray. */
    const run = async (skip: boolean) => {
      const monitor = new MotionMonitor({ settings: defaultSettings, log, levelIntervalMs: 0 });
      const seen: string[] = [];
      monitor.on('level', (l) => seen.push(`${Math.round(((l.ts * 1000 - t0) * 30) / 1000)}:${l.change}`));
      monitor.on('start', (start) => seen.push(`start ${start.frameSeq}`));
      const skipped: number[] = [];
      const decoded: number[] = [];
      const decodes: Promise<unknown>[] = [];
      for (let seq = 0; seq < 40; seq++) {
        const full = frame(seq, seq >= 21 && seq < 30);
        if (!skip || monitor.wantsGray()) {
          monitor.push(full);
          continue;
        }
        skipped.push(seq);
        const decodeGray = () => {
          decoded.push(seq);
          const later = new Promise((resolve) => setTimeout(resolve, 5)).then(() => ({
            gray: full.gray ?? new Uint8Array(0),
            width: W,
            height: H,
          }));
          decodes.push(later);
          return later;
        };
        monitor.push({ ...full, gray: null, decodeGray });
      }
      for (let waited = -1; waited < decodes.length; ) {
        waited = decodes.length;
        await Promise.all(decodes);
        await new Promise((resolve) => setImmediate(resolve));
      }
      monitor.dispose();
      return { seen, skipped, decoded, analysed: monitor.analysed };
    };
    const full = await run(false);
    const lean = await run(true);
    // Every held-back frame of the still scene went undecoded: all but 0, 3, 6, … before the motion.
    expect(lean.skipped.filter((seq) => seq < 21)).toEqual(
      Array.from({ length: 21 }, (_, seq) => seq).filter((seq) => seq % 3 !== 0),
    );
    // Frame 21 showed motion, so held frames 19 and 20 were decoded after all, in order; the frames that
    // came meanwhile waited.
    expect(lean.decoded.slice(0, 2)).toEqual([19, 20]);
    expect(lean.seen).toEqual(full.seen);
    expect(lean.analysed).toBe(full.analysed);
    expect(lean.seen).toContain('start 22');
    expect(lean.analysed).toBeLessThan(40);
  });

  it('closes an open event on its own once frames stop arriving', async () => {
    const monitor = new MotionMonitor({
      settings: { ...defaultSettings, eventGap: 0.05 },
      log,
      idleCheckMs: 20,
    });
    const ended = new Promise((resolve) => monitor.once('end', resolve));
    const now = Date.now();
    for (let seq = 0; seq < 5; seq++) monitor.push({ ...frame(seq, seq > 0), ts: now - (4 - seq) * 33 });
    await expect(ended).resolves.toMatchObject({ kind: 'end', frames: 4 });
    monitor.dispose();
  });
});
