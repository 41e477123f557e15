import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FPS } from '../src/core/motion/scenarios/scenarios';

/** Splits bare concatenated JPEGs at their end-of-image markers. */
export function splitJpegs(data: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  let start = 0;
  for (let i = data.indexOf(0xd9, 1); i > 0; i = data.indexOf(0xd9, i + 1)) {
    if (data[i - 1] === 0xff && data[start] === 0xff && data[start + 1] === 0xd8) {
      frames.push(data.subarray(start, i + 1));
      start = i + 1;
    }
  }
  return frames;
}

/** How the camera sends its JPEGs: back to back, or as multipart/x-mixed-replace parts with Content-Length. */
export type StreamFormat = 'bare' | 'multipart';

const BOUNDARY = 'frame';

export interface ClipCameraOptions {
  /** Default `bare` (what Motion's netcam reads); IP cameras usually send `multipart`. */
  format?: StreamFormat;
  /** Seconds of the first frame sent before the clip, while the client connects and settles. */
  leadInSeconds: number;
  /** Seconds of the last frame sent after the clip, so that an open event can end. */
  tailSeconds: number;
  /** Called when the clip's first and its last frame go out (e.g. to read a process's CPU time). */
  onClipStart?: () => void;
  onClipEnd?: () => void;
}

/** A network camera on 127.0.0.1 playing a clip, in real time, to whoever connects. */
export interface ClipCamera {
  url: string;
  /** Wall time (Unix seconds) at which the clip's first frame was due to be sent; 0 until it was. */
  readonly clipStart: number;
  /** HTTP connections so far (Motion's ffmpeg probes once, then streams). */
  readonly connections: number;
  /** performance.now() at which the latest connection sent clip frame `i`; undefined if not yet. */
  sentAt(i: number): number | undefined;
  /** Resolves when one connection has received the whole clip and the tail. */
  played: Promise<void>;
  close(): void;
}

/**
 * Serves the clip's JPEGs (bare concatenated, or multipart) at the clip's frame rate, each
 * connection from the start: lead-in, clip, tail.
 */
export async function startClipCamera(clip: string, o: ClipCameraOptions): Promise<ClipCamera> {
  return startFramesCamera(splitJpegs(await readFile(clip)), o);
}

/** As startClipCamera, for JPEGs already in memory. */
export async function startFramesCamera(frames: Buffer[], o: ClipCameraOptions): Promise<ClipCamera> {
  const multipart = o.format === 'multipart';
  const sent: number[] = [];
  const leadIn = Math.round(o.leadInSeconds * FPS);
  const tail = Math.round(o.tailSeconds * FPS);
  let finished: () => void = () => {};
  const played = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const state = { clipStart: 0, connections: 0 };
  const server = createServer((req, res) => {
    state.connections++;
    const type = multipart ? `multipart/x-mixed-replace; boundary=${BOUNDARY}` : 'image/jpeg';
    res.writeHead(200, { 'Content-Type': type, Connection: 'close' });
    const t0 = performance.now();
    let n = 0;
    let closed = false;
    req.on('close', () => {
      closed = true;
    });
    const tick = () => {
      if (closed) return;
      const i = n - leadIn;
      if (i === 0) {
        // The time frame 0 was due, not when the timer got round to it: a late send then counts
        // against the detector (it can only lengthen the onset), never for it.
        state.clipStart = (Date.now() - (performance.now() - (t0 + (n * 1000) / FPS))) / 1000;
        o.onClipStart?.();
      }
      if (i === frames.length) o.onClipEnd?.();
      if (i === frames.length + tail) {
        res.end();
        finished();
        return;
      }
      const jpeg = frames[Math.max(0, Math.min(i, frames.length - 1))];
      if (i >= 0 && i < frames.length) sent[i] = performance.now();
      if (multipart) {
        const head = `--${BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`;
        res.write(Buffer.concat([Buffer.from(head), jpeg, Buffer.from('\r\n')]));
      } else res.write(jpeg);
      n++;
      setTimeout(tick, Math.max(0, t0 + (n * 1000) / FPS - performance.now()));
    };
    tick();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/clip.mjpg`,
    get clipStart() {
      return state.clipStart;
    },
    get connections() {
      return state.connections;
    },
    sentAt: (i) => sent[i],
    played,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
