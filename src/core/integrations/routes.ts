import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../server/params';
import { armingScheduleSchema } from './arming-schedule';
import { registerIntegrationConfigRoutes } from './config-routes';
import type { Integrations } from './index';
import { pushSubscriptionSchema } from './push-subscriptions';

const armingPatchSchema = z
  .object({ armed: z.boolean().optional(), schedule: armingScheduleSchema.optional() })
  .strict();

/**
 * `GET|PUT /api/arming` (manual switch and schedule), Web Push subscriptions and `GET /api/peers`; the
 * integration settings are in `config-routes.ts`.
 */
export function registerIntegrationRoutes(app: FastifyInstance, integrations: Integrations): void {
  registerIntegrationConfigRoutes(app, integrations);
  app.get('/api/arming', () => integrations.arming.state);

  app.put('/api/arming', (request) => {
    const parsed = armingPatchSchema.safeParse(request.body);
    if (!parsed.success) throw new HttpError(400, reason(parsed.error));
    if (parsed.data.schedule) integrations.arming.setSchedule(parsed.data.schedule);
    if (parsed.data.armed !== undefined) integrations.arming.setArmed(parsed.data.armed);
    return integrations.arming.state;
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
}

function reason(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`;
}
