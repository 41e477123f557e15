import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpeg } from '../capture/ffmpeg/ffmpeg-path';
import { silentLog } from '../capture/test-support/helpers';
import { selectBackend } from '../motion/backend';
import { LABEL_MODEL_SIZE } from './centernet';
import { cropFfmpeg } from './crop-ffmpeg';
import { LabelWorker } from './label-worker';
import { ensureSceneClip } from './scenes/clip';
import { checkPhotos, photos } from './scenes/photos';
import { runScene, type SceneRun } from './scenes/run-scene';
import { labelScenes } from './scenes/scenes';

// Real photographs moved across real textures, replayed through the real camera pipeline, labelled
// by the real model in its worker thread. Two lanes at a time, each with its own worker.
const LANES = 2;
const workers = Array.from(
  { length: LANES },
  () =>
    new LabelWorker({
      ffmpeg: cropFfmpeg(resolveFfmpeg),
      size: LABEL_MODEL_SIZE,
      backends: ['wasm', 'cpu'],
      log: silentLog,
    }),
);
const runs: SceneRun[] = [];

beforeAll(async () => {
  checkPhotos();
  await selectBackend(silentLog, ['wasm', 'cpu']);
  for (const scene of labelScenes) await ensureSceneClip(scene);
  // Load each worker's model first, so the first clip of a lane is labelled like the others (the lazy
  // load itself is covered by the server test).
  const cup = execFileSync(resolveFfmpeg(), ['-v', 'error', '-i', photos.cup.path, '-f', 'mjpeg', '-']);
  await Promise.all(workers.map((worker) => worker.label(cup, { x: 0, y: 0, w: 1, h: 1 }, 0.9)));
  let next = 0;
  await Promise.all(
    workers.map(async (worker) => {
      while (next < labelScenes.length) runs.push(await runScene(labelScenes[next++], worker, silentLog));
    }),
  );
  for (const run of runs) {
    const found = run.ends.flatMap((end) => end.labels ?? []).map((l) => `${l.label} ${l.score}`);
    console.info(
      `${run.scene.name}: ${run.starts.length} events, ${run.sent} pictures (${run.failed} failed, ${run.late} late), labels: ${found.join(', ') || 'none'}`,
    );
  }
}, 900_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
});

const labelsOf = (run: SceneRun) => new Set(run.ends.flatMap((end) => end.labels ?? []).map((l) => l.label));

describe('object labels on generated clips', () => {
  it('every clip with an object in it starts a motion event', () => {
    const silent = runs
      .filter((run) => run.scene.expect !== null && run.starts.length === 0)
      .map((run) => run.scene.name);
    expect(silent).toEqual([]);
  });

  it('person clips get person (recall >= 95 %)', () => {
    const people = runs.filter((run) => run.scene.expect === 'person');
    expect(people.length).toBeGreaterThanOrEqual(14);
    const missed = people.filter((run) => !labelsOf(run).has('person')).map((run) => run.scene.name);
    expect(missed.length / people.length, `missed: ${missed.join(', ')}`).toBeLessThanOrEqual(0.05);
  });

  it('cat and motorcycle clips get their label', () => {
    for (const run of runs.filter((r) => r.scene.expect && r.scene.expect !== 'person')) {
      expect(labelsOf(run), run.scene.name).toContain(run.scene.expect);
    }
  });

  it('the cup and the rain, branch, shadow and lighting clips never get person', () => {
    const falseAlerts = runs
      .filter((run) =>
        run.scene.forbid.some(
          (label) => labelsOf(run).has(label) || run.labels.some((l) => l.label === label),
        ),
      )
      .map((run) => run.scene.name);
    expect(falseAlerts).toEqual([]);
  });

  it('every motion-label names its event and a box inside the picture, and motion-end lists it', () => {
    for (const run of runs) {
      for (const label of run.labels) {
        expect(run.starts.map((s) => s.id)).toContain(label.motionId);
        expect(label.box.x).toBeGreaterThanOrEqual(0);
        expect(label.box.x + label.box.w).toBeLessThanOrEqual(1.0001);
        const end = run.ends.find((e) => e.motionId === label.motionId);
        expect(end?.labels?.map((l) => l.label)).toContain(label.label);
      }
    }
  });
});
