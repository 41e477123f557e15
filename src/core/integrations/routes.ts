import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../server/params';
import { armingScheduleSchema } from './arming-schedule';
import type { Integrations } from './index';
import { pushSubscriptionSchema } from './push-subscriptions';

const armingPatchSchema = z
  .object({ armed: z.boolean().optional(), schedule: armingScheduleSchema.optional() })
  .strict();

/**
 * `GET|PUT /api/arming` (manual switch and schedule) and `GET /api/integrations` (connection
 * states and topics, for the dashboard's settings).
 */
export function registerIntegrationRoutes(app: FastifyInstance, integrations: Integrations): void {
  app.get('/api/arming', () => integrations.arming.state);

  app.put('/api/arming', (request) => {
    const parsed = armingPatchSchema.safeParse(request.body);
    if (!parsed.success) throw new HttpError(400, reason(parsed.error));
    if (parsed.data.schedule) integrations.arming.setSchedule(parsed.data.schedule);
    if (parsed.data.armed !== undefined) integrations.arming.setArmed(parsed.data.armed);
    return integrations.arming.state;
  });

  app.get('/api/integrations', () => {
    const mqtt = integrations.mqtt;
    return {
      deviceId: integrations.deviceId,
      arming: integrations.arming.state,
      mqtt: mqtt ? { ...mqtt.bridge.info, topics: mqtt.topics } : null,
      webhooks: integrations.webhooks?.info ?? [],
    };
  });

  app.get('/api/push', () => ({
    publicKey: integrations.push.publicKey,
    subscriptions: integrations.pushSubscriptions.all().length,
  }));

  app.post('/api/push/subscriptions', (request, reply) => {
    const parsed = pushSubscriptionSchema.safeParse(request.body);
    if (!parsed.success) throw new HttpError(400, reason(parsed.error));
    integrations.pushSubscriptions.add(
      parsed.data,
      request.accessSession ? String(request.accessSession.id) : null,
    );
    reply.code(201);
    return { subscribed: true };
  });

  app.delete('/api/push/subscriptions', (request) => {
    const parsed = z
      .object({ endpoint: z.string().max(1000) })
      .strict()
      .safeParse(request.body);
    if (!parsed.success) throw new HttpError(400, reason(parsed.error));
    if (!integrations.pushSubscriptions.remove(parsed.data.endpoint))
      throw new HttpError(404, 'no such subscription');
    return { subscribed: false };
  });

  app.get('/api/peers', () => ({ peers: integrations.mqtt?.peers.list() ?? [] }));

  app.post('/api/integrations/webhooks/test', async () => {
    const webhooks = integrations.webhooks;
    if (!webhooks) throw new HttpError(409, 'no webhooks configured (config file key `webhooks`)');
    return { results: await webhooks.sendTest() };
  });
}

function reason(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`;
}
