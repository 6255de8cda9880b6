// The note de COPIL of a scripted session, through dispatch on a real .trame and read back from the real PDF: after
// a COPIL recorded today, an item renamed twice, re-tagged three times, moved, created, removed, created then
// removed, and steps undone; the note says each item's net change on one line (nothing intermediate, nothing
// undone), and calls an indicator by the dashboard's own status. Its pages are drawn as PNG to be looked at.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATUS_LABELS } from '../../../core/features/indicators';
import { harness } from '../../helpers/handlers';
import { SAMPLE_CONTRAT } from '../../helpers/store';
import { pdfText } from '../protocole/pdf-tools';

const SCREENS = path.resolve(__dirname, '../../../test-results/screens');
const pad = (n: number) => String(n).padStart(2, '0');
const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

describe('the note de COPIL summarises', () => {
  it('one line per item with its net change since the COPIL; undone steps never appear; the dashboard’s status', async () => {
    const h = harness();
    const { docId } = await h.must('contrat.create', { path: path.join(h.dir, 'c.trame'), contrat: SAMPLE_CONTRAT });
    const add = async (parentId: string | null, title: string, kind?: 'indicateur') => (await h.must('tree.add', { docId, parentId, title, ...(kind ? { kind } : {}) })).focusId!;
    const e = await add(null, 'Accès à l’emploi');
    const o1 = await add(e, 'Réduire le chômage');
    const o2 = await add(e, 'Former les jeunes');
    const a = await add(o1, 'Forum emploi');
    const gone = await add(o1, 'Permanence mairie');
    const i = await add(o1, 'Taux de chômage', 'indicateur');
    await h.must('indicators.update', { docId, id: i, patch: { unit: '%', direction: 'baisse', frequency: 'annuelle', baselineValue: 30, baselineDate: '2020', targetValue: 20, targetDate: '2030' } });
    await h.must('indicators.addMeasurement', { docId, id: i, date: '2024', value: 29.5, scope: 'qpv' });
    const { focusId: partnerId } = await h.must('partners.add', { docId, name: 'France Travail' });
    await h.must('tree.update', { docId, id: a, patch: { tag: 'garder', tagNote: 'Bonne fréquentation' } });
    const today = localToday();
    await h.must('copil.add', { docId, date: today, title: 'COPIL annuel' });

    // The session after the COPIL.
    await h.must('tree.update', { docId, id: a, patch: { title: 'Forum de l’emploi' } });
    await h.must('tree.update', { docId, id: a, patch: { title: 'Forum emploi 2026' } });
    await h.must('tree.update', { docId, id: a, patch: { tag: 'jeter', tagNote: 'Doublon' } });
    await h.must('tree.update', { docId, id: a, patch: { tag: 'repenser', tagNote: 'À ouvrir aux jeunes' } });
    await h.must('tree.move', { docId, id: a, parentId: o2, index: 0 });
    await h.must('tree.remove', { docId, id: gone });
    const fresh = await add(o2, 'Parrainage');
    await h.must('tree.update', { docId, id: fresh, patch: { tag: 'ajouter', tagNote: 'Demande des associations' } });
    const ephemeral = await add(o2, 'Idée abandonnée');
    await h.must('tree.remove', { docId, id: ephemeral });
    await h.must('indicators.update', { docId, id: i, patch: { targetValue: 22 } });
    await h.must('indicators.addMeasurement', { docId, id: i, date: '2025', value: 29.9, scope: 'qpv' });
    await h.must('commitments.add', { docId, partnerId: partnerId!, nodeIds: [o2], text: 'Accueillir 20 jeunes en parrainage', due: '2027', status: 'acte' });
    // Undone steps: a rename and a tag, then one undone and redone (it stays).
    await h.must('tree.update', { docId, id: o1, patch: { title: 'Titre annulé' } });
    await h.must('journal.undo', { docId });
    await h.must('tree.update', { docId, id: o1, patch: { tag: 'jeter', tagNote: 'Décision annulée' } });
    await h.must('journal.undo', { docId });
    await h.must('tree.update', { docId, id: e, patch: { description: 'Priorité du contrat' } });
    await h.must('journal.undo', { docId });
    await h.must('journal.redo', { docId });

    const out = path.join(h.dir, 'note.pdf');
    await h.mustJob('protocole.export', { docId, path: out, format: 'note-copil-pdf' });
    const text = pdfText(out).replace(/\s+/g, ' ');
    const section = text.slice(text.indexOf('Pour chaque élément'), text.lastIndexOf('Mesures datées de la période'));
    expect(text).toMatch(/Changements depuis le COPIL du \d\d\/\d\d\/\d{4} à \d+ h \d\d/);
    // One line per item: each item named once, with its net change only.
    const lines = [
      'Enjeu « Accès à l’emploi » Description modifiée.',
      'Action « Forum emploi 2026 » Titre : « Forum emploi » → « Forum emploi 2026 » ; Déplacé de « Réduire le chômage » vers « Former les jeunes » ; Décision : À repenser — « À ouvrir aux jeunes » (avant : À garder).',
      'Action « Parrainage » Créé sous « Former les jeunes » ; décision : À ajouter — « Demande des associations ».',
      'Indicateur de suivi « Taux de chômage » Fiche : cible 20 → 22 ; 1 mesure ajoutée.',
      'Action « Permanence mairie » Supprimé (était sous « Réduire le chômage »).',
      'Engagement « Accueillir 20 jeunes en parrainage » Pris, échéance 2027, acté.',
    ];
    for (const l of lines) expect(section).toContain(l);
    for (const item of ['Action « Forum emploi 2026 »', 'Action « Parrainage »', 'Indicateur de suivi « Taux de chômage »', 'Action « Permanence mairie »', 'Enjeu « Accès à l’emploi »']) {
      expect(section.split(item).length - 1, item).toBe(1);
    }
    expect(section.match(/(Enjeu|Objectif|Action|Indicateur de suivi|Engagement|Partenaire) « /g)).toHaveLength(6);
    // Nothing intermediate, nothing undone, nothing unchanged.
    for (const never of ['Forum de l’emploi', 'Doublon', 'Titre annulé', 'Décision annulée', 'Idée abandonnée', 'Objectif « Réduire le chômage »', 'Objectif « Former les jeunes »', 'Renommer', 'Modifier']) {
      expect(section).not.toContain(never);
    }
    // The indicator's status is the dashboard's.
    const dash = await h.must('indicators.dashboard', { docId });
    const ind = dash.indicators.find((x) => x.id === i)!;
    expect(text).toContain(`Statut : ${STATUS_LABELS[ind.status]} — ${ind.reason}`);
    expect(text).not.toMatch(/stable par rapport|en progrès par rapport|en recul par rapport/);
    // The pages, as PNG, to be looked at.
    mkdirSync(SCREENS, { recursive: true });
    const r = spawnSync('pdftoppm', ['-r', '90', '-png', out, path.join(SCREENS, 'note-copil-resume')]);
    expect(r.status, 'pdftoppm (poppler-utils)').toBe(0);
  }, 60_000);
});
