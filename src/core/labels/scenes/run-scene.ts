import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { MotionEnd, MotionLabel, MotionStart } from '../../../shared/events';
import { defaultSettings, type Settings } from '../../../shared/settings';
import { Camera } from '../../camera';
import { EventHub } from '../../events/event-hub';
import { openEventStore } from '../../events/event-store';
import { encodeSseMessage } from '../../server/sse-format';
import { type Labeler, ObjectLabeller } from '../object-labeller';
import { ensureSceneClip } from './clip';
import { type LabelScene, SCENE_FPS } from './scenes';

/** What one replay of a scene produced. */
export interface SceneRun {
  scene: LabelScene;
  starts: MotionStart[];
  labels: MotionLabel[];
  ends: MotionEnd[];
  /** Pictures the labeller sent to the worker, replies that failed, replies after the event ended. */
  sent: number;
  failed: number;
  late: number;
}

/**
 * Replays a scene's clip through the real pipeline (file source → Camera → MotionMonitor → hub) with
 * labelling by `worker`, until the clip has ended and the camera stopped (which closes the event).
 */
export async function runScene(
  scene: LabelScene,
  worker: Labeler,
  log: Logger,
  patch: Partial<Settings> = {},
): Promise<SceneRun> {
  const clip = await ensureSceneClip(scene);
  const dataDir = await mkdtemp(join(tmpdir(), 'mk-labels-'));
  const store = openEventStore({ dataDir, log, durability: 'normal' });
  const hub = new EventHub({ store, log, encode: encodeSseMessage });
  const run: SceneRun = { scene, starts: [], labels: [], ends: [], sent: 0, failed: 0, late: 0 };
  hub.observe((event) => {
    if (event.type === 'motion') run.starts.push(event.data);
    else if (event.type === 'motion-label') run.labels.push(event.data);
    else if (event.type === 'motion-end') run.ends.push(event.data);
  });
  const settings: Settings = {
    ...defaultSettings,
    captureWidth: scene.width,
    captureHeight: scene.height,
    frameRate: SCENE_FPS,
    ...patch,
  };
  const labeller = new ObjectLabeller({
    camera: scene.name,
    worker,
    settings,
    publish: (l) => hub.publishMotionLabel(l),
    log,
  });
  const camera = new Camera({
    name: scene.name,
    spec: `file:${clip}`,
    settings,
    backend: 'wasm',
    hub,
    log,
    labeller,
  });
  camera.start();
  try {
    // Bounded: a clip lasts `seconds`; a loaded machine may replay it slower, never 10 times slower.
    for (let waited = 0; waited < scene.seconds * 10_000; waited += 200) {
      if (camera.status.message?.includes('end of input')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Let a picture still in the worker come back before the event is closed.
    for (let waited = 0; waited < 60_000 && labeller.busy; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await camera.stop();
    store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  Object.assign(run, labeller.stats);
  return run;
}
