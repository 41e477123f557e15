import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { CameraStatus, StoredEvent } from '../../shared/events';
import type { Arming, ArmingState } from './arming';
import type { MqttConfig } from './config';
import { type DiscoveryDevice, discoveryMessages, discoveryRemovals } from './ha-discovery';
import { MqttBridge, type MqttMessage } from './mqtt-bridge';
import { NotifyGate, type NotifyLabels } from './notify-gate';
import { PeerDirectory } from './peer-directory';
import { type KioskTopics, kioskTopics } from './topics';

export interface MqttIntegrationOptions {
  config: MqttConfig;
  device: DiscoveryDevice;
  arming: Arming;
  /** The event's best picture (recording), else the frame that started it; null when neither is kept. */
  picturePath(motionId: number): string | null;
  /** Label filtering for the `notify` topic. */
  notifyLabels: NotifyLabels;
  /** The camera's latest JPEG, for `set/snapshot`. */
  latestJpeg(): Buffer | null;
  log: Logger;
  minReconnectMs?: number;
  maxReconnectMs?: number;
}

const COMMAND_MAX_BYTES = 16;

/**
 * Motion Kiosk on MQTT: events, motion state, snapshots and status out; arm/disarm and snapshot
 * commands in; Home Assistant discovery. Every entry point only queues work: the event hub calls
 * `onEvent` on the frame path.
 */
export class MqttIntegration {
  readonly topics: KioskTopics;
  readonly bridge: MqttBridge;
  readonly peers: PeerDirectory;
  readonly #opts: MqttIntegrationOptions;
  readonly #discoveryPrefix: string;
  #motion: 'ON' | 'OFF' = 'OFF';
  #status: CameraStatus | null = null;
  #change: number | null = null;
  readonly #gate: NotifyGate;
  /** Commands refused (bad payload), for tests and the API. */
  rejectedCommands = 0;

  constructor(opts: MqttIntegrationOptions) {
    this.#opts = opts;
    this.#gate = new NotifyGate(opts.notifyLabels);
    this.topics = kioskTopics(opts.config.prefix ?? `motionkiosk/${opts.device.id}`);
    this.#discoveryPrefix = opts.config.discoveryPrefix ?? 'homeassistant';
    this.peers = new PeerDirectory({
      self: {
        id: opts.device.id,
        name: opts.device.name,
        url: opts.device.url ?? '',
        available: this.topics.available,
      },
      publish: (message) => this.bridge.publish(message),
      subscribe: (topics) => this.bridge.subscribe(topics),
      log: opts.log,
    });
    this.bridge = new MqttBridge({
      config: opts.config,
      clientId: opts.config.clientId ?? `motionkiosk-${opts.device.id}`,
      availabilityTopic: this.topics.available,
      subscriptions: [
        this.topics.setDetection,
        this.topics.setSnapshot,
        `${this.#discoveryPrefix}/status`,
        ...this.peers.subscriptions,
      ],
      onConnect: () => this.#publishState(),
      onMessage: (topic, payload) => this.#onMessage(topic, payload),
      log: opts.log,
      minReconnectMs: opts.minReconnectMs,
      maxReconnectMs: opts.maxReconnectMs,
    });
    opts.arming.on('change', this.#onArming);
    this.peers.update({ armed: opts.arming.state.armed });
  }

  /** A stored event from the hub: queue its messages; the snapshot is read from disk off the frame path. */
  onEvent(event: StoredEvent): void {
    const notice = this.#gate.check(event);
    if (notice) this.#publish(this.topics.notify, JSON.stringify(notice), 1, false);
    if (event.type === 'motion-label') {
      // A label refines a running event: it goes out on `event` only; motion, change and snapshot stay.
      this.#publish(this.topics.event, JSON.stringify({ type: event.type, ...event.data }), 1, false);
      return;
    }
    const motion = event.type === 'motion' ? 'ON' : 'OFF';
    this.#change = event.type === 'motion' ? event.data.change : event.data.peakChange;
    this.#publish(this.topics.event, JSON.stringify({ type: event.type, ...event.data }), 1, false);
    this.#motion = motion;
    this.#publish(this.topics.motion, motion, 1, true);
    this.#publish(this.topics.change, String(this.#change), 1, true);
    this.peers.update({ lastEvent: { id: event.id, type: event.type, ts: event.data.ts } });
    const snapshotId = event.type === 'motion' ? event.id : event.data.motionId;
    // At the end: the recording's best picture, written before the end is announced.
    const path = this.#opts.picturePath(snapshotId);
    if (path) {
      readFile(path).then(
        (jpeg) => this.#publish(this.topics.snapshot, jpeg, 0, true),
        (err) => this.#opts.log.warn({ err, id: snapshotId }, 'mqtt: cannot read the snapshot'),
      );
    }
  }

  onStatus(status: CameraStatus): void {
    this.#status = status;
    this.#publishStatus();
    this.peers.update({ state: status.state });
  }

  stop(): Promise<void> {
    this.#opts.arming.off('change', this.#onArming);
    return this.bridge.stop();
  }

  readonly #onArming = (state: ArmingState) => {
    this.#publishArming();
    this.peers.update({ armed: state.armed });
  };

  /** After every connect: discovery (or its removal) and every retained state as it is now. */
  #publishState(): void {
    const discovery =
      this.#opts.config.discovery === false
        ? discoveryRemovals(this.#discoveryPrefix, this.topics, this.#opts.device)
        : discoveryMessages(this.#discoveryPrefix, this.topics, this.#opts.device);
    for (const message of discovery) this.bridge.publish(message);
    this.#publish(this.topics.motion, this.#motion, 1, true);
    if (this.#change !== null) this.#publish(this.topics.change, String(this.#change), 1, true);
    this.#publishArming();
    this.peers.onConnect();
  }

  #publishArming(): void {
    this.#publish(this.topics.detection, this.#opts.arming.state.armed ? 'ON' : 'OFF', 1, true);
    this.#publishStatus();
  }

  #publishStatus(): void {
    const { armed, detecting, notifying } = this.#opts.arming.state;
    const body = { ...this.#status, armed, detecting, notifying };
    this.#publish(this.topics.status, JSON.stringify(body), 0, true);
  }

  #publish(topic: string, payload: MqttMessage['payload'], qos: 0 | 1, retain: boolean): void {
    this.bridge.publish({ topic, payload, qos, retain });
  }

  #onMessage(topic: string, payload: Buffer): void {
    if (this.peers.onMessage(topic, payload)) return;
    const text = payload.length <= COMMAND_MAX_BYTES ? payload.toString('utf8').trim() : null;
    if (topic === `${this.#discoveryPrefix}/status`) {
      if (text === 'online') this.#publishState();
      return;
    }
    if (topic === this.topics.setDetection && (text === 'ON' || text === 'OFF')) {
      this.#opts.log.info({ armed: text === 'ON' }, 'mqtt: detection switched');
      this.#opts.arming.setArmed(text === 'ON');
      return;
    }
    if (topic === this.topics.setSnapshot && (text === '' || text === 'PRESS' || text === 'ON')) {
      const jpeg = this.#opts.latestJpeg();
      if (jpeg) this.#publish(this.topics.snapshot, jpeg, 0, true);
      return;
    }
    this.rejectedCommands++;
    this.#opts.log.warn(
      { topic, payload: payload.subarray(0, 40).toString('utf8') },
      'mqtt: command ignored (expected ON or OFF on set/detection; empty, PRESS or ON on set/snapshot)',
    );
  }
}
