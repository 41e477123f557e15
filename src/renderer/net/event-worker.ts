/// <reference lib="webworker" />
import { EventFeed } from './event-feed';
import type { StreamMessage } from './stream-message';

/**
 * SharedWorker holding the one `/events` connection of this browser: every tab of the dashboard
 * connects a port and gets every message, so that many tabs cost one of the six HTTP/1.1
 * connections a browser allows per host.
 *
 * Protocol: a tab posts `{ url }` once (the SSE endpoint as the page resolved it) and `'bye'` when it
 * goes away; the worker posts `StreamMessage`s.
 */
declare const self: SharedWorkerGlobalScope;

const ports = new Set<MessagePort>();
let feed: EventFeed | null = null;

function broadcast(message: StreamMessage): void {
  for (const port of ports) port.postMessage(message);
}

self.onconnect = (event) => {
  const port = event.ports[0];
  port.onmessage = (e: MessageEvent<{ url: string } | 'bye'>) => {
    if (e.data === 'bye') {
      ports.delete(port);
      return;
    }
    if (!feed) {
      feed = new EventFeed({ url: e.data.url, listener: broadcast });
      feed.start();
    }
    for (const message of feed.snapshot()) port.postMessage(message);
    ports.add(port);
  };
  port.start();
};
