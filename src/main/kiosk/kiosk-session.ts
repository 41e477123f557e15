import type { Session } from 'electron';
import type { Core } from '../../core/core-api';

/**
 * Signs the kiosk window in as admin before its page loads: the core makes a fresh admin session (revoking the
 * previous kiosk one) and its token goes straight into the window's cookie jar as an HttpOnly, SameSite=Strict
 * cookie. No secret passes through a URL, the renderer, IPC or localStorage; being a session cookie (no expiry),
 * it is not written to disk by Chromium and dies with the process.
 */
export async function signInKiosk(ses: Session, core: Core): Promise<void> {
  const cookie = core.kioskSession();
  if (!cookie) return;
  await ses.cookies.set({
    url: core.url,
    name: cookie.name,
    value: cookie.value,
    path: '/',
    httpOnly: true,
    secure: cookie.secure,
    sameSite: 'strict',
  });
}
