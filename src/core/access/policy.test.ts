import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer } from '../server/testing/test-server';
import { Access } from './access';
import { registerAccess } from './hooks';
import { ACCESS_RULES } from './policy';
import { json, send } from './testing/http';

/**
 * Every route the server registers, three ways: no session, a viewer, an admin. Requests carry X-Forwarded-For of a
 * remote address (trustProxy on) so that `/metrics` cannot pass as a loopback client. A route added without an
 * example here fails the "has an example" check; one added without an access rule cannot even be registered.
 */
const REMOTE = { 'x-forwarded-for': '203.0.113.7' };

let s: TestServer;
let staticDir: string;
let eventId = 0;

/** How to call each route so that an allowed caller gets a 2xx/3xx. Fresh state per call (codes, sessions). */
const examples: Record<string, () => { path: string; body?: unknown; stream?: boolean }> = {
  'GET /*': () => ({ path: '/index.html' }),
  'GET /healthz': () => ({ path: '/healthz' }),
  'GET /metrics': () => ({ path: '/metrics' }),
  'GET /pair': () => ({ path: `/pair?code=${s.access.codes.issue('viewer').code}` }),
  'POST /api/pair': () => ({ path: '/api/pair', body: { code: s.access.codes.issue('viewer').code } }),
  'POST /api/sign-in': () => ({ path: '/api/sign-in', body: { password: 'correct horse battery' } }),
  'GET /api/session': () => ({ path: '/api/session' }),
  'POST /api/sign-out': () => ({ path: '/api/sign-out' }),
  'GET /events': () => ({ path: '/events', stream: true }),
  'GET /stream.mjpg': () => ({ path: '/stream.mjpg', stream: true }),
  'GET /snapshot.jpg': () => ({ path: '/snapshot.jpg' }),
  'GET /api/state': () => ({ path: '/api/state' }),
  'GET /api/levels': () => ({ path: '/api/levels?seconds=60' }),
  'GET /api/settings': () => ({ path: '/api/settings' }),
  'PUT /api/settings': () => ({ path: '/api/settings', body: { threshold: 3 } }),
  'GET /api/events': () => ({ path: '/api/events?limit=5' }),
  'GET /api/events/:id': () => ({ path: `/api/events/${eventId}` }),
  'GET /api/events/:id/snapshot.jpg': () => ({ path: `/api/events/${eventId}/snapshot.jpg` }),
  'GET /api/events/:id/first.jpg': () => ({ path: `/api/events/${eventId}/first.jpg` }),
  'POST /api/events/:id/reviewed': () => ({ path: `/api/events/${eventId}/reviewed` }),
  'POST /api/events/reviewed': () => ({ path: '/api/events/reviewed', body: { throughId: eventId } }),
  // Each call deletes an event of its own (ended, so it may be deleted).
  'DELETE /api/events/:id': () => ({ path: `/api/events/${endedEvent()}` }),
  'GET /api/sessions': () => ({ path: '/api/sessions' }),
  'PATCH /api/sessions/:id': () => ({
    path: `/api/sessions/${s.session('viewer').id}`,
    body: { name: 'hall' },
  }),
  'DELETE /api/sessions/:id': () => ({ path: `/api/sessions/${s.session('viewer').id}` }),
  'POST /api/pairing-codes': () => ({ path: '/api/pairing-codes', body: { role: 'viewer' } }),
  'PUT /api/password': () => ({ path: '/api/password', body: { password: 'correct horse battery' } }),
};

/** A new motion event that has ended. */
function endedEvent(): number {
  const id = s.motion();
  s.hub.publishMotionEnd({
    camera: 'camera',
    motionId: id,
    ts: Date.now() / 1000,
    duration: 1,
    peakChange: 5,
    frames: 3,
    box: null,
  });
  return id;
}

type Who = 'nobody' | 'viewer' | 'admin';

