// Pure parts of the printed documents: French typography, the preamble's markup, the document model from a contrat.
import { describe, expect, it } from 'vitest';
import { demoDocument } from '../../../core/features/start';
import { parseMarkup } from '../../../core/features/protocole/markup';
import { buildProtocole } from '../../../core/features/protocole/model';
import { PROTOCOLE_PARTS, type Block } from '../../../core/features/protocole/model-types';
import { buildNote } from '../../../core/features/protocole/note';
import { frenchTypography, NNBSP } from '../../../core/features/protocole/typography';
import { cleanText } from '../../../core/features/protocole/text';
import { EMPTY_FRAME } from '../../../core/features/protocole/legal';

const N = NNBSP;
const settings = { preamble: '', governance: '', place: 'Vaudrecourt', parts: [...PROTOCOLE_PARTS], frame: EMPTY_FRAME };
const textOf = (blocks: Block[]) =>
  blocks.map((b) => (b.kind === 'heading' ? b.text : b.kind === 'para' ? b.runs.map((r) => r.text).join('') : b.kind === 'table' ? b.rows.flat().join(' | ') : b.kind === 'signatures' ? b.blocks.map((s) => `${s.organisation} ${s.name}`).join(' ') : '')).join('\n');

describe('typographie française', () => {
  it('met une espace fine insécable avant ; : ! ? et dans « », remplace l’espace tapée', () => {
    expect(frenchTypography('Oui: non ; peut-être! vraiment ?')).toBe(`Oui${N}: non${N}; peut-être${N}! vraiment${N}?`);
    expect(frenchTypography('«texte»')).toBe(`«${N}texte${N}»`);
    expect(frenchTypography('« texte »')).toBe(`«${N}texte${N}»`);
    expect(frenchTypography('Quoi ?!')).toBe(`Quoi${N}?!`);
    expect(frenchTypography(`déjà${N}:`)).toBe(`déjà${N}:`);
  });
  it('laisse les heures, les adresses et un signe en début de ligne', () => {
    expect(frenchTypography('à 10:30 sur https://x.fr/?q=1')).toBe('à 10:30 sur https://x.fr/?q=1');
    expect(frenchTypography(': début')).toBe(': début');
    expect(frenchTypography('a\n? b')).toBe('a\n? b');
  });
  it('aucune ligne ne peut commencer par ; : ! ? : l’espace avant eux ne se coupe pas', () => {
    const out = frenchTypography('un mot : deux ; trois ! quatre ?');
    // Every space left before a high mark is the no-break narrow one.
    expect(out).not.toMatch(/[ \t][;:!?]/);
  });
});

