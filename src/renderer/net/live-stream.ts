import { LiveFeed, type LiveMessage } from './live-feed';
import type { LiveRequest } from './live-worker';

/** A tab's handle on the browser's shared live picture. */
export interface LiveSubscription {
  /** How the picture is shared: one stream per browser (`worker`) or one per tab (`direct`). */
  readonly mode: 'worker' | 'direct';
  /** Whether this tab shows the picture now (visible, screen awake); frames come only while active. */
  setActive(active: boolean): void;
  /** The last frame is drawn: the next may come. */
  ready(): void;
  close(): void;
}

/**
 * Subscribes this tab to the live picture. With SharedWorker (every desktop browser, Chrome on
 * Android since 2025) all tabs of the browser share one `/stream.mjpg`; elsewhere, or with `?share=direct`,
 * each tab reads its own. `fps` caps the rate asked of the server (null: the camera's own rate).
 */
export function subscribeLive(
  fps: number | null,
  listener: (message: LiveMessage) => void,
): LiveSubscription {
  const url = new URL('stream.mjpg', document.baseURI).href;
  const asked = new URLSearchParams(location.search).get('share');
  if (typeof SharedWorker !== 'undefined' && asked !== 'direct') {
    try {
      return joinWorker(url, fps, listener);
    } catch {
      // A worker refused by policy: each tab reads its own stream.
    }
  }
  const feed = new LiveFeed({ url, listener });
  feed.setFps(fps);
  return {
    mode: 'direct',
    setActive: (active) => (active ? feed.start() : feed.stop()),
    ready: () => {},
    close: () => feed.stop(),
  };
}

function joinWorker(
  url: string,
  fps: number | null,
  listener: (message: LiveMessage) => void,
): LiveSubscription {
  const worker = new SharedWorker(new URL('./live-worker.ts', import.meta.url), {
    type: 'module',
    name: 'motion-kiosk-live',
  });
  const post = (request: LiveRequest) => worker.port.postMessage(request);
  worker.port.onmessage = (e: MessageEvent<LiveMessage>) => listener(e.data);
  worker.port.start();
  post({ type: 'join', url, fps });
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
