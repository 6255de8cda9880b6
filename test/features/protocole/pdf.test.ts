// The protocole exported by the app's job on a real .trame file, read back with poppler: A4, every font embedded,
// every kept or added item, every commitment and signatory in the text, dropped items only in the annex, the table
// of contents' page numbers are the pages where the headings are, « Page X sur N », signature blocks located.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoDocument } from '../../../core/features/start';
import type { TreeNodeDoc } from '../../../core/domain/format-types';
import { harness } from '../../helpers/handlers';
import { pdfFonts, pdfInfo, pdfText, squash, tocEntries } from './pdf-tools';

const flat = (nodes: TreeNodeDoc[], out: TreeNodeDoc[] = []): TreeNodeDoc[] => {
  for (const n of nodes) {
    out.push(n);
    flat(n.children ?? [], out);
  }
  return out;
};
// Printed apostrophes are ’ (issue 16): the source's typewriter ones are compared as printed.
const oneLine = (s: string) => s.replace(/\s+/g, ' ').replace(/(\p{L})'(?=\p{L})/gu, '$1’');

async function demoFile() {
  const h = harness();
  const file = path.join(h.dir, 'demo.trame');
  const info = await h.mustJob('format.import', { path: file, document: demoDocument() });
  return { h, file, docId: info.docId };
}

describe('le protocole en PDF, par la tâche de l’application', () => {
  it('A4, polices intégrées, contenu complet, sommaire juste, pagination, signatures situées', async () => {
    const { h, docId } = await demoFile();
    await h.must('protocole.update', { docId, patch: { preamble: 'Ce protocole **engage** chacun : *vraiment* !\n\n- premier point\n- second point', governance: 'Le COPIL se réunit deux fois par an ; le COTECH chaque trimestre.', place: 'Vaudrecourt' } });
    const out = path.join(h.dir, 'protocole.pdf');
    const r = await h.mustJob('protocole.export', { docId, path: out, format: 'pdf' });
    expect(r.path).toBe(out);
    const info = pdfInfo(out);
    expect(info['Page size']).toMatch(/^595\.2\d* x 841\.8\d* pts \(A4\)$/);
    expect(Number(info.Pages)).toBe(r.pages);
    const fonts = pdfFonts(out);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(fonts.every((f) => /SourceSans3/.test(f.name))).toBe(true);

    const text = oneLine(pdfText(out));
    const doc = demoDocument();
    const annexStart = text.lastIndexOf('Annexe : éléments abandonnés ou mis en veille');
    const strategy = text.slice(text.lastIndexOf('Stratégie : enjeux, objectifs, actions, indicateurs'), text.lastIndexOf('Engagements des partenaires'));
    const annex = text.slice(annexStart);
    const isOut = (n: TreeNodeDoc) => n.tag === 'jeter' || n.tag === 'mettre-en-veille';
    const dropped = new Set<TreeNodeDoc>();
    const mark = (nodes: TreeNodeDoc[], out: boolean) => nodes.forEach((n) => { if (out || isOut(n)) dropped.add(n); mark(n.children ?? [], out || isOut(n)); });
    mark(doc.tree, false);
    for (const n of flat(doc.tree)) {
      const title = oneLine(n.title);
      if (dropped.has(n)) {
        expect(strategy, `abandonné dans la stratégie : ${title}`).not.toContain(title);
        if (isOut(n)) expect(annex, `absent de l’annexe : ${title}`).toContain(title);
      } else expect(strategy, `absent de la stratégie : ${title}`).toContain(title);
    }
    for (const c of doc.commitments ?? []) expect(squash(text)).toContain(squash(c.text));
    for (const s of doc.signatories ?? []) expect(text).toContain(s.name);
    expect(text).toContain('Ce protocole engage chacun : vraiment !');
    expect(text).toContain('Fait à Vaudrecourt, le');

    // Table of contents: each entry's page holds its heading; « Page X sur N » on each page.
    const toc = tocEntries(out, [2]);
    expect(toc.length).toBeGreaterThan(10);
    for (const e of toc) {
      const page = oneLine(pdfText(out, e.page, e.page));
      expect(page, `« ${e.title} » annoncé page ${e.page}`).toContain(e.title.replace(/…$/, ''));
    }
    for (const p of [1, 2, r.pages!]) expect(pdfText(out, p, p)).toContain(`Page ${p} sur ${r.pages}`);

    // Every signatory has a block on the signature page, inside the page.
    expect(r.signatures.map((s) => s.signatoryId)).toEqual((doc.signatories ?? []).map((s) => s.id));
    for (const s of r.signatures) {
      expect(pdfText(out, s.page, s.page)).toContain('Signature');
      expect(s.x).toBeGreaterThan(0);
      expect(s.y + s.height).toBeLessThan(842);
      expect(s.width).toBeGreaterThan(100);
    }
    expect(readdirSync(h.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('un contrat sans signataire, des textes au plus long que le format admet (titre, engagement de 5 000 caractères), emoji, RTL et U+0000 : le PDF se fait', async () => {
    const h = harness();
    const doc = demoDocument();
    // The longest texts the format accepts: contrat name 300, item title 500, commitment text and reason 5 000.
    doc.contrat.name = `Contrat ${'très long '.repeat(40)}`.slice(0, 296) + ' fin';
    doc.tree[1].title = `${'Titre interminable '.repeat(30)}`.slice(0, 496) + ' FIN';
    doc.commitments![0].text = `${'Engagement détaillé ; '.repeat(250)}`.slice(0, 4989) + ' DERNIERMOT';
    doc.signatories = [];
    doc.tree[0].title = 'Emploi 😀👩‍👩‍👧 שלום عربى\u0007 fin';
    const file = path.join(h.dir, 'bizarre.trame');
    const info = await h.mustJob('format.import', { path: file, document: doc });
    const out = path.join(h.dir, 'bizarre.pdf');
    const r = await h.mustJob('protocole.export', { docId: info.docId, path: out, format: 'pdf' });
    expect(r.signatures).toEqual([]);
    const text = oneLine(pdfText(out));
    // No placeholder sentence is printed; the blank the user must fill is (freezing refuses it).
    expect(text).not.toContain('Aucun signataire n’est encore désigné');
    expect(text).toContain('[à compléter : les signataires]');
    expect(text).toContain('Emploi');
    expect(text).toContain(' fin');
    expect(text).toContain('DERNIERMOT');
    expect(text).toContain(' FIN');
    expect(pdfFonts(out).filter((f) => !f.embedded)).toEqual([]);
  });

  it('un préambule au balisage non pris en charge : message en français, rien n’est enregistré, l’annulation rend l’état', async () => {
    const { h, docId } = await demoFile();
    const bad = await h.call('protocole.update', { docId, patch: { preamble: '# Titre\nTexte' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/^Préambule : mise en forme non prise en charge \(ligne 1 : les titres « # »/);
    expect((await h.must('protocole.settings', { docId })).preamble).toBe(demoDocument().protocole!.preamble);
    await h.must('protocole.update', { docId, patch: { parts: ['signatures', 'preambule'] } });
    expect((await h.must('protocole.settings', { docId })).parts).toEqual(['signatures', 'preambule']);
    await h.must('journal.undo', { docId });
    expect((await h.must('protocole.settings', { docId })).parts).toEqual(['preambule', 'strategie', 'indicateurs', 'engagements', 'gouvernance', 'signatures', 'annexe']);
    const twice = await h.call('protocole.update', { docId, patch: { parts: ['preambule', 'preambule'] } });
    expect(twice.ok).toBe(false);
  });

  it('un mauvais nom de fichier, un fichier existant, une annulation en cours de route : rien d’écrit', async () => {
    const { h, docId } = await demoFile();
    const wrong = await h.job('protocole.export', { docId, path: path.join(h.dir, 'x.docx'), format: 'pdf' });
    expect(wrong.ok || wrong.error.message).toMatch(/s’écrit dans un fichier « \.pdf »/);
    const existing = path.join(h.dir, 'deja.pdf');
    writeFileSync(existing, 'ancien');
    const refused = await h.job('protocole.export', { docId, path: existing, format: 'pdf' });
    expect(refused.ok || refused.error.message).toMatch(/existe déjà/);
    // Cancel as soon as the job reports its first progress.
    const target = path.join(h.dir, 'annule.pdf');
    const started = await h.must('job.start', { type: 'protocole.export', input: { docId, path: target, format: 'pdf' } });
    await h.must('job.cancel', { jobId: started.jobId });
    const end = await h.set.jobs.wait(started.jobId);
    expect(end.state).toBe('cancelled');
    await h.set.settle();
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(h.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
