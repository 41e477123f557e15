import type { ApiError, AppState, EventPage } from '../../shared/api';
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

export function fetchSettings(): Promise<Settings> {
  return getJson('api/settings');
}

/** Newest first; `before` pages into older events. */
export function fetchEvents(before: number | null, limit: number): Promise<EventPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (before !== null) query.set('before', String(before));
  return getJson(`api/events?${query}`);
}

/** Outcome of `PUT /api/settings`: the server's settings, or its one-line reason for refusing. */
export type SaveResult = { ok: true; settings: Settings } | { ok: false; error: string };

export async function saveSettings(patch: SettingsPatch | Record<string, unknown>): Promise<SaveResult> {
  let res: Response;
  try {
    res = await fetch('api/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...csrfHeaders() },
      body: JSON.stringify(patch),
    });
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  const body = (await res.json().catch(() => null)) as Settings | ApiError | null;
  if (res.ok) {
    // The server answers with the new settings; any other body means asking for them.
    const settings = body && 'threshold' in body ? body : await fetchSettings();
    return { ok: true, settings };
  }
  return { ok: false, error: body && 'error' in body ? body.error : `HTTP ${res.status}` };
}
