// The printed document as data: one model, drawn by the PDF renderer, the DOCX renderer and the page's preview.
// Pure types (the renderer imports them through contract.ts).
import type { LegalFrameStored } from './legal-types';

export interface Run { text: string; bold?: boolean; italic?: boolean }

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; /** Listed in the table of contents and the bookmarks. */ toc: boolean }
  | { kind: 'para'; runs: Run[]; tone?: 'normal' | 'muted' | 'small' }
  | { kind: 'list'; items: Run[][] }
  | { kind: 'table'; header: string[]; rows: string[][]; /** Relative column widths. */ widths: number[]; /** Right-aligned columns (amounts). */ numeric?: number[]; /** A last row in bold (totals). */ total?: string[] }
  | { kind: 'signatures'; blocks: SignatureBlockModel[]; place: string }
  | { kind: 'chart'; chart: ChartModel; /** The chart's alternative text (what it shows, in words). */ alt?: string }
  | { kind: 'pageBreak' };

export interface SignatureBlockModel {
  id: string;
  organisation: string;
  name: string;
  role: string;
}

/** One indicator's series, drawn as a small line chart (note de COPIL). */
export interface ChartModel {
  title: string;
  unit: string;
  points: { date: string; value: number }[];
  reference: { date: string; value: number }[];
  baseline?: { value: number; date?: string };
  target?: { value: number; date?: string };
}

export interface TitlePage {
  kicker: string;
  title: string;
  lines: string[];
}

export interface DocumentModel {
  /** Shown in the running header (shortened there). */
  runningTitle: string;
  /** The kind of document, right of the running header (« Protocole d’engagements », « Note de COPIL »). */
  headerLabel: string;
  titlePage: TitlePage;
  blocks: Block[];
  /** Printed in the footer of every page (issue 12 prints the document's SHA-256 fingerprint there). */
  footerText?: string;
  /** The PDF's Keywords (a frozen version carries its content's fingerprint there, for the versions' checks). */
  keywords?: string;
  /** A draft: « Projet » on every page (a frozen version carries none). */
  draft?: boolean;
  /** The PDF's Subject and the document's language (XMP, tags). */
  subject?: string;
}

/** Where a signatory's block is drawn in the PDF (issue 12 places drawn signatures there). Points, origin top-left. */
export interface SignaturePlace {
  signatoryId: string;
  /** 1-based page number. */
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The parts of the protocole a user may include, in the order they choose. */
export const PROTOCOLE_PARTS = ['preambule', 'strategie', 'indicateurs', 'engagements', 'gouvernance', 'signatures', 'annexe'] as const;
export type ProtocolePart = (typeof PROTOCOLE_PARTS)[number];

export const PART_LABELS: Record<ProtocolePart, string> = {
  preambule: 'Préambule',
  strategie: 'Stratégie : enjeux, objectifs, actions, indicateurs',
  indicateurs: 'Tableau des indicateurs',
  engagements: 'Engagements des partenaires',
  gouvernance: 'Gouvernance',
  signatures: 'Signatures',
  annexe: 'Annexe : éléments abandonnés ou mis en veille',
};

export interface ProtocoleSettings {
  preamble: string;
  governance: string;
  /** « Fait à … »: the place printed in each signature block. */
  place: string;
  /** The parts included, in order. */
  parts: ProtocolePart[];
  /** The legal frame as stored (issue 16): `null` lists are Trame's defaults (legal.ts). */
  frame: LegalFrameStored;
}
