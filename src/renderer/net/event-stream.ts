import { EventFeed } from './event-feed';
import { joinLeaderStream } from './leader-stream';
import type { StreamListener, StreamMessage } from './stream-message';

/** How this tab shares the browser's one event stream. */
export type ShareMode = 'worker' | 'leader' | 'direct';

/** The best mode this browser supports; `?share=leader|direct` in the page URL overrides it (for tests). */
export function chooseShareMode(): ShareMode {
  const asked = new URLSearchParams(location.search).get('share');
  if (asked === 'worker' || asked === 'leader' || asked === 'direct') return asked;
  if (typeof SharedWorker !== 'undefined') return 'worker';
  if (typeof BroadcastChannel !== 'undefined' && navigator.locks) return 'leader';
  return 'direct';
}

/**
 * Subscribes this tab to the server's events through the browser-wide shared stream.
 * Returns the function that unsubscribes.
 */
export function subscribeEvents(listener: StreamListener, mode: ShareMode = chooseShareMode()): () => void {
  // Resolved against the page so that a dashboard behind a path prefix still finds its server.
  const url = new URL('events', document.baseURI).href;
  if (mode === 'worker') {
    try {
      return joinWorker(url, listener);
    } catch {
      // A worker refused by policy (e.g. an embedding's CSP): fall back to the next mode.
      mode = typeof BroadcastChannel !== 'undefined' && navigator.locks ? 'leader' : 'direct';
    }
  }
  document.documentElement.dataset.share = mode; // visible to tests and to anyone debugging a tab
  if (mode === 'leader') return joinLeaderStream(url, listener);
  const feed = new EventFeed({ url, listener });
  feed.start();
  return () => feed.stop();
}

function joinWorker(url: string, listener: StreamListener): () => void {
  const worker = new SharedWorker(new URL('./event-worker.ts', import.meta.url), {
    type: 'module',
    name: 'motion-kiosk-events',
  });
  document.documentElement.dataset.share = 'worker';
  worker.port.onmessage = (e: MessageEvent<StreamMessage>) => listener(e.data);
  worker.port.start();
  worker.port.postMessage({ url });
  const leave = () => worker.port.postMessage('bye');
  addEventListener('pagehide', leave);
  return () => {
    removeEventListener('pagehide', leave);
    leave();
    worker.port.close();
  };
}
