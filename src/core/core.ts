import { networkInterfaces } from 'node:os';
import type { AppState } from '../shared/api';
import { Camera } from './camera';
import { defaultSourceSpec } from './capture/index';
import { parseSourceSpec } from './capture/source-spec';
import { loadConfigFile } from './config/config-file';
import { SettingsStore } from './config/settings-store';
import type { Core, CoreOptions } from './core-api';
import { EventHub } from './events/event-hub';
import { openEventStore } from './events/event-store';
import { selectBackend } from './motion/backend';
import { createHttpServer } from './server/index';
import { version } from './version';

/**
 * The composition root: config → settings → detection backend → event store and hub →
 * cameras (source → bus → detector → tracker) → HTTP server. Both the headless entry and the
 * Electron kiosk start exactly this.
 */
export async function startCore(opts: CoreOptions): Promise<Core> {
  const { log } = opts;
  const config = opts.config ?? (await loadConfigFile(opts.configFile));
  const spec = opts.source ?? config.source ?? defaultSourceSpec();
  parseSourceSpec(spec);

  const settings = await SettingsStore.open(opts.dataDir, config.settings ?? {}, log);
  const backend = await selectBackend(log);
  const store = openEventStore({ dataDir: opts.dataDir, log });
  const hub = new EventHub({ store, log });
  const cameras = [
    new Camera({ name: config.camera ?? 'camera', spec, settings: settings.get(), backend, hub, log }),
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
  });
  const server = await createHttpServer({
    hub,
    buses: cameras.map((camera) => camera.bus),
    settings: { get: () => settings.get(), update: (patch) => settings.update(patch) },
    state,
    staticDir: opts.staticDir,
    analysedFrames: () => cameras.reduce((sum, camera) => sum + camera.analysedFrames, 0),
    auth: opts.auth,
    log,
  });
  await server.listen({ port: opts.port, host: opts.host });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  for (const camera of cameras) camera.start();

  let stopping: Promise<void> | null = null;
  return {
    url: `http://${dialableHost(opts.host)}:${port}`,
    lanUrls: lanAddresses(opts.host).map((ip) => `http://${ip}:${port}`),
    buses: cameras.map((camera) => camera.bus),
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
        store.close();
      })();
      return stopping;
    },
  };
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