describe('balisage du préambule', () => {
  it('paragraphes, gras, italique, listes', () => {
    const { blocks, problems } = parseMarkup('Premier **gras** et *italique*\nsuite.\n\n- un\n- *deux*\n\nFin.');
    expect(problems).toEqual([]);
    expect(blocks).toEqual([
      { kind: 'para', runs: [{ text: 'Premier ' }, { text: 'gras', bold: true }, { text: ' et ' }, { text: 'italique', italic: true }, { text: ' suite.' }] },
      { kind: 'list', items: [[{ text: 'un' }], [{ text: 'deux', italic: true }]] },
      { kind: 'para', runs: [{ text: 'Fin.' }] },
    ]);
  });
  it('refuse en français ce qu’il ne prend pas en charge, avec la ligne', () => {
    const cases: [string, RegExp][] = [
      ['# Titre', /ligne 1 : les titres « # »/],
      ['a\n> cité', /ligne 2 : les citations/],
      ['1. premier', /listes numérotées/],
      ['* puce', /« - »/],
      ['[lien](https://x.fr)', /liens/],
      ['<b>x</b>', /balises HTML/],
      ['un **gras', /« \*\* » ouvert sans être fermé/],
      ['un *italique', /« \* » ouvert sans être fermé/],
      ['`code`', /code/],
      ['~~barré~~', /barré/],
      ['_souligné_', /emphase « _ »/],
    ];
    for (const [src, re] of cases) {
      const { problems } = parseMarkup(src);
      expect(problems.map((p) => p.message).join(' / '), src).toMatch(re);
    }
  });
});

describe('le modèle du document à partir d’un contrat', () => {
  const doc = demoDocument();
  const model = buildProtocole(doc, settings, { date: '2026-11-27' });
  const text = textOf(model.blocks);

  it('page de titre : contrat, EPCI, QPV, période, version, date', () => {
    expect(model.titlePage.title).toBe(doc.contrat.name);
    const lines = model.titlePage.lines.join('\n');
    expect(lines).toContain(doc.contrat.epci);
    for (const q of doc.contrat.qpv ?? []) expect(lines).toContain(q.code);
    expect(lines).toContain('Période : 2024–2030');
    // A draft says so on every page (« Projet »), not with a version line.
    expect(lines).not.toContain('Version');
    expect(model.draft).toBe(true);
    expect(model.titlePage.kicker).toBe('Contrat de ville « Engagements Quartiers 2030 »');
    expect(lines).toContain('27 novembre 2026');
  });
  it('les éléments gardés et ajoutés dans la stratégie et le tableau des indicateurs, les abandonnés seulement en annexe avec leur raison', () => {
    const at = (prefix: string) => model.blocks.findIndex((b) => b.kind === 'heading' && b.text.startsWith(prefix));
    const start = at('Annexe');
    // The strategy and the indicator table (an engagement may still name the dropped item it served).
    const before = textOf(model.blocks.slice(at('Stratégie'), at('Engagements')));
    const annex = textOf(model.blocks.slice(start));
    const walk = (nodes: typeof doc.tree, dropped: boolean): void => {
      for (const n of nodes) {
        const out = dropped || n.tag === 'jeter' || n.tag === 'mettre-en-veille';
        if (out) {
          if (n.tag === 'jeter' || n.tag === 'mettre-en-veille') {
            expect(annex).toContain(n.title);
            if (n.tagNote) expect(annex).toContain(n.tagNote);
          }
          expect(before).not.toContain(n.title);
        } else expect(before).toContain(n.title);
        walk(n.children ?? [], out);
      }
    };
    walk(doc.tree, false);
  });
  it('chaque engagement, chaque partenaire (État et EPCI en tête), chaque signataire', () => {
    for (const c of doc.commitments ?? []) expect(text).toContain(c.text);
    for (const s of doc.signatories ?? []) expect(text).toContain(s.name);
    const partnerHeadings = model.blocks.filter((b) => b.kind === 'heading' && b.level === 3 && (doc.partners ?? []).some((p) => b.text.startsWith(p.name)));
    expect(partnerHeadings[0]).toMatchObject({ text: expect.stringContaining('(État)') });
  });
  it('le cadre juridique : parties, visas, considérants, articles numérotés ; les parties choisies seulement', () => {
    const m = buildProtocole(doc, { ...settings, parts: ['signatures', 'preambule'] }, { date: '2026-11-27' });
    expect(m.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b as { text: string }).text)).toEqual([
      'Entre les parties', 'Visas', 'Considérants', 'Article 1 — Objet', 'Article 2 — Durée', 'Article 3 — Engagements des parties',
      'Article 4 — Gouvernance', 'Article 5 — Suivi et évaluation', 'Article 6 — Avenants', 'Article 7 — Résiliation', 'Article 8 — Litiges', 'Signatures',
    ]);
    const t = textOf(m.blocks);
    expect(t).not.toContain('Stratégie');
    expect(t).toContain('Préfecture — délégué du préfet, représenté par Claire Morvan, Préfète ;');
    expect(t).toContain('conclu pour six ans, sur la période 2024-2030. Une clause de revoyure en 2027');
  });
  it('un contrat sans signataire : un blanc à compléter, aucune phrase d’attente', () => {
    const m = buildProtocole({ ...doc, signatories: [] }, settings, { date: '2026-11-27' });
    expect(textOf(m.blocks)).toContain('[à compléter : les signataires]');
    expect(textOf(m.blocks)).not.toMatch(/n’a pas encore été|Aucun signataire/);
  });
  it('les champs optionnels du format (financement, contact, COPIL) apparaissent quand ils sont là', () => {
    const d = structuredClone(doc) as typeof doc & { copils?: unknown[] };
    const c0 = d.commitments![0] as { funding?: unknown };
    c0.funding = { amount: 25000, nature: 'credits-specifiques' };
    (d.partners![0] as { contact?: unknown }).contact = { name: 'Mme Durand', email: 'durand@example.fr' };
    d.copils = [{ date: '2025-11-20', title: 'COPIL annuel' }];
    const t = textOf(buildProtocole(d, settings, { date: '2026-11-27' }).blocks);
    expect(t).toMatch(/25\s000\s€ \(crédits spécifiques\)/u);
    expect(t).toContain('Contact : Mme Durand, durand@example.fr');
    expect(t).toContain('COPIL annuel');
  });
  it('le texte imprimé perd les caractères de contrôle et les forçages de sens, garde emoji et écritures RTL', () => {
    expect(cleanText('a\u0000b\u202ec\u0007d 😀 שלום')).toBe('abcd 😀 שלום');
  });
  it('la note de COPIL : indicateurs avec graphiques, retards, changements depuis une date, échéances', () => {
    const note = buildNote(doc, { date: '2026-11-27', since: '2024-01-01', changes: { at: null, items: [{ kind: 'Action', title: 'x', changes: ['Titre : « w » → « x »'] }] } });
    const h1 = note.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b as { text: string }).text);
    expect(h1).toEqual(['Indicateurs', 'Engagements en retard', 'Changements depuis le 01/01/2024', 'Prochaines échéances']);
    expect(note.blocks.filter((b) => b.kind === 'chart').length).toBeGreaterThan(0);
    expect(textOf(note.blocks)).toContain('Action « x »');
    expect(textOf(note.blocks)).toContain('Titre : « w » → « x ».');
    // Late as on the « Engagements » screen: a commitment « non tenu » whose deadline passed is late too.
    const lateTable = note.blocks[note.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Engagements en retard') + 1];
    expect(JSON.stringify(lateTable)).toContain('Orienter vers les cafés emploi les allocataires du RSA');
  });
});
