import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HttpError } from '../server/params';
import { armingScheduleSchema } from './arming-schedule';
import type { Integrations } from './index';

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
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(400, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
    }
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

  app.get('/api/peers', () => ({ peers: integrations.mqtt?.peers.list() ?? [] }));

  app.post('/api/integrations/webhooks/test', async () => {
    const webhooks = integrations.webhooks;
    if (!webhooks) throw new HttpError(409, 'no webhooks configured (config file key `webhooks`)');
    return { results: await webhooks.sendTest() };
  });
}
