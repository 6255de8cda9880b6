import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TrameError } from '../../core/api/result';
import { demoDocument } from '../../core/demo/demo-contrat';
import type { TrameDocument } from '../../core/domain/format-types';
import { TAGS, nestingError } from '../../core/domain/tree';
import { jsonSchemaText, buildJsonSchema } from '../../core/format/json-schema';
import {
  LIMITS,
  MAX_JSON_BYTES,
  countNodes,
  isIsoDate,
  locateJsonError,
  parseTrameDocument,
  parseTrameJsonText,
} from '../../core/format/schema';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const schemaFile = path.join(root, 'core', 'format', 'trame.schema.json');

function demo(): TrameDocument {
  return demoDocument();
}

/** A mutable deep copy of the demo, typed loosely so tests can break it. */
function demoRaw(): any {
  return JSON.parse(JSON.stringify(demoDocument()));
}

function minimal(tree: unknown[] = []): any {
  return { format: 'trame', version: 1, contrat: { name: 'Contrat test', epci: 'CA test' }, tree };
}

function refusal(run: () => unknown): TrameError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(TrameError);
    return err as TrameError;
  }
  throw new Error('expected a refusal');
}

/** Refused as format-invalide, with a detail line starting with `path : ` and containing `fragment`. */
function expectProblem(raw: unknown, where: string, fragment: string): TrameError {
  const err = refusal(() => parseTrameDocument(raw));
  expect(err.code).toBe('format-invalide');
  const details = err.details ?? [];
  const line = details.find((d) => d.startsWith(`${where} : `) && d.includes(fragment));
  expect(line, `no detail « ${where} : …${fragment}… » in:\n${details.join('\n')}`).toBeDefined();
  expect(err.message).toMatch(/^Document d'échange Trame refusé : /);
  return err;
}

describe('the demo contrat', () => {
  it('passes the validator and is already in canonical form', () => {
    const d = demo();
    const parsed = parseTrameDocument(d);
    expect(parsed).toEqual(d);
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(d));
  });

  it('covers the whole scheme: 3-4 enjeux, every tag with a reason, partners, commitments, signatories', () => {
    const d = demo();
    expect(d.tree.length).toBeGreaterThanOrEqual(3);
    expect(d.tree.length).toBeLessThanOrEqual(4);
    const tags = new Set<string>();
    const kinds = new Set<string>();
    const stack = [...d.tree];
    while (stack.length > 0) {
      const n = stack.pop()!;
      kinds.add(n.kind);
      if (n.tag) tags.add(n.tag);
      stack.push(...(n.children ?? []));
    }
    expect([...tags].sort()).toEqual([...TAGS].sort());
    expect([...kinds].sort()).toEqual(['action', 'enjeu', 'indicateur', 'objectif']);
    expect(d.partners!.length).toBeGreaterThanOrEqual(9);
    expect(new Set(d.commitments!.map((c) => c.status)).size).toBe(7);
    expect(d.signatories!.length).toBeGreaterThan(0);
    const json = JSON.stringify(d);
    for (const word of ['24.7', '9.2', '44.3', '65.8', 'ONPV', 'France Travail', 'INSEE', 'emplois francs', 'aller-vers', 'EPIDE', 'E2C', 'apprentis', 'Cité de l\'emploi', 'garde d\'enfants', 'mobilité', 'clauses sociales']) {
      expect(json, word).toContain(word);
    }
  });

  it('does not modify its input', () => {
    const raw = demoRaw();
    const before = JSON.stringify(raw);
    parseTrameDocument(raw);
    expect(JSON.stringify(raw)).toBe(before);
  });
});

