import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPage } from '../../shared/api';
import type { MotionLabel } from '../../shared/events';
import type { ClipIndex } from '../../shared/recording';
import { ensureSceneClip } from '../labels/scenes/clip';
import { passingScene } from '../labels/scenes/scenes';
import { SseTestClient } from '../server/testing/sse-test-client';
import { pictureScore } from './best-picture';
import { getJson, removeDir, startFileCore, tempDir } from './testing/core-under-test';

// A photograph of a person walking through a room, replayed through the real core (file source,
// detector, label worker with the real model, recorder): the event's best picture must be a frame
// the model found the person in, not merely the frame with the largest motion box.
describe('the best picture of an event with a label', () => {
  let dataDir: string;
  let base: string;
  let index: ClipIndex;
  let labels: MotionLabel[];
  let id = 0;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    dataDir = tempDir('mk-labelled-best-');
    // Looped, so frames keep coming after the event for its post-roll (a clip that stops leaves it open).
    const started = await startFileCore(`${await ensureSceneClip(passingScene)}?loop`, dataDir);
    stop = () => started.core.stop();
    base = started.core.url;
    // The model loads with the first event's first picture; on a busy machine that event may be over
    // before a reply comes. The first event that got a person and a complete clip is the one to check.
    id = await firstLabelledEvent(base);
    index = (await getJson<ClipIndex>(`${base}/api/events/${id}/clip.json`)).body;
    // Every stored message from the start: the motion-labels of that event with the frames they name.
    const sse = new SseTestClient(Number(new URL(base).port), '/events', { 'Last-Event-ID': '0' });
    const ended = () =>
      sse.messages.some((m) => m.event === 'motion-end' && JSON.parse(m.data).motionId === id);
    await sse.waitFor(ended, 30_000, 'the stored motion-end');
    sse.socket.destroy();
    labels = sse.messages
      .filter((m) => m.event === 'motion-label')
      .map((m) => JSON.parse(m.data) as MotionLabel)
      .filter((l) => l.motionId === id);
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
    const clip = readFileSync(`${dataDir}/recordings/${id}/clip.mjpeg`);
    const frame = clip.subarray(index.offsets[at], index.offsets[at] + index.lengths[at]);
    expect(frame.equals(readFileSync(`${dataDir}/recordings/${id}/best.jpg`))).toBe(true);
  });
});

/** Polls `/api/events` for the oldest event labelled person whose clip is complete; bounded. */
async function firstLabelledEvent(base: string): Promise<number> {
  for (let waited = 0; waited < 240_000; waited += 1000) {
    const page = (await getJson<EventPage>(`${base}/api/events`)).body;
    const done = page.events.filter(
      (e) => e.clip?.state === 'complete' && e.end?.labels?.some((l) => l.label === 'person'),
    );
    if (done.length > 0) return Math.min(...done.map((e) => e.id));
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('no event with a person and a complete clip within 240 s');
}
