import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../backend';
import { decodeGray, ensureClip } from './clip';
import { replay, scenarioSettings, score } from './replay';
import { FPS, scenarios } from './scenarios';

const ANALYSIS_WIDTH = 160;

beforeAll(async () => {
  await selectBackend();
});

describe.each(scenarios)('scenario $name: $description', (scenario) => {
  it('gets every due event within 0.5 s, ends it within 1 s of the motion, and no other', async () => {
    const frames = await decodeGray(await ensureClip(scenario), ANALYSIS_WIDTH);
    expect(frames).toHaveLength(scenario.seconds * FPS);
    const result = replay(frames, ANALYSIS_WIDTH, scenarioSettings(scenario));
    const s = score(result.events, scenario.truth);
    expect(s.falseEvents, JSON.stringify(result.events)).toBe(0);
    expect(s.found).toBe(scenario.truth.length);
    for (const onset of s.onsets) expect(onset).toBeLessThanOrEqual(0.5);
    for (const lag of s.endLags) expect(lag).not.toBeNull();
    for (const lag of s.endLags) expect(lag as number).toBeLessThanOrEqual(1);
  });
});

describe('the suite can fail', () => {
  it('the masked branch starts events once the mask is removed', async () => {
    const masked = scenarios.find((s) => s.name === 'masked');
    if (!masked) throw new Error('no masked scenario');
    const frames = await decodeGray(await ensureClip(masked), ANALYSIS_WIDTH);
    expect(
      replay(frames, ANALYSIS_WIDTH, scenarioSettings(masked, { masks: [] })).events.length,
    ).toBeGreaterThan(0);
  });

  it('the light switch starts events once lightswitch detection is off', async () => {
    const lights = scenarios.find((s) => s.name === 'lights');
    if (!lights) throw new Error('no lights scenario');
    const frames = await decodeGray(await ensureClip(lights), ANALYSIS_WIDTH);
    expect(
      replay(frames, ANALYSIS_WIDTH, scenarioSettings(lights, { lightswitchPercent: 0 })).events.length,
    ).toBeGreaterThan(0);
  });
});
