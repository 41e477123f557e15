import type { MqttMessage } from './mqtt-bridge';
import type { KioskTopics } from './topics';

export interface DiscoveryDevice {
  /** Stable device id: the node id and the root of every unique_id. */
  id: string;
  /** Shown in Home Assistant. */
  name: string;
  version: string;
  /** The dashboard, linked from Home Assistant's device page. */
  url: string | null;
}

/**
 * Home Assistant MQTT discovery: one retained config per entity under
 * `<prefix>/<component>/<node id>/<object id>/config`, all grouped under one device, all
 * unavailable when the kiosk's last will says `offline`. An empty retained payload removes one.
 */
export function discoveryMessages(
  discoveryPrefix: string,
  topics: KioskTopics,
  device: DiscoveryDevice,
): MqttMessage[] {
  const shared = {
    availability_topic: topics.available,
    payload_available: 'online',
    payload_not_available: 'offline',
    device: {
      identifiers: [device.id],
      name: device.name,
      manufacturer: 'Motion Kiosk',
      model: 'Motion Kiosk',
      sw_version: device.version,
      ...(device.url ? { configuration_url: device.url } : {}),
    },
  };
  const entities: [component: string, object: string, config: Record<string, unknown>][] = [
    [
      'binary_sensor',
      'motion',
      {
        name: 'Motion',
        device_class: 'motion',
        state_topic: topics.motion,
        payload_on: 'ON',
        payload_off: 'OFF',
      },
    ],
    ['camera', 'snapshot', { name: 'Snapshot', topic: topics.snapshot }],
    [
      'switch',
      'detection',
      {
        name: 'Detection armed',
        icon: 'mdi:shield-home',
        command_topic: topics.setDetection,
        state_topic: topics.detection,
        payload_on: 'ON',
        payload_off: 'OFF',
        state_on: 'ON',
        state_off: 'OFF',
      },
    ],
    [
      'sensor',
      'change',
      {
        name: 'Last change',
        state_topic: topics.change,
        unit_of_measurement: '%',
        state_class: 'measurement',
      },
    ],
    [
      'button',
      'take_snapshot',
      { name: 'Take snapshot', command_topic: topics.setSnapshot, payload_press: 'PRESS' },
    ],
  ];
  return entities.map(([component, object, config]) => ({
    topic: discoveryTopic(discoveryPrefix, component, device.id, object),
    payload: JSON.stringify({
      ...config,
      unique_id: `${device.id}_${object}`,
      object_id: `${device.id}_${object}`,
      ...shared,
    }),
    qos: 1,
    retain: true,
  }));
}

/** The same topics with empty retained payloads: Home Assistant removes the entities. */
export function discoveryRemovals(
  discoveryPrefix: string,
  topics: KioskTopics,
  device: DiscoveryDevice,
): MqttMessage[] {
  return discoveryMessages(discoveryPrefix, topics, device).map((m) => ({ ...m, payload: '' }));
}

function discoveryTopic(prefix: string, component: string, node: string, object: string): string {
  return `${prefix}/${component}/${node}/${object}/config`;
}
