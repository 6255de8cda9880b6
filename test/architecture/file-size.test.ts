// Small modules (issue 6, item 1): no source file over 400 lines, data files aside, each named here with its reason.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SOURCE_FOLDERS } from './depcruise';

const MAX_LINES = 400;
/** Data, not logic: may be longer. Each must exist (a stale entry fails the test). */
const DATA_FILES: Record<string, string> = {
  'core/features/start/demo-contrat.ts': 'the demo contrat, a literal document',
};

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|css|html)$/;

function sourceFiles(): string[] {
  return SOURCE_FOLDERS.flatMap((folder) =>
    readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
      .map((f) => `${folder}/${f.split(path.sep).join('/')}`)
      .filter((f) => SOURCE.test(f)),
  );
}

/** Lines as an editor shows them: a final newline does not start another line. */
const countLines = (text: string): number => (text === '' ? 0 : text.replace(/\r?\n$/, '').split(/\r?\n/).length);
const lineCount = (file: string): number => countLines(readFileSync(path.join(ROOT, file), 'utf8'));

describe('file size', () => {
  it(`no source file under ${SOURCE_FOLDERS.join(', ')} is over ${MAX_LINES} lines (data files aside)`, () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(50);
    const over = files
      .filter((f) => !(f in DATA_FILES))
      .map((f) => ({ f, n: lineCount(f) }))
      .filter(({ n }) => n > MAX_LINES)
      .map(({ f, n }) => `${f} : ${n} lignes`);
    expect(over).toEqual([]);
  });

  it('every data file exempted exists', () => {
    for (const f of Object.keys(DATA_FILES)) expect(existsSync(path.join(ROOT, f)), f).toBe(true);
  });

  it('the counter counts lines as an editor does', () => {
    const lines = Array.from({ length: 401 }, (_, i) => `l${i}`);
    expect(countLines(`${lines.join('\n')}\n`)).toBe(401);
    expect(countLines(lines.join('\n'))).toBe(401);
    expect(countLines(`${lines.join('\r\n')}\r\n`)).toBe(401);
    expect(countLines('')).toBe(0);
  });
});
