import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKioskConfig } from './config';
import { hashPin, PinGate, verifyPin } from './pin';

const script = join(__dirname, '../../../scripts/hash-pin.mjs');

describe('exit PIN', () => {
  it('accepts the right PIN and refuses others', () => {
    const hash = hashPin('4711');
    expect(verifyPin('4711', hash)).toBe(true);
    for (const wrong of ['4712', '', '47110', '0000']) expect(verifyPin(wrong, hash)).toBe(false);
  });

  it('salts: the same PIN hashes differently each time', () => {
    expect(hashPin('4711')).not.toBe(hashPin('4711'));
  });

  it('agrees with scripts/hash-pin.mjs, whose output the config accepts', () => {
    const hash = execFileSync(process.execPath, [script, '2468'], { encoding: 'utf8' }).trim();
    expect(verifyPin('2468', hash)).toBe(true);
    expect(verifyPin('2469', hash)).toBe(false);
    expect(parseKioskConfig({ pinHash: hash }).pinHash).toBe(hash);
  });

  it('refuses a malformed hash in the config, naming the field', () => {
    expect(() => parseKioskConfig({ pinHash: '4711' })).toThrow('kiosk.pinHash');
    expect(() => verifyPin('4711', 'scrypt$1$2$3')).toThrow('kiosk.pinHash');
  });
});

describe('PinGate', () => {
  it('refuses everything when no PIN is configured', () => {
    expect(new PinGate({ hash: null }).check('')).toContain('no exit PIN');
  });

  it('locks out after repeated wrong PINs, then lets the right one through', () => {
    let now = 1_000_000;
    const gate = new PinGate({ hash: hashPin('1234'), maxFailures: 3, lockoutMs: 60_000, now: () => now });
    expect(gate.check('1111')).toBe('wrong PIN');
    expect(gate.check(1234)).toBe('wrong PIN'); // not a string
    expect(gate.check('2222')).toBe('wrong PIN');
    expect(gate.check('1234')).toMatch(/try again in 60 s/);
    now += 60_000;
    expect(gate.check('1234')).toBeNull();
  });
});
