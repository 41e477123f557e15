/// <reference lib="webworker" />
import { combineRates, LiveFeed, type LiveMessage, type LiveRate } from './live-feed';

/**
 * SharedWorker holding this browser's one `/stream.mjpg` connection: it splits the stream into JPEG
 * frames and posts each (its bytes, a 20–60 kB copy per tab) to every tab whose picture is on screen.
 * Each tab decodes and draws it, then asks for the next; a tab still drawing gets only the newest frame
 * when it is ready, so a slow tab skips frames and nothing queues. With no tab on screen the connection
 * is closed. See `live-stream.ts` for the tab's side of the protocol (`LiveRequest`).
 */
declare const self: SharedWorkerGlobalScope;

/** What a tab posts. */
export type LiveRequest =
  | { type: 'join'; url: string; rate: LiveRate }
  | { type: 'active'; active: boolean }
  | { type: 'ready' }
  | { type: 'bye' };

interface Viewer {
  rate: LiveRate;
  active: boolean;
  ready: boolean;
  pending: Uint8Array<ArrayBuffer> | null;
}

const viewers = new Map<MessagePort, Viewer>();
let feed: LiveFeed | null = null;
let lastFrame: Uint8Array<ArrayBuffer> | null = null;
let lastState: LiveMessage | null = null;

function send(port: MessagePort, viewer: Viewer, jpeg: Uint8Array<ArrayBuffer>): void {
  if (viewer.ready) {
    viewer.ready = false;
    viewer.pending = null;
    port.postMessage({ type: 'frame', jpeg } satisfies LiveMessage);
  } else {
    viewer.pending = jpeg;
  }
}

function onFeed(message: LiveMessage): void {
  if (message.type === 'state') lastState = message;
  else lastFrame = message.jpeg;
  for (const [port, viewer] of viewers) {
    if (!viewer.active) continue;
    if (message.type === 'frame') send(port, viewer, message.jpeg);
    else port.postMessage(message);
  }
}

/** Runs the one stream while any tab shows the picture, at the highest rates any of them asked for. */
function reconcile(): void {
  const active = [...viewers.values()].filter((v) => v.active);
  if (!feed) return;
  if (active.length === 0) {
    feed.stop();
    return;
  }
  feed.setRate(combineRates(active.map((v) => v.rate)));
  feed.start();
}

self.onconnect = (event) => {
  const port = event.ports[0];
  port.onmessage = (e: MessageEvent<LiveRequest>) => {
    const request = e.data;
    const viewer = viewers.get(port);
    if (request.type === 'join') {
      feed ??= new LiveFeed({ url: request.url, listener: onFeed });
      viewers.set(port, { rate: request.rate, active: false, ready: true, pending: null });
    } else if (request.type === 'bye') {
      viewers.delete(port);
    } else if (!viewer) {
      return;
    } else if (request.type === 'ready') {
      viewer.ready = true;
      if (viewer.pending) send(port, viewer, viewer.pending);
    } else if (request.active !== viewer.active) {
      viewer.active = request.active;
      // A tab coming back on screen shows the newest picture at once, not after the next frame.
      if (viewer.active && lastState) port.postMessage(lastState);
      if (viewer.active && lastFrame && feed?.running) send(port, viewer, lastFrame);
    }
    reconcile();
  };
  port.start();
};
