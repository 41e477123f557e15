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

/** Room for the fit's working values, kept between frames (it runs on every analysed frame). */
let scratch = new Float64Array(0);

/**
 * Puts into `xs[k]` the value that sorting `xs[from..to)` would put there, smaller or equal values before
 * it and greater or equal after (Hoare's selection, in place). A fraction of a sort's cost: the fit needs
 * order statistics only, and V8's typed-array sort calls a comparison function per pair. Unlike that
 * sort it does not order −0 before +0: no block mean or residual is −0.
 */
function select(xs: Float64Array, from: number, to: number, k: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const pivot = xs[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i] < pivot) i++;
      while (xs[j] > pivot) j--;
      if (i <= j) {
        const swap = xs[i];
        xs[i++] = xs[j];
        xs[j--] = swap;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return xs[k];
}

/** Upper median of `xs[from..to)`, reordering that range. */
const medianOf = (xs: Float64Array, from: number, to: number): number =>
  select(xs, from, to, from + Math.floor((to - from) / 2));

/**
 * Fits frame ≈ gain × background + offset through per-block mean brightness pairs with a resistant
 * (median-based) line: light and exposure move every block alike, while a moving object changes only
 * the few blocks it covers, which the medians ignore. Flat scenes get an offset only.
 *
 * The thirds are the voting blocks with the darkest and the brightest backgrounds, blocks tied at their
 * edges taken in block order (as a stable sort by background would). Runs on every analysed frame, so it
 * selects in one reused typed array instead of sorting.
 */
export function fitLighting(
  background: ArrayLike<number>,
  frame: ArrayLike<number>,
  votes: Uint8Array,
): Lighting {
  if (scratch.length < 2 * votes.length) scratch = new Float64Array(2 * votes.length);
  let n = 0;
  for (let i = 0; i < votes.length; i++) if (votes[i] === 1) scratch[n++] = background[i];
  if (n < 3) return unchanged;
  const third = Math.floor(n / 3);
  // The darkest third ends at `low`, the brightest starts at `high`: each third then lies in place.
  const low = select(scratch, 0, n, third - 1);
  const high = select(scratch, third, n, n - third);
  // Of the blocks level with `low` the first `lowTies` are in the darkest third; of those level with
  // `high` the first `highSkips` are not in the brightest.
  let lowTies = third;
  let highSkips = n - third;
  for (let k = 0; k < n; k++) {
    if (scratch[k] < low) lowTies--;
    if (scratch[k] < high) highSkips--;
  }
  const spread = medianOf(scratch, n - third, n) - medianOf(scratch, 0, third);
  for (let i = 0, dark = n, bright = n + third; i < votes.length; i++) {
    if (votes[i] !== 1) continue;
    const level = background[i];
    if (level < low || (level === low && lowTies-- > 0)) scratch[dark++] = frame[i];
    if (level > high || (level === high && highSkips-- <= 0)) scratch[bright++] = frame[i];
  }
  let gain = 1;
  // Below ~10 gray levels of spread the slope is mostly noise.
  if (spread >= 10)
    gain = (medianOf(scratch, n + third, n + 2 * third) - medianOf(scratch, n, n + third)) / spread;
  gain = Math.min(4, Math.max(0.25, gain));
  for (let i = 0, k = 0; i < votes.length; i++) {
    if (votes[i] === 1) scratch[k++] = frame[i] - gain * background[i];
  }
  return { gain, offset: medianOf(scratch, 0, n) };
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
