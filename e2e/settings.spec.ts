import { expect, getSettings, openDashboard, putSettings, test } from './fixtures';

test('a setting changed in one dashboard shows in another without reload', async ({ context, server }) => {
  const [a, b] = [await context.newPage(), await context.newPage()];
  await openDashboard(a);
  await openDashboard(b);
  for (const page of [a, b]) await page.getByRole('button', { name: 'Settings' }).click();
  const current = (await getSettings(server)).threshold;
  const next = current === 3.5 ? 4 : 3.5;

  const field = a.getByLabel('Ignore small changes', { exact: true });
  await field.fill(String(next));
  await field.press('Enter');
  await expect(b.getByLabel('Ignore small changes', { exact: true })).toHaveValue(String(next), {
    timeout: 5000,
  });
  expect((await getSettings(server)).threshold).toBe(next);
});

for (const lang of ['en', 'ko'] as const) {
  test(`a refused value is explained in plain ${lang} words, a saved one says so, and the graph previews the threshold (${lang})`, async ({
    page,
    server,
  }) => {
    const words = {
      en: {
        open: 'Settings',
        label: 'Ignore small changes',
        refused: 'Not saved: Use 100 or less.',
        saved: 'Saved',
        line: 'motion from 7%',
      },
      ko: {
        open: '설정',
        label: '작은 변화 무시',
        refused: '저장 안 됨: 100 이하로 입력하세요.',
        saved: '저장됨',
        line: '7%부터 움직임',
      },
    }[lang];
    const before = await getSettings(server);
    await page.addInitScript((lang) => localStorage.setItem('motion-kiosk.language', lang), lang);
    await openDashboard(page);
    await page.getByRole('button', { name: words.open, exact: true }).click();
    const field = page.getByLabel(words.label, { exact: true });
    const status = page.locator('#setting-threshold-status');

    await field.fill('500');
    await field.press('Enter');
    await expect(status).toHaveText(words.refused);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    expect((await getSettings(server)).threshold).toBe(before.threshold);

    // While a value is typed, the graph's dashed line and caption show it before it is saved.
    await field.fill('7');
    await expect(page.locator('.graph-threshold')).toHaveText(words.line);
    expect((await getSettings(server)).threshold).toBe(before.threshold);
    await field.press('Enter');
    await expect(status).toHaveText(words.saved);
    expect((await getSettings(server)).threshold).toBe(7);
  });
}

test('a mask drawn in the editor is saved to the server', async ({ page, server }) => {
  expect((await putSettings(server, { masks: [] })).status).toBe(200);
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

  await expect.poll(async () => (await getSettings(server)).masks.length).toBe(1);
  const [mask] = (await getSettings(server)).masks;
  expect(mask).toHaveLength(4);
  mask.forEach(([x, y], i) => {
    expect(x).toBeCloseTo(corners[i][0], 1);
    expect(y).toBeCloseTo(corners[i][1], 1);
  });
  // The saved mask is drawn over the live view.
  await expect(page.locator('svg.overlay .mask-shape')).toHaveCount(1);
});

test('a mask can be moved by dragging and deleted, by mouse and by keyboard', async ({ page, server }) => {
  expect((await putSettings(server, { masks: [] })).status).toBe(200);
  await openDashboard(page);
  const editMasks = async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Edit masks' }).click();
    // The editor takes focus once the sheet has closed; before that a focus of our own could be taken back.
    await expect(page.getByRole('region', { name: 'Mask editor' })).toBeFocused();
  };
  await editMasks();
  await page.getByRole('button', { name: 'Add rectangle' }).click(); // 0.35..0.65 both ways
  const surface = page.locator('svg.overlay.editing');
  const box = await surface.boundingBox();
  if (!box) throw new Error('mask editor has no size');
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(0.5, 0.5));
  await page.mouse.down();
  await page.mouse.move(...at(0.6, 0.55), { steps: 5 });
  await page.mouse.move(...at(0.7, 0.6), { steps: 5 });
  await page.mouse.up();
  // Keyboard: the selected shape moves 0.05 left with Shift+ArrowLeft.
  await page.getByRole('button', { name: 'Ignored area 1' }).focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await page.getByRole('button', { name: 'Save masks' }).click();
  await expect.poll(async () => (await getSettings(server)).masks.length).toBe(1);
  const [moved] = (await getSettings(server)).masks;
  expect(Math.min(...moved.map((p) => p[0]))).toBeCloseTo(0.35 + 0.2 - 0.05, 1);
  expect(Math.min(...moved.map((p) => p[1]))).toBeCloseTo(0.35 + 0.1, 1);

  await editMasks();
  await page.getByRole('button', { name: 'Ignored area 1' }).focus();
  await page.keyboard.press('Delete');
  await expect(page.getByRole('button', { name: 'Ignored area 1' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Save masks' }).click();
  await expect.poll(async () => (await getSettings(server)).masks.length).toBe(0);
});
