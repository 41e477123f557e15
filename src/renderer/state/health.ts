import { signal } from '@preact/signals';
import type { HealthState } from '../../shared/events';

/** What the server says is wrong now (`event: health`, `/api/state`); null until first heard. */
export const health = signal<HealthState | null>(null);

/** Why recordings stopped (disk nearly full and nothing left to delete), from `/api/state`; null when they run. */
export const recordingsProblem = signal<string | null>(null);
