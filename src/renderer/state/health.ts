import { signal } from '@preact/signals';
import type { HealthState } from '../../shared/events';

/** What the server says is wrong now (`event: health`, `/api/state`); null until first heard. */
export const health = signal<HealthState | null>(null);
