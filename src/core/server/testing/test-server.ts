import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import type { Role } from '../../../shared/access';
import { defaultSettings, type Settings, settingsPatchSchema } from '../../../shared/settings';
import { Access, type AccessOptions, SESSION_COOKIE } from '../../access/access';
import { csrfTokenFor } from '../../access/tokens';
import { SettingsError } from '../../config/settings-store';
import { describeZodError, zodReason } from '../../config/zod-reason';
import { EventHub } from '../../events/event-hub';
import { type EventStore, openEventStore } from '../../events/event-store';
import type { RetentionOptions } from '../../events/retention';
import { FrameBus } from '../../frames/frame-bus';
import { Health } from '../../health/health';
import { createHttpServer, type ServerDeps } from '../index';
import { encodeSseMessage } from '../sse-format';

/** A real server on 127.0.0.1, port 0, with a real store, hub and frame bus, for tests. */
export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  store: EventStore;
  hub: EventHub;
  health: Health;
  bus: FrameBus;
  app: FastifyInstance;
  access: Access;
  /** A session made directly in the store: its `Cookie` header value, CSRF token and id. */
  session(role: Role): TestSession;
  /** Publishes a motion start and returns its id. */
  motion(change?: number): number;
  close(): Promise<void>;
}

export interface TestSession {
  id: number;
  cookie: string;
  csrf: string;
  /** Headers that make a request from this session: the cookie, and the CSRF token for unsafe methods. */
  headers: Record<string, string>;
}

export interface TestServerOptions extends Partial<Omit<ServerDeps, 'hub' | 'buses' | 'log' | 'access'>> {
  /**
   * Access control. Default false: tests that are not about access run with it explicitly off, as `--no-auth`;
   * the access tests (src/core/access) and the browser test turn it on.
   */
  auth?: boolean;
  /** Options of the Access object (pairing TTL, rate limits, stream caps, clock). */
  accessOptions?: Partial<AccessOptions>;
  /** Reuse a data dir (restart tests); default a fresh temporary one. */
  dataDir?: string;
  retention?: RetentionOptions;
  ringSize?: number;
  levelShare?: number;
  /** Delay between storage retries, ms (EventHubOptions). */
  storageRetryMs?: number;
  /** Announced events kept while storage fails (EventHubOptions). */
  storageQueue?: number;
}

export const SNAPSHOT = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'mk-events-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A minimal settings holder with the real schema; like the core, it broadcasts each change. */
function settingsHolder(onChange: (next: Settings) => void) {
  let current: Settings = defaultSettings;
  return {
    get: () => current,
    update(patch: unknown): Settings {
      const parsed = settingsPatchSchema.safeParse(patch);
      if (!parsed.success) throw new SettingsError(describeZodError(parsed.error), zodReason(parsed.error));
      current = { ...current, ...parsed.data };
      onChange(current);
      return current;
    },
  };
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const dataDir = opts.dataDir ?? tempDataDir();
  const store = openEventStore({ dataDir, log, retention: opts.retention });
  const health = opts.health ?? new Health();
  const hub = new EventHub({
    store,
    log,
    health,
    encode: encodeSseMessage,
    ringSize: opts.ringSize,
    levelShare: opts.levelShare,
    storageRetryMs: opts.storageRetryMs,
    storageQueue: opts.storageQueue,
  });
  const bus = new FrameBus('camera');
  const access = new Access({ enabled: opts.auth ?? false, dataDir, ...opts.accessOptions });
  const app = await createHttpServer({
    hub,
    buses: [bus],
    settings: opts.settings ?? settingsHolder((next) => hub.broadcast('settings', next)),
    state: () => ({
      version: 'test',
      backend: 'cpu',
      cameras: [],
      count: hub.count,
      lastEventId: hub.lastId,
      auth: access.enabled,
      health: health.state,
      storage: hub.storage,
      history: { unreviewed: store.unreviewedCount() },
    }),
    levels: () => [],
    health,
    staticDir: opts.staticDir ?? null,
    access,
    log,
    ...opts,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    dataDir,
    store,
    hub,
    health,
    bus,
    app,
    access,
    session(role) {
      const { token, session } = access.sessions.create(role, `test ${role}`);
      const cookie = `${SESSION_COOKIE}=${token}`;
      const csrf = csrfTokenFor(token);
      return { id: session.id, cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
    },
    motion: (change = 5) =>
      hub.publishMotionStart({ camera: 'camera', ts: Date.now() / 1000, change, box: null }, SNAPSHOT).id,
    async close() {
      await app.close();
      hub.stop();
      store.close();
      access.close();
    },
  };
}
