import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MotionLabel } from '../../shared/events';
import type { ClipIndex } from '../../shared/recording';
import { ensureSceneClip } from '../labels/scenes/clip';
import { labelScenes } from '../labels/scenes/scenes';
import { SseTestClient } from '../server/testing/sse-test-client';
import { pictureScore } from './best-picture';
import { getJson, removeDir, startFileCore, tempDir, waitForEvent } from './testing/core-under-test';

// A photograph of a person walking into a room, replayed once through the real core (file source,
// detector, label worker with the real model, recorder): the event's best picture must be a frame
// the model found the person in, not merely the frame with the largest motion box.
describe('the best picture of an event with a label', () => {
  let dataDir: string;
  let base: string;
  let index: ClipIndex;
  let labels: MotionLabel[];
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const scene = labelScenes.find((s) => s.name === 'person-astronaut-480p');
    if (!scene) throw new Error('scene missing');
    dataDir = tempDir('mk-labelled-best-');
    const started = await startFileCore(await ensureSceneClip(scene), dataDir);
    stop = () => started.core.stop();
    base = started.core.url;
    await waitForEvent(base, 1, (r) => r.clip?.state === 'complete', 240_000);
    index = (await getJson<ClipIndex>(`${base}/api/events/1/clip.json`)).body;
    // Every stored message from the start: the motion-labels of event 1 with the frames they name.
    const sse = new SseTestClient(Number(new URL(base).port), '/events', { 'Last-Event-ID': '0' });
    const ended = () => sse.messages.some((m) => m.event === 'motion-end');
    await sse.waitFor(ended, 30_000, 'the stored motion-end');
    sse.socket.destroy();
    labels = sse.messages
      .filter((m) => m.event === 'motion-label')
      .map((m) => JSON.parse(m.data) as MotionLabel)
      .filter((l) => l.motionId === 1);
  }, 300_000);

  afterAll(async () => {
    await stop?.();
    if (dataDir) removeDir(dataDir);
  });

  it('is a frame in which the person was found, framed by the person box', () => {
    expect(labels.map((l) => l.label)).toContain('person');
    const best = index.best;
    expect(best).not.toBeNull();
    const label = labels.find((l) => l.notify && l.ts === best?.ts);
    expect(label, `best ${best?.ts}; labelled ${labels.map((l) => l.ts).join(', ')}`).toBeDefined();
    expect(best?.box).toEqual(label?.box);
    // For the reader: the frame the motion boxes alone would have chosen.
    const byBox = index.boxes.reduce((a, b) => (pictureScore(b.box) > pictureScore(a.box) ? b : a));
    console.info(`largest motion box at ${byBox.ts}; best picture (labelled) at ${best?.ts}`);
  });

  it('is that frame of the clip, byte for byte', () => {
    const at = index.times.indexOf(index.best?.ts ?? -1);
    expect(at).toBeGreaterThanOrEqual(0);
    const clip = readFileSync(`${dataDir}/recordings/1/clip.mjpeg`);
    const frame = clip.subarray(index.offsets[at], index.offsets[at] + index.lengths[at]);
    expect(frame.equals(readFileSync(`${dataDir}/recordings/1/best.jpg`))).toBe(true);
  });
});