describe('canonical form (absent, null, empty)', () => {
  it('reads "", [] and {} as absent, fills the defaults, keeps other text as is', () => {
    const raw = minimal([
      {
        id: 'e',
        kind: 'enjeu',
        title: '  Enjeu avec espaces  ',
        description: '',
        tagNote: '',
        children: [
          {
            kind: 'objectif',
            title: 'Objectif',
            children: [
              { kind: 'indicateur', title: 'Vide', indicator: {}, children: [] },
              {
                kind: 'indicateur',
                title: 'Mesuré',
                indicator: { unit: '', reference: {}, measurements: [{ date: '2024', value: 1 }], source: ' ' },
              },
            ],
          },
        ],
      },
    ]);
    raw.contrat.qpv = [];
    raw.partners = [];
    raw.commitments = [];
    raw.signatories = [];
    const parsed = parseTrameDocument(raw);
    expect(parsed).toEqual({
      format: 'trame',
      version: 1,
      contrat: { name: 'Contrat test', epci: 'CA test', pillar: 'emploi' },
      tree: [
        {
          id: 'e',
          kind: 'enjeu',
          title: '  Enjeu avec espaces  ',
          children: [
            {
              kind: 'objectif',
              title: 'Objectif',
              children: [
                { kind: 'indicateur', title: 'Vide' },
                { kind: 'indicateur', title: 'Mesuré', indicator: { source: ' ', measurements: [{ date: '2024', value: 1, scope: 'qpv' }] } },
              ],
            },
          ],
        },
      ],
    });
    // The canonical form is a fixed point.
    expect(parseTrameDocument(parsed)).toEqual(parsed);
  });

  it('refuses null with a message saying to omit the field', () => {
    const raw = demoRaw();
    raw.tree[0].description = null;
    expectProblem(raw, 'tree[0].description', "null n'est pas accepté");
  });
});

