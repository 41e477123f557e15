import type { Role } from '../../shared/access';
import { newPairingCode, normalizeCode } from './tokens';

/** How long a pairing code works, in milliseconds. Default 10 minutes. */
export const PAIRING_TTL_MS = 10 * 60_000;
/** Codes alive at once; the oldest goes when an admin makes more. */
const MAX_CODES = 16;

interface Pending {
  role: Role;
  expiresAt: number;
}

export interface IssuedCode {
  code: string;
  role: Role;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * One-time pairing codes, in memory: a restart forgets them (the server prints a fresh one). A code works once,
 * for {@link PAIRING_TTL_MS}; guessing is bounded by the rate limit on the routes that take one.
 */
export class PairingCodes {
  readonly #codes = new Map<string, Pending>();

  /** @param now clock in ms; tests pass their own to expire codes without waiting. */
  constructor(
    private readonly ttlMs = PAIRING_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  issue(role: Role): IssuedCode {
    this.#sweep();
    while (this.#codes.size >= MAX_CODES) {
      const oldest = this.#codes.keys().next().value;
      if (oldest === undefined) break;
      this.#codes.delete(oldest);
    }
    let code = newPairingCode();
    while (this.#codes.has(code)) code = newPairingCode();
    const expiresAt = this.now() + this.ttlMs;
    this.#codes.set(code, { role, expiresAt });
    return { code, role, expiresAt };
  }

  /** The role a code grants, or null when it is unknown, used or expired. A code is gone once consumed. */
  consume(text: string): Role | null {
    const code = normalizeCode(text);
    const pending = this.#codes.get(code);
    if (!pending) return null;
    this.#codes.delete(code);
    return pending.expiresAt > this.now() ? pending.role : null;
  }

  /** Drops every admin code, for "renew" on the kiosk: the code on screen is the only one that works. */
  revokeRole(role: Role): void {
    for (const [code, pending] of this.#codes) if (pending.role === role) this.#codes.delete(code);
  }

  #sweep(): void {
    const t = this.now();
    for (const [code, pending] of this.#codes) if (pending.expiresAt <= t) this.#codes.delete(code);
  }
}
