import { existsSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import type { Settings } from '../src/shared/settings';
import { chromiumPath } from './chromium';
import { type RunningServer, sessionHeaders, signInContext, startServer } from './server';

/**
 * Dashboard tests run against the real server (one per worker) and Debian's Chromium.
 * `baseURL` points at that server, so `page.goto('/')` opens the dashboard.
 */
export const test = base.extend<
  { settingsGuard: undefined },
  { server: RunningServer; chromiumPresent: undefined }
>({
  chromiumPresent: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      if (!existsSync(chromiumPath)) {
        throw new Error(
          `${chromiumPath} not found: install Debian's \`chromium\` package (apt-get install chromium)`,
        );
      }
      await use(undefined);
    },
    { scope: 'worker', auto: true },
  ],
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
  // Every page is signed in with the worker's admin session, paired as a phone would be (src/core/access).
  context: async ({ context, server }, use) => {
    await signInContext(context, server);
    await use(context);
  },
  // Tests that change settings leave the server as they found it for the tests after them.
  settingsGuard: [
    async ({ server }, use) => {
      const before = await getSettings(server);
      await use(undefined);
      const { threshold, noiseLevel, minimumMotionFrames, eventGap, lightswitchPercent, masks } = before;
      await putSettings(server, {
        threshold,
        noiseLevel,
        minimumMotionFrames,
        eventGap,
        lightswitchPercent,
        masks,
      });
    },
    { auto: true },
  ],
});

export { expect };

export async function getSettings(server: RunningServer): Promise<Settings> {
  const res = await fetch(`${server.url}/api/settings`, { headers: sessionHeaders(server) });
  return (await res.json()) as Settings;
}

/** `PUT /api/settings`; returns the status and the parsed body. */
export async function putSettings(
  server: RunningServer,
  patch: Record<string, unknown>,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${server.url}/api/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...sessionHeaders(server) },
    body: JSON.stringify(patch),
  });
  return { status: res.status, body: await res.json() };
}

/** Ids of the events the page's timeline shows, newest first. */
export function shownEventIds(page: Page): Promise<number[]> {
  return page
    .locator('[data-event-id]')
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-event-id'))));
}

/** Opens the dashboard and waits until its shared event stream is connected. */
export async function openDashboard(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
}

/** Live frames the page has decoded and drawn so far (the live canvas counts them). */
export function framesDrawn(page: Page): Promise<number> {
  return page.locator('canvas.feed').evaluate((el: HTMLElement) => Number(el.dataset.frames ?? 0));
}

/** A gauge's or counter's value from the server's Prometheus text (`/metrics`). */
export async function gauge(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
}

/** How many live frames the page skipped without decoding them (a window not in use). */
export function framesSkipped(page: Page): Promise<number> {
  return page.locator('canvas.feed').evaluate((el: HTMLElement) => Number(el.dataset.skipped ?? 0));
}
