import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as tfc from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import type { Detection } from './coco';

const requireHere: NodeJS.Require = typeof require === 'function' ? require : createRequire(import.meta.url);

/**
 * Input side the app runs the model at: on the clip set it finds what 512 finds (docs/labels.md) for
 * about 40 % of the work, since a motion crop is mostly the object. 256 is cheaper still but scored the
 * half-body astronaut at 720p under 0.3 in most pictures (a missed person; docs/labels.md, "Speed").
 */
export const LABEL_MODEL_SIZE = 320;

/** The weights' own input size; the graph is rebuilt for smaller multiples of 32 (see `resizeGraph`). */
export const NATIVE_SIZE = 512;

/**
 * Where @vladmandic/human ships the MB3-CenterNet graph model (json + one .bin), found along Node's
 * module search path. Not through `require.resolve` of the package: that needs its JavaScript, which the
 * installer leaves out (electron-builder.yml ships only these two files of the package).
 */
export function modelFiles(): { json: string; bin: string } {
  for (const root of requireHere.resolve.paths('@vladmandic/human') ?? []) {
    const dir = join(root, '@vladmandic', 'human', 'models');
    const files = { json: join(dir, 'centernet.json'), bin: join(dir, 'centernet.bin') };
    if (existsSync(files.json) && existsSync(files.bin)) return files;
  }
  throw new Error('@vladmandic/human/models/centernet.{json,bin} not found: is @vladmandic/human installed?');
}

interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string };
}

/**
 * The graph is fully convolutional except for a few int32 constants that spell out its 512-pixel
 * grid (upsampling sizes, the 128×128 heat map's width and cell count). Rewriting them lets the same
 * weights run at `size` (a multiple of 32): 320 pixels need about 40 % of the work of 512.
 */
function resizeGraph(
  topology: { node: { op: string; attr?: Record<string, unknown> }[] },
  specs: WeightSpec[],
  data: ArrayBuffer,
  size: number,
): void {
  if (size % 32 !== 0 || size < 128 || size > NATIVE_SIZE)
    throw new Error(`model size must be a multiple of 32 in 128..512, got ${size}`);
  const grid = size / 4;
  const values = new Map<string, number[]>([
    ['tower_0/CenternetHead/c5_upsample/up_sampling2d/mul', [grid / 4, grid / 4]],
    ['tower_0/CenternetHead/c4_upsample/up_sampling2d_1/mul', [grid / 2, grid / 2]],
    ['tower_0/CenternetHead/c3_upsample/up_sampling2d_2/mul', [grid, grid]],
    ['tower_0/BatchGather/concat', [grid * grid, 4]],
    ['tower_0/strided_slice_6', [grid]],
  ]);
  const view = new DataView(data);
  let offset = 0;
  for (const spec of specs) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = spec.quantization ? (spec.quantization.dtype === 'uint8' ? 1 : 2) : 4;
    const next = values.get(spec.name);
    if (next) {
      for (const [i, v] of next.entries()) view.setInt32(offset + 4 * i, v, true);
      values.delete(spec.name);
    }
    offset += count * bytes;
  }
  if (values.size > 0)
    throw new Error(`model has no constant ${[...values.keys()][0]}; not the expected CenterNet`);
  for (const node of topology.node) {
    if (node.op !== 'Placeholder') continue;
    const dims = [1, size, size, 3].map((d) => ({ size: String(d) }));
    node.attr = { ...node.attr, shape: { shape: { dim: dims } } };
  }
}

/** MB3-CenterNet (COCO, 80 classes) on the current tfjs backend, at `size`×`size` RGB input. */
export class CenterNet {
  /** The input as floats, filled in place for every picture instead of allocated each time. */
  readonly #input: Float32Array;

  private constructor(
    private readonly model: tfc.GraphModel,
    readonly size: number,
    /** Bytes of weights held by the backend. */
    readonly bytes: number,
  ) {
    this.#input = new Float32Array(size * size * 3);
  }

  static async load(size: number): Promise<CenterNet> {
    const files = modelFiles();
    const json = JSON.parse(readFileSync(files.json, 'utf8'));
    const bin = readFileSync(files.bin);
    const data = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.length) as ArrayBuffer;
    const specs = json.weightsManifest[0].weights as WeightSpec[];
    if (size !== NATIVE_SIZE) resizeGraph(json.modelTopology, specs, data, size);
    const before = tf.memory().numBytes;
    const model = await tfc.loadGraphModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: data }),
    );
    return new CenterNet(model, size, tf.memory().numBytes - before);
  }

  /**
   * Detects objects in one `size`×`size` RGB picture (3 bytes per pixel, row-major). Boxes are in
   * 0..1 of that picture; classes are COCO indices (0 = person). Detections under `minScore` are dropped.
   */
  async detect(rgb: Uint8Array, minScore: number): Promise<Detection[]> {
    const { size } = this;
    const input = this.#input;
    if (rgb.length !== input.length) throw new Error(`expected ${input.length} RGB bytes, got ${rgb.length}`);
    for (let i = 0; i < rgb.length; i++) input[i] = rgb[i];
    const out = tf.tidy(() => {
      // Filling and running are synchronous and the tensor is disposed here, so the array is free again.
      const tensor = tf.tensor4d(input, [1, size, size, 3]);
      return this.model.execute(tensor, 'tower_0/detections') as tf.Tensor;
    });
    // [1, 100, 6]: x1, y1, x2, y2 in input pixels, score, class; best first.
    const rows = ((await out.array()) as number[][][])[0];
    out.dispose();
    const found: Detection[] = [];
    for (const [x1, y1, x2, y2, score, cls] of rows) {
      if (!(score >= minScore) || !Number.isInteger(cls)) continue;
      const x = Math.max(0, x1 / size);
      const y = Math.max(0, y1 / size);
      found.push({ cls, score, box: { x, y, w: Math.min(1, x2 / size) - x, h: Math.min(1, y2 / size) - y } });
    }
    return found;
  }

  dispose(): void {
    this.model.dispose();
  }
}
