import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SessionInfo } from '../../shared/access';
import type { Access } from './access';
import { AccessError, isLoopback } from './hooks';
import { hashPassword, passwordProblem } from './password';
import { MAX_NAME_LENGTH } from './session-store';
import { parseBody } from './sign-in-routes';

const renameBody = z.object({ name: z.string().min(1).max(MAX_NAME_LENGTH) }).strict();
const codeRequest = z.object({ role: z.enum(['viewer', 'admin']) }).strict();
const passwordBody = z.object({ password: z.unknown() }).strict();

export interface AdminRouteOptions {
  /** Dashboard URLs other devices can reach (LAN addresses); pairing links use the first for loopback clients. */
  publicUrls(): string[];
}

function sessionId(request: FastifyRequest): number {
  const text = (request.params as { id: string }).id;
  if (!/^\d{1,15}$/.test(text)) throw new AccessError(400, 'session id must be a positive integer');
  return Number(text);
}

/**
 * Admin routes: `GET /api/sessions`, `PATCH|DELETE /api/sessions/:id` (rename, revoke),
 * `POST /api/pairing-codes` (a code for a viewer or an admin, with its URL and QR), `PUT /api/password`.
 */
export function registerAdminRoutes(app: FastifyInstance, access: Access, opts: AdminRouteOptions): void {
  app.get('/api/sessions', (request): SessionInfo[] =>
    access.sessions.list().map((s) => ({ ...s, current: s.id === request.accessSession?.id })),
  );

  app.patch('/api/sessions/:id', (request) => {
    const id = sessionId(request);
    const { name } = parseBody(renameBody, request.body);
    const session = access.sessions.rename(id, name);
    if (!session) throw new AccessError(404, `no session ${id}`);
    return session;
  });

  app.delete('/api/sessions/:id', (request, reply) => {
    const id = sessionId(request);
    if (!access.sessions.revoke(id)) throw new AccessError(404, `no session ${id}`);
    return reply.code(204).send();
  });

  app.post('/api/pairing-codes', (request) => {
    const { role } = parseBody(codeRequest, request.body);
    // The kiosk asks over loopback: a phone cannot open 127.0.0.1, so its QR code names a LAN address.
    const own = `${request.protocol}://${request.host}`;
    const base = isLoopback(request.ip) ? (opts.publicUrls()[0] ?? own) : own;
    return access.issueCode(role, base);
  });

  app.put('/api/password', async (request, reply) => {
    const { password } = parseBody(passwordBody, request.body);
    const problem = passwordProblem(password);
    if (problem) throw new AccessError(400, problem);
    access.sessions.setPasswordHash(await hashPassword(password as string));
    return reply.code(204).send();
  });
}
