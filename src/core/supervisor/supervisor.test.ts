import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';
import { type SupervisedStatus, Supervisor } from './supervisor';

describe('Backoff', () => {
  it('doubles from the first delay up to the cap, and starts over after reset', () => {
    const backoff = new Backoff({ firstDelayMs: 1000, maxDelayMs: 10_000 }, () => 0.5);
    expect(Array.from({ length: 6 }, () => backoff.next())).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    backoff.reset();
    expect(backoff.next()).toBe(1000);
  });

  it('spreads each delay by the jitter but never past the cap', () => {
    const low = new Backoff({ firstDelayMs: 1000, maxDelayMs: 10_000, jitter: 0.2 }, () => 0);
    const high = new Backoff({ firstDelayMs: 1000, maxDelayMs: 10_000, jitter: 0.2 }, () => 1);
    expect([low.next(), low.next()]).toEqual([800, 1600]);
    const highs = Array.from({ length: 8 }, () => high.next());
    expect(highs.slice(0, 2)).toEqual([1200, 2400]);
    expect(Math.max(...highs)).toBe(10_000);
  });
});

/** Drives a Supervisor whose attempts fail at once, as a crash-looping camera does. */
function crashLoop(manyPerHour: number) {
  const statuses: SupervisedStatus[] = [];
  let attempts = 0;
  const supervisor: Supervisor = new Supervisor(
    { firstDelayMs: 5, maxDelayMs: 20, jitter: 0, manyPerHour },
    {
      attempt: () => {
        attempts++;
        supervisor.starting('starting');
        setImmediate(() => supervisor.failed('ffmpeg stopped: Connection refused', ['Connection refused']));
      },
      kill: () => {},
      onStatus: (status) => statuses.push(status),
    },
  );
  return { supervisor, statuses, attempts: () => attempts };
}

describe('Supervisor', () => {
  it('never gives up: past manyPerHour restarts it keeps retrying at the cap and says so', async () => {
    const { supervisor, statuses, attempts } = crashLoop(3);
    supervisor.start();
    for (let i = 0; i < 200 && attempts() < 8; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    supervisor.stop();
    const offline = statuses.filter((s) => s.state === 'offline');
    expect(attempts()).toBeGreaterThanOrEqual(8);
    expect(offline.map((s) => s.restarts).slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(offline[0].message).toBe('ffmpeg stopped: Connection refused; retrying in 0 s');
    expect(offline[3].message).toMatch(/\(4 restarts in the last hour; retrying every 0 s\)$/);
    expect(offline.every((s) => s.retryAt !== undefined && s.stderr[0] === 'Connection refused')).toBe(true);
    expect(offline.at(-1)?.restartsLastHour).toBe(offline.at(-1)?.restarts);
  });

  it('kills an attempt that gives no frame within the watchdog time', async () => {
    const killed: string[] = [];
    const supervisor: Supervisor = new Supervisor(
      { watchdogMs: 30 },
      {
        attempt: () => supervisor.starting('starting'),
        kill: (reason) => {
          killed.push(reason);
          supervisor.stop();
        },
        onStatus: () => {},
      },
    );
    supervisor.start();
    for (let i = 0; i < 100 && killed.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(killed).toEqual(['no frame for 0.03 s']);
  });

  it('frames keep the watchdog from firing; it fires once they stop', async () => {
    const killed: string[] = [];
    const supervisor: Supervisor = new Supervisor(
      { watchdogMs: 300 },
      {
        attempt: () => supervisor.starting('starting'),
        kill: (reason) => killed.push(reason),
        onStatus: () => {},
      },
    );
    supervisor.start();
    // Frames for longer than the watchdog time: only re-arming on each one keeps it quiet.
    for (let i = 0; i < 50; i++) {
      supervisor.frame(() => 'online');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(killed).toEqual([]);
    for (let i = 0; i < 200 && killed.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    supervisor.stop();
    expect(killed).toHaveLength(1);
  });
});
