// The DOCX written as a stream (issue 22, bounded memory) is the document `docx` writes as a whole, part for part and
// byte for byte: the only differences allowed are those two runs of `docx` itself make (the creation date, the fonts'
// random obfuscation key, and the bookmark numbers, taken from a counter of the process).
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { demoDocument } from '../../../core/features/start';
import { renderDocx, renderDocxWhole } from '../../../core/features/protocole/docx';
import { buildProtocole } from '../../../core/features/protocole/model';
import type { DocumentModel } from '../../../core/features/protocole/model-types';
import { PROTOCOLE_PARTS } from '../../../core/features/protocole/model-types';
import { EMPTY_FRAME } from '../../../core/features/protocole/legal';
import { buildNote } from '../../../core/features/protocole/note';

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
/** The bookmarks' numbers in order of appearance (docx takes them from a counter shared by the whole process). */
function renumber(xml: string): string {
  const ids = new Map<string, number>();
  const id = (n: string) => {
    if (!ids.has(n)) ids.set(n, ids.size + 1);
    return ids.get(n);
  };
  return xml
    .replace(/_Toc(\d+)/g, (_, n: string) => `_Toc${id(n)}`)
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*?w:id=")(\d+)"/g, (_, a: string, n: string) => `${a}${id(n)}"`);
}

async function compare(model: DocumentModel): Promise<string> {
  const whole = unzipSync(await renderDocxWhole(model));
  const streamed = unzipSync(await renderDocx(model));
  expect(Object.keys(streamed)).toEqual(Object.keys(whole));
  for (const name of Object.keys(whole)) {
    if (name === 'docProps/core.xml') {
      const noDates = (x: string) => x.replace(/<dcterms:(created|modified)[^>]*>[^<]*</g, '<$1><');
      expect(noDates(decode(streamed[name])), name).toBe(noDates(decode(whole[name])));
    } else if (name.startsWith('word/fonts/') || name === 'word/fontTable.xml') {
      expect(streamed[name].length, name).toBe(whole[name].length);
    } else if (name === 'word/document.xml') {
      expect(renumber(decode(streamed[name]))).toBe(renumber(decode(whole[name])));
    } else {
      expect(Buffer.from(streamed[name]).equals(Buffer.from(whole[name])), name).toBe(true);
    }
  }
  return decode(streamed['word/document.xml']);
}

describe('le DOCX écrit en flux', () => {
  it('le protocole de démonstration : le même document.xml que docx en entier, sommaire et signets compris', async () => {
    const settings = { preamble: 'Un **préambule**.\n\n- point un\n- point deux', governance: 'Le COPIL se réunit.', place: 'Vaudrecourt', parts: [...PROTOCOLE_PARTS], frame: EMPTY_FRAME };
    const model = buildProtocole(demoDocument(), settings, { date: '2026-11-27' });
    const xml = await compare(model);
    expect(xml).toContain('_Toc');
    expect(xml).toContain('<w:pStyle w:val="TOC1"/>');
  });

  it('chaque sorte de bloc, des titres vides ou répétés, des caractères à échapper', async () => {
    const model: DocumentModel = {
      runningTitle: 'Contrat <test> & « essai »', headerLabel: 'Protocole d’engagements', draft: true,
      titlePage: { kicker: 'Protocole', title: 'Titre & <balises> "guillemets" \'apostrophes\'', lines: ['EPCI', 'QPV'] },
      blocks: [
        { kind: 'heading', level: 1, text: 'Premier titre', toc: true },
        { kind: 'para', runs: [{ text: 'Du texte ' }, { text: 'gras', bold: true }, { text: ' et ', italic: true }, { text: '<&> "guillemets" \'apostrophes\' contrôle\u0001 fin' }] },
        { kind: 'heading', level: 2, text: ' ', toc: true },
        { kind: 'heading', level: 2, text: 'Répété', toc: true },
        { kind: 'heading', level: 2, text: 'Répété', toc: true },
        { kind: 'heading', level: 3, text: 'Niveau 3', toc: false },
        { kind: 'list', items: [[{ text: 'un' }], [{ text: 'deux', bold: true }]] },
        { kind: 'para', runs: [{ text: 'petit' }], tone: 'small' },
        { kind: 'para', runs: [{ text: 'discret' }], tone: 'muted' },
        { kind: 'table', header: ['A', 'Montant'], rows: [['x\ny', '12 €'], ['', '3']], widths: [3, 1], numeric: [1], total: ['Total', '15 €'] },
        { kind: 'pageBreak' },
        { kind: 'signatures', place: 'Lyon', blocks: [{ id: 's1', organisation: 'État', name: 'Préfet', role: '' }, { id: 's2', organisation: 'EPCI', name: 'Président', role: 'Président' }, { id: 's3', organisation: 'Ville', name: 'Maire', role: 'Maire' }] },
        { kind: 'heading', level: 1, text: 'Dernier', toc: true },
      ],
    };
    const xml = await compare(model);
    expect(xml).toContain('&lt;&amp;&gt; &quot;guillemets&quot; &apos;apostrophes&apos; contrôle fin');
  });

  it('sans aucun titre listé au sommaire', async () => {
    await compare({ runningTitle: 'R', headerLabel: 'H', titlePage: { kicker: 'K', title: 'T', lines: [] }, blocks: [{ kind: 'para', runs: [{ text: 'seul' }] }] });
  });

  it('la note de COPIL (avec ses graphiques) reste écrite par docx en entier', async () => {
    const model = buildNote(demoDocument(), { date: '2026-11-27', since: '2024-01-01', changes: { at: null, items: [] } });
    expect(model.blocks.some((b) => b.kind === 'chart')).toBe(true);
    const docx = unzipSync(await renderDocx(model));
    expect(Object.keys(docx).some((n) => n.startsWith('word/media/'))).toBe(true);
  });
});
