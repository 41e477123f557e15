import { describe, expect, it } from 'vitest';
import { shrinkGray } from './gray-shrink';

/** Each output pixel the rounded mean of input pixels ⌈o·w/ow⌉ up to ⌈(o+1)·w/ow⌉, the slow obvious way. */
function reference(src: Uint8Array, width: number, height: number, outWidth: number, outHeight: number) {
  const out = new Uint8Array(outWidth * outHeight);
  const from = (o: number, size: number, outSize: number) => Math.ceil((o * size) / outSize);
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++) {
      let sum = 0;
      let n = 0;
      for (let y = from(oy, height, outHeight); y < from(oy + 1, height, outHeight); y++) {
        for (let x = from(ox, width, outWidth); x < from(ox + 1, width, outWidth); x++) {
          sum += src[y * width + x];
          n++;
        }
      }
      out[oy * outWidth + ox] = Math.floor((sum + (n >> 1)) / n);
    }
  }
  return out;
}

function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed;
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

describe('shrinkGray', () => {
  it.each([
    [640, 480, 160, 120], // 4×4 words
    [1280, 720, 160, 90], // 8×8 words
    [2560, 1920, 160, 120], // 16×16: the widest lane sums
    [320, 240, 160, 120], // 2×2, byte loop
    [800, 600, 160, 120], // 5×5
    [1024, 768, 160, 120], // 6.4: uneven boxes
    [642, 482, 160, 120], // not a multiple of anything
  ])('%i×%i to %i wide gives the mean of each box (%i high)', (width, height, outWidth, outHeight) => {
    const src = noise(width * height, width + height);
    const shrunk = shrinkGray(src, width, height, outWidth);
    expect([shrunk.width, shrunk.height]).toEqual([outWidth, outHeight]);
    expect(shrunk.gray).toEqual(reference(src, width, height, outWidth, outHeight));
  });

  it('keeps white white and black black at the largest lane sums', () => {
    expect(
      shrinkGray(new Uint8Array(2560 * 1920).fill(255), 2560, 1920, 160).gray.every((v) => v === 255),
    ).toBe(true);
    expect(shrinkGray(new Uint8Array(640 * 480), 640, 480, 160).gray.every((v) => v === 0)).toBe(true);
  });

  it('copies a picture no wider than asked as it is', () => {
    const src = noise(120 * 90, 7);
    const shrunk = shrinkGray(src, 120, 90, 160);
    expect([shrunk.width, shrunk.height]).toEqual([120, 90]);
    expect(shrunk.gray).toEqual(src);
    expect(shrunk.gray).not.toBe(src);
  });

  it('reads a picture that starts off a word boundary with the byte loop', () => {
    const backing = noise(640 * 480 + 1, 3);
    const src = backing.subarray(1);
    expect(shrinkGray(src, 640, 480, 160).gray).toEqual(reference(src, 640, 480, 160, 120));
  });
});
