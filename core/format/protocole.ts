// The protocole's text in the interchange format (issue 16, optional, version 1): the document type, the place of
// signature, the preamble and the governance text, the visas, the considérants, the numbered articles, and the
// partners marked as not signing. Each field absent = Trame's default (legal.ts of the protocole feature prints its
// default visas, considérants and articles for the contrat at hand); an older file without `protocole` still imports.
import { z } from 'zod';
import { optionalText, refSchema } from './common';

export const PROTOCOLE_DOC_LIMITS = { clauses: 60, clause: 20_000, title: 300, text: 100_000, place: 200 } as const;

const clause = z.string().max(PROTOCOLE_DOC_LIMITS.clause);

export const protocoleDocSchema = z
  .strictObject({
    type: z.enum(['contrat-ville', 'protocole', 'avenant']).optional().meta({
      title: 'Type de document',
      description: 'contrat-ville (contrat de ville « Engagements Quartiers 2030 »), protocole (protocole d’engagements renforcés et réciproques) ou avenant. Absent : selon la période du contrat.',
    }),
    avenantNumber: z.number().int().min(1).max(999).optional().meta({ title: 'Numéro de l’avenant', description: 'Avenant seulement ; absent : 1.' }),
    place: optionalText(PROTOCOLE_DOC_LIMITS.place, 'Lieu de signature', '« Fait à … ».'),
    preamble: optionalText(PROTOCOLE_DOC_LIMITS.text, 'Préambule'),
    governance: optionalText(PROTOCOLE_DOC_LIMITS.text, 'Gouvernance', 'Texte ajouté à l’article « Gouvernance ».'),
    visas: z.array(clause).max(PROTOCOLE_DOC_LIMITS.clauses).optional().meta({ title: 'Visas', description: '« Vu … », dans l’ordre. Absent : les visas par défaut de Trame.' }),
    considerants: z.array(clause).max(PROTOCOLE_DOC_LIMITS.clauses).optional().meta({ title: 'Considérants', description: 'Absent : les considérants par défaut de Trame.' }),
    articles: z
      .array(
        z.strictObject({
          slot: z.enum(['objet', 'duree', 'engagements', 'gouvernance', 'suivi', 'avenants', 'resiliation', 'litiges', 'libre']).meta({
            description: 'Rôle de l’article : « engagements », « gouvernance » et « suivi » reçoivent ce que Trame imprime du contrat (stratégie et engagements, COPIL, indicateurs) ; « libre » : texte seul.',
          }),
          title: z.string().max(PROTOCOLE_DOC_LIMITS.title),
          text: clause,
        }),
      )
      .max(PROTOCOLE_DOC_LIMITS.clauses)
      .optional()
      .meta({ title: 'Articles', description: 'Numérotés dans l’ordre. Absent : les articles par défaut de Trame.' }),
    nonSigning: z.array(refSchema('partenaire')).max(10_000).optional().meta({
      title: 'Partenaires qui ne signent pas',
      description: 'Partenaires qui engagent des moyens sans signer le document (dit explicitement). Absent si aucun.',
    }),
  })
  .meta({ title: 'Protocole', description: 'Facultatif : le texte du document signé. Absent : les valeurs par défaut de Trame.' });
