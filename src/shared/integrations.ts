import type { ArmingStatus } from './events';

/** Where an integration's settings come from: the config file (or `--mqtt`), or the dashboard (data dir). */
export type ConfigSource = 'file' | 'dashboard';

/** The broker settings as `GET /api/integrations` shows them: the password is never sent back. */
export interface MqttSettingsView {
  url: string;
  name?: string;
  username?: string;
  /** True when a password is stored; the password itself is write-only. */
  hasPassword: boolean;
  clientId?: string;
  prefix?: string;
  /** A CA file path, or `pem` when the dashboard pasted the certificate itself. */
  ca?: string;
  discovery?: boolean;
  discoveryPrefix?: string;
  queueLimit?: number;
}

export type WebhookPreset = 'json' | 'ntfy' | 'gotify';

/** One webhook receiver as shown to the dashboard: secret and token are write-only. */
export interface WebhookSettingsView {
  /** Stable while its URL stays the same: a hash of the URL. */
  id: string;
  url: string;
  preset?: WebhookPreset;
  hasSecret: boolean;
  hasToken: boolean;
  snapshot?: boolean;
  events?: ('motion' | 'motion-end')[];
  maxRetrySeconds?: number;
}

/** The result of the last delivery (or test) to a receiver. */
export interface DeliveryState {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** The MQTT connection now. */
export interface MqttInfo {
  state: 'connecting' | 'connected' | 'disconnected' | 'stopped';
  /** The broker URL without credentials. */
  url: string;
  queued: number;
  dropped: number;
  sent: number;
  /** Why the last attempt failed (the broker's or the network's words), null once connected. */
  lastError: string | null;
  /** Unix seconds of the next connection attempt while retrying. */
  retryAt: number | null;
  topics: Record<string, string>;
}

/** A receiver's delivery state. */
export interface WebhookInfo {
  id: string;
  url: string;
  preset: WebhookPreset;
  signed: boolean;
  pending: number;
  lastResult: DeliveryState | null;
}

/** `GET /api/integrations` (admin). */
export interface IntegrationsView {
  deviceId: string;
  arming: ArmingStatus;
  mqtt: MqttInfo | null;
  webhooks: WebhookInfo[];
  settings: {
    mqtt: MqttSettingsView | null;
    webhooks: WebhookSettingsView[];
    sources: { mqtt: ConfigSource; webhooks: ConfigSource };
  };
}

/** A weekly window of `GET|PUT /api/arming`: days 0 (Sunday) to 6, HH:MM local; `to` before `from` runs past midnight. */
export interface ArmingWindow {
  days: number[];
  from: string;
  to: string;
}

/** When detection runs and when notifications go out; an empty list means always. */
export interface ArmingSchedule {
  detection: ArmingWindow[];
  notifications: ArmingWindow[];
}

/** `GET /api/arming` and the answer to `PUT /api/arming`: the `arming` message's state plus the schedule. */
export interface ArmingView extends ArmingStatus {
  schedule: ArmingSchedule;
}
