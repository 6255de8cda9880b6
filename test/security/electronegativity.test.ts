// Electronegativity (Doyensec's Electron auditor) over the whole project: no HIGH finding, and every other
// finding justified in .ci/electronegativity-accepted.tsv. The tool lives in .ci/electronegativity (it needs
// TypeScript 4.2 for its parser); .ci/run installs it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, '.ci/electronegativity/node_modules/.bin/electronegativity');

/** RFC 4180 CSV: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cur.trim()); cur = ''; }
    else if (ch === '\n') { row.push(cur.trim()); rows.push(row); row = []; cur = ''; }
    else if (ch !== '\r') cur += ch;
  }
  if (cur.trim() || row.length) { row.push(cur.trim()); rows.push(row); }
  return rows;
}

describe('electronegativity', () => {
  it('finds no HIGH issue and nothing unjustified', () => {
    if (!existsSync(bin)) {
      throw new Error("electronegativity n'est pas installé : lancez « npm ci --prefix .ci/electronegativity » (fait par .ci/run).");
    }
    const csv = path.join(mkdtempSync(path.join(os.tmpdir(), 'trame-eneg-')), 'out.csv');
    const r = spawnSync(bin, ['-i', root, '-x', 'availablesecurityfixesglobalcheck', '-o', csv, '-r', '-v', 'false'], {
      encoding: 'utf8',
      cwd: root,
      timeout: 300_000,
    });
    expect(existsSync(csv), `electronegativity n'a rien écrit : ${r.stderr}`).toBe(true);
    const accepted = readFileSync(path.join(root, '.ci/electronegativity-accepted.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => l.split('\t'))
      .map(([check, file, why]) => ({ check, file, why }));
    expect(accepted.every((a) => a.why && a.why.length > 20)).toBe(true);
    const rows = parseCsv(readFileSync(csv, 'utf8')).slice(1).filter((r) => r.length > 1);
    const findings = rows.map(([check, severity, confidence, file, location]) => ({ check, severity, confidence, file, location }));
    console.log(`electronegativity: ${findings.length} constats (${findings.filter((f) => f.severity === 'HIGH').length} HIGH)`);
    const high = findings.filter((f) => f.severity === 'HIGH');
    expect(high, 'constats HIGH').toEqual([]);
    const unjustified = findings.filter(
      (f) => f.severity !== 'INFORMATIONAL' && !accepted.some((a) => a.check === f.check && f.file.startsWith(a.file)),
    );
    expect(unjustified, 'constats sans justification dans .ci/electronegativity-accepted.tsv').toEqual([]);
    // The run really looked at the shell.
    expect(findings.some((f) => f.file.startsWith('electron/'))).toBe(true);
  }, 600_000);
});
