import { effect, signal } from '@preact/signals';
import { events } from './timeline';
import { openEventId } from './viewer';

/** An event asked for by the address (`#event-ID`, a tapped notification), until the timeline has it. */
const wanted = signal<number | null>(null);

function readHash(): void {
  const match = /^#event-(\d{1,12})$/.exec(location.hash);
  if (!match) return;
  wanted.value = Number(match[1]);
  // Closing the viewer must not reopen it on reload.
  history.replaceState(null, '', location.pathname + location.search);
}

/** Opens the event named in the address once it is loaded; a notification's tap lands here. */
export function startEventLinks(): void {
  readHash();
  addEventListener('hashchange', readHash);
  effect(() => {
    const id = wanted.value;
    if (id !== null && events.value.some((e) => e.id === id)) {
      wanted.value = null;
      openEventId.value = id;
    }
  });
}
