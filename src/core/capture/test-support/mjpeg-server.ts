import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MjpegServerOptions {
  /** Send bare concatenated JPEGs (`image/jpeg`) instead of multipart parts. Default false. */
  bare?: boolean;
  /** Sees every request (to check its headers). */
  onRequest?: (req: IncomingMessage) => void;
  /** Port to listen on (to bring a stopped camera back at the same address). Default any free port. */
  port?: number;
}

/**
 * A tiny HTTP MJPEG camera on 127.0.0.1: serves `jpegs` in a loop as multipart/x-mixed-replace
 * (or bare JPEGs), each connection from the first.
 * @param hangAfter frames after which a connection goes silent but stays open. Default never.
 */
export async function startMjpegServer(
  jpegs: Buffer[],
  fps: number,
  hangAfter = Number.POSITIVE_INFINITY,
  options: MjpegServerOptions = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    options.onRequest?.(req);
    const type = options.bare ? 'image/jpeg' : 'multipart/x-mixed-replace; boundary=frame';
    res.writeHead(200, { 'Content-Type': type });
    let n = 0;
    const timer = setInterval(() => {
      if (n >= hangAfter) return;
      const jpeg = jpegs[n++ % jpegs.length];
      if (options.bare) {
        res.write(jpeg);
        return;
      }
      res.write(`--frame\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`);
      res.write(jpeg);
      res.write('\r\n');
    }, 1000 / fps);
    timers.add(timer);
    res.on('close', () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/stream.mjpg`,
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
