// The legal frame of an open contrat as the « Contrat » screen shows it, and what is missing before freezing: read
// from the file (its protocole row and its interchange document), used by « Figer pour signature », `trame figer`
// and the screens alike.
import type { TrameDocument } from '../../domain/format-types';
import type { Runner } from '../../../db/query';
import { exportDocument } from '../files';
import { fundingPartners, readiness, resolveFrame } from './legal';
import type { LegalFrame, ReadinessItem } from './legal-types';
import { readSettings } from './queries';

export interface FrameState {
  frame: LegalFrame;
  /** Every partner, with what it commits and whether one of its people signs. */
  partners: { id: string; name: string; funding: number; signs: boolean }[];
  missing: ReadinessItem[];
}

export function frameStateOf(run: Runner, doc: TrameDocument): FrameState {
  const settings = readSettings({ run });
  const frame = resolveFrame(settings.frame, doc.contrat);
  const funding = new Map(fundingPartners(doc).map((p) => [p.id, p.amount]));
  const signing = new Set((doc.signatories ?? []).map((s) => s.partner));
  return {
    frame,
    partners: (doc.partners ?? []).filter((p) => p.id).map((p) => ({ id: p.id!, name: p.name, funding: funding.get(p.id!) ?? 0, signs: signing.has(p.id!) })),
    missing: readiness(doc, settings, frame),
  };
}

export function frameState(s: { run: Runner; identity(): { documentId: string | null } }): FrameState {
  return frameStateOf(s.run, exportDocument({ run: s.run, documentId: s.identity().documentId }));
}
