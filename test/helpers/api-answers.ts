// What an answer of the API must look like, for the fuzz (test/core/fuzz.test.ts): ok:true with a value of its
// channel's shape, or ok:false with a known error code and a French sentence. The result types of the contract are
// TypeScript only (core/api/registry: `channel<O>()`), so the shapes are written here, one per channel: the table's
// type asks for every channel of the registry, and a channel added without its shape fails the type check.
// The shapes are loose (extra fields pass) but name the fields a caller relies on, with their types.
import { z } from 'zod';
import type { Channel } from '../../core/api/contract';
import { JOB_TYPES } from '../../core/api/contract';
import type { ErrorCode } from '../../core/api/result';
import { trameDocumentSchema } from '../../core/format/schema';
import { frenchSentenceProblem } from './french-message';

/** Every error code of core/api/result.ts (the type check refuses a missing or an unknown one). */
const CODES = ['entree-invalide', 'canal-inconnu', 'introuvable', 'imbrication', 'fichier-invalide', 'version-future',
  'deja-ouvert', 'lecture-seule', 'fichier-existe', 'format-invalide', 'rien-a-annuler', 'rien-a-retablir',
  'ecriture-impossible', 'annule', 'acces-refuse', 'interne'] as const satisfies readonly ErrorCode[];
type Missing = Exclude<ErrorCode, (typeof CODES)[number]>;
const allCodes: [Missing] extends [never] ? true : Missing = true;
void allCodes;
export const ERROR_CODES: ReadonlySet<string> = new Set(CODES);

const o = z.looseObject;
const str = z.string();
const nstr = z.string().nullable();
const num = z.number().refine(Number.isFinite, 'nombre fini');
const nnum = num.nullable();
const id = z.string().min(1);
const named = o({ id, name: str });
const titled = o({ id, title: str });
const history = o({ canUndo: z.boolean(), undoLabel: nstr, canRedo: z.boolean(), redoLabel: nstr });
const edit = o({ focusId: nstr, history, offline: nstr });
const who = o({ author: str, hlc: str }).nullable();
const mergePreview = o({
  otherFile: str, otherAuthor: str, noBase: nstr, unresolved: num, changes: num,
  conflicts: z.array(o({ id: str, kind: str, table: str, key: str, column: nstr, base: z.unknown(), mine: z.unknown(), theirs: z.unknown(), text: z.boolean(), both: z.boolean(), whoMine: who, whoTheirs: who })),
});
const docInfo = o({
  docId: id, path: z.string().min(1), readOnly: z.boolean(), readOnlyReason: nstr, offline: nstr, notice: nstr,
  backupProblem: nstr.optional(),
  contrat: o({ name: str, epci: str, pillar: z.literal('emploi'), period: o({ start: num, end: num }), qpv: z.array(o({ code: str, name: str })) }),
});
const appInfo = o({ mode: z.enum(['electron', 'web']), version: str, userName: nstr, defaultDir: str, largeText: z.boolean() });
const recent = z.array(o({ path: str, name: str, openedAt: str, exists: z.boolean() }));
const pathOnly = o({ path: z.string().min(1) });
const appError = o({ code: z.enum(CODES), message: str, details: z.array(str).optional(), docId: id.optional() });
const jobStatus = o({
  jobId: id, type: z.enum(JOB_TYPES as [string, ...string[]]), state: z.enum(['running', 'done', 'failed', 'cancelled']),
  progress: o({ done: num, total: nnum, label: str }), error: appError.optional(),
});
const treeNode = o({
  id, parentId: nstr, kind: z.enum(['enjeu', 'objectif', 'action', 'indicateur']), depth: num, index: num, title: str,
  description: nstr, tag: nstr, tagNote: nstr, childCount: num, indicator: o({}).nullable(),
});
const audienceItem = o({ id, kind: str, title: str, tag: nstr, reason: nstr, parents: z.array(o({ id, kind: str, title: str })) });
const live = o({
  docId: id, workshopId: id, title: str, currentId: nstr, item: audienceItem.nullable(),
  review: o({ label: str, position: num, total: num }).nullable(), timer: o({ seconds: num, endsAt: nnum, remaining: num }).nullable(),
  ended: z.boolean(),
});
const workshopState = o({ active: o({}).nullable(), live: live.nullable(), partners: z.array(named), past: z.array(o({})) });
const minutes = o({
  minutes: o({
    workshopId: id, title: str, contrat: o({ name: str, epci: str }), startedAt: str, endedAt: str, startedBy: str,
    attendees: z.array(o({})), decisions: z.array(o({})), added: z.array(o({})), removed: z.array(o({})), moved: z.array(o({})),
    renamed: z.array(o({})), changes: num,
  }),
  text: str,
});
const version = o({
  id, number: num, title: str, frozenAt: str, frozenBy: str, contentSha256: z.string().length(64), pdfSha256: z.string().length(64),
  status: z.enum(['fige', 'en-signature', 'signe', 'altere']), statusLabel: str, intact: z.boolean(), problems: z.array(str), signatoriesTotal: num,
  signatories: z.array(o({})), signatures: z.array(o({ position: num, signerName: str, signedAt: str })),
});
const copil = o({ id, date: str, title: str, note: nstr });

