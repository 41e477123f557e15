import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ConfigSource, MqttSettingsView, WebhookSettingsView } from '../../shared/integrations';
import { writeAtomically } from '../config/atomic-write';
import { StorageError } from '../events/storage-error';
import { type MqttConfig, mqttConfigSchema } from './config';
import { type WebhookConfig, webhooksConfigSchema } from './webhook-config';

/** The broker and the receivers that run now. */
export interface IntegrationConfig {
  mqtt: MqttConfig | null;
  webhooks: WebhookConfig[];
}

/** `<dataDir>/integrations.json`: what the dashboard changed. A key present here wins over the config file. */
const savedSchema = z
  .object({ mqtt: mqttConfigSchema.nullable().optional(), webhooks: webhooksConfigSchema.optional() })
  .strict();

type Saved = z.infer<typeof savedSchema>;

/** A receiver's id: a hash of its URL (the outbox also keys receivers by URL). */
export function webhookId(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 12);
}

/**
 * The MQTT broker and webhook receivers: the config file's (or `--mqtt`), overlaid per key by what was
 * changed from the dashboard, which is kept in `<dataDir>/integrations.json` and so survives restarts.
 * Like detection settings, a change is saved first and applied only once saved: a failed save changes
 * nothing and rejects with a StorageError.
 */
export class IntegrationConfigStore extends EventEmitter<{ change: [IntegrationConfig] }> {
  #saved: Saved;
  #writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly base: IntegrationConfig,
    saved: Saved,
    private readonly log: Logger,
  ) {
    super();
    this.#saved = saved;
  }

  /** @param base the config file's entries, already validated. */
  static async open(dataDir: string, base: IntegrationConfig, log: Logger): Promise<IntegrationConfigStore> {
    const file = join(dataDir, 'integrations.json');
    let saved: Saved = {};
    try {
      const parsed = savedSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (parsed.success) saved = parsed.data;
      else log.warn({ file }, 'integrations: saved settings invalid; using the config file');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        log.warn({ err }, 'integrations: cannot read saved settings; using the config file');
    }
    return new IntegrationConfigStore(file, base, saved, log);
  }

  get current(): IntegrationConfig {
    return {
      mqtt: this.#saved.mqtt !== undefined ? this.#saved.mqtt : this.base.mqtt,
      webhooks: this.#saved.webhooks ?? this.base.webhooks,
    };
  }

  get sources(): { mqtt: ConfigSource; webhooks: ConfigSource } {
    return {
      mqtt: this.#saved.mqtt !== undefined ? 'dashboard' : 'file',
      webhooks: this.#saved.webhooks !== undefined ? 'dashboard' : 'file',
    };
  }

  /** Saves a new broker (null = no MQTT), then applies it. */
  setMqtt(mqtt: MqttConfig | null): Promise<IntegrationConfig> {
    return this.#save({ mqtt });
  }

  /** Saves the new list of receivers, then applies it. */
  setWebhooks(webhooks: WebhookConfig[]): Promise<IntegrationConfig> {
    return this.#save({ webhooks });
  }

  /** Resolves once every accepted change is on disk. */
  flush(): Promise<unknown> {
    return this.#writing;
  }

  #save(change: Saved): Promise<IntegrationConfig> {
    const done = this.#writing.then(async () => {
      const saved = savedSchema.parse({ ...this.#saved, ...change });
      try {
        await writeAtomically(this.file, `${JSON.stringify(saved, null, 2)}\n`, 0o600);
      } catch (err) {
        const error = StorageError.from(err, this.file);
        this.log.error({ path: error.path, code: error.code }, `integrations not saved: ${error.message}`);
        throw error;
      }
      this.#saved = saved;
      const current = this.current;
      this.emit('change', current);
      return current;
    });
    this.#writing = done.catch(() => {});
    return done;
  }
}

/** The broker settings without the password. */
export function mqttView(config: MqttConfig | null): MqttSettingsView | null {
  if (!config) return null;
  const { password, ca, ...rest } = config;
  const view: MqttSettingsView = { ...rest, hasPassword: Boolean(password) };
  if (ca) view.ca = isPem(ca) ? 'pem' : ca;
  return view;
}

/** A receiver without its secret and token. */
export function webhookView(config: WebhookConfig): WebhookSettingsView {
  const { secret, token, ...rest } = config;
  return { id: webhookId(config.url), ...rest, hasSecret: Boolean(secret), hasToken: Boolean(token) };
}

/** True for a certificate pasted as text rather than a file path. */
export function isPem(text: string): boolean {
  return text.trimStart().startsWith('-----BEGIN');
}
