// Hostile interchange documents: forbidden keys, deep nesting, huge trees, values that are not JSON.
import { describe, expect, it } from 'vitest';
import { LIMITS, countNodes, parseTrameDocument, parseTrameJsonText } from '../../core/format/schema';
import { demoRaw, expectProblem, minimal, refusal } from './helpers';

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
