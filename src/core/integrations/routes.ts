import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiError } from '../../shared/api';
import { describeZodError, zodReason } from '../config/zod-reason';
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

  app.put('/api/arming', (request, reply) => {
    const parsed = armingPatchSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(armingRefusal(parsed.error));
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

/**
 * A refused arming change, machine-readable so the dashboard can say it in its language and point at the
 * window: `field` is the whole path (`schedule.detection.1.days`), not only the top-level key.
 */
function armingRefusal(error: z.ZodError): ApiError {
  const path = error.issues[0]?.path ?? [];
  return { error: describeZodError(error), ...zodReason(error), field: path.length ? path.join('.') : null };
}

function reason(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`;
}
