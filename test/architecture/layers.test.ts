// The layers of issue 18, as they behave (their imports are checked by boundaries.test.ts):
// - a job type is declared once, in its feature's jobs.ts: the root's table is the combination of those
//   declarations, equal to the contract's job types, and the combination refuses a type twice, an orphan and a gap;
// - the floors below the features (core/session, core/jobs, db/) name no feature, no feature channel, no job type
//   and no feature table in their source;
// - a change has one door: what a feature holds of an open contrat (a Doc) gives no way to the db/ Store, and each
//   journaled change made through it is followed by the change event naming the items it wrote.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, JOB_TYPES } from '../../core/api/contract';
import { JOBS } from '../../core/handlers/jobs';
import { combineJobs, workTable, type JobDeclaration } from '../../core/jobs/types';
import { filesJobDeclarations } from '../../core/features/files';
import { indicatorJobDeclarations } from '../../core/features/indicators';
import { protocoleJobDeclarations } from '../../core/features/protocole';
import { signingJobDeclarations } from '../../core/features/signing';
import { versionsJobDeclarations } from '../../core/features/versions';
import { spreadsheetJobDeclarations } from '../../core/features/spreadsheet';
import type { ApiEvent } from '../../core/api/contract';
import { SAMPLE_CONTRAT } from '../helpers/store';
import { harness } from '../helpers/handlers';
import { ROOT } from './depcruise';

const decl: JobDeclaration<unknown, unknown> = { prepare: () => ({ payload: null }), work: () => null, finish: () => null };

describe('jobs: each declared once, in its feature', () => {
  it("the root's job table is exactly the features' declarations, and they are the contract's job types", () => {
    const byFeature = {
      files: filesJobDeclarations, indicators: indicatorJobDeclarations, protocole: protocoleJobDeclarations,
      signing: signingJobDeclarations, versions: versionsJobDeclarations, spreadsheet: spreadsheetJobDeclarations,
    };
    const declared = Object.values(byFeature).flatMap((d) => Object.keys(d));
    expect(declared.sort()).toEqual([...JOB_TYPES].sort());
    expect(Object.keys(JOBS).sort()).toEqual([...JOB_TYPES].sort());
    for (const d of Object.values(byFeature)) for (const [type, j] of Object.entries(d)) expect(JOBS[type]).toBe(j);
    // The worker's table comes from the same declarations.
    expect(Object.keys(workTable(JOBS)).sort()).toEqual([...JOB_TYPES].sort());
    // A job type is no channel of its own: it is started through job.start.
    for (const t of JOB_TYPES) expect(CHANNELS).not.toContain(t);
  });

  it('refuses a type declared twice, one outside the contract, and a type of the contract left without declaration', () => {
    const types = ['a.x', 'b.y'];
    expect(Object.keys(combineJobs(types, { feature: 'a', jobs: { 'a.x': decl } }, { feature: 'b', jobs: { 'b.y': decl } })).sort()).toEqual(types);
    expect(() => combineJobs(types, { feature: 'a', jobs: { 'a.x': decl } }, { feature: 'b', jobs: { 'a.x': decl, 'b.y': decl } }))
      .toThrow(/« a\.x » est déclarée deux fois : par « a » et par « b »/);
    expect(() => combineJobs(types, { feature: 'a', jobs: { 'a.x': decl, 'b.y': decl, 'c.z': decl } })).toThrow(/« c\.z », qui n'est pas dans le contrat/);
    expect(() => combineJobs(types, { feature: 'a', jobs: { 'a.x': decl } })).toThrow(/Tâches sans déclaration : b\.y/);
  });

  it('the floors below the features name no feature, no job type and no feature table', () => {
    const files = ['core/session', 'core/jobs', 'db'].flatMap((folder) =>
      readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => path.join(folder, f)),
    );
    expect(files.length).toBeGreaterThan(20);
    // The code, comments left out (a comment may say what the root hands in).
    const code = (f: string) => readFileSync(path.join(ROOT, f), 'utf8').replace(/^\s*(\/\/|\/\*\*?|\*).*$/gm, '');
    const found: string[] = [];
    for (const f of files) {
      const text = code(f);
      for (const t of JOB_TYPES) if (text.includes(`'${t}'`)) found.push(`${f} : ${t}`);
      if (/features\//.test(text)) found.push(`${f} : features/`);
    }
    // db/ owns the tables; core/session and core/jobs name none of the features' (they come through SessionHooks).
    for (const f of files.filter((x) => !x.startsWith('db'))) {
      const text = code(f);
      for (const table of ['measurement', "'indicator'", "'node'", "'qpv'", 'commitment']) if (text.includes(table)) found.push(`${f} : ${table}`);
    }
    expect(found).toEqual([]);
  });
});

describe('one door for a change', () => {
  it("a feature's Doc reaches no Store, and each journaled change through it is told to the pages with its items", async () => {
    const h = harness();
    const info = await h.must('contrat.create', { path: path.join(h.dir, 'porte.trame'), contrat: SAMPLE_CONTRAT });
    const events: ApiEvent[] = [];
    h.set.onEvent((e) => events.push(e));
    const store = h.set.store(info.docId)!;
    const added = await h.must('tree.add', { docId: info.docId, parentId: null, title: 'Lever les freins' });
    const changes = events.filter((e): e is Extract<ApiEvent, { kind: 'doc-changed' }> => e.kind === 'doc-changed');
    expect(changes).toHaveLength(1);
    expect(changes[0].change).toMatchObject({ docId: info.docId, action: 'edit', itemIds: [added.focusId], contrat: false, revision: 1 });
    await h.must('contrat.update', { docId: info.docId, contrat: { ...SAMPLE_CONTRAT, name: 'Contrat renommé' } });
    await h.must('journal.undo', { docId: info.docId });
    const after = events.filter((e): e is Extract<ApiEvent, { kind: 'doc-changed' }> => e.kind === 'doc-changed').map((e) => e.change);
    expect(after.map((c) => [c.action, c.contrat, c.revision])).toEqual([['edit', false, 1], ['edit', true, 2], ['undo', true, 3]]);
    // The journal group each event names is the one the store wrote.
    const groups = store.journal(10).map((g) => g.id).sort((a, b) => a - b);
    expect(after.map((c) => c.groupId)).toEqual([groups[0], groups[1], groups[1]]);
  });

  it('the Doc handed to features keeps its store private (no property, no prototype method leads to it)', async () => {
    const { SessionDoc } = await import('../../core/session/doc');
    const h = harness();
    const info = await h.must('contrat.create', { path: path.join(h.dir, 'prive.trame'), contrat: SAMPLE_CONTRAT });
    const doc = new SessionDoc(h.set.store(info.docId)!, () => undefined);
    // Its fields are private (#store): no own property, nothing a feature can read or spread.
    expect(Object.keys(doc)).toEqual([]);
    expect(Object.getOwnPropertyNames(doc)).toEqual([]);
    const names = Object.getOwnPropertyNames(SessionDoc.prototype);
    expect(names).not.toContain('store');
    expect(names).not.toContain('db');
    expect(names).not.toContain('editStep');
    expect(names).not.toContain('step');
    // The Store's own methods that write without the door are not on the Doc.
    expect(names).toEqual(expect.arrayContaining(['edit', 'undo', 'redo', 'write', 'run', 'snapshot']));
  });
});
