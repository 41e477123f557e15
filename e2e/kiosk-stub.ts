import type { Page } from '@playwright/test';
import QRCode from 'qrcode';

/** The LAN address the stand-in kiosk API hands out. */
export const kioskLanUrl = 'http://192.168.1.20:8080';

/**
 * Makes the page look like the kiosk window to the dashboard: `window.kiosk` as the preload defines it
 * (src/shared/kiosk-api.ts), answering from fixed values. The real preload and IPC are covered by
 * electron.spec.ts where the Electron binary exists; here only the dashboard's use of the API is tested.
 */
export async function actAsKiosk(page: Page): Promise<void> {
  const qr = await QRCode.toDataURL(kioskLanUrl, { margin: 1, width: 200 });
  // Script text, not a function: a function is sent as its source, and the benches' tsx adds name helpers
  // to it that the page does not have.
  await page.addInitScript({
    content: `window.kiosk = {
      isKiosk: true,
      version: '0.1.0',
      quit: async () => ({ ok: false, error: 'no PIN configured' }),
      display: { state: async () => 'on', set: async () => 'on', onChange: () => () => {} },
      share: async () => ({ urls: [${JSON.stringify(kioskLanUrl)}], qr: ${JSON.stringify(qr)} }),
    };`,
  });
}
