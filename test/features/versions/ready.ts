// Makes a contrat ready for « Figer pour signature » (issue 16) through the app's own channels: a signatory for each
// partner (or none when there is none), the place of signature, no preamble required, and the deliberation visa
// filled in.
import { harness } from '../../helpers/handlers';

type H = ReturnType<typeof harness>;

export async function makeReady(h: H, docId: string, partnerId?: string): Promise<void> {
  if (partnerId) await h.must('signatories.add', { docId, partnerId, name: 'Camille Signataire', role: 'Directrice' });
  const { frame } = await h.must('protocole.frame', { docId });
  const visas = frame.visas.map((v) => v.replace(/\[à compléter[^\]]*\]/u, '12 mars 2024'));
  await h.must('protocole.update', { docId, patch: { place: 'Vaudrecourt', parts: ['strategie', 'indicateurs', 'engagements', 'gouvernance', 'signatures', 'annexe'], frame: { visas } } });
}
