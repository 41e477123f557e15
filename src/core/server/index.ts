import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  LogController,
} from 'fastify';
import type { Logger } from 'pino';
import type { AppState } from '../../shared/api';
import type { Settings } from '../../shared/settings';
import type { EventHub } from '../events/event-hub';
import type { FrameBus } from '../frames/frame-bus';
import { oneLine, registerApiRoutes } from './api-routes';
import { registerHistoryRoutes } from './history-routes';
import { registerMetrics } from './metrics';
import { registerMjpegRoutes } from './mjpeg-route';
import { HttpError } from './params';
import { registerSecurityHeaders } from './security-headers';
import { registerSseRoute } from './sse-route';
import { newStreamStats } from './stream-stats';

export interface ServerDeps {
  hub: EventHub;
  /** Cameras' frame buses; `buses[0]` is the default camera. */
  buses: FrameBus[];
  /** `update` throws an Error with a one-line message on invalid input (→ 400). */
  settings: { get(): Settings; update(patch: unknown): Settings };
  state(): AppState;
  /** Built dashboard served at `/`, or null for none. */
  staticDir: string | null;
  /** Frames analysed by the detectors so far, for `/metrics`. Default: not reported. */
  analysedFrames?: () => number;
  /** Access control; enforced by a later issue, accepted now. */
  auth: boolean;
  /** SSE keepalive comment interval, in milliseconds. Default 15,000. */
  keepaliveMs?: number;
  /** Concurrent `/events` streams. Default 19,500 (this machine allows 20,000 open files per process). */
  maxStreams?: number;
  /** Bytes queued per `/events` stream before it is closed. Default 65,536 (~200 motion events). */
  maxBufferedBytes?: number;
  /** `retry:` hint for EventSource reconnects, in milliseconds. Default 2,000. */
  retryMs?: number;
  /** Concurrent `/stream.mjpg` viewers. Default 32. */
  maxViewers?: number;
  log: Logger;
}

/** Builds the HTTP server with every route; not yet listening (the core calls `listen`). */
export async function createHttpServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log.child({ module: 'http' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // Stopping the app must not wait for browsers holding keep-alive or streaming connections.
    forceCloseConnections: true,
  });
  const stats = newStreamStats();
  registerSecurityHeaders(app);

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = err instanceof HttpError ? err.statusCode : (err.statusCode ?? 500);
    if (status >= 500 && !(err instanceof HttpError)) request.log.error({ err }, 'request failed');
    const message = status >= 500 && !(err instanceof HttpError) ? 'internal error' : oneLine(err.message);
    reply.code(status).send({ error: message });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` });
  });

  registerSseRoute(app, {
    hub: deps.hub,
    keepaliveMs: deps.keepaliveMs ?? 15_000,
    maxStreams: deps.maxStreams ?? 19_500,
    maxBufferedBytes: deps.maxBufferedBytes ?? 65_536,
    retryMs: deps.retryMs ?? 2_000,
    stats,
    log: deps.log,
  });
  registerMjpegRoutes(app, { buses: deps.buses, maxViewers: deps.maxViewers ?? 32, stats });
  registerApiRoutes(app, { hub: deps.hub, settings: deps.settings, state: deps.state });
  registerHistoryRoutes(app, deps.hub.store);
  registerMetrics(app, { hub: deps.hub, buses: deps.buses, stats, analysedFrames: deps.analysedFrames });
  if (deps.staticDir) await app.register(fastifyStatic, { root: deps.staticDir, index: 'index.html' });
  return app;
}
