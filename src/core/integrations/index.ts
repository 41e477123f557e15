import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { IntegrationSummary } from '../../shared/api';
import type { CameraStatus } from '../../shared/events';
import type { EventHub } from '../events/event-hub';
import { Arming } from './arming';
import type { MqttConfig, PushConfig } from './config';
import { loadDeviceId } from './device-id';
import { MqttIntegration } from './mqtt-integration';
import { PushNotifier } from './push-notifier';
import { loadVapidKeys, PushSubscriptions } from './push-subscriptions';
import type { WebhookConfig } from './webhook-config';
import { WebhookOutbox } from './webhook-outbox';
import { Webhooks } from './webhooks';

export interface IntegrationDeps {
  hub: EventHub;
  /** The default camera's latest JPEG (set/snapshot), or null before the first frame. */
  latestJpeg(): Buffer | null;
  dataDir: string;
  /** The `mqtt` config (file or `--mqtt`), or null for none. */
  mqtt: MqttConfig | null;
  /** Webhook receivers (config file `webhooks`). Default none. */
  webhooks?: WebhookConfig[];
  /** Web Push options. Default: on, 60 s cooldown. */
  push?: PushConfig;
  /** Kiosk name shown in Home Assistant and to peers. Default: the host name. */
  name?: string;
  version: string;
  /** Camera status now (the hub only tells changes). */
  cameras(): CameraStatus[];
  log: Logger;
}

export interface Integrations {
  readonly deviceId: string;
  readonly arming: Arming;
  readonly mqtt: MqttIntegration | null;
  readonly webhooks: Webhooks | null;
  readonly push: PushNotifier;
  readonly pushSubscriptions: PushSubscriptions;
  /** Arming and connection state for `/api/state`. */
  summary(): IntegrationSummary;
  /** Called once the server listens: the dashboard URL goes into discovery and peer announcements. */
  start(dashboardUrl: string): void;
  stop(): Promise<void>;
}

/** Arming plus every configured integration, subscribed to the event hub. */
export async function openIntegrations(deps: IntegrationDeps): Promise<Integrations> {
  const log = deps.log.child({ module: 'integrations' });
  const deviceId = await loadDeviceId(deps.dataDir);
  const arming = await Arming.open(deps.dataDir, log);
  let mqtt: MqttIntegration | null = null;
  let webhooks: Webhooks | null = null;
  const outbox = deps.webhooks?.length ? new WebhookOutbox(deps.dataDir) : null;
  const name = deps.name ?? hostname();
  const pushSubscriptions = new PushSubscriptions(deps.dataDir);
  const push = new PushNotifier({
    keys: await loadVapidKeys(deps.dataDir),
    subscriptions: pushSubscriptions,
    arming,
    name,
    contact: deps.push?.contact,
    cooldownSeconds: deps.push?.cooldownSeconds,
    log,
  });
  const offs: (() => void)[] = [
    deps.hub.observe((message) => {
      if (message.type === 'motion') push.onMotion(message.data);
    }),
  ];
  const broadcastArming = () => {
    const { armed, detecting, notifying } = arming.state;
    deps.hub.broadcast('arming', { armed, detecting, notifying });
  };
  arming.on('change', broadcastArming);
  broadcastArming();

  return {
    deviceId,
    arming,
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
    start(dashboardUrl) {
      if (outbox && deps.webhooks) {
        const sender = new Webhooks(
          deps.webhooks,
          outbox,
          deps.hub.store,
          arming,
          { id: deviceId, name, url: dashboardUrl },
          log,
        );
        webhooks = sender;
        offs.push(
          deps.hub.observe((message) => {
            if (message.type === 'motion' || message.type === 'motion-end') sender.wake();
          }),
        );
        // Events stored before a crash or restart that never reached the outbox.
        sender.wake();
      }
      if (!deps.mqtt) return;
      const integration = new MqttIntegration({
        config: deps.mqtt,
        device: { id: deviceId, name, version: deps.version, url: dashboardUrl },
        arming,
        snapshotPath: (id) => deps.hub.store.snapshotPath(id),
        latestJpeg: deps.latestJpeg,
        log,
      });
      mqtt = integration;
      const camera = deps.cameras()[0];
      if (camera) integration.onStatus(camera);
      offs.push(
        deps.hub.observe((message) => {
          if (message.type === 'motion' || message.type === 'motion-end') integration.onEvent(message);
          else if (message.type === 'status' && message.data.camera === camera?.camera) {
            integration.onStatus(message.data);
          }
        }),
      );
    },
    async stop() {
      for (const off of offs) off();
      webhooks?.stop();
      outbox?.close();
      pushSubscriptions.close();
      await mqtt?.stop();
      await arming.close();
    },
  };
}
