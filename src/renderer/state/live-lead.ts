import { signal } from '@preact/signals';

/** Frames a second drawn by a window that is not the one in use, while another window shows the picture. */
export const backgroundFps = 5;

/** What the tabs of one browser say to each other about which one is in use. */
type LeadMessage =
  /** This tab was focused or touched at `at` (ms): it draws every frame now, the others slow down. */
  | { type: 'lead'; id: string; at: number }
  /** This tab, the one in use, stopped showing the picture or closed: nobody needs to slow down. */
  | { type: 'release'; id: string }
  /** A tab that just opened asks which one is in use. */
  | { type: 'who' };

/**
 * Whether this tab draws every live frame. Among the tabs of one browser that show the picture, the one
 * focused or touched last draws every frame and the others at most `backgroundFps`: eight dashboard
 * windows on two cores decoded 8 × the camera's rate and starved the server's own answers (a settings
 * save took 2–4 s). The tabs agree on a BroadcastChannel; where there is none, every tab draws every frame.
 */
export const liveLead = signal(true);

const id = Math.random().toString(36).slice(2);
let leadId: string | null = null;
/** When the tab in use claimed it; of two claims that cross on the channel, the later one wins everywhere. */
let leadAt = 0;
let channel: BroadcastChannel | null = null;
/** Whether this tab shows the picture now; one that does not never slows the others down. */
let showing = false;

function setLead(next: string | null, at = 0): void {
  leadId = next;
  leadAt = at;
  liveLead.value = next === null || next === id;
}

function later(a: { id: string; at: number }, b: { id: string | null; at: number }): boolean {
  return a.at > b.at || (a.at === b.at && a.id > (b.id ?? ''));
}

/** This tab is the one in use. */
function claim(): void {
  if (!showing || leadId === id) return;
  const at = Math.max(Date.now(), leadAt + 1);
  setLead(id, at);
  channel?.postMessage({ type: 'lead', id, at } satisfies LeadMessage);
}

function release(): void {
  if (leadId !== id) return;
  setLead(null);
  channel?.postMessage({ type: 'release', id } satisfies LeadMessage);
}

/**
 * Whether this tab shows the picture. Shown in the window in use, it draws every frame; no longer shown,
 * if it was the one in use, every tab may draw every frame again.
 */
export function liveShowing(now: boolean): void {
  showing = now;
  if (!now) release();
  else if (document.hasFocus()) claim();
}

/** Joins the browser's agreement on which tab is in use (once per tab). */
export function startLiveLead(): void {
  if (channel || typeof BroadcastChannel === 'undefined') return;
  channel = new BroadcastChannel('motion-kiosk-live-lead');
  channel.onmessage = (e: MessageEvent<LeadMessage>) => {
    const message = e.data;
    if (message.type === 'lead') {
      if (later(message, { id: leadId, at: leadAt })) setLead(message.id, message.at);
    } else if (message.type === 'release' && message.id === leadId) setLead(null);
    else if (message.type === 'who' && leadId === id) channel?.postMessage({ type: 'lead', id, at: leadAt });
  };
  channel.postMessage({ type: 'who' } satisfies LeadMessage);
  for (const event of ['focus', 'pointerdown', 'keydown'])
    addEventListener(event, claim, { capture: true, passive: true });
  addEventListener('pagehide', release);
}
