import { signal } from '@preact/signals';

/** Id of the event shown large, or null. */
export const openEventId = signal<number | null>(null);
