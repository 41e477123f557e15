import { signal } from '@preact/signals';
import type { ArmingStatus } from '../../shared/events';
import { setArmed } from '../net/integrations-api';
import { isAdmin, sessionState } from './access';

/** The arm switch and the schedule's effect, from the stream's `arming` message (null until the first). */
export const arming = signal<ArmingStatus | null>(null);
/** The last arm/disarm request failed: its reason, shown beside the button. */
export const armingError = signal<string | null>(null);

/** Admins change settings; with access control off, everyone is one. */
export function mayAdminister(): boolean {
  return sessionState.value?.auth === false || isAdmin();
}

export async function toggleArmed(): Promise<void> {
  const current = arming.value;
  if (!current) return;
  const result = await setArmed(!current.armed);
  armingError.value = result.ok ? null : result.error;
  // The stream brings the new state to every page; this page need not wait for it.
  if (result.ok) arming.value = { ...current, ...result.value };
}
