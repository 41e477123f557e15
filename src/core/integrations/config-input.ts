import { access, constants } from 'node:fs/promises';
import type { z } from 'zod';
import { describeZodError } from '../config/zod-reason';
import { HttpError } from '../server/params';
import { type MqttConfig, mqttConfigSchema } from './config';
import { isPem, webhookId } from './config-store';
import { type WebhookConfig, webhookSchema, webhooksConfigSchema } from './webhook-config';

/**
 * `PUT /api/integrations/mqtt`: the whole broker entry. The write-only fields `password` and `ca` keep
 * their stored value when absent and are removed by `null`.
 */
export const mqttInputSchema = mqttConfigSchema.extend({
  password: mqttConfigSchema.shape.password.unwrap().nullable().optional(),
  ca: mqttConfigSchema.shape.ca.unwrap().nullable().optional(),
});

/** `POST /api/integrations/webhooks` and `PUT …/:id`: one receiver; `secret` and `token` as `password` above. */
export const webhookInputSchema = webhookSchema.extend({
  secret: webhookSchema.shape.secret.unwrap().nullable().optional(),
  token: webhookSchema.shape.token.unwrap().nullable().optional(),
});

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/;

/** Checks a request body; a refusal is a 400 naming the first bad field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, describeZodError(parsed.error));
  return parsed.data;
}

/** The new broker entry: the input, with write-only fields kept from `previous` when absent. */
export async function mergeMqtt(
  previous: MqttConfig | null,
  input: z.output<typeof mqttInputSchema>,
): Promise<MqttConfig> {
  const { password, ca, ...rest } = input;
  const next: MqttConfig = { ...rest };
  const keptPassword = password === undefined ? previous?.password : (password ?? undefined);
  const keptCa = ca === undefined ? previous?.ca : (ca ?? undefined);
  if (keptPassword !== undefined) {
    // MQTT 3.1.1 sends a password only after a user name; brokers close the connection otherwise.
    if (!next.username) throw new HttpError(400, 'username: a password needs a user name');
    next.password = keptPassword;
  }
  if (keptCa !== undefined) {
    await checkCa(keptCa);
    next.ca = keptCa;
  }
  return mqttConfigSchema.parse(next);
}

/** A CA the client will be able to use: a PEM certificate, or a readable file. */
async function checkCa(ca: string): Promise<void> {
  if (isPem(ca)) {
    if (!PEM_CERTIFICATE.test(ca))
      throw new HttpError(400, 'ca: not a PEM certificate (-----BEGIN CERTIFICATE-----)');
    return;
  }
  try {
    await access(ca, constants.R_OK);
  } catch {
    throw new HttpError(400, `ca: cannot read the file ${ca}`);
  }
}

/**
 * The list after adding (`id` null) or replacing receiver `id` with `input`; secret and token kept from the
 * receiver replaced when absent. Refuses a URL another receiver has and lists over the limit.
 */
export function upsertWebhook(
  list: WebhookConfig[],
  id: string | null,
  input: z.output<typeof webhookInputSchema>,
): WebhookConfig[] {
  const index = id === null ? -1 : list.findIndex((w) => webhookId(w.url) === id);
  if (id !== null && index < 0) throw new HttpError(404, `no webhook receiver ${id}`);
  const previous = index >= 0 ? list[index] : undefined;
  const { secret, token, ...rest } = input;
  const next: WebhookConfig = { ...rest };
  const keptSecret = secret === undefined ? previous?.secret : (secret ?? undefined);
  const keptToken = token === undefined ? previous?.token : (token ?? undefined);
  if (keptSecret !== undefined) next.secret = keptSecret;
  if (keptToken !== undefined) next.token = keptToken;
  if (list.some((w, i) => i !== index && w.url === next.url))
    throw new HttpError(400, 'url: another receiver already has this URL');
  const result = index >= 0 ? list.map((w, i) => (i === index ? next : w)) : [...list, next];
  return parseBody(webhooksConfigSchema, result);
}

/** The list without receiver `id`. */
export function removeWebhook(list: WebhookConfig[], id: string): WebhookConfig[] {
  const next = list.filter((w) => webhookId(w.url) !== id);
  if (next.length === list.length) throw new HttpError(404, `no webhook receiver ${id}`);
  return next;
}
