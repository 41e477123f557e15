import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import pino from 'pino';
import { EventHub } from '../src/core/events/event-hub';
import { openEventStore } from '../src/core/events/event-store';
import { encodeSseMessage } from '../src/core/server/sse-format';
import type { LabelScore } from '../src/shared/events';
import { type RunningServer, sessionHeaders, signInContext, startServer } from './server';

/**
 * The history against a real server whose data dir holds known events (written with the real store before it
 * starts), and whose camera shows a still picture, so no live event muddles the counts: filters, review marks,
 * the day picker and delete, in the browser, with screenshots at the kiosk, phone and desktop sizes.
 */
const dir = mkdtempSync(join(tmpdir(), 'mk-e2e-history-'));
const shots = join(__dirname, '..', 'artifacts', 'screenshots');
let server: RunningServer;

const dayStart = (daysAgo: number) => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - daysAgo).getTime() / 1000;
};
const dayKey = (s: number) => new Date(s * 1000).toLocaleDateString('sv-SE');

/** Seeded events, oldest first: [seconds after a local midnight, days ago, duration, labels]. */
const seeds: [number, number, number, LabelScore[]][] = [
  [9 * 3600, 3, 3, []],
  [15 * 3600, 3, 40, [{ label: 'person', score: 0.71 }]],
  [11 * 3600, 2, 12, [{ label: 'cat', score: 0.55 }]],
  [
    8 * 3600,
    0,
    6,
    [
      { label: 'person', score: 0.64 },
      { label: 'dog', score: 0.4 },
    ],
  ],
];

function seed(): void {
  const jpeg = execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'smptebars=s=320x240',
    '-frames:v',
    '1',
    '-f',
    'mjpeg',
    '-',
  ]);
  const store = openEventStore({ dataDir: dir, log: pino({ level: 'silent' }) });
  const hub = new EventHub({ store, log: pino({ level: 'silent' }), encode: encodeSseMessage });
  for (const [offset, daysAgo, duration, labels] of seeds) {
    // Today's event an hour ago, so that it is never in the future.
    const ts = daysAgo === 0 ? Date.now() / 1000 - 3600 : dayStart(daysAgo) + offset;
    const box = { x: 0.3, y: 0.3, w: 0.3, h: 0.4 };
    const start = hub.publishMotionStart({ camera: 'camera', ts, change: 4.2, box }, jpeg);
    hub.publishMotionEnd({
      camera: 'camera',
      motionId: start.id,
      ts: ts + duration,
      duration,
      peakChange: 7.5,
      frames: duration * 5,
      box,
      labels,
    });
  }
  hub.stop();
  store.close();
}

const test = base.extend<{ context: BrowserContext }>({
  context: async ({ context }, use) => {
    await signInContext(context, server);
    await use(context);
  },
});

test.beforeAll(async () => {
  seed();
  const still = join(dir, 'still.avi');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'smptebars=s=640x480:r=10',
    '-t',
    '3',
    '-c:v',
    'mjpeg',
    still,
  ]);
  server = await startServer({ dataDir: dir, source: `file:${still}?loop` });
});

test.afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (page: Page) => page.locator('[data-event-id]');
const ids = (page: Page) =>
  rows(page).evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-event-id'))));

async function open(page: Page): Promise<void> {
  await page.goto(server.url);
  await expect(page.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
  await expect(rows(page)).toHaveCount(seeds.length);
}

const sizes = [
  { width: 800, height: 480, name: 'kiosk' },
  { width: 390, height: 844, name: 'phone' },
  { width: 1440, height: 900, name: 'desktop' },
];
for (const { width, height, name } of sizes) {
  for (const lang of ['en', 'ko']) {
    test(`history at ${width}×${height} in ${lang}`, async ({ page }) => {
      await page.addInitScript((l) => localStorage.setItem('motion-kiosk.language', l), lang);
      await page.setViewportSize({ width, height });
      await page.goto(server.url);
      await expect(page.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
      await expect(rows(page).first()).toBeVisible();
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(shots, `history-${name}-${lang}.png`) });
      await rows(page).first().locator('.event-button').click();
      await page.waitForTimeout(600);
      await page.screenshot({ path: join(shots, `history-${name}-${lang}-viewer.png`) });
      // Everything in reach: no part of the filter bar or viewer is wider than the screen.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
}

test('filters, review marks, the day picker and delete', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page);
  const all = await ids(page);
  expect(all).toEqual([7, 5, 3, 1]);
  // The screenshots above opened the newest event: reviewed.
  await expect(page.locator('.review-count')).toHaveText('3 to review');
  await expect(page.locator('.event.unreviewed')).toHaveCount(3);
  await expect(page.locator('[data-event-id="7"]')).not.toHaveClass(/unreviewed/);
  await expect(page.locator('[data-event-id="7"] .thumb-label')).toHaveText('Person');
  await expect(page.locator('[data-event-id="7"] .label-chip')).toHaveText(['Person', 'Dog']);

  await page.getByLabel('Anything').selectOption('person');
  await expect.poll(() => ids(page)).toEqual([7, 3]);
  await page.getByLabel('Any length').selectOption('10');
  await expect.poll(() => ids(page)).toEqual([3]);
  await page.getByLabel('Anything').selectOption('');
  await expect.poll(() => ids(page)).toEqual([5, 3]);
  await page.getByRole('button', { name: 'With clip' }).click();
  await expect(page.getByText('No events match these filters.')).toBeVisible();
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect.poll(() => ids(page)).toEqual(all);

  // Opening an event reviews it, here and on another dashboard.
  const other = await browser.newContext();
  await signInContext(other, server);
  const second = await other.newPage();
  await open(second);
  await page.locator('[data-event-id="5"] .event-button').click();
  await expect(page.locator('dialog.viewer')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-event-id="5"]')).not.toHaveClass(/unreviewed/);
  await expect(second.locator('[data-event-id="5"]')).not.toHaveClass(/unreviewed/);
  await expect(second.locator('.review-count')).toHaveText('2 to review');
  await page.getByRole('button', { name: 'Not reviewed', exact: true }).click();
  await expect.poll(() => ids(page)).toEqual([3, 1]);
  await page.getByRole('button', { name: 'Not reviewed', exact: true }).click();

  // Jump to a day: the list starts there and goes on into older days.
  await page.getByLabel('Day', { exact: true }).fill(dayKey(dayStart(2)));
  await expect.poll(() => ids(page)).toEqual([5, 3, 1]);
  await expect(page.locator('.day-group').first()).toHaveAttribute('data-day', dayKey(dayStart(2)));
  await page.getByRole('button', { name: 'Show newer events' }).click();
  await expect.poll(() => ids(page)).toEqual(all);

  await page.getByRole('button', { name: 'Mark all reviewed' }).click();
  await expect(page.locator('.event.unreviewed')).toHaveCount(0);
  await expect(page.locator('.review-count')).toHaveCount(0);
  await expect(second.locator('.event.unreviewed')).toHaveCount(0);

  // Delete, confirmed: gone here, on the other dashboard, and on the server.
  await page.locator('[data-event-id="3"] .event-button').click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Keep' }).click();
  await expect(rows(page)).toHaveCount(4);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Delete for good' }).click();
  await expect(page.locator('dialog.viewer')).not.toBeVisible();
  await expect.poll(() => ids(page)).toEqual([7, 5, 1]);
  await expect.poll(() => ids(second)).toEqual([7, 5, 1]);
  const gone = await fetch(`${server.url}/api/events/3`, { headers: sessionHeaders(server) });
  expect(gone.status).toBe(404);
  await other.close();
});