/** One request as `who`; sign-out gets its own session, so the shared ones survive. */
async function call(method: string, key: string, who: Who) {
  const example = examples[key]();
  const headers: Record<string, string> = { ...REMOTE };
  if (who !== 'nobody') Object.assign(headers, s.session(who).headers);
  const body = example.body === undefined ? undefined : JSON.stringify(example.body);
  return send(`${s.url}${example.path}`, {
    method,
    headers: body === undefined ? headers : json(headers),
    body,
    headOnly: example.stream,
  });
}

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'mk-shell-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
  s = await startTestServer({
    auth: true,
    staticDir,
    trustProxy: true,
    accessOptions: { attemptsPerMinute: 1000 },
  });
  s.bus.publish({
    seq: 1,
    ts: Date.now(),
    jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
    gray: new Uint8Array(4),
    width: 2,
    height: 2,
  });
  eventId = s.motion();
  s.access.sessions.setPasswordHash(
    // A real scrypt hash of the example password, made once.
    await (await import('./password')).hashPassword('correct horse battery'),
  );
});

afterAll(async () => {
  await s?.close();
  if (s) removeDir(s.dataDir);
  removeDir(staticDir);
});

describe('access policy over every registered route', () => {
  it('knows every route the server registers and has an example for each', () => {
    const keys = new Set(
      s.access.routes.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`),
    );
    expect(keys.size).toBeGreaterThan(15);
    for (const key of keys) {
      expect(ACCESS_RULES[key], key).toBeDefined();
      expect(examples[key], `an example request for ${key}`).toBeDefined();
    }
  });

  it('answers 401 without a session, 403 to a viewer on admin routes, and 2xx/3xx to an admin', async () => {
    const routes = s.access.routes.filter((r) => r.method !== 'HEAD');
    for (const { method, url, rule } of routes) {
      const key = `${method} ${url}`;
      const nobody = await call(method, key, 'nobody');
      const viewer = await call(method, key, 'viewer');
      const admin = await call(method, key, 'admin');
      if (rule === 'public') {
        expect(nobody.status, `${key} without a session`).toBeLessThan(400);
      } else {
        expect(nobody.status, `${key} without a session`).toBe(401);
        expect(JSON.parse(nobody.body).error, key).toMatch(/^[^\n]+$/);
      }
      if (rule === 'admin' || rule === 'metrics') {
        expect(viewer.status, `${key} as a viewer`).toBe(403);
        expect(JSON.parse(viewer.body).error, key).toMatch(/admin/);
      } else {
        expect(viewer.status, `${key} as a viewer`).toBeLessThan(400);
      }
      expect(admin.status, `${key} as an admin: ${admin.body}`).toBeLessThan(400);
      expect(admin.status, key).toBeGreaterThanOrEqual(200);
    }
  });

  it('answers /metrics to the bearer token of the config file and to loopback clients', async () => {
    const t = await startTestServer({
      auth: true,
      trustProxy: true,
      accessOptions: { metricsToken: 'm'.repeat(24) },
    });
    try {
      const bearer = { ...REMOTE, authorization: `Bearer ${'m'.repeat(24)}` };
      expect((await send(`${t.url}/metrics`, { headers: bearer })).status).toBe(200);
      const wrong = { ...REMOTE, authorization: `Bearer ${'x'.repeat(24)}` };
      expect((await send(`${t.url}/metrics`, { headers: wrong })).status).toBe(401);
      expect((await send(`${t.url}/metrics`)).status).toBe(200);
    } finally {
      await t.close();
      removeDir(t.dataDir);
    }
  });
});

describe('registering a route', () => {
  it('throws for a route that has no access rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-policy-'));
    const access = new Access({ enabled: true, dataDir: dir });
    const app = Fastify();
    try {
      await registerAccess(app, access);
      app.get('/healthz', () => ({ ok: true }));
      expect(() => app.get('/api/brand-new', () => ({}))).toThrow(/GET \/api\/brand-new has no access rule/);
    } finally {
      await app.close();
      access.close();
      removeDir(dir);
    }
  });
});
