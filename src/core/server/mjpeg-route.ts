import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FrameBus } from '../frames/frame-bus';
import { MJPEG_BOUNDARY, MjpegViewer } from './mjpeg-viewer';
import { HttpError, parseFps, pickBus } from './params';
import { hijackSocket } from './raw-response';
import type { StreamStats } from './stream-stats';

export interface MjpegRouteOptions {
  buses: FrameBus[];
  /** Concurrent `/stream.mjpg` viewers; past it 503 with `Retry-After`. */
  maxViewers: number;
  /** Checks the session's stream cap (throws a 429 past it); the returned function records the open socket. */
  admit(request: FastifyRequest, reply: FastifyReply): (socket: Socket) => void;
  stats: StreamStats;
  /** Whether a camera's scene is still now, for `?stillFps`. */
  sceneStill(camera: string): boolean;
}

const NO_CACHE = 'no-cache, no-store, must-revalidate';

/**
 * `GET /stream.mjpg` (live view, `?fps=N`, `?stillFps=N` while the scene is still, `?camera=NAME`) and
 * `GET /snapshot.jpg` (latest frame).
 */
export function registerMjpegRoutes(app: FastifyInstance, opts: MjpegRouteOptions): void {
  const { stats } = opts;
  const sockets = new Set<Socket>();
  app.addHook('preClose', (done) => {
    for (const socket of sockets) socket.destroy();
    done();
  });

  app.get('/snapshot.jpg', (request, reply) => {
    const bus = pickBus(opts.buses, (request.query as Record<string, unknown>).camera);
    const frame = bus.latest;
    if (!frame) {
      reply.header('Retry-After', '1');
      throw new HttpError(503, `no frame yet from camera ${bus.camera}`);
    }
    return reply.header('Cache-Control', NO_CACHE).type('image/jpeg').send(frame.jpeg);
  });

  app.get('/stream.mjpg', (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const bus = pickBus(opts.buses, query.camera);
    const maxFps = parseFps(query.fps);
    const stillFps = parseFps(query.stillFps, 'stillFps');
    if (sockets.size >= opts.maxViewers) {
      reply.header('Retry-After', '10');
      throw new HttpError(503, `too many live viewers (limit ${opts.maxViewers})`);
    }
    const attach = opts.admit(request, reply);
    const socket = hijackSocket(request, reply, {
      'Content-Type': `multipart/x-mixed-replace; boundary=${MJPEG_BOUNDARY}`,
      'Cache-Control': NO_CACHE,
      Pragma: 'no-cache',
    });
    if (!socket) return;
    attach(socket);
    const viewer = new MjpegViewer(socket, {
      maxFps,
      stillFps,
      still: () => opts.sceneStill(bus.camera),
      onFrame: (sent) => {
        if (sent) stats.mjpegSent++;
        else stats.mjpegSkipped++;
      },
    });
    sockets.add(socket);
    stats.mjpegViewers = sockets.size;
    if (bus.latest) viewer.offer(bus.latest);
    const unsubscribe = bus.subscribe((frame) => viewer.offer(frame));
    const close = () => {
      unsubscribe();
      sockets.delete(socket);
      stats.mjpegViewers = sockets.size;
      socket.destroy();
    };
    socket.once('close', close);
    socket.on('error', close);
  });
}
