import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { EventHub } from '../../events/event-hub';
import { openEventStore } from '../../events/event-store';
import { Health } from '../../health/health';
import { webhookId } from '../../integrations/config-store';
import { openIntegrations } from '../../integrations/index';
import { registerIntegrationRoutes } from '../../integrations/routes';
import { encodeSseMessage } from '../../server/sse-format';
import { removeDir, tempDataDir } from '../../server/testing/test-server';

/** How `policy.test.ts` calls one route so that an allowed caller gets a 2xx. */
type Example = () => { path: string; body?: unknown };

/** Receivers the examples edit and remove (port 9: nothing listens, tests answer "refused"). */
const kept = 'http://127.0.0.1:9/kept';
const removed = 'http://127.0.0.1:9/removed';
const subscription = {
  endpoint: 'https://push.invalid/send/policy',
  keys: {
    p256dh: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
    auth: 'tBHItJI5svbpez7KI4CCXg',
  },
};

/**
 * The real integrations (arming, push, webhooks, MQTT settings) on a hub of their own, for the access policy test:
 * the routes to register on its test server, an example request per route, and the cleanup.
 */
export async function integrationExamples() {
  const dataDir = tempDataDir();
  const log = pino({ level: 'silent' });
  const store = openEventStore({ dataDir, log });
  const integrations = await openIntegrations({
    hub: new EventHub({ store, log, health: new Health(), encode: encodeSseMessage }),
    latestJpeg: () => null,
    dataDir,
    mqtt: null,
    webhooks: [{ url: kept }, { url: removed }],
    version: 'test',
    cameras: () => [],
    log,
  });
  integrations.start('http://127.0.0.1:1');
  const examples: Record<string, Example> = {
    'GET /api/arming': () => ({ path: '/api/arming' }),
    'PUT /api/arming': () => ({ path: '/api/arming', body: { armed: true } }),
    'GET /api/peers': () => ({ path: '/api/peers' }),
    'GET /api/push': () => ({ path: '/api/push' }),
    'POST /api/push/subscriptions': () => ({ path: '/api/push/subscriptions', body: subscription }),
    'DELETE /api/push/subscriptions': () => {
      integrations.pushSubscriptions.add(subscription, null);
      return { path: '/api/push/subscriptions', body: { endpoint: subscription.endpoint } };
    },
    'GET /api/integrations': () => ({ path: '/api/integrations' }),
    'PUT /api/integrations/mqtt': () => ({
      path: '/api/integrations/mqtt',
      body: { url: 'mqtt://127.0.0.1:9', username: 'kiosk', password: 'secret' },
    }),
    'DELETE /api/integrations/mqtt': () => ({ path: '/api/integrations/mqtt' }),
    'POST /api/integrations/webhooks': () => ({
      path: '/api/integrations/webhooks',
      body: { url: `http://127.0.0.1:9/added-${Math.random()}` },
    }),
    'PUT /api/integrations/webhooks/:id': () => ({
      path: `/api/integrations/webhooks/${webhookId(kept)}`,
      body: { url: kept, preset: 'ntfy' },
    }),
    'DELETE /api/integrations/webhooks/:id': () => ({
      path: `/api/integrations/webhooks/${webhookId(removed)}`,
    }),
    'POST /api/integrations/webhooks/test': () => ({ path: '/api/integrations/webhooks/test', body: {} }),
  };
  return {
    examples,
    register: (app: FastifyInstance) => registerIntegrationRoutes(app, integrations),
    async close() {
      await integrations.stop();
      store.close();
      removeDir(dataDir);
    },
  };
}
