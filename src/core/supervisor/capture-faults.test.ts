import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createSource } from '../capture/index';
import { MjpegSplitter } from '../capture/splitters/mjpeg-splitter';
import { childPids, nextState, testSettings } from '../capture/test-support/helpers';
import { startMjpegServer } from '../capture/test-support/mjpeg-server';
import type { SupervisedStatus } from './supervisor';

const log = pino({ level: 'silent' });
const openFds = () => readdirSync('/proc/self/fd').length;

/** Resolves with the supervisor's status at the next `offline`. */
function nextOffline(source: ReturnType<typeof createSource>): Promise<SupervisedStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no offline within 15 s')), 15_000);
    const onState = (state: string, _message: string | undefined, detail?: SupervisedStatus) => {
      if (state !== 'offline' || !detail) return;
      clearTimeout(timer);
      source.off('state', onState);
      resolve(detail);
    };
    source.on('state', onState);
  });
}

describe('capture under the supervisor (real ffmpeg)', () => {
  it('ffmpeg killed 50 times: back every time, never scheduled later than the cap, fds and children back to baseline', async () => {
    const capMs = 400;
    const source = createSource('synthetic', {
      camera: 'k',
      settings: testSettings,
      log,
      supervisor: { firstDelayMs: 50, maxDelayMs: capMs },
    });
    source.start();
    try {
      await nextState(source, 'online', 30_000);
      const fds = openFds();
      for (let i = 0; i < 50; i++) {
        const [ffmpeg] = await childPids();
        const offline = nextOffline(source);
        const killedAt = Date.now() / 1000;
        process.kill(ffmpeg, 'SIGKILL');
        const status = await offline;
        // The policy under test: the next attempt is never planned later than the cap after the death.
        expect((status.retryAt ?? 0) - killedAt).toBeLessThanOrEqual(capMs / 1000 + 0.5);
        expect(status.restarts).toBe(i + 1);
        await nextState(source, 'online', 30_000);
      }
      expect(await childPids()).toHaveLength(1);
      expect(openFds()).toBeLessThanOrEqual(fds);
    } finally {
      await source.stop();
    }
    expect(await childPids()).toEqual([]);
  }, 300_000);

  it('a network camera stopped and started 10 times goes offline, then online with frames, each time', async () => {
    const mjpeg = execFileSync('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=s=320x240:r=15', '-frames:v', '15'],
      ...['-c:v', 'mjpeg', '-q:v', '5', '-f', 'mjpeg', '-'],
    ]);
    const jpegs: Buffer[] = [];
    new MjpegSplitter((jpeg) => jpegs.push(jpeg)).push(mjpeg);
    let camera = await startMjpegServer(jpegs, 15);
    const port = Number(new URL(camera.url).port);
    const source = createSource(`url:${camera.url}`, {
      camera: 'net',
      settings: testSettings,
      log,
      supervisor: { firstDelayMs: 200, maxDelayMs: 1000 },
    });
    source.start();
    try {
      await nextState(source, 'online', 30_000);
      for (let i = 0; i < 10; i++) {
        const offline = nextState(source, 'offline', 30_000);
        await camera.close();
        await offline;
        camera = await startMjpegServer(jpegs, 15, Number.POSITIVE_INFINITY, { port });
        const back = Date.now();
        await nextState(source, 'online', 30_000);
        const frame = await new Promise<number>((resolve) => source.once('frame', () => resolve(Date.now())));
        // Recorded, not asserted against wall time (a loaded CI machine): printed for the report.
        if (i === 9) console.log(`network camera back: frames ${frame - back} ms after the camera returned`);
      }
    } finally {
      await source.stop();
      await camera.close();
    }
    expect(await childPids()).toEqual([]);
  }, 300_000);
});
