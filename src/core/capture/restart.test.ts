import { describe, expect, it } from 'vitest';
import { createSource } from './index';
import {
  childPids,
  collectFrames,
  firstRetry,
  nextState,
  silentLog,
  testSettings,
} from './test-support/helpers';

describe('restart policy (real ffmpeg)', () => {
  it('restarts a killed ffmpeg after the back-off and keeps counting frames', async () => {
    const source = createSource('synthetic', { camera: 'r', settings: testSettings, log: silentLog });
    source.start();
    try {
      const before = await collectFrames(source, 3);
      const [ffmpeg] = await childPids();
      const offline = nextState(source, 'offline');
      process.kill(ffmpeg, 'SIGKILL');
      expect(await offline).toMatch(new RegExp(`ffmpeg stopped: killed by SIGKILL; ${firstRetry}`));
      await nextState(source, 'online');
      const after = await collectFrames(source, 1);
      expect(after[0].seq).toBeGreaterThan(before[2].seq);
      expect(await childPids()).not.toContain(ffmpeg);
    } finally {
      await source.stop();
    }
    expect(await childPids()).toEqual([]);
  });

  it('stop() during start-up leaves no process behind', async () => {
    const source = createSource('synthetic', { camera: 'r', settings: testSettings, log: silentLog });
    source.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await source.stop();
    expect(await childPids()).toEqual([]);
  });
});
