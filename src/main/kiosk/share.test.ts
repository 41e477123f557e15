import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { shareInfo } from './share';

describe('shareInfo', () => {
  it('has no QR code when there is no LAN URL', async () => {
    expect(await shareInfo([])).toEqual({ urls: [], qr: null });
  });

  it('encodes the first LAN URL as an SVG QR code data URL', async () => {
    const urls = ['http://192.168.1.20:8080', 'http://10.0.0.5:8080'];
    const info = await shareInfo(urls);
    expect(info.urls).toEqual(urls);
    const prefix = 'data:image/svg+xml;base64,';
    expect(info.qr?.startsWith(prefix)).toBe(true);
    const svg = Buffer.from(info.qr?.slice(prefix.length) ?? '', 'base64').toString('utf8');
    // The symbol is the one for urls[0]: same size (modules + 2 × margin), and not the one for urls[1].
    const size = QRCode.create(urls[0], { errorCorrectionLevel: 'M' }).modules.size + 4;
    expect(svg).toMatch(new RegExp(`^<svg[^>]*viewBox="0 0 ${size} ${size}"`));
    expect(svg).toBe(await QRCode.toString(urls[0], { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
  });
});
