/** How much history the store keeps; whichever limit is hit first prunes the oldest events. */
export interface RetentionOptions {
  /** Days an event is kept. Default 30; 0 = no age limit. */
  maxAgeDays?: number;
  /** `motion` events kept. Default 10,000; 0 = no count limit. */
  maxEvents?: number;
  /** Bytes of snapshot JPEGs kept. Default 1 GiB; 0 = no size limit. */
  maxSnapshotBytes?: number;
  /** How often the age limit is checked, in milliseconds. Default 60,000. */
  intervalMs?: number;
}

export type Retention = Required<RetentionOptions>;

export const defaultRetention: Retention = {
  maxAgeDays: 30,
  maxEvents: 10_000,
  maxSnapshotBytes: 1024 ** 3,
  intervalMs: 60_000,
};

/** Fills in defaults and rejects nonsense with a message naming the option. */
export function resolveRetention(opts: RetentionOptions = {}): Retention {
  const merged = { ...defaultRetention, ...opts };
  for (const [name, value] of Object.entries(merged)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`retention.${name} must be a number ≥ 0, got ${value}`);
    }
  }
  if (merged.intervalMs < 10) throw new Error(`retention.intervalMs must be ≥ 10, got ${merged.intervalMs}`);
  return merged;
}
