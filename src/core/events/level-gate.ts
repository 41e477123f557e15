/**
 * Keeps `level` fan-out to a share of one core: after an update that took d ms to send, the next one
 * sooner than d / share ms is dropped. With thousands of clients this lowers the live-graph rate instead
 * of starving motion events and video.
 */
export class LevelGate {
  #nextAt = 0;
  /** Updates dropped so far. */
  dropped = 0;

  /** @param share largest share of one core, in (0, 1]. */
  constructor(private readonly share: number) {
    if (!(share > 0 && share <= 1)) throw new Error('levelShare must be in (0, 1]');
  }

  /** Runs `send` unless it comes too soon after the last one. */
  pass(send: () => void): void {
    const start = performance.now();
    if (start < this.#nextAt) {
      this.dropped++;
      return;
    }
    send();
    this.#nextAt = start + (performance.now() - start) / this.share;
  }
}
