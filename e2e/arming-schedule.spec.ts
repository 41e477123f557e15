/// <reference lib="dom" />
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ArmingView } from '../src/shared/integrations';
import { expect, openDashboard, test } from './fixtures';
import { actAsKiosk } from './kiosk-stub';
import { screens, seriousViolations, smallText } from './page-checks';
import { type RunningServer, sessionHeaders } from './server';

// The schedule editor (Settings → Integrations → Schedule) against the worker's real server: what the UI saves is
// what the API keeps, a window that leaves out now turns detection off on every page, a bad window is refused in
// the UI's language and changes nothing, and viewers get no editor.
const dir = join(__dirname, '..', 'artifacts', 'screenshots');

async function armingNow(server: RunningServer): Promise<ArmingView> {
  return (await (
    await fetch(`${server.url}/api/arming`, { headers: sessionHeaders(server) })
  ).json()) as ArmingView;
}

async function putArming(server: RunningServer, body: unknown): Promise<number> {
  const res = await fetch(`${server.url}/api/arming`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...sessionHeaders(server) },
    body: JSON.stringify(body),
  });
  return res.status;
}

// The worker's server serves the other dashboard tests after these: leave it armed, with no schedule.
test.afterEach(async ({ server }) => {
  expect(await putArming(server, { armed: true, schedule: { detection: [], notifications: [] } })).toBe(200);
});

async function openSchedule(page: Page, settings = 'Settings', open = 'Integrations') {
  await page.getByRole('button', { name: settings, exact: true }).click();
  await page.locator('.sheet').getByRole('button', { name: open, exact: true }).click();
  const section = page.locator('section.schedule');
  await expect(section.locator('.schedule-list')).toHaveCount(2);
  return section;
}

const dayName = (day: number) =>
  new Intl.DateTimeFormat('en-US', { weekday: 'long' }).format(new Date(2023, 0, 1 + day));

test('a window saved in the editor is the server’s schedule, and leaving out today turns detection off everywhere', async ({
  page,
  context,
  server,
}) => {
  const other = await context.newPage();
  await openDashboard(page);
  await openDashboard(other);
  await expect(other.locator('.arm')).toHaveText('Armed');
  const section = await openSchedule(page);
  const detection = section.locator('[data-list="detection"]');
  await expect(detection).toContainText('No windows: detection is always on while armed.');
  await expect(section.getByTestId('schedule-detection')).toHaveText('Detection is on');

  await detection.getByRole('button', { name: 'Add window' }).click();
  const window = detection.locator('[data-window="0"]');
  // Every day but today and tomorrow, all day (from = to): off now, and still off if midnight passes meanwhile.
  const today = new Date().getDay();
  const off = [today, (today + 1) % 7];
  for (const day of off) await window.getByRole('button', { name: dayName(day), exact: true }).click();
  await window.getByLabel('From').fill('00:00');
  await window.getByLabel('To').fill('00:00');
  await expect(window).toContainText('All day');
  await expect(section.locator('.schedule-status')).toHaveText('Changes not saved yet');
  await section.getByRole('button', { name: 'Save schedule' }).click();
  await expect(section.locator('.schedule-status')).toHaveText('Saved');

  const days = [0, 1, 2, 3, 4, 5, 6].filter((d) => !off.includes(d));
  const saved = await armingNow(server);
  expect(saved.schedule).toEqual({ detection: [{ days, from: '00:00', to: '00:00' }], notifications: [] });
  expect(saved.armed).toBe(true);
  expect(saved.detecting).toBe(false);
  // Back on at midnight after tomorrow: the first listed day.
  const back = new Date();
  back.setHours(0, 0, 0, 0);
  back.setDate(back.getDate() + 2);
  expect(saved.until).toBe(back.getTime() / 1000);
  const weekday = new Intl.DateTimeFormat('en-US', { weekday: 'short' }).format(back);
  await expect(section.getByTestId('schedule-detection')).toHaveText(
    new RegExp(`^Detection is off until ${weekday},? 00:00$`),
  );
  // The other page hears it through the stream's `arming` message.
  await expect(other.locator('.arm .arm-long')).toHaveText(new RegExp(`^Disarmed until ${weekday},? 00:00$`));
  await other.close();
});

