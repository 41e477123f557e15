/** Access roles: a `viewer` watches (live view, events, snapshots, clips); an `admin` also changes things. */
export type Role = 'viewer' | 'admin';

/** One signed-in device, as `GET /api/sessions` lists it. Times are Unix seconds. */
export interface SessionInfo {
  id: number;
  role: Role;
  /** Given by an admin ("kitchen tablet"); a new session is named after its browser. */
  name: string;
  createdAt: number;
  lastSeenAt: number;
  /** The kiosk window's own session, made by the Electron main process. */
  kiosk: boolean;
  /** True for the session that made the request. */
  current?: boolean;
}

/** `GET /api/session`: who this browser is. Open without a session, so the dashboard can show its sign-in screen. */
export interface SessionState {
  /** False when the server runs with `--no-auth`: everything is open. */
  auth: boolean;
  /** Null when not signed in (or when auth is off). */
  session: SessionInfo | null;
  /** Send back as the `X-CSRF-Token` header on every PUT, POST, PATCH and DELETE. Null without a session. */
  csrf: string | null;
  /** Whether a password is set, so the sign-in screen offers it. */
  passwordSet: boolean;
}

/** `POST /api/pairing-codes`: a one-time code for a new device. */
export interface PairingCodeInfo {
  role: Role;
  /** Short code to type, `ABCD-EFGH`. */
  code: string;
  /** URL that pairs whoever opens it (the QR code's content). */
  url: string;
  /** That URL as a QR code, an SVG document. */
  qrSvg: string;
  /** Unix seconds. */
  expiresAt: number;
}

/** Header the dashboard sends the CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';
