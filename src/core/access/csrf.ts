import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { CSRF_HEADER } from '../../shared/access';

/** Methods that change nothing; every other one goes through the CSRF checks. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method);
}

/**
 * Why a state-changing request looks cross-site, or null when it does not. Browsers send `Sec-Fetch-Site` and
 * `Origin` on every POST, PUT, PATCH and DELETE; a client that sends neither is not a browser (curl, scripts)
 * and cannot be a victim of CSRF, so it passes here and still needs the session's token.
 */
export function crossSiteReason(headers: IncomingHttpHeaders, ownOrigin: string): string | null {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `cross-site request refused (Sec-Fetch-Site: ${String(site).slice(0, 20)})`;
  }
  const origin = headers.origin;
  if (origin !== undefined && origin !== ownOrigin) return 'cross-site request refused (foreign Origin)';
  return null;
}

/** Constant-time check of the `X-CSRF-Token` header against the session's token. */
export function csrfTokenMatches(headers: IncomingHttpHeaders, expected: string): boolean {
  const sent = headers[CSRF_HEADER];
  return typeof sent === 'string' && sameSecret(sent, expected);
}

/** Compares two secrets in constant time (for equal lengths; the length of a token is no secret). */
export function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
