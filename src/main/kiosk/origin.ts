/** True when `url` parses and has exactly the app's origin (scheme, host and port). */
export function isAppUrl(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
