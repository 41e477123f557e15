import fastifyCookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { SessionInfo } from '../../shared/access';
import { type Access, SESSION_COOKIE } from './access';
import { crossSiteReason, csrfTokenMatches, isUnsafeMethod, sameSecret } from './csrf';
import { type AccessRule, roleAllows, ruleFor } from './policy';
import { csrfTokenFor } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's session, or null (none, revoked, or access control off). */
    accessSession: SessionInfo | null;
    /** The session's token from the cookie, when the session is valid. */
    accessToken: string | null;
  }
}

/** A refusal with its status; the server's error handler sends `{ error }` with it. */
export class AccessError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Installs access control on `app`. Call before any route is registered: every later route gets its rule from
 * `ACCESS_RULES`, and registering one that has none throws (so a new route cannot ship open by accident).
 */
export async function registerAccess(app: FastifyInstance, access: Access): Promise<void> {
  await app.register(fastifyCookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AccessError(
        429,
        `too many attempts from this address; retry in ${Math.ceil(context.ttl / 1000)} s`,
      ),
  });
  app.decorateRequest('accessSession', null);
  app.decorateRequest('accessToken', null);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const rules = methods.map((method) => {
      const rule = ruleFor(method, route.url);
      if (!rule)
        throw new Error(`route ${method} ${route.url} has no access rule in src/core/access/policy.ts`);
      return rule;
    });
    if (new Set(rules).size !== 1) throw new Error(`route ${route.url}: its methods need one access rule`);
    const existing = route.onRequest === undefined ? [] : [route.onRequest].flat();
    route.onRequest = [checker(access, rules[0]), ...existing];
    for (const method of methods) access.routes.push({ method, url: route.url, rule: rules[0] });
  });
}

function checker(access: Access, rule: AccessRule): onRequestHookHandler {
  return async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    const session = access.enabled && token ? access.sessions.lookup(token) : null;
    request.accessSession = session;
    request.accessToken = session && token ? token : null;
    const unsafe = isUnsafeMethod(request.method);
    if (unsafe) {
      const reason = crossSiteReason(request.headers, `${request.protocol}://${request.host}`);
      if (reason) throw new AccessError(403, reason);
    }
    if (!access.enabled || rule === 'public') return;
    if (rule === 'metrics') {
      if (session?.role === 'admin' || isLoopback(request.ip) || bearerMatches(request, access.metricsToken))
        return;
      if (session) throw new AccessError(403, 'metrics need an admin session');
      throw new AccessError(401, 'metrics need an admin session, a loopback client or the bearer token');
    }
    if (!session || !token) throw new AccessError(401, 'sign in first: no session (or it was revoked)');
    if (!roleAllows(rule, session.role)) throw new AccessError(403, 'this needs an admin session');
    if (unsafe && !csrfTokenMatches(request.headers, csrfTokenFor(token))) {
      throw new AccessError(403, 'missing or wrong X-CSRF-Token header');
    }
  };
}

export function isLoopback(address: string | undefined): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address ?? '');
}

function bearerMatches(request: FastifyRequest, token: string | undefined): boolean {
  const header = request.headers.authorization;
  return token !== undefined && typeof header === 'string' && sameSecret(header, `Bearer ${token}`);
}
