import { expect, getSettings, openDashboard, putSettings, test } from './fixtures';

test('a setting changed in one dashboard shows in another without reload', async ({ context, server }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await openDashboard(a);
  await openDashboard(b);
  for (const page of [a, b]) await page.getByRole('button', { name: 'Settings' }).click();
  const current = (await getSettings(server.url)).threshold;
  const next = current === 3.5 ? 4 : 3.5;

  const field = a.getByLabel('Threshold', { exact: true });
  await field.fill(String(next));
  await field.press('Enter');
  await expect(b.getByLabel('Threshold', { exact: true })).toHaveValue(String(next), { timeout: 5000 });
  expect((await getSettings(server.url)).threshold).toBe(next);
});

test('an invalid value is refused with the server’s reason beside the field', async ({ page, server }) => {
  const before = await getSettings(server.url);
  const { status, body } = await putSettings(server.url, { threshold: 500 });
  expect(status).toBe(400);
  const reason = (body as { error: string }).error;

  await openDashboard(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  const field = page.getByLabel('Threshold', { exact: true });
  await field.fill('500');
  await field.press('Enter');
  const status400 = page.locator('#setting-threshold-status');
  await expect(status400).toContainText(reason);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect((await getSettings(server.url)).threshold).toBe(before.threshold);
});

test('a mask drawn in the editor is saved to the server', async ({ page, server }) => {
  expect((await putSettings(server.url, { masks: [] })).status).toBe(200);
  await openDashboard(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Edit masks' }).click();

  const surface = page.locator('svg.overlay.editing');
  await expect(surface).toBeVisible();
  const box = await surface.boundingBox();
  if (!box) throw new Error('mask editor has no size');
  const corners: [number, number][] = [
    [0.1, 0.1],
    [0.4, 0.1],
    [0.4, 0.3],
    [0.1, 0.3],
  ];
  for (const [x, y] of corners) await page.mouse.click(box.x + x * box.width, box.y + y * box.height);
  await page.getByRole('button', { name: 'Finish shape' }).click();
  await page.getByRole('button', { name: 'Save masks' }).click();
  await expect(surface).toBeHidden();

  await expect.poll(async () => (await getSettings(server.url)).masks.length).toBe(1);
  const [mask] = (await getSettings(server.url)).masks;
  expect(mask).toHaveLength(4);
  mask.forEach(([x, y], i) => {
    expect(x).toBeCloseTo(corners[i][0], 1);
    expect(y).toBeCloseTo(corners[i][1], 1);
  });
  // The saved mask is drawn over the live view.
  await expect(page.locator('svg.overlay .mask-shape')).toHaveCount(1);
});
