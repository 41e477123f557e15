/** Debian's Chromium (package `chromium`): the e2e tests never download a browser of their own. */
export const chromiumPath = '/usr/bin/chromium';

/** Flags for a quiet, headless Chromium in containers and CI. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
