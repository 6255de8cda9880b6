// Ids that survive export → import (FORMAT.md, issue 6 item 3): the document's own `id`, measurement ids
// and signatory ids are optional, kept as given, in the canonical form, unique within their kind, and
// described by the published JSON Schema.
import { describe, expect, it } from 'vitest';
import type { TrameError } from '../../core/api/result';
import type { TrameDocument, TreeNodeDoc } from '../../core/domain/format-types';
import { LIMITS, parseTrameDocument, parseTrameJsonText } from '../../core/format/schema';
import { demoDocument, demoRaw, refusal, schemaAgreement } from './helpers';

const DOC_ID = '0b9f4c2e-6f1a-4d8e-9a51-3c7d2e8b1f00';

/** JSON paths of every indicator that has measurements, in document order. */
function measuredPaths(tree: TreeNodeDoc[]): { path: string; node: any }[] {
  const out: { path: string; node: any }[] = [];
  const walk = (nodes: TreeNodeDoc[], prefix: string) =>
    nodes.forEach((n, i) => {
      const path = `${prefix}[${i}]`;
      if (n.indicator?.measurements) out.push({ path, node: n });
      if (n.children) walk(n.children, `${path}.children`);
    });
  walk(tree, 'tree');
  return out;
}

/** The demo without the optional ids (the demo itself has them since issue 6). */
function demoWithoutIds(): any {
  const raw = demoRaw();
  delete raw.id;
  for (const s of raw.signatories ?? []) delete s.id;
  for (const { node } of measuredPaths(raw.tree)) for (const m of node.indicator.measurements) delete m.id;
  return raw;
}

/** The demo with a document id, an id on every measurement and on every signatory. */
function demoWithIds(): any {
  const raw = demoRaw();
  raw.id = DOC_ID;
  let k = 0;
  for (const { node } of measuredPaths(raw.tree)) {
    for (const m of node.indicator.measurements) m.id = `mesure-${++k}`;
  }
  raw.signatories.forEach((s: any, i: number) => (s.id = `signataire-${i + 1}`));
  return raw;
}

