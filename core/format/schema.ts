// The validator of the interchange format v1 (shared/FORMAT.md). Pure: zod and domain rules only,
// no Node import, so the handlers, the CLI and (if ever needed) the renderer share it.
//
// `parseTrameDocument(raw)` runs four passes:
//   1. structure (iterative, before anything recurses): depth, forbidden keys, array sizes, tree size;
//   2. header: `format` must be "trame", a `version` above 1 comes from a newer Trame;
//   3. zod: strict objects, types, required fields, enums, dates, text lengths;
//   4. semantics zod cannot see: nesting, `indicator` on indicateurs only, unique ids, references.
// 1 and 2 stop at once (hostile or foreign input); 3 and 4 run together so a user sees every problem.
// Then it returns the document in canonical form (below).
//
// ── Absent, null, empty: the canonical form ─────────────────────────────────────────────────────
// Export → import → export must give the same document, so every value has exactly one spelling:
//  • `null` is never written and never accepted: a field without value is ABSENT (the error says so).
//  • An optional text is absent when not filled in. On import an empty string "" is read as absent;
//    any other text (even blank spaces) is kept byte for byte, never trimmed.
//  • An optional list is absent when empty (`children`, `qpv`, `measurements`, `nodes`, `partners`,
//    `commitments`, `signatories`); `[]` is accepted on import and read as absent. `tree` is required
//    and may be `[]`.
//  • An optional object is absent when none of its fields is set (`indicator`, `reference`); `{}` is
//    accepted on import and read as absent.
//  • Fields with a default are always written: `contrat.pillar` ("emploi") and each measurement's
//    `scope` ("qpv"). The validator fills them when missing.
//  • No `tag` means not yet decided; a `tagNote` may exist without a tag.
//  • Ids are kept as given; an item without id is given one by the importer (not here).
//  • Order is meaning: enjeux, children, measurements, partners, commitments keep their order.
//  • Keys are written in the order of FORMAT.md (irrelevant to JSON equality, handy for diffs).
// `parseTrameDocument` returns exactly this canonical form, so `parseTrameDocument(x)` deep-equals `x`
// for every document Trame exports, and an exporter can be tested against it.
import { z } from 'zod';
import { TrameError } from '../api/result';
import { formatPath, issueToFrench } from '../api/zod-french';
import { ALLOWED_CHILDREN, KIND_LABELS, NODE_KINDS, TAGS, canHold, nestingError, type NodeKind } from '../domain/tree';
import {
  COMMITMENT_STATUSES,
  PARTNER_TYPES,
  type CommitmentDoc,
  type ContratDoc,
  type DatedValue,
  type IndicatorDoc,
  type PartnerDoc,
  type QpvDoc,
  type SignatoryDoc,
  type TrameDocument,
  type TreeNodeDoc,
} from '../domain/format-types';

export { parseTrameJsonText, locateJsonError, MAX_JSON_BYTES } from './json-text';

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
  partnerName: 300,
  partners: 10_000,
  commitmentText: 5_000,
  commitmentNodes: 1_000,
  commitments: 100_000,
  signatoryName: 200,
  signatoryRole: 300,
  signatories: 1_000,
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

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// ───────────────────────────── zod schema (also the source of trame.schema.json) ─────────────────────────────

const DATE_RE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** "2026", "2026-06" or a real calendar day "2026-12-31". */
export function isIsoDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  if (s.length < 10) return true;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

const isoDate = z
  .string()
  .regex(DATE_RE, { message: 'date attendue au format AAAA, AAAA-MM ou AAAA-MM-JJ (par exemple « 2026-12-31 »)', abort: true })
  .refine(isIsoDate, "cette date n'existe pas dans le calendrier")
  .meta({ title: 'Date ISO 8601', description: '« 2026 », « 2026-06 » ou « 2026-12-31 » (jour réel du calendrier).' });

const idSchema = z
  .string()
  .min(1, "l'identifiant ne doit pas être vide")
  .max(LIMITS.id)
  .meta({ title: 'Identifiant', description: "Choisi par l'auteur du fichier, unique dans tout le document (arbre, partenaires, engagements)." });
const refSchema = (what: string) =>
  z.string().min(1, 'la référence ne doit pas être vide').max(LIMITS.id).meta({ description: `Identifiant d'un(e) ${what} du document.` });

