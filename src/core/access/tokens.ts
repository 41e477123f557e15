import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A session secret: 32 random bytes, base64url (43 characters). Only its hash is stored. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: a leaked database does not let anyone sign in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The CSRF token of a session: derived from its secret, so it needs no storage, differs per session, and a page
 * on another site can neither read nor guess it. The dashboard reads it from `GET /api/session` and sends it back
 * in the `X-CSRF-Token` header.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf\0${sessionToken}`).digest('base64url');
}

/** Crockford base32 without I, L, O, U: nothing to confuse when typing a code from a screen. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters in a pairing code: 8 × 5 bits = 40 bits, against a handful of guesses a minute. */
export const CODE_LENGTH = 8;

export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A typed code as the store keeps it: upper case, dashes and spaces dropped, look-alikes mapped. */
export function normalizeCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** `ABCD-EFGH`: easier to read aloud and type. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
