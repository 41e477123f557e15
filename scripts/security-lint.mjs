#!/usr/bin/env node
// `npm run test:security`: electronegativity over src/, failing on any finding above LOW.
// Findings that are reviewed and accepted carry an inline `eng-disable CHECK_ID` comment with the reason.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const electron = require('electron/package.json').version;
const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist/index.js');
const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const csv = join(dir, 'findings.csv');

try {
  // Its look-up of newer Electron releases fails offline; that only costs a warning.
  const run = spawnSync(
    process.execPath,
    [cli, '-i', 'src', '-r', '-v', 'false', '-e', electron, '-o', csv],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) {
    process.stderr.write(run.stderr || run.stdout);
    process.exit(run.status ?? 1);
  }
  const [, ...rows] = parseCsv(readFileSync(csv, 'utf8').trim());
  for (const [check, severity, confidence, file, location] of rows) {
    console.log(
      `${String(severity).padEnd(8)} ${String(confidence).padEnd(10)} ${String(check).padEnd(32)} src/${file}:${location}`,
    );
  }
  const serious = rows.filter(([, severity]) => severity !== 'LOW' && severity !== 'INFORMATIONAL');
  console.log(`electronegativity ${electron}: ${rows.length} finding(s), ${serious.length} above LOW`);
  process.exit(serious.length === 0 ? 0 : 1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** CSV rows: fields separated by commas, optionally quoted ("" escapes a quote; a quoted field may span lines). */
function parseCsv(text) {
  const rows = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if ((c === ',' || c === '\n') && !quoted) {
      rows.at(-1).push(field.trim());
      field = '';
      if (c === '\n') rows.push([]);
    } else {
      field += c;
    }
  }
  rows.at(-1).push(field.trim());
  return rows;
}
