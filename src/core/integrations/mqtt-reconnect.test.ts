import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { EventPage } from '../../shared/api';
import { ensureClip } from '../motion/scenarios/clip';
import { scenarios } from '../motion/scenarios/scenarios';
import { type AppProcess, startApp } from './testing/app-process';
import { forward, freePort, startBroker, type TestBroker } from './testing/broker';
import { MqttRecorder } from './testing/recorder';

let broker: TestBroker | undefined;
let recorder: MqttRecorder | undefined;
let app: AppProcess | undefined;
let gate: Server | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'mk-mqtt-down-'));

afterAll(async () => {
  await app?.kill();
  gate?.close();
  await recorder?.close();
  await broker?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function storedIds(url: string): Promise<number[]> {
  const page = (await (await fetch(`${url}/api/events?limit=500`)).json()) as EventPage;
  return page.events.flatMap((event) => [event.id, ...(event.end ? [event.end.id] : [])]);
}

it('a broker that is down at start: the app connects when it comes up and delivers what happened meanwhile', async () => {
  const clip = await ensureClip(scenarios.find((s) => s.name === 'walk') ?? scenarios[0]);
  // The broker runs from the start for the test's own subscriber; the app's port only starts
  // forwarding to it later, so to the app the broker is down (connection refused), then up.
  broker = await startBroker();
  recorder = await MqttRecorder.connect(broker.url, ['motionkiosk/#']);
  const appPort = await freePort();
  app = await startApp({
    dataDir,
    source: `file:${clip}?loop`,
    config: { settings: { eventGap: 1 }, mqtt: `mqtt://127.0.0.1:${appPort}` },
  });
  const started = Date.now();
  const state = async () =>
    (await (await fetch(`${app?.url}/api/state`)).json()) as { integrations: { mqtt: string } };
  // Wait at least 10 s, and until a whole event (start and end) is stored while the broker is away.
  const deadline = started + 90_000;
  let ids: number[] = [];
  while (Date.now() < deadline) {
    ids = await storedIds(app.url);
    if (ids.length >= 2 && Date.now() - started >= 10_000) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  expect(ids.length).toBeGreaterThanOrEqual(2);
  expect((await state()).integrations.mqtt).not.toBe('connected');
  expect(recorder.messages).toEqual([]);

  gate = await forward(appPort, broker.port);
  const prefix = `motionkiosk/${app.deviceId()}`;
  const delivered = () =>
    new Set(recorder?.texts(`${prefix}/event`).map((text) => JSON.parse(text).id as number));
  await recorder.waitFor(() => ids.every((id) => delivered().has(id)), 60_000, 'the queued events');
  const events = recorder.texts(`${prefix}/event`).map((text) => JSON.parse(text).id as number);
  // In order, each once.
  expect(events.slice(0, ids.length)).toEqual([...ids].sort((a, b) => a - b));
  expect(new Set(events).size).toBe(events.length);
  expect(recorder.texts(`${prefix}/available`).at(-1)).toBe('online');
  expect((await state()).integrations.mqtt).toBe('connected');
}, 240_000);
