import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer } from '../server/testing/test-server';

/** A self-signed pair for 127.0.0.1, made with openssl as docs/security.md shows. */
function selfSignedPair(dir: string) {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
}

let s: TestServer;
let dir: string;
let ca: Buffer;

/** GET over TLS trusting only our certificate; resolves once `done(text)` holds, then closes. */
function readUntil(path: string, headers: Record<string, string>, done: (text: string) => boolean) {
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
    (resolve, reject) => {
      const req = request(`${s.url}${path}`, { ca, headers }, (res) => {
        let text = '';
        res.setEncoding('latin1');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (done(text)) {
            res.destroy();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
          }
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mk-tls-'));
  const tls = selfSignedPair(dir);
  ca = tls.cert;
  s = await startTestServer({ auth: true, tls });
});

afterAll(async () => {
  await s?.close();
  if (s) removeDir(s.dataDir);
  removeDir(dir);
});

it('pairs over HTTPS with a Secure cookie, and /events and /stream.mjpg stream over TLS', async () => {
  expect(s.url).toMatch(/^https:/);
  const { code } = s.access.codes.issue('viewer');
  const paired = await readUntil(`/pair?code=${code}`, {}, () => false);
  expect(paired.status).toBe(303);
  const setCookie = [paired.headers['set-cookie'] ?? []].flat().join() as string;
  expect(setCookie).toMatch(/; Secure/i);
  const cookie = setCookie.split(';')[0];

  const events = readUntil('/events', { cookie }, (text) => /event: motion\ndata: .*\n/.test(text));
  for (let i = 0; i < 100 && s.hub.subscriberCount === 0; i++) await new Promise((r) => setTimeout(r, 20));
  s.motion(6.5);
  const sse = await events;
  expect(sse.status).toBe(200);
  expect(sse.headers['content-type']).toMatch(/^text\/event-stream/);
  expect(sse.text).toMatch(/id: 1\nevent: motion\ndata: \{.*"change":6\.5/);

  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
  const live = readUntil('/stream.mjpg', { cookie }, (text) => text.includes('\xff\xd8\xff\xd9'));
  for (let i = 0; i < 20; i++) {
    s.bus.publish({ seq: i, ts: Date.now(), jpeg, gray: new Uint8Array(4), width: 2, height: 2 });
    await new Promise((r) => setTimeout(r, 50));
  }
  const mjpeg = await live;
  expect(mjpeg.status).toBe(200);
  expect(mjpeg.text).toMatch(/Content-Type: image\/jpeg\r\nContent-Length: 4\r\n/);
});
