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

/** Share of pixels whose gray level differs by more than the default noiseLevel: what a naive differencer sees. */
function changedShare(a: Uint8Array, b: Uint8Array): number {
  return a.filter((v, i) => Math.abs(v - b[i]) > 25).length / a.length;
}

async function framesOf(name: string): Promise<Uint8Array[]> {
  const scenario = scenarios.find((s) => s.name === name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  return decodeGray(await ensureClip(scenario), ANALYSIS_WIDTH);
}

describe('the suite can fail', () => {
  it('the masked branch starts events once the mask is removed', async () => {
    const frames = await framesOf('masked');
    expect(
      replay(frames, ANALYSIS_WIDTH, { ...scenarioSettings(scenarios[0]), masks: [] }).events.length,
    ).toBeGreaterThan(0);
  });

  it('the light switch changes most pixels of the frame at once', async () => {
    const frames = await framesOf('lights');
    expect(changedShare(frames[89], frames[90])).toBeGreaterThan(0.6);
  });

  it('the flicker and the exposure change more than threshold but less than lightswitchPercent', async () => {
    const flicker = await framesOf('flicker');
    const steps = flicker.slice(1).map((frame, i) => changedShare(flicker[i], frame));
    expect(Math.max(...steps)).toBeGreaterThan(0.1);
    expect(Math.max(...steps)).toBeLessThan(0.6);
    const exposure = await framesOf('exposure');
    expect(changedShare(exposure[89], exposure[92])).toBeGreaterThan(0.1);
    expect(changedShare(exposure[89], exposure[92])).toBeLessThan(0.6);
  });
});
