import type { ApiError, AppState, EventPage, LevelHistoryPage } from '../../shared/api';
import type { MotionLevel } from '../../shared/events';
import type { Settings, SettingsPatch } from '../../shared/settings';
import { csrfHeaders } from './access-api';

/** Paths are relative to the page so that the dashboard also works behind a path prefix. */
async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export function fetchState(): Promise<AppState> {
  return getJson('api/state');
}

/** The server's `level` samples of the last `seconds`, oldest first. */
export async function fetchLevels(seconds: number): Promise<MotionLevel[]> {
  return (await getJson<LevelHistoryPage>(`api/levels?seconds=${seconds}`)).levels;
}

export function fetchSettings(): Promise<Settings> {
  return getJson('api/settings');
}

/** Newest first; `before` pages into older events; `filters` are `GET /api/events`'s (see shared/api.ts). */
export function fetchEvents(
  before: number | null,
  limit: number,
  filters: Record<string, string> = {},
): Promise<EventPage> {
  const query = new URLSearchParams({ ...filters, limit: String(limit) });
  if (before !== null) query.set('before', String(before));
  return getJson(`api/events?${query}`);
}

/**
 * Outcome of `PUT /api/settings`: the server's settings, or its refusal: the one-line reason and, from
 * servers that send them, the field, code and limit (translated by the dashboard). `code: 'network'`
 * when the server could not be reached.
 */
export type SaveResult = { ok: true; settings: Settings } | { ok: false; error: ApiError };

export async function saveSettings(patch: SettingsPatch | Record<string, unknown>): Promise<SaveResult> {
  let res: Response;
  try {
    res = await fetch('api/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...csrfHeaders() },
      body: JSON.stringify(patch),
    });
  } catch (err) {
    return { ok: false, error: { error: err instanceof Error ? err.message : String(err), code: 'network' } };
  }
  const body = (await res.json().catch(() => null)) as Settings | ApiError | null;
  if (res.ok) {
    // The server answers with the new settings; any other body means asking for them.
    const settings = body && 'threshold' in body ? body : await fetchSettings();
    return { ok: true, settings };
  }
  return { ok: false, error: body && 'error' in body ? body : { error: `HTTP ${res.status}` } };
}

/** A change to the history (`POST`/`DELETE`): null when done, else the server's one-line reason. */
export async function changeHistory(
  method: 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<string | null> {
  try {
    const res = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...csrfHeaders(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.ok) return null;
    const answer = (await res.json().catch(() => null)) as ApiError | null;
    return answer?.error ?? `HTTP ${res.status}`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
