// The indicators feature through dispatch, on real .trame files: card, measurements, library, COPIL meetings,
// dashboard and « depuis le dernier COPIL », the CSV preview job and its all-or-nothing commit.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { harness } from '../../helpers/handlers';
import { SAMPLE_CONTRAT } from '../../helpers/store';

async function contrat() {
  const h = harness();
  const doc = await h.must('contrat.create', { path: path.join(h.dir, 'c.trame'), contrat: SAMPLE_CONTRAT });
  const docId = doc.docId;
  const e = (await h.must('tree.add', { docId, parentId: null, title: 'Accès à l’emploi' })).focusId!;
  const o = (await h.must('tree.add', { docId, parentId: e, title: 'Réduire le chômage' })).focusId!;
  const i = (await h.must('tree.add', { docId, parentId: o, kind: 'indicateur', title: 'Taux de chômage' })).focusId!;
  return { h, docId, e, o, i, file: path.join(h.dir, 'c.trame') };
}

describe('the indicator card and its measurements', () => {
  it('fills every field, warns about a target before the baseline without refusing it, and is one undoable step', async () => {
    const { h, docId, i } = await contrat();
    const card0 = await h.must('indicators.card', { docId, id: i });
    const [qpv] = card0.qpvs;
    const r = await h.must('indicators.update', {
      docId, id: i,
      patch: {
        unit: '%', direction: 'baisse', kind: 'resultat', frequency: 'annuelle', baselineValue: 24.7, baselineDate: '2030',
        targetValue: 18, targetDate: '2026', referenceLabel: 'Unité urbaine', referenceValue: 9.2, referenceDate: '2017',
        source: ' ONPV ', qpvIds: [qpv.code],
      },
    });
    expect(r.warnings).toEqual(["L'échéance de la cible (2026) précède la date de la valeur de départ (2030) : vérifiez les deux dates."]);
    const card = await h.must('indicators.card', { docId, id: i });
    expect(card).toMatchObject({ unit: '%', direction: 'baisse', kind: 'resultat', frequency: 'annuelle', source: 'ONPV', qpvIds: [qpv.code], baselineDate: '2030' });
    await h.must('journal.undo', { docId });
    expect(await h.must('indicators.card', { docId, id: i })).toMatchObject({ unit: null, kind: null, qpvIds: [] });
    await h.must('journal.redo', { docId });
    expect((await h.must('indicators.update', { docId, id: i, patch: { baselineDate: '2017' } })).warnings).toEqual([]);
    // A provider that does not exist is refused in French, nothing written.
    const bad = await h.call('indicators.update', { docId, id: i, patch: { providerId: 'nope' } });
    expect(bad).toMatchObject({ ok: false, error: { message: "Ce partenaire n'existe plus dans le contrat : choisissez-en un autre." } });
  });

  it('adds, corrects and deletes measurements, each one step; refuses them on something that is not an indicator', async () => {
    const { h, docId, i, o } = await contrat();
    await h.must('indicators.addMeasurement', { docId, id: i, date: '2024-12-31', value: 22.1, scope: 'qpv', source: 'ONPV', note: 'provisoire' });
    await h.must('indicators.addMeasurement', { docId, id: i, date: '2024', value: 9.2, scope: 'reference' });
    let ms = (await h.must('indicators.card', { docId, id: i })).measurements;
    expect(ms).toMatchObject([{ date: '2024-12-31', value: 22.1, scope: 'qpv', source: 'ONPV', note: 'provisoire' }, { date: '2024', value: 9.2, scope: 'reference', source: null }]);
    await h.must('indicators.updateMeasurement', { docId, measurementId: ms[0].id, patch: { value: 21.9, note: null } });
    ms = (await h.must('indicators.card', { docId, id: i })).measurements;
    expect(ms[0]).toMatchObject({ value: 21.9, note: null });
    expect((await h.must('journal.list', { docId }))[0].label).toBe('Corriger la mesure du 31/12/2024 (QPV) de « Taux de chômage »');
    await h.must('indicators.removeMeasurement', { docId, measurementId: ms[1].id });
    expect((await h.must('indicators.card', { docId, id: i })).measurements).toHaveLength(1);
    await h.must('journal.undo', { docId });
    await h.must('journal.undo', { docId });
    expect((await h.must('indicators.card', { docId, id: i })).measurements.map((m) => m.value)).toEqual([22.1, 9.2]);
    const r = await h.call('indicators.addMeasurement', { docId, id: o, date: '2024', value: 1, scope: 'qpv' });
    expect(r).toMatchObject({ ok: false, error: { message: 'Objectif « Réduire le chômage » n\'est pas un indicateur : pas de fiche ni de mesures.' } });
    const badDate = await h.call('indicators.addMeasurement', { docId, id: i, date: '2024-02-30', value: 1, scope: 'qpv' });
    expect(badDate.ok).toBe(false);
  });

  it('adds a library indicator under an objectif, pre-filled and remembering its entry; refuses it under an enjeu', async () => {
    const { h, docId, e, o } = await contrat();
    const out = await h.must('indicators.addFromLibrary', { docId, parentId: o, entryId: 'circ-2019-garantie-jeunes' });
    const card = await h.must('indicators.card', { docId, id: out.focusId! });
    expect(card).toMatchObject({ unit: '%', direction: 'hausse', targetValue: 20, libraryRef: 'circ-2019-garantie-jeunes', title: 'Part des jeunes en Garantie jeunes résidant en QPV' });
    await h.must('indicators.update', { docId, id: out.focusId!, patch: { targetValue: 25 } });
    expect(await h.must('indicators.card', { docId, id: out.focusId! })).toMatchObject({ targetValue: 25, libraryRef: 'circ-2019-garantie-jeunes' });
    expect(await h.call('indicators.addFromLibrary', { docId, parentId: e, entryId: 'circ-2019-e2c' })).toMatchObject({ ok: false, error: { code: 'imbrication' } });
    expect(await h.call('indicators.addFromLibrary', { docId, parentId: o, entryId: 'inexistant' })).toMatchObject({ ok: false, error: { code: 'introuvable' } });
  });
});

