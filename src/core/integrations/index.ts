import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { IntegrationSummary } from '../../shared/api';
import type { CameraStatus } from '../../shared/events';
import type { EventHub } from '../events/event-hub';
import { Arming } from './arming';
import type { MqttConfig, PushConfig } from './config';
import { type IntegrationConfig, IntegrationConfigStore } from './config-store';
import { loadDeviceId } from './device-id';
import { MqttIntegration } from './mqtt-integration';
import { NotifyGate, type NotifyLabels } from './notify-gate';
import { PushNotifier } from './push-notifier';
import { loadVapidKeys, PushSubscriptions } from './push-subscriptions';
import type { WebhookConfig } from './webhook-config';
import { WebhookOutbox } from './webhook-outbox';
import { Webhooks } from './webhooks';

export interface IntegrationDeps {
  hub: EventHub;
  /** The default camera's latest JPEG (set/snapshot), or null before the first frame. */
  latestJpeg(): Buffer | null;
  /** The recording's best picture of an event, or null (no recording, or not written yet). */
  bestPicturePath?(motionId: number): string | null;
  /** Label filtering of notifications (the `notifyLabels` setting while labels are on). Default: none. */
  notifyLabels?: NotifyLabels;
  dataDir: string;
  /** The `mqtt` config (file or `--mqtt`), or null for none. The dashboard's saved entry wins over it. */
  mqtt: MqttConfig | null;
  /** Webhook receivers (config file `webhooks`). Default none. The dashboard's saved list wins over it. */
  webhooks?: WebhookConfig[];
  /** Web Push options. Default: on, 60 s cooldown. */
  push?: PushConfig;
  /** Kiosk name shown in Home Assistant and to peers. Default: the MQTT entry's `name`, else the host name. */
  name?: string;
  version: string;
  /** Camera status now (the hub only tells changes). */
  cameras(): CameraStatus[];
  log: Logger;
}

export interface Integrations {
  readonly deviceId: string;
  readonly arming: Arming;
  readonly config: IntegrationConfigStore;
  readonly mqtt: MqttIntegration | null;
  readonly webhooks: Webhooks | null;
  readonly push: PushNotifier;
  readonly pushSubscriptions: PushSubscriptions;
  /** Arming and connection state for `/api/state`. */
  summary(): IntegrationSummary;
  /** Called once the server listens: the dashboard URL goes into discovery and peer announcements. */
  start(dashboardUrl: string): void;
  /** Resolves once the last saved change runs (the broker reconnected, the receivers replaced). */
  applied(): Promise<void>;
  stop(): Promise<void>;
}

/** Arming plus every configured integration, subscribed to the event hub; MQTT and webhooks change at run time. */
export async function openIntegrations(deps: IntegrationDeps): Promise<Integrations> {
  const log = deps.log.child({ module: 'integrations' });
  const deviceId = await loadDeviceId(deps.dataDir);
  const arming = await Arming.open(deps.dataDir, log);
  const config = await IntegrationConfigStore.open(
    deps.dataDir,
    { mqtt: deps.mqtt, webhooks: deps.webhooks ?? [] },
    log,
  );
  const notifyLabels = deps.notifyLabels ?? (() => null);
  const picturePath = (id: number) => deps.bestPicturePath?.(id) ?? deps.hub.store.snapshotPath(id);
  const hostName = deps.name ?? hostname();
  let mqtt: MqttIntegration | null = null;
  let webhooks: Webhooks | null = null;
  let outbox: WebhookOutbox | null = null;
  let dashboardUrl: string | null = null;
  /** The camera whose status MQTT publishes: the first, known once `start` runs (the cameras exist by then). */
  let statusCamera: string | null = null;
  let running: IntegrationConfig = { mqtt: null, webhooks: [] };
  let applying: Promise<void> = Promise.resolve();
  const pushSubscriptions = new PushSubscriptions(deps.dataDir);
  const push = new PushNotifier({
    keys: await loadVapidKeys(deps.dataDir),
    subscriptions: pushSubscriptions,
    arming,
    name: hostName,
    contact: deps.push?.contact,
    cooldownSeconds: deps.push?.cooldownSeconds,
    log,
  });
  const pushGate = new NotifyGate(notifyLabels);
  const offHub = deps.hub.observe((message) => {
    if (message.type === 'motion' || message.type === 'motion-end' || message.type === 'motion-label') {
      const notice = pushGate.check(message);
      if (notice?.kind === 'start') push.notify(notice);
      webhooks?.wake();
      mqtt?.onEvent(message);
    } else if (message.type === 'status' && message.data.camera === statusCamera) {
      mqtt?.onStatus(message.data);
    }
  });
  const broadcastArming = () => {
    const { armed, detecting, notifying, until } = arming.state;
    deps.hub.broadcast('arming', { armed, detecting, notifying, until });
  };
  arming.on('change', broadcastArming);
  broadcastArming();

  const startWebhooks = (previous: WebhookConfig[], list: WebhookConfig[], url: string) => {
    webhooks?.stop();
    webhooks = null;
    if (list.length === 0 && !outbox) return;
    outbox ??= new WebhookOutbox(deps.dataDir);
    for (const gone of previous) if (!list.some((w) => w.url === gone.url)) outbox.forget(gone.url);
    if (list.length === 0) return;
    const sources = { store: deps.hub.store, arming, picturePath, notifyLabels };
    webhooks = new Webhooks(list, outbox, sources, { id: deviceId, name: hostName, url }, log);
    // Events stored before a crash or restart that never reached the outbox.
    webhooks.wake();
  };
  const startMqtt = async (entry: MqttConfig | null, url: string) => {
    const previous = mqtt;
    mqtt = null;
    await previous?.stop();
    if (!entry) return;
    const name = entry.name ?? hostName;
    mqtt = new MqttIntegration({
      config: entry,
      device: { id: deviceId, name, version: deps.version, url },
      arming,
      picturePath,
      notifyLabels,
      latestJpeg: deps.latestJpeg,
      log,
    });
    const camera = deps.cameras()[0];
    if (camera) mqtt.onStatus(camera);
  };
  /** Restarts only what changed; changes run one after another. */
  const apply = (next: IntegrationConfig) => {
    const url = dashboardUrl;
    if (url === null) return;
    applying = applying.then(async () => {
      const previous = running;
      running = next;
      if (JSON.stringify(previous.webhooks) !== JSON.stringify(next.webhooks))
        startWebhooks(previous.webhooks, next.webhooks, url);
      if (JSON.stringify(previous.mqtt) !== JSON.stringify(next.mqtt)) await startMqtt(next.mqtt, url);
    });
    applying = applying.catch((err) => log.error({ err }, 'integrations: could not apply the new settings'));
  };
  config.on('change', apply);

  return {
    deviceId,
    arming,
    config,
    get mqtt() {
      return mqtt;
    },
    get webhooks() {
      return webhooks;
    },
    push,
    pushSubscriptions,
    summary() {
      const { armed, detecting, notifying } = arming.state;
      return { deviceId, armed, detecting, notifying, mqtt: mqtt?.bridge.state ?? null };
    },
    start(url) {
      dashboardUrl = url;
      statusCamera = deps.cameras()[0]?.camera ?? null;
      apply(config.current);
    },
    applied: () => applying,
    async stop() {
      offHub();
      config.off('change', apply);
      await applying;
      webhooks?.stop();
      outbox?.close();
      pushSubscriptions.close();
      await mqtt?.stop();
      await arming.close();
      await config.flush();
    },
  };
}
