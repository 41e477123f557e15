import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

// The CLI contract of the design brief, against the built headless server (`npm run build` first).
const headless = join(__dirname, '..', 'out', 'main', 'headless.js');

function run(args: string[]) {
  const child = spawn(process.execPath, [headless, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, out: () => stdout, err: () => stderr };
}

test('serve --port 0 prints the URL and streams a motion event within 20 s', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mk-cli-'));
  const server = run(['--port', '0', '--data-dir', dataDir, '--no-auth']);
  try {
    await expect
      .poll(() => server.out(), { timeout: 30_000 })
      .toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    const url = server.out().trim().replace('listening on ', '');
    expect(server.err()).toContain('--no-auth');

    // The acceptance criterion's deadline: the first motion event arrives within 20 s.
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(), 20_000);
    const res = await fetch(`${url}/events`, { signal: controller.signal });
    if (!res.body) throw new Error('GET /events answered without a body');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!/^event: motion\ndata: \{.*\}$/m.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    clearTimeout(deadline);
    controller.abort();
    expect(text).toMatch(/^event: motion$/m);
  } finally {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }
});

test('a bad flag exits with a message naming it and starts nothing', async () => {
  const result = run(['--port', 'eighty']);
  expect(await result.exited).toBe(2);
  expect(result.err()).toMatch(/--port "eighty" refused: .*0 to 65535/);
  expect(result.out()).toBe('');
});

test('an invalid --source is refused before anything starts', async () => {
  const result = run([
    '--port',
    '0',
    '--source',
    'v4l2:/etc/passwd',
    '--data-dir',
    mkdtempSync(join(tmpdir(), 'mk-')),
  ]);
  expect(await result.exited).toBe(2);
  expect(result.err()).toMatch(/--source/);
});
