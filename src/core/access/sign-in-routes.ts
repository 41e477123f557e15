import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Role, SessionState } from '../../shared/access';
import { type Access, SESSION_COOKIE } from './access';
import { deviceName } from './device-name';
import { AccessError } from './hooks';
import { verifyPassword } from './password';
import { csrfTokenFor } from './tokens';

/** A cookie lives as long as browsers allow (400 days); revoking is how a session ends. */
const COOKIE_MAX_AGE_S = 400 * 24 * 3600;

const codeBody = z.object({ code: z.string().min(1).max(64) }).strict();
const passwordBody = z.object({ password: z.string().min(1).max(1024) }).strict();

/** Parses a JSON body with a zod schema; a mismatch is a 400 with a one-line reason. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new AccessError(400, `${where}${issue?.message ?? 'invalid body'}`);
  }
  return result.data;
}

/**
 * The routes that let a device in: `GET /pair?code=` (the QR code's URL: sets the cookie, redirects to the
 * dashboard), `POST /api/pair`, `POST /api/sign-in` (password), `POST /api/sign-out`, `GET /api/session`.
 * Pairing and sign-in are rate-limited per address, with `Retry-After`.
 */
export function registerSignInRoutes(app: FastifyInstance, access: Access): void {
  // One budget per address for all the ways in (one limiter, one store): guessing codes and passwords share it.
  const limited = { onRequest: app.rateLimit({ max: access.attemptsPerMinute, timeWindow: 60_000 }) };

  const startSession = (reply: FastifyReply, role: Role, userAgent: string | undefined) => {
    const { token, session } = access.sessions.create(role, deviceName(userAgent));
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: access.secure,
      path: '/',
      maxAge: COOKIE_MAX_AGE_S,
    });
    return session;
  };

  app.get('/pair', limited, (request, reply) => {
    const code = (request.query as Record<string, unknown>).code;
    const role = typeof code === 'string' && code.length <= 64 ? access.codes.consume(code) : null;
    if (!role) throw new AccessError(400, 'pairing code unknown, already used or expired');
    startSession(reply, role, request.headers['user-agent']);
    return reply.redirect('/', 303);
  });

  app.post('/api/pair', limited, (request, reply) => {
    const { code } = parseBody(codeBody, request.body);
    const role = access.codes.consume(code);
    if (!role) throw new AccessError(400, 'pairing code unknown, already used or expired');
    return startSession(reply, role, request.headers['user-agent']);
  });

  app.post('/api/sign-in', limited, async (request, reply) => {
    const { password } = parseBody(passwordBody, request.body);
    const hash = access.sessions.passwordHash();
    if (!hash) throw new AccessError(400, 'no password is set: pair with a code instead');
    if (!(await verifyPassword(password, hash))) throw new AccessError(401, 'wrong password');
    return startSession(reply, 'admin', request.headers['user-agent']);
  });

  app.post('/api/sign-out', (request, reply) => {
    if (request.accessSession) access.sessions.revoke(request.accessSession.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/session', (request): SessionState => {
    const session = request.accessSession;
    return {
      auth: access.enabled,
      session: session && { ...session, current: true },
      csrf: request.accessToken ? csrfTokenFor(request.accessToken) : null,
      passwordSet: access.sessions.passwordHash() !== null,
    };
  });
}
