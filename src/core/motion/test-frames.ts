/** Hand-made gray frames for the detector's unit tests. */

/** A frame of one gray level. */
export function flat(width: number, height: number, level: number): Uint8Array {
  return new Uint8Array(width * height).fill(level);
}

/** `base` with a filled square of `level` whose top-left corner is at (x, y). */
export function withSquare(
  base: Uint8Array,
  width: number,
  square: { x: number; y: number; size: number; level: number },
): Uint8Array {
  const frame = base.slice();
  for (let row = square.y; row < square.y + square.size; row++) {
    frame.fill(square.level, row * width + square.x, row * width + square.x + square.size);
  }
  return frame;
}

/** 16x16 tiles of four gray levels (60, 100, 140, 180): a scene with bright and dark parts. */
export function tiles(width: number, height: number): Uint8Array {
  const frame = new Uint8Array(width * height);
  for (let i = 0; i < frame.length; i++) {
    frame[i] = 60 + 40 * ((Math.floor((i % width) / 16) + Math.floor(i / width / 16)) % 4);
  }
  return frame;
}

/** Every pixel through `f`, clamped to 0..255, as a change of light would do it. */
export function relight(frame: Uint8Array, f: (v: number) => number): Uint8Array {
  return frame.map((v) => Math.max(0, Math.min(255, Math.round(f(v)))));
}
