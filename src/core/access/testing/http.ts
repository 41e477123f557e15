import { request as httpRequest } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request with full control of the headers (fetch forbids `Origin`, `Sec-Fetch-Site` and `Cookie`).
 * For a stream, `headOnly` resolves as soon as the head arrives and closes the connection.
 */
export function send(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; headOnly?: boolean } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    // Node frames no body for DELETE unless told its length: the server would read it as a next request.
    const length = opts.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(opts.body)) };
    const headers = { ...length, ...opts.headers };
    const req = httpRequest(url, { method: opts.method ?? 'GET', headers }, (res) => {
      const answer = { status: res.statusCode ?? 0, headers: res.headers, body: '' };
      if (opts.headOnly && answer.status < 300) {
        res.destroy();
        resolve(answer);
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        answer.body += chunk;
      });
      res.on('end', () => resolve(answer));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Headers of a JSON body, plus any given. */
export function json(headers: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', ...headers };
}
