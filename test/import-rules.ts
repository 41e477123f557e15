import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** One import of a source file: `import`, `import type`, `export … from`, `import()` or `require()`. */
export interface ImportEdge {
  /** The importing file, relative to the repository root, with `/` separators. */
  file: string;
  line: number;
  specifier: string;
  /** For a relative specifier, the imported path relative to the root (no extension added); else null. */
  target: string | null;
}

export interface Violation extends ImportEdge {
  rule: string;
}

/** A house rule: for files under `from`, `refuses` says whether one import breaks it. */
interface Rule {
  rule: string;
  from: string;
  refuses(edge: ImportEdge): boolean;
}

const codeFile = /\.(?:ts|tsx|mts|cts|js|mjs|cjs)$/;
const nodeBuiltins = new Set(builtinModules);

const under = (path: string | null, folder: string): boolean =>
  path !== null && (path === folder || path.startsWith(`${folder}/`));
const isElectron = (edge: ImportEdge) =>
  edge.specifier === 'electron' || edge.specifier.startsWith('electron/');
const isNodeBuiltin = (edge: ImportEdge) =>
  edge.specifier.startsWith('node:') || nodeBuiltins.has(edge.specifier.split('/')[0]);
/** A relative import of a project file outside `allowed` (package.json and scripts/ count as outside src). */
const leaves = (edge: ImportEdge, allowed: string[]) =>
  edge.target !== null && !allowed.some((ok) => under(edge.target, ok));
/** A relative import into a folder of src/ other than `allowed`. */
const reachesInto = (edge: ImportEdge, allowed: string[]) =>
  under(edge.target, 'src') && leaves(edge, allowed);

/** A relative import into one of `folders`. */
const into = (edge: ImportEdge, ...folders: string[]) => folders.some((folder) => under(edge.target, folder));
/** Tests and their helpers, which may borrow another folder's test tools. */
const isTestCode = (file: string) => /\.test\.tsx?$|\/(?:testing|test-support)\//.test(file);

/** The rules of docs/architecture.md ("Rules"), in the order that page lists them. */
export const rules: Rule[] = [
  {
    rule: 'only src/main and src/preload import electron',
    from: 'src',
    refuses: (edge) => isElectron(edge) && !under(edge.file, 'src/main') && !under(edge.file, 'src/preload'),
  },
  {
    rule: 'the renderer imports only src/shared (no Node modules)',
    from: 'src/renderer',
    refuses: (edge) => leaves(edge, ['src/renderer', 'src/shared']) || isNodeBuiltin(edge),
  },
  {
    rule: 'the preload never imports the engine or the renderer',
    from: 'src/preload',
    refuses: (edge) => into(edge, 'src/core', 'src/renderer'),
  },
  {
    rule: 'the engine imports no src folder but src/core and src/shared (never src/main)',
    from: 'src/core',
    refuses: (edge) => reachesInto(edge, ['src/core', 'src/shared']),
  },
  {
    rule: 'motion never imports server or capture',
    from: 'src/core/motion',
    refuses: (edge) => into(edge, 'src/core/server', 'src/core/capture'),
  },
  {
    rule: 'server never imports motion',
    from: 'src/core/server',
    refuses: (edge) => into(edge, 'src/core/motion'),
  },
  {
    rule: 'src/shared imports nothing from other src folders and no Node modules',
    from: 'src/shared',
    refuses: (edge) => reachesInto(edge, ['src/shared']) || isNodeBuiltin(edge),
  },
  {
    rule: 'frames imports nothing from the rest of the engine',
    from: 'src/core/frames',
    refuses: (edge) => reachesInto(edge, ['src/core/frames', 'src/shared']),
  },
  {
    rule: 'capture never imports motion, events or server',
    from: 'src/core/capture',
    refuses: (edge) => into(edge, 'src/core/motion', 'src/core/events', 'src/core/server'),
  },
  {
    rule: 'events (outside its tests) never imports capture, motion or server',
    from: 'src/core/events',
    refuses: (edge) =>
      !isTestCode(edge.file) && into(edge, 'src/core/capture', 'src/core/motion', 'src/core/server'),
  },
];

/** Every code file under `root/src`, relative to `root`, `/`-separated, sorted. */
export function sourceFiles(root: string, pattern = codeFile): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (pattern.test(entry.name)) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(join(root, 'src'));
  return found.sort();
}

/** The imports of one file, found by the TypeScript scanner: comments and strings are not imports. */
export function importsOf(file: string, text: string): ImportEdge[] {
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName, pos }) => ({
    file,
    line: text.slice(0, pos).split('\n').length,
    specifier: fileName,
    target: fileName.startsWith('.') ? posix.join(posix.dirname(file), fileName) : null,
  }));
}

/** Every import under `root/src` that breaks a rule; empty when the tree keeps them all. */
export function checkImports(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const file of sourceFiles(root)) {
    for (const edge of importsOf(file, readFileSync(join(root, file), 'utf8'))) {
      for (const { rule, from, refuses } of rules) {
        if (under(file, from) && refuses(edge)) violations.push({ ...edge, rule });
      }
    }
  }
  return violations;
}

/** READMEs of `src/core` folders that are missing or do not say what the folder may import. */
export function silentEngineFolders(root: string): string[] {
  return readdirSync(join(root, 'src/core'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map(({ name }) => `src/core/${name}/README.md`)
    .filter(
      (readme) =>
        !existsSync(join(root, readme)) || !/may import/i.test(readFileSync(join(root, readme), 'utf8')),
    )
    .sort();
}

/** `file:line imports 'x': rule`, one per line, for a test failure or the command line. */
export function describeViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.file}:${v.line} imports '${v.specifier}': ${v.rule}`).join('\n');
}
