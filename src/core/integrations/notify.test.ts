import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { silentLog } from '../capture/test-support/helpers';
import { mergeOptions } from '../config/options-schema';
import { startCore } from '../core';
import type { Core } from '../core-api';
import { ensureSceneClip } from '../labels/scenes/clip';
import { labelScenes } from '../labels/scenes/scenes';
import { startBroker, type TestBroker } from './testing/broker';
import { MqttRecorder } from './testing/recorder';

// `notifyLabels` decides who is told: the real core replays a clip where a person walks in, with a real
// mosquitto and a webhook receiver. Set to `car`, the person is labelled but nobody is told; set to `person`,
// the person label notifies on MQTT `notify` and reaches the receiver, while a plain motion start never does.
let broker: TestBroker | undefined;
let core: Core | undefined;
let recorder: MqttRecorder | undefined;
let receiver: Server | undefined;
let dataDir = '';

afterAll(async () => {
  await recorder?.close();
  await core?.stop();
  receiver?.close();
  await broker?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface Hook {
  type: string;
  body: { type: string; data: { label?: string; motionId?: number } };
}

it('notifies MQTT and webhooks only for the configured labels', async () => {
  const scene = labelScenes.find((s) => s.name === 'person-diner-480p');
  if (!scene) throw new Error('scene missing');
  const clip = await ensureSceneClip(scene);
  broker = await startBroker();
  const hooks: Hook[] = [];
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      hooks.push({ type: String(request.headers['x-motionkiosk-event']), body: JSON.parse(body) });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  const hookPort = typeof address === 'object' && address ? address.port : 0;
  recorder = await MqttRecorder.connect(broker.url, ['test/n/event', 'test/n/notify']);
  const mqtt = recorder;
  const events = () => mqtt.texts('test/n/event').map((text) => JSON.parse(text));
  const notices = () => mqtt.texts('test/n/notify').map((text) => JSON.parse(text));
  const personLabels = () => events().filter((e) => e.type === 'motion-label' && e.label === 'person');
  const serve = async (notifyLabels: string[]) => {
    dataDir = await mkdtemp(join(tmpdir(), 'mk-notify-'));
    const options = mergeOptions(
      {
        port: 0,
        host: '127.0.0.1',
        source: `file:${clip}?loop`,
        dataDir,
        auth: false,
        settings: { frameRate: 15, notifyLabels },
        mqtt: { url: broker?.url, prefix: 'test/n', discovery: false },
        webhooks: [{ url: `http://127.0.0.1:${hookPort}/hook` }],
      },
      {},
    );
    return startCore({ ...options, staticDir: null, log: silentLog });
  };

  // Only cars alert: the person is labelled, and nobody is told.
  core = await serve(['car']);
  await mqtt.waitFor(() => personLabels().length > 0, 150_000, 'a person label');
  // `notify` goes out before the `event` it is about, on the same connection: none came, none will.
  expect(events().some((e) => e.type === 'motion')).toBe(true);
  expect(notices()).toEqual([]);
  const state = await (await fetch(`${core.url}/api/integrations`)).json();
  expect(state.webhooks[0]).toMatchObject({ pending: 0, lastResult: null });
  await core.stop();
  expect(hooks).toEqual([]);
  await rm(dataDir, { recursive: true, force: true });
  mqtt.messages.length = 0;

  // People alert: the first person label is the notification, on MQTT and to the receiver.
  core = await serve(['person', 'dog']);
  await mqtt.waitFor(() => notices().length > 0, 150_000, 'a notify message');
  const [notice] = notices();
  expect(notice).toMatchObject({ kind: 'start', label: 'person', camera: 'camera' });
  expect(events().some((e) => e.type === 'motion' && e.id === notice.motionId)).toBe(true);
  expect(notices().every((n) => n.label === 'person')).toBe(true);
  for (let i = 0; i < 100 && hooks.length === 0; i++) await new Promise((r) => setTimeout(r, 200));
  expect(hooks[0]).toMatchObject({
    type: 'motion-label',
    body: { type: 'motion-label', data: { label: 'person', motionId: notice.motionId } },
  });
  expect(hooks.every((hook) => hook.type !== 'motion')).toBe(true);
}, 400_000);
