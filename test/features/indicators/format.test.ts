// The format's indicator and measurement parts and `copils`: export → import → export gives the same document;
// bad references are refused with their JSON path.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrameDocument } from '../../../core/format/schema';
import type { TrameDocument } from '../../../core/domain/format-types';
import { harness } from '../../helpers/handlers';
import { SAMPLE_CONTRAT } from '../../helpers/store';

describe('interchange format: indicator card, measurement source and note, copils', () => {
  it('round-trips every new field, ids included', async () => {
    const h = harness();
    const doc = await h.must('contrat.create', { path: path.join(h.dir, 'a.trame'), contrat: SAMPLE_CONTRAT });
    const docId = doc.docId;
    const s = h.set.store(docId)!;
    s.edit('partenaire', () => {
      s.db.prepare("INSERT INTO partner (id, position, name, type) VALUES ('p1', 0, 'France Travail', 'service-public-emploi')").run();
      return { undo: null, redo: null };
    });
    const e = (await h.must('tree.add', { docId, parentId: null, title: 'Emploi' })).focusId!;
    const o = (await h.must('tree.add', { docId, parentId: e, title: 'Objectif' })).focusId!;
    const lib = (await h.must('indicators.addFromLibrary', { docId, parentId: o, entryId: 'civ-2023-apprentis' })).focusId!;
    await h.must('indicators.update', { docId, id: lib, patch: { providerId: 'p1', frequency: 'trimestrielle', qpvIds: ['QN05901M'] } });
    await h.must('indicators.addMeasurement', { docId, id: lib, date: '2025-03', value: 120, scope: 'qpv', source: 'France Travail', note: 'T1' });
    await h.must('copil.add', { docId, date: '2025-11-20', title: 'COPIL annuel', note: 'Revue' });
    const out = await h.must('format.export', { docId });
    const ind = out.tree[0].children![0].children![0].indicator!;
    expect(ind).toMatchObject({ kind: 'resultat', frequency: 'trimestrielle', provider: 'p1', qpv: ['QN05901M'], libraryRef: 'civ-2023-apprentis' });
    expect(ind.measurements![0]).toMatchObject({ date: '2025-03', value: 120, scope: 'qpv', source: 'France Travail', note: 'T1' });
    expect(out.copils).toEqual([{ id: expect.any(String), date: '2025-11-20', title: 'COPIL annuel', note: 'Revue' }]);
    expect(parseTrameDocument(out)).toEqual(out);
    const again = await h.mustJob('format.import', { path: path.join(h.dir, 'b.trame'), document: out });
    expect(await h.must('format.export', { docId: again.docId })).toEqual(out);
  });

  it('refuses an unknown provider, a QPV not in the contrat, a copil id used twice, an unknown key', () => {
    const base: TrameDocument = {
      format: 'trame', version: 1, contrat: { name: 'C', epci: 'E', qpv: [{ code: 'Q1', name: 'Les Hauts' }] },
      tree: [{ id: 'e', kind: 'enjeu', title: 'E', children: [{ id: 'o', kind: 'objectif', title: 'O', children: [
        { id: 'i', kind: 'indicateur', title: 'I', indicator: { provider: 'p9', qpv: ['Q1', 'Q2', 'Q1'], measurements: [{ date: '2024', value: 1, note: 'n' }] } },
      ] }] }],
      copils: [{ id: 'k', date: '2025', title: 'A' }, { id: 'k', date: '2026', title: 'B' }],
    };
    let message = '';
    try {
      parseTrameDocument(base);
    } catch (err) {
      message = [(err as Error).message, ...((err as { details?: string[] }).details ?? [])].join('\n');
    }
    expect(message).toContain("tree[0].children[0].children[0].indicator.provider : aucun partenaire n'a l'identifiant « p9 »");
    expect(message).toContain("tree[0].children[0].children[0].indicator.qpv[1] : aucun QPV du contrat n'a le code « Q2 »");
    expect(message).toContain('indicator.qpv[2] : QPV « Q1 » cité deux fois');
    expect(message).toContain('copils[1].id : identifiant « k » déjà utilisé par un autre COPIL (copils[0])');
    let unknown = '';
    try {
      parseTrameDocument({ ...base, copils: [{ date: '2025', title: 'A', notes: 'x' }] });
    } catch (err) {
      unknown = [(err as Error).message, ...((err as { details?: string[] }).details ?? [])].join('\n');
    }
    expect(unknown).toMatch(/copils\[0\]\.notes : clé inconnue « notes » \(vouliez-vous dire « note » \?\)/);
  });
});
