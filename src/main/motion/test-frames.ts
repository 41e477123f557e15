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
