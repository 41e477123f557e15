import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeOptions } from '../../src/core/config/options-schema';
import { startCore } from '../../src/core/core';
import type { Core } from '../../src/core/core-api';
import { SseTestClient } from '../../src/core/server/testing/sse-test-client';
import type { AppState } from '../../src/shared/api';
import type { MotionStart } from '../../src/shared/events';

// The walking skeleton end to end: the real core with the real ffmpeg synthetic camera,
// talked to over real HTTP. The synthetic scene's object crosses every ~10 s.
let core: Core;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mk-core-'));
  core = await startCore({
    ...mergeOptions({}, {}),
    port: 0,
    host: '127.0.0.1',
    source: 'synthetic',
    dataDir,
    auth: false,
    camera: 'camera',
    restartCap: 10,
    watchdog: 10,
    staticDir: null,
    log: pino({ level: 'warn' }),
  });
});

afterAll(async () => {
  await core?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('core with the synthetic camera', () => {
  it('pushes seed-compatible motion events to every client, with the same ids, and resumes by Last-Event-ID', async () => {
    const port = Number(new URL(core.url).port);
    const a = new SseTestClient(port);
    const b = new SseTestClient(port);
    await a.waitFor(() => a.status !== 0, 10_000, 'response head');
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(a.headers['cache-control']).toMatch(/no-cache/);
    expect(a.headers['x-accel-buffering']).toBe('no');

    const firstMotion = () => a.messages.find((m) => m.event === 'motion');
    await a.waitFor(() => firstMotion() !== undefined, 30_000, 'event: motion');
    const first = firstMotion() as NonNullable<ReturnType<typeof firstMotion>>;
    const data = JSON.parse(first.data) as MotionStart;
    // The seed dashboard's exact use of the payload.
    expect(typeof data.ts).toBe('number');
    expect(Math.abs(data.ts - Date.now() / 1000)).toBeLessThan(60);
    expect(new Date(data.ts * 1000).toLocaleTimeString()).not.toBe('Invalid Date');
    expect(data.change).toBeGreaterThan(0);
    expect(data.count).toBeGreaterThanOrEqual(1);
    expect(first.id).toBe(String(data.id));

    await b.waitFor(() => b.ids.includes(data.id), 10_000, 'the same event on the second client');
    expect(b.messages.find((m) => m.id === first.id)?.data).toBe(first.data);

    // Wait for the event to end so that there is history after the first id.
    await a.waitFor(() => a.messages.some((m) => m.event === 'motion-end'), 30_000, 'event: motion-end');
    const after = a.ids[0];
    const expected = a.ids.filter((id) => id > after);
    const last = expected[expected.length - 1];
    const resumed = new SseTestClient(port, '/events', { 'Last-Event-ID': String(after) });
    await resumed.waitFor(() => resumed.ids.includes(last), 10_000, 'the replay');
    expect(resumed.ids.filter((id) => id <= last)).toEqual(expected);
    for (const client of [a, b, resumed]) client.close();
  });

  it('serves /stream.mjpg that ffmpeg reads as 640x480 MJPEG', async () => {
    const probe = spawn(
      'ffprobe',
      [
        '-v',
        'error',
        '-show_entries',
        'stream=codec_name,width,height',
        '-of',
        'json',
        `${core.url}/stream.mjpg`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    probe.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const code = await new Promise<number | null>((resolve) => probe.on('close', resolve));
    expect(code).toBe(0);
    const stream = JSON.parse(out).streams[0];
    expect(stream).toEqual({ codec_name: 'mjpeg', width: 640, height: 480 });
  });

  it('serves the latest frame as /snapshot.jpg', async () => {
    const res = await fetch(`${core.url}/snapshot.jpg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('reports the detection backend in /api/state', async () => {
    const state = (await (await fetch(`${core.url}/api/state`)).json()) as AppState;
    expect(['tensorflow', 'wasm', 'cpu']).toContain(state.backend);
    expect(state.cameras[0].camera).toBe('camera');
  });
});
