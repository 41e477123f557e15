/**
 * Who may call what. `public`: anyone (the dashboard's static shell, liveness, signing in); `viewer`: any
 * session; `admin`: an admin session; `metrics`: an admin session, a loopback client, or the config file's bearer
 * token. Every route the server registers must be in {@link ACCESS_RULES}: `registerAccess` refuses to start a
 * server with a route missing from it, and the table-driven test in `policy.test.ts` walks every one.
 */
export type AccessRule = 'public' | 'viewer' | 'admin' | 'metrics';

/** `METHOD /path` as Fastify registers it (HEAD routes follow their GET). */
export const ACCESS_RULES: Readonly<Record<string, AccessRule>> = {
  // The dashboard's static shell (HTML, JS, CSS): it shows the sign-in screen when there is no session.
  'GET /*': 'public',
  'GET /healthz': 'public',
  'GET /metrics': 'metrics',

  // Pairing and sign-in (rate-limited per address).
  'GET /pair': 'public',
  'POST /api/pair': 'public',
  'POST /api/sign-in': 'public',
  'GET /api/session': 'public',
  'POST /api/sign-out': 'viewer',

  // Watching.
  'GET /events': 'viewer',
  'GET /stream.mjpg': 'viewer',
  'GET /snapshot.jpg': 'viewer',
  'GET /api/state': 'viewer',
  'GET /api/levels': 'viewer',
  'GET /api/settings': 'viewer',
  'GET /api/events': 'viewer',
  'GET /api/events/:id': 'viewer',
  'GET /api/events/:id/snapshot.jpg': 'viewer',
  'GET /api/events/:id/first.jpg': 'viewer',
  'GET /api/events/:id/clip': 'viewer',
  'GET /api/events/:id/clip.json': 'viewer',
  'GET /api/events/:id/clip.mp4': 'viewer',
  'GET /api/arming': 'viewer',
  'GET /api/peers': 'viewer',
  // Reviewing is part of watching (like a mail inbox's "read"): any signed-in viewer may mark what they looked at.
  // The flag is shared by the household, not per device: whoever looked, the event has been seen.
  'POST /api/events/:id/reviewed': 'viewer',
  'POST /api/events/reviewed': 'viewer',
  // Web Push: any signed-in browser may ask to be told; the subscription belongs to its session.
  'GET /api/push': 'viewer',
  'POST /api/push/subscriptions': 'viewer',
  'DELETE /api/push/subscriptions': 'viewer',

  // Changing things.
  'PUT /api/settings': 'admin',
  // Deleting evidence is final (picture and clip too): admins only, as in commercial camera apps.
  'DELETE /api/events/:id': 'admin',
  'GET /api/sessions': 'admin',
  'PATCH /api/sessions/:id': 'admin',
  'DELETE /api/sessions/:id': 'admin',
  'POST /api/pairing-codes': 'admin',
  'PUT /api/password': 'admin',
  'PUT /api/arming': 'admin',
  'GET /api/integrations': 'admin',
  'POST /api/integrations/webhooks/test': 'admin',
};

/** The rule of a route, or undefined when the table has none (a HEAD route takes its GET's rule). */
export function ruleFor(method: string, url: string): AccessRule | undefined {
  const key = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  return Object.hasOwn(ACCESS_RULES, key) ? ACCESS_RULES[key] : undefined;
}

/** Whether a session of `role` (or none) satisfies a viewer/admin rule. */
export function roleAllows(rule: 'viewer' | 'admin', role: 'viewer' | 'admin'): boolean {
  return rule === 'viewer' || role === 'admin';
}
