// `npx tsx bench/live-cpu.ts [--seconds 10] [--rounds 3]`: CPU of Chromium showing the live view at
// 800×480, the old way (an <img> on /stream.mjpg) against the dashboard's canvas, at the camera's rate and
// at 10 fps, and as the kiosk (its own rates); with the engine's own CPU over the same windows for comparison.
// `--only TEXT`: only the scenarios whose name contains TEXT (and the first, the base of the ratios).
// `--before DIR`: also the dashboard of another build (DIR/main/headless.js, e.g. a copy of the previous
// `out/`), which drew the live view as an <img>. Prints medians (percent of one core) and ratios; asserts nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../e2e/chromium';
import { actAsKiosk } from '../e2e/kiosk-stub';
import { startServer } from '../e2e/server';
import { processCpuMs } from './detect-proc';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    before: { type: 'string' },
    only: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);

/** A process and all its descendants (Chromium's renderer, GPU and utility processes). */
function tree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid);
  return out;
}

function cpuMs(pids: number[]): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      sum += processCpuMs(pid);
    } catch {
      // ended
    }
  }
  return sum;
}

/** Frames the dashboard's live canvas has drawn, or null on a page without it. */
function framesDrawn(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('canvas.feed');
    return canvas ? Number(canvas.dataset.frames ?? 0) : null;
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Scenario {
  name: string;
  open(page: Page, url: string): Promise<void>;
  /** Runs against the `--before` build's server. */
  before?: boolean;
}

const scenarios: Scenario[] = [
  {
    name: '<img> on /stream.mjpg (before)',
    async open(page, url) {
      await page.setContent(
        `<body style="margin:0;background:#000"><img src="${url}/stream.mjpg" width="370"></body>`,
      );
    },
  },
  ...(values.before
    ? [
        {
          name: 'previous dashboard (<img>)',
          before: true,
          open: (page: Page, url: string) => page.goto(`${url}/`).then(() => {}),
        },
      ]
    : []),
  { name: 'canvas, camera rate', open: (page, url) => page.goto(`${url}/`).then(() => {}) },
  { name: 'canvas, 10 fps', open: (page, url) => page.goto(`${url}/?fps=10`).then(() => {}) },
  { name: 'canvas, 5 fps', open: (page, url) => page.goto(`${url}/?fps=5`).then(() => {}) },
  { name: 'canvas, 1 fps (the page alone)', open: (page, url) => page.goto(`${url}/?fps=1`).then(() => {}) },
  {
    name: 'the kiosk (its preload stood in: its rates and decode size)',
    open: async (page, url) => {
      await actAsKiosk(page);
      await page.goto(`${url}/`);
    },
  },
];

async function main(): Promise<void> {
  // Not about access: the pages open the dashboard without signing in.
  const server = await startServer({ auth: false });
  const previous = values.before
    ? await startServer({ entry: join(values.before, 'main', 'headless.js'), auth: false })
    : null;
  try {
    const rows: { name: string; browser: number; engine: number; drawn: string }[] = [];
    // The first scenario is the base of the ratios: always run.
    const chosen = scenarios.filter((s, i) => i === 0 || !values.only || s.name.includes(values.only));
    for (const scenario of chosen) {
      const launched = await chromium.launchServer({ executablePath: chromiumPath, args: chromiumArgs });
      const browser = await chromium.connect(launched.wsEndpoint());
      const page = await browser.newPage({ viewport: { width: 800, height: 480 } });
      const target = scenario.before && previous ? previous : server;
      await scenario.open(page, target.url);
      await page.waitForTimeout(5000);
      const browserPct: number[] = [];
      const enginePct: number[] = [];
      const frames0 = await framesDrawn(page);
      const started = performance.now();
      for (let i = 0; i < rounds; i++) {
        const pids = tree(launched.process().pid ?? 0);
        const b0 = cpuMs(pids);
        const e0 = processCpuMs(target.pid);
        const t0 = performance.now();
        await page.waitForTimeout(seconds * 1000);
        const elapsed = performance.now() - t0;
        browserPct.push(((cpuMs(pids) - b0) / elapsed) * 100);
        enginePct.push(((processCpuMs(target.pid) - e0) / elapsed) * 100);
      }
      // Frames the dashboard drew per second over the rounds: a page that draws nothing measures nothing.
      const drawn =
        frames0 === null
          ? '—'
          : (((await framesDrawn(page)) ?? 0) - frames0) / ((performance.now() - started) / 1000);
      rows.push({
        name: scenario.name,
        browser: median(browserPct),
        engine: median(enginePct),
        drawn: typeof drawn === 'number' ? drawn.toFixed(1) : drawn,
      });
      await browser.close();
      await launched.close();
    }
    const base = rows[0].browser;
    console.log(
      `Chromium CPU showing the live view at 800×480 (median of ${rounds} × ${seconds} s, % of one core)`,
    );
    for (const r of rows) {
      console.log(
        `${r.name.padEnd(34)} browser ${r.browser.toFixed(1).padStart(5)} %  (×${(r.browser / base).toFixed(2)})   engine ${r.engine.toFixed(1).padStart(5)} %   drawn ${r.drawn.padStart(4)} fps`,
      );
    }
  } finally {
    await previous?.stop();
    await server.stop();
  }
}

void main();
