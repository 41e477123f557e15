import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IntegrationsView } from '../../shared/integrations';
import { StorageError } from '../events/storage-error';
import { HttpError } from '../server/params';
import {
  mergeMqtt,
  mqttInputSchema,
  parseBody,
  removeWebhook,
  upsertWebhook,
  webhookInputSchema,
} from './config-input';
import type { IntegrationConfig } from './config-store';
import { mqttView, webhookView } from './config-store';
import type { Integrations } from './index';

const idParams = z
  .object({ id: z.string().regex(/^[0-9a-f]{12}$/, 'a receiver id (12 hex digits)') })
  .strict();
const testBody = z.object({ id: idParams.shape.id.optional() }).strict().nullable().optional();

/**
 * The dashboard's integration settings (admin): `GET /api/integrations` (state and settings, secrets never
 * sent back), `PUT|DELETE /api/integrations/mqtt`, `POST /api/integrations/webhooks`,
 * `PUT|DELETE /api/integrations/webhooks/:id`, `POST /api/integrations/webhooks/test`. Every change is
 * validated (400, nothing changes), saved (503 when it cannot be, nothing changes), then applied at once.
 */
export function registerIntegrationConfigRoutes(app: FastifyInstance, integrations: Integrations): void {
  const store = integrations.config;
  const view = (): IntegrationsView => {
    const mqtt = integrations.mqtt;
    const current = store.current;
    return {
      deviceId: integrations.deviceId,
      arming: integrations.arming.state,
      mqtt: mqtt ? { ...mqtt.bridge.info, topics: mqtt.topics } : null,
      webhooks: integrations.webhooks?.info ?? [],
      settings: {
        mqtt: mqttView(current.mqtt),
        webhooks: current.webhooks.map(webhookView),
        sources: store.sources,
      },
    };
  };
  /** Saves, then waits until the change runs, so the answer shows the new state. */
  const save = async (change: () => Promise<IntegrationConfig>) => {
    try {
      await change();
    } catch (err) {
      if (err instanceof StorageError) throw new HttpError(503, `integrations not saved: ${err.message}`);
      throw err;
    }
    await integrations.applied();
    return view();
  };

  app.get('/api/integrations', view);

  app.put('/api/integrations/mqtt', async (request) => {
    const input = parseBody(mqttInputSchema, request.body);
    const next = await mergeMqtt(store.current.mqtt, input);
    return save(() => store.setMqtt(next));
  });

  app.delete('/api/integrations/mqtt', () => save(() => store.setMqtt(null)));

  app.post('/api/integrations/webhooks', async (request, reply) => {
    const input = parseBody(webhookInputSchema, request.body);
    const next = upsertWebhook(store.current.webhooks, null, input);
    reply.code(201);
    return save(() => store.setWebhooks(next));
  });

  app.put('/api/integrations/webhooks/:id', async (request) => {
    const { id } = parseBody(idParams, request.params);
    const input = parseBody(webhookInputSchema, request.body);
    const next = upsertWebhook(store.current.webhooks, id, input);
    return save(() => store.setWebhooks(next));
  });

  app.delete('/api/integrations/webhooks/:id', async (request) => {
    const { id } = parseBody(idParams, request.params);
    const next = removeWebhook(store.current.webhooks, id);
    return save(() => store.setWebhooks(next));
  });

  app.post('/api/integrations/webhooks/test', async (request) => {
    const body = parseBody(testBody, request.body);
    const webhooks = integrations.webhooks;
    if (!webhooks) throw new HttpError(409, 'no webhook receivers: add one first');
    const results = await webhooks.sendTest(body?.id);
    if (body?.id && results.length === 0) throw new HttpError(404, `no webhook receiver ${body.id}`);
    return { results };
  });
}
