import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { expect, framesDrawn, framesSkipped, openDashboard, test } from '../e2e/fixtures';

/** Seconds per measured window, and windows per phase. */
const WINDOW_S = 15;
const ROUNDS = 3;

/** CPU seconds (user + kernel) of the Chromium processes this benchmark started. */
function browserCpuSeconds(): number {
  const procs = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const chromium = readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium');
        return [
          { pid: Number(pid), ppid: Number(f[1]), chromium, cpu: (Number(f[11]) + Number(f[12])) / 100 },
        ];
      } catch {
        return []; // gone meanwhile
      }
    });
  const ours = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs)
      if (!ours.has(p.pid) && ours.has(p.ppid)) {
        ours.add(p.pid);
        grew = true;
      }
  }
  return procs.filter((p) => p.chromium && ours.has(p.pid)).reduce((sum, p) => sum + p.cpu, 0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Browser CPU (% of one core) and frames drawn and skipped per page per second, median of ROUNDS. */
async function measure(pages: Page[]): Promise<{ cpu: number; drawn: number[]; skipped: number[] }> {
  const rounds: { cpu: number; drawn: number[]; skipped: number[] }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const cpu0 = browserCpuSeconds();
    const drawn0 = await Promise.all(pages.map(framesDrawn));
    const skipped0 = await Promise.all(pages.map(framesSkipped));
    await pages[0].waitForTimeout(WINDOW_S * 1000);
    const drawn1 = await Promise.all(pages.map(framesDrawn));
    const skipped1 = await Promise.all(pages.map(framesSkipped));
    rounds.push({
      cpu: ((browserCpuSeconds() - cpu0) / WINDOW_S) * 100,
      drawn: drawn1.map((d, i) => (d - drawn0[i]) / WINDOW_S),
      skipped: skipped1.map((s, i) => (s - skipped0[i]) / WINDOW_S),
    });
  }
  return {
    cpu: median(rounds.map((r) => r.cpu)),
    drawn: pages.map((_, i) => median(rounds.map((r) => r.drawn[i]))),
    skipped: pages.map((_, i) => median(rounds.map((r) => r.skipped[i]))),
  };
}

const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');

test('one window, then eight: browser CPU, frames per window, settings saves', async ({ context }) => {
  test.setTimeout(15 * 60_000);
  console.log(
    `# Eight windows, ${new Date().toISOString()}; ${cpus().length}× ${cpus()[0]?.model}; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const pages: Page[] = [];
  const open = async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 640, height: 480 });
    await openDashboard(page);
    await expect.poll(() => framesDrawn(page), { timeout: 30_000 }).toBeGreaterThan(2);
    pages.push(page);
  };
  await open();
  const one = await measure(pages);
  console.log(`1 window: browser ${one.cpu.toFixed(0)} % of a core; frames drawn ${fmt(one.drawn)}/s`);
  for (let i = 1; i < 8; i++) await open();
  const inUse = pages[7];
  await inUse.getByRole('button', { name: 'Settings' }).click();
  const eight = await measure(pages);
  console.log(
    `8 windows (the last in use): browser ${eight.cpu.toFixed(0)} % of a core (${(eight.cpu / one.cpu).toFixed(2)}× one window); frames drawn per window ${fmt(eight.drawn)}/s; skipped undecoded ${fmt(eight.skipped)}/s`,
  );

  const field = inUse.getByLabel('Ignore small changes', { exact: true });
  const saves: number[] = [];
  for (let i = 0; i < 6; i++) {
    await field.fill(i % 2 ? '2.5' : '3');
    const started = Date.now();
    await field.press('Enter');
    await expect(inUse.locator('#setting-threshold-status')).toHaveText('Saved', { timeout: 30_000 });
    saves.push(Date.now() - started);
    await inUse.waitForTimeout(1500);
  }
  console.log(
    `settings save with 8 windows, Enter to "Saved": ${saves.join(', ')} ms; median ${median(saves)}, max ${Math.max(...saves)}`,
  );
  console.log(
    `load at end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
});
