// The contrat's own fields: name, EPCI, period, QPV. Creating a new, empty contrat file.
import { z } from 'zod';
import { channel, defineContract } from '../../api/registry';
import type { DocInfo } from '../../api/types';
import { docId, path, text, year } from '../../api/values';

export const qpvInput = z.strictObject({
  code: text(40).trim().min(1, 'Le code du QPV est obligatoire.'),
  name: text(200).trim().min(1, 'Le nom du QPV est obligatoire.'),
  commune: text(200).trim().optional(),
});

export const contratFields = z.strictObject({
  name: text(300).trim().min(1, 'Le nom du contrat est obligatoire.'),
  epci: text(300).trim().min(1, "L'EPCI est obligatoire."),
  period: z
    .strictObject({ start: year, end: year })
    .refine((p) => p.end >= p.start, "L'année de fin doit suivre l'année de début."),
  qpv: z.array(qpvInput).max(500),
});

export type ContratFields = z.infer<typeof contratFields>;

export const contratContract = defineContract('contrat', {
  'contrat.create': channel<DocInfo>()(z.strictObject({ path, contrat: contratFields })),
  'contrat.update': channel<DocInfo>()(z.strictObject({ docId, contrat: contratFields.partial() })),
});