test('a window without days is refused in the UI’s language and nothing changes', async ({
  page,
  server,
}) => {
  await openDashboard(page);
  const section = await openSchedule(page);
  const notifications = section.locator('[data-list="notifications"]');
  await expect(notifications).toContainText('No windows: notifications always go out (no quiet hours).');
  const before = await armingNow(server);
  await notifications.getByRole('button', { name: 'Add window' }).click();
  const window = notifications.locator('[data-window="0"]');
  for (let day = 0; day < 7; day++)
    await window.getByRole('button', { name: dayName(day), exact: true }).click();
  await expect(window.locator('button[aria-pressed="true"]')).toHaveCount(0);
  await section.getByRole('button', { name: 'Save schedule' }).click();
  await expect(section.getByRole('alert')).toHaveText(
    'Not saved. Notify only during, window 1: Pick at least one day.',
  );
  await expect(window.locator('fieldset.schedule-window')).toHaveClass(/invalid/);
  expect(await armingNow(server)).toEqual(before);
  // A day back, but a time left empty.
  await window.getByRole('button', { name: dayName(1), exact: true }).click();
  await window.getByLabel('From').fill('');
  await section.getByRole('button', { name: 'Save schedule' }).click();
  await expect(section.getByRole('alert')).toHaveText(
    'Not saved. Notify only during, window 1: Enter a time.',
  );
  expect(await armingNow(server)).toEqual(before);

  // The same refusal in Korean.
  await page.keyboard.press('Escape');
  await page
    .locator('.header')
    .getByRole('button', { name: /한국어/ })
    .click();
  await openDashboard(page);
  await openSchedule(page, '설정', '연동');
  const koList = page.locator('section.schedule [data-list="notifications"]');
  await koList.getByRole('button', { name: '시간대 추가' }).click();
  const ko = koList.locator('[data-window="0"]');
  for (let day = 0; day < 7; day++) await ko.locator('button.day').nth(day).click();
  await expect(ko.locator('button[aria-pressed="true"]')).toHaveCount(0);
  await page.getByRole('button', { name: '일정 저장' }).click();
  await expect(page.locator('section.schedule').getByRole('alert')).toHaveText(
    '저장하지 못했습니다. 알림 보내는 시간, 시간대 1: 요일을 하나 이상 고르세요.',
  );
  expect(await armingNow(server)).toEqual(before);
  await page.keyboard.press('Escape');
  await page
    .locator('.header')
    .getByRole('button', { name: /English/ })
    .click();
});

test('viewers get no schedule editor, and the API refuses them a change', async ({ browser, server }) => {
  const made = await fetch(`${server.url}/api/pairing-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...sessionHeaders(server) },
    body: JSON.stringify({ role: 'viewer' }),
  });
  const { code } = (await made.json()) as { code: string };
  const viewer = await browser.newContext();
  const page = await viewer.newPage();
  await page.goto(`${server.url}/pair?code=${code}`);
  await expect(page.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.locator('.sheet').getByRole('button', { name: 'Integrations', exact: true }).click();
  await expect(page.locator('dialog.integrations').getByText('Notifications on this device')).toBeVisible();
  await expect(page.locator('section.schedule')).toHaveCount(0);
  const status = await page.evaluate(async () => {
    const session = (await (await fetch('api/session')).json()) as { csrf: string };
    const res = await fetch('api/arming', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf },
      body: JSON.stringify({ schedule: { detection: [], notifications: [] } }),
    });
    return res.status;
  });
  expect(status).toBe(403);
  await viewer.close();
});

const shown = {
  detection: [{ days: [1, 2, 3, 4, 5], from: '22:00', to: '07:00' }],
  notifications: [{ days: [0, 1, 2, 3, 4, 5, 6], from: '07:00', to: '22:30' }],
};

for (const screen of screens) {
  test.describe(`${screen.name} ${screen.width}×${screen.height}`, () => {
    test.use({ viewport: { width: screen.width, height: screen.height }, hasTouch: screen.touch });

    test('the editor fits, reads and is accessible, in English and Korean', async ({ page, server }) => {
      test.setTimeout(120_000);
      if (screen.name === 'kiosk') await actAsKiosk(page);
      expect(await putArming(server, { schedule: shown })).toBe(200);
      for (const [lang, settings, open, save, saved] of [
        ['en', 'Settings', 'Integrations', 'Save schedule', 'Saved'],
        ['ko', '설정', '연동', '일정 저장', '저장됨'],
      ] as const) {
        await page.addInitScript((lang) => localStorage.setItem('motion-kiosk.language', lang), lang);
        await openDashboard(page);
        const section = await openSchedule(page, settings, open);
        await expect(section.locator('.schedule-window')).toHaveCount(2);
        await section.getByRole('button', { name: save }).click();
        await expect(section.locator('.schedule-status')).toHaveText(saved);
        await section.locator('h3').evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(dir, `schedule-${screen.width}x${screen.height}-${lang}.png`) });
        expect(await seriousViolations(page)).toEqual([]);
        if (screen.touch) {
          const sizes = await section.locator('button:visible, input:visible').evaluateAll((els) =>
            els.map((el) => {
              const r = el.getBoundingClientRect();
              return { name: el.getAttribute('aria-label') ?? el.textContent, w: r.width, h: r.height };
            }),
          );
          expect(sizes.length).toBeGreaterThan(20);
          for (const s of sizes) expect(Math.min(s.w, s.h), `${s.name}`).toBeGreaterThanOrEqual(44);
          // Nothing sticks out of the form's box (seven day toggles are the widest row).
          const outside = await section.locator('form').evaluate((form) => {
            const box = form.getBoundingClientRect();
            return [...form.querySelectorAll('button, input')]
              .filter((el) => {
                const r = el.getBoundingClientRect();
                return r.left < box.left - 0.5 || r.right > box.right + 0.5;
              })
              .map((el) => el.getAttribute('aria-label') ?? el.textContent);
          });
          expect(outside).toEqual([]);
        }
        if (screen.name === 'kiosk') expect(await smallText(page, 16, 'section.schedule')).toEqual([]);
        // The header's switch names the day of the next change ("Disarmed until Mon 22:00"), but on the crowded
        // 800 px header only its state word; it is not cut off.
        await page.keyboard.press('Escape');
        await page.keyboard.press('Escape');
        const arm = page.locator('.header .arm');
        await expect(arm).toHaveAccessibleName(/\d\d:\d\d/);
        await page.screenshot({
          path: join(dir, `schedule-header-${screen.width}x${screen.height}-${lang}.png`),
        });
        expect(await arm.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      }
    });
  });
}
