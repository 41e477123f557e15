import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { EventHub } from '../events/event-hub';
import { hijackSocket } from './raw-response';
import { SseClient } from './sse-client';
import { formatSseComment, formatSseRetry, parseLastEventId } from './sse-format';
import type { StreamStats } from './stream-stats';

export interface SseRouteOptions {
  hub: EventHub;
  /** Comment sent to every stream this often, in milliseconds. Default 15,000. */
  keepaliveMs: number;
  /** Concurrent `/events` streams; past it new ones get 503 with `Retry-After`. */
  maxStreams: number;
  /** Outgoing bytes queued per stream before it is closed. */
  maxBufferedBytes: number;
  /** `retry:` sent to each new stream, in milliseconds: how soon EventSource reconnects. */
  retryMs: number;
  /** Checks the session's stream cap (throws a 429 past it); the returned function records the open socket. */
  admit(request: FastifyRequest, reply: FastifyReply): (socket: Socket) => void;
  stats: StreamStats;
  log: Logger;
}

const HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
};

/** `GET /events`: the motion event stream, resumable with `Last-Event-ID` or `?lastEventId=`. */
export function registerSseRoute(app: FastifyInstance, opts: SseRouteOptions): void {
  const clients = new Set<SseClient>();
  const keepalive = Buffer.from(formatSseComment('keepalive'));
  const timer = setInterval(() => opts.hub.sendToAll(keepalive), opts.keepaliveMs);
  timer.unref();
  app.addHook('preClose', (done) => {
    clearInterval(timer);
    for (const client of clients) client.close();
    done();
  });

  app.get('/events', (request, reply) => {
    if (clients.size >= opts.maxStreams) {
      opts.stats.sseRejected++;
      reply
        .code(503)
        .header('Retry-After', '10')
        .send({ error: `too many event streams (limit ${opts.maxStreams})` });
      return;
    }
    const query = request.query as Record<string, unknown>;
    const lastEventId = parseLastEventId(request.headers['last-event-id'], query.lastEventId);
    const attach = opts.admit(request, reply);
    const socket = hijackSocket(request, reply, HEADERS);
    if (!socket) return;
    attach(socket);
    socket.write(formatSseRetry(opts.retryMs));
    let unsubscribe = (): void => {};
    const client = new SseClient(socket, {
      maxBufferedBytes: opts.maxBufferedBytes,
      onClose: (reason) => {
        clients.delete(client);
        opts.stats.sseClients = clients.size;
        unsubscribe();
        if (reason === 'overflow') {
          opts.stats.sseOverflows++;
          opts.log.debug({ remote: socket.remoteAddress }, 'event stream closed: client not reading');
        }
      },
    });
    clients.add(client);
    opts.stats.sseClients = clients.size;
    unsubscribe = opts.hub.subscribe(client, lastEventId);
    // The stream may already have ended during the synchronous part of the replay.
    if (client.closed) unsubscribe();
  });
}