describe('COPIL meetings, the dashboard and « depuis le dernier COPIL »', () => {
  it('records COPILs; the last one is the default « since »; the changes are grouped by item with who and when', async () => {
    const { h, docId, e, o, i } = await contrat();
    await h.must('indicators.update', { docId, id: i, patch: { direction: 'baisse', baselineValue: 24.7, baselineDate: '2020', targetValue: 18, targetDate: '2030' } });
    await h.must('indicators.addMeasurement', { docId, id: i, date: '2025', value: 21, scope: 'qpv' });
    await h.must('copil.add', { docId, date: '2020-01-15', title: 'COPIL de lancement' });
    expect(await h.call('copil.add', { docId, date: '2025-01-15', title: '   ' })).toMatchObject({ ok: false, error: { message: 'Donnez un intitulé au COPIL (par exemple « COPIL annuel »).' } });
    const today = new Date().toISOString().slice(0, 10);
    await h.must('copil.add', { docId, date: today, title: 'COPIL annuel', note: 'Revue des indicateurs' });
    // Recorded on its own day, the COPIL is a moment: what was done before it today (the items above, the COPIL's
    // own record) is left out; after it: a new item, a retag, an edit, a move, a deletion.
    const right = await h.must('indicators.dashboard', { docId });
    expect(right.since.items).toEqual([]);
    expect(right.since.at).not.toBeNull();
    const a = (await h.must('tree.add', { docId, parentId: o, kind: 'action', title: 'Forum emploi' })).focusId!;
    const o2 = (await h.must('tree.add', { docId, parentId: e, title: 'Second objectif' })).focusId!;
    await h.must('tree.update', { docId, id: o, patch: { tag: 'repenser' } });
    await h.must('tree.update', { docId, id: o, patch: { title: 'Réduire le chômage des jeunes' } });
    await h.must('tree.move', { docId, id: i, parentId: o2, index: 0 });
    await h.must('indicators.addMeasurement', { docId, id: i, date: '2025-06', value: 20.5, scope: 'qpv' });
    await h.must('tree.remove', { docId, id: a });
    const d = await h.must('indicators.dashboard', { docId });
    const copils = await h.must('copil.list', { docId });
    expect(copils.map((c) => c.title)).toEqual(['COPIL annuel', 'COPIL de lancement']);
    expect(d.since.date).toBe(today);
    expect(d.since.copilId).toBe(copils[0].id);
    const by = Object.fromEntries(d.since.items.map((x) => [x.title, x]));
    expect(by['Forum emploi'].kinds).toEqual(['created', 'deleted']);
    expect(by['Réduire le chômage des jeunes'].kinds).toEqual(['retagged', 'edited']);
    expect(by['Taux de chômage'].kinds).toEqual(['edited', 'moved']);
    expect(by['Taux de chômage'].changes.filter((c) => c.what === 'edited')).toHaveLength(1);
    expect(by['Second objectif'].kinds).toEqual(['created']);
    expect(by['COPIL annuel']).toBeUndefined();
    expect(by['Forum emploi'].changes[0]).toMatchObject({ what: 'created', label: 'Ajouter action « Forum emploi »' });
    expect(typeof by['Forum emploi'].changes[0].author).toBe('string');
    expect(d.since.counts).toEqual({ created: 2, deleted: 1, retagged: 1, edited: 2, moved: 1 });
    // From the earlier COPIL (recorded today for 2020-01-15): from the day after it, so everything since is listed.
    const launch = await h.must('indicators.dashboard', { docId, since: '2020-01-15' });
    expect(launch.since).toMatchObject({ copilId: copils[1].id, at: null });
    expect(launch.since.items.map((x) => x.title)).toEqual(expect.arrayContaining(['COPIL annuel', 'Forum emploi']));
    // The dashboard: statuses, tag counts per family and per enjeu.
    expect(d.indicators).toMatchObject([{ id: i, title: 'Taux de chômage', enjeuId: e, status: 'en-bonne-voie' }]);
    expect(d.indicators[0].measurements.map((m) => m.value)).toEqual([21, 20.5]);
    expect(d.tags.total).toMatchObject({ garder: 1, undecided: 3 });
    expect(d.tags.byEnjeu).toMatchObject([{ enjeuId: e, counts: { garder: 1, undecided: 3 } }]);
    // Only the indicators the filters select are sent; the rest of the dashboard stays whole.
    const e2 = (await h.must('tree.add', { docId, parentId: null, title: 'Cadre de vie' })).focusId!;
    const o3 = (await h.must('tree.add', { docId, parentId: e2, title: 'Rénover' })).focusId!;
    const i2 = (await h.must('tree.add', { docId, parentId: o3, kind: 'indicateur', title: 'Logements rénovés' })).focusId!;
    await h.must('tree.update', { docId, id: o3, patch: { tag: 'jeter' } });
    const all = await h.must('indicators.dashboard', { docId });
    expect(all.indicators.map((x) => x.id)).toEqual([i, i2]);
    expect(all.tags.byEnjeu).toMatchObject([{ enjeuId: e, counts: { garder: 1, undecided: 3 } }, { enjeuId: e2, counts: { jeter: 1, undecided: 2 } }]);
    expect(all.tags.total).toMatchObject({ garder: 1, jeter: 1, undecided: 5 });
    const byEnjeu = await h.must('indicators.dashboard', { docId, filters: { enjeuId: e2 } });
    expect(byEnjeu.indicators.map((x) => x.id)).toEqual([i2]);
    expect(byEnjeu.tags).toEqual(all.tags);
    expect((await h.must('indicators.dashboard', { docId, filters: { status: 'pas-de-donnees' } })).indicators.map((x) => x.id)).toEqual([i2]);
    expect((await h.must('indicators.dashboard', { docId, filters: { enjeuId: e, status: 'pas-de-donnees' } })).indicators).toEqual([]);
    expect((await h.must('indicators.dashboard', { docId, filters: { providerId: 'personne' } })).indicators).toEqual([]);
    // A chosen date instead, and none.
    const later = await h.must('indicators.dashboard', { docId, since: '2100-01-01', today: '2026-01-15' });
    expect(later.since.items).toEqual([]);
    expect((await h.must('indicators.dashboard', { docId, since: null })).since).toMatchObject({ date: null, items: [] });
    await h.must('copil.update', { docId, id: copils[1].id, patch: { title: 'Lancement' } });
    await h.must('copil.remove', { docId, id: copils[0].id });
    expect((await h.must('copil.list', { docId })).map((c) => c.title)).toEqual(['Lancement']);
  });
});

