// Importing a plan d'actions through the real handlers and jobs: a realistic plan written at test time in XLSX and
// ODS, read into the expected tree; the mapping remembered per layout (in the app's data folder); adding to the open
// contrat as ONE undoable step, partners matched by name.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { harness } from '../../helpers/handlers';
import { hashFile } from '../../helpers/files';
import { planBytes, PLAN_TITLE } from './fixtures';

type H = ReturnType<typeof harness>;

async function preview(h: H, file: string, extra: Record<string, unknown> = {}) {
  return h.mustJob('spreadsheet.preview', { target: 'new', path: file, ...extra });
}

const EXPECTED_TREE = {
  'Accès à l’emploi': { 'Lever les freins': ['Permanences emploi en pied d’immeuble', 'Garde d’enfants pour la reprise d’emploi'], Former: ['Chantier d’insertion bâtiment', 'Préparation opérationnelle à l’emploi'] },
  'Développement économique': { 'Soutenir la création': ['Couveuse d’activités', 'Marché de l’emploi local'] },
};

describe.each(['xlsx', 'ods'] as const)('a plan d’actions in %s', (format) => {
  it('is read into the expected tree, partners and commitments, and becomes a new contrat', async () => {
    const h = harness();
    const file = path.join(h.dir, `plan.${format}`);
    writeFileSync(file, planBytes(format));
    const p = await preview(h, file);
    expect(p).toMatchObject({ format, sheet: 'Plan', sheets: ['Lisez-moi', 'Plan'], headerLine: 4, ownLayout: false, errorCount: 0, title: PLAN_TITLE });
    expect(p.columns.map((c) => c.role)).toEqual(['enjeu', 'objectif', 'action', 'pilote', 'partenaires', 'financeur', 'montant', 'echeance', 'statut']);
    expect(p.counts).toMatchObject({ enjeu: 2, objectif: 3, action: 6, partners: 9, newPartners: 9, commitments: 16 });
    const target = path.join(h.dir, 'nouveau.trame');
    const info = await h.mustJob('spreadsheet.create', { previewId: p.previewId, path: target });
    expect(info.contrat.name).toBe(PLAN_TITLE);
    const doc = await h.must('format.export', { docId: info.docId });
    const tree = Object.fromEntries(doc.tree.map((e) => [e.title, Object.fromEntries((e.children ?? []).map((o) => [o.title, (o.children ?? []).map((a) => a.title)]))]));
    expect(tree).toEqual(EXPECTED_TREE);
    const name = new Map((doc.partners ?? []).map((x) => [x.id, x.name]));
    expect([...name.values()]).toEqual(['France Travail', 'Mission locale', 'PLIE', 'État', 'CAF', 'Ville', 'Département', 'Région', 'BGE']);
    const byText = (t: string) => (doc.commitments ?? []).filter((c) => c.text.includes(t)).map((c) => ({ partner: name.get(c.partner), text: c.text, due: c.due, status: c.status, funding: c.funding }));
    // Two partners in one cell: two commitments. « 12 000 € », « 30/06/2026 », « En cours ».
    expect(byText('Permanences')).toEqual([
      { partner: 'France Travail', text: 'Piloter « Permanences emploi en pied d’immeuble »', due: '2026-06-30', status: 'en-cours', funding: undefined },
      { partner: 'Mission locale', text: 'Contribuer à « Permanences emploi en pied d’immeuble »', due: '2026-06-30', status: 'en-cours', funding: undefined },
      { partner: 'PLIE', text: 'Contribuer à « Permanences emploi en pied d’immeuble »', due: '2026-06-30', status: 'en-cours', funding: undefined },
      { partner: 'État', text: 'Financer « Permanences emploi en pied d’immeuble »', due: '2026-06-30', status: 'en-cours', funding: { amount: 12000 } },
    ]);
    const funded = (t: string) => byText(t).find((c) => c.text.startsWith('Financer'));
    expect(funded('Garde')).toMatchObject({ partner: 'Ville', due: '2026-06', funding: { amount: 12000.5 }, status: 'propose' });
    expect(funded('Chantier')).toMatchObject({ partner: 'Département', due: '2026', funding: { amount: 12000 } });
    expect(funded('Préparation')).toMatchObject({ partner: 'Région', due: '2026-06', funding: { amount: 8500 }, status: 'acte' });
    expect(funded('Couveuse')).toMatchObject({ partner: 'Ville', due: '2026-09', funding: { amount: 1500000 }, status: 'en-cours' });
    // A date cell; « france travail » matched to France Travail (never duplicated).
    expect(byText('Marché')).toEqual([
      { partner: 'Ville', text: 'Piloter « Marché de l’emploi local »', due: '2026-12-15', status: undefined, funding: undefined },
      { partner: 'France Travail', text: 'Contribuer à « Marché de l’emploi local »', due: '2026-12-15', status: undefined, funding: undefined },
    ]);
  });
});

