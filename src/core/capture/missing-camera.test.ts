import { describe, expect, it } from 'vitest';
import { createSource } from './index';
import { childPids, firstRetry, nextState, silentLog, testSettings } from './test-support/helpers';

describe('sources whose camera is missing', () => {
  it('v4l2 goes offline with a message naming the device, and retries', async () => {
    const source = createSource('v4l2:/dev/video63', {
      camera: 'usb',
      settings: testSettings,
      log: silentLog,
    });
    const states: string[] = [];
    source.on('state', (state) => states.push(state));
    source.start();
    try {
      expect(await nextState(source, 'offline')).toMatch(new RegExp(`/dev/video63 not found.*${firstRetry}`));
      await nextState(source, 'offline', 5000);
      expect(states).toEqual(['starting', 'offline', 'starting', 'offline']);
    } finally {
      await source.stop();
    }
  });

  it('libcamera goes offline naming rpicam-vid when it is not installed', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    const source = createSource('libcamera', {
      camera: 'pi',
      settings: testSettings,
      log: silentLog,
      ffmpeg: 'ffmpeg',
    });
    try {
      source.start();
      expect(await nextState(source, 'offline')).toMatch(/rpicam-vid .*not found/);
    } finally {
      process.env.PATH = path;
      await source.stop();
    }
    expect(await childPids()).toEqual([]);
  });
});
