// The `trame` command as a user runs it: a real subprocess on the bundled dist/cli.cjs, with its own
// app data folder. Every refusal must exit non-zero, say « Erreur » in French on stderr, and leave no
// .trame (nor temporary) file behind.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDocument } from '../../core/features/start/demo-contrat';
import { parseTrameDocument } from '../../core/format/schema';
import { hashFile, listDir } from '../helpers/files';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(root, 'dist', 'cli.cjs');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

let dir: string;
let demoJson: string;

interface Run { status: number | null; stdout: string; stderr: string }

function trame(args: string[], input?: string | Buffer): Run {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: dir,
    env: { ...process.env, TRAME_DATA_DIR: path.join(dir, 'app-data') },
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Files of the work folder that a failed command could have left: .trame files and temporaries. */
function leftovers(): string[] {
  return listDir(dir).filter((f) => f.endsWith('.trame') || f.endsWith('.tmp') || f.includes('.trame.'));
}

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'build', 'scripts', 'build-node.mjs')], { cwd: root, stdio: 'pipe' });
  dir = mkdtempSync(path.join(os.tmpdir(), 'trame-cli-'));
  demoJson = path.join(dir, 'demo.json');
  writeFileSync(demoJson, `${JSON.stringify(demoDocument(), null, 2)}\n`);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('trame: help, version, usage errors', () => {
  it('--help and --version', () => {
    const help = trame(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage :');
    expect(help.stdout).toContain('trame import <fichier.trame> <contrat.json>');
    expect(help.stdout).toContain('trame export <fichier.trame>');
    expect(help.stdout).toContain('trame show <fichier.trame>');
    const version = trame(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(`trame ${pkg.version}`);
  });

  it('malformed command lines exit with 2 and a French message', () => {
    const cases: [string[], string][] = [
      [[], 'Usage :'],
      [['frobnicate'], 'Erreur : commande inconnue « frobnicate »'],
      [['show', '--couleur'], 'Erreur : option inconnue « --couleur »'],
      [['show'], 'Erreur : « trame show » attend <fichier.trame>'],
      [['import', 'a.trame'], 'contrat.json manquant'],
      [['export', 'a.trame', '--format', 'csv'], 'Erreur : format d\'export inconnu « csv »'],
      [['export', 'a.trame', '-o', 'copie.trame'], 'ne peut pas être un fichier .trame'],
      [['show', 'a.trame', 'b.trame'], 'Erreur : argument en trop'],
      [['import', 'a.trame', 'demo.json', '-o', 'x.json'], "ne s'applique qu'à « trame export »"],
    ];
    for (const [args, message] of cases) {
      const r = trame(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stdout).toBe('');
    }
    expect(leftovers()).toEqual([]);
  });
});

describe('trame: import → show → export → import → export', () => {
  it('round-trips the demo contrat unchanged, ids kept', () => {
    const imported = trame(['import', 'demo.trame', 'demo.json']);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toBe(
      `Contrat importé : Contrat de ville 2024-2030 — Communauté d'agglomération du Val de Trame (40 éléments) → ${path.join(dir, 'demo.trame')}\n`,
    );

    const shown = trame(['show', 'demo.trame']);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain("Contrat de ville 2024-2030 — Communauté d'agglomération du Val de Trame");
    expect(shown.stdout).toContain('QN05971M Les Hauts de Vaudrecourt (Vaudrecourt)');
    expect(shown.stdout).toContain('\n  Enjeu 1 — Repérer les publics « invisibles » et les raccrocher au droit commun  [À repenser]\n');
    expect(shown.stdout).toContain('\n    Objectif 1.1 — Mener au moins une action d\'aller-vers dans chaque QPV  [À ajouter]\n');
    expect(shown.stdout).toContain('\n      Action 1.1.2 — Bus de l\'emploi itinérant  [À jeter]\n');
    expect(shown.stdout).toContain('Indicateur de suivi 2.1.1 — Taux de chômage des 15-64 ans');
    expect(shown.stdout).toContain('24,7 % (2017) → 17 % (2030) · baisse attendue · réf. Unités urbaines environnantes : 9,2 % (2017)');
    expect(shown.stdout).toContain('[À mettre en veille]');
    expect(shown.stdout).toContain('Partenaires (13)');
    expect(shown.stdout).toContain('[Partiellement tenu] EPIDE');

    const exported = trame(['export', 'demo.trame', '--format', 'json', '-o', 'export1.json']);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    expect(exported.stdout).toBe('');
    const first = JSON.parse(readFileSync(path.join(dir, 'export1.json'), 'utf8'));
    // The demo is written in canonical form, so the first export is the demo itself.
    expect(first).toEqual(demoDocument());

    const reimported = trame(['import', 'copie.trame', 'export1.json']);
    expect(reimported.status).toBe(0);
    const second = trame(['export', 'copie.trame']); // no -o: standard output
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(first);
    const dash = trame(['export', 'copie.trame', '-o', '-']);
    expect(JSON.parse(dash.stdout)).toEqual(first);

    // Overwriting an existing JSON output is allowed with --remplacer (issue 7, item 5), atomically: no temporary file stays.
    // A private file stays private: the replaced file keeps its permissions (0600 was turned into 0644).
    chmodSync(path.join(dir, 'export1.json'), 0o600);
    const again = trame(['export', 'demo.trame', '-o', 'export1.json', '--remplacer']);
    expect(again.status).toBe(0);
    expect(listDir(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(statSync(path.join(dir, 'export1.json')).mode & 0o777).toBe(0o600);
    // A file of a special file system (/proc) is never « replaced »: a French refusal saying why, not a wrong folder.
    const mem = trame(['export', 'demo.trame', '-o', '/proc/self/mem', '--remplacer']);
    expect(mem.status).toBe(1);
    expect(mem.stderr).toContain('le dossier « /proc/self » n’accepte pas de nouveau fichier');
    expect(mem.stderr).not.toMatch(/n'existe pas|n’existe pas/);
    const fifo = path.join(dir, 'tube.json');
    execFileSync('mkfifo', [fifo]);
    const pipe = trame(['export', 'demo.trame', '-o', fifo, '--remplacer']);
    expect(pipe.status).toBe(1);
    expect(pipe.stderr).toContain('« tube.json » n’est pas un fichier ordinaire');
  });

  // A sparse contrat exercises the absent/empty conventions of core/format/schema.ts.
  const sparse = {
    format: 'trame',
    version: 1,
    contrat: { name: 'Contrat minimal', epci: 'CC minimale', period: { start: 2024, end: 2030 } },
    tree: [
      {
        id: 'e',
        kind: 'enjeu',
        title: 'Enjeu',
        description: '',
        children: [
          {
            id: 'o',
            kind: 'objectif',
            title: 'Objectif',
            children: [
              { id: 'i-vide', kind: 'indicateur', title: 'Indicateur sans valeurs' },
              { id: 'i-ref', kind: 'indicateur', title: 'Indicateur', indicator: { reference: { value: 9.2 }, measurements: [{ id: 'm-ref', date: '2024', value: 1 }] } },
            ],
          },
        ],
      },
    ],
  };

  it('export → import → export is the identity on a sparse contrat too', () => {
    writeFileSync(path.join(dir, 'sparse.json'), JSON.stringify(sparse));
    expect(trame(['import', 'sparse.trame', 'sparse.json']).status).toBe(0);
    const first = JSON.parse(trame(['export', 'sparse.trame']).stdout);
    writeFileSync(path.join(dir, 'sparse-export.json'), JSON.stringify(first));
    expect(trame(['import', 'sparse2.trame', 'sparse-export.json']).status).toBe(0);
    expect(JSON.parse(trame(['export', 'sparse2.trame']).stdout)).toEqual(first);
  });

  it('export writes the canonical form (optional lists and objects absent when empty)', () => {
    if (!existsSync(path.join(dir, 'sparse.trame'))) {
      writeFileSync(path.join(dir, 'sparse.json'), JSON.stringify(sparse));
      expect(trame(['import', 'sparse.trame', 'sparse.json']).status).toBe(0);
    }
    const exported = JSON.parse(trame(['export', 'sparse.trame']).stdout);
    expect(exported).toEqual(parseTrameDocument(exported));
    // A document given without an id gets a UUID of its own on import (FORMAT.md), kept from then on.
    const { id, ...rest } = exported;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(rest).toEqual(parseTrameDocument(sparse));
  });

  it('reads the JSON document from standard input with « - »', () => {
    const r = trame(['import', 'stdin.trame', '-'], readFileSync(demoJson));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Contrat importé :');
    rmSync(path.join(dir, 'stdin.trame'));
  });
});

describe('trame import: every bad input is refused, nothing left behind', () => {
  const text = () => JSON.stringify(demoDocument(), null, 2);
  const mutate = (f: (d: any) => void) => {
    const d = JSON.parse(text());
    f(d);
    return JSON.stringify(d, null, 2);
  };
  const deep = (depth: number) =>
    `{"format":"trame","version":1,"contrat":{"name":"a","epci":"b"},"tree":[${'{"kind":"enjeu","title":"x","children":['.repeat(depth)}${']}'.repeat(depth)}]}`;

  const cases: { name: string; content: () => string | Buffer; expect: string[] }[] = [
    { name: 'unknown key', content: () => mutate((d) => (d.tree[0].children[1].colour = 'rouge')), expect: ['tree[0].children[1].colour : clé inconnue « colour »'] },
    { name: 'wrong type', content: () => mutate((d) => (d.tree[0].title = 42)), expect: ['tree[0].title : type incorrect'] },
    { name: 'missing field', content: () => mutate((d) => delete d.contrat.name), expect: ['contrat.name : champ obligatoire manquant'] },
    {
      name: 'action under enjeu',
      content: () => mutate((d) => (d.tree[0].children[0] = { kind: 'action', title: 'Action mal placée' })),
      expect: ['tree[0].children[0].kind : Un enjeu ne contient que des objectifs, pas une action'],
    },
    { name: 'unknown tag', content: () => mutate((d) => (d.tree[0].tag = 'peut-etre')), expect: ['tree[0].tag : valeur le texte « peut-etre » non reconnue'] },
    { name: 'duplicate id', content: () => mutate((d) => (d.partners[1].id = d.partners[0].id)), expect: ['partners[1].id : identifiant « p-prefecture » déjà utilisé (partners[0])'] },
    { name: 'missing reference', content: () => mutate((d) => (d.commitments[0].partner = 'p-fantome')), expect: ['commitments[0].partner : aucun partenaire'] },
    { name: 'truncated JSON', content: () => text().slice(0, 5000), expect: ['Le JSON est incomplet', 'ligne '] },
    { name: 'invalid JSON', content: () => text().replace('"format": "trame",', '"format": "trame",,'), expect: ["n'est pas un JSON valide", 'ligne 2, colonne 21'] },
    {
      name: '__proto__ key',
      content: () => text().replace('"kind": "enjeu",', '"__proto__": {"admin": true}, "kind": "enjeu",'),
      expect: ['tree[0].__proto__ : clé interdite « __proto__ »'],
    },
    { name: '100 000-deep nesting', content: () => deep(100_000), expect: ['structure imbriquée trop profonde'] },
    { name: 'version 2', content: () => mutate((d) => (d.version = 2)), expect: ['version plus récente de Trame', 'mettez Trame à jour'] },
    { name: 'not UTF-8', content: () => Buffer.from(text().replace('Repérer', 'Rep\u00e9rer'), 'latin1'), expect: ["n'est pas encodé en UTF-8"] },
    { name: 'empty file', content: () => '', expect: ['Le fichier est vide'] },
    { name: 'not an object', content: () => '[1, 2, 3]', expect: ['objet JSON'] },
  ];

  for (const [i, c] of cases.entries()) {
    it(c.name, () => {
      const source = `bad-${i}.json`;
      writeFileSync(path.join(dir, source), c.content());
      const target = `bad-${i}.trame`;
      const before = leftovers();
      const r = trame(['import', target, source]);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^Erreur : /);
      for (const fragment of c.expect) expect(r.stderr, r.stderr).toContain(fragment);
      expect(existsSync(path.join(dir, target))).toBe(false);
      expect(leftovers()).toEqual(before);
    });
  }

  it('a missing JSON file', () => {
    const r = trame(['import', 'absent.trame', 'nulle-part.json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Erreur : Le fichier « .*nulle-part\.json » est introuvable\./);
    expect(existsSync(path.join(dir, 'absent.trame'))).toBe(false);
  });

  it('an existing target is left byte-for-byte unchanged', () => {
    const junk = path.join(dir, 'existant.trame');
    writeFileSync(junk, 'pas un contrat, mais à garder tel quel\n');
    const junkHash = hashFile(junk);
    const r = trame(['import', 'existant.trame', 'demo.json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Erreur : .*existe déjà/);
    expect(hashFile(junk)).toBe(junkHash);

    // Same with a real contrat as the target.
    const real = path.join(dir, 'reel.trame');
    expect(trame(['import', 'reel.trame', 'demo.json']).status).toBe(0);
    const realHash = hashFile(real);
    const before = leftovers();
    const again = trame(['import', 'reel.trame', 'demo.json']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('existe déjà');
    expect(hashFile(real)).toBe(realHash);
    expect(leftovers()).toEqual(before);
  });

  it('a target in a missing folder', () => {
    const r = trame(['import', path.join('pas-de-dossier', 'x.trame'), 'demo.json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Erreur : /);
    expect(existsSync(path.join(dir, 'pas-de-dossier'))).toBe(false);
  });
});

describe('trame export and show: failures are clean', () => {
  it('export to a path in a missing folder fails and creates nothing', () => {
    expect(existsSync(path.join(dir, 'demo.trame')) || trame(['import', 'demo.trame', 'demo.json']).status === 0).toBe(true);
    const r = trame(['export', 'demo.trame', '-o', path.join('dossier-absent', 'sous', 'out.json')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Erreur : Impossible d'écrire « .*out\.json » : le dossier « .*sous » n'existe pas\./);
    expect(existsSync(path.join(dir, 'dossier-absent'))).toBe(false);
  });

  it('export to a folder path fails and leaves the folder alone', () => {
    mkdirSync(path.join(dir, 'un-dossier.json'), { recursive: true });
    const r = trame(['export', 'demo.trame', '-o', 'un-dossier.json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Erreur : /);
    expect(listDir(path.join(dir, 'un-dossier.json'))).toEqual([]);
    expect(listDir(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('show and export of a missing or non-Trame file', () => {
    const missing = trame(['show', 'inexistant.trame']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^Erreur : /);
    expect(existsSync(path.join(dir, 'inexistant.trame'))).toBe(false);

    const fake = path.join(dir, 'faux.trame');
    writeFileSync(fake, 'ceci n\'est pas une base SQLite');
    const hash = hashFile(fake);
    const r = trame(['export', 'faux.trame', '-o', 'faux.json']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Erreur : /);
    expect(hashFile(fake)).toBe(hash);
    expect(existsSync(path.join(dir, 'faux.json'))).toBe(false);
  });
});
