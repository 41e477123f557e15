import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { EventPage } from '../../shared/api';
import { ensureClip } from '../motion/scenarios/clip';
import { scenarios } from '../motion/scenarios/scenarios';
import { type AppProcess, startApp } from './testing/app-process';
import { freePort } from './testing/broker';
import { signature } from './webhook-sender';

const SECRET = 'receiver-shared-secret';
const dataDir = mkdtempSync(join(tmpdir(), 'mk-webhooks-'));
const apps: AppProcess[] = [];
let receiver: Server | undefined;

afterAll(async () => {
  for (const app of apps) await app.kill();
  receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Delivery {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

async function storedIds(url: string): Promise<number[]> {
  const page = (await (await fetch(`${url}/api/events?limit=500`)).json()) as EventPage;
  return page.events
    .flatMap((event) => [event.id, ...(event.end ? [event.end.id] : [])])
    .sort((a, b) => a - b);
}

async function waitForStored(url: string, atLeast: number): Promise<number[]> {
  for (let i = 0; i < 180; i++) {
    const ids = await storedIds(url);
    if (ids.length >= atLeast) return ids;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`fewer than ${atLeast} events stored after 90 s`);
}

/** The JSON and JPEG parts of a multipart/form-data body. */
function parts(delivery: Delivery): { event: { type: string; data: { id: number } }; jpeg: Buffer } {
  const boundary = /boundary=(\S+)/.exec(String(delivery.headers['content-type']))?.[1] ?? '';
  const sections: Buffer[] = [];
  let start = delivery.body.indexOf(`--${boundary}`);
  while (start >= 0) {
    const next = delivery.body.indexOf(`--${boundary}`, start + boundary.length + 2);
    if (next < 0) break;
    const section = delivery.body.subarray(start, next - 2);
    sections.push(section.subarray(section.indexOf('\r\n\r\n') + 4));
    start = next;
  }
  return { event: JSON.parse(sections[0].toString()), jpeg: sections[1] };
}

it('a receiver down for a while, across an app restart, gets every event once, in order, signed', async () => {
  const clip = await ensureClip(scenarios.find((s) => s.name === 'walk') ?? scenarios[0]);
  const port = await freePort();
  const config = {
    // Labels off: every motion alerts (with them on, only a `notifyLabels` label would; see notify.test.ts).
    settings: { eventGap: 1, labels: false },
    webhooks: [{ url: `http://127.0.0.1:${port}/hook`, secret: SECRET, snapshot: true, maxRetrySeconds: 2 }],
  };
  const first = await startApp({ dataDir, source: `file:${clip}?loop`, config });
  apps.push(first);
  const beforeKill = await waitForStored(first.url, 2);
  await first.kill();

  const second = await startApp({ dataDir, source: `file:${clip}?loop`, config });
  apps.push(second);
  await waitForStored(second.url, beforeKill.length + 2);

  const deliveries: Delivery[] = [];
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver?.listen(port, '127.0.0.1', resolve));
  const expected = await storedIds(second.url);
  for (let i = 0; i < 240 && deliveries.length < expected.length; i++)
    await new Promise((r) => setTimeout(r, 250));

  const ids = deliveries.map((d) => Number(d.headers['idempotency-key']));
  expect(ids.slice(0, expected.length)).toEqual(expected);
  expect(new Set(ids).size).toBe(ids.length);
  for (const delivery of deliveries) {
    const timestamp = String(delivery.headers['x-motionkiosk-timestamp']);
    expect(delivery.headers['x-motionkiosk-signature']).toBe(signature(SECRET, timestamp, delivery.body));
    const { event, jpeg } = parts(delivery);
    expect(event.data.id).toBe(Number(delivery.headers['idempotency-key']));
    expect(event.type).toBe(delivery.headers['x-motionkiosk-event']);
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  }

  const test = await fetch(`${second.url}/api/integrations/webhooks/test`, { method: 'POST' });
  expect(test.status).toBe(200);
  expect(((await test.json()) as { results: { result: { ok: boolean } }[] }).results[0].result.ok).toBe(true);
  expect(deliveries.at(-1)?.headers['x-motionkiosk-event']).toBe('test');
}, 240_000);
