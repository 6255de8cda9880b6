// « Depuis le dernier COPIL » against a straightforward reference: a scripted journal (creations, renames, retags,
// moves, deletions, measurements, CSV imports of measurements — bulk journal entries, read by the reference as the
// per-row entries they stand for —, partners, COPIL, several changes of one item in one step, undo and redo) made
// through dispatch on a real .trame, then read by readChangesSince and by a plain reading of every journal row in
// JavaScript, for several moments; again once some groups' times no longer follow their order.
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readChangesSince } from '../../../core/features/indicators';
import { CHANGE_KINDS, SINCE_SHOWN, sinceItemOf, type ChangeKind, type SinceChange, type SinceItem } from '../../../core/features/indicators/model/since';
import { harness } from '../../helpers/handlers';
import { SAMPLE_CONTRAT } from '../../helpers/store';

const HANGS = ['indicator', 'measurement', 'indicator_qpv'];
const NAMED = ['node', 'copil', 'partner', 'commitment', 'signatory', 'qpv', 'contrat'];
/** The order a step lists its kinds in. */
const STEP_ORDER: ChangeKind[] = ['created', 'deleted', 'retagged', 'moved', 'edited'];

interface Row { id: number; gid: number; tbl: string; op: string; item: string | null; fields: string | null; batch: number; before: string | null; after: string | null; at: string; author: string; label: string; undone: number; focus_redo: string | null }

/** Every change of the journal read plainly, then filtered, classified and grouped in JavaScript. */
function reference(db: Database.Database, since: string, afterGroup: number): SinceItem[] {
  const read = db.prepare(`SELECT c.id, c.group_id AS gid, c.tbl, c.op, c.item, c.fields, c.batch, c.before, c.after, g.at, g.author, g.label, g.undone, g.focus_redo
    FROM journal_change c JOIN journal_group g ON g.id = c.group_id ORDER BY c.id`).all() as Row[];
  // A bulk entry is read as one per-row entry per row it holds: its kind from its images, its item from each image
  // (the node a measurement hangs on), not from the entry's own columns.
  const rows = read.flatMap((r): Row[] => {
    if (r.batch === 0) return [r];
    const images = (JSON.parse((r.after ?? r.before)!) as { rows: Record<string, unknown>[] }).rows;
    return images.map((img) => ({
      ...r, batch: 0, op: r.after === null ? 'delete' : 'insert', item: String(img.node_id ?? img.id), fields: null,
      before: r.after === null ? JSON.stringify(img) : null, after: r.after === null ? null : JSON.stringify(img),
    }));
  });
  type Step = { gid: number; at: string; author: string; label: string; kinds: Set<ChangeKind>; first: number };
  const items = new Map<string, { t: string; item: string; steps: Map<number, Step> }>();
  for (const r of rows) {
    if (r.at < since || r.gid <= afterGroup || r.undone !== 0 || r.item === null) continue;
    const hangs = HANGS.includes(r.tbl);
    if (!NAMED.includes(r.tbl) && !(hangs && !(r.tbl === 'indicator' && r.op !== 'update'))) continue;
    const f = new Set((r.fields ?? '').split(','));
    const nodeUpdate = r.tbl === 'node' && r.op === 'update';
    const kinds: ChangeKind[] = [];
    if (r.op === 'insert' && !hangs) kinds.push('created');
    if (r.op === 'delete' && !hangs) kinds.push('deleted');
    if (nodeUpdate && f.has('tag')) kinds.push('retagged');
    if (nodeUpdate && (f.has('parent_id') || (f.has('order_key') && r.focus_redo === r.item))) kinds.push('moved');
    if (hangs || (r.op === 'update' && (r.tbl !== 'node' || ['title', 'description', 'tag_note', 'kind'].some((k) => f.has(k))))) kinds.push('edited');
    const t = hangs ? 'node' : r.tbl;
    const key = `${t}:${r.item}`;
    if (!items.has(key)) items.set(key, { t, item: r.item, steps: new Map() });
    const steps = items.get(key)!.steps;
    if (!steps.has(r.gid)) steps.set(r.gid, { gid: r.gid, at: r.at, author: r.author, label: r.label, kinds: new Set(), first: r.id });
    const step = steps.get(r.gid)!;
    for (const k of kinds) step.kinds.add(k);
    step.first = Math.min(step.first, r.id);
  }
  const out: { item: SinceItem; first: number }[] = [];
  for (const { t, item, steps } of items.values()) {
    const kept = [...steps.values()].filter((s) => s.kinds.size > 0).sort((a, b) => a.gid - b.gid);
    if (!kept.length) continue;
    const changes: SinceChange[] = kept.flatMap((s) => STEP_ORDER.filter((k) => s.kinds.has(k)).map((what) => ({ what, at: s.at, author: s.author, label: s.label })));
    const latest = rows.filter((r) => r.tbl === t && r.item === item).sort((a, b) => b.gid - a.gid || b.id - a.id)[0];
    const image = latest ? (JSON.parse(latest.after ?? latest.before ?? '{}') as Record<string, string | undefined>) : {};
    const node = t === 'node' ? (db.prepare('SELECT title, kind FROM node WHERE id = ?').get(item) as { title: string; kind: string } | undefined) : undefined;
    const has = (k: ChangeKind) => (kept.some((s) => s.kinds.has(k)) ? 1 : 0);
    const a = {
      t, item, created: has('created'), retagged: has('retagged'), edited: has('edited'), moved: has('moved'), deleted: has('deleted'),
      count: changes.length, lastAt: kept.map((s) => s.at).sort().at(-1)!,
      title: node?.title ?? image.title ?? image.name ?? image.text ?? null,
      kind: node?.kind ?? (t === 'node' ? (image.kind ?? null) : null),
    };
    out.push({ item: sinceItemOf(a, changes.slice(-SINCE_SHOWN)), first: Math.min(...kept.map((s) => s.first)) });
  }
  out.sort((a, b) => (a.item.lastAt === b.item.lastAt ? a.first - b.first : a.item.lastAt < b.item.lastAt ? 1 : -1));
  return out.map((o) => o.item);
}

