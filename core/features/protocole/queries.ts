// The protocole's settings in the .trame file (migration 6): read, and changed as one journaled (undoable) edit.
import { TrameError } from '../../api/result';
import type { EditOutcome } from '../../api/types';
import { kysely } from '../../../db/query';
import type { Doc } from '../../session';
import { markupOrThrow } from './markup';
import { PART_LABELS, PROTOCOLE_PARTS, type ProtocolePart, type ProtocoleSettings } from './model-types';
import { EMPTY_FRAME } from './legal';
import { checkFramePatch, frameColumns, frameLabel, parseFrame } from './frame-store';
import type { LegalFrameStored } from './legal-types';

export const DEFAULT_SETTINGS: ProtocoleSettings = { preamble: '', governance: '', place: '', parts: [...PROTOCOLE_PARTS], frame: EMPTY_FRAME };

/** Limits that keep a document printable and an edit small. */
export const MAX_TEXT = 100_000;
export const MAX_PLACE = 200;

function parseParts(json: string): ProtocolePart[] {
  try {
    const v = JSON.parse(json) as unknown;
    if (Array.isArray(v)) {
      const known = v.filter((x): x is ProtocolePart => typeof x === 'string' && (PROTOCOLE_PARTS as readonly string[]).includes(x));
      return [...new Set(known)];
    }
  } catch {
    /* a hand-edited value: the default order */
  }
  return [...PROTOCOLE_PARTS];
}

export function readSettings(store: { run: Doc['run'] }): ProtocoleSettings {
  const row = store.run.first(kysely.selectFrom('protocole').selectAll().where('id', '=', 1));
  if (!row) return { ...DEFAULT_SETTINGS, parts: [...DEFAULT_SETTINGS.parts] };
  return { preamble: row.preamble, governance: row.governance, place: row.place, parts: parseParts(row.parts), frame: parseFrame(row) };
}

export type SettingsPatch = Partial<Omit<ProtocoleSettings, 'frame'>> & { frame?: Partial<LegalFrameStored> };

/** Checks a patch: every problem in French, naming its field; nothing is written when one is refused. */
export function checkPatch(patch: SettingsPatch): void {
  if (patch.preamble !== undefined) {
    if (patch.preamble.length > MAX_TEXT) throw new TrameError('entree-invalide', `Préambule : ${patch.preamble.length} caractères, au plus ${MAX_TEXT}. Rien n’a été enregistré.`);
    markupOrThrow(patch.preamble, 'Préambule');
  }
  if (patch.governance !== undefined) {
    if (patch.governance.length > MAX_TEXT) throw new TrameError('entree-invalide', `Gouvernance : ${patch.governance.length} caractères, au plus ${MAX_TEXT}. Rien n’a été enregistré.`);
    markupOrThrow(patch.governance, 'Gouvernance');
  }
  if (patch.place !== undefined && patch.place.length > MAX_PLACE) {
    throw new TrameError('entree-invalide', `Lieu de signature : ${patch.place.length} caractères, au plus ${MAX_PLACE}. Rien n’a été enregistré.`);
  }
  if (patch.parts !== undefined) {
    if (new Set(patch.parts).size !== patch.parts.length) throw new TrameError('entree-invalide', 'Parties du protocole : une partie est choisie deux fois. Rien n’a été enregistré.');
    if (patch.parts.length === 0) throw new TrameError('entree-invalide', 'Parties du protocole : choisissez au moins une partie à imprimer. Rien n’a été enregistré.');
  }
  if (patch.frame) checkFramePatch(patch.frame);
}

function label(patch: SettingsPatch): string {
  const keys = Object.keys(patch);
  if (keys.length === 1 && patch.frame) return frameLabel(patch.frame);
  if (keys.length !== 1) return 'Modifier le protocole';
  switch (keys[0]) {
    case 'preamble':
      return 'Modifier le préambule du protocole';
    case 'governance':
      return 'Modifier la gouvernance du protocole';
    case 'place':
      return 'Modifier le lieu de signature du protocole';
    default:
      return `Modifier les parties du protocole (${(patch.parts ?? []).map((p) => PART_LABELS[p].split(' :')[0]).join(', ')})`;
  }
}

export function updateSettings(store: Doc, patch: SettingsPatch): EditOutcome {
  checkPatch(patch);
  const set: Record<string, string | number | null> = patch.frame ? frameColumns(patch.frame) : {};
  if (patch.preamble !== undefined) set.preamble = patch.preamble;
  if (patch.governance !== undefined) set.governance = patch.governance;
  if (patch.place !== undefined) set.place = patch.place.trim();
  if (patch.parts !== undefined) set.parts = JSON.stringify(patch.parts);
  return store.edit(label(patch), () => {
    store.run.stmt('INSERT INTO protocole (id) VALUES (1) ON CONFLICT (id) DO NOTHING').run();
    if (Object.keys(set).length) store.run.run(kysely.updateTable('protocole').set(set).where('id', '=', 1));
    return { undo: null, redo: null };
  });
}