/** Required text: at least one visible character. */
const requiredText = (max: number, title: string, description?: string) =>
  z.string().max(max).regex(/\S/, 'ne doit pas être vide').meta(description ? { title, description } : { title });
/** Optional text: "" is read as absent. */
const optionalText = (max: number, title: string, description?: string) =>
  z
    .string()
    .max(max)
    .optional()
    .meta({ title, description: `${description ? `${description} ` : ''}Facultatif ; absent (ou "") si non renseigné.` });
const finite = z.number().meta({ description: 'Nombre fini (décimales avec un point).' });
const year = z.number().int().min(LIMITS.yearMin).max(LIMITS.yearMax);

const datedValue = z.strictObject({
  value: finite,
  date: isoDate.optional(),
});

const indicatorSchema = z
  .strictObject({
    unit: optionalText(LIMITS.unit, 'Unité', '« % », « nombre », « € » ou texte libre.'),
    direction: z.enum(['hausse', 'baisse']).optional().meta({ title: 'Sens du progrès', description: '« hausse » : plus est mieux ; « baisse » : moins est mieux.' }),
    baseline: datedValue.optional().meta({ title: 'Valeur de référence (point de départ)' }),
    target: datedValue.optional().meta({ title: 'Cible' }),
    reference: z
      .strictObject({
        label: optionalText(LIMITS.referenceLabel, 'Territoire de comparaison', 'Par exemple « Unités urbaines environnantes ».'),
        value: finite.optional(),
        date: isoDate.optional(),
      })
      .optional()
      .meta({ title: 'Territoire de comparaison', description: "Valeur du même indicateur hors QPV. Absent si aucun champ n'est renseigné." }),
    source: optionalText(LIMITS.source, 'Source', 'Par exemple « ONPV », « France Travail », « INSEE ».'),
    measurements: z
      .array(
        z.strictObject({
          date: isoDate,
          value: finite,
          scope: z.enum(['qpv', 'reference']).optional().meta({ description: '« qpv » (par défaut) ou « reference » : le territoire mesuré.' }),
        }),
      )
      .max(LIMITS.measurements)
      .optional()
      .meta({ title: 'Mesures', description: "Valeurs relevées, dans l'ordre. Absent si aucune." }),
  })
  .meta({ title: 'Indicateur', description: "Seulement sur un élément de type « indicateur ». Absent si aucun champ n'est renseigné." });

export const treeNodeSchema = z
  .strictObject({
    id: idSchema.optional(),
    kind: z.enum(NODE_KINDS).meta({ title: "Type d'élément", description: 'enjeu → objectif → action → indicateur.' }),
    title: requiredText(LIMITS.title, 'Intitulé'),
    description: optionalText(LIMITS.description, 'Description'),
    tag: z.enum(TAGS).optional().meta({
      title: 'Étiquette',
      description: 'À ajouter (ajouter) ; à garder, repenser, renouveler (garder, repenser, renouveler) ; à jeter, mettre en veille (jeter, mettre-en-veille). Absent : pas encore décidé.',
    }),
    tagNote: optionalText(LIMITS.tagNote, "Motif de l'étiquette", 'Pourquoi cette étiquette.'),
    get children() {
      return z
        .array(treeNodeSchema)
        .max(LIMITS.treeNodes)
        .optional()
        .meta({ title: 'Sous-éléments', description: "Dans l'ordre. Absent si aucun." });
    },
    indicator: indicatorSchema.optional(),
  })
  .meta({ id: 'TreeNode', title: "Élément de l'arbre stratégique" });

const contratSchema = z
  .strictObject({
    name: requiredText(LIMITS.contratName, 'Nom du contrat'),
    epci: requiredText(LIMITS.epci, 'EPCI'),
    pillar: z.literal('emploi').optional().meta({ title: 'Pilier', description: "« emploi » pour l'instant ; toujours écrit à l'export." }),
    period: z
      .strictObject({ start: year, end: year })
      .superRefine((p, ctx) => {
        if (p.end < p.start) ctx.addIssue({ code: 'custom', path: ['end'], message: `l'année de fin (${p.end}) précède l'année de début (${p.start})` });
      })
      .optional()
      .meta({ title: 'Période', description: 'Années de début et de fin, par exemple 2024 et 2030.' }),
    qpv: z
      .array(
        z.strictObject({
          code: requiredText(LIMITS.qpvCode, 'Code du QPV', 'Par exemple « QN05901M ».'),
          name: requiredText(LIMITS.qpvName, 'Nom du quartier'),
          commune: optionalText(LIMITS.commune, 'Commune'),
        }),
      )
      .max(LIMITS.qpvCount)
      .optional()
      .meta({ title: 'Quartiers prioritaires (QPV)', description: 'Absent si aucun.' }),
  })
  .meta({ title: 'Contrat' });