describe('the CSV import', () => {
  it('previews without writing, refuses a file with a bad line, then adds a fixed one all at once as one undoable step', async () => {
    const { h, docId, i, file } = await contrat();
    await h.must('indicators.update', { docId, id: i, patch: { unit: '%' } });
    const csv = path.join(h.dir, 'mesures.csv');
    writeFileSync(csv, 'indicateur;date;valeur;perimetre;source\nTaux de chômage;31/12/2023;23,4;qpv;ONPV\nTaux de chômage;2024;douze;qpv;ONPV\nTaux de chômage;2024;9,1;reference;INSEE\n');
    const journal0 = (await h.must('journal.list', { docId })).length;
    const p1 = await h.mustJob('indicators.csvPreview', { docId, path: csv });
    expect(p1).toMatchObject({ fileName: 'mesures.csv', encoding: 'utf-8', separator: ';', count: 2, errorCount: 1 });
    expect(p1.errors[0].message).toMatch(/^Ligne 3, colonne « valeur » : « douze » n’est pas un nombre/);
    const refused = await h.call('indicators.csvCommit', { docId, previewId: p1.previewId, acceptOutOfRange: true });
    expect(refused).toMatchObject({ ok: false, error: { message: "Import refusé : 1 ligne en erreur. Corrigez le fichier puis recommencez ; rien n'a été ajouté." } });
    expect((await h.must('journal.list', { docId })).length).toBe(journal0);
    expect((await h.must('indicators.card', { docId, id: i })).measurements).toEqual([]);

    writeFileSync(csv, 'indicateur;date;valeur;perimetre;source\nTaux de chômage;31/12/2023;23,4;qpv;ONPV\nTaux de chômage;2024;120;qpv;ONPV\nTaux de chômage;2024;9,1;reference;INSEE\n');
    const p2 = await h.mustJob('indicators.csvPreview', { docId, path: csv });
    expect(p2).toMatchObject({ count: 3, errorCount: 0, outOfRangeCount: 1 });
    expect(await h.call('indicators.csvCommit', { docId, previewId: p2.previewId, acceptOutOfRange: false })).toMatchObject({ ok: false });
    const events: { itemIds: string[]; action: string }[] = [];
    h.set.onEvent((e) => {
      if (e.kind === 'doc-changed') events.push(e.change);
    });
    const done = await h.must('indicators.csvCommit', { docId, previewId: p2.previewId, acceptOutOfRange: true });
    expect(done.added).toBe(3);
    // One bulk journal entry for the indicator; the change event names it, as it named it for each line before.
    expect(events.map((e) => [e.action, e.itemIds])).toEqual([['edit', [i]]]);
    expect((await h.must('indicators.card', { docId, id: i })).measurements.map((m) => [m.date, m.value, m.scope, m.source])).toEqual([
      ['2023-12-31', 23.4, 'qpv', 'ONPV'], ['2024', 120, 'qpv', 'ONPV'], ['2024', 9.1, 'reference', 'INSEE'],
    ]);
    const journal = await h.must('journal.list', { docId });
    expect(journal.length).toBe(journal0 + 1);
    expect(journal[0].label).toBe('Importer 3 mesures depuis « mesures.csv »');
    // The preview is used once.
    expect(await h.call('indicators.csvCommit', { docId, previewId: p2.previewId, acceptOutOfRange: true })).toMatchObject({ ok: false, error: { code: 'introuvable' } });
    await h.must('journal.undo', { docId });
    expect((await h.must('indicators.card', { docId, id: i })).measurements).toEqual([]);
    expect(events.map((e) => [e.action, e.itemIds])).toEqual([['edit', [i]], ['undo', [i]]]);
    // A missing file, a binary file: French messages, nothing written.
    expect(await h.job('indicators.csvPreview', { docId, path: path.join(h.dir, 'absent.csv') })).toMatchObject({ ok: false });
    writeFileSync(csv, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0]));
    const bin = await h.job('indicators.csvPreview', { docId, path: csv });
    expect(bin).toMatchObject({ ok: false, error: { message: expect.stringMatching(/« mesures\.csv » : Ce fichier n’est pas un texte CSV \(octet nul à la ligne 1\)/) } });
    expect(file).toContain('c.trame');
  });
});
