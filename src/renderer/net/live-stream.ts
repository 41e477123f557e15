import { chooseShareMode, type ShareMode } from './event-stream';
import { LiveFeed, type LiveMessage, type LiveRate } from './live-feed';
import { joinLiveLeader } from './live-leader';
import type { LiveRequest } from './live-worker';

/** A tab's handle on the browser's shared live picture. */
export interface LiveSubscription {
  /** How the picture is shared: one stream per browser (`worker`, `leader`) or one per tab (`direct`). */
  readonly mode: ShareMode;
  /** Whether this tab shows the picture now (visible, screen awake); frames come only while active. */
  setActive(active: boolean): void;
  /** The last frame is drawn: the next may come. */
  ready(): void;
  close(): void;
}

/**
 * Subscribes this tab to the live picture, shared as the event stream is (`chooseShareMode`, `?share=`):
 * with SharedWorker (every desktop browser, Chrome on Android since 2025) all tabs of the browser share
 * one `/stream.mjpg`; without it a leader tab holds it and relays the frames (`live-leader.ts`); with
 * neither, or `?share=direct`, each tab reads its own. `rate` caps what is asked of the server.
 */
export function subscribeLive(
  rate: LiveRate,
  listener: (message: LiveMessage) => void,
  mode: ShareMode = chooseShareMode(),
): LiveSubscription {
  const url = new URL('stream.mjpg', document.baseURI).href;
  if (mode === 'worker') {
    try {
      return joinWorker(url, rate, listener);
    } catch {
      // A worker refused by policy: the next best way.
      mode = typeof BroadcastChannel !== 'undefined' && navigator.locks ? 'leader' : 'direct';
    }
  }
  if (mode === 'leader') return joinLiveLeader(url, rate, listener);
  const feed = new LiveFeed({ url, listener });
  feed.setRate(rate);
  return {
    mode: 'direct',
    setActive: (active) => (active ? feed.start() : feed.stop()),
    ready: () => {},
    close: () => feed.stop(),
  };
}

function joinWorker(url: string, rate: LiveRate, listener: (message: LiveMessage) => void): LiveSubscription {
  const worker = new SharedWorker(new URL('./live-worker.ts', import.meta.url), {
    type: 'module',
    name: 'motion-kiosk-live',
  });
  const post = (request: LiveRequest) => worker.port.postMessage(request);
  worker.port.onmessage = (e: MessageEvent<LiveMessage>) => listener(e.data);
  worker.port.start();
  post({ type: 'join', url, rate });
  const leave = () => post({ type: 'bye' });
  addEventListener('pagehide', leave);
  return {
    mode: 'worker',
    setActive: (active) => post({ type: 'active', active }),
    ready: () => post({ type: 'ready' }),
    close: () => {
      removeEventListener('pagehide', leave);
      leave();
      worker.port.close();
    },
  };
}
