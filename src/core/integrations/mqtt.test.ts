import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MotionLevel } from '../../shared/events';
import { ensureClip } from '../motion/scenarios/clip';
import { scenarios } from '../motion/scenarios/scenarios';
import { SseTestClient } from '../server/testing/sse-test-client';
import { type AppProcess, startApp } from './testing/app-process';
import { startBroker, type TestBroker } from './testing/broker';
import { MqttRecorder } from './testing/recorder';

// The real app (headless, in a child process) replays a clip where a walker crosses every 8 s,
// talking to a real mosquitto; a plain MQTT client watches what reaches the broker.
let broker: TestBroker;
let recorder: MqttRecorder;
let app: AppProcess;
let dataDir: string;
let clip: string;

beforeAll(async () => {
  clip = await ensureClip(scenarios.find((s) => s.name === 'walk') ?? scenarios[0]);
  broker = await startBroker();
  recorder = await MqttRecorder.connect(broker.url, ['motionkiosk/#', 'homeassistant/#']);
  dataDir = mkdtempSync(join(tmpdir(), 'mk-mqtt-'));
  app = await startApp({
    dataDir,
    source: `file:${clip}?loop`,
    config: { settings: { eventGap: 1 }, mqtt: { url: broker.url, name: 'Front door' } },
  });
}, 180_000);

