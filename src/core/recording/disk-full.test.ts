import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../shared/settings';
import { EventHub } from '../events/event-hub';
import { type EventStore, openEventStore } from '../events/event-store';
import { FrameBus } from '../frames/frame-bus';
import { encodeSseMessage } from '../server/sse-format';
import { ClipRecorder } from './clip-recorder';
import { silent } from './testing/core-under-test';

const MOUNT = '/tmp/mk-recording-tmpfs';
const MiB = 1024 * 1024;
/** Mounting a small tmpfs needs root; elsewhere the test says so and is skipped. */
const canMount = process.getuid?.() === 0 && process.platform === 'linux';

let mounted = false;
let store: EventStore;
let hub: EventHub;
let bus: FrameBus;
let recorder: ClipRecorder;
const settings: Settings = { ...defaultSettings, preRoll: 1, postRoll: 0, diskReserveMegabytes: 6 };

beforeAll(() => {
  if (!canMount) return;
  mkdirSync(MOUNT, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', MOUNT]);
  mounted = true;
  store = openEventStore({ dataDir: MOUNT, log: silent });
  hub = new EventHub({ store, log: silent, encode: encodeSseMessage });
  bus = new FrameBus('camera');
  recorder = new ClipRecorder({
    dataDir: MOUNT,
    hub,
    buses: [bus],
    settings: () => settings,
    ffmpeg: 'ffmpeg',
    log: silent,
    storageCheckMs: 50,
  });
});

afterAll(async () => {
  await recorder?.stop();
  store?.close();
  if (mounted) execFileSync('umount', [MOUNT]);
});

/** A stand-in camera JPEG of `bytes` bytes (SOI … EOI); the recorder never decodes it. */
function jpeg(bytes: number, fill: number): Buffer {
  const buffer = Buffer.alloc(bytes, fill);
  buffer.set([0xff, 0xd8], 0);
  buffer.set([0xff, 0xd9], bytes - 2);
  return buffer;
}

let clock = Date.now() - 3_600_000;
let seq = 0;

/** One event: 1 s of stillness, 2 s of motion at 10 fps with 50 KB frames (about 1.5 MB of clip), its end. */
async function oneEvent(): Promise<number> {
  const frame = () => {
    clock += 100;
    bus.publish({
      seq: seq++,
      ts: clock,
      jpeg: jpeg(50_000, seq % 256),
      gray: new Uint8Array(1),
      width: 1,
      height: 1,
    });
  };
  for (let i = 0; i < 10; i++) frame();
  const start = hub.publishMotionStart(
    { camera: 'camera', ts: clock / 1000, change: 5, box: null },
    jpeg(64, 1),
  );
  for (let i = 0; i < 20; i++) {
    frame();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  hub.publishMotionEnd({
    camera: 'camera',
    motionId: start.id,
    ts: clock / 1000,
    duration: 2,
    peakChange: 5,
    frames: 20,
    box: null,
  });
  frame();
  // Let the clip's last writes and the retention pass finish.
  for (let i = 0; i < 200 && recorder.describe(start.id)?.state === 'recording'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 120));
  return start.id;
}

async function free(): Promise<number> {
  const fs = await statfs(MOUNT);
  return fs.bavail * fs.bsize;
}

it.skipIf(!canMount)(
  'on a small disk, keeps recording by deleting the oldest clips, keeps every event and the reserve',
  async () => {
    const ids: number[] = [];
    for (let i = 0; i < 24; i++) ids.push(await oneEvent());
    const page = store.page(null, 100);
    expect(page.events.map((e) => e.id).sort((a, b) => a - b)).toEqual(ids);
    expect(page.events.every((e) => e.end !== null)).toBe(true);
    const states = ids.map((id) => recorder.describe(id));
    expect(states.at(-1)?.state).toBe('complete');
    const pruned = states.filter((s) => s?.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    expect(pruned[0]?.reason).toMatch(/disk nearly full/);
    expect(pruned[0]?.url).toBeNull();
    // The oldest went first: no complete clip is older than a pruned one.
    const firstKept = states.findIndex((s) => s?.state === 'complete');
    expect(states.slice(firstKept).every((s) => s?.state === 'complete')).toBe(true);
    expect(await free()).toBeGreaterThanOrEqual(6 * MiB);
    expect(recorder.storage.problem).toBeNull();
  },
  120_000,
);

it.skipIf(!canMount)(
  'when nothing more can be deleted, events go on unrecorded and the state says why',
  async () => {
    // Something else fills the disk: even with every clip gone, less than the reserve stays free.
    // Each round, retention deletes clips to get back to the reserve; the next round takes that space too.
    for (let i = 0; i < 20 && !recorder.storage.problem; i++) {
      writeFileSync(`${MOUNT}/ballast-${i}`, Buffer.alloc(Math.max(0, (await free()) - 3 * MiB)));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(recorder.storage.clips).toBe(0);
    expect(recorder.storage.problem).toMatch(/disk nearly full/);
    const id = await oneEvent();
    expect(store.get(id)?.end).not.toBeNull();
    const clip = recorder.describe(id);
    expect(clip?.state).toBe('skipped');
    expect(clip?.reason).toMatch(/disk nearly full/);
  },
  60_000,
);

it.skipIf(!canMount)(
  'a write that fails mid-clip (disk full) keeps the event and the frames written before',
  async () => {
    for (const name of readdirSync(MOUNT).filter((n) => n.startsWith('ballast'))) rmSync(`${MOUNT}/${name}`);
    for (let i = 0; i < 50 && recorder.storage.problem; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recorder.storage.problem).toBeNull();
    writeFileSync(`${MOUNT}/ballast-a`, Buffer.alloc((await free()) - 8 * MiB));
    const frame = () => {
      clock += 100;
      bus.publish({
        seq: seq++,
        ts: clock,
        jpeg: jpeg(50_000, 7),
        gray: new Uint8Array(1),
        width: 1,
        height: 1,
      });
    };
    const start = hub.publishMotionStart(
      { camera: 'camera', ts: clock / 1000, change: 5, box: null },
      jpeg(64, 1),
    );
    for (let i = 0; i < 5; i++) frame();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Another program takes every free byte while the clip is being written.
    writeFileSync(`${MOUNT}/ballast-b`, Buffer.alloc(await free()));
    for (let i = 0; i < 10; i++) {
      frame();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    rmSync(`${MOUNT}/ballast-b`);
    hub.publishMotionEnd({
      camera: 'camera',
      motionId: start.id,
      ts: clock / 1000,
      duration: 1,
      peakChange: 5,
      frames: 15,
      box: null,
    });
    frame();
    for (let i = 0; i < 200 && recorder.describe(start.id)?.state === 'recording'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(store.get(start.id)?.end).not.toBeNull();
    const clip = recorder.describe(start.id);
    expect(clip?.state).toBe('failed');
    expect(clip?.reason).toMatch(/write failed.*(ENOSPC|disk full)/);
    expect(clip?.frames).toBeGreaterThanOrEqual(5);
    const served = await recorder.clip(start.id);
    expect('frames' in served && served.frames.length).toBe(clip?.frames);
  },
  60_000,
);
