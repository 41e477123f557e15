import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { PeerKiosk } from '../../shared/api';
import { type AppProcess, startApp } from './testing/app-process';
import { startBroker, type TestBroker } from './testing/broker';

let broker: TestBroker | undefined;
const apps: AppProcess[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const app of apps) await app.kill();
  await broker?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function peers(app: AppProcess): Promise<PeerKiosk[]> {
  return ((await (await fetch(`${app.url}/api/peers`)).json()) as { peers: PeerKiosk[] }).peers;
}

async function waitForPeers(app: AppProcess, predicate: (list: PeerKiosk[]) => boolean, what: string) {
  for (let i = 0; i < 120; i++) {
    const list = await peers(app);
    if (predicate(list)) return list;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('two kiosks on one broker list each other in /api/peers; a killed one shows unavailable', async () => {
  broker = await startBroker();
  const start = async (name: string) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mk-peer-'));
    dirs.push(dataDir);
    const app = await startApp({
      dataDir,
      source: 'synthetic',
      config: { mqtt: { url: broker?.url, name } },
    });
    apps.push(app);
    return app;
  };
  const [garage, nursery] = await Promise.all([start('Garage'), start('Nursery')]);
  const seenByGarage = await waitForPeers(
    garage,
    (l) => l.length === 1 && l[0].state === 'online',
    'the nursery',
  );
  expect(seenByGarage[0]).toMatchObject({
    id: nursery.deviceId(),
    name: 'Nursery',
    url: nursery.url,
    available: true,
  });
  const seenByNursery = await waitForPeers(nursery, (l) => l.length === 1, 'the garage');
  expect(seenByNursery[0]).toMatchObject({
    id: garage.deviceId(),
    name: 'Garage',
    url: garage.url,
    armed: true,
  });

  await nursery.kill();
  const after = await waitForPeers(garage, (l) => l[0]?.available === false, 'the last will');
  expect(after[0].id).toBe(nursery.deviceId());
}, 240_000);
