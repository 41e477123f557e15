#!/usr/bin/env node
// `npm run test:security`: electronegativity over src/, failing on any finding above LOW or any file it could
// not parse (an unparsed file is an unchecked file). Reviewed and accepted findings carry an inline
// `eng-disable CHECK_ID` comment with the reason (docs/security.md lists them).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const electron = require('electron/package.json').version;
const engine = require('@doyensec/electronegativity');
const run = engine.default ?? engine;

// Used as a library: its CSV/SARIF writer appends rows without waiting, so a file read right after can be torn.
// Offline, its look-up of newer Electron releases fails with a warning only.
const { issues, errors } = await run({
  input: join(root, 'src'),
  isRelative: true,
  isVerbose: false,
  electronVersionOverride: electron,
  parserPlugins: [],
});
for (const issue of issues) {
  const at = `src/${issue.file}:${issue.location.line}:${issue.location.column}`;
  console.log(
    `${issue.severity.name.padEnd(8)} ${issue.confidence.name.padEnd(10)} ${issue.id.padEnd(32)} ${at}`,
  );
}
for (const error of errors) console.log(`NOT CHECKED ${error.file ?? ''}: ${error.message ?? error}`);
const serious = issues.filter((issue) => issue.severity.value > 1); // 0 informational, 1 low
console.log(
  `electronegativity (Electron ${electron}): ${issues.length} finding(s), ${serious.length} above LOW, ${errors.length} file(s) not parsed`,
);
process.exit(serious.length === 0 && errors.length === 0 ? 0 : 1);
