import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Logger } from 'pino';

/** A tfjs backend the detector can run on, fastest first. */
export type Backend = 'tensorflow' | 'wasm' | 'cpu';

/** Every backend the detector may run on, fastest first (the default order of `selectBackend`). */
export const backendOrder: readonly Backend[] = ['tensorflow', 'wasm', 'cpu'];

// Resolved at run time, not bundled: electron-vite keeps dependencies external, so this works
// from out/main as well as from the sources. CommonJS builds (tsx, a CJS bundle) have `require`;
// ES modules (vitest, an ESM bundle) build one from import.meta.url.
const requireHere: NodeJS.Require = typeof require === 'function' ? require : createRequire(import.meta.url);

/** Directory holding the wasm backend's .wasm binaries, with a trailing slash as setWasmPaths wants. */
export function wasmDir(): string {
  return `${join(dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`;
}

async function tryBackend(name: Backend): Promise<boolean> {
  if (name === 'tensorflow') {
    // An optionalDependency whose install downloads libtensorflow; absent on many machines.
    requireHere('@tensorflow/tfjs-node');
  } else if (name === 'wasm') {
    const wasm = requireHere(
      '@tensorflow/tfjs-backend-wasm',
    ) as typeof import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(wasmDir());
  } else {
    requireHere('@tensorflow/tfjs-backend-cpu');
  }
  return tf.setBackend(name);
}

/**
 * Picks the first backend that loads, in `order` (default tensorflow, wasm, cpu), makes it tfjs's
 * current backend and returns its name. Safe to call again: a backend already set is kept cheaply.
 */
export async function selectBackend(
  log?: Logger,
  order: readonly Backend[] = backendOrder,
): Promise<Backend> {
  // Production mode silences tfjs's console banners (e.g. "install tfjs-node" on the cpu backend);
  // the choice is logged here instead.
  tf.enableProdMode();
  for (const name of order) {
    try {
      if (await tryBackend(name)) {
        await tf.ready();
        log?.info({ backend: name }, 'tfjs backend selected');
        return name;
      }
      log?.info({ backend: name }, 'tfjs backend did not initialise');
    } catch (err) {
      log?.info(
        { backend: name, reason: err instanceof Error ? err.message.split('\n')[0] : String(err) },
        'tfjs backend unavailable',
      );
    }
  }
  throw new Error(`no tfjs backend could be loaded (tried ${order.join(', ')})`);
}

/** Live tensors on the tfjs engine; flat over hours when nothing leaks (`/metrics`, the soak bench). */
export function tensorCount(): number {
  return tf.memory().numTensors;
}
