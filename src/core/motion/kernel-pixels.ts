import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs-core';
import { backendOrder } from './backend';

/** A kernel's float32 pixels: its inputs (null where absent) and outputs, and how to hand them to tfjs. */
export interface KernelPixels {
  inputs: (Float32Array | null)[];
  outputs: Float32Array[];
  /** The outputs as tensor infos, then `extra` values (written after the pixels were filled). */
  finish(...extra: Float32Array[]): tf.TensorInfo[];
}

const isWasm = (backend: unknown): backend is BackendWasm =>
  typeof (backend as BackendWasm).typedArrayFromHeap === 'function';

/**
 * The pixels of a hand-fused kernel. On the wasm backend they are read and written in place in its
 * memory: no copies and nothing for the garbage collector (three 77 kB copies per frame doubled its work
 * at 30 frames a second). Any other backend goes through `readSync` and `write`.
 */
export function kernelPixels(
  backend: unknown,
  inputs: (tf.TensorInfo | undefined)[],
  outputShapes: number[][],
): KernelPixels {
  if (isWasm(backend)) {
    // Allocate every output first: growing the wasm memory detaches views taken before.
    const infos = outputShapes.map((shape) => backend.makeOutput(shape, 'float32'));
    const view = (info: tf.TensorInfo) => backend.typedArrayFromHeap(info) as Float32Array;
    return {
      inputs: inputs.map((info) => (info ? view(info) : null)),
      outputs: infos.map(view),
      finish: (...extra) => [
        ...infos,
        ...extra.map((values) => backend.makeOutput([values.length], 'float32', undefined, values)),
      ],
    };
  }
  const kernels = backend as tf.KernelBackend;
  const outputs = outputShapes.map((shape) => new Float32Array(shape.reduce((a, b) => a * b, 1)));
  const write = (values: Float32Array, shape: number[]): tf.TensorInfo => ({
    dataId: kernels.write(values, shape, 'float32'),
    shape,
    dtype: 'float32',
  });
  return {
    inputs: inputs.map((info) => (info ? (kernels.readSync(info.dataId) as Float32Array) : null)),
    outputs,
    finish: (...extra) => [
      ...outputs.map((values, k) => write(values, outputShapes[k])),
      ...extra.map((values) => write(values, [values.length])),
    ],
  };
}

/** Registers `kernelFunc` under `name` for every backend the detector may run on (once). */
export function registerOnAllBackends(kernelName: string, kernelFunc: tf.KernelFunc): void {
  for (const backendName of backendOrder) {
    if (!tf.getKernel(kernelName, backendName)) tf.registerKernel({ kernelName, backendName, kernelFunc });
  }
}
