import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventPage } from '../shared/api';
import { defaultSettings, type Settings } from '../shared/settings';
import { Access } from './access/access';
import { EventHub } from './events/event-hub';
import { type EventStore, openEventStore } from './events/event-store';
import { FrameBus } from './frames/frame-bus';
import { Health } from './health/health';
import { ClipRecorder } from './recording/clip-recorder';
import { removeDir, silent, tempDir } from './recording/testing/core-under-test';
import { createHttpServer } from './server/index';
import { encodeSseMessage } from './server/sse-format';

/** The history with real recordings: the `hasClip` filter and deleting an event with its clip files. */
let dir: string;
let store: EventStore;
let hub: EventHub;
let bus: FrameBus;
let recorder: ClipRecorder;
let app: FastifyInstance;
let url: string;
const settings: Settings = { ...defaultSettings, preRoll: 1, postRoll: 0 };

beforeAll(async () => {
  dir = tempDir('mk-history-');
  store = openEventStore({ dataDir: dir, log: silent });
  hub = new EventHub({ store, log: silent, encode: encodeSseMessage });
  bus = new FrameBus('camera');
  recorder = new ClipRecorder({
    dataDir: dir,
    hub,
    buses: [bus],
    settings: () => settings,
    ffmpeg: 'ffmpeg',
    log: silent,
  });
  await recorder.start();
  const access = new Access({ enabled: false, dataDir: dir });
  app = await createHttpServer({
    hub,
    buses: [bus],
    settings: { get: () => settings, update: () => settings },
    state: () => ({
      version: 'test',
      backend: 'cpu',
      cameras: [],
      count: 0,
      lastEventId: 0,
      auth: false,
      health: new Health().state,
      storage: hub.storage,
    }),
    levels: () => [],
    staticDir: null,
    recordings: recorder,
    access,
    log: silent,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await app?.close();
  await recorder?.stop();
  hub?.stop();
  store?.close();
  removeDir(dir);
});

/** A stand-in camera JPEG (SOI … EOI); the recorder never decodes it. */
function jpeg(fill: number): Buffer {
  const buffer = Buffer.alloc(2_000, fill);
  buffer.set([0xff, 0xd8], 0);
  buffer.set([0xff, 0xd9], buffer.length - 2);
  return buffer;
}

let clock = Date.now() - 60_000;
let seq = 0;
function frame(): void {
  clock += 100;
  bus.publish({ seq: seq++, ts: clock, jpeg: jpeg(seq % 256), gray: new Uint8Array(1), width: 1, height: 1 });
}

/** One ended event, recorded (frames on the bus) or not (recording switched off for it). */
async function oneEvent(record: boolean): Promise<number> {
  settings.recordClips = record;
  for (let i = 0; i < 5; i++) frame();
  const start = hub.publishMotionStart({ camera: 'camera', ts: clock / 1000, change: 5, box: null }, jpeg(1));
  for (let i = 0; i < 10; i++) frame();
  hub.publishMotionEnd({
    camera: 'camera',
    motionId: start.id,
    ts: clock / 1000,
    duration: 1,
    peakChange: 5,
    frames: 10,
    box: null,
  });
  frame();
  for (let i = 0; i < 500 && recorder.describe(start.id)?.state === 'recording'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return start.id;
}

const list = async (query: string) =>
  ((await (await fetch(`${url}/api/events?${query}`)).json()) as EventPage).events.map((e) => e.id);

it('filters by clip, and deleting an event removes its clip files and recording row', async () => {
  const recorded = await oneEvent(true);
  const plain = await oneEvent(false);
  expect(recorder.describe(recorded)?.state).toBe('complete');
  expect(await list('hasClip=true')).toEqual([recorded]);
  expect(await list('hasClip=false')).toEqual([plain]);

  const clipDir = join(recorder.root, String(recorded));
  expect(existsSync(join(clipDir, 'clip.mjpeg'))).toBe(true);
  const snapshot = store.snapshotPath(recorded) as string;
  const res = await fetch(`${url}/api/events/${recorded}`, { method: 'DELETE' });
  expect(res.status).toBe(200);
  expect(existsSync(clipDir)).toBe(false);
  expect(existsSync(snapshot)).toBe(false);
  expect(recorder.describe(recorded)).toBeNull();
  expect((await fetch(`${url}/api/events/${recorded}/clip`)).status).toBe(404);
  expect(await list('')).toEqual([plain]);
  expect(await list('hasClip=true')).toEqual([]);
});
