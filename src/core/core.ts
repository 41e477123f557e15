import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AppState } from '../shared/api';
import { Access, pairingUrl } from './access/access';
import type { TlsPair } from './access/limits';
import { Camera } from './camera';
import { resolveFfmpeg } from './capture/ffmpeg/ffmpeg-path';
import { defaultSourceSpec } from './capture/index';
import { parseSourceSpec } from './capture/source-spec';
import { SettingsStore } from './config/settings-store';
import type { Core, CoreOptions } from './core-api';
import { EventHub } from './events/event-hub';
import { type EventStore, openEventStore } from './events/event-store';
import { isStillChange } from './events/level-history';
import { StorageError } from './events/storage-error';
import { checkDataDir } from './health/data-dir';
import { Health } from './health/health';
import { normalizeMqttConfig } from './integrations/config';
import { openIntegrations } from './integrations/index';
import { registerIntegrationRoutes } from './integrations/routes';
import { LABEL_MODEL_SIZE } from './labels/centernet';
import { cropFfmpeg } from './labels/crop-ffmpeg';
import { LabelWorker } from './labels/label-worker';
import { ObjectLabeller } from './labels/object-labeller';
import { selectBackend, tensorCount } from './motion/backend';
import { ClipRecorder } from './recording/clip-recorder';
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
  const hub = new EventHub({
    store,
    log,
    health,
    encode: encodeSseMessage,
    isStillLevel: (level) => isStillChange(level.change, settings.get().threshold),
  });
  // One worker for every camera; its thread and model load on the first labelled picture.
  const labelWorker = new LabelWorker({
    ffmpeg: cropFfmpeg(resolveFfmpeg),
    size: LABEL_MODEL_SIZE,
    backends: [backend],
    log,
  });
  const labeller = new ObjectLabeller({
    camera: opts.camera,
    worker: labelWorker,
    settings: settings.get(),
    publish: (label) => hub.publishMotionLabel(label),
    log,
  });
  const supervisor = { maxDelayMs: opts.restartCap * 1000, watchdogMs: opts.watchdog * 1000 };
  const mqtt = normalizeMqttConfig(opts.mqtt);
  const integrations = await openIntegrations({
    hub,
    latestJpeg: () => cameras[0]?.bus.latest?.jpeg ?? null,
    // Called on events only, once the recorder below exists.
    bestPicturePath: (id) => recorder.bestPicturePath(id),
    notifyLabels: () => {
      const { labels, notifyLabels } = settings.get();
      return labels && notifyLabels.length > 0 ? notifyLabels : null;
    },
    dataDir: opts.dataDir,
    mqtt,
    webhooks: opts.webhooks,
    push: opts.push,
    name: mqtt?.name,
    version,
    cameras: () => cameras.map((camera) => camera.status),
    log,
  });
  const armed = () => integrations.arming.detecting;
  const cameras = [
    new Camera({
      name: opts.camera,
      spec,
      settings: settings.get(),
      backend,
      hub,
      health,
      supervisor,
      armed,
      labeller,
      log,
    }),
  ];
  const recorder = new ClipRecorder({
    dataDir: opts.dataDir,
    hub,
    buses: cameras.map((camera) => camera.bus),
    settings: () => settings.get(),
    ffmpeg: resolveFfmpeg(),
    log,
  });
  await recorder.start();
  settings.on('change', (next, previous) => {
    hub.broadcast('settings', next);
    // Labelling off frees the model and its thread.
    if (!next.labels)
      labelWorker.stop().catch((err) => log.error({ err }, 'could not stop the label worker'));
    for (const camera of cameras) {
      camera.applySettings(next, previous).catch((err) => log.error({ err }, 'could not apply settings'));
    }
  });
  hub.broadcast('settings', settings.get());

  const startedAt = Date.now() / 1000;
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
    integrations: integrations.summary(),
    labels: { loaded: labelWorker.started, inputSize: LABEL_MODEL_SIZE },
    recordings: recorder.storage,
    startedAt,
    firstRun: settings.neverSaved,
    detectorMs: cameras[0]?.detectorMs,
    history: { unreviewed: hub.store.unreviewedCount() },
  });
  const tls = await readTls(opts.tls);
  const scheme = tls ? 'https' : 'http';
  const access = new Access({ enabled: opts.auth, dataDir: opts.dataDir, metricsToken: opts.metricsToken });
  access.sessions.onRevoke((id) => integrations.pushSubscriptions.removeSession(String(id)));
  let publicUrls: string[] = [];
  const server = await createHttpServer({
    hub,
    buses: cameras.map((camera) => camera.bus),
    settings: { get: () => settings.get(), update: (patch) => settings.update(patch) },
    state,
    recordings: recorder,
    health,
    levels: (seconds) => cameras[0]?.levels.since(seconds) ?? [],
    sceneStill: (name) => cameras.find((camera) => camera.bus.camera === name)?.still ?? false,
    staticDir: opts.staticDir,
    analysedFrames: () => cameras.reduce((sum, camera) => sum + camera.analysedFrames, 0),
    access,
    tls,
    trustProxy: opts.trustProxy,
    publicUrls: () => publicUrls,
    routes: [(app) => registerIntegrationRoutes(app, integrations)],
    log,
  });
  await server.listen({ port: opts.port, host: opts.host });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `${scheme}://${dialableHost(opts.host)}:${port}`;
  publicUrls = lanAddresses(opts.host).map((ip) => `${scheme}://${ip}:${port}`);
  // Home Assistant and other kiosks link to this dashboard: a LAN address when there is one.
  integrations.start(publicUrls[0] ?? url);
  for (const camera of cameras) camera.start();
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
        // After the cameras: the end of an open event still goes out.
        await integrations.stop();
        await labelWorker.stop();
        await recorder.stop();
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