function expectProblem(raw: unknown, line: string): TrameError {
  const err = refusal(() => parseTrameDocument(raw));
  expect(err.code).toBe('format-invalide');
  expect(err.details, `no detail « ${line} » in:\n${(err.details ?? []).join('\n')}`).toContain(line);
  expect(err.message).toMatch(/^Document d'échange Trame refusé : /);
  return err;
}

describe('ids of the document, measurements and signatories', () => {
  it('the demo has measurements in several indicators and several signatories (the fixtures below rely on it)', () => {
    expect(measuredPaths(demoDocument().tree).length).toBeGreaterThanOrEqual(2);
    expect(demoDocument().signatories!.length).toBeGreaterThanOrEqual(2);
  });

  it('are kept as given, in canonical form and key order, and the result is a fixed point', () => {
    const raw = demoWithIds();
    const parsed = parseTrameDocument(raw);
    expect(parsed).toEqual(raw);
    expect(parsed.id).toBe(DOC_ID);
    // Key order of FORMAT.md: the document id right after the version, ids first in their objects.
    expect(Object.keys(parsed).slice(0, 4)).toEqual(['format', 'version', 'id', 'contrat']);
    const first = measuredPaths(parsed.tree)[0].node.indicator.measurements[0];
    expect(Object.keys(first)).toEqual(['id', 'date', 'value', 'scope']);
    expect(Object.keys(parsed.signatories![0])).toEqual(['id', 'partner', 'name', 'role']);
    expect(parseTrameDocument(parsed)).toEqual(parsed);
    expect(JSON.stringify(parseTrameDocument(parsed))).toBe(JSON.stringify(parsed));
  });

  it('survive the JSON text: export → import → export gives the same text, ids included', () => {
    const exported = JSON.stringify(parseTrameDocument(demoWithIds()), null, 2);
    for (const id of [DOC_ID, 'mesure-1', 'mesure-2', 'signataire-1']) expect(exported).toContain(`"id": "${id}"`);
    const reimported = parseTrameDocument(parseTrameJsonText(exported));
    expect(JSON.stringify(reimported, null, 2)).toBe(exported);
  });

  it('are optional: a document without them stays without them, a measurement id may sit beside one without', () => {
    const parsed = parseTrameDocument(demoWithoutIds());
    expect('id' in parsed).toBe(false);
    expect(parsed.signatories!.every((s) => !('id' in s))).toBe(true);
    const raw = demoWithoutIds();
    const { node } = measuredPaths(raw.tree).find((p) => p.node.indicator.measurements.length >= 2)!;
    node.indicator.measurements[1].id = 'seule-mesure-identifiee';
    const out = measuredPaths(parseTrameDocument(raw).tree).find((p) => p.node.id === node.id)!.node;
    expect('id' in out.indicator.measurements[0]).toBe(false);
    expect(out.indicator.measurements[1].id).toBe('seule-mesure-identifiee');
  });

  it('a measurement id used twice (two indicators, or one) is refused with both JSON paths', () => {
    const raw = demoWithIds();
    const [a, b] = measuredPaths(raw.tree);
    b.node.indicator.measurements[0].id = a.node.indicator.measurements[0].id;
    const id = a.node.indicator.measurements[0].id;
    expectProblem(
      raw,
      `${b.path}.indicator.measurements[0].id : identifiant « ${id} » déjà utilisé par une autre mesure (${a.path}.indicator.measurements[0])`,
    );

    const raw2 = demoWithIds();
    const many = measuredPaths(raw2.tree).find((p) => p.node.indicator.measurements.length >= 2)!;
    many.node.indicator.measurements[1].id = many.node.indicator.measurements[0].id;
    expectProblem(
      raw2,
      `${many.path}.indicator.measurements[1].id : identifiant « ${many.node.indicator.measurements[0].id} » déjà utilisé par une autre mesure (${many.path}.indicator.measurements[0])`,
    );
  });

  it('a signatory id used twice is refused with both JSON paths', () => {
    const raw = demoWithIds();
    raw.signatories[3].id = raw.signatories[1].id;
    const err = expectProblem(raw, 'signatories[3].id : identifiant « signataire-2 » déjà utilisé par un autre signataire (signatories[1])');
    expect(err.details).toHaveLength(1);
  });

  it('unique within their kind only: a measurement or signatory may reuse a tree item or partner id', () => {
    const raw = demoWithIds();
    const [a] = measuredPaths(raw.tree);
    a.node.indicator.measurements[0].id = a.node.id;
    raw.signatories[0].id = raw.signatories[0].partner;
    raw.id = raw.tree[0].id;
    const parsed = parseTrameDocument(raw);
    expect(parsed.signatories![0].id).toBe(raw.signatories[0].partner);
    expect(parsed.id).toBe(raw.tree[0].id);
  });

  it('empty, non-text, null or too long ids are refused with the path, in French', () => {
    const raw = demoWithIds();
    raw.id = '';
    expectProblem(raw, "id : l'identifiant ne doit pas être vide");
    const raw2 = demoWithIds();
    raw2.signatories[0].id = 7;
    expectProblem(raw2, 'signatories[0].id : type incorrect : un texte est attendu, reçu le nombre 7');
    const raw3 = demoWithIds();
    const [a] = measuredPaths(raw3.tree);
    a.node.indicator.measurements[0].id = null;
    expectProblem(
      raw3,
      `${a.path}.indicator.measurements[0].id : null n'est pas accepté — un texte est attendu ; pour un champ facultatif sans valeur, omettez-le`,
    );
    const raw4 = demoWithIds();
    raw4.id = 'x'.repeat(LIMITS.id + 1);
    expectProblem(raw4, `id : texte trop long (${LIMITS.id + 1} caractères, au plus ${LIMITS.id})`);
  });

  it('the published JSON Schema knows the three ids and agrees with the validator on them (ajv)', async () => {
    const check = await schemaAgreement();
    check(demoWithIds(), true, 'all ids');
    const mutations: [string, (d: any) => void][] = [
      ['document id a number', (d) => (d.id = 1)],
      ['document id empty', (d) => (d.id = '')],
      ['signatory id a number', (d) => (d.signatories[0].id = 1)],
      ['measurement id empty', (d) => (measuredPaths(d.tree)[0].node.indicator.measurements[0].id = '')],
      ['unknown key beside a measurement id', (d) => (measuredPaths(d.tree)[0].node.indicator.measurements[0].uuid = 'x')],
    ];
    for (const [label, mutate] of mutations) {
      const d = demoWithIds();
      mutate(d);
      check(d, false, label);
    }
  });
});

describe('TrameDocument type', () => {
  it('carries the three optional ids', () => {
    // A compile-time check as much as a run-time one: these assignments must type-check.
    const doc: TrameDocument = {
      format: 'trame',
      version: 1,
      id: DOC_ID,
      contrat: { name: 'C', epci: 'E', pillar: 'emploi' },
      tree: [
        {
          id: 'e', kind: 'enjeu', title: 'E', children: [
            { id: 'o', kind: 'objectif', title: 'O', children: [
              { id: 'i', kind: 'indicateur', title: 'I', indicator: { measurements: [{ id: 'm', date: '2024', value: 1, scope: 'qpv' }] } },
            ] },
          ],
        },
      ],
      partners: [{ id: 'p', name: 'P' }],
      signatories: [{ id: 's', partner: 'p', name: 'S' }],
    };
    expect(parseTrameDocument(doc)).toEqual(doc);
  });
});
