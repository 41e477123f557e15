/** How the light changed from the background to the frame: frame ≈ gain × background + offset. */
export interface Lighting {
  gain: number;
  offset: number;
}

export const unchanged: Lighting = { gain: 1, offset: 0 };

/** Side of the square blocks that vote on the lighting: about 20 blocks across the frame. */
export function lightingBlockSize(width: number): number {
  return Math.max(2, Math.round(width / 20));
}

/** 1 for each block (row-major, as avgPool 'valid' lays them out) that lies wholly outside the masks. */
export function votingBlocks(keep: Float32Array, width: number, height: number, block: number): Uint8Array {
  const across = Math.floor(width / block);
  const down = Math.floor(height / block);
  const votes = new Uint8Array(across * down).fill(1);
  for (let row = 0; row < down * block; row++) {
    for (let col = 0; col < across * block; col++) {
      if (keep[row * width + col] === 0)
        votes[Math.floor(row / block) * across + Math.floor(col / block)] = 0;
    }
  }
  return votes;
}

/** Upper median of `xs[from..to)`, sorting that range in place. */
function medianOf(xs: Float64Array, from: number, to: number): number {
  const part = xs.subarray(from, to).sort();
  return part[Math.floor(part.length / 2)];
}

/**
 * Fits frame ≈ gain × background + offset through per-block mean brightness pairs with a resistant
 * (median-based) line: light and exposure move every block alike, while a moving object changes only
 * the few blocks it covers, which the medians ignore. Flat scenes get an offset only. Runs on every
 * analysed frame, so it sorts typed arrays in place rather than building arrays of pairs.
 */
export function fitLighting(
  background: ArrayLike<number>,
  frame: ArrayLike<number>,
  votes: Uint8Array,
): Lighting {
  const order: number[] = [];
  for (let i = 0; i < votes.length; i++) if (votes[i] === 1) order.push(i);
  const n = order.length;
  if (n < 3) return unchanged;
  order.sort((p, q) => background[p] - background[q]);
  const third = Math.floor(n / 3);
  const bg = new Float64Array(n);
  const fr = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    bg[k] = background[order[k]];
    fr[k] = frame[order[k]];
  }
  const spread = medianOf(bg.slice(n - third), 0, third) - medianOf(bg.slice(0, third), 0, third);
  let gain = 1;
  // Below ~10 gray levels of spread the slope is mostly noise.
  if (spread >= 10)
    gain = (medianOf(fr.slice(n - third), 0, third) - medianOf(fr.slice(0, third), 0, third)) / spread;
  gain = Math.min(4, Math.max(0.25, gain));
  const residuals = new Float64Array(n);
  for (let k = 0; k < n; k++) residuals[k] = fr[k] - gain * bg[k];
  return { gain, offset: medianOf(residuals, 0, n) };
}

/**
 * Mean brightness of each `block`×`block` square of an 8-bit picture, row-major, whole blocks only
 * (as avgPool 'valid' lays them out). Computed in JavaScript from the bytes the detector gets anyway:
 * a pass over 19,200 bytes costs less than a tensor op and its download.
 */
export function blockMeansOf(
  gray: ArrayLike<number>,
  width: number,
  height: number,
  block: number,
): Float32Array {
  const across = Math.floor(width / block);
  const down = Math.floor(height / block);
  const means = new Float32Array(across * down);
  for (let row = 0; row < down * block; row++) {
    const base = Math.floor(row / block) * across;
    let i = row * width;
    for (let b = 0; b < across; b++) {
      let sum = 0;
      for (const end = i + block; i < end; i++) sum += gray[i];
      means[base + b] += sum;
    }
  }
  const area = block * block;
  for (let i = 0; i < means.length; i++) means[i] /= area;
  return means;
}
