import { signal } from '@preact/signals';
import type { ApiError, AppState } from '../../shared/api';
import type { CameraStatus } from '../../shared/events';
import { saveSettings } from '../net/api';
import { sessionState } from './access';
import { settingsOpen } from './live';

/** The first-run guide's steps, in order; `camera` is the one a homeowner checks first. */
export const setupSteps = ['camera', 'masks', 'sensitivity', 'recording', 'done'] as const;
export type SetupStep = (typeof setupSteps)[number];

/** True while the first-run guide is shown in this tab. */
export const setupOpen = signal(false);
/** Index in `setupSteps` of the step shown. */
export const setupStep = signal(0);
/** The cameras the server offered when the guide opened. */
export const setupCameras = signal<CameraStatus[]>([]);
/** Why ending the guide was refused (shown in plain words); null when all is well. */
export const setupError = signal<ApiError | null>(null);
export const setupEnding = signal(false);

let offered = false;

/** Who may change settings: an admin, or anyone when access control is off. */
function mayConfigure(): boolean {
  const state = sessionState.value;
  return state !== null && (!state.auth || state.session?.role === 'admin');
}

/**
 * Opens the guide once per page load when the server says its data dir is new (`firstRun`) and this
 * browser may change settings. A viewer on a new kiosk sees the normal dashboard.
 */
export function offerSetup(state: AppState): void {
  if (offered) return;
  offered = true;
  const offer = state.firstRun === true && mayConfigure();
  // Tests and anyone checking can tell "decided not to offer" from "not decided yet".
  document.documentElement.dataset.setup = offer ? 'offered' : 'not-offered';
  if (!offer) return;
  setupCameras.value = state.cameras;
  setupStep.value = 0;
  settingsOpen.value = false;
  setupOpen.value = true;
}

export function goToStep(index: number): void {
  setupStep.value = Math.min(Math.max(index, 0), setupSteps.length - 1);
}

/**
 * Finishes or skips the guide: an empty settings update is saved, which ends the server's first run
 * (each step saved its own values already), so the guide never comes back, in any browser.
 */
export async function endSetup(): Promise<void> {
  setupEnding.value = true;
  const result = await saveSettings({});
  setupEnding.value = false;
  if (!result.ok) {
    setupError.value = result.error;
    return;
  }
  setupError.value = null;
  setupOpen.value = false;
}
