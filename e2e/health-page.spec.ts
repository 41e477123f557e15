import { execFileSync } from 'node:child_process';
import { expect, type Page, test } from '@playwright/test';
import type { AppState } from '../src/shared/api';
import { type RunningServer, sessionHeaders, signInContext, startServer } from './server';

/**
 * The health page shows the server's own figures: capture restarts counted by the supervisor (a killed ffmpeg is
 * one more), clips' disk use from the recording store, and the clip limits in force (a change shows at once).
 * Its own server: the test kills that server's camera process.
 */
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer();
});

test.afterAll(async () => {
  await server?.stop();
});

async function state(): Promise<AppState> {
  return (await (
    await fetch(`${server.url}/api/state`, { headers: sessionHeaders(server) })
  ).json()) as AppState;
}

async function putSettings(patch: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${server.url}/api/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...sessionHeaders(server) },
    body: JSON.stringify(patch),
  });
  expect(res.status).toBe(200);
}

function fact(page: Page, label: string) {
  return page.locator('.health-facts div', { has: page.locator('dt', { hasText: label }) }).locator('dd');
}

test('restarts, disk use and clip limits on the health page are the server’s', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 800, height: 480 } });
  await signInContext(context, server);
  const page = await context.newPage();
  await page.goto(server.url);
  await expect(page.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => (await state()).cameras[0]?.state, { timeout: 30_000 }).toBe('online');
  await page.getByRole('button', { name: 'Health' }).click();

  await expect(fact(page, 'Camera restarts')).toHaveText('0 since start-up, 0 in the last hour');
  const storage = (await state()).recordings;
  if (!storage) throw new Error('/api/state has no recordings');
  const total = await page.evaluate(
    (bytes) =>
      new Intl.NumberFormat('en', {
        style: 'unit',
        unit: 'gigabyte',
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      }).format(bytes / 1e9),
    storage.totalBytes,
  );
  await expect(fact(page, 'Disk use')).toContainText(`free of ${total}`);
  await expect(fact(page, 'Clips kept')).toHaveText('up to 30 days, at most 1,000 clips');
  await expect(page.locator('.health-facts .unreported')).toHaveCount(0);

  // A limit changed elsewhere shows at the page's next refresh.
  await putSettings({ clipDays: 7, clipGigabytes: 2 });
  await expect(fact(page, 'Clips kept')).toHaveText('up to 7 days, at most 1,000 clips, at most 2.1 GB');
  await putSettings({ clipDays: 30, clipGigabytes: 0 });

  // The camera's ffmpeg dies: the supervisor restarts it, and the page counts it.
  // The oldest ffmpeg child is the capture; labelling spawns short-lived ones to decode pictures.
  const capture = Number(execFileSync('pgrep', ['-o', '-P', String(server.pid), 'ffmpeg']).toString());
  expect(capture).toBeGreaterThan(0);
  process.kill(capture, 'SIGKILL');
  await expect(fact(page, 'Camera restarts')).toHaveText('1 since start-up, 1 in the last hour', {
    timeout: 30_000,
  });
  expect((await state()).cameras[0]?.restarts).toBe(1);
  await context.close();
});