const partnerSchema = z
  .strictObject({
    id: idSchema.optional(),
    name: requiredText(LIMITS.partnerName, 'Nom du partenaire'),
    type: z.enum(PARTNER_TYPES).optional().meta({ title: "Famille d'acteurs", description: "Familles de l'écosystème des Cités de l'emploi." }),
  })
  .meta({ title: 'Partenaire' });

const commitmentSchema = z
  .strictObject({
    id: idSchema.optional(),
    partner: refSchema('partenaire'),
    nodes: z.array(refSchema("élément de l'arbre")).max(LIMITS.commitmentNodes).optional().meta({ title: 'Éléments servis', description: "Identifiants d'éléments de l'arbre. Absent si aucun." }),
    text: requiredText(LIMITS.commitmentText, "Texte de l'engagement"),
    target: z
      .strictObject({ value: finite, unit: optionalText(LIMITS.unit, 'Unité') })
      .optional()
      .meta({ title: 'Cible chiffrée' }),
    indicator: refSchema('indicateur').optional().meta({ title: 'Indicateur de mesure', description: "Identifiant d'un élément de type « indicateur »." }),
    due: isoDate.optional().meta({ title: 'Échéance' }),
    status: z.enum(COMMITMENT_STATUSES).optional().meta({ title: 'Statut' }),
  })
  .meta({ title: 'Engagement' });

const signatorySchema = z
  .strictObject({
    partner: refSchema('partenaire'),
    name: requiredText(LIMITS.signatoryName, 'Nom du signataire'),
    role: optionalText(LIMITS.signatoryRole, 'Fonction'),
  })
  .meta({ title: 'Signataire' });

/** The whole document. Structural only: the semantic rules live in `parseTrameDocument`. */
export const trameDocumentSchema = z
  .strictObject({
    format: z.literal(FORMAT_NAME).meta({ description: 'Toujours « trame ».' }),
    version: z.literal(FORMAT_VERSION).meta({ description: 'Version du format : 1.' }),
    contrat: contratSchema,
    tree: z.array(treeNodeSchema).max(LIMITS.treeNodes).meta({ title: 'Arbre stratégique', description: "Les enjeux, dans l'ordre." }),
    partners: z.array(partnerSchema).max(LIMITS.partners).optional().meta({ title: 'Partenaires', description: 'Absent si aucun.' }),
    commitments: z.array(commitmentSchema).max(LIMITS.commitments).optional().meta({ title: 'Engagements', description: 'Absent si aucun.' }),
    signatories: z.array(signatorySchema).max(LIMITS.signatories).optional().meta({ title: 'Signataires', description: 'Absent si aucun.' }),
  })
  .meta({
    title: "Document d'échange Trame, version 1",
    description:
      'Un contrat de ville entier (pilier emploi) : arbre enjeu → objectif → action → indicateur, partenaires, engagements, signataires. ' +
      'Règles non exprimables ici et vérifiées par Trame : identifiants uniques dans tout le document, références existantes, ' +
      "dates réelles du calendrier, au plus 200 000 éléments dans l'arbre. " +
      "Conventions : null n'est jamais accepté ; un champ facultatif vide est absent.",
  });

type ParsedDocument = z.infer<typeof trameDocumentSchema>;
type ParsedNode = z.infer<typeof treeNodeSchema>;

// ───────────────────────────── public entry point ─────────────────────────────

