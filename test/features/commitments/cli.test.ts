// `trame commitments` as a user runs it: a real subprocess on dist/cli.cjs over a real .trame file, which keeps
// every byte (read-only), whatever the options.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../../../core/features/start/demo-contrat';
import { hashFile, listDir } from '../../helpers/files';

const root = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(root, 'dist', 'cli.cjs');
let dir: string;
let file: string;

function trame(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir, env: { ...process.env, TRAME_DATA_DIR: path.join(dir, 'app-data') }, encoding: 'utf8', timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'build', 'scripts', 'build-node.mjs')], { cwd: root, stdio: 'pipe' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'trame-cli-engagements-'));
  writeFileSync(path.join(dir, 'demo.json'), JSON.stringify(demoDocument()));
  file = path.join(dir, 'demo.trame');
  const r = trame(['import', file, 'demo.json']);
  if (r.status !== 0) throw new Error(r.stderr);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('trame commitments', () => {
  it('prints the commitments as a table, the late ones, one partner\'s, or CSV; the file keeps every byte', () => {
    const before = hashFile(file);
    const names = listDir(dir);
    const all = trame(['commitments', file]);
    expect(all.status, all.stderr).toBe(0);
    expect(all.stdout).toContain('France Travail — agence de Vaudrecourt — Mener avec la Cité de l\'emploi');
    expect(all.stdout).toContain('montant    : 45000 € (droit commun)');
    expect(all.stdout).toContain('statut     : Non tenu');
    const late = trame(['commitments', file, '--late']);
    expect(late.status).toBe(0);
    const heads = late.stdout.split('\n').filter((l) => l && !l.startsWith(' '));
    // Due 2024-12-31, then June 2025, then 2025 (a year counts to its 31/12): the latest first. Kept and abandoned ones never.
    const order = ['Département', 'EPIDE', 'Logistique du Val', 'Préfecture'].map((p) => heads.findIndex((h) => h.startsWith(p)));
    expect(order.every((i) => i >= 0), late.stdout).toBe(true);
    expect(Math.max(order[0], order[1]) < order[2] && order[2] < order[3]).toBe(true);
    expect(late.stdout).not.toContain('Région (conseil régional)'); // tenu
    expect(late.stdout).not.toContain("Association Mobil'Emploi"); // abandonné
    expect(late.stdout).toMatch(/en retard de \d+ jours/);
    const one = trame(['commitments', file, '--partner', 'mission locale du val de trame']);
    expect(one.stdout.split('\n').filter((l) => l && !l.startsWith(' '))).toEqual([
      "Mission locale du Val de Trame — Atteindre 20 % de jeunes résidant en QPV parmi les entrées en contrat d'engagement jeune.",
    ]);
    const csv = trame(['commitments', file, '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(csv.stdout.slice(1).trimEnd(), { delimiter: ';' }).data;
    expect(rows).toHaveLength(demoDocument().commitments!.length + 1);
    expect(rows.find((r) => r[6] === '150000')?.[7]).toBe('Crédits spécifiques');
    expect(hashFile(file)).toBe(before);
    expect(listDir(dir)).toEqual(names);
  });

  it('refuses bad options in French, the file unchanged', () => {
    const before = hashFile(file);
    const cases: [string[], number, string][] = [
      [['commitments', file, '--format', 'xlsx'], 1, 'format inconnu « xlsx »'],
      [['commitments', file, '--partner', 'Inconnu'], 1, 'Aucun partenaire « Inconnu »'],
      [['commitments'], 2, '« trame commitments » attend <fichier.trame>'],
      [['commitments', file, '-o', 'x.csv'], 2, "ne s'appliquent pas à « trame commitments »"],
      [['show', file, '--late'], 2, "ne s'appliquent qu'à « trame commitments »"],
      [['commitments', path.join(dir, 'absent.trame')], 1, 'Erreur'],
    ];
    for (const [args, status, message] of cases) {
      const r = trame(args);
      expect(r.status, args.join(' ')).toBe(status);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
    expect(hashFile(file)).toBe(before);
  });
});
