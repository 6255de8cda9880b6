// The protocole's legal frame (issue 16) as data: the document type, the visas, the considérants and the numbered
// articles, as kept in the file and shown on the « Contrat » screen. Pure types and labels (the renderer imports
// them through contract.ts).

export const DOCUMENT_TYPES = ['contrat-ville', 'protocole', 'avenant'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  'contrat-ville': 'Contrat de ville « Engagements Quartiers 2030 »',
  protocole: 'Protocole d’engagements renforcés et réciproques',
  avenant: 'Avenant au contrat de ville',
};

/**
 * What an article is for. `engagements`, `gouvernance` and `suivi` carry what Trame prints from the contrat (the
 * tree and the commitments, the governance text and the COPIL held, the indicators); `libre`: text only.
 */
export const ARTICLE_SLOTS = ['objet', 'duree', 'engagements', 'gouvernance', 'suivi', 'avenants', 'resiliation', 'litiges', 'libre'] as const;
export type ArticleSlot = (typeof ARTICLE_SLOTS)[number];

export interface LegalArticle { slot: ArticleSlot; title: string; text: string }

/** The frame as stored: `null` where the user kept Trame's default. */
export interface LegalFrameStored {
  documentType: DocumentType | null;
  avenantNumber: number | null;
  visas: string[] | null;
  considerants: string[] | null;
  articles: LegalArticle[] | null;
  /** Partners explicitly marked as not signing (their commitments need no signatory). */
  nonSigning: string[];
}

/** The frame as printed: defaults applied. */
export interface LegalFrame {
  documentType: DocumentType;
  avenantNumber: number;
  visas: string[];
  considerants: string[];
  articles: LegalArticle[];
  nonSigning: string[];
  /** Which lists are still Trame's defaults (the screen says so). */
  defaults: { documentType: boolean; visas: boolean; considerants: boolean; articles: boolean };
}

/** A blank the user must fill: printed as is in a draft, refused by « Figer pour signature ». */
export const TO_FILL = /\[à compléter[^\]]*\]/u;

/** One thing missing before the protocole can be frozen for signature. */
export interface ReadinessItem { code: string; text: string }

export const MAX_CLAUSES = 60;
export const MAX_CLAUSE_TEXT = 20_000;
