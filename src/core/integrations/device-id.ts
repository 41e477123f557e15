import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const pattern = /^mk-[0-9a-f]{12}$/;

/**
 * This kiosk's stable id: the MQTT topic prefix, Home Assistant's unique ids and the peer
 * announcement use it, so it must survive restarts and upgrades. Kept in `<dataDir>/device-id`;
 * made on first start.
 */
export async function loadDeviceId(dataDir: string): Promise<string> {
  const file = join(dataDir, 'device-id');
  try {
    const text = (await readFile(file, 'utf8')).trim();
    if (pattern.test(text)) return text;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const id = `mk-${randomBytes(6).toString('hex')}`;
  await mkdir(dataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${id}\n`);
  await rename(tmp, file);
  return id;
}
