/**
 * `npm run bench:labels`: the object-label model's ms per inference per backend and input size, the
 * CPU that labelling adds per second of motion at labelRate 1, 2 and 5 once the model is loaded (and
 * apart, the first event, which loads it; and with the scene still),
 * the memory of the loaded model, and accuracy on the generated clip set.
 *
 * Options: --quick   fewer rounds, the app's input size only; --no-accuracy   skip the clip set.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { resolveFfmpeg } from '../src/core/capture/ffmpeg/ffmpeg-path';
import { LABEL_MODEL_SIZE } from '../src/core/labels/centernet';
import { cropFfmpeg } from '../src/core/labels/crop-ffmpeg';
import { LabelWorker } from '../src/core/labels/label-worker';
import { ensureSceneClip } from '../src/core/labels/scenes/clip';
import { checkPhotos, photos } from '../src/core/labels/scenes/photos';
import { runScene } from '../src/core/labels/scenes/run-scene';
import { labelScenes } from '../src/core/labels/scenes/scenes';
import { type Backend, selectBackend } from '../src/core/motion/backend';
import { defaultSettings } from '../src/shared/settings';
import { childrenCpuMs } from './detect-proc';
import { clipJpegs, measurePicture } from './labels-picture';
import { measureInference } from './labels-speed';

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, 'no-accuracy': { type: 'boolean', default: false } },
});
const log = pino({ level: 'silent' });
async function main(): Promise<void> {
  checkPhotos();
  console.log(
    `machine: ${cpus().length}× ${cpus()[0]?.model}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ${new Date().toISOString()}`,
  );

  console.log('\n## ms per inference (median; process CPU in brackets)');
  const samples = [...photos.people.slice(0, 2), photos.cat, photos.cup, photos.motorcycle].map(
    (p) => p.path,
  );
  const sizes = args.quick ? [LABEL_MODEL_SIZE] : [256, LABEL_MODEL_SIZE, 384, 512];
  for (const backend of ['tensorflow', 'wasm', 'cpu'] as Backend[]) {
    try {
      await selectBackend(undefined, [backend]);
    } catch {
      console.log(`${backend}: not available here`);
      continue;
    }
    for (const size of backend === 'cpu' ? [LABEL_MODEL_SIZE] : sizes) {
      const s = await measureInference(backend, size, samples, args.quick ? 1 : 3);
      console.log(
        `${backend} ${size}px: ${s.wallMs.toFixed(0)} ms (${s.cpuMs.toFixed(0)} ms CPU); weights ${(s.modelBytes / 1e6).toFixed(1)} MB`,
      );
    }
  }

  console.log('\n## one labelled picture through the worker (camera JPEG → crop → model; medians)');
  const ffmpegs = [
    ['distribution ffmpeg', resolveFfmpeg()],
    ['static ffmpeg', cropFfmpeg(resolveFfmpeg)],
  ];
  for (const name of ['person-astronaut-480p', 'person-astronaut-720p']) {
    const scene = labelScenes.find((s) => s.name === name);
    if (!scene) throw new Error(`scene ${name} missing`);
    const jpegs = clipJpegs(await ensureSceneClip(scene));
    for (const [label, ffmpeg] of ffmpegs) {
      for (const size of args.quick ? [LABEL_MODEL_SIZE] : [256, 320]) {
        const c = await measurePicture(ffmpeg, size, 'wasm', jpegs, args.quick ? 2 : 4);
        const core = (rate: number) => `${((Math.min(rate, 1000 / c.wallMs) * c.cpuMs) / 10).toFixed(1)} %`;
        console.log(
          `${name}, ${label}, ${size}px: ${c.wallMs.toFixed(0)} ms wall, ${c.cpuMs.toFixed(0)} ms CPU (crop ${c.decodeMs.toFixed(0)} ms, model ${c.inferMs.toFixed(0)} ms); one core at labelRate 1: ${core(1)}, 2: ${core(2)}`,
        );
      }
    }
  }

  await selectBackend(undefined, ['wasm', 'cpu']);
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000 + childrenCpuMs();
  };

  console.log('\n## added CPU per second of motion (person clip, 640x480, process + ffmpeg children)');
  const person = labelScenes.find((s) => s.name === 'person-astronaut-480p');
  const still = labelScenes.find((s) => s.name === 'lights');
  if (!person || !still) throw new Error('scene missing');
  const measure = async (
    scene: typeof person,
    patch: Parameters<typeof runScene>[3],
    worker: LabelWorker,
  ) => {
    const before = cpuNow();
    const run = await runScene(scene, worker, log, patch);
    // An event stays open `eventGap` seconds after its last moving frame; no picture is sent then.
    const movingSeconds = run.ends.reduce((sum, end) => sum + end.duration, 0);
    const motionSeconds = movingSeconds + run.ends.length * defaultSettings.eventGap;
    return { cpuMs: cpuNow() - before, motionSeconds, movingSeconds, run };
  };
  const worker = new LabelWorker({
    ffmpeg: cropFfmpeg(resolveFfmpeg),
    size: LABEL_MODEL_SIZE,
    backends: ['wasm', 'cpu'],
    log,
  });
  const rssBefore = process.memoryUsage().rss;
  const off = await measure(person, { labels: false }, worker);
  console.log(
    `labels off: ${off.cpuMs.toFixed(0)} ms CPU over ${off.motionSeconds.toFixed(1)} s of motion event; worker started: ${worker.started}`,
  );
  const added = (on: Awaited<ReturnType<typeof measure>>) =>
    `${on.run.sent} pictures, +${((on.cpuMs - off.cpuMs) / on.motionSeconds / 10).toFixed(1)} % of one core during motion` +
    ` (+${((on.cpuMs - off.cpuMs) / on.movingSeconds / 10).toFixed(1)} % over its ${on.movingSeconds.toFixed(1)} s of moving frames)`;
  // The worker loads tfjs and the model once, at the first motion after start-up, and keeps them:
  // that first event is reported apart, and the rates below are the steady cost of every later event.
  const first = await measure(person, { labelRate: 1 }, worker);
  console.log(`first event after start-up, labelRate 1, model loading included: ${added(first)}`);
  for (const rate of [1, 2, 5]) {
    console.log(`labelRate ${rate}: ${added(await measure(person, { labelRate: rate }, worker))}`);
  }
  console.log(
    `process RSS with the worker and model loaded: +${((process.memoryUsage().rss - rssBefore) / 1e6).toFixed(0)} MB`,
  );
  await worker.stop();
  const idle = new LabelWorker({
    ffmpeg: cropFfmpeg(resolveFfmpeg),
    size: LABEL_MODEL_SIZE,
    backends: ['wasm', 'cpu'],
    log,
  });
  const stillRun = await measure(still, {}, idle);
  console.log(
    `still scene (lighting change only), labels on: ${stillRun.run.sent} pictures, worker started: ${idle.started}`,
  );

  if (!args['no-accuracy']) {
    console.log('\n## accuracy on the clip set');
    const acc = new LabelWorker({
      ffmpeg: cropFfmpeg(resolveFfmpeg),
      size: LABEL_MODEL_SIZE,
      backends: ['wasm', 'cpu'],
      log,
    });
    let people = 0;
    let found = 0;
    let falsePeople = 0;
    for (const scene of labelScenes) {
      const run = await runScene(scene, acc, log);
      const labels = run.ends.flatMap((end) => end.labels ?? []);
      if (scene.expect === 'person') {
        people++;
        if (labels.some((l) => l.label === 'person')) found++;
      } else if (labels.some((l) => l.label === 'person')) falsePeople++;
      console.log(
        `${scene.name}: ${run.sent} pictures; ${labels.map((l) => `${l.label} ${l.score}`).join(', ') || 'no label'}`,
      );
    }
    console.log(
      `person recall ${found}/${people}; false person on ${falsePeople} of ${labelScenes.length - people} other clips`,
    );
    await acc.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