/** The shape of each channel's value when it answers ok:true. */
export const ANSWER_SHAPES = {
  'app.info': appInfo,
  'settings.setUserName': appInfo,
  'settings.setLargeText': appInfo,
  'recent.list': recent,
  'recent.forget': recent,
  'backup.list': z.array(o({ id, at: str, size: num, items: nnum })),
  'backup.restore': docInfo,
  'contrat.create': docInfo,
  'contrat.createDemo': docInfo,
  'contrat.update': docInfo,
  'doc.close': z.null(),
  'doc.info': docInfo,
  'doc.inspect': docInfo,
  'doc.open': docInfo,
  'doc.saveAs': docInfo,
  'format.export': trameDocumentSchema,
  'journal.list': z.array(o({ id: num, uuid: id, at: str, hlc: str, author: str, authorId: nstr, label: str, undone: z.boolean() })),
  'journal.state': history,
  'journal.undo': edit,
  'journal.redo': edit,
  'merge.preview': mergePreview,
  'merge.apply': o({ outcome: edit.nullable(), preview: mergePreview }),
  'tree.get': o({ nodes: z.array(treeNode) }),
  'tree.add': edit,
  'tree.update': edit,
  'tree.remove': edit,
  'tree.move': edit,
  'tree.indent': edit,
  'tree.outdent': edit,
  'tree.setIndicator': edit,
  'commitments.add': edit,
  'commitments.update': edit,
  'commitments.remove': edit,
  'commitments.removeNode': edit,
  'commitments.setStatus': edit,
  'commitments.detach': edit,
  'commitments.exportCsv': o({ path: z.string().min(1), count: num }),
  'commitments.view': o({ partners: z.array(named), commitments: z.array(o({ id })), enjeux: z.array(titled) }),
  'commitments.overview': o({ partners: z.array(named), enjeux: z.array(titled), cells: z.array(z.tuple([num, num, num, z.string().nullable()])), late: z.array(o({ days: num })), count: num }),
  'partners.add': edit,
  'partners.addMany': edit,
  'partners.update': edit,
  'partners.remove': edit,
  'signatories.add': edit,
  'signatories.update': edit,
  'signatories.remove': edit,
  'copil.add': edit,
  'copil.update': edit,
  'copil.remove': edit,
  'copil.list': z.array(copil),
  'indicators.addFromLibrary': edit,
  'indicators.addMeasurement': edit,
  'indicators.updateMeasurement': edit,
  'indicators.removeMeasurement': edit,
  'indicators.update': o({ outcome: edit, warnings: z.array(str) }),
  'indicators.csvCommit': o({ outcome: edit, added: num }),
  'spreadsheet.commit': o({ outcome: edit, nodes: num, partners: num, commitments: num }),
  'indicators.card': o({
    id, title: str, unit: nstr, direction: z.enum(['hausse', 'baisse']).nullable(), qpvIds: z.array(str), measurements: z.array(o({})),
    partners: z.array(named), qpvs: z.array(o({ id, code: str, name: str })), status: o({ status: str, reason: str }),
  }),
  'indicators.dashboard': o({
    today: str, indicators: z.array(titled), enjeux: z.array(titled), partners: z.array(named), tags: o({ total: o({}), byEnjeu: z.array(o({})) }),
    copils: z.array(copil), since: o({ date: nstr, copilId: nstr, at: nstr, items: z.array(o({})), counts: o({}), truncated: z.boolean() }),
  }),
  'indicators.library': z.array(o({ id, family: str, title: str, unit: str, direction: z.enum(['hausse', 'baisse']), source: str })),
  'job.start': o({ jobId: id }),
  'job.status': jobStatus,
  'job.cancel': jobStatus,
  'protocole.settings': o({ preamble: str, governance: str, place: str, parts: z.array(str), frame: o({ nonSigning: z.array(str) }) }),
  'protocole.update': edit,
  'protocole.frame': o({ frame: o({ documentType: str, visas: z.array(str), considerants: z.array(str), articles: z.array(o({ slot: str, title: str, text: str })) }), partners: z.array(o({ id, name: str, funding: num, signs: z.boolean() })), missing: z.array(o({ code: str, text: str })) }),
  'protocole.preview': o({ runningTitle: str, headerLabel: str, titlePage: o({}), blocks: z.array(o({})) }),
  'versions.list': o({ versions: z.array(version), draftChanged: z.boolean() }),
  'versions.signDrawn': version,
  'versions.importSigned': version,
  'versions.diff': o({ entries: z.array(o({})), counts: z.record(str, num) }),
  'versions.exportPdf': pathOnly,
  'versions.cleanCopy': pathOnly,
  'versions.verify': o({ signatures: z.array(o({})), ok: z.boolean(), summary: str }),
  'workshop.start': workshopState,
  'workshop.state': workshopState,
  'workshop.attendees': workshopState,
  'workshop.abandon': workshopState,
  'workshop.end': minutes,
  'workshop.minutes': minutes,
  'workshop.item': audienceItem.nullable(),
  'workshop.show': live,
  'workshop.timer': live,
} satisfies Record<Channel, z.ZodType>;

