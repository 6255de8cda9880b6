// The base rebuilt from a frozen content (issue 19, copies without shared journal): rows the interchange format
// gives no id (a commitment's status history) take the copies' keys by their references and position; rows with an
// id, and rows without a counterpart, stay as they are.
import { describe, expect, it } from 'vitest';
import { rekeyBase } from '../../../core/features/merge/frozen-base';
import type { Image, MergeTable, Row } from '../../../core/features/merge/model/three-way';

const TABLES: MergeTable[] = [
  { table: 'commitment', key: ['id'], cols: ['id', 'text'], refs: [] },
  { table: 'commitment_history', key: ['id'], cols: ['id', 'commitment_id', 'position', 'status'], refs: [{ col: 'commitment_id', table: 'commitment', notNull: true }] },
];
const img = (rows: Record<string, Row[]>): Image =>
  new Map(TABLES.map((t) => [t.table, new Map((rows[t.table] ?? []).map((r) => [JSON.stringify([r.id]), r]))]));
const h = (id: string, c: string, position: number, status: string): Row => ({ id, commitment_id: c, position, status });

describe('rekeyBase', () => {
  it('gives history rows drawn at import the key of the copies’ row with the same commitment and position', () => {
    const base = img({ commitment: [{ id: 'c1', text: 'Financer' }], commitment_history: [h('tiré-1', 'c1', 0, 'propose'), h('tiré-2', 'c1', 1, 'acte'), h('tiré-3', 'c9', 0, 'acte')] });
    const mine = img({ commitment: [{ id: 'c1', text: 'Financer' }], commitment_history: [h('h1', 'c1', 0, 'propose'), h('h2', 'c1', 1, 'acte'), h('h3', 'c1', 2, 'tenu')] });
    const theirs = img({ commitment: [{ id: 'c1', text: 'Financer plus' }], commitment_history: [h('h1', 'c1', 0, 'propose'), h('h2', 'c1', 1, 'acte')] });
    const out = rekeyBase(base, TABLES, [mine, theirs]).get('commitment_history')!;
    expect([...out.keys()].sort()).toEqual(['["h1"]', '["h2"]', '["tiré-3"]']);
    expect(out.get('["h2"]')).toEqual(h('h2', 'c1', 1, 'acte'));
    expect(rekeyBase(base, TABLES, [mine, theirs]).get('commitment')!.get('["c1"]')).toEqual({ id: 'c1', text: 'Financer' });
  });
});
