/**
 * Turns a camera's state into a health problem once it has been offline (or stuck starting) for longer
 * than the grace time: a restart that recovers in a second is not an outage worth a 503.
 */
export class OfflineWatch {
  #timer: NodeJS.Timeout | undefined;
  #since = 0;
  #message = '';

  /** @param graceMs how long a camera may be down before `report` hears of it. */
  constructor(
    private readonly graceMs: number,
    private readonly report: (problem: string | null) => void,
  ) {}

  update(state: 'starting' | 'online' | 'offline', message: string | undefined): void {
    if (state === 'online') {
      this.stop();
      this.#since = 0;
      this.report(null);
      return;
    }
    this.#message = message ?? state;
    if (this.#since === 0) {
      this.#since = Date.now();
      this.#timer = setTimeout(() => this.#tell(), this.graceMs);
      this.#timer.unref();
    } else if (Date.now() - this.#since >= this.graceMs) {
      this.#tell();
    }
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  #tell(): void {
    const seconds = Math.round((Date.now() - this.#since) / 1000);
    this.report(`down for ${seconds} s: ${this.#message}`);
  }
}
