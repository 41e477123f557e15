import QRCode from 'qrcode';
import type { ShareInfo } from '../../shared/ipc';

/**
 * What the "open this dashboard elsewhere" panel shows: the LAN URLs and a QR code of the first one, rendered here
 * (main process) as an SVG data URL so that the dashboard bundle does not carry a QR encoder only the kiosk needs.
 */
export async function shareInfo(lanUrls: readonly string[]): Promise<ShareInfo> {
  const urls = [...lanUrls];
  if (urls.length === 0) return { urls, qr: null };
  const svg = await QRCode.toString(urls[0], { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { urls, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}
