import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../shared/settings';
import { EventHub } from '../events/event-hub';
import { type EventStore, openEventStore } from '../events/event-store';
import { FrameBus } from '../frames/frame-bus';
import { encodeSseMessage } from '../server/sse-format';
import { ClipRecorder } from './clip-recorder';
import { removeDir, silent, tempDir } from './testing/core-under-test';

const dataDir = tempDir('mk-limits-');
let settings: Settings = { ...defaultSettings, preRoll: 0, postRoll: 0 };
let store: EventStore;
let hub: EventHub;
let bus: FrameBus;
let recorder: ClipRecorder;

beforeAll(async () => {
  store = openEventStore({ dataDir, log: silent });
  hub = new EventHub({ store, log: silent, encode: encodeSseMessage });
  bus = new FrameBus('camera');
  // The periodic check never comes during the test: only the settings change can apply the new limits.
  recorder = new ClipRecorder({
    dataDir,
    hub,
    buses: [bus],
    settings: () => settings,
    ffmpeg: 'ffmpeg',
    log: silent,
    storageCheckMs: 3_600_000,
  });
  await recorder.start();
});

afterAll(async () => {
  await recorder?.stop();
  store?.close();
  removeDir(dataDir);
});

let clock = Date.now() - 60_000;
let seq = 0;

function frame(): void {
  clock += 100;
  const jpeg = Buffer.alloc(2_000, seq % 256);
  jpeg.set([0xff, 0xd8], 0);
  jpeg.set([0xff, 0xd9], jpeg.length - 2);
  bus.publish({ seq: seq++, ts: clock, jpeg, gray: new Uint8Array(1), width: 1, height: 1 });
}

/** One short recorded event, returned once its clip is complete. */
async function oneEvent(): Promise<number> {
  const start = hub.publishMotionStart(
    { camera: 'camera', ts: clock / 1000, change: 5, box: null },
    Buffer.from([1]),
  );
  for (let i = 0; i < 5; i++) frame();
  hub.publishMotionEnd({
    camera: 'camera',
    motionId: start.id,
    ts: clock / 1000,
    duration: 0.5,
    peakChange: 5,
    frames: 5,
    box: null,
  });
  frame();
  await expect.poll(() => recorder.describe(start.id)?.state).toBe('complete');
  return start.id;
}

it('a lower clip limit saved in the settings shows at once and prunes the oldest clips without waiting', async () => {
  const ids = [await oneEvent(), await oneEvent(), await oneEvent()];
  expect(recorder.storage.retention.maxClips).toBe(defaultSettings.clipCount);

  settings = { ...settings, clipCount: 1 };
  hub.broadcast('settings', settings);

  expect(recorder.storage.retention.maxClips).toBe(1);
  await expect
    .poll(() => ids.map((id) => recorder.describe(id)?.state))
    .toEqual(['pruned', 'pruned', 'complete']);
  expect(recorder.describe(ids[0] as number)?.reason).toBe('more than 1 clips kept');
  expect(store.page(null, 10).events).toHaveLength(3);
});
