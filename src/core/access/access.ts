import QRCode from 'qrcode';
import type { PairingCodeInfo, Role, SessionInfo } from '../../shared/access';
import { PairingCodes } from './pairing-codes';
import type { AccessRule } from './policy';
import { SessionStore } from './session-store';
import { DEFAULT_STREAM_CAPS, type StreamCaps, StreamGuard } from './stream-guard';
import { formatCode } from './tokens';

/** The session cookie's name. */
export const SESSION_COOKIE = 'mk_session';

export interface AccessOptions {
  /** False with `--no-auth` (or `auth: false` in the config file): every route is open. Default true. */
  enabled: boolean;
  /** Where `access.sqlite` (sessions, password hash) lives. */
  dataDir: string;
  /** Bearer token that may read `/metrics` (config file `metricsToken`); none by default. */
  metricsToken?: string;
  /** How long a pairing code works, in ms. Default 600,000 (10 minutes). */
  pairingTtlMs?: number;
  /** Pairing and sign-in attempts per client address per minute. Default 10. */
  attemptsPerMinute?: number;
  /** Streams per session. Default {@link DEFAULT_STREAM_CAPS}. */
  streamCaps?: StreamCaps;
  /** Clock for pairing-code expiry, in ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * Access control state of one server: sessions (SQLite), pairing codes (memory), open streams per session.
 * `registerAccess` (hooks.ts) enforces it on every route.
 */
export class Access {
  readonly enabled: boolean;
  readonly sessions: SessionStore;
  readonly codes: PairingCodes;
  readonly streams: StreamGuard;
  readonly metricsToken: string | undefined;
  readonly attemptsPerMinute: number;
  /** Every route registered under this access control, with its rule (the policy test walks them). */
  readonly routes: { method: string; url: string; rule: AccessRule }[] = [];
  /** True when the server speaks HTTPS: cookies get `Secure`. Set by the server. */
  secure = false;

  constructor(opts: AccessOptions) {
    this.enabled = opts.enabled;
    this.sessions = new SessionStore(opts.dataDir);
    this.codes = new PairingCodes(opts.pairingTtlMs, opts.now);
    this.streams = new StreamGuard(opts.streamCaps ?? DEFAULT_STREAM_CAPS);
    this.metricsToken = opts.metricsToken;
    this.attemptsPerMinute = opts.attemptsPerMinute ?? 10;
    this.sessions.onRevoke((id) => this.streams.closeSession(id));
  }

  /** A pairing code for `role`, with the URL that uses it (under `baseUrl`) and that URL as a QR code. */
  async issueCode(role: Role, baseUrl: string): Promise<PairingCodeInfo> {
    const issued = this.codes.issue(role);
    const url = pairingUrl(baseUrl, issued.code);
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { role, code: formatCode(issued.code), url, qrSvg, expiresAt: issued.expiresAt / 1000 };
  }

  /**
   * The admin code printed at start-up: only while no admin is paired and no password is set (a first run, or
   * every admin revoked), unless `force` (`--pair`). Null when access control is off.
   */
  startupCode(force: boolean): string | null {
    if (!this.enabled) return null;
    if (!force && (this.sessions.hasAdmin() || this.sessions.passwordHash() !== null)) return null;
    return this.codes.issue('admin').code;
  }

  /**
   * A fresh admin session for the kiosk window, made by the Electron main process and set as a cookie in the
   * window's session before the page loads; the previous kiosk session is revoked. Null when access is off.
   */
  kioskSession(): { cookie: string; token: string; session: SessionInfo } | null {
    if (!this.enabled) return null;
    this.sessions.revokeKioskSessions();
    const { token, session } = this.sessions.create('admin', 'kiosk screen', true);
    return { cookie: SESSION_COOKIE, token, session };
  }

  close(): void {
    this.sessions.close();
  }
}

export function pairingUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/$/, '')}/pair?code=${code}`;
}
