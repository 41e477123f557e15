import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AppState } from '../shared/api';
import { Access, pairingUrl } from './access/access';
import type { TlsPair } from './access/limits';
import { Camera } from './camera';
import { defaultSourceSpec } from './capture/index';
import { parseSourceSpec } from './capture/source-spec';
import { SettingsStore } from './config/settings-store';
import type { Core, CoreOptions } from './core-api';
import { EventHub } from './events/event-hub';
import { type EventStore, openEventStore } from './events/event-store';
import { StorageError } from './events/storage-error';
import { checkDataDir } from './health/data-dir';
import { Health } from './health/health';
import { selectBackend, tensorCount } from './motion/backend';
import { createHttpServer } from './server/index';
import { encodeSseMessage } from './server/sse-format';
import { version } from './version';

/**
 * The composition root: config → settings → detection backend → event store and hub →
 * cameras (source → bus → detector → tracker) → HTTP server. Both the headless entry and the
 * Electron kiosk start exactly this.
 */
export async function startCore(opts: CoreOptions): Promise<Core> {
  const { log } = opts;
  const spec = opts.source ?? defaultSourceSpec();
  parseSourceSpec(spec);

  checkDataDir(opts.dataDir);
  const settings = await SettingsStore.open(opts.dataDir, opts.settings ?? {}, log);
  const backend = await selectBackend(log);
  const store = openStore(opts.dataDir, log);
  const health = new Health();
  const hub = new EventHub({ store, log, health, encode: encodeSseMessage });
  const supervisor = { maxDelayMs: opts.restartCap * 1000, watchdogMs: opts.watchdog * 1000 };
  const cameras = [
    new Camera({ name: opts.camera, spec, settings: settings.get(), backend, hub, health, supervisor, log }),
  ];
  settings.on('change', (next, previous) => {
    hub.broadcast('settings', next);
    for (const camera of cameras) {
      camera.applySettings(next, previous).catch((err) => log.error({ err }, 'could not apply settings'));
    }
  });
  hub.broadcast('settings', settings.get());

  const state = (): AppState => ({
    version,
    backend,
    cameras: cameras.map((camera) => camera.status),
    count: hub.count,
    lastEventId: hub.lastId,
    auth: opts.auth,
    health: health.state,
    storage: hub.storage,
    tensors: tensorCount(),
  });
  const tls = await readTls(opts.tls);
  const scheme = tls ? 'https' : 'http';
  const access = new Access({ enabled: opts.auth, dataDir: opts.dataDir, metricsToken: opts.metricsToken });
  let publicUrls: string[] = [];
  const server = await createHttpServer({
    hub,
    buses: cameras.map((camera) => camera.bus),
    settings: { get: () => settings.get(), update: (patch) => settings.update(patch) },
    state,
    health,
    staticDir: opts.staticDir,
    analysedFrames: () => cameras.reduce((sum, camera) => sum + camera.analysedFrames, 0),
    access,
    tls,
    trustProxy: opts.trustProxy,
    publicUrls: () => publicUrls,
    log,
  });
  await server.listen({ port: opts.port, host: opts.host });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  for (const camera of cameras) camera.start();
  const url = `${scheme}://${dialableHost(opts.host)}:${port}`;
  publicUrls = lanAddresses(opts.host).map((ip) => `${scheme}://${ip}:${port}`);
  const startupCode = access.startupCode(opts.pair);

  let stopping: Promise<void> | null = null;
  return {
    url,
    lanUrls: publicUrls,
    buses: cameras.map((camera) => camera.bus),
    pairingUrl: startupCode ? pairingUrl(publicUrls[0] ?? url, startupCode) : null,
    kioskSession() {
      const made = access.kioskSession();
      return made && { name: made.cookie, value: made.token, secure: Boolean(tls) };
    },
    state,
    settings: () => settings.get(),
    onMotion(listener) {
      const offs = cameras.map((camera) => camera.onMotion(listener));
      return () => {
        for (const off of offs) off();
      };
    },
    stop() {
      stopping ??= (async () => {
        await Promise.all(cameras.map((camera) => camera.stop()));
        await server.close();
        await settings.flush();
        hub.stop();
        store.close();
        access.close();
      })();
      return stopping;
    },
  };
}

/** The config file's certificate and key, read once at start-up; a missing file names itself. */
async function readTls(paths: CoreOptions['tls']): Promise<TlsPair | null> {
  if (!paths) return null;
  const read = (path: string) =>
    readFile(path).catch((err: NodeJS.ErrnoException) => {
      throw new Error(`tls: cannot read ${path} (${err.code ?? err.message})`);
    });
  return { cert: await read(paths.cert), key: await read(paths.key) };
}

/** Opens the event store; a failure names the data dir and says what to do (the bare SQLite error does not). */
function openStore(dataDir: string, log: Logger): EventStore {
  try {
    return openEventStore({ dataDir, log });
  } catch (err) {
    throw new Error(`data dir ${dataDir}: ${StorageError.from(err, join(dataDir, 'events.sqlite')).message}`);
  }
}

/** The address a client on this host dials: loopback for a wildcard bind, brackets for IPv6. */
export function dialableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Addresses other machines can reach, for the "open this dashboard elsewhere" panel. */
function lanAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [];
  return Object.values(networkInterfaces())
    .flat()
    .filter((info) => info !== undefined && info.family === 'IPv4' && !info.internal)
    .map((info) => info?.address ?? '');
}
