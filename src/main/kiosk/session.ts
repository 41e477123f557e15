import type { App, Session } from 'electron';
import type { Logger } from 'pino';
import { DASHBOARD_CSP } from '../../shared/csp';
import { isAppUrl } from './origin';

/**
 * Locks down the kiosk session: every permission request and check is denied (the dashboard needs none: no
 * camera, microphone, notifications, geolocation, USB, serial, HID or screen capture) and responses from the
 * app's origin get {@link DASHBOARD_CSP} when the server sent none.
 */
export function hardenSession(session: Session, origin: string, log: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    log.warn({ permission, url: details.requestingUrl }, 'permission request denied');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = details.responseHeaders ?? {};
    const hasCsp = Object.keys(headers).some((name) => name.toLowerCase() === 'content-security-policy');
    if (hasCsp || !isAppUrl(details.url, origin)) return callback({});
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [DASHBOARD_CSP] } });
  });
}

/**
 * Applies to every web contents the app ever creates, not just the kiosk window: no `<webview>`, no new windows,
 * no navigation away from the app's origin.
 */
export function hardenAllContents(app: App, origin: string, log: Logger): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log.warn('webview blocked');
    });
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, origin)) event.preventDefault();
    });
  });
}