const show = (x: unknown): string => {
  try {
    return (JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'symbol' ? String(v) : v)) ?? String(x)).slice(0, 200);
  } catch {
    return String(x);
  }
};

/**
 * What is wrong with the answer `r` of `channel` to `payload` (null: nothing). `channel` is a channel of the
 * registry or any other value (an unknown name must be answered `canal-inconnu`).
 */
export function answerProblem(channel: unknown, inputSchema: z.ZodType | null, payload: unknown, r: unknown): string | null {
  if (r === null || typeof r !== 'object') return `pas un Result : ${show(r)}`;
  const keys = Object.keys(r).sort().join(',');
  const res = r as { ok?: unknown; value?: unknown; error?: unknown };
  if (res.ok === true) {
    if (keys !== 'ok,value') return `Result ok avec les champs ${keys}`;
    if (!inputSchema) return `canal inconnu accepté : ${show(channel)}`;
    if (!inputSchema.safeParse(payload ?? {}).success) return 'charge refusée par le schéma du canal, mais acceptée';
    const shape = ANSWER_SHAPES[channel as Channel].safeParse(res.value);
    if (!shape.success) return `valeur hors forme (${shape.error.issues[0]?.path.join('.')} : ${shape.error.issues[0]?.message}) : ${show(res.value)}`;
    // It crosses IPC and HTTP as JSON: nothing that JSON would change (a Date, a Map, NaN, a function).
    if (!sameAsJson(res.value)) return `valeur qui ne passe pas en JSON telle quelle : ${show(res.value)}`;
    return null;
  }
  if (res.ok !== false || keys !== 'error,ok') return `Result mal formé (champs ${keys}, ok ${show(res.ok)})`;
  const error = appError.safeParse(res.error);
  if (!error.success) return `erreur mal formée (${error.error.issues[0]?.path.join('.')}) : ${show(res.error)}`;
  const { code, message, docId } = error.data;
  if (code === 'interne') return `erreur interne : ${message}`;
  if (code === 'acces-refuse') return 'acces-refuse hors du harnais HTTP';
  if (!inputSchema && code !== 'canal-inconnu') return `canal inconnu ${show(channel)} refusé en ${code}`;
  if (inputSchema && code === 'canal-inconnu') return 'canal connu refusé comme inconnu';
  if (inputSchema && !inputSchema.safeParse(payload ?? {}).success && code !== 'entree-invalide') return `charge hors schéma refusée en ${code}, pas entree-invalide`;
  if ((docId !== undefined) !== (code === 'deja-ouvert')) return `docId ${docId === undefined ? 'absent' : 'présent'} pour ${code}`;
  const french = frenchSentenceProblem(message);
  return french ? `[${code}] ${french} : « ${message.slice(0, 200)} »` : null;
}

function sameAsJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(sameAsJson);
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(v as object).every((x) => x === undefined || sameAsJson(x));
  }
  return false;
}
