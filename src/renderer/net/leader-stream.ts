import { EventFeed } from './event-feed';
import type { StreamListener, StreamMessage } from './stream-message';

const channelName = 'motion-kiosk-events';

/**
 * Fallback where SharedWorker is missing (Chrome on Android before 2025, some WebViews): the tabs
 * elect a leader with a Web Lock; the leader holds the one EventSource and rebroadcasts every
 * message on a BroadcastChannel. When the leader's tab closes, its lock is released and the next
 * waiting tab takes over (resuming by the last event id it saw). Returns the function that leaves.
 */
export function joinLeaderStream(url: string, listener: StreamListener): () => void {
  const channel = new BroadcastChannel(channelName);
  const abort = new AbortController();
  let feed: EventFeed | null = null;
  let resign: (() => void) | undefined;

  channel.onmessage = (e: MessageEvent<StreamMessage | 'hello'>) => {
    if (e.data !== 'hello') listener(e.data);
    else if (feed) for (const message of feed.snapshot()) channel.postMessage(message);
  };
  navigator.locks
    .request(channelName, { signal: abort.signal }, () => {
      feed = new EventFeed({
        url,
        listener: (message) => {
          listener(message);
          channel.postMessage(message);
        },
      });
      feed.start();
      return new Promise<void>((resolve) => {
        resign = resolve;
      });
    })
    .catch(() => {}); // aborted while waiting: this tab left before becoming leader
  channel.postMessage('hello');

  return () => {
    abort.abort();
    feed?.stop();
    resign?.();
    channel.close();
  };
}
