// Shared pieces of the interchange format validator: format name and version, limits, the value
// validators every part uses (ids, references, texts, numbers, years, dates), raw-value accessors and
// the French refusal. Pure: zod and domain rules only.
import { z } from 'zod';
import { TrameError } from '../api/result';
import { isoDateSchema } from '../domain/dates';

export const FORMAT_NAME = 'trame';
export const FORMAT_VERSION = 1;

/**
 * Limits. Text lengths follow core/api/contract.ts where a channel edits the same field
 * (title 500, description 20 000, tagNote 5 000, contrat name 300, QPV code 40…).
 */
export const LIMITS = {
  id: 200,
  contratName: 300,
  epci: 300,
  qpvCode: 40,
  qpvName: 200,
  commune: 200,
  qpvCount: 500,
  title: 500,
  description: 20_000,
  tagNote: 5_000,
  unit: 40,
  source: 200,
  referenceLabel: 200,
  measurements: 10_000,
  measurementNote: 2_000,
  libraryRef: 100,
  copils: 1_000,
  copilTitle: 200,
  copilNote: 5_000,
  partnerName: 300,
  partners: 10_000,
  commitmentText: 5_000,
  commitmentNodes: 1_000,
  commitments: 100_000,
  signatoryName: 200,
  signatoryRole: 300,
  signatories: 1_000,
  contactField: 200,
  historyNote: 2_000,
  historyEntries: 1_000,
  /** Items of the tree, all levels together. */
  treeNodes: 200_000,
  /** Nesting of JSON objects and lists; a valid document needs 12. */
  jsonDepth: 32,
  /** Values visited by the structural pass (guards against shared sub-objects from in-process callers). */
  values: 20_000_000,
  /** Problems listed in the error details. */
  details: 100,
  yearMin: 1990,
  yearMax: 2100,
} as const;

export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// ───────────────────────────── value validators ─────────────────────────────

/** The one date rule of Trame (core/domain/dates.ts). */
export const isoDate = isoDateSchema;

/** An id chosen by the author of the file. `scope` says where it must be unique. */
export const idSchema = (scope = 'unique dans tout le document (arbre, partenaires, engagements)') =>
  z
    .string()
    .min(1, "l'identifiant ne doit pas être vide")
    .max(LIMITS.id)
    .meta({ title: 'Identifiant', description: `Choisi par l'auteur du fichier, ${scope}.` });

export const refSchema = (what: string) =>
  z.string().min(1, 'la référence ne doit pas être vide').max(LIMITS.id).meta({ description: `Identifiant d'un(e) ${what} du document.` });

/** Required text: at least one visible character. */
export const requiredText = (max: number, title: string, description?: string) =>
  z.string().max(max).regex(/\S/, 'ne doit pas être vide').meta(description ? { title, description } : { title });

/** Optional text: "" is read as absent. */
export const optionalText = (max: number, title: string, description?: string) =>
  z
    .string()
    .max(max)
    .optional()
    .meta({ title, description: `${description ? `${description} ` : ''}Facultatif ; absent (ou "") si non renseigné.` });

export const finite = z.number().meta({ description: 'Nombre fini (décimales avec un point).' });
export const year = z.number().int().min(LIMITS.yearMin).max(LIMITS.yearMax);

export const datedValue = z.strictObject({
  value: finite,
  date: isoDate.optional(),
});

// ───────────────────────────── raw-value accessors ─────────────────────────────
// The passes that run beside zod read the raw value defensively: anything of the wrong shape is skipped
// (zod reports it).

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
export function asObject(v: unknown): Record<string, unknown> | null {
  return isPlainObject(v) ? v : null;
}
export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
export function asId(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** A value in a French sentence: « le texte « x » », « le nombre 3 », « une liste »… */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'une liste';
  switch (typeof v) {
    case 'string': return `le texte « ${v.length > 40 ? `${v.slice(0, 40)}…` : v} »`;
    case 'number': return `le nombre ${v}`;
    case 'boolean': return `la valeur ${v}`;
    case 'object': return 'un objet';
    case 'undefined': return 'rien';
    default: return typeof v;
  }
}

// ───────────────────────────── the refusal ─────────────────────────────

/** Throws `TrameError('format-invalide')` listing the problems (at most `LIMITS.details`). */
export function fail(problems: string[]): never {
  const total = problems.length;
  const details = problems.slice(0, LIMITS.details);
  if (total > LIMITS.details) details.push(`… et ${total - LIMITS.details} autre(s) problème(s).`);
  const message =
    total === 1
      ? `Document d'échange Trame refusé : ${problems[0]}`
      : `Document d'échange Trame refusé : ${total} problèmes, dont « ${problems[0]} ».`;
  throw new TrameError('format-invalide', endSentence(message), details);
}

function endSentence(s: string): string {
  return /[.!?»]$/.test(s) ? s : `${s}.`;
}
