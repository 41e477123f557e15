import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../shared/settings';
import { Camera } from './camera';
import type { FrameSource, FrameSourceEvents, SourceState } from './capture/frame-source';
import { childPids, silentLog } from './capture/test-support/helpers';
import { EventHub } from './events/event-hub';
import { type EventStore, openEventStore } from './events/event-store';
import { selectBackend } from './motion/backend';
import { encodeSseMessage } from './server/sse-format';
import { SNAPSHOT } from './server/testing/test-server';
import type { SupervisedStatus } from './supervisor/supervisor';

// The real synthetic source (ffmpeg) and the real hub and store; only the camera's lifecycle is under test.
let dataDir: string;
let store: EventStore;
let hub: EventHub;

beforeAll(async () => {
  await selectBackend(silentLog, ['wasm', 'cpu']);
});

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mk-camera-'));
  store = openEventStore({ dataDir, log: silentLog, durability: 'normal' });
  hub = new EventHub({ store, log: silentLog, encode: encodeSseMessage });
});

afterEach(async () => {
  store.close();
  await rm(dataDir, { recursive: true, force: true });
});

const settings: Settings = { ...defaultSettings, frameRate: 10 };

function camera(): Camera {
  return new Camera({ name: 'c', spec: 'synthetic', settings, backend: 'cpu', hub, log: silentLog });
}

describe('Camera source restarts', () => {
  it('two capture changes at once leave exactly one ffmpeg running, and none after stop', async () => {
    const cam = camera();
    cam.start();
    const wider = { ...settings, analysisWidth: 200 };
    const widest = { ...settings, analysisWidth: 240 };
    await Promise.all([cam.applySettings(wider, settings), cam.applySettings(widest, wider)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    try {
      expect(await childPids()).toHaveLength(1);
    } finally {
      await cam.stop();
    }
    expect(await childPids()).toEqual([]);
  });

  it('stop() while a restart is under way leaves no ffmpeg behind', async () => {
    const cam = camera();
    cam.start();
    const restart = cam.applySettings({ ...settings, analysisWidth: 200 }, settings);
    await cam.stop();
    await restart;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await childPids()).toEqual([]);
  });
});

describe('Camera stop', () => {
  it('ends an open motion event with a stored motion-end', async () => {
    const cam = camera();
    const started = new Promise<number>((resolve) =>
      hub.observe((event) => {
        if (event.type === 'motion') resolve(event.id);
      }),
    );
    cam.start();
    try {
      // The synthetic figure starts crossing 2 s in and takes 4 s: stop while it is still moving.
      const id = await started;
      expect(store.get(id)?.end).toBeNull();
      await cam.stop();
      expect(store.get(id)?.end).toMatchObject({ motionId: id, camera: 'c' });
    } finally {
      await cam.stop();
    }
  }, 20_000);
});

/** A camera stand-in at the source boundary: the test says when it is online and what it sees. */
class ScriptedSource extends EventEmitter<FrameSourceEvents> implements FrameSource {
  readonly camera = 'c';
  readonly description = 'scripted';
  #seq = 0;
  start(): void {}
  async stop(): Promise<void> {}
  state(state: SourceState, detail?: SupervisedStatus): void {
    this.emit('state', state, detail?.message, detail);
  }
  /** A 160x120 gray scene: uniform, with a bright 50x50 block whose left edge is at `blockX`, if given. */
  show(blockX: number | null, ts: number): void {
    const gray = new Uint8Array(160 * 120).fill(90);
    if (blockX !== null)
      for (let y = 30; y < 80; y++) gray.fill(220, y * 160 + blockX, y * 160 + blockX + 50);
    this.emit('frame', { seq: ++this.#seq, ts, jpeg: SNAPSHOT, gray, width: 160, height: 120 });
  }
}

/** A Camera over a ScriptedSource, so a test decides every frame and state change. */
function scriptedCamera(): { source: ScriptedSource; cam: Camera } {
  const source = new ScriptedSource();
  const cam = new Camera({
    name: 'c',
    spec: 'synthetic',
    settings,
    backend: 'cpu',
    hub,
    log: silentLog,
    createSource: () => source,
  });
  return { source, cam };
}

describe('Camera back online', () => {
  it('re-learns the background: a scene that changed while the camera was offline is not motion', async () => {
    const { source, cam } = scriptedCamera();
    cam.start();
    try {
      const t0 = Date.now();
      source.state('online');
      for (let i = 0; i < 5; i++) source.show(null, t0 + i * 100);
      source.state('offline');
      source.state('starting');
      // Someone put a box down while the camera was away; nothing moves once it is back.
      source.state('online');
      for (let i = 0; i < 10; i++) source.show(40, t0 + 60_000 + i * 100);
      expect(hub.lastId).toBe(0);
    } finally {
      await cam.stop();
    }
  });
});

describe('Camera still', () => {
  it('is still while the newest level is under half the threshold, moving otherwise or without a fresh level', async () => {
    const { source, cam } = scriptedCamera();
    cam.start();
    try {
      source.state('online');
      expect(cam.still).toBe(false); // no level yet
      const t0 = Date.now() - 3000;
      for (let i = 0; i < 10; i++) source.show(null, t0 + i * 100);
      expect(cam.still).toBe(false); // the newest level is over 1.5 s old
      const t1 = Date.now() - 1000;
      for (let i = 0; i < 6; i++) source.show(null, t1 + i * 100);
      expect(cam.still).toBe(true);
      // The block jumps 40 px every frame: levels over the threshold.
      for (let i = 0; i < 4; i++) source.show(i * 40, t1 + 600 + i * 100);
      expect(cam.still).toBe(false);
    } finally {
      await cam.stop();
    }
  });
});

describe('Camera restart counts', () => {
  it('count since start-up across a capture-settings change, which starts a new source counting from 0', async () => {
    const sources = [new ScriptedSource(), new ScriptedSource()];
    let made = 0;
    const cam = new Camera({
      ...{ name: 'c', spec: 'synthetic', settings, backend: 'cpu', hub, log: silentLog },
      createSource: () => sources[made++],
    });
    const status = (state: SourceState, restarts: number): SupervisedStatus => ({
      state,
      restarts,
      restartsLastHour: restarts,
      stderr: [],
    });
    cam.start();
    try {
      sources[0].state('offline', status('offline', 2));
      sources[0].state('online', status('online', 2));
      expect(cam.status.restarts).toBe(2);
      await cam.applySettings({ ...settings, analysisWidth: 200 }, settings);
      expect(made).toBe(2);
      sources[1].state('online', status('online', 0));
      expect(cam.status.restarts).toBe(2);
      sources[1].state('offline', status('offline', 1));
      expect(cam.status.restarts).toBe(3);
    } finally {
      await cam.stop();
    }
  });
});

describe('Camera when the store fails', () => {
  it('a motion-end that cannot be stored is logged, not thrown out of stop() or a timer', async () => {
    const { source, cam } = scriptedCamera();
    cam.start();
    const t0 = Date.now();
    source.state('online');
    // A block moving to the right: every frame after the first is moving.
    for (let i = 0; i < 6; i++) source.show(i * 20, t0 + i * 100);
    expect(hub.lastId).toBe(1);
    store.close(); // e.g. the disk failed
    await expect(cam.stop()).resolves.toBeUndefined();
  });
});