/** A small seeded generator, so that a failure replays. */
function prng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
}

describe('« depuis le dernier COPIL » against a plain reading of the journal', () => {
  it('gives the same items, kinds, counts, last changes and order for every moment', async () => {
    const h = harness();
    const file = path.join(h.dir, 'c.trame');
    const { docId } = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
    const rand = prng(22);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const enjeux: string[] = [];
    const objectifs: string[] = [];
    const indicators: string[] = [];
    for (let e = 0; e < 3; e++) enjeux.push((await h.must('tree.add', { docId, parentId: null, title: `Enjeu ${e}` })).focusId!);
    for (let o = 0; o < 6; o++) objectifs.push((await h.must('tree.add', { docId, parentId: enjeux[o % 3], title: `Objectif ${o}` })).focusId!);
    for (let i = 0; i < 6; i++) indicators.push((await h.must('tree.add', { docId, parentId: objectifs[i], title: `Indicateur ${i}`, kind: 'indicateur' })).focusId!);
    const partner = (await h.must('partners.add', { docId, name: 'État' })).focusId!;
    await h.must('copil.add', { docId, date: '2026-01-15', title: 'COPIL de janvier' });
    // Each change through dispatch; one refused (its item undone away) writes nothing and the script goes on.
    let csvImports = 0;
    for (let k = 0; k < 120; k++) {
      const op = Math.floor(rand() * 10);
      if (op === 0) await h.call('tree.update', { docId, id: pick(objectifs), patch: { title: `Objectif renommé ${k}` } });
      else if (op === 1) await h.call('tree.update', { docId, id: pick([...objectifs, ...enjeux]), patch: { tag: pick(['garder', 'repenser', null]) } });
      // Several kinds in one step, on one item: retag and describe.
      else if (op === 2) await h.call('tree.update', { docId, id: pick(objectifs), patch: { tag: 'garder', description: `Note ${k}` } });
      else if (op === 3) await h.call('tree.move', { docId, id: pick(indicators), parentId: pick(objectifs), index: 0 });
      else if (op === 4) await h.call('indicators.addMeasurement', { docId, id: pick(indicators), date: String(2000 + k), value: k, scope: 'qpv' });
      else if (op === 5 && k % 3 === 0) {
        // A CSV import of measurements, one step (bulk journal entries, one per indicator).
        const csv = path.join(h.dir, `mesures-${k}.csv`);
        const chosen = [pick(indicators), pick(indicators), pick(indicators)];
        writeFileSync(csv, ['indicateur;date;valeur;perimetre', ...chosen.flatMap((id, n) => [`${id};${1 + n}/01/${1901 + k};${k};qpv`, `${id};${1 + n}/02/${1901 + k};${k};reference`])].join('\n'));
        const p = await h.mustJob('indicators.csvPreview', { docId, path: csv });
        csvImports += (await h.call('indicators.csvCommit', { docId, previewId: p.previewId, acceptOutOfRange: true })).ok ? 1 : 0;
        // Every other import undone at once, one in four of them redone.
        if (csvImports % 2 === 0) await h.must('journal.undo', { docId });
        if (csvImports % 4 === 0) await h.must('journal.redo', { docId });
      }
      else if (op === 5) await h.call('journal.undo', { docId });
      else if (op === 6) await h.call('journal.redo', { docId });
      else if (op === 7) await h.call('partners.update', { docId, id: partner, patch: { name: `État ${k}` } });
      else if (op === 8) {
        const r = await h.call('tree.add', { docId, parentId: pick(enjeux), title: `Objectif ajouté ${k}` });
        if (r.ok) objectifs.push(r.value.focusId!);
      }
      else if (objectifs.length > 8) {
        const id = objectifs.splice(8 + Math.floor(rand() * (objectifs.length - 8)), 1)[0];
        await h.call('tree.remove', { docId, id });
      }
    }
    await h.must('doc.close', { docId });

    const compare = (db: Database.Database) => {
      const groups = db.prepare('SELECT id FROM journal_group ORDER BY id').pluck().all() as number[];
      const moments: [string, number][] = [['2000-01-01', 0], ['2000-01-01', groups[20]], ['2000-01-01', groups[groups.length - 10]], ['2999-01-01', 0]];
      let seen = 0;
      for (const [since, after] of moments) {
        const got = readChangesSince({ run: { stmt: (q: string) => db.prepare(q) } } as never, since, after);
        const want = reference(db, since, after);
        expect(got.items).toEqual(want);
        expect(got.truncated).toBe(false);
        seen += want.length;
      }
      return seen;
    };
    const db = new Database(file, { readonly: true });
    try {
      // The script made items of every kind of change, some with more changes than are listed.
      const all = reference(db, '2000-01-01', 0);
      for (const k of CHANGE_KINDS) expect(all.some((x) => x.kinds.includes(k))).toBe(true);
      expect(all.some((x) => x.changeCount > SINCE_SHOWN)).toBe(true);
      // CSV imports were made, recorded as bulk entries, some undone or redone by the script.
      expect(csvImports).toBeGreaterThan(2);
      expect(db.prepare("SELECT count(*) FROM journal_change WHERE batch = 1 AND op = 'insert'").pluck().get()).toBeGreaterThan(2);
      expect(db.prepare("SELECT count(*) FROM journal_change WHERE batch = 1 AND op = 'delete'").pluck().get()).toBeGreaterThan(0);
      expect(compare(db)).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    // Groups whose time no longer follows their order (a clock set back, a merge): the same again.
    const skewed = path.join(h.dir, 'skewed.trame');
    copyFileSync(file, skewed);
    const w = new Database(skewed);
    try {
      w.exec(`UPDATE journal_group SET at = '2001-01-0' || (1 + id % 7) || substr(at, 11) WHERE id % 3 = 0`);
      expect(compare(w)).toBeGreaterThan(0);
    } finally {
      w.close();
    }
  });
});
