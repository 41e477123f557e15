import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { selectBackend } from './backend';

function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

describe('selectBackend', () => {
  it('loads the wasm backend from the package directory and runs a kernel on it', async () => {
    expect(await selectBackend(undefined, ['wasm'])).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const sum = tf.tidy(() => tf.sum(tf.tensor1d([1, 2, 3])).dataSync()[0]);
    expect(sum).toBe(6);
  });

  it('falls back to the next backend and logs why the first was skipped', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const chosen = await selectBackend(log, ['tensorflow', 'cpu']);
    expect(chosen).toBe(installed('@tensorflow/tfjs-node') ? 'tensorflow' : 'cpu');
    expect(tf.getBackend()).toBe(chosen);
    expect(
      lines.some((l) => l.includes(`"backend":"${chosen}"`) && l.includes('tfjs backend selected')),
    ).toBe(true);
  });

  it.skipIf(installed('@tensorflow/tfjs-node'))('says which backends it tried when none loads', async () => {
    await expect(selectBackend(undefined, ['tensorflow'])).rejects.toThrow(
      'no tfjs backend could be loaded (tried tensorflow)',
    );
  });

  it('prefers tensorflow, then wasm, by default', async () => {
    expect(await selectBackend()).toBe(installed('@tensorflow/tfjs-node') ? 'tensorflow' : 'wasm');
  });
});
