import { combineRates, LiveFeed, type LiveMessage, type LiveRate } from './live-feed';
import type { LiveSubscription } from './live-stream';

const channelName = 'motion-kiosk-live';

/** What the tabs say to each other besides the frames and states the leader relays. */
type Control =
  /** A new leader asks every tab whether it shows the picture. */
  | { type: 'hello' }
  /** A tab shows the picture (at `rate`) or stopped showing it. */
  | { type: 'viewer'; id: string; active: boolean; rate: LiveRate }
  | { type: 'bye'; id: string };

/**
 * The live picture where SharedWorker is missing (Chrome on Android before 2025, some WebViews): the
 * tabs elect a leader with a Web Lock, as the event stream does (`leader-stream.ts`). The leader holds
 * the one `/stream.mjpg` while any tab shows the picture and relays every JPEG (its bytes) on a
 * BroadcastChannel; each tab decodes the frames itself, keeping only the newest while it
 * is still drawing. When the leader's tab closes its lock is released, the next waiting tab takes over,
 * asks who is watching and opens the stream itself.
 */
export function joinLiveLeader(
  url: string,
  rate: LiveRate,
  listener: (message: LiveMessage) => void,
): LiveSubscription {
  const channel = new BroadcastChannel(channelName);
  const id = Math.random().toString(36).slice(2);
  const abort = new AbortController();
  /** Set while this tab is the leader. */
  let feed: LiveFeed | null = null;
  let resign: (() => void) | undefined;
  /** The leader's view of the other tabs showing the picture: id → rate asked. */
  const watchers = new Map<string, LiveRate>();
  let active = false;
  let ready = true;
  let pending: LiveMessage | null = null;

  const deliver = (message: LiveMessage) => {
    if (!active) return;
    if (message.type === 'state') listener(message);
    else if (!ready) pending = message;
    else {
      ready = false;
      pending = null;
      listener(message);
    }
  };
  /** The leader runs the stream while anyone shows the picture, at the highest rates asked. */
  const reconcile = () => {
    if (!feed) return;
    const wanted = [...watchers.values(), ...(active ? [rate] : [])];
    if (wanted.length === 0) return feed.stop();
    feed.setRate(combineRates(wanted));
    feed.start();
  };
  const announce = () => channel.postMessage({ type: 'viewer', id, active, rate } satisfies Control);

  channel.onmessage = (e: MessageEvent<LiveMessage | Control>) => {
    const message = e.data;
    if (message.type === 'frame' || message.type === 'state') deliver(message);
    else if (message.type === 'hello') announce();
    else if (feed) {
      if (message.type === 'viewer' && message.active) watchers.set(message.id, message.rate);
      else watchers.delete(message.id);
      reconcile();
    }
  };
  navigator.locks
    .request(channelName, { signal: abort.signal }, () => {
      document.documentElement.dataset.liveLeader = 'true'; // for tests and anyone debugging a tab
      feed = new LiveFeed({
        url,
        listener: (message) => {
          deliver(message);
          channel.postMessage(message);
        },
      });
      channel.postMessage({ type: 'hello' } satisfies Control);
      reconcile();
      return new Promise<void>((resolve) => {
        resign = resolve;
      });
    })
    .catch(() => {}); // aborted while waiting: this tab left before becoming leader

  const leave = () => channel.postMessage({ type: 'bye', id } satisfies Control);
  addEventListener('pagehide', leave);
  return {
    mode: 'leader',
    setActive(next) {
      if (next === active) return;
      active = next;
      announce();
      reconcile();
    },
    ready() {
      ready = true;
      const next = pending;
      if (next) deliver(next);
    },
    close() {
      removeEventListener('pagehide', leave);
      leave();
      abort.abort();
      feed?.stop();
      resign?.();
      channel.close();
    },
  };
}
