/** Every topic one kiosk uses, under its prefix (default `motionkiosk/<device id>`). */
export function kioskTopics(prefix: string) {
  return {
    /** `online` / `offline`, retained; `offline` is also the last will. */
    available: `${prefix}/available`,
    /** `ON` / `OFF`, retained: a motion event is open. */
    motion: `${prefix}/motion`,
    /** One JSON message per event start and end: the SSE payload plus its `type`; QoS 1, not retained. */
    event: `${prefix}/event`,
    /** JPEG bytes of the event's picture, at start and at end; retained (Home Assistant's camera shows the last). */
    snapshot: `${prefix}/snapshot`,
    /**
     * One JSON message when an event should alert people (`NotifyGate`: with label filtering, when one of the
     * `notifyLabels` is first seen) and at its end; QoS 1, not retained. For automations that notify.
     */
    notify: `${prefix}/notify`,
    /** Camera status JSON plus arming, retained. */
    status: `${prefix}/status`,
    /** `ON` / `OFF`, retained: detection armed by hand (the switch's state). */
    detection: `${prefix}/detection`,
    /** The last event's change score (percent), retained. */
    change: `${prefix}/change`,
    /** Commands: `ON` / `OFF` arms or disarms. */
    setDetection: `${prefix}/set/detection`,
    /** Commands: empty, `PRESS` or `ON` publishes a fresh picture on `snapshot`. */
    setSnapshot: `${prefix}/set/snapshot`,
  };
}

export type KioskTopics = ReturnType<typeof kioskTopics>;

/** Where every kiosk announces itself (retained JSON), whatever its prefix, so kiosks find each other. */
export const PEER_TOPIC_ROOT = 'motionkiosk/peers';
