/// <reference lib="dom" />
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startBroker, type TestBroker } from '../src/core/integrations/testing/broker';
import { expect, openDashboard, test } from './fixtures';
import { sessionHeaders } from './server';

// The integrations panel against the worker's real server and a real mosquitto: the broker set from the form
// connects, a webhook receiver's Test reports its answer, and the arm switch follows on a second page by SSE.
const dir = join(__dirname, '..', 'artifacts', 'screenshots');
let broker: TestBroker;
let receiver: Server;
let receiverUrl = '';

test.beforeAll(async () => {
  broker = await startBroker();
  receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end('ok'));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
});

test.afterAll(async () => {
  receiver?.close();
  await broker?.stop();
});

async function openPanel(page: Page, settings = 'Settings', open = 'Integrations'): Promise<void> {
  await page.getByRole('button', { name: settings, exact: true }).click();
  await page.locator('.sheet').getByRole('button', { name: open, exact: true }).click();
  await expect(page.locator('dialog.integrations')).toBeVisible();
}

test('the panel sets a broker that connects and a receiver whose Test answers', async ({ page, server }) => {
  await openDashboard(page);
  await openPanel(page);
  const panel = page.locator('dialog.integrations');
  await expect(panel.getByText('No broker set.')).toBeVisible();
  await panel.getByLabel('Broker address').fill(broker.url);
  await panel.getByLabel('Kiosk name').fill('Front door');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel.locator('.mqtt-state')).toHaveText(/Connected/, { timeout: 30_000 });

  await panel.getByRole('button', { name: 'Add a receiver' }).click();
  await panel.getByLabel('Receiver address').fill(receiverUrl);
  await panel.getByLabel('Signing secret').fill('a long enough secret');
  await panel.locator('.integration-form').last().getByRole('button', { name: 'Save' }).click();
  const row = panel.locator('.receiver').first();
  await expect(row).toContainText(receiverUrl);
  await row.getByRole('button', { name: 'Test' }).click();
  await expect(row.locator('.delivery')).toHaveText(/Last delivery worked \(200\)/);
  // The secret never comes back to the page.
  const view = await (
    await fetch(`${server.url}/api/integrations`, { headers: sessionHeaders(server) })
  ).text();
  expect(view).not.toContain('a long enough secret');
  const axe = await new AxeBuilder({ page })
    .include('dialog.integrations')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  for (const [width, height] of [
    [800, 480],
    [390, 844],
    [1440, 900],
  ]) {
    await page.setViewportSize({ width, height });
    await panel.evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(dir, `integrations-${width}x${height}.png`) });
  }
  await panel.getByRole('button', { name: 'Remove' }).click();
  await expect(panel.getByText('No receivers yet.')).toBeVisible();
  await panel.getByRole('button', { name: 'Stop using MQTT' }).click();
  await expect(panel.getByText('No broker set.')).toBeVisible();
});

test('disarming on one page shows on another at once (SSE)', async ({ page, context }) => {
  const other = await context.newPage();
  await openDashboard(page);
  await openDashboard(other);
  const button = page.locator('button.arm');
  const shown = other.locator('.arm');
  await expect(button).toHaveText('Armed');
  await expect(shown).toHaveText('Armed');
  await button.click();
  await expect(shown).toHaveText('Disarmed');
  await expect(shown).toHaveAttribute('aria-pressed', 'false');
  for (const [width, height] of [
    [800, 480],
    [390, 844],
    [1440, 900],
  ]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(dir, `arming-${width}x${height}.png`) });
  }
  await page.getByRole('button', { name: /한국어/ }).click();
  await expect(button).toHaveText('감지 꺼짐');
  await page.screenshot({ path: join(dir, 'arming-1440x900-ko.png') });
  await page.setViewportSize({ width: 800, height: 480 });
  await page.screenshot({ path: join(dir, 'arming-800x480-ko.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPanel(page, '설정', '연동');
  await page.screenshot({ path: join(dir, 'integrations-1440x900-ko.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(dir, 'integrations-390x844-ko.png') });
  await page.setViewportSize({ width: 800, height: 480 });
  await page.screenshot({ path: join(dir, 'integrations-800x480-ko.png') });
  await page.keyboard.press('Escape');
  await button.click();
  await expect(shown).toHaveText('Armed');
  await page
    .locator('.header')
    .getByRole('button', { name: /English/ })
    .click();
});
