import pino from 'pino';
import { defaultSettings, type Settings, settingsSchema } from '../../../shared/settings';
import { MotionMonitor } from '../motion-monitor';
import { FPS, type Scenario } from './scenarios';

/** A detected event in clip seconds. */
export interface DetectedEvent {
  /** Time of the frame that started it. */
  start: number;
  /** Time of its last moving frame (null only while it is open). */
  lastMotion: number | null;
}

export interface Replay {
  events: DetectedEvent[];
  /** Peak change over the clip, percent. */
  peakChange: number;
  /** CPU time the detector and tracker spent, ms per frame. */
  cpuMsPerFrame: number;
}

/** The settings a scenario runs with: defaults plus its own. */
export function scenarioSettings(scenario: Scenario, extra: Partial<Settings> = {}): Settings {
  return settingsSchema.parse({ ...defaultSettings, ...scenario.settings, ...extra });
}

/**
 * Feeds the frames through a fresh MotionMonitor (detector, tracker, and its sampling while the scene
 * is still) with the clip's own timestamps.
 */
export function replay(frames: Uint8Array[], width: number, settings: Settings): Replay {
  const height = frames[0].length / width;
  const monitor = new MotionMonitor({ settings, log: pino({ level: 'silent' }), levelIntervalMs: 0 });
  const events: DetectedEvent[] = [];
  let peakChange = 0;
  monitor.on('start', (start) => events.push({ start: start.ts / 1000, lastMotion: null }));
  monitor.on('end', (end) => {
    events[events.length - 1].lastMotion = end.ts / 1000;
  });
  monitor.on('level', (level) => {
    peakChange = Math.max(peakChange, level.change);
  });
  const jpeg = Buffer.alloc(0);
  const cpuBefore = process.cpuUsage();
  frames.forEach((gray, n) => {
    monitor.push({ seq: n, ts: (n * 1000) / FPS, jpeg, gray, width, height });
  });
  // An event still open when the clip ends closes as if the scene stayed still.
  monitor.finish();
  const cpu = process.cpuUsage(cpuBefore);
  monitor.dispose();
  return { events, peakChange, cpuMsPerFrame: (cpu.user + cpu.system) / 1000 / frames.length };
}

/** How a detector did against a scenario's ground truth. */
export interface Score {
  truth: number;
  found: number;
  /** Events that match no truth interval. */
  falseEvents: number;
  /** Seconds from each found truth interval's start to its event's start. */
  onsets: number[];
  /** Seconds from each found interval's end to its event's last moving frame (null while unknown). */
  endLags: (number | null)[];
}

/**
 * Matches each truth interval with the first unmatched event that starts inside it (or up to 1 s
 * after it ended); every other event is false.
 */
export function score(events: DetectedEvent[], truth: [number, number][]): Score {
  const unmatched = [...events];
  const result: Score = { truth: truth.length, found: 0, falseEvents: 0, onsets: [], endLags: [] };
  for (const [from, to] of truth) {
    const i = unmatched.findIndex((e) => e.start >= from && e.start <= to + 1);
    if (i < 0) continue;
    const [event] = unmatched.splice(i, 1);
    result.found++;
    result.onsets.push(event.start - from);
    result.endLags.push(event.lastMotion === null ? null : event.lastMotion - to);
  }
  result.falseEvents = unmatched.length;
  return result;
}
