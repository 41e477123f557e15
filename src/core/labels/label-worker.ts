import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { BoundingBox } from '../../shared/events';
import type { LabelReply, LabelRequest, LabelWorkerData } from './protocol';

export type LabelResult = Extract<LabelReply, { ok: true }>;

export interface LabelWorkerOptions extends LabelWorkerData {
  log: Logger;
}

// Built: out/main/label-worker.js beside the bundle (an electron-vite input). From the sources
// (vitest, tsx) the worker is the .ts file, run through tsx's require hook
// (workers do not inherit the ESM loader hooks of a test runner).
// (Vite rewrites import.meta.url for the CommonJS bundle; under tsx __dirname is not the file's folder.)
const here = dirname(fileURLToPath(import.meta.url));

function startThread(data: LabelWorkerData): Worker {
  const source = join(here, 'label-worker-main.ts');
  if (existsSync(source)) {
    const tsx = createRequire(import.meta.url).resolve('tsx/cjs');
    const boot = `require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`;
    return new Worker(boot, { eval: true, workerData: data });
  }
  // The bundler may put this module in out/main/chunks/; the worker entry stays in out/main.
  const built = [join(here, 'label-worker.js'), join(here, '..', 'label-worker.js')].find((path) =>
    existsSync(path),
  );
  if (!built) throw new Error(`label worker bundle not found beside ${here}`);
  return new Worker(built, { workerData: data });
}

/**
 * The main thread's side of the label worker: the thread (and with it tfjs and the model) starts on
 * the first request only, so a camera with labelling off, or one that never sees motion, loads nothing.
 */
export class LabelWorker {
  #thread: Worker | null = null;
  readonly #pending = new Map<number, { resolve: (r: LabelResult) => void; reject: (e: Error) => void }>();
  #seq = 0;

  constructor(private readonly opts: LabelWorkerOptions) {}

  /** True once the thread runs (it loads the model on its first request). */
  get started(): boolean {
    return this.#thread !== null;
  }

  /** Requests waiting for a reply. */
  get busy(): number {
    return this.#pending.size;
  }

  /** Labels the motion `box` (0..1) of a camera JPEG. The JPEG is copied to the thread. */
  label(jpeg: Uint8Array, box: BoundingBox, minScore: number): Promise<LabelResult> {
    const thread = this.#thread ?? this.#start();
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      thread.postMessage({ seq, jpeg, box, minScore } satisfies LabelRequest);
    });
  }

  /** Ends the thread and frees the model; a later request starts a new one. */
  async stop(): Promise<void> {
    const thread = this.#thread;
    this.#thread = null;
    if (thread) await thread.terminate();
    this.#failAll(new Error('label worker stopped'));
  }

  #start(): Worker {
    const { log, ...data } = this.opts;
    const thread = startThread(data);
    thread.unref();
    thread.on('message', (reply: LabelReply) => {
      const pending = this.#pending.get(reply.seq);
      if (!pending) return;
      this.#pending.delete(reply.seq);
      if (reply.ok) pending.resolve(reply);
      else pending.reject(new Error(reply.message));
    });
    thread.on('error', (err) => {
      log.error({ err }, 'label worker failed');
      if (this.#thread === thread) this.#thread = null;
      this.#failAll(err);
    });
    thread.on('exit', () => {
      if (this.#thread === thread) this.#thread = null;
      this.#failAll(new Error('label worker exited'));
    });
    log.info({ size: data.size }, 'label worker started');
    this.#thread = thread;
    return thread;
  }

  #failAll(err: Error): void {
    for (const { reject } of this.#pending.values()) reject(err);
    this.#pending.clear();
  }
}
