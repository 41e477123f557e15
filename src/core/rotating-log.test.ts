import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createLogger } from './logger';
import { RotatingLog } from './rotating-log';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('keeps the log under its cap: the full file rotates to .1 and the newest lines are in the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mk-log-'));
  dirs.push(dir);
  const path = join(dir, 'app.log');
  const log = new RotatingLog(path, 1000);
  for (let i = 0; i < 100; i++) log.write(`${JSON.stringify({ i, pad: 'x'.repeat(40) })}\n`);
  expect(statSync(path).size).toBeLessThanOrEqual(1000);
  expect(statSync(`${path}.1`).size).toBeLessThanOrEqual(1000);
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  expect(JSON.parse(lines.at(-1) ?? '{}').i).toBe(99);
  const older = readFileSync(`${path}.1`, 'utf8').trim().split('\n');
  expect(JSON.parse(older.at(-1) ?? '{}').i).toBe(JSON.parse(lines[0]).i - 1);
});

it('the kiosk logger writes JSON lines to its file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mk-log-'));
  dirs.push(dir);
  const file = join(dir, 'logs', 'kiosk.log');
  const log = createLogger({ file, pretty: false });
  log.warn({ camera: 'c' }, 'camera offline');
  log.flush();
  const line = JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1) ?? '{}');
  expect(line).toMatchObject({ level: 40, camera: 'c', msg: 'camera offline' });
});
