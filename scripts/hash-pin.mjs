#!/usr/bin/env node
// Prints the hash of an exit PIN for the config file's `kiosk.pinHash`:
//   node scripts/hash-pin.mjs 4711
// Same format as src/main/kiosk/pin.ts (its test checks that both agree).
import { randomBytes, scryptSync } from 'node:crypto';

const pin = process.argv[2];
if (!pin || !/^\d{4,12}$/.test(pin)) {
  console.error('usage: node scripts/hash-pin.mjs PIN   (4 to 12 digits)');
  process.exit(2);
}
const [N, r, p] = [16_384, 8, 1];
const salt = randomBytes(16);
const key = scryptSync(pin, salt, 32, { N, r, p });
console.log(['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$'));
