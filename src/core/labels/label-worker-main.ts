/**
 * The label worker thread: loads the model on its first request, then for each request decodes and
 * crops the JPEG (ffmpeg child), runs the model and replies with the labels we report.
 * Nothing here runs on the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { jpegSize } from '../../shared/jpeg-size';
import { type Backend, selectBackend } from '../motion/backend';
import { CenterNet } from './centernet';
import { labelOf } from './coco';
import { planCrop, toPictureBox } from './crop';
import { decodeCrop } from './decode';
import type { FoundLabel, LabelReply, LabelRequest, LabelWorkerData } from './protocol';

const data = workerData as LabelWorkerData;
let loading: Promise<{ model: CenterNet; backend: Backend }> | null = null;

async function load(): Promise<{ model: CenterNet; backend: Backend }> {
  const backend = await selectBackend(undefined, data.backends);
  return { model: await CenterNet.load(data.size), backend };
}

async function label(request: LabelRequest): Promise<LabelReply> {
  loading ??= load();
  const { model, backend } = await loading;
  const size = jpegSize(request.jpeg);
  if (!size) throw new Error('not a JPEG (no frame size)');
  const plan = planCrop(request.box, size.width, size.height, model.size);
  const t0 = performance.now();
  const rgb = await decodeCrop(data.ffmpeg, request.jpeg, plan);
  const t1 = performance.now();
  const detections = await model.detect(rgb, request.minScore);
  const t2 = performance.now();
  const found: FoundLabel[] = [];
  for (const detection of detections) {
    const name = labelOf(detection.cls);
    if (name) found.push({ label: name, score: detection.score, box: toPictureBox(plan, detection.box) });
  }
  return {
    seq: request.seq,
    ok: true,
    found,
    decodeMs: t1 - t0,
    inferMs: t2 - t1,
    backend,
    modelBytes: model.bytes,
  };
}

parentPort?.on('message', (request: LabelRequest) => {
  label(request).then(
    (reply) => parentPort?.postMessage(reply),
    (err: unknown) =>
      parentPort?.postMessage({
        seq: request.seq,
        ok: false,
        message: err instanceof Error ? err.message : String(err),
      } satisfies LabelReply),
  );
});
