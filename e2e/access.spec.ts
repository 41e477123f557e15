import { expect, test } from '@playwright/test';
import { type RunningServer, startServer } from './server';

/**
 * Access control in Chromium against a fresh server: the pairing screen first, the printed pairing URL opens the
 * live dashboard, a browser without the cookie sees only the sign-in screen, and an admin revokes a paired viewer
 * while it watches.
 */
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer({ pair: false });
});

test.afterAll(async () => {
  await server?.stop();
});

test('fresh server: sign-in screen, pairing URL opens the live dashboard, others stay out until an admin pairs and revokes them', async ({
  browser,
}) => {
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await ownerPage.goto(server.url);
  await expect(ownerPage.getByLabel('Pairing code')).toBeVisible();
  await expect(ownerPage.locator('.connection')).toHaveCount(0);

  // The URL printed on the terminal (the QR code's content) signs the owner in and lands on the live dashboard.
  if (!server.pairingUrl) throw new Error('the server printed no pairing URL');
  await ownerPage.goto(server.pairingUrl);
  await expect(ownerPage.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
  expect(new URL(ownerPage.url()).pathname).toBe('/');

  // A second browser without the cookie: only the sign-in screen, and the API refuses it.
  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(server.url);
  await expect(guestPage.getByLabel('Pairing code')).toBeVisible();
  expect(await guestPage.evaluate(async () => (await fetch('/api/state')).status)).toBe(401);
  expect(await guestPage.evaluate(async () => (await fetch('/snapshot.jpg')).status)).toBe(401);

  // The owner makes a viewer code in the devices panel; the guest types it.
  await ownerPage.getByRole('button', { name: 'Devices' }).click();
  await ownerPage.getByRole('button', { name: 'Code for a viewer' }).click();
  const code = (await ownerPage.getByTestId('pairing-code').textContent()) ?? '';
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(ownerPage.locator('.pairing-qr')).toBeVisible();
  await guestPage.getByLabel('Pairing code').fill(code.toLowerCase());
  await guestPage.getByRole('button', { name: 'Pair this device' }).click();
  await expect(guestPage.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
  // A viewer has no devices panel.
  await expect(guestPage.getByRole('button', { name: 'Devices' })).toHaveCount(0);

  // The owner sees the new device and revokes it; the guest falls back to the sign-in screen by itself.
  await ownerPage.getByRole('button', { name: 'New code' }).click();
  const rows = ownerPage.locator('.session');
  await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(2);
  const guestRow = ownerPage.locator('.session', { hasNot: ownerPage.getByText('this device') });
  await guestRow.getByRole('button', { name: 'Revoke' }).click();
  await expect(rows).toHaveCount(1);
  await expect(guestPage.getByLabel('Pairing code')).toBeVisible({ timeout: 20_000 });
  expect(await guestPage.evaluate(async () => (await fetch('/api/state')).status)).toBe(401);
  await owner.close();
  await guest.close();
});

test('with --no-auth the dashboard opens without a session and warns, permanently, that access control is off', async ({
  browser,
}) => {
  const open = await startServer({ auth: false });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(open.url);
    await expect(page.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'Access control is off' })).toBeVisible();
    expect(
      await page.evaluate(async () => ((await (await fetch('/api/state')).json()) as { auth: boolean }).auth),
    ).toBe(false);
    expect(open.log()).toContain('ACCESS CONTROL IS OFF');
    await context.close();
  } finally {
    await open.stop();
  }
});