afterAll(async () => {
  await app?.kill();
  await recorder?.close();
  await broker?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const eventsOn = (topic: string) => recorder.texts(topic).map((text) => JSON.parse(text));

it('publishes motion ON then OFF, a start/end event pair with matching ids, and the JPEG', async () => {
  const prefix = `motionkiosk/${app.deviceId()}`;
  const offAfterOn = () => {
    const motion = recorder.texts(`${prefix}/motion`);
    return motion.indexOf('OFF', motion.indexOf('ON') + 1) > motion.indexOf('ON');
  };
  await recorder.waitFor(
    () => eventsOn(`${prefix}/event`).some((e) => e.type === 'motion-end') && offAfterOn(),
    60_000,
    'a whole event on MQTT',
  );
  const events = eventsOn(`${prefix}/event`);
  const start = events.find((e) => e.type === 'motion');
  const end = events.find((e) => e.type === 'motion-end');
  expect(start).toMatchObject({ camera: 'camera', snapshot: `/api/events/${start.id}/snapshot.jpg` });
  expect(typeof start.change).toBe('number');
  expect(end.motionId).toBe(start.id);
  expect(end.id).toBeGreaterThan(start.id);
  expect(recorder.texts(`${prefix}/motion`)).toContain('ON');
  const snapshot = recorder.messages.find((m) => m.topic === `${prefix}/snapshot`);
  expect(snapshot?.payload.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  expect(recorder.texts(`${prefix}/available`)).toContain('online');
  // At the end, `snapshot` carries the event's picture as the history serves it (the recording's best picture).
  const endAt = recorder.messages.findIndex(
    (m) => m.topic === `${prefix}/event` && JSON.parse(String(m.payload)).type === 'motion-end',
  );
  const afterEnd = () => recorder.messages.slice(endAt).find((m) => m.topic === `${prefix}/snapshot`);
  await recorder.waitFor(() => afterEnd() !== undefined, 10_000, 'the snapshot at the end');
  const served = Buffer.from(
    await (await fetch(`${app.url}/api/events/${start.id}/snapshot.jpg`)).arrayBuffer(),
  );
  expect(afterEnd()?.payload.equals(served)).toBe(true);
}, 120_000);

it('keeps Home Assistant discovery configs retained, with the fields Home Assistant requires', async () => {
  const id = app.deviceId();
  const late = await MqttRecorder.connect(broker.url, [`homeassistant/+/${id}/+/config`]);
  try {
    await late.waitFor(() => late.messages.length >= 5, 10_000, 'five retained configs');
    const configs = new Map(
      late.messages.map((m) => [m.topic, { retain: m.retain, ...JSON.parse(String(m.payload)) }]),
    );
    const required: Record<string, string[]> = {
      [`homeassistant/binary_sensor/${id}/motion/config`]: ['state_topic', 'device_class'],
      [`homeassistant/camera/${id}/snapshot/config`]: ['topic'],
      [`homeassistant/switch/${id}/detection/config`]: ['command_topic', 'state_topic'],
      [`homeassistant/sensor/${id}/change/config`]: ['state_topic', 'unit_of_measurement'],
      [`homeassistant/button/${id}/take_snapshot/config`]: ['command_topic'],
    };
    const uniqueIds = new Set<string>();
    for (const [topic, fields] of Object.entries(required)) {
      const config = configs.get(topic);
      expect(config, topic).toBeDefined();
      expect(config.retain).toBe(true);
      for (const field of [...fields, 'name', 'unique_id', 'availability_topic'])
        expect(config[field]).toBeTruthy();
      expect(config.availability_topic).toBe(`motionkiosk/${id}/available`);
      expect(config.device).toMatchObject({
        identifiers: [id],
        name: 'Front door',
        manufacturer: 'Motion Kiosk',
      });
      uniqueIds.add(config.unique_id);
    }
    expect(configs.get(`homeassistant/binary_sensor/${id}/motion/config`)?.device_class).toBe('motion');
    expect(uniqueIds.size).toBe(5);
  } finally {
    await late.close();
  }
});

it('ignores garbage on set/detection, and OFF disarms: no event while the walker crosses', async () => {
  const prefix = `motionkiosk/${app.deviceId()}`;
  const armed = async () =>
    ((await (await fetch(`${app.url}/api/arming`)).json()) as { armed: boolean }).armed;
  const snapshots = () => recorder.texts(`${prefix}/snapshot`).length;
  const before = snapshots();
  await recorder.publish(`${prefix}/set/detection`, 'maybe');
  await recorder.publish(`${prefix}/set/detection`, Buffer.alloc(5000, 0x4f));
  // Commands are handled in order: once this later snapshot request is answered, the garbage was seen.
  await recorder.publish(`${prefix}/set/snapshot`, 'PRESS');
  await recorder.waitFor(() => snapshots() > before, 10_000, 'the requested snapshot');
  expect(await armed()).toBe(true);
  expect(recorder.texts(`${prefix}/detection`).at(-1)).toBe('ON');
  // The same switch through the API: bad input is a one-line 400 and changes nothing.
  for (const body of [
    { armed: 'no' },
    { schedule: { detection: [{ days: [9], from: '25:00', to: '1' }] } },
  ]) {
    const refused = await fetch(`${app.url}/api/arming`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(refused.status).toBe(400);
    const answer = (await refused.json()) as Record<string, unknown>;
    expect(answer.error).toMatch(/^(armed|schedule\.detection\.0\.days\.0): /);
    expect(answer.field).toBe(Object.keys(body)[0] === 'armed' ? 'armed' : 'schedule.detection.0.days.0');
  }
  expect(await armed()).toBe(true);

  // Wait for stillness so no event is open, then disarm.
  await recorder.waitFor(() => recorder.texts(`${prefix}/motion`).at(-1) === 'OFF', 30_000, 'motion OFF');
  await recorder.publish(`${prefix}/set/detection`, 'OFF');
  await recorder.waitFor(
    () => recorder.texts(`${prefix}/detection`).at(-1) === 'OFF',
    10_000,
    'detection OFF',
  );
  expect(await armed()).toBe(false);
  // An event that started just before the switch still gets its end: count from after that.
  await recorder.waitFor(() => recorder.texts(`${prefix}/motion`).at(-1) === 'OFF', 30_000, 'no open event');
  const eventsBefore = recorder.texts(`${prefix}/event`).length;
  const sse = new SseTestClient(Number(new URL(app.url).port));
  try {
    const levels = () =>
      sse.messages.filter((m) => m.event === 'level').map((m) => JSON.parse(m.data) as MotionLevel);
    // The walker crosses (the detector still sees it) and leaves again.
    await sse.waitFor(() => levels().some((l) => l.change > 5), 30_000, 'the walker to cross');
    const crossed = levels().length;
    await sse.waitFor(
      () =>
        levels()
          .slice(crossed)
          .filter((l) => l.change < 0.5).length >= 3, // a still scene's levels come once a second
      30_000,
      'stillness',
    );
  } finally {
    sse.close();
  }
  expect(recorder.texts(`${prefix}/event`).length).toBe(eventsBefore);
  expect(recorder.texts(`${prefix}/motion`).at(-1)).toBe('OFF');

  await recorder.publish(`${prefix}/set/detection`, 'ON');
  await recorder.waitFor(
    () => recorder.texts(`${prefix}/event`).length > eventsBefore,
    30_000,
    'events again',
  );
}, 180_000);

it('SIGKILL of the app makes the broker publish its last will: offline', async () => {
  const topic = `motionkiosk/${app.deviceId()}/available`;
  expect(recorder.texts(topic).at(-1)).toBe('online');
  await app.kill();
  await recorder.waitFor(() => recorder.texts(topic).at(-1) === 'offline', 30_000, 'the last will');
  const retained = await MqttRecorder.connect(broker.url, [topic]);
  try {
    await retained.waitFor(() => retained.messages.length > 0, 10_000, 'the retained availability');
    expect(retained.messages[0]).toMatchObject({ retain: true });
    expect(String(retained.messages[0].payload)).toBe('offline');
  } finally {
    await retained.close();
  }
});
