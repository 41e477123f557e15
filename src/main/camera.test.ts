import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../shared/settings';
import { Camera } from './camera';
import { childPids, silentLog } from './capture/test-support/helpers';
import { EventHub } from './events/event-hub';
import { type EventStore, openEventStore } from './events/event-store';

// The real synthetic source (ffmpeg) and the real hub and store; only the camera's lifecycle is under test.
let dataDir: string;
let store: EventStore;
let hub: EventHub;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mk-camera-'));
  store = openEventStore({ dataDir, log: silentLog, durability: 'normal' });
  hub = new EventHub({ store, log: silentLog });
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
