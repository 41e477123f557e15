import { existsSync } from 'node:fs';
import { type Browser, chromium } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer } from './testing/test-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);

/**
 * The seed dashboard's exact code, in a real browser signed in by pairing (access control on), against the
 * raw-socket SSE writer: `new EventSource('/events')`, listen for `motion`, parse `e.data`, read `ts` and `change`.
 * The same-origin EventSource sends the session cookie.
 */
describe.skipIf(!haveChromium)(`EventSource in Chromium (${CHROMIUM})`, () => {
  let browser: Browser;
  let s: TestServer;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    s = await startTestServer({ retryMs: 100, auth: true });
  });

  afterAll(async () => {
    await browser?.close();
    await s?.close();
    if (s) removeDir(s.dataDir);
  });

  it('runs the seed dashboard unchanged, and resumes by Last-Event-ID after the server drops the stream', async () => {
    const page = await browser.newPage();
    // Signed in the way a phone is: by opening the pairing URL (it sets the cookie and redirects to /).
    const { code } = s.access.codes.issue('viewer');
    await page.goto(`${s.url}/pair?code=${code}`);
    await page.goto(`${s.url}/healthz`);
    await page.evaluate(() => {
      const w = globalThis as unknown as { lines: string[]; ids: string[] };
      w.lines = [];
      w.ids = [];
      const source = new EventSource('/events');
      source.addEventListener('motion', (e) => {
        const data = JSON.parse((e as MessageEvent).data);
        w.lines.push(`${new Date(data.ts * 1000).toLocaleTimeString()} -- change ${data.change}`);
        w.ids.push((e as MessageEvent).lastEventId);
      });
    });
    for (let i = 0; i < 200 && s.hub.subscriberCount === 0; i++) await new Promise((r) => setTimeout(r, 10));
    s.motion(4.5);
    s.motion(7);
    await page.waitForFunction(() => (globalThis as unknown as { ids: string[] }).ids.length === 2);
    const lines = await page.evaluate(() => (globalThis as unknown as { lines: string[] }).lines);
    expect(lines[0]).toMatch(/ -- change 4\.5$/);
    expect(lines[1]).toMatch(/ -- change 7$/);

    // Drop every stream server-side, publish while the browser is away: it must come back and get them.
    s.app.server.closeAllConnections();
    for (let i = 0; i < 200 && s.hub.subscriberCount !== 0; i++) await new Promise((r) => setTimeout(r, 5));
    s.motion(1);
    s.motion(2);
    await page.waitForFunction(
      () => (globalThis as unknown as { ids: string[] }).ids.length === 4,
      undefined,
      {
        timeout: 10_000,
      },
    );
    expect(await page.evaluate(() => (globalThis as unknown as { ids: string[] }).ids)).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
  });
});
