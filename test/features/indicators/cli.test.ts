// `trame measurements import` as a user runs it: the bundled dist/cli.cjs in a subprocess, on a real .trame file.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEmpty } from '../../../core/features/contrat/queries';
import { Store } from '../../../db/store';
import { hashFile } from '../../helpers/files';
import { SAMPLE_CONTRAT } from '../../helpers/store';
import { tmpDir } from '../../helpers/tmp';

const cli = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.cjs');

function trame(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, env: { ...process.env, TRAME_DATA_DIR: path.join(dir, 'app-data') }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('trame measurements import', () => {
  it('refuses a file with errors or out-of-range values (nothing written), then imports all at once', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'c.trame');
    createEmpty(file, SAMPLE_CONTRAT);
    const s = Store.open(file, 'Test');
    s.edit('arbre', () => {
      s.db.exec(`INSERT INTO node (id, parent_id, kind, order_key, title) VALUES ('e1', NULL, 'enjeu', 'a0', 'Emploi');
        INSERT INTO node (id, parent_id, kind, order_key, title) VALUES ('o1', 'e1', 'objectif', 'a0', 'Objectif');
        INSERT INTO node (id, parent_id, kind, order_key, title) VALUES ('i1', 'o1', 'indicateur', 'a0', 'Taux d’emploi');
        INSERT INTO indicator (node_id, unit) VALUES ('i1', '%');`);
      return { undo: null, redo: null };
    });
    s.close();
    const csv = path.join(dir, 'm.csv');
    writeFileSync(csv, 'indicateur,date,valeur,perimetre\ni1,2024,44.3,qpv\nTaux d’emploi,2024,abc,reference\nx,2024,1,qpv\n');
    const before = hashFile(file);
    const bad = trame(dir, ['measurements', 'import', file, csv]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("Erreur : Import refusé : 2 lignes en erreur dans « m.csv ». Rien n'a été ajouté.");
    expect(bad.stderr).toContain('Ligne 3, colonne « valeur » : « abc » n’est pas un nombre');
    expect(bad.stderr).toContain('Ligne 4, colonne « indicateur »');
    expect(hashFile(file)).toBe(before);

    writeFileSync(csv, 'indicateur;date;valeur;perimetre\ni1;2024;144,3;qpv\ni1;2024;65,8;reference\n');
    const range = trame(dir, ['measurements', 'import', file, csv]);
    expect(range.status).toBe(1);
    expect(range.stderr).toMatch(/1 valeur hors de la plage plausible.*--accepter-hors-plage/);
    expect(range.stderr).toContain('Ligne 2, colonne « valeur » : un pourcentage de 144,3 sort de 0 à 100');
    expect(hashFile(file)).toBe(before);

    const ok = trame(dir, ['measurements', 'import', file, csv, '--accepter-hors-plage']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('2 mesures ajoutées à « c.trame » depuis « m.csv » (utf-8, séparateur « ; »).\n');
    const r = Store.openForReading(file);
    expect(r.db.prepare('SELECT date, value, scope FROM measurement ORDER BY position').all()).toEqual([
      { date: '2024', value: 144.3, scope: 'qpv' }, { date: '2024', value: 65.8, scope: 'reference' },
    ]);
    expect(r.journal(5)[0].label).toBe('Importer 2 mesures depuis « m.csv »');
    r.close();

    const usage = trame(dir, ['measurements', 'importer', file, csv]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/sous-commande inconnue « importer »/);
    expect(trame(dir, ['--help']).stdout).toContain('trame measurements import <fichier.trame> <mesures.csv> [--accepter-hors-plage]');
  });
});
