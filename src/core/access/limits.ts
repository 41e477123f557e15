import { createServer as createHttp, type RequestListener, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';

/** Connection and request limits of the HTTP server; every field has a default in {@link DEFAULT_LIMITS}. */
export interface ServerLimits {
  /** Largest request body, in bytes. Default 262,144 (a settings document with many masks is ~40 kB). */
  bodyLimit: number;
  /** Time a client has to send all request headers, in ms. Default 10,000: a slowloris client is dropped. */
  headersTimeoutMs: number;
  /** Time a client has to send the whole request, in ms. Default 30,000. */
  requestTimeoutMs: number;
  /** A connection with no traffic is closed after this, in ms. Default 60,000 (streams are exempt). */
  idleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this, in ms. Default 10,000. */
  keepAliveTimeoutMs: number;
  /** How often Node checks the header and request timeouts, in ms. Default 1,000. */
  checkIntervalMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  bodyLimit: 262_144,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 10_000,
  checkIntervalMs: 1_000,
};

/** PEM certificate and key (their contents, not paths): the server then speaks HTTPS. */
export interface TlsPair {
  cert: Buffer;
  key: Buffer;
}

/**
 * Fastify's `serverFactory`: an HTTP or HTTPS server with the header and request timeouts set at construction
 * (Node checks them only every `connectionsCheckingInterval`, 30 s unless given here). The SSE and MJPEG writers
 * write to `request.raw.socket`, which under TLS is the TLSSocket: they need no change.
 */
export function serverFactory(limits: ServerLimits, tls: TlsPair | null) {
  return (handler: RequestListener): Server => {
    const options = {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    };
    const server = tls
      ? createHttps({ ...options, cert: tls.cert, key: tls.key }, handler)
      : createHttp(options, handler);
    server.timeout = limits.idleTimeoutMs;
    return server as Server;
  };
}
