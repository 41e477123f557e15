import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// Format: scrypt$N$r$p$<salt base64>$<key base64>. scripts/hash-pin.mjs writes the same; pin.test.ts checks both agree.
const PREFIX = 'scrypt';
const KEY_LENGTH = 32;

/** Hashes a PIN for the config file (`kiosk.pinHash`). */
export function hashPin(pin: string, salt: Buffer = randomBytes(16)): string {
  const N = 16_384;
  const r = 8;
  const p = 1;
  const key = scryptSync(pin, salt, KEY_LENGTH, { N, r, p });
  return [PREFIX, N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `pin` matches `hash`. Constant-time in the PIN; a malformed hash throws naming the field. */
export function verifyPin(pin: string, hash: string): boolean {
  const parts = hash.split('$');
  const [prefix, n, r, p, salt, key] = parts;
  const expected = Buffer.from(key ?? '', 'base64');
  if (parts.length !== 6 || prefix !== PREFIX || expected.length !== KEY_LENGTH) {
    throw new Error('kiosk.pinHash: not a hash from scripts/hash-pin.mjs');
  }
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), KEY_LENGTH, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

/** Options of {@link PinGate}. */
export interface PinGateOptions {
  /** `kiosk.pinHash`; null = no PIN configured, every attempt is refused. */
  hash: string | null;
  /** Wrong attempts before a lock-out. Default 5. */
  maxFailures?: number;
  /** Lock-out length in milliseconds. Default 60 000. */
  lockoutMs?: number;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/** Checks exit PINs and locks out guessing from the screen after repeated failures. */
export class PinGate {
  private failures = 0;
  private lockedUntil = 0;

  constructor(private readonly opts: PinGateOptions) {}

  /** Returns null when the PIN is accepted, else the reason it is not. */
  check(pin: unknown): string | null {
    const { hash, maxFailures = 5, lockoutMs = 60_000, now = Date.now } = this.opts;
    if (hash === null) return 'no exit PIN is configured (kiosk.pinHash)';
    const t = now();
    if (t < this.lockedUntil)
      return `too many wrong PINs; try again in ${Math.ceil((this.lockedUntil - t) / 1000)} s`;
    if (typeof pin === 'string' && pin.length <= 64 && verifyPin(pin, hash)) {
      this.failures = 0;
      return null;
    }
    this.failures += 1;
    if (this.failures >= maxFailures) {
      this.failures = 0;
      this.lockedUntil = t + lockoutMs;
    }
    return 'wrong PIN';
  }
}
