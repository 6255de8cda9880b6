// The validator of the interchange format v1 (shared/FORMAT.md), and the public door of core/format:
// everything the handlers, the CLI and the tests import comes from here. Pure: zod and domain rules
// only, no Node import, so the handlers, the CLI and (if ever needed) the renderer share it.
//
// `parseTrameDocument(raw)` runs four passes:
//   1. structure (iterative, before anything recurses): depth, forbidden keys, array sizes, tree size;
//   2. header: `format` must be "trame", a `version` above 1 comes from a newer Trame;   (structure.ts)
//   3. zod: strict objects, types, required fields, enums, dates, text lengths;          (document.ts, tree.ts, partners.ts, issues.ts)
//   4. semantics zod cannot see: nesting, `indicator` on indicateurs only, unique ids, references. (semantics.ts)
// 1 and 2 stop at once (hostile or foreign input); 3 and 4 run together so a user sees every problem.
// Then it returns the document in canonical form (canonical.ts).
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
//  • Ids are kept as given: tree items, partners, commitments, the document's own `id`, measurements and
//    signatories. An item without id is given one by the importer (not here). An empty id "" is refused.
//  • Order is meaning: enjeux, children, measurements, partners, commitments keep their order.
//  • Keys are written in the order of FORMAT.md (irrelevant to JSON equality, handy for diffs).
// `parseTrameDocument` returns exactly this canonical form, so `parseTrameDocument(x)` deep-equals `x`
// for every document Trame exports, and an exporter can be tested against it.
import type { TrameDocument, TreeNodeDoc } from '../domain/format-types';
import { canonicalDocument } from './canonical';
import { fail } from './common';
import { trameDocumentSchema } from './document';
import { issueLines } from './issues';
import { checkSemantics } from './semantics';
import { checkHeader, checkStructure, normalizeTexts } from './structure';

export { parseTrameJsonText, locateJsonError, MAX_JSON_BYTES } from './json-text';
export { FORMAT_NAME, FORMAT_VERSION, LIMITS } from './common';
export { trameDocumentSchema } from './document';
export { treeNodeSchema, indicatorSchema, measurementSchema, contratSchema } from './tree';
export { partnerSchema, commitmentSchema, signatorySchema } from './partners';
/** The one date rule (core/domain/dates.ts), under the name this module has always exported. */
export { isValidIsoDate as isIsoDate } from '../domain/dates';

/**
 * The cheap first checks (size, depth, forbidden keys, header), without recursion: what must pass before the
 * document is handed to a worker thread, whose copy of it is recursive. Throws `TrameError('format-invalide')`.
 */
export function checkDocumentShape(raw: unknown): void {
  const structural = checkStructure(raw);
  if (structural.length > 0) fail(structural);
  checkHeader(raw);
}

/**
 * Validates an interchange document and returns it in canonical form. Throws `TrameError('format-invalide')`.
 * `shapeChecked`: checkDocumentShape already passed on this very value (a job checks it before the worker's copy).
 */
export function parseTrameDocument(raw: unknown, options: { shapeChecked?: boolean } = {}): TrameDocument {
  if (!options.shapeChecked) checkDocumentShape(raw);
  // Every text in NFC before anything compares ids (structure checked: depth bounded, texts well-formed).
  const doc = normalizeTexts(raw);

  // zod and the semantic rules both run, so one attempt lists every problem. The semantic pass reads
  // the raw value defensively (it skips what zod already refuses), hence no dependence on zod's success.
  const parsed = trameDocumentSchema.safeParse(doc, { reportInput: true });
  const problems = parsed.success ? [] : parsed.error.issues.flatMap(issueLines);
  problems.push(...checkSemantics(doc as Record<string, unknown>));
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
