// The validator of the interchange format: the demo contrat, the canonical form, and refusals that name
// the JSON path in French. Hostile input, the JSON text and the published JSON Schema have their own files.
import { describe, expect, it } from 'vitest';
import { TAGS, nestingError } from '../../core/domain/tree';
import { LIMITS, isIsoDate, parseTrameDocument } from '../../core/format/schema';
import { demo, demoRaw, expectProblem, minimal, refusal } from './helpers';

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
