/** Frames per second over a sliding window of recent frame times. */
export class FpsMeter {
  readonly #times: number[] = [];

  /** @param windowMs how far back to count. Default 3000. */
  constructor(private readonly windowMs = 3000) {}

  tick(tsMs: number): void {
    this.#times.push(tsMs);
    this.#trim(tsMs);
  }

  rate(nowMs: number): number {
    this.#trim(nowMs);
    if (this.#times.length < 2) return 0;
    const span = (this.#times[this.#times.length - 1] - this.#times[0]) / 1000;
    return span > 0 ? Math.round(((this.#times.length - 1) / span) * 10) / 10 : 0;
  }

  #trim(nowMs: number): void {
    while (this.#times.length > 0 && this.#times[0] < nowMs - this.windowMs) this.#times.shift();
  }
}
