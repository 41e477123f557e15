import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { type RunningServer, signInContext, startServer } from './server';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

test('when the server goes away the dashboard says so, and it resumes by itself when it is back', async ({
  page,
}) => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'mk-e2e-restart-'));
  let server: RunningServer | null = await startServer({ port, dataDir });
  try {
    // Signed in once; the session lives in the data dir and outlasts the restart.
    await signInContext(page.context(), server);
    await page.goto(server.url);
    await expect(page.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('[data-event-id]').first()).toBeVisible({ timeout: 30_000 });

    await server.stop();
    server = null;
    await expect(page.locator('.connection-down')).toHaveText('Reconnecting…');
    await expect(page.getByText('Live view lost, retrying…')).toBeVisible();
    await expect(page.locator('.frame')).toHaveClass(/dimmed/);

    server = await startServer({ port, dataDir });
    await expect(page.locator('.connection-open')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText('Connection restored; missed events were caught up.')).toBeVisible();
    await expect(page.locator('.frame')).not.toHaveClass(/dimmed/, { timeout: 15_000 });
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
