import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DisplayPowerState } from '../../shared/ipc';
import { DisplayPower } from './display-power';
import { IdleSleeper } from './idle';

const log = pino({ level: 'silent' });
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.useRealTimers();
});

/** A real command (node appending a word to a file), standing in for `wlr-randr`/`vcgencmd`. */
function recorder() {
  const dir = mkdtempSync(join(tmpdir(), 'display-power-'));
  dirs.push(dir);
  const file = join(dir, 'log');
  const cmd = (word: string) => [
    process.execPath,
    '-e',
    `require('fs').appendFileSync(${JSON.stringify(file)}, '${word} ')`,
  ];
  return { commands: { off: cmd('off'), on: cmd('on') }, calls: () => readFileSync(file, 'utf8').trim() };
}

function display(commands: { off: string[]; on: string[] } | null) {
  const overlay: boolean[] = [];
  const changes: DisplayPowerState[] = [];
  const power = new DisplayPower({
    commands,
    setOverlay: async (on) => {
      overlay.push(on);
    },
    onChange: (state) => changes.push(state),
    log,
  });
  return { power, overlay, changes };
}

describe('DisplayPower', () => {
  it('keeps working after the overlay failed once (a reloading page), and never rejects', async () => {
    let failNext = true;
    const overlay: boolean[] = [];
    const power = new DisplayPower({
      commands: null,
      setOverlay: async (on) => {
        if (failNext) {
          failNext = false;
          throw new Error('page is reloading');
        }
        overlay.push(on);
      },
      log,
    });
    expect(await power.set(false)).toBe('on');
    expect(await power.set(false)).toBe('dimmed');
    expect(await power.set(true)).toBe('on');
    expect(overlay).toEqual([true, false]);
  });

  it('runs the configured commands, without the overlay', async () => {
    const rec = recorder();
    const { power, overlay, changes } = display(rec.commands);
    expect(await power.set(false)).toBe('off');
    expect(await power.set(false)).toBe('off');
    expect(await power.set(true)).toBe('on');
    expect(rec.calls()).toBe('off on');
    expect(overlay).toEqual([]);
    expect(changes).toEqual(['off', 'on']);
  });

  it('applies changes in order when they overlap', async () => {
    const rec = recorder();
    const { power, changes } = display(rec.commands);
    const results = await Promise.all([power.set(false), power.set(true), power.set(false)]);
    expect(results).toEqual(['off', 'on', 'off']);
    expect(rec.calls()).toBe('off on off');
    expect(changes).toEqual(['off', 'on', 'off']);
  });

  it('dims with the overlay when the command fails', async () => {
    const { power, overlay } = display({
      off: ['/nonexistent/wlr-randr', '--off'],
      on: ['/nonexistent/wlr-randr'],
    });
    expect(await power.set(false)).toBe('dimmed');
    expect(await power.set(true)).toBe('on');
    expect(overlay).toEqual([true, false]);
  });

  it('dims with the overlay when no command is configured', async () => {
    const { power, overlay } = display(null);
    expect(await power.set(false)).toBe('dimmed');
    expect(power.state).toBe('dimmed');
    expect(await power.set(true)).toBe('on');
    expect(overlay).toEqual([true, false]);
  });
});

describe('IdleSleeper', () => {
  it('sleeps after the idle time; activity wakes and restarts the clock', async () => {
    vi.useFakeTimers();
    const { power } = display(null);
    const sleeper = new IdleSleeper({ sleepAfterMs: 1000, display: power });
    sleeper.start();
    await vi.advanceTimersByTimeAsync(900);
    sleeper.activity();
    await vi.advanceTimersByTimeAsync(900);
    expect(power.state).toBe('on');
    await vi.advanceTimersByTimeAsync(100);
    expect(power.state).toBe('dimmed');
    sleeper.activity();
    await vi.advanceTimersByTimeAsync(0);
    expect(power.state).toBe('on');
    sleeper.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(power.state).toBe('on');
  });

  it('never sleeps with sleepAfter 0', async () => {
    vi.useFakeTimers();
    const { power } = display(null);
    new IdleSleeper({ sleepAfterMs: 0, display: power }).start();
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(power.state).toBe('on');
  });
});
