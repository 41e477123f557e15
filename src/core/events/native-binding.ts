/** Environment variable naming an Electron-ABI `better_sqlite3.node`; `npm start` sets it (scripts/electron-sqlite.mjs). */
export const SQLITE_BINDING_ENV = 'MOTION_KIOSK_SQLITE_BINDING';

/**
 * The better-sqlite3 addon to load instead of the one `npm install` built for Node, or undefined for that one.
 * Only under Electron: from the source tree, better-sqlite3's own build has Node's ABI, which Electron cannot load.
 * A packaged app is rebuilt in place by electron-builder and gets no such variable.
 */
export function sqliteNativeBinding(
  env: NodeJS.ProcessEnv = process.env,
  versions: NodeJS.ProcessVersions = process.versions,
): string | undefined {
  const path = env[SQLITE_BINDING_ENV];
  return versions.electron && path ? path : undefined;
}
