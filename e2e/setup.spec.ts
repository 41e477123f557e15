import { type Browser, expect, type Page, test } from '@playwright/test';
import type { AppState } from '../src/shared/api';
import type { Settings } from '../src/shared/settings';
import { type RunningServer, sessionHeaders, signInContext, startServer } from './server';

/**
 * The first-run guide against a real server on a new data dir: an admin is walked through it (each step saves
 * through the settings API), skipping ends it for good, and a viewer never sees it.
 */
let server: RunningServer;

test.beforeEach(async () => {
  server = await startServer({ firstRun: true });
});

test.afterEach(async () => {
  await server?.stop();
});

async function api<T>(path: string): Promise<T> {
  return (await (await fetch(`${server.url}${path}`, { headers: sessionHeaders(server) })).json()) as T;
}

async function openAsAdmin(browser: Browser, lang: 'en' | 'ko' = 'en'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 800, height: 480 }, hasTouch: true });
  await signInContext(context, server);
  const page = await context.newPage();
  await page.addInitScript((lang) => localStorage.setItem('motion-kiosk.language', lang), lang);
  await page.goto(server.url);
  await expect(page.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
  return page;
}

test('an admin on a new install is guided through camera, masks, sensitivity and clips; each step saves; never again', async ({
  browser,
}) => {
  expect((await api<AppState>('/api/state')).firstRun).toBe(true);
  const page = await openAsAdmin(browser);
  const guide = page.getByRole('dialog', { name: 'Set up your camera' });
  await expect(guide).toBeVisible();
  await expect(guide.getByRole('heading', { name: 'Is this your camera?' })).toBeVisible();
  await expect(guide.getByText('camera: Camera online')).toBeVisible({ timeout: 20_000 });
  await guide.getByRole('button', { name: 'Next' }).click();

  // Masks: the editor replaces the guide, and the guide comes back with the count after saving.
  await guide.getByRole('button', { name: 'Draw areas to ignore' }).click();
  await expect(guide).toBeHidden();
  await page.getByRole('button', { name: 'Add rectangle' }).click();
  await page.getByRole('button', { name: 'Save masks' }).click();
  await expect(guide.getByText('1 area ignored')).toBeVisible();
  expect((await api<Settings>('/api/settings')).masks).toHaveLength(1);
  await guide.getByRole('button', { name: 'Next' }).click();

  // Sensitivity: the graph and its threshold line stay in view and follow the value typed.
  const threshold = guide.getByLabel('Ignore small changes', { exact: true });
  await threshold.fill('4');
  await expect(page.locator('.graph-threshold')).toHaveText('motion from 4%');
  await expect(page.locator('.graph-canvas')).toBeInViewport();
  await threshold.press('Enter');
  await expect(guide.locator('#setting-threshold-status')).toHaveText('Saved');
  expect((await api<Settings>('/api/settings')).threshold).toBe(4);
  await guide.getByRole('button', { name: 'Next' }).click();

  // Clips: off and on again, then how long they are kept.
  await guide.getByRole('button', { name: 'On' }).click();
  await expect(guide.getByRole('button', { name: 'Off' })).toBeVisible();
  expect((await api<Settings>('/api/settings')).recordClips).toBe(false);
  await guide.getByRole('button', { name: 'Off' }).click();
  const days = guide.getByLabel('Keep clips for', { exact: true });
  await days.fill('7');
  await days.press('Enter');
  await expect(guide.locator('#setting-clipDays-status')).toHaveText('Saved');
  const saved = await api<Settings>('/api/settings');
  expect([saved.recordClips, saved.clipDays]).toEqual([true, 7]);
  await guide.getByRole('button', { name: 'Next' }).click();

  await expect(guide.getByRole('heading', { name: 'All set' })).toBeVisible();
  await guide.getByRole('button', { name: 'Finish' }).click();
  await expect(guide).toBeHidden();
  expect((await api<AppState>('/api/state')).firstRun).toBe(false);
  await page.reload();
  await expect(page.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect(page.locator('.setup')).toHaveCount(0);
  await page.context().close();
});

test('skipping the guide (in Korean) ends the first run without changing a setting; a refusal is said in Korean', async ({
  browser,
}) => {
  const before = await api<Settings>('/api/settings');
  const page = await openAsAdmin(browser, 'ko');
  const guide = page.getByRole('dialog', { name: '카메라 설정' });
  await guide.getByRole('button', { name: '이 단계 건너뛰기' }).click();
  await guide.getByRole('button', { name: '이 단계 건너뛰기' }).click();
  const threshold = guide.getByLabel('작은 변화 무시', { exact: true });
  await threshold.fill('500');
  await threshold.press('Enter');
  await expect(guide.locator('#setting-threshold-status')).toHaveText('저장 안 됨: 100 이하로 입력하세요.');
  expect((await api<AppState>('/api/state')).firstRun).toBe(true);

  await guide.getByRole('button', { name: '설정 건너뛰기' }).first().click();
  await expect(guide).toBeHidden();
  expect((await api<AppState>('/api/state')).firstRun).toBe(false);
  expect(await api<Settings>('/api/settings')).toEqual(before);
  await page.reload();
  await expect(page.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.setup')).toHaveCount(0);
  await page.context().close();
});

test('a viewer on a new install sees the normal dashboard, not the guide', async ({ browser }) => {
  const made = await fetch(`${server.url}/api/pairing-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...sessionHeaders(server) },
    body: JSON.stringify({ role: 'viewer' }),
  });
  const { code } = (await made.json()) as { code: string };
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/pair?code=${code}`);
  await expect(page.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('canvas.feed')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-setup', 'not-offered', { timeout: 20_000 });
  expect(
    await page.evaluate(async () => ((await (await fetch('api/state')).json()) as AppState).firstRun),
  ).toBe(true);
  await expect(page.locator('.setup')).toHaveCount(0);
  await context.close();
});
