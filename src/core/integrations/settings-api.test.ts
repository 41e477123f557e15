import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IntegrationsView } from '../../shared/integrations';
import { type AppProcess, startApp } from './testing/app-process';
import { startBroker, type TestBroker } from './testing/broker';
import { MqttRecorder } from './testing/recorder';

// The dashboard's integration settings against the real app (child process) and two real brokers: the broker
// changes at run time, bad input changes nothing, a failed save changes nothing, secrets never come back, and
// what the dashboard saved wins over the config file after a restart.
const PASSWORD = 'broker-password-never-shown';
const SECRET = 'webhook-secret-never-shown';
let first: TestBroker;
let second: TestBroker;
let app: AppProcess;
let dataDir: string;
const recorders: MqttRecorder[] = [];

beforeAll(async () => {
  [first, second] = await Promise.all([startBroker(), startBroker()]);
  dataDir = mkdtempSync(join(tmpdir(), 'mk-int-settings-'));
  app = await startApp({
    dataDir,
    source: 'synthetic',
    config: { mqtt: { url: first.url, prefix: 'home/a' } },
  });
}, 90_000);

afterAll(async () => {
  for (const recorder of recorders) await recorder.close();
  await app?.kill();
  await Promise.all([first?.stop(), second?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

const view = async () => JSON.parse((await call('GET', '/api/integrations')).text) as IntegrationsView;

async function waitForState(state: string, timeoutMs = 60_000): Promise<IntegrationsView> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
    const current = await view();
    if (current.mqtt?.state === state) return current;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`MQTT never reached ${state}: ${JSON.stringify(await view())}`);
}

const watch = async (broker: TestBroker, topic: string) => {
  const recorder = await MqttRecorder.connect(broker.url, [topic]);
  recorders.push(recorder);
  return recorder;
};

it('moves to another broker at run time, keeps the password write-only, and refuses bad input', async () => {
  const start = await waitForState('connected');
  expect(start.settings.sources.mqtt).toBe('file');

  const onSecond = await watch(second, 'home/b/available');
  const put = await call('PUT', '/api/integrations/mqtt', {
    url: second.url,
    username: 'kiosk',
    password: PASSWORD,
    prefix: 'home/b',
    discovery: false,
  });
  expect(put.status, put.text).toBe(200);
  expect(put.text).not.toContain(PASSWORD);
  await onSecond.waitFor(() => onSecond.texts('home/b/available').includes('online'), 60_000, 'online');
  const moved = await waitForState('connected');
  expect(moved.settings.mqtt).toMatchObject({ url: second.url, hasPassword: true, prefix: 'home/b' });
  expect(moved.settings.sources.mqtt).toBe('dashboard');
  expect(JSON.stringify(moved)).not.toContain(PASSWORD);

  const before = JSON.stringify((await view()).settings);
  const saved = readFileSync(join(dataDir, 'integrations.json'), 'utf8');
  for (const bad of [
    { url: 'http://127.0.0.1:1883' },
    { url: second.url, password: 5 },
    { url: second.url, password: 'no user name' },
    { url: second.url, colour: 'red' },
    { url: second.url, prefix: 'home/#' },
    { url: second.url, ca: '/no/such/ca.pem' },
    { url: second.url, ca: '-----BEGIN CERTIFICATE-----\nnot base64 !!\n-----END CERTIFICATE-----' },
    [],
    null,
  ]) {
    const answer = await call('PUT', '/api/integrations/mqtt', bad);
    expect(answer.status, JSON.stringify(bad)).toBe(400);
    expect(JSON.parse(answer.text).error).toMatch(/^[^\n]+$/);
  }
  expect(JSON.stringify((await view()).settings)).toBe(before);
  expect(readFileSync(join(dataDir, 'integrations.json'), 'utf8')).toBe(saved);

  // Without `password` the stored one stays: the dashboard never has it to send back.
  const renamed = await call('PUT', '/api/integrations/mqtt', {
    url: second.url,
    username: 'kiosk',
    prefix: 'home/b',
    name: 'Porch',
  });
  expect(JSON.parse(renamed.text).settings.mqtt).toMatchObject({ name: 'Porch', hasPassword: true });
  await waitForState('connected');
  expect(JSON.parse(readFileSync(join(dataDir, 'integrations.json'), 'utf8')).mqtt.password).toBe(PASSWORD);
}, 180_000);

it('edits webhook receivers with a write-only secret; a save that fails answers 503 and changes nothing', async () => {
  const added = await call('POST', '/api/integrations/webhooks', {
    url: 'http://127.0.0.1:9/hook',
    secret: SECRET,
  });
  expect(added.status, added.text).toBe(201);
  const [receiver] = (JSON.parse(added.text) as IntegrationsView).settings.webhooks;
  expect(receiver).toMatchObject({ url: 'http://127.0.0.1:9/hook', hasSecret: true, hasToken: false });
  expect(added.text).not.toContain(SECRET);

  const edited = await call('PUT', `/api/integrations/webhooks/${receiver.id}`, {
    url: 'http://127.0.0.1:9/hook',
    preset: 'ntfy',
  });
  expect(JSON.parse(edited.text).settings.webhooks[0]).toMatchObject({ preset: 'ntfy', hasSecret: true });
  const tested = await call('POST', '/api/integrations/webhooks/test', { id: receiver.id });
  expect(JSON.parse(tested.text).results[0].result).toMatchObject({ ok: false, status: null });
  expect((await view()).webhooks[0].lastResult).toMatchObject({ ok: false });
  expect(
    (await call('PUT', '/api/integrations/webhooks/000000000000', { url: 'http://x.invalid' })).status,
  ).toBe(404);
  expect((await call('POST', '/api/integrations/webhooks', { url: 'ftp://x' })).status).toBe(400);
  expect((await call('POST', '/api/integrations/webhooks', { url: 'http://127.0.0.1:9/hook' })).status).toBe(
    400,
  );

  // A directory where the temporary file goes: the write fails even for root.
  const before = JSON.stringify((await view()).settings);
  mkdirSync(join(dataDir, 'integrations.json.tmp'));
  const failed = await call('DELETE', `/api/integrations/webhooks/${receiver.id}`);
  expect(failed.status).toBe(503);
  expect(JSON.parse(failed.text).error).toMatch(/^integrations not saved: cannot write/);
  expect(JSON.stringify((await view()).settings)).toBe(before);
  rmSync(join(dataDir, 'integrations.json.tmp'), { recursive: true });
  expect((await call('DELETE', `/api/integrations/webhooks/${receiver.id}`)).status).toBe(200);
  expect((await view()).settings.webhooks).toEqual([]);
}, 120_000);

it('after a restart the dashboard’s broker wins over the config file’s', async () => {
  await app.stop();
  app = await startApp({
    dataDir,
    source: 'synthetic',
    config: { mqtt: { url: first.url, prefix: 'home/a' } },
  });
  const after = await waitForState('connected');
  expect(after.settings.mqtt).toMatchObject({ url: second.url, name: 'Porch', hasPassword: true });
  expect(after.mqtt?.url).toBe(second.url);
}, 120_000);