describe('refusals name the JSON path, in French', () => {
  it('unknown key', () => {
    const raw = demoRaw();
    raw.tree[0].children[1].colour = 'rouge';
    const err = expectProblem(raw, 'tree[0].children[1].colour', 'clé inconnue « colour »');
    expect(err.message).toContain('tree[0].children[1].colour : clé inconnue « colour »');
  });

  it('unknown key close to a known one gets a suggestion', () => {
    const raw = demoRaw();
    raw.tree[0].Title = 'x';
    expectProblem(raw, 'tree[0].Title', 'vouliez-vous dire « title »');
  });

  it('unknown key at the root and in the contrat', () => {
    const raw = demoRaw();
    raw.extra = 1;
    raw.contrat.region = 'Hauts-de-France';
    const err = expectProblem(raw, 'extra', 'clé inconnue');
    expect(err.details).toContain('contrat.region : clé inconnue « region »');
  });

  it('wrong type', () => {
    const raw = demoRaw();
    raw.tree[1].title = 42;
    expectProblem(raw, 'tree[1].title', 'type incorrect : un texte est attendu, reçu le nombre 42');
    const raw2 = demoRaw();
    raw2.tree = {};
    expectProblem(raw2, 'tree', 'une liste est attendu');
  });

  it('missing required field', () => {
    const raw = demoRaw();
    delete raw.contrat.epci;
    expectProblem(raw, 'contrat.epci', 'champ obligatoire manquant');
    const raw2 = demoRaw();
    delete raw2.tree[0].children[0].kind;
    expectProblem(raw2, 'tree[0].children[0].kind', 'champ obligatoire manquant');
  });

  it('blank title', () => {
    const raw = demoRaw();
    raw.tree[0].title = '   ';
    expectProblem(raw, 'tree[0].title', 'ne doit pas être vide');
  });

  it('text too long', () => {
    const raw = demoRaw();
    raw.tree[0].title = 'x'.repeat(LIMITS.title + 1);
    expectProblem(raw, 'tree[0].title', `texte trop long (${LIMITS.title + 1} caractères, au plus ${LIMITS.title})`);
  });

  it('wrong nesting: an action directly under an enjeu', () => {
    const raw = demoRaw();
    raw.tree[0].children.push({ id: 'x', kind: 'action', title: 'Action mal placée' });
    const i = raw.tree[0].children.length - 1;
    expectProblem(raw, `tree[0].children[${i}].kind`, nestingError('enjeu', 'action'));
  });

  it('wrong nesting: an objectif at the top, children under an indicateur', () => {
    expectProblem(minimal([{ kind: 'objectif', title: 'O' }]), 'tree[0].kind', nestingError(null, 'objectif'));
    const raw = minimal([
      { kind: 'enjeu', title: 'E', children: [{ kind: 'objectif', title: 'O', children: [{ kind: 'indicateur', title: 'I', children: [{ kind: 'indicateur', title: 'J' }] }] }] },
    ]);
    expectProblem(raw, 'tree[0].children[0].children[0].children', 'ne peut rien contenir');
  });

  it('indicator object on something else than an indicateur', () => {
    const raw = demoRaw();
    raw.tree[0].children[0].children[0].indicator = { unit: '%' };
    expectProblem(raw, 'tree[0].children[0].children[0].indicator', 'seul un élément de type « indicateur »');
  });

  it('unknown tag and other enum values', () => {
    const raw = demoRaw();
    raw.tree[0].tag = 'peut-etre';
    expectProblem(raw, 'tree[0].tag', 'valeur le texte « peut-etre » non reconnue ; valeurs possibles : « ajouter »');
    const raw2 = demoRaw();
    raw2.tree[0].kind = 'axe';
    expectProblem(raw2, 'tree[0].kind', 'non reconnue');
    const raw3 = demoRaw();
    raw3.partners[0].type = 'ministere';
    raw3.commitments[0].status = 'fini';
    raw3.tree[1].children[0].children[0].indicator.direction = 'stable';
    raw3.tree[1].children[0].children[0].indicator.measurements[0].scope = 'france';
    const err = expectProblem(raw3, 'partners[0].type', 'non reconnue');
    expect(err.details!.some((d) => d.startsWith('commitments[0].status : '))).toBe(true);
    expect(err.details!.some((d) => d.startsWith('tree[1].children[0].children[0].indicator.direction : '))).toBe(true);
    expect(err.details!.some((d) => d.startsWith('tree[1].children[0].children[0].indicator.measurements[0].scope : '))).toBe(true);
  });

  it('dates: format and real calendar days', () => {
    expect(['2026', '2026-06', '2026-12-31', '2024-02-29', '2000-02-29'].every(isIsoDate)).toBe(true);
    expect(['26', '2026-13', '2026-1', '2026-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026/12/31', '2026-12-31T00:00'].some(isIsoDate)).toBe(false);
    const raw = demoRaw();
    raw.commitments[0].due = '2026-02-30';
    expectProblem(raw, 'commitments[0].due', "cette date n'existe pas");
    const raw2 = demoRaw();
    raw2.commitments[0].due = '31/12/2026';
    expectProblem(raw2, 'commitments[0].due', 'AAAA, AAAA-MM ou AAAA-MM-JJ');
  });

  it('period: end before start', () => {
    const raw = demoRaw();
    raw.contrat.period = { start: 2030, end: 2024 };
    expectProblem(raw, 'contrat.period.end', "précède l'année de début");
  });

  it('duplicate id across tree, partners and commitments', () => {
    const raw = demoRaw();
    raw.partners[1].id = 'enjeu-invisibles';
    expectProblem(raw, 'partners[1].id', 'identifiant « enjeu-invisibles » déjà utilisé (tree[0])');
    const raw2 = demoRaw();
    raw2.tree[3].children[0].children[0].id = 'act-cafes-emploi';
    expectProblem(raw2, 'tree[3].children[0].children[0].id', 'déjà utilisé (tree[0].children[0].children[0])');
    const raw3 = demoRaw();
    raw3.commitments[1].id = raw3.commitments[0].id;
    expectProblem(raw3, 'commitments[1].id', 'déjà utilisé (commitments[0])');
  });

  it('duplicate QPV code', () => {
    const raw = demoRaw();
    raw.contrat.qpv[1].code = raw.contrat.qpv[0].code;
    expectProblem(raw, 'contrat.qpv[1].code', 'déjà listé');
  });

  it('missing references', () => {
    const raw = demoRaw();
    raw.commitments[0].partner = 'p-inconnu';
    expectProblem(raw, 'commitments[0].partner', 'aucun partenaire n\'a l\'identifiant « p-inconnu »');
    const raw2 = demoRaw();
    raw2.commitments[0].nodes = ['act-cafes-emploi', 'nulle-part'];
    expectProblem(raw2, 'commitments[0].nodes[1]', 'aucun élément de l\'arbre');
    const raw3 = demoRaw();
    raw3.commitments[0].indicator = 'act-cafes-emploi';
    expectProblem(raw3, 'commitments[0].indicator', 'est un(e) action, pas un indicateur');
    const raw4 = demoRaw();
    raw4.signatories[0].partner = 'enjeu-freins';
    expectProblem(raw4, 'signatories[0].partner', 'désigne tree[2], pas un partenaire');
    const raw5 = demoRaw();
    raw5.commitments[0].nodes = ['p-caf'];
    expectProblem(raw5, 'commitments[0].nodes[0]', 'pas un élément de l\'arbre');
  });

  it('format must be "trame"', () => {
    const raw = demoRaw();
    raw.format = 'autre';
    const err = refusal(() => parseTrameDocument(raw));
    expect(err.code).toBe('format-invalide');
    expect(err.message).toContain("n'est pas un document d'échange Trame");
    expect(refusal(() => parseTrameDocument([])).message).toContain('objet JSON');
    expect(refusal(() => parseTrameDocument(null)).code).toBe('format-invalide');
  });

  it('version 2: the file comes from a newer Trame', () => {
    const raw = demoRaw();
    raw.version = 2;
    raw.newField = { anything: true }; // a newer format may have new keys: the version message wins
    const err = refusal(() => parseTrameDocument(raw));
    expect(err.code).toBe('version-future');
    expect(err.message).toContain('version plus récente de Trame');
    expect(err.message).toContain('mettez Trame à jour');
    const raw0 = demoRaw();
    raw0.version = 0;
    expectProblem(raw0, 'version', 'non reconnue');
  });

  it('reports type and semantic problems together', () => {
    const raw = demoRaw();
    raw.tree[0].children[1].colour = 'x';
    raw.tree[0].children.push({ kind: 'action', title: 'A' });
    raw.tree[1].title = null;
    raw.commitments[2].partner = 'zz';
    const err = refusal(() => parseTrameDocument(raw));
    expect(err.message).toMatch(/^Document d'échange Trame refusé : 4 problèmes, dont « tree\[0\]\.children\[1\]\.colour : clé inconnue « colour » »\.$/);
    expect(err.details).toEqual([
      'tree[0].children[1].colour : clé inconnue « colour »',
      "tree[1].title : null n'est pas accepté — un texte est attendu ; pour un champ facultatif sans valeur, omettez-le",
      `tree[0].children[3].kind : ${nestingError('enjeu', 'action')}`,
      "commitments[2].partner : aucun partenaire n'a l'identifiant « zz » (il doit figurer dans « partners »)",
    ]);
  });

  it('lists every problem, capped', () => {
    const raw = minimal(Array.from({ length: 150 }, () => ({ kind: 'enjeu', title: '' })));
    const err = refusal(() => parseTrameDocument(raw));
    expect(err.message).toMatch(/150 problèmes, dont « tree\[0\]\.title : ne doit pas être vide »/);
    expect(err.details).toHaveLength(LIMITS.details + 1);
    expect(err.details![LIMITS.details]).toBe('… et 50 autre(s) problème(s).');
  });
});

describe('hostile input', () => {
  it('refuses __proto__, constructor and prototype keys anywhere', () => {
    const text = JSON.stringify(demoRaw()).replace('"kind":"enjeu"', '"__proto__":{"polluted":true},"kind":"enjeu"');
    const raw = parseTrameJsonText(text);
    expectProblem(raw, 'tree[0].__proto__', 'clé interdite « __proto__ »');
    expect(({} as any).polluted).toBeUndefined();
    const raw2 = demoRaw();
    raw2.contrat.qpv[0].constructor = 'x';
    expectProblem(raw2, 'contrat.qpv[0].constructor', 'clé interdite');
    const raw3 = JSON.parse('{"format":"trame","version":1,"prototype":1,"contrat":{"name":"a","epci":"b"},"tree":[]}');
    expectProblem(raw3, 'prototype', 'clé interdite');
  });

  it('refuses a 100 000-deep nesting without recursing (JSON text and in-memory object)', () => {
    const depth = 100_000;
    const open = '{"kind":"enjeu","title":"x","children":['.repeat(depth);
    const close = ']}'.repeat(depth);
    const text = `{"format":"trame","version":1,"contrat":{"name":"a","epci":"b"},"tree":[${open}${close}]}`;
    const deepProblem = /^tree\[0\](\.children\[0\])+ : structure imbriquée trop profonde \(plus de 32 niveaux\)/;
    const raw = parseTrameJsonText(text);
    const err = refusal(() => parseTrameDocument(raw));
    expect(err.code).toBe('format-invalide');
    expect(err.details).toHaveLength(1);
    expect(err.details![0]).toMatch(deepProblem);
    expect(err.message).toContain('enjeu → objectif → action → indicateur');

    let node: any = { kind: 'indicateur', title: 'fond' };
    for (let i = 0; i < depth; i++) node = { kind: 'enjeu', title: 'x', children: [node] };
    expect(refusal(() => parseTrameDocument(minimal([node]))).details![0]).toMatch(deepProblem);

    // A cycle (possible from an in-process caller) is just infinitely deep.
    const cyclic: any = minimal([{ kind: 'enjeu', title: 'boucle' }]);
    cyclic.tree[0].children = [cyclic.tree[0]];
    expect(refusal(() => parseTrameDocument(cyclic)).details![0]).toMatch(deepProblem);
  });

  it('refuses a tree of more than 200 000 items', () => {
    // 1 000 enjeux × (1 + 199 objectifs) = exactly 200 000 items: accepted.
    const tree = Array.from({ length: 1000 }, (_, i) => ({
      id: `e${i}`,
      kind: 'enjeu',
      title: 'e',
      children: Array.from({ length: 199 }, (_, j) => ({ id: `e${i}o${j}`, kind: 'objectif', title: 'o' })),
    }));
    expect(countNodes(parseTrameDocument(minimal(tree)).tree)).toBe(LIMITS.treeNodes);
    // One more is refused before zod even starts.
    tree[0].children.push({ id: 'one-too-many', kind: 'objectif', title: 'o' });
    const err = refusal(() => parseTrameDocument(minimal(tree)));
    expect(err.details).toEqual(["tree : l'arbre compte plus de 200 000 éléments, au-delà de ce que Trame accepte"]);
  });

  it('refuses values that are not JSON', () => {
    const raw = demoRaw();
    raw.tree[0].title = new Date();
    expectProblem(raw, 'tree[0].title', 'valeur non JSON (Date)');
  });
});

describe('parseTrameJsonText', () => {
  const good = JSON.stringify(demoDocument(), null, 2);

  it('parses a valid text, with or without BOM', () => {
    expect(parseTrameDocument(parseTrameJsonText(good))).toEqual(demoDocument());
    expect(parseTrameJsonText(`\uFEFF${good}`)).toEqual(JSON.parse(good));
  });

  it('truncated JSON: French message with line and column', () => {
    const cut = good.slice(0, Math.floor(good.length / 2));
    const err = refusal(() => parseTrameJsonText(cut));
    expect(err.code).toBe('format-invalide');
    expect(err.message).toMatch(/^Le JSON est incomplet : .*\(ligne \d+, colonne \d+\)\. Le fichier est probablement tronqué/);
    const lines = cut.split('\n');
    expect(err.message).toContain(`ligne ${lines.length}, colonne ${lines[lines.length - 1].length + 1}`);
  });

  it('syntax errors give line, column, reason and an excerpt', () => {
    const err = refusal(() => parseTrameJsonText('{\n  "a": 1,\n  "b": [1, 2,],\n}'));
    expect(err.message).toBe("Le fichier n'est pas un JSON valide : virgule en trop avant « ] » (ligne 3, colonne 14).");
    expect(err.details![0]).toBe('ligne 3, colonne 14 : virgule en trop avant « ] »');
    expect(err.details![1]).toBe('    "b": [1, 2,],');
    expect(err.details![2]).toBe('               ^');
    expect(refusal(() => parseTrameJsonText("{'a': 1}")).message).toContain('guillemets doubles');
    expect(refusal(() => parseTrameJsonText('{"a": tru}')).message).toContain('valeur inattendue « tru »');
    expect(refusal(() => parseTrameJsonText('{"a": 1} x')).message).toContain('texte en trop');
    expect(refusal(() => parseTrameJsonText('{"a": "b\nc"}')).message).toContain('caractère de contrôle');
    expect(refusal(() => parseTrameJsonText('{"a": 01}')).message).toContain('nombre mal écrit');
    expect(refusal(() => parseTrameJsonText('   ')).message).toBe('Le fichier est vide : un document JSON Trame est attendu.');
  });

  it('locateJsonError agrees with JSON.parse on valid texts', () => {
    for (const t of [good, '[]', '{}', '"x"', '-1.5e3', '[{"a":[[],{}]},null,true,false]', ' {"\\u00e9\\n":1} ']) {
      expect(locateJsonError(t), t).toBeNull();
    }
  });

  it('refuses more than 200 MB with a clear message', () => {
    const err = refusal(() => parseTrameJsonText(' '.repeat(MAX_JSON_BYTES + 1)));
    expect(err.message).toMatch(/trop volumineux .* au plus 200 Mo/);
  });
});

describe('published JSON Schema', () => {
  it('core/format/trame.schema.json equals buildJsonSchema() (TRAME_UPDATE_SCHEMA=1 to regenerate)', () => {
    const expected = jsonSchemaText();
    if (process.env.TRAME_UPDATE_SCHEMA === '1') writeFileSync(schemaFile, expected);
    expect(readFileSync(schemaFile, 'utf8')).toBe(expected);
  });

  it('is draft 2020-12 with French titles, strict objects and the nesting rules', () => {
    const s = buildJsonSchema() as any;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.additionalProperties).toBe(false);
    expect(s.title).toContain('Document d\'échange Trame');
    expect(s.$defs.TreeNode.additionalProperties).toBe(false);
    expect(s.$defs.TreeNode.allOf).toHaveLength(4);
    expect(s.properties.tree.items.properties.kind.const).toBe('enjeu');
  });

  it('the JSON Schema agrees with the validator on the cheap cases (ajv)', async () => {
    const Ajv2020: any = (await import('ajv/dist/2020')).default;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(buildJsonSchema());
    const check = (raw: any, expectValid: boolean, label: string) => {
      expect(validate(raw), `${label}: ${JSON.stringify(validate.errors)}`).toBe(expectValid);
      let zodValid = true;
      try {
        parseTrameDocument(raw);
      } catch {
        zodValid = false;
      }
      expect(zodValid, label).toBe(expectValid);
    };
    check(demoRaw(), true, 'demo');
    check(minimal(), true, 'minimal');
    const mutations: [string, (d: any) => void][] = [
      ['unknown key', (d) => (d.tree[0].children[1].colour = 'x')],
      ['wrong type', (d) => (d.tree[0].title = 1)],
      ['missing title', (d) => delete d.tree[0].title],
      ['null', (d) => (d.tree[0].description = null)],
      ['action under enjeu', (d) => d.tree[0].children.push({ kind: 'action', title: 'a' })],
      ['objectif at top', (d) => d.tree.push({ kind: 'objectif', title: 'o' })],
      ['children under indicateur', (d) => (d.tree[1].children[0].children[0].children = [{ kind: 'indicateur', title: 'i' }])],
      ['indicator on action', (d) => (d.tree[0].children[0].children[0].indicator = {})],
      ['unknown tag', (d) => (d.tree[0].tag = 'peut-etre')],
      ['bad status', (d) => (d.commitments[0].status = 'fini')],
      ['bad date', (d) => (d.commitments[0].due = '2026-13-01')],
      ['version 0', (d) => (d.version = 0)],
      ['blank title', (d) => (d.tree[0].title = '  ')],
    ];
    for (const [label, mutate] of mutations) {
      const d = demoRaw();
      mutate(d);
      check(d, false, label);
    }
  });
});
