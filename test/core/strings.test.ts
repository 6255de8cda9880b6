// Issue 7, item 4: every text of the API and of the interchange format is well-formed Unicode (a lone surrogate is
// refused, in French, with where it is) and stored in NFC, so ids that differ only by normalisation are one id.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrameDocument } from '../../core/format/schema';
import { frenchSentenceProblem } from '../helpers/french-message';
import { listDir } from '../helpers/files';
import { harness } from '../helpers/handlers';
import { SAMPLE_CONTRAT } from '../helpers/store';

const doc = (tree: unknown[]) => ({ format: 'trame', version: 1, contrat: { name: 'Contrat', epci: 'EPCI' }, tree });

describe('texts of the API', () => {
  it('refuses a lone surrogate in a title, a name or an id, in French, and changes nothing', async () => {
    const h = harness();
    const file = path.join(h.dir, 'c.trame');
    const d = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
    const e = await h.must('tree.add', { docId: d.docId, parentId: null, title: 'Emploi' });
    const again = d;
    const journal = (await h.must('journal.list', { docId: d.docId })).length;
    const answers = [
      await h.call('tree.add', { docId: again.docId, parentId: null, title: 'Emploi \ud800' }),
      await h.call('tree.update', { docId: again.docId, id: e.focusId!, patch: { tagNote: '\udc00' } }),
      await h.call('tree.update', { docId: again.docId, id: '\ud800', patch: { title: 'x' } }),
      await h.call('contrat.create', { path: path.join(h.dir, 'd.trame'), contrat: { ...SAMPLE_CONTRAT, name: 'A\ud801' } }),
      await h.call('settings.setUserName', { name: 'Nadia \udfff' }),
    ];
    for (const r of answers) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('entree-invalide');
      expect(r.error.message).toMatch(/texte mal formé \(caractère Unicode isolé/);
      expect(frenchSentenceProblem(r.error.message)).toBeNull();
    }
    expect((await h.must('tree.get', { docId: again.docId })).nodes.map((n) => n.title)).toEqual(['Emploi']);
    expect((await h.must('journal.list', { docId: d.docId })).length).toBe(journal);
    expect(listDir(h.dir).filter((n) => n.endsWith('.trame'))).toEqual(['c.trame']);
  });

  it('stores titles in NFC and finds an item by its id in either normal form', async () => {
    const h = harness();
    const d = await h.mustJob('format.import', {
      path: path.join(h.dir, 'n.trame'),
      document: doc([{ id: 'e\u0301', kind: 'enjeu', title: 'Acce\u0300s a\u0300 l’emploi' }]),
    });
    const { nodes } = await h.must('tree.get', { docId: d.docId });
    expect(nodes.map((n) => [n.id, n.title])).toEqual([['\u00e9', 'Acc\u00e8s \u00e0 l’emploi']]);
    await h.must('tree.update', { docId: d.docId, id: 'e\u0301', patch: { title: 'Cre\u0301ation' } });
    expect((await h.must('tree.get', { docId: d.docId })).nodes[0].title).toBe('Cr\u00e9ation');
  });
});

describe('texts of the interchange format', () => {
  it('two different lone surrogates are refused, not read back as one id', () => {
    expect(() => parseTrameDocument(doc([{ id: '\ud800', kind: 'enjeu', title: 'a' }, { id: '\ud801', kind: 'enjeu', title: 'b' }]))).toThrow(
      /tree\[0\]\.id : texte mal formé/,
    );
  });

  it('two ids equal once in NFC are a duplicate, refused with its JSON path', () => {
    let details: string[] = [];
    try {
      parseTrameDocument(doc([{ id: '\u00e9', kind: 'enjeu', title: 'a' }, { id: 'e\u0301', kind: 'enjeu', title: 'b' }]));
    } catch (err) {
      details = (err as { details: string[] }).details;
    }
    expect(details).toContain('tree[1].id : identifiant « é » déjà utilisé (tree[0])');
  });

  it('returns every text in NFC', () => {
    const out = parseTrameDocument(doc([{ id: 'a', kind: 'enjeu', title: 'Qualifie\u0301s' }]));
    expect(out.tree[0].title).toBe('Qualifi\u00e9s');
  });
});
