import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { EventPage } from '../../shared/api';
import { ensureClip } from '../motion/scenarios/clip';
import { scenarios } from '../motion/scenarios/scenarios';
import type { PushPayload } from './push-notifier';
import { type AppProcess, startApp } from './testing/app-process';
import { decryptPush, selfSignedCertificate, verifyVapid } from './testing/push-decrypt';

// A real browser's push service cannot be reached from here: the test plays it (HTTPS on 127.0.0.1) and
// decrypts what the server sends with the subscription's own keys.
const dataDir = mkdtempSync(join(tmpdir(), 'mk-push-'));
let app: AppProcess | undefined;
let endpoint: Server | undefined;

afterAll(async () => {
  await app?.kill();
  endpoint?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('sends an encrypted, VAPID-signed push for a motion start, once per cooldown', async () => {
  const received: { headers: IncomingHttpHeaders; body: Buffer; path: string }[] = [];
  const tls = selfSignedCertificate(dataDir);
  endpoint = createServer(tls, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks), path: request.url ?? '' });
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => endpoint?.listen(0, '127.0.0.1', resolve));
  const address = endpoint.address();
  const origin = `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const clip = await ensureClip(scenarios.find((s) => s.name === 'walk') ?? scenarios[0]);
  app = await startApp({
    dataDir,
    source: `file:${clip}?loop`,
    // The app trusts the test's certificate as it would a push service's public one.
    env: { NODE_EXTRA_CA_CERTS: tls.certFile },
    config: {
      // Labels off: every motion alerts (with them on, only a `notifyLabels` label would; see notify.test.ts).
      settings: { eventGap: 1, labels: false },
      push: { cooldownSeconds: 3600, contact: 'mailto:test@example.org' },
    },
  });
  const key = (await (await fetch(`${app.url}/api/push`)).json()) as { publicKey: string };
  const browser = createECDH('prime256v1');
  browser.generateKeys();
  const auth = randomBytes(16);
  const subscription = {
    endpoint: `${origin}/push/device-1`,
    expirationTime: null,
    keys: { p256dh: browser.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
  };
  const post = (body: unknown) =>
    fetch(`${app?.url}/api/push/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await post({ ...subscription, endpoint: 'file:///etc/passwd' })).status).toBe(400);
  const { lastEventId } = (await (await fetch(`${app.url}/api/state`)).json()) as { lastEventId: number };
  expect((await post(subscription)).status).toBe(201);

  // Two motion starts stored: the cooldown lets only the first through.
  let starts: number[] = [];
  for (let i = 0; i < 240 && starts.length < 2; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const page = (await (await fetch(`${app.url}/api/events?limit=50`)).json()) as EventPage;
    starts = page.events
      .map((e) => e.id)
      .filter((id) => id > lastEventId)
      .sort((a, b) => a - b);
  }
  expect(starts.length).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < 40 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 250));
  expect(received).toHaveLength(1);
  const push = received[0];
  expect(push.path).toBe('/push/device-1');
  expect(push.headers['content-encoding']).toBe('aes128gcm');
  expect(Number(push.headers.ttl)).toBeGreaterThan(0);
  const vapid = verifyVapid(String(push.headers.authorization), origin);
  expect(vapid).toEqual({ sub: 'mailto:test@example.org', publicKey: key.publicKey });
  const payload = JSON.parse(decryptPush(push.body, browser, auth).toString()) as PushPayload;
  // The first start after subscribing, or one stored while the subscription was being made.
  expect(starts.slice(0, 2)).toContain(payload.eventId);
  expect(payload).toMatchObject({
    image: `/api/events/${payload.eventId}/snapshot.jpg`,
    url: `/#event-${payload.eventId}`,
  });
  expect(typeof payload.ts).toBe('number');

  const removed = await fetch(`${app.url}/api/push/subscriptions`, {
    method: 'DELETE',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint: subscription.endpoint }),
  });
  expect(removed.status).toBe(200);
}, 240_000);
