// `trame merge` as a user runs it: dist/cli.cjs in a subprocess, on two copies made by cp (each its own replica id)
// edited apart. Conflicts without --garder: listed (JSON with --json), nothing written, exit 1; --simuler only lists;
// --garder leur writes the merged file; every bad input: a French message, nothing written, inputs untouched.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addNode, loadTree, updateNode } from '../../../core/features/tree/queries';
import { Store } from '../../../db/store';
import { hashFile } from '../../helpers/files';
import { newStore } from '../../helpers/store';

const cli = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.cjs');
function trame(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, env: { ...process.env, TRAME_DATA_DIR: path.join(dir, 'app-data') }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function twoCopies() {
  const { store, file, dir } = newStore('epci.trame');
  const e = addNode(store, { parentId: null, title: 'Emploi des jeunes' }).focusId!;
  const o = addNode(store, { parentId: e, title: 'Lever les freins' }).focusId!;
  store.close();
  const theirs = path.join(dir, 'prefecture.trame');
  copyFileSync(file, theirs);
  const a = Store.open(file, 'Camille');
  updateNode(a, o, { title: 'Lever les freins périphériques' });
  addNode(a, { parentId: e, title: 'Mobilité' });
  a.close();
  const b = Store.open(theirs, 'Dominique');
  updateNode(b, o, { title: 'Lever les freins à l’emploi' });
  updateNode(b, e, { tag: 'garder' });
  b.close();
  return { dir, mine: file, theirs, o };
}

describe('trame merge', () => {
  it('lists conflicts and writes nothing; --simuler lists; --garder leur writes the merged copy, inputs untouched', () => {
    const { dir, mine, theirs } = twoCopies();
    const hashes = [hashFile(mine), hashFile(theirs)];
    const out = path.join(dir, 'fusion.trame');
    const listed = trame(dir, ['merge', mine, theirs, '-o', out, '--json']);
    expect(listed.status).toBe(1);
    expect(listed.stderr).toMatch(/1 conflit\(s\) à régler : rien n'a été écrit/);
    const conflicts = JSON.parse(listed.stdout);
    expect(conflicts).toMatchObject([{
      kind: 'meme-colonne', table: 'node', column: 'title', base: 'Lever les freins', mine: 'Lever les freins périphériques',
      theirs: 'Lever les freins à l’emploi', who: { mine: 'Camille', theirs: 'Dominique' },
    }]);
    expect(conflicts[0].when.mine).toMatch(/^\d{15}-\d{6}-/);
    expect(existsSync(out)).toBe(false);
    const sim = trame(dir, ['merge', mine, theirs, '--simuler']);
    expect(sim.status).toBe(1);
    expect(sim.stdout).toMatch(/1 conflit\(s\) avec « prefecture\.trame »[\s\S]*modifié des deux côtés/);

    const ok = trame(dir, ['merge', mine, theirs, '-o', out, '--garder', 'leur']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/« fusion\.trame » écrit/);
    expect([hashFile(mine), hashFile(theirs)]).toEqual(hashes);
    const merged = Store.openForReading(out);
    const titles = loadTree(merged).map((n) => [n.title, n.tag]);
    expect(titles).toEqual([['Emploi des jeunes', 'garder'], ['Lever les freins à l’emploi', null], ['Mobilité', null]]);
    expect(merged.journal(1)[0].label).toMatch(/^Fusion avec la copie de Dominique/);
    merged.close();
    expect(readdirSync(dir).filter((f) => f.includes('fusion.trame.'))).toEqual([]);
  });

  it('refuses every bad input in French and writes nothing', () => {
    const { dir, mine, theirs } = twoCopies();
    const hashes = [hashFile(mine), hashFile(theirs)];
    const out = path.join(dir, 'fusion.trame');
    const other = newStore('autre.trame');
    other.store.close();
    const text = path.join(dir, 'notes.trame');
    writeFileSync(text, 'pas un contrat\n');
    const newer = path.join(dir, 'futur.trame');
    copyFileSync(theirs, newer);
    const db = new Database(newer);
    db.pragma('user_version = 99');
    db.close();
    const cases: [string[], number, RegExp][] = [
      [['merge', mine, other.file, '-o', out], 1, /est un autre contrat \(« Contrat de ville 2024-2030 — CA du Val de Test »\)/],
      [['merge', mine, text, '-o', out], 1, /Erreur : .*(n'est pas|pas un)/],
      [['merge', mine, newer, '-o', out], 1, /version plus récente de Trame \(schéma 99/],
      [['merge', mine, mine, '-o', out], 1, /Les deux fichiers sont le même/],
      [['merge', mine, theirs, '-o', mine, '--garder', 'leur'], 1, /nouveau fichier/],
      [['merge', mine, theirs], 2, /-o <fusionné\.trame>/],
      [['merge', mine, theirs, '-o', out, '--garder', 'tout'], 2, /--garder attend « mien » ou « leur »/],
      [['merge', mine], 2, /attend deux fichiers/],
      [['merge', mine, path.join(dir, 'absent.trame'), '-o', out], 1, /n'existe pas/],
    ];
    for (const [args, code, msg] of cases) {
      const r = trame(dir, args);
      expect(r.stderr, args.join(' ')).toMatch(msg);
      expect(r.status, args.join(' ')).toBe(code);
      expect(existsSync(out)).toBe(false);
    }
    writeFileSync(out, 'déjà là');
    expect(trame(dir, ['merge', mine, theirs, '-o', out, '--garder', 'mien']).stderr).toMatch(/existe déjà/);
    expect([hashFile(mine), hashFile(theirs)]).toEqual(hashes);
  });
});
