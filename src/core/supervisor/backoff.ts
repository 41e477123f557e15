/** Restart timing, all in milliseconds. */
export interface BackoffOptions {
  /** First delay after a failure. Default 1000. */
  firstDelayMs?: number;
  /** Longest delay; the supervisor never waits longer than this between attempts. Default 10000. */
  maxDelayMs?: number;
  /**
   * Random spread of each delay, as a fraction (0.2 = ±20 %), so that cameras that failed together do not
   * retry in lockstep. Never pushes a delay past `maxDelayMs`. Default 0.2.
   */
  jitter?: number;
}

/** Exponential back-off with jitter, doubling from `firstDelayMs` up to `maxDelayMs`. */
export class Backoff {
  readonly first: number;
  readonly max: number;
  readonly #jitter: number;
  #base: number;

  constructor(
    opts: BackoffOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.first = opts.firstDelayMs ?? 1000;
    this.max = opts.maxDelayMs ?? 10_000;
    this.#jitter = opts.jitter ?? 0.2;
    if (!(this.first > 0 && this.max >= this.first))
      throw new Error('back-off needs 0 < firstDelayMs ≤ maxDelayMs');
    this.#base = this.first;
  }

  /** The delay before the next attempt; the one after it doubles. */
  next(): number {
    const spread = 1 + this.#jitter * (2 * this.random() - 1);
    const delay = Math.min(this.max, Math.round(this.#base * spread));
    this.#base = Math.min(this.max, this.#base * 2);
    return delay;
  }

  /** Back to `firstDelayMs` (after a healthy run). */
  reset(): void {
    this.#base = this.first;
  }
}