describe('the mapping', () => {
  it('is changed by the preview, refused when two columns share a role, and remembered per layout in the app data folder', async () => {
    const h = harness();
    const file = path.join(h.dir, 'plan.xlsx');
    writeFileSync(file, planBytes('xlsx'));
    const first = await preview(h, file);
    const roles = first.columns.map((c) => c.role);
    // Two columns with the same role: refused, naming both, on the header line.
    const twice = await preview(h, file, { mapping: roles.map((r, i) => (i === 4 ? 'pilote' : r)) });
    expect(twice.errorCount).toBe(1);
    expect(twice.errors[0]).toMatchObject({ sheet: 'Plan', line: 4, column: 'E (Partenaires)' });
    expect(twice.errors[0].message).toContain('les colonnes D (Pilote) et E (Partenaires) ont le même rôle « Pilote (partenaire) »');
    // « Partenaires » ignored: fewer commitments, and this mapping is remembered once the import is done.
    const chosen = roles.map((r, i) => (i === 4 ? 'ignorer' : r));
    const mine = await preview(h, file, { mapping: chosen });
    expect(mine).toMatchObject({ errorCount: 0, remembered: false, counts: { commitments: 11 } });
    expect(existsSync(path.join(h.dir, 'tableurs.json'))).toBe(false);
    await h.mustJob('spreadsheet.create', { previewId: mine.previewId, path: path.join(h.dir, 'a.trame') });
    expect(JSON.parse(readFileSync(path.join(h.dir, 'tableurs.json'), 'utf8')).layouts[0].mapping).toEqual(chosen);
    const again = await preview(h, file);
    expect(again).toMatchObject({ remembered: true, counts: { commitments: 11 } });
    expect(again.columns[4].role).toBe('ignorer');
  });
});

describe('into the open contrat', () => {
  it('adds everything as ONE undoable step, matching the contrat’s partners by name; undo takes it all back', async () => {
    const h = harness();
    const trame = path.join(h.dir, 'c.trame');
    const info = await h.must('contrat.create', { path: trame, contrat: { name: 'Contrat', epci: 'CA', period: { start: 2024, end: 2030 }, qpv: [] } });
    await h.must('partners.add', { docId: info.docId, name: 'FRANCE  TRAVAIL', type: 'service-public-emploi' });
    await h.must('partners.add', { docId: info.docId, name: 'Mission Locale', type: 'insertion' });
    const file = path.join(h.dir, 'plan.ods');
    writeFileSync(file, planBytes('ods'));
    const p = await h.mustJob('spreadsheet.preview', { target: 'open', docId: info.docId, path: file });
    expect(p.counts).toMatchObject({ partners: 9, newPartners: 7 });
    expect(p.partners.filter((x) => x.existing).map((x) => x.name)).toEqual(['FRANCE  TRAVAIL', 'Mission Locale']);
    const before = await h.must('journal.list', { docId: info.docId });
    const r = await h.must('spreadsheet.commit', { docId: info.docId, previewId: p.previewId });
    expect(r).toMatchObject({ nodes: 11, partners: 7, commitments: 16 });
    const after = await h.must('journal.list', { docId: info.docId });
    expect(after.length).toBe(before.length + 1);
    const doc = await h.must('format.export', { docId: info.docId });
    expect(doc.partners?.length).toBe(9);
    expect(doc.tree.map((e) => e.title)).toEqual(['Accès à l’emploi', 'Développement économique']);
    const ft = doc.partners!.find((x) => x.name === 'FRANCE  TRAVAIL')!;
    expect(doc.commitments!.filter((c) => c.partner === ft.id).length).toBe(4);
    await h.must('journal.undo', { docId: info.docId });
    const undone = await h.must('format.export', { docId: info.docId });
    expect(undone.tree).toEqual([]);
    expect(undone.partners?.map((x) => x.name)).toEqual(['FRANCE  TRAVAIL', 'Mission Locale']);
    expect(undone.commitments).toBeUndefined();
    // A refused preview adds nothing: the file is not touched.
    writeFileSync(file, planBytes('ods').subarray(0, 300));
    const before2 = hashFile(trame);
    const bad = await h.job('spreadsheet.preview', { target: 'open', docId: info.docId, path: file });
    expect(bad.ok).toBe(false);
    await h.set.settle();
    expect(hashFile(trame)).toBe(before2);
  });
});

describe('the other columns of a plan', () => {
  it('indicators with target and baseline, decisions and reasons, crédits politique de la ville and droit commun, in CSV', async () => {
    const h = harness();
    const file = path.join(h.dir, 'plan.csv');
    writeFileSync(
      file,
      'Enjeu;Objectif;Action;Description;Indicateur;Unité;Valeur de référence;Cible;Financeur;Crédits politique de la ville;Droit commun;Décision;Motif\n' +
        'Emploi;Former;Chantier école;Vingt places;Sorties positives;%;35;60;Ville;12 000 €;8 000,50;À garder;Bons résultats\n' +
        ';;Permanences;;;;;;;;;À repenser;Trop peu de venues\n',
    );
    // As Excel saves a CSV in France: Windows-1252 (€ is 0x80, ’ is 0x92).
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, Uint8Array.from([...text], (c) => (c === '€' ? 0x80 : c === '’' ? 0x92 : c.charCodeAt(0))));
    const p = await h.mustJob('spreadsheet.preview', { target: 'new', path: file });
    expect(p).toMatchObject({ format: 'csv', errorCount: 0 });
    const info = await h.mustJob('spreadsheet.create', { previewId: p.previewId, path: path.join(h.dir, 'c.trame') });
    const doc = await h.must('format.export', { docId: info.docId });
    const [chantier, permanences] = doc.tree[0].children![0].children!;
    expect(chantier).toMatchObject({ kind: 'action', title: 'Chantier école', description: 'Vingt places', tag: 'garder', tagNote: 'Bons résultats' });
    expect(chantier.children).toMatchObject([{ kind: 'indicateur', title: 'Sorties positives', indicator: { unit: '%', baseline: { value: 35 }, target: { value: 60 } } }]);
    expect(permanences).toMatchObject({ title: 'Permanences', tag: 'repenser', tagNote: 'Trop peu de venues' });
    expect(doc.commitments?.map((c) => [c.text, c.funding])).toEqual([
      ['Financer « Chantier école » (crédits politique de la ville)', { amount: 12000, nature: 'credits-specifiques' }],
      ['Financer « Chantier école » (droit commun)', { amount: 8000.5, nature: 'droit-commun' }],
    ]);
  });
});
