import type { FastifyInstance } from 'fastify';
import { DASHBOARD_CSP } from '../../shared/csp';

/**
 * Headers on every response that goes through Fastify: the dashboard's CSP (docs/security.md), no MIME sniffing,
 * and no Referer to other sites. The CSP only takes effect on documents, so it is harmless on JSON and images,
 * and it also covers any HTML that is not `index.html` (error pages, a future page) without a list to maintain.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': DASHBOARD_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Adds {@link SECURITY_HEADERS} to every reply. The streams (`/events`, `/stream.mjpg`) hijack their reply and write
 * their own head on the socket, so their required headers stay exactly as they are.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
}
