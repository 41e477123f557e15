/**
 * The dashboard's Content-Security-Policy (docs/security.md explains each source). The core's server sends it on its
 * responses (`src/core/server/security-headers.ts`); the kiosk adds it to any response from the app's origin that
 * came without one (`src/main/kiosk/session.ts`).
 */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; font-src 'self'; object-src 'none'; frame-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
