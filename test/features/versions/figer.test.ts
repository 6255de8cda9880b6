// Issue 16: « Figer pour signature » refuses an incomplete protocole with the list of what is missing, and freezes
// it once complete — through the app's job and through `trame figer` (exit 1, the .trame unchanged byte for byte,
// when it refuses). The legal frame is kept in the file (journaled: one undo per edit) and in the JSON format.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashFile } from '../../helpers/files';
import { harness } from '../../helpers/handlers';
import type { TrameDocument } from '../../../core/domain/format-types';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist', 'cli.cjs');

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'build', 'scripts', 'build-node.mjs')], { cwd: root, stdio: 'pipe' });
});

function trame(args: string[], dataDir: string) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, TRAME_DATA_DIR: dataDir }, timeout: 120_000 });
}

/** Five partners commit money, two sign (the case), no place, no preamble, the deliberation not dated. */
function incomplete(): TrameDocument {
  const partner = (id: string, name: string, type: 'etat' | 'collectivite' | 'social' | 'service-public-emploi') => ({ id, name, type });
  const money = (id: string, p: string, amount: number) => ({ id, partner: p, text: `Engagement ${id}`, funding: { amount, nature: 'droit-commun' as const } });
  return {
    format: 'trame', version: 1,
    contrat: { name: 'Contrat de ville 2024-2030 — CA du Test', epci: 'CA du Test', pillar: 'emploi', period: { start: 2024, end: 2030 } },
    tree: [],
    partners: [partner('p1', 'Préfecture', 'etat'), partner('p2', 'CA du Test', 'collectivite'), partner('p3', 'CAF', 'social'), partner('p4', 'France Travail', 'service-public-emploi'), partner('p5', 'Région', 'collectivite')],
    commitments: [money('c1', 'p1', 10000), money('c2', 'p2', 20000), money('c3', 'p3', 42000), money('c4', 'p4', 5000), money('c5', 'p5', 7000)],
    signatories: [{ id: 's1', partner: 'p1', name: 'Hélène Marchetti', role: 'Préfète' }, { id: 's2', partner: 'p2', name: 'Paul Durand', role: 'Président' }],
  };
}

describe('figer pour signature', () => {
  it('refuse un protocole incomplet avec la liste, puis fige une fois complété ; le cadre est journalisé', async () => {
    const h = harness();
    const file = path.join(h.dir, 'c.trame');
    const { docId } = await h.mustJob('format.import', { path: file, document: incomplete() });
    const state = await h.must('protocole.frame', { docId });
    expect(state.frame.documentType).toBe('contrat-ville');
    expect(state.frame.visas.join('\n')).toContain('loi n° 2014-173 du 21 février 2014');
    expect(state.frame.articles.map((a) => a.title)).toEqual(['Objet', 'Durée', 'Engagements des parties', 'Gouvernance', 'Suivi et évaluation', 'Avenants', 'Résiliation', 'Litiges']);
    expect(state.frame.articles[1].text).toContain('six ans');
    expect(state.frame.articles[1].text).toContain('clause de revoyure en 2027');
    const texts = state.missing.map((m) => m.text);
    expect(texts.filter((t) => /engage .* mais n’a pas de signataire/.test(t))).toHaveLength(3);
    expect(texts.some((t) => t.startsWith('CAF engage 42'))).toBe(true);
    expect(texts).toContain('Le lieu de signature (« Fait à … ») n’est pas renseigné (écran « Protocole »).');
    expect(texts.some((t) => /visa n° 4 est à compléter/.test(t))).toBe(true);

    const refused = await h.job('versions.freeze', { docId });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.message).toMatch(/^Le document n’est pas prêt à être signé : \d+ points à compléter\. Rien n’a été figé\.$/);
      expect(refused.error.details).toEqual(texts.map((t) => `- ${t}`));
    }
    expect((await h.must('versions.list', { docId })).versions).toEqual([]);

    // Completed by the user: one undoable step per edit.
    await h.must('protocole.update', { docId, patch: { frame: { nonSigning: ['p3', 'p4', 'p5'] } } });
    await h.must('protocole.update', { docId, patch: { place: 'Testville', preamble: 'Préambule écrit.' } });
    const visas = state.frame.visas.map((v) => v.replace(/\[à compléter[^\]]*\]/u, '12 mars 2024'));
    await h.must('protocole.update', { docId, patch: { frame: { visas } } });
    expect((await h.must('journal.list', { docId, limit: 1 }))[0].label).toBe('Modifier les visas');
    await h.must('journal.undo', { docId });
    expect((await h.must('protocole.frame', { docId })).frame.defaults.visas).toBe(true);
    await h.must('journal.redo', { docId });
    expect((await h.must('protocole.frame', { docId })).missing).toEqual([]);
    const v = await h.mustJob('versions.freeze', { docId });
    expect(v.number).toBe(1);
    // The legal frame is in the frozen content and in the JSON format, and comes back through an import.
    const json = await h.must('format.export', { docId });
    expect(json.protocole).toMatchObject({ place: 'Testville', preamble: 'Préambule écrit.', visas, nonSigning: ['p3', 'p4', 'p5'] });
    const copy = await h.mustJob('format.import', { path: path.join(h.dir, 'copie.trame'), document: json });
    expect(await h.must('format.export', { docId: copy.docId })).toEqual({ ...json });
  });

  it('trame figer : la liste sur stderr, code 1, le fichier inchangé ; puis fige le fichier complété', async () => {
    const h = harness();
    const file = path.join(h.dir, 'c.trame');
    const { docId } = await h.mustJob('format.import', { path: file, document: incomplete() });
    await h.must('doc.close', { docId });
    const before = hashFile(file);
    const r = trame(['figer', file], path.join(h.dir, 'data'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Erreur : Le document n’est pas prêt à être signé : \d+ points à compléter\. Rien n’a été figé\./);
    expect(r.stderr).toContain('- CAF engage 42');
    expect(r.stderr).toContain('- Le lieu de signature');
    expect(r.stdout).toBe('');
    expect(hashFile(file)).toBe(before);

    const ready = { ...incomplete(), protocole: { place: 'Testville', preamble: 'P.', nonSigning: ['p3', 'p4', 'p5'], visas: ['Vu la loi n° 2014-173 du 21 février 2014 ;', 'Vu la délibération du 12 mars 2024 ;'] } };
    const file2 = path.join(h.dir, 'c2.trame');
    const imported = await h.mustJob('format.import', { path: file2, document: ready });
    await h.must('doc.close', { docId: imported.docId });
    const ok = trame(['figer', file2], path.join(h.dir, 'data'));
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^Version 1 figée \(« .+ »\) : empreinte [0-9a-f]{64}, 2 signataires attendus\.\n$/);
    const again = trame(['figer', file2], path.join(h.dir, 'data'));
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('Rien n’a changé');
    const bad = trame(['figer'], path.join(h.dir, 'data'));
    expect(bad.status).toBe(2);
  });
});
