import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './import-rules';

/** The house limit on any source file under src/ (docs/architecture.md, "Rules"). */
const maxLines = 250;
/** The aim for the typical file. */
const maxMedian = 80;
const sourceFile = /\.(?:ts|tsx|mts|cts|js|mjs|cjs|css|html)$/;

function lineCounts(root: string): { file: string; lines: number }[] {
  return sourceFiles(root, sourceFile).map((file) => ({
    file,
    lines: readFileSync(join(root, file), 'utf8').split('\n').length - 1,
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const tooLong = (root: string) => lineCounts(root).filter(({ lines }) => lines > maxLines);

describe('source file sizes', () => {
  it(`keeps every file under src/ at ${maxLines} lines or fewer, and the median under ${maxMedian}`, () => {
    const counts = lineCounts(join(__dirname, '..'));
    const largest = counts.reduce((a, b) => (b.lines > a.lines ? b : a));
    console.info(
      `src/: ${counts.length} files, median ${median(counts.map((c) => c.lines))} lines, ` +
        `largest ${largest.file} (${largest.lines})`,
    );
    expect(tooLong(join(__dirname, '..'))).toEqual([]);
    expect(median(counts.map((c) => c.lines))).toBeLessThan(maxMedian);
  });

  it('catches a planted file one line over the limit', async () => {
    const root = await mkdtemp(join(tmpdir(), 'mk-file-size-'));
    try {
      await mkdir(join(root, 'src', 'core'), { recursive: true });
      await writeFile(join(root, 'src', 'core', 'ok.ts'), 'export {};\n'.repeat(maxLines));
      await writeFile(join(root, 'src', 'core', 'long.css'), 'a {}\n'.repeat(maxLines + 1));
      expect(tooLong(root)).toEqual([{ file: 'src/core/long.css', lines: maxLines + 1 }]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
