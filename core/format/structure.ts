// Passes 1 and 2 of `parseTrameDocument`, which stop at once on hostile or foreign input:
//   1. structure, walked iteratively before anything recurses: depth, forbidden keys, list sizes, tree size;
//   2. header: `format` must be "trame"; a `version` above 1 comes from a newer Trame.
import { TrameError } from '../api/result';
import { formatPath } from '../api/zod-french';
import { ILL_FORMED_MESSAGE, isWellFormedText } from '../domain/strings';
import { FORBIDDEN_KEYS, FORMAT_NAME, FORMAT_VERSION, LIMITS, describe, isPlainObject } from './common';

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: string | number;
  /** Elements of this list are items of the tree. */
  holdsNodes: boolean;
}

function framePath(frame: Frame | null, extra?: string | number): string {
  const keys: (string | number)[] = extra === undefined ? [] : [extra];
  for (let f = frame; f && f.parent; f = f.parent) keys.push(f.key);
  return formatPath(keys.reverse());
}

/**
 * Walks the raw value without recursion, so a 100 000-deep nesting cannot exhaust the stack, and
 * refuses what would make the next passes slow or unsafe. Returns the problems found (few, then stops).
 */
export function checkStructure(raw: unknown): string[] {
  const problems: string[] = [];
  const stack: Frame[] = [{ value: raw, depth: 1, parent: null, key: '', holdsNodes: false }];
  let visited = 0;
  let nodes = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (typeof v === 'string' && !isWellFormedText(v)) {
      problems.push(`${framePath(frame)} : ${ILL_FORMED_MESSAGE}`);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (frame.depth > LIMITS.jsonDepth) {
      problems.push(
        `${framePath(frame)} : structure imbriquée trop profonde (plus de ${LIMITS.jsonDepth} niveaux). ` +
          "L'arbre d'un contrat compte au plus quatre niveaux : enjeu → objectif → action → indicateur",
      );
      return problems; // one is enough: the rest of such a file is noise
    }
    if (Array.isArray(v)) {
      const max = frame.holdsNodes ? LIMITS.treeNodes : LIMITS.commitments;
      if (v.length > max) {
        problems.push(`${framePath(frame)} : liste trop longue (${v.length} éléments, au plus ${max})`);
        continue;
      }
      if (frame.holdsNodes) {
        nodes += v.length;
        if (nodes > LIMITS.treeNodes) {
          problems.push(`tree : l'arbre compte plus de ${String(LIMITS.treeNodes).replace(/\B(?=(\d{3})+$)/g, ' ')} éléments, au-delà de ce que Trame accepte`);
          return problems;
        }
      }
      visited += v.length;
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ value: v[i], depth: frame.depth + 1, parent: frame, key: i, holdsNodes: false });
      }
    } else {
      if (!isPlainObject(v)) {
        problems.push(`${framePath(frame)} : valeur non JSON (${Object.prototype.toString.call(v).slice(8, -1)})`);
        continue;
      }
      const keys = Object.keys(v);
      visited += keys.length;
      const isNode = frame.parent?.holdsNodes === true;
      const isRoot = frame.parent === null;
      for (let k = keys.length - 1; k >= 0; k--) {
        const key = keys[k];
        if (!isWellFormedText(key)) {
          problems.push(`${framePath(frame)} : nom de champ ${ILL_FORMED_MESSAGE}`);
          continue;
        }
        if (FORBIDDEN_KEYS.has(key)) {
          problems.push(`${framePath(frame, key)} : clé interdite « ${key} » (nom réservé, refusé par sécurité)`);
          continue;
        }
        const holdsNodes = (isRoot && key === 'tree') || (isNode && key === 'children');
        stack.push({ value: v[key], depth: frame.depth + 1, parent: frame, key, holdsNodes });
      }
    }
    if (visited > LIMITS.values) {
      problems.push('(racine) : document trop volumineux (trop de valeurs)');
      return problems;
    }
    if (problems.length >= 20) return problems;
  }
  return problems;
}

// ───────────────────────────── pass 2: header ─────────────────────────────

export function checkHeader(raw: unknown): void {
  if (!isPlainObject(raw)) {
    throw new TrameError(
      'format-invalide',
      `Document d'échange Trame refusé : un objet JSON { "format": "trame", "version": 1, … } est attendu.`,
      [`(racine) : type incorrect : un objet est attendu, reçu ${describe(raw)}`],
    );
  }
  if (raw.format !== FORMAT_NAME) {
    const got = raw.format === undefined ? 'absent' : `« ${String(JSON.stringify(raw.format)).slice(0, 40)} »`;
    const detail = `format : doit valoir « trame » (reçu : ${got})`;
    throw new TrameError(
      'format-invalide',
      "Ce fichier n'est pas un document d'échange Trame : le champ « format » doit valoir « trame ».",
      [detail],
    );
  }
  const v = raw.version;
  if (typeof v === 'number' && Number.isInteger(v) && v > FORMAT_VERSION) {
    throw new TrameError(
      'version-future',
      `Ce document a été créé par une version plus récente de Trame (format version ${v}, cette version lit la version ${FORMAT_VERSION}) : ` +
        "mettez Trame à jour pour l'importer.",
      [`version : ${v} (au plus ${FORMAT_VERSION} pour cette version de Trame)`],
    );
  }
}

// ───────────────────────────── NFC ─────────────────────────────

/**
 * The document with every text and key in NFC (copied only where something changes), so that two ids that differ
 * only by normalisation are one id, hence a duplicate. Recursive: call it only after `checkStructure` passed
 * (depth at most LIMITS.jsonDepth).
 */
export function normalizeTexts(v: unknown): unknown {
  if (typeof v === 'string') return v.normalize('NFC');
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const n = normalizeTexts(v[i]);
      if (n !== v[i]) (out ??= v.slice())[i] = n;
    }
    return out ?? v;
  }
  if (isPlainObject(v)) {
    let out: Record<string, unknown> | null = null;
    for (const key of Object.keys(v)) {
      const k = key.normalize('NFC');
      const n = normalizeTexts(v[key]);
      if (k !== key || n !== v[key]) {
        out ??= { ...v };
        if (k !== key) delete out[key];
        out[k] = n;
      }
    }
    return out ?? v;
  }
  return v;
}
