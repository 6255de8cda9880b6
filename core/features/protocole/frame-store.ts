// The legal frame in the protocole's row (migration 9): read defensively (a hand-edited file falls back to the
// defaults, never crashes), checked before any write (French messages, nothing written when refused), and the
// journal step's label.
import { TrameError } from '../../api/result';
import {
  ARTICLE_SLOTS, DOCUMENT_TYPES, DOCUMENT_TYPE_LABELS, MAX_CLAUSES, MAX_CLAUSE_TEXT, type DocumentType, type LegalArticle,
  type LegalFrameStored,
} from './legal-types';

interface FrameRow { doc_type: string | null; avenant_number: number | null; visas: string | null; considerants: string | null; articles: string | null; non_signing: string }

function json(s: string | null): unknown {
  if (s === null) return null;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return null;
  }
}
const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);
function articles(v: unknown): LegalArticle[] | null {
  if (!Array.isArray(v)) return null;
  const ok = v.every((a) => a && typeof a === 'object' && typeof a.title === 'string' && typeof a.text === 'string' && (ARTICLE_SLOTS as readonly string[]).includes(a.slot));
  return ok ? (v as LegalArticle[]).map((a) => ({ slot: a.slot, title: a.title, text: a.text })) : null;
}

export function parseFrame(row: FrameRow): LegalFrameStored {
  return {
    documentType: (DOCUMENT_TYPES as readonly string[]).includes(row.doc_type ?? '') ? (row.doc_type as DocumentType) : null,
    avenantNumber: row.avenant_number,
    visas: strings(json(row.visas)),
    considerants: strings(json(row.considerants)),
    articles: articles(json(row.articles)),
    nonSigning: strings(json(row.non_signing)) ?? [],
  };
}

function checkList(what: string, list: string[] | null | undefined): void {
  if (!list) return;
  if (list.length > MAX_CLAUSES) throw new TrameError('entree-invalide', `${what} : ${list.length} éléments, au plus ${MAX_CLAUSES}. Rien n’a été enregistré.`);
  list.forEach((v, i) => {
    if (v.length > MAX_CLAUSE_TEXT) throw new TrameError('entree-invalide', `${what} n° ${i + 1} : ${v.length} caractères, au plus ${MAX_CLAUSE_TEXT}. Rien n’a été enregistré.`);
  });
}

export function checkFramePatch(f: Partial<LegalFrameStored>): void {
  checkList('Visas', f.visas);
  checkList('Considérants', f.considerants);
  if (f.articles) {
    checkList('Articles', f.articles.map((a) => a.text));
    f.articles.forEach((a, i) => {
      if (a.title.length > 300) throw new TrameError('entree-invalide', `Titre de l’article ${i + 1} : ${a.title.length} caractères, au plus 300. Rien n’a été enregistré.`);
    });
  }
  if (f.avenantNumber !== undefined && f.avenantNumber !== null && !(Number.isInteger(f.avenantNumber) && f.avenantNumber >= 1 && f.avenantNumber <= 999)) {
    throw new TrameError('entree-invalide', 'Numéro de l’avenant : un nombre entier de 1 à 999. Rien n’a été enregistré.');
  }
  if (f.nonSigning && f.nonSigning.length > 10_000) throw new TrameError('entree-invalide', 'Trop de partenaires marqués « ne signe pas ». Rien n’a été enregistré.');
}

/** The columns a patch writes. */
export function frameColumns(f: Partial<LegalFrameStored>): Record<string, string | number | null> {
  const set: Record<string, string | number | null> = {};
  if (f.documentType !== undefined) set.doc_type = f.documentType;
  if (f.avenantNumber !== undefined) set.avenant_number = f.avenantNumber;
  if (f.visas !== undefined) set.visas = f.visas === null ? null : JSON.stringify(f.visas);
  if (f.considerants !== undefined) set.considerants = f.considerants === null ? null : JSON.stringify(f.considerants);
  if (f.articles !== undefined) set.articles = f.articles === null ? null : JSON.stringify(f.articles.map((a) => ({ slot: a.slot, title: a.title, text: a.text })));
  if (f.nonSigning !== undefined) set.non_signing = JSON.stringify([...new Set(f.nonSigning)]);
  return set;
}

export function frameLabel(f: Partial<LegalFrameStored>): string {
  const keys = Object.keys(f);
  if (keys.length !== 1) return 'Modifier le cadre juridique';
  switch (keys[0]) {
    case 'documentType':
      return f.documentType ? `Type de document : ${DOCUMENT_TYPE_LABELS[f.documentType]}` : 'Type de document selon la période';
    case 'avenantNumber':
      return 'Modifier le numéro de l’avenant';
    case 'visas':
      return f.visas === null ? 'Rétablir les visas par défaut' : 'Modifier les visas';
    case 'considerants':
      return f.considerants === null ? 'Rétablir les considérants par défaut' : 'Modifier les considérants';
    case 'articles':
      return f.articles === null ? 'Rétablir les articles par défaut' : 'Modifier les articles';
    default:
      return 'Modifier les partenaires qui ne signent pas';
  }
}