/** Validates an interchange document and returns it in canonical form. Throws `TrameError('format-invalide')`. */
export function parseTrameDocument(raw: unknown): TrameDocument {
  const structural = checkStructure(raw);
  if (structural.length > 0) fail(structural);

  checkHeader(raw);

  // zod and the semantic rules both run, so one attempt lists every problem. The semantic pass reads
  // the raw value defensively (it skips what zod already refuses), hence no dependence on zod's success.
  const parsed = trameDocumentSchema.safeParse(raw, { reportInput: true });
  const problems = parsed.success ? [] : parsed.error.issues.flatMap(issueLines);
  problems.push(...checkSemantics(raw as Record<string, unknown>));
  if (problems.length > 0 || !parsed.success) fail(problems);

  return canonicalDocument(parsed.data);
}

/** Number of items in a tree, all levels. */
export function countNodes(tree: readonly TreeNodeDoc[]): number {
  let n = 0;
  const stack: TreeNodeDoc[] = [...tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    n++;
    if (node.children) stack.push(...node.children);
  }
  return n;
}

function fail(problems: string[]): never {
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

// ───────────────────────────── pass 1: structure ─────────────────────────────

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

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Walks the raw value without recursion, so a 100 000-deep nesting cannot exhaust the stack, and
 * refuses what would make the next passes slow or unsafe. Returns the problems found (few, then stops).
 */
function checkStructure(raw: unknown): string[] {
  const problems: string[] = [];
  const stack: Frame[] = [{ value: raw, depth: 1, parent: null, key: '', holdsNodes: false }];
  let visited = 0;
  let nodes = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
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

function checkHeader(raw: unknown): void {
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

// ───────────────────────────── pass 3: zod issues in French ─────────────────────────────

type Issue = z.core.$ZodIssue;

const KNOWN_KEYS = [
  'format', 'version', 'contrat', 'tree', 'partners', 'commitments', 'signatories',
  'name', 'epci', 'pillar', 'period', 'start', 'end', 'qpv', 'code', 'commune',
  'id', 'kind', 'title', 'description', 'tag', 'tagNote', 'children', 'indicator',
  'unit', 'direction', 'baseline', 'target', 'reference', 'label', 'value', 'date', 'source', 'measurements', 'scope',
  'type', 'partner', 'nodes', 'text', 'due', 'status', 'role',
];

function describe(v: unknown): string {
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

const EXPECTED: Record<string, string> = {
  string: 'un texte', number: 'un nombre', int: 'un nombre entier', boolean: 'un booléen',
  array: 'une liste', object: 'un objet',
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

function suggestion(key: string): string {
  if (key.length > 40) return '';
  const lower = key.toLowerCase();
  let best: string | null = null;
  let bestD = 3;
  for (const k of KNOWN_KEYS) {
    const d = k.toLowerCase() === lower ? 0 : editDistance(lower, k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best && best !== key ? ` (vouliez-vous dire « ${best} » ?)` : '';
}

function issueLines(issue: Issue): string[] {
  const where = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => `${formatPath([...issue.path, k])} : clé inconnue « ${k} »${suggestion(k)}`);
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? String(issue.expected);
      if (input === undefined) return [`${where} : champ obligatoire manquant (${expected} est attendu)`];
      if (input === null) return [`${where} : null n'est pas accepté — ${expected} est attendu ; pour un champ facultatif sans valeur, omettez-le`];
      return [`${where} : type incorrect : ${expected} est attendu, reçu ${describe(input)}`];
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => `« ${String(v)} »`).join(', ');
      if (input === undefined) return [`${where} : champ obligatoire manquant (valeurs possibles : ${values})`];
      if (input === null) return [`${where} : null n'est pas accepté ; valeurs possibles : ${values}`];
      return [`${where} : valeur ${describe(input)} non reconnue ; valeurs possibles : ${values}`];
    }
    case 'too_big':
      if (issue.origin === 'string' && typeof input === 'string') {
        return [`${where} : texte trop long (${input.length} caractères, au plus ${String(issue.maximum)})`];
      }
      if (issue.origin === 'array' && Array.isArray(input)) {
        return [`${where} : liste trop longue (${input.length} éléments, au plus ${String(issue.maximum)})`];
      }
      return [`${where} : trop grand (au plus ${String(issue.maximum)})`];
    case 'too_small':
      if (issue.origin === 'string') return [`${where} : ${issue.message && !/^Too/.test(issue.message) ? issue.message : 'ne doit pas être vide'}`];
      return [`${where} : trop petit (au moins ${String(issue.minimum)})`];
    default:
      return [issueToFrench(issue)];
  }
}

// ───────────────────────────── pass 4: semantics ─────────────────────────────

function nodeLabel(kind: NodeKind): string {
  return KIND_LABELS[kind].toLowerCase();
}

// Accessors for the raw value: anything of the wrong shape is skipped (zod reports it).
function asObject(v: unknown): Record<string, unknown> | null {
  return isPlainObject(v) ? v : null;
}
function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function asId(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
function asKind(v: unknown): NodeKind | undefined {
  return (NODE_KINDS as readonly unknown[]).includes(v) ? (v as NodeKind) : undefined;
}

function checkSemantics(doc: Record<string, unknown>): string[] {
  const problems: string[] = [];
  /** Every id of the document → where it was first seen. */
  const ids = new Map<string, string>();
  /** Ids of tree items → their kind (undefined when the kind itself is wrong). */
  const kinds = new Map<string, NodeKind | undefined>();
  const claim = (id: string | undefined, where: string) => {
    if (id === undefined) return;
    const first = ids.get(id);
    if (first !== undefined) problems.push(`${where}.id : identifiant « ${id} » déjà utilisé (${first})`);
    else ids.set(id, where);
  };

  // The tree, iteratively, parents before children, in document order. Depth is bounded by pass 1.
  const stack: { node: unknown; parent: NodeKind | null; path: string }[] = [];
  const tree = asArray(doc.tree);
  for (let i = tree.length - 1; i >= 0; i--) stack.push({ node: tree[i], parent: null, path: `tree[${i}]` });
  while (stack.length > 0) {
    const { node: rawNode, parent, path } = stack.pop()!;
    const node = asObject(rawNode);
    if (!node) continue;
    const kind = asKind(node.kind);
    const id = asId(node.id);
    claim(id, path);
    if (id !== undefined && !kinds.has(id)) kinds.set(id, kind);
    if (kind === undefined) continue; // zod says why; nesting cannot be judged
    if (!canHold(parent, kind)) problems.push(`${path}.kind : ${nestingError(parent, kind)}`);
    if (node.indicator !== undefined && kind !== 'indicateur') {
      problems.push(`${path}.indicator : seul un élément de type « indicateur » peut porter un indicateur (celui-ci est un(e) ${nodeLabel(kind)})`);
    }
    const children = asArray(node.children);
    if (children.length > 0 && ALLOWED_CHILDREN[kind].length === 0) {
      const first = asKind(asObject(children[0])?.kind);
      problems.push(
        first
          ? `${path}.children : ${nestingError(kind, first)}`
          : `${path}.children : un(e) ${nodeLabel(kind)} ne peut rien contenir`,
      );
      continue; // its children would only repeat the same problem
    }
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ node: children[i], parent: kind, path: `${path}.children[${i}]` });
    }
  }

  const contrat = asObject(doc.contrat);
  const qpvCodes = new Map<string, number>();
  asArray(contrat?.qpv).forEach((q, i) => {
    const code = asId(asObject(q)?.code);
    if (code === undefined) return;
    const first = qpvCodes.get(code);
    if (first !== undefined) problems.push(`contrat.qpv[${i}].code : QPV « ${code} » déjà listé (contrat.qpv[${first}])`);
    else qpvCodes.set(code, i);
  });

  const partnerIds = new Set<string>();
  asArray(doc.partners).forEach((p, i) => {
    const id = asId(asObject(p)?.id);
    claim(id, `partners[${i}]`);
    if (id !== undefined) partnerIds.add(id);
  });
  const commitments = asArray(doc.commitments).map(asObject);
  commitments.forEach((c, i) => claim(asId(c?.id), `commitments[${i}]`));

  const partnerRef = (value: unknown, where: string) => {
    const ref = asId(value);
    if (ref === undefined || partnerIds.has(ref)) return;
    const other = ids.get(ref);
    problems.push(
      other !== undefined
        ? `${where} : « ${ref} » désigne ${other}, pas un partenaire`
        : `${where} : aucun partenaire n'a l'identifiant « ${ref} » (il doit figurer dans « partners »)`,
    );
  };

  commitments.forEach((c, i) => {
    if (!c) return;
    const at = `commitments[${i}]`;
    partnerRef(c.partner, `${at}.partner`);
    const seen = new Set<string>();
    asArray(c.nodes).forEach((value, j) => {
      const ref = asId(value);
      if (ref === undefined) return;
      if (seen.has(ref)) problems.push(`${at}.nodes[${j}] : « ${ref} » est cité deux fois`);
      seen.add(ref);
      if (!kinds.has(ref)) {
        const other = ids.get(ref);
        problems.push(
          other !== undefined
            ? `${at}.nodes[${j}] : « ${ref} » désigne ${other}, pas un élément de l'arbre`
            : `${at}.nodes[${j}] : aucun élément de l'arbre n'a l'identifiant « ${ref} »`,
        );
      }
    });
    const ind = asId(c.indicator);
    if (ind !== undefined) {
      if (!kinds.has(ind)) {
        const other = ids.get(ind);
        problems.push(
          other !== undefined
            ? `${at}.indicator : « ${ind} » désigne ${other}, pas un indicateur de l'arbre`
            : `${at}.indicator : aucun élément de l'arbre n'a l'identifiant « ${ind} »`,
        );
      } else {
        const kind = kinds.get(ind);
        if (kind !== undefined && kind !== 'indicateur') {
          problems.push(`${at}.indicator : « ${ind} » est un(e) ${nodeLabel(kind)}, pas un indicateur de suivi`);
        }
      }
    }
  });

  asArray(doc.signatories).forEach((s, i) => partnerRef(asObject(s)?.partner, `signatories[${i}].partner`));
  return problems;
}

// ───────────────────────────── canonical form ─────────────────────────────

/** "" → absent (see the conventions at the top). */
function text(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

/** Builds an object without its undefined fields, in the order given. */
function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

function canonicalDated(d: { value: number; date?: string } | undefined): DatedValue | undefined {
  return d && compact({ value: d.value, date: d.date });
}

function canonicalIndicator(ind: ParsedNode['indicator']): IndicatorDoc | undefined {
  if (!ind) return undefined;
  const ref = ind.reference && compact({ label: text(ind.reference.label), value: ind.reference.value, date: ind.reference.date });
  const out: IndicatorDoc = compact({
    unit: text(ind.unit),
    direction: ind.direction,
    baseline: canonicalDated(ind.baseline),
    target: canonicalDated(ind.target),
    reference: ref && Object.keys(ref).length > 0 ? ref : undefined,
    source: text(ind.source),
    measurements: nonEmpty(ind.measurements?.map((m) => ({ date: m.date, value: m.value, scope: m.scope ?? 'qpv' }))),
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

function canonicalNode(n: ParsedNode): TreeNodeDoc {
  // The tree is at most four levels deep once checked, so recursion is safe here.
  return compact({
    id: n.id,
    kind: n.kind,
    title: n.title,
    description: text(n.description),
    tag: n.tag,
    tagNote: text(n.tagNote),
    children: nonEmpty(n.children?.map(canonicalNode)),
    indicator: canonicalIndicator(n.indicator),
  });
}

function canonicalDocument(d: ParsedDocument): TrameDocument {
  const c = d.contrat;
  const contrat: ContratDoc = compact({
    name: c.name,
    epci: c.epci,
    pillar: 'emploi' as const,
    period: c.period && { start: c.period.start, end: c.period.end },
    qpv: nonEmpty(c.qpv?.map((q): QpvDoc => compact({ code: q.code, name: q.name, commune: text(q.commune) }))),
  });
  return compact({
    format: 'trame' as const,
    version: 1 as const,
    contrat,
    tree: d.tree.map(canonicalNode),
    partners: nonEmpty(d.partners?.map((p): PartnerDoc => compact({ id: p.id, name: p.name, type: p.type }))),
    commitments: nonEmpty(
      d.commitments?.map(
        (cm): CommitmentDoc =>
          compact({
            id: cm.id,
            partner: cm.partner,
            nodes: nonEmpty(cm.nodes ? [...cm.nodes] : undefined),
            text: cm.text,
            target: cm.target && compact({ value: cm.target.value, unit: text(cm.target.unit) }),
            indicator: cm.indicator,
            due: cm.due,
            status: cm.status,
          }),
      ),
    ),
    signatories: nonEmpty(d.signatories?.map((s): SignatoryDoc => compact({ partner: s.partner, name: s.name, role: text(s.role) }))),
  });
}
