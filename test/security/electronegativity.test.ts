// Electronegativity (Doyensec's Electron auditor) over the whole project: no HIGH finding, and every other
// finding justified in .ci/electronegativity-accepted.tsv. The tool lives in .ci/electronegativity (it needs
// TypeScript 4.2 for its parser); .ci/run installs it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, '.ci/electronegativity/node_modules/@doyensec/electronegativity/dist/index.js');
// Makes the tool write its CSV header and records in order (its own two writes race: see that file).
const serialWrites = path.join(root, '.ci/electronegativity/serial-writes.cjs');
/** Makes its one network call (updated translations) fail at once: the tests run offline (offline.cjs says why). */
const offline = path.join(root, '.ci/electronegativity/offline.cjs');

interface Finding { check: string; severity: string; confidence: string; file: string; location: string }

/**
 * Electronegativity's CSV writes `N/A`, unquoted, for an empty field, and its `sample` column holds code (commas,
 * quotes, line breaks), so it is not read as generic CSV: each record starts with `CHECK_ID,"SEVERITY",` and its
 * first five fields are always quoted and clean. A record that does not fit is an error, never silently dropped.
 */
function parseFindings(text: string): Finding[] {
  const body = text.replace(/\r/g, '').split('\n').slice(1).join('\n');
  const records = body.split(/\n(?=[A-Z_]+,"(?:INFORMATIONAL|LOW|MEDIUM|HIGH)")/).filter((r) => r.trim());
  return records.map((r) => {
    const m = /^([A-Z_]+),"(INFORMATIONAL|LOW|MEDIUM|HIGH)","([A-Z]+)","([^"]*)","([^"]*)",/.exec(r);
    if (!m) throw new Error(`ligne d'electronegativity illisible : ${r.slice(0, 200)}`);
    return { check: m[1], severity: m[2], confidence: m[3], file: m[4], location: m[5] };
  });
}

describe('electronegativity', () => {
  it('finds no HIGH issue and nothing unjustified', () => {
    if (!existsSync(bin)) {
      throw new Error("electronegativity n'est pas installé : lancez « npm ci --prefix .ci/electronegativity » (fait par .ci/run).");
    }
    const csv = path.join(mkdtempSync(path.join(os.tmpdir(), 'trame-eneg-')), 'out.csv');
    const r = spawnSync(process.execPath, ['-r', serialWrites, '-r', offline, bin, '-i', root, '-x', 'availablesecurityfixesglobalcheck', '-o', csv, '-r', '-v', 'false'], {
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
    const findings = parseFindings(readFileSync(csv, 'utf8'));
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
