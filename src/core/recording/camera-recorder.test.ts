import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Frame } from '../frames/frame';
import { FrameBus } from '../frames/frame-bus';
import { CameraRecorder, type ClipSettings } from './camera-recorder';
import { ClipDb } from './clip-db';

const T0 = 1_700_000_000_000;

const frameAt = (seq: number): Frame => ({
  seq,
  ts: T0 + seq * 100,
  jpeg: Buffer.from([0xff, 0xd8, seq & 0xff, 0xff, 0xd9]),
  width: 160,
  height: 120,
  gray: new Uint8Array(160 * 120),
});

describe('CameraRecorder pre-roll (real FrameBus and ClipDb)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps no pre-roll while recording is off; once on, a clip starts from the frames since', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-ring-'));
    dirs.push(dir);
    const db = new ClipDb(dir);
    const bus = new FrameBus('cam');
    const settings: ClipSettings = { recordClips: false, preRoll: 3, postRoll: 1, maxClipSeconds: 60 };
    const recorder = new CameraRecorder({
      bus,
      root: dir,
      db,
      settings: () => settings,
      refusal: () => null,
      onFinished: () => {},
      log: pino({ level: 'silent' }),
    });
    for (let seq = 0; seq < 40; seq++) bus.publish(frameAt(seq)); // 4 s with recording off
    settings.recordClips = true;
    for (let seq = 40; seq < 50; seq++) bus.publish(frameAt(seq)); // 1 s with it on
    const ts = (T0 + 4900) / 1000;
    recorder.onMotion({ id: 1, camera: 'cam', ts, count: 1, change: 5, box: null, snapshot: '/x.jpg' });
    // 3 s of pre-roll asked for (from T0 + 1400 ms); only the frames since recording was turned on were kept.
    expect(db.get(1)?.start).toBe(T0 + 4000);
    await recorder.stop();
    db.close();
  });
});
