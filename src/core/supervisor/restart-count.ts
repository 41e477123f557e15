const HOUR_MS = 3_600_000;

/** Restart times in the last hour, plus the total since start-up. */
export class RestartCount {
  readonly #times: number[] = [];
  total = 0;

  add(now = Date.now()): void {
    this.total++;
    this.#times.push(now);
    this.#trim(now);
  }

  lastHour(now = Date.now()): number {
    this.#trim(now);
    return this.#times.length;
  }

  #trim(now: number): void {
    while (this.#times.length > 0 && this.#times[0] <= now - HOUR_MS) this.#times.shift();
  }
}
