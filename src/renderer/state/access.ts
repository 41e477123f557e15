import { effect, signal, untracked } from '@preact/signals';
import type { SessionState } from '../../shared/access';
import { fetchSession } from '../net/access-api';
import { connect } from './connect';
import { connection } from './live';

/** Who this browser is (null until the first answer). */
export const sessionState = signal<SessionState | null>(null);
/** Whether the devices (sessions and pairing) panel is open. */
export const accessOpen = signal(false);
/** Set when the session server answered with an error, so the gate can say so instead of spinning. */
export const sessionError = signal(false);

/** True when this browser may see the dashboard: signed in, or access control off. */
export function signedIn(state: SessionState | null = sessionState.value): boolean {
  return state !== null && (!state.auth || state.session !== null);
}

export function isAdmin(state: SessionState | null = sessionState.value): boolean {
  return state?.auth === true && state.session?.role === 'admin';
}

export async function refreshSession(): Promise<void> {
  try {
    sessionState.value = await fetchSession();
    sessionError.value = false;
  } catch {
    sessionError.value = true;
  }
}

let disconnect: (() => void) | null = null;

/**
 * Connects the dashboard's streams once signed in and disconnects them when the session ends. A stream that goes
 * down makes this ask who we are again: a revoked session then lands on the sign-in screen.
 */
export function startAccess(): void {
  effect(() => {
    const allowed = signedIn();
    if (allowed && !disconnect) disconnect = untracked(connect);
    if (!allowed && disconnect && sessionState.value) {
      disconnect();
      disconnect = null;
    }
  });
  effect(() => {
    if (connection.value === 'down' && sessionState.value?.auth) void refreshSession();
  });
  void refreshSession();
}
