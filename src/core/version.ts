import { version as packageVersion } from '../../package.json';

/** The app version from package.json, reported by `/api/state` and the kiosk preload. */
export const version: string = packageVersion;
