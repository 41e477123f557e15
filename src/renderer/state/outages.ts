import { signal } from '@preact/signals';
import { formatClock } from '../i18n/format';
import { fetchState } from '../net/api';
import { currentLevel, loadLevelHistory, serverNow } from './levels';
import { showNotice } from './notices';

/**
 * A stretch without contact with the server, in server seconds. `serverDown`: the server itself was
 * not running (it restarted after `from`), so nothing was recorded until `to`; otherwise only this
 * browser lost its connection, and the events of that time were replayed on reconnect.
 */
export interface Outage {
  from: number;
  to: number;
  serverDown: boolean;
}

/** Outages seen by this tab, oldest first (the last 20). */
export const outages = signal<Outage[]>([]);

/** How long the banner about an outage that is over stays, in ms. */
const bannerMs = 10_000;

/** Start of the outage going on now (server seconds), or null while connected. */
export const offlineSince = signal<number | null>(null);

/** The event stream dropped: the outage starts when the server was last heard from. */
export function connectionDown(): void {
  offlineSince.value ??= currentLevel()?.ts ?? serverNow();
}

/**
 * The event stream is back: asks the server when it started to tell a restart (nothing recorded
 * while it was down) from a lost connection (events replayed), records the outage, says so in a
 * banner that goes by itself, and refills the graph with what the server saw meanwhile.
 */
export async function connectionBack(): Promise<void> {
  const from = offlineSince.value;
  if (from === null) return;
  offlineSince.value = null;
  let to = serverNow();
  let serverDown = false;
  try {
    const state = await fetchState();
    if (state.startedAt !== undefined && state.startedAt > from) {
      serverDown = true;
      to = state.startedAt;
    }
  } catch {
    // Unknown: say only what is sure, that this browser had no connection.
  }
  outages.value = [...outages.value.slice(-19), { from, to, serverDown }];
  const params = { from: formatClock(from), to: formatClock(to) };
  showNotice(serverDown ? 'outage.serverOffline' : 'outage.connectionLost', params, bannerMs);
  await loadLevelHistory();
}
