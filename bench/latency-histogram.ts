/** Latencies in 0.1 ms bins up to 10 s (anything slower lands in the last bin), mergeable across processes. */
export class LatencyHistogram {
  static readonly BIN_MS = 0.1;
  static readonly BINS = 100_001;
  readonly bins: Uint32Array;
  count = 0;
  max = 0;

  constructor(bins?: number[]) {
    this.bins = bins ? Uint32Array.from(bins) : new Uint32Array(LatencyHistogram.BINS);
    for (const n of this.bins) this.count += n;
  }

  record(ms: number): void {
    const value = Math.max(0, ms);
    this.bins[Math.min(LatencyHistogram.BINS - 1, Math.floor(value / LatencyHistogram.BIN_MS))]++;
    this.count++;
    if (value > this.max) this.max = value;
  }

  merge(other: { bins: number[]; max: number }): void {
    for (let i = 0; i < other.bins.length; i++) {
      this.bins[i] += other.bins[i];
      this.count += other.bins[i];
    }
    this.max = Math.max(this.max, other.max);
  }

  /** The latency (ms, upper edge of its bin) below which `p` (0..1) of the samples fall. */
  percentile(p: number): number {
    const target = Math.ceil(p * this.count);
    let seen = 0;
    for (let i = 0; i < this.bins.length; i++) {
      seen += this.bins[i];
      if (seen >= target && seen > 0) return (i + 1) * LatencyHistogram.BIN_MS;
    }
    return 0;
  }

  toJSON(): { bins: number[]; max: number } {
    return { bins: Array.from(this.bins), max: this.max };
  }
}
