import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../shared/settings';
import { Camera } from './camera';
import { silentLog } from './capture/test-support/helpers';
import { startMjpegServer } from './capture/test-support/mjpeg-server';
import { EventHub } from './events/event-hub';
import { type EventStore, openEventStore } from './events/event-store';
import type { Frame } from './frames/frame';
import { selectBackend } from './motion/backend';
import { encodeSseMessage } from './server/sse-format';

const FPS = 15;
/** A still textured scene for 3 s, then a dark box crossing for 2 s, then still again. */
function sceneJpegs(): Buffer[] {
  const room = `color=c=0x707070:s=320x240:r=${FPS},format=gray,geq=lum='112+30*sin(X/9)*cos(Y/13)',format=yuv420p,trim=end_frame=1,loop=loop=-1:size=1`;
  const graph = `${room}[room];color=c=0x202020:s=64x96:r=${FPS}[box];[room][box]overlay=x='-64+(n-45)*12':y=70:enable='gte(n,45)',format=yuvj420p`;
  const mjpeg = execFileSync('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', graph, '-frames:v', String(6 * FPS)],
    ...['-c:v', 'mjpeg', '-q:v', '5', '-f', 'mjpeg', '-'],
  ]);
  const jpegs: Buffer[] = [];
  let start = 0;
  for (let i = mjpeg.indexOf(0xd9, 1); i > 0; i = mjpeg.indexOf(0xd9, i + 1)) {
    if (mjpeg[i - 1] !== 0xff || mjpeg[start + 1] !== 0xd8) continue;
    jpegs.push(mjpeg.subarray(start, i + 1));
    start = i + 1;
  }
  return jpegs;
}

let dataDir: string;
let store: EventStore;

beforeAll(async () => {
  await selectBackend(silentLog, ['wasm', 'cpu']);
  dataDir = await mkdtemp(join(tmpdir(), 'mk-camera-decode-'));
  store = openEventStore({ dataDir, log: silentLog, durability: 'normal' });
});

afterAll(async () => {
  store.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('Camera on a camera whose JPEGs pass through Node (bare-JPEG HTTP)', () => {
  it('does not decode the frames a still scene holds back, and still catches the crossing', async () => {
    const jpegs = sceneJpegs();
    expect(jpegs).toHaveLength(6 * FPS);
    const server = await startMjpegServer(jpegs, FPS, jpegs.length, { bare: true });
    const hub = new EventHub({ store, log: silentLog, encode: encodeSseMessage });
    const settings = { ...defaultSettings, captureWidth: 320, captureHeight: 240, frameRate: FPS };
    const cam = new Camera({
      name: 'c',
      spec: `url:${server.url}`,
      settings,
      backend: 'cpu',
      hub,
      log: silentLog,
    });
    const frames: Frame[] = [];
    cam.bus.subscribe((frame) => frames.push(frame));
    const motion = new Promise<number>((resolve) =>
      hub.observe((message) => {
        if (message.type === 'motion') resolve((message.data as { ts: number }).ts);
      }),
    );
    cam.start();
    try {
      const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000).unref());
      const startTs = await Promise.race([motion, timeout]);
      expect(startTs, 'no motion event within 15 s').not.toBeNull();
      // The event starts on one of the crossing's first frames (the box enters at 45), as at the full rate.
      const start = frames.find((frame) => frame.ts / 1000 === startTs);
      const startIndex = jpegs.findIndex((jpeg) => start && jpeg.equals(start.jpeg));
      expect(startIndex).toBeGreaterThanOrEqual(45);
      expect(startIndex).toBeLessThan(50);
      const still = frames.slice(5, 40);
      const undecoded = still.filter((frame) => frame.gray === null).length;
      // Most frames of the still scene went undecoded (2 in 3 at 30 fps); every frame still reached the bus.
      expect(undecoded).toBeGreaterThanOrEqual(still.length / 3);
      expect(frames.map((frame) => frame.seq)).toEqual(frames.map((_, i) => i + 1));
    } finally {
      await cam.stop();
      await server.close();
    }
  });
});
