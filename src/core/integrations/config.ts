import { z } from 'zod';

/** A topic level path without wildcards, e.g. `motionkiosk/front-door`. */
const topicPath = z
  .string()
  .regex(/^[^#+\s]{1,200}$/, 'an MQTT topic without +, # or spaces')
  .refine((text) => !text.startsWith('/') && !text.endsWith('/'), 'no leading or trailing /');

/** The config file's `mqtt` object (or a plain URL string, the same as `--mqtt URL`). */
export const mqttConfigSchema = z
  .object({
    /** Broker URL: `mqtt://`, `mqtts://`, `ws://` or `wss://`. Required. */
    url: z.string().regex(/^(mqtts?|wss?):\/\/[^\s]+$/, 'a broker URL: mqtt://, mqtts://, ws:// or wss://'),
    /** This kiosk's name in Home Assistant and to other kiosks. Default: the host name. */
    name: z.string().min(1).max(64).optional(),
    /** Broker user name. Default none. */
    username: z.string().min(1).max(200).optional(),
    /** Broker password. Default none. */
    password: z.string().max(500).optional(),
    /** MQTT client id. Default `motionkiosk-<device id>`. */
    clientId: z.string().min(1).max(200).optional(),
    /** Topic prefix. Default `motionkiosk/<device id>`. */
    prefix: topicPath.optional(),
    /**
     * The CA that signed the broker's certificate (mqtts, wss): a PEM file's path, or the PEM text itself (as the
     * dashboard saves it). Default: the system's CAs.
     */
    ca: z.string().min(1).max(65_536).optional(),
    /** Publish Home Assistant discovery configs; false removes ones published before. Default true. */
    discovery: z.boolean().optional(),
    /** Home Assistant's discovery prefix. Default `homeassistant`. */
    discoveryPrefix: topicPath.optional(),
    /** Messages kept while the broker is unreachable; the oldest are dropped beyond it. Default 1000. */
    queueLimit: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

export type MqttConfig = z.infer<typeof mqttConfigSchema>;

/** `mqtt` in the config file: a URL or the full object. */
export const mqttConfigEntrySchema = z.union([mqttConfigSchema.shape.url, mqttConfigSchema]);

/** The config entry as an object. */
export function normalizeMqttConfig(
  entry: z.infer<typeof mqttConfigEntrySchema> | undefined,
): MqttConfig | null {
  if (entry === undefined) return null;
  return typeof entry === 'string' ? { url: entry } : entry;
}

/** The config file's `push` object: browser notifications (Web Push). */
export const pushConfigSchema = z
  .object({
    /** Contact for push services, `mailto:` or `https:` (VAPID subject). Default `mailto:admin@motion-kiosk.invalid`. */
    contact: z
      .string()
      .regex(/^(mailto:|https:\/\/)\S+$/, 'a mailto: or https:// contact')
      .optional(),
    /** Seconds after a notification during which further motion notifies nobody. Default 60. */
    cooldownSeconds: z.number().min(0).max(86_400).optional(),
  })
  .strict();

export type PushConfig = z.infer<typeof pushConfigSchema>;
