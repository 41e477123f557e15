import { afterEach, describe, expect, it } from 'vitest';
import { SseTestClient } from '../server/testing/sse-test-client';
import { removeDir, startTestServer, type TestServer } from '../server/testing/test-server';
import { SESSION_COOKIE } from './access';
import { json, send } from './testing/http';

let s: TestServer | null = null;
afterEach(async () => {
  await s?.close();
  if (s) removeDir(s.dataDir);
  s = null;
});

function cookieOf(setCookie: string | string[] | undefined): string {
  const line = [setCookie ?? []].flat().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!line) throw new Error('no session cookie set');
  return line.split(';')[0];
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!predicate()) throw new Error(`timed out waiting for ${what}`);
}

describe('pairing codes', () => {
  it('pair once: the URL sets an HttpOnly SameSite=Strict cookie and redirects; the second use is refused', async () => {
    s = await startTestServer({ auth: true });
    const { code } = s.access.codes.issue('viewer');
    const first = await send(`${s.url}/pair?code=${code}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const setCookie = [first.headers['set-cookie'] ?? []].flat().join();
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const cookie = cookieOf(first.headers['set-cookie']);
    expect((await send(`${s.url}/api/state`, { headers: { cookie } })).status).toBe(200);
    // A viewer: watching yes, changing no.
    expect((await send(`${s.url}/api/sessions`, { headers: { cookie } })).status).toBe(403);

    const second = await send(`${s.url}/pair?code=${code}`);
    expect(second.status).toBe(400);
    expect(JSON.parse(second.body).error).toMatch(/already used or expired/);
    expect(second.headers['set-cookie']).toBeUndefined();
  });

  it('accepts a typed code with a dash and lower case once, over POST /api/pair', async () => {
    s = await startTestServer({ auth: true });
    const { code } = s.access.codes.issue('admin');
    const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`;
    const ok = await send(`${s.url}/api/pair`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ code: typed }),
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ role: 'admin' });
    const again = await send(`${s.url}/api/pair`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ code }),
    });
    expect(again.status).toBe(400);
  });

  it('refuses a code after it expired', async () => {
    let now = 1_000_000;
    s = await startTestServer({ auth: true, accessOptions: { now: () => now, pairingTtlMs: 600_000 } });
    const { code } = s.access.codes.issue('admin');
    now += 600_001;
    const late = await send(`${s.url}/pair?code=${code}`);
    expect(late.status).toBe(400);
    expect(late.headers['set-cookie']).toBeUndefined();
  });

  it('rate-limits guessing per address with Retry-After, even a right code while limited', async () => {
    s = await startTestServer({ auth: true, accessOptions: { attemptsPerMinute: 5 } });
    for (let i = 0; i < 5; i++) expect((await send(`${s.url}/pair?code=WRONG${i}`)).status).toBe(400);
    const { code } = s.access.codes.issue('admin');
    const limited = await send(`${s.url}/pair?code=${code}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(limited.body).error).toMatch(/too many attempts/);
    const signIn = await send(`${s.url}/api/sign-in`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ password: 'guess' }),
    });
    expect(signIn.status).toBe(429);
  });
});

describe('revoking a session', () => {
  it('refuses it at once and closes its open /events and /stream.mjpg before the DELETE is answered', async () => {
    s = await startTestServer({ auth: true });
    const server = s;
    const admin = server.session('admin');
    const phone = server.session('viewer');
    const events = new SseTestClient(server.port, '/events', { Cookie: phone.cookie });
    const live = new SseTestClient(server.port, '/stream.mjpg', { Cookie: phone.cookie });
    await until(() => server.access.streams.count(phone.id) === 2, 'both streams open');
    expect(events.status).toBe(200);

    const revoked = await send(`${server.url}/api/sessions/${phone.id}`, {
      method: 'DELETE',
      headers: admin.headers,
    });
    expect(revoked.status).toBe(204);
    expect(server.access.streams.count(phone.id)).toBe(0);
    await until(() => events.closed && live.closed, 'the client to see both streams close');
    expect((await send(`${server.url}/api/state`, { headers: { cookie: phone.cookie } })).status).toBe(401);
    const retry = new SseTestClient(server.port, '/events', { Cookie: phone.cookie });
    await until(() => retry.status !== 0, 'an answer to the revoked cookie');
    expect(retry.status).toBe(401);
    retry.close();
  });

  it('caps streams per session with 429 and Retry-After', async () => {
    s = await startTestServer({ auth: true, accessOptions: { streamCaps: { events: 1, mjpeg: 1 } } });
    const server = s;
    const phone = server.session('viewer');
    const first = new SseTestClient(server.port, '/events', { Cookie: phone.cookie });
    await until(() => server.access.streams.count(phone.id) === 1, 'the first stream');
    const second = await send(`${server.url}/events`, { headers: { cookie: phone.cookie } });
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('10');
    // Another session is not affected by this one's cap.
    const other = await send(`${server.url}/events`, {
      headers: { cookie: server.session('viewer').cookie },
      headOnly: true,
    });
    expect(other.status).toBe(200);
    first.close();
  });
});
