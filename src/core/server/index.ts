import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Logger } from 'pino';
import type { AppState } from '../../shared/api';
import type { MotionLevel } from '../../shared/events';
import type { Settings } from '../../shared/settings';
import type { Access } from '../access/access';
import { registerAdminRoutes } from '../access/admin-routes';
import { registerAccess } from '../access/hooks';
import { DEFAULT_LIMITS, type ServerLimits, serverFactory, type TlsPair } from '../access/limits';
import { registerSignInRoutes } from '../access/sign-in-routes';
import { StreamCapError, type StreamKind } from '../access/stream-guard';
import type { EventHub } from '../events/event-hub';
import type { FrameBus } from '../frames/frame-bus';
import { Health } from '../health/health';
import { oneLine, registerApiRoutes } from './api-routes';
import { registerHistoryRoutes } from './history-routes';
import { registerMetrics } from './metrics';
import { registerMjpegRoutes } from './mjpeg-route';
import { HttpError } from './params';
import { type RecordingsApi, registerRecordingRoutes } from './recording-routes';
import { registerReviewRoutes } from './review-routes';
import { registerSecurityHeaders } from './security-headers';
import { registerSseRoute } from './sse-route';
import { newStreamStats } from './stream-stats';

export interface ServerDeps {
  hub: EventHub;
  /** Cameras' frame buses; `buses[0]` is the default camera. */
  buses: FrameBus[];
  /** `update` throws an Error with a one-line message on invalid input (→ 400). */
  settings: { get(): Settings; update(patch: unknown): Settings | Promise<Settings> };
  /** What is wrong now, for `/healthz` and `/metrics`. Default: a record where nothing ever is. */
  health?: Health;
  state(): AppState;
  /**
   * Whether a camera's scene is still now (its latest `level` under half the threshold): `/stream.mjpg`
   * viewers that ask `?stillFps=N` get fewer frames then. Default: never still.
   */
  sceneStill?: (camera: string) => boolean;
  /** Recent `level` samples of the first camera (`GET /api/levels`). */
  levels(seconds: number): MotionLevel[];
  /** Built dashboard served at `/`, or null for none. */
  staticDir: string | null;
  /** Recorded clips and their export; none when recording is not wired in (some tests). */
  recordings?: RecordingsApi;
  /** Frames analysed by the detectors so far, for `/metrics`. Default: not reported. */
  analysedFrames?: () => number;
  /** Access control (sessions, pairing, roles); `access.enabled` is false with `--no-auth`. */
  access: Access;
  /** Body size and connection timeouts. Default `DEFAULT_LIMITS` (src/core/access/limits.ts). */
  limits?: Partial<ServerLimits>;
  /** Certificate and key: serve HTTPS. Default null (plain HTTP). */
  tls?: TlsPair | null;
  /** Trust `X-Forwarded-*` from a reverse proxy (config `trustProxy`). Default false. */
  trustProxy?: boolean;
  /** Dashboard URLs other devices can reach, for pairing links made from the kiosk. Default none. */
  publicUrls?: () => string[];
  /** More routes, registered by subsystems the server does not know (integrations). Default none. */
  routes?: ((app: FastifyInstance) => void)[];
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
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const app = Fastify({
    loggerInstance: deps.log.child({ module: 'http' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // Stopping the app must not wait for browsers holding keep-alive or streaming connections.
    forceCloseConnections: true,
    bodyLimit: limits.bodyLimit,
    trustProxy: deps.trustProxy ?? false,
    serverFactory: serverFactory(limits, deps.tls ?? null),
  });
  deps.access.secure = Boolean(deps.tls);
  const stats = newStreamStats();
  registerSecurityHeaders(app);
  // Only JSON bodies: a cross-site form or `text/plain` POST gets 415 before any handler sees it.
  app.removeContentTypeParser('text/plain');
  await registerAccess(app, deps.access);
  const admit = (kind: StreamKind) => (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return deps.access.streams.admit(request.accessSession, kind);
    } catch (err) {
      if (err instanceof StreamCapError) reply.header('Retry-After', String(err.retryAfterS));
      throw err;
    }
  };

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
    admit: admit('events'),
    stats,
    log: deps.log,
  });
  registerMjpegRoutes(app, {
    buses: deps.buses,
    maxViewers: deps.maxViewers ?? 32,
    admit: admit('mjpeg'),
    stats,
    sceneStill: deps.sceneStill ?? (() => false),
  });
  const health = deps.health ?? new Health();
  registerApiRoutes(app, { settings: deps.settings, state: deps.state, health, levels: deps.levels });
  registerHistoryRoutes(app, deps.hub.store, deps.recordings);
  registerReviewRoutes(app, deps.hub, deps.recordings);
  if (deps.recordings) registerRecordingRoutes(app, deps.recordings);
  registerMetrics(app, {
    hub: deps.hub,
    buses: deps.buses,
    stats,
    health,
    state: deps.state,
    recordings: deps.recordings,
    analysedFrames: deps.analysedFrames,
  });
  registerSignInRoutes(app, deps.access);
  registerAdminRoutes(app, deps.access, { publicUrls: deps.publicUrls ?? (() => []) });
  for (const register of deps.routes ?? []) register(app);
  if (deps.staticDir) await app.register(fastifyStatic, { root: deps.staticDir, index: 'index.html' });
  return app;
}
