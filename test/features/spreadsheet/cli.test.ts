// `trame import-tableur` and `trame export --format xlsx|ods` as a user runs them: the bundled dist/cli.cjs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFile } from '../../helpers/files';
import { tmpDir } from '../../helpers/tmp';
import { planBytes, workbookBytes } from './fixtures';

const cli = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.cjs');
const GOLDEN = path.resolve(__dirname, '..', '..', 'fixtures', 'golden-v1.trame');

function trame(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, env: { ...process.env, TRAME_DATA_DIR: path.join(dir, 'app-data') }, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('trame import-tableur', () => {
  it('prints the mapping it used, simulates, and creates the contrat; a second import refuses to overwrite', () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'plan.ods'), planBytes('ods'));
    const sim = trame(dir, ['import-tableur', 'c.trame', 'plan.ods', '--simuler']);
    expect(sim.stderr).toBe('');
    expect(sim.status).toBe(0);
    expect(sim.stdout).toContain('Tableur « plan.ods », feuille « Plan », en-têtes ligne 4.');
    expect(sim.stdout).toContain('  C « Fiche action » → Action (niveau 3)');
    expect(sim.stdout).toContain('Arbre : 2 enjeux, 3 objectifs, 6 actions, 0 indicateur ; 9 partenaires, 16 engagements.');
    expect(sim.stdout).toContain("Simulation : tout est lisible ; rien n'a été écrit.");
    expect(existsSync(path.join(dir, 'c.trame'))).toBe(false);
    const ok = trame(dir, ['import-tableur', 'c.trame', 'plan.ods']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`Contrat importé : Plan d'actions — Contrat de ville de Vaudrecourt 2024-2030 → ${path.join(dir, 'c.trame')}`);
    const again = trame(dir, ['import-tableur', 'c.trame', 'plan.ods']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/existe déjà/);
  });

  it('--feuille, --colonnes; every refused line on stderr, exit 1, no file', () => {
    const dir = tmpDir();
    writeFileSync(
      path.join(dir, 'p.xlsx'),
      workbookBytes([['Thème', 'Sous-thème', 'Intitulé', 'Coût'], ['Emploi', 'Former', 'Chantier', 'environ 10 000'], ['Emploi', 'Former', 'Couveuse', '5 000']], 'xlsx', {
        sheet: 'Programmation',
        extraSheets: [['Notes', [['rien']]]],
      }),
    );
    writeFileSync(path.join(dir, 'map.json'), JSON.stringify({ Thème: 'enjeu', 'Sous-thème': 'Objectif (niveau 2)', Intitulé: 'action', Coût: 'ignorer' }));
    const noMap = trame(dir, ['import-tableur', 'c.trame', 'p.xlsx', '--feuille', 'Programmation']);
    expect(noMap.status).toBe(1);
    expect(noMap.stderr).toContain("ligne d'en-tête introuvable");
    const ok = trame(dir, ['import-tableur', 'c.trame', 'p.xlsx', '--feuille', 'Programmation', '--colonnes', 'map.json']);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('  D « Coût » → Ignorée');
    expect(ok.stdout).toContain('Arbre : 1 enjeu, 1 objectif, 2 actions');
    writeFileSync(path.join(dir, 'map.json'), JSON.stringify({ Thème: 'enjeu', 'Sous-thème': 'objectif', Intitulé: 'action', Coût: 'montant' }));
    const bad = trame(dir, ['import-tableur', 'd.trame', 'p.xlsx', '--feuille', 'Programmation', '--colonnes', 'map.json']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("Import refusé : 2 erreurs. Aucun fichier n'a été créé.");
    expect(bad.stderr).toContain("  Feuille « Programmation », ligne 2, colonne D (Coût) : « environ 10 000 » n'est pas un montant");
    expect(bad.stderr).toContain('  Feuille « Programmation », ligne 3, colonne D (Coût) : un montant sans financeur, pilote ni partenaire sur la ligne');
    expect(existsSync(path.join(dir, 'd.trame'))).toBe(false);
    const unknown = trame(dir, ['import-tableur', 'd.trame', 'p.xlsx', '--feuille', 'Budget']);
    expect(unknown.stderr).toContain("la feuille « Budget » n'existe pas (feuilles : « Notes », « Programmation »)");
    expect(trame(dir, ['import-tableur', 'd.trame']).status).toBe(2);
  });
});

describe('trame export --format xlsx|ods', () => {
  it('writes linked sheets without changing the .trame, refuses a wrong extension or an existing file, and reads back to the same contrat', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'g.trame');
    copyFileSync(GOLDEN, file);
    const before = hashFile(file);
    for (const f of ['xlsx', 'ods']) {
      const r = trame(dir, ['export', 'g.trame', '--format', f, '-o', `g.${f}`]);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(`Classeur écrit : ${path.join(dir, `g.${f}`)}\n`);
    }
    expect(hashFile(file)).toBe(before);
    expect(trame(dir, ['export', 'g.trame', '--format', 'xlsx', '-o', 'g.ods']).stderr).toContain("le format « xlsx » s'écrit dans un fichier « .xlsx »");
    expect(trame(dir, ['export', 'g.trame', '--format', 'xlsx']).status).toBe(2);
    expect(trame(dir, ['export', 'g.trame', '--format', 'xlsx', '-o', 'g.xlsx']).stderr).toMatch(/existe déjà/);
    expect(trame(dir, ['export', 'g.trame', '--format', 'xlsx', '-o', 'g.xlsx', '--remplacer']).status).toBe(0);
    const back = trame(dir, ['import-tableur', 'back.trame', 'g.ods']);
    expect(back.stdout).toContain('feuille « Arbre » (export de Trame : relu avec ses identifiants)');
    const a = trame(dir, ['export', 'g.trame']).stdout;
    const b = trame(dir, ['export', 'back.trame']).stdout;
    expect(JSON.parse(b)).toEqual(JSON.parse(a));
  });
});
