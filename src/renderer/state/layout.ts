import { computed, signal } from '@preact/signals';

/** Where the phone's choice to fold the live picture away is remembered. */
const storageKey = 'motion-kiosk.live-collapsed';

/** The stacked (phone) layout of `styles/layout.css`: the one where the live picture can be folded. */
const stackedQuery = matchMedia('(max-width: 700px), (orientation: portrait)');

export const stacked = signal(stackedQuery.matches);
stackedQuery.addEventListener('change', () => {
  stacked.value = stackedQuery.matches;
});

/** The user folded the live picture away (phone layout only), so the history starts at the top. */
export const liveCollapsed = signal(localStorage.getItem(storageKey) === '1');

export function toggleLive(): void {
  liveCollapsed.value = !liveCollapsed.value;
  localStorage.setItem(storageKey, liveCollapsed.value ? '1' : '0');
}

/** Whether the live picture is on the page at all (folded pictures decode nothing). */
export const liveShown = computed(() => !(stacked.value && liveCollapsed.value));
