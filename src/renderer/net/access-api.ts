import type { PairingCodeInfo, Role, SessionInfo, SessionState } from '../../shared/access';
import { CSRF_HEADER } from '../../shared/access';
import type { ApiError } from '../../shared/api';

/** The session's CSRF token, from `GET /api/session`; kept in memory only, never in storage. */
let csrf: string | null = null;

/** Headers every state-changing request of the dashboard carries. */
export function csrfHeaders(): Record<string, string> {
  return csrf ? { [CSRF_HEADER]: csrf } : {};
}

/**
 * Outcome of an access request: the answer, or the server's one-line reason (and, when the server sent them, its
 * field, code and limit in `detail`, for a message in the UI's language).
 */
export type AccessResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: string; status: number; detail?: ApiError };

/** One JSON request with the CSRF header; never throws. */
export async function call<T>(method: string, path: string, body?: unknown): Promise<AccessResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...csrfHeaders(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err), status: 0 };
  }
  const parsed = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.ok) return { ok: true, value: parsed as T };
  const error = parsed && typeof parsed.error === 'string' ? parsed.error : `HTTP ${res.status}`;
  const detail = parsed && typeof parsed.code === 'string' ? (parsed as ApiError) : undefined;
  return { ok: false, error, status: res.status, ...(detail ? { detail } : {}) };
}

/** Who this browser is; also refreshes the CSRF token. */
export async function fetchSession(): Promise<SessionState> {
  const res = await fetch('api/session', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`api/session: HTTP ${res.status}`);
  const state = (await res.json()) as SessionState;
  csrf = state.csrf;
  return state;
}

export const pairWithCode = (code: string) => call<SessionInfo>('POST', 'api/pair', { code });
export const signInWithPassword = (password: string) =>
  call<SessionInfo>('POST', 'api/sign-in', { password });
export const signOut = () => call<null>('POST', 'api/sign-out');
export const listSessions = () => call<SessionInfo[]>('GET', 'api/sessions');
export const renameSession = (id: number, name: string) =>
  call<SessionInfo>('PATCH', `api/sessions/${id}`, { name });
export const revokeSession = (id: number) => call<null>('DELETE', `api/sessions/${id}`);
export const createPairingCode = (role: Role) => call<PairingCodeInfo>('POST', 'api/pairing-codes', { role });
export const setPassword = (password: string) => call<null>('PUT', 'api/password', { password });
