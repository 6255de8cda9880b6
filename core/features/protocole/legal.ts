// The legal frame of the protocole (issue 16): Trame's default visas, considérants and articles for the contrat at
// hand, the frame as printed (defaults applied), and what is missing before it can be frozen for signature. Pure.
//
// The default references were checked against the seed documents and the public sources summed up in
// shared/DOMAIN.md (« The signed act of the 2024–2030 generation »): the loi n° 2014-173 du 21 février 2014 and its
// article 6, the décret du 28 décembre 2023 on the QPV list of metropolitan France as it stands with the décret
// n° 2024-806 du 13 juillet 2024, the circulaire du 31 août 2023. What Trame cannot know (the date of the community
// council's deliberation) is left as a « [à compléter : …] » blank: printed as is in a draft, refused at freezing.
// A number Trame is not sure of (the décret de 2023's own number) is not printed at all.
import type { TrameDocument } from '../../domain/format-types';
import { formatEuros } from '../../domain/commitments';
import {
  DOCUMENT_TYPE_LABELS, TO_FILL, type ArticleSlot, type DocumentType, type LegalArticle, type LegalFrame, type LegalFrameStored,
  type ReadinessItem,
} from './legal-types';
import type { ProtocoleSettings } from './model-types';

export const EMPTY_FRAME: LegalFrameStored = { documentType: null, avenantNumber: null, visas: null, considerants: null, articles: null, nonSigning: [] };

interface ContratLike { epci: string; period?: { start: number; end: number } }

/** The contrats 2024–2030 are contrats de ville « Engagements Quartiers 2030 »; an older period, a protocole. */
export function defaultDocumentType(c: ContratLike): DocumentType {
  return c.period && c.period.start >= 2024 ? 'contrat-ville' : 'protocole';
}

function actName(type: DocumentType): string {
  return type === 'avenant' ? 'le présent avenant' : type === 'protocole' ? 'le présent protocole' : 'le présent contrat';
}

export function defaultVisas(c: ContratLike, type: DocumentType): string[] {
  const out = ['Vu la loi n° 2014-173 du 21 février 2014 de programmation pour la ville et la cohésion urbaine, notamment son article 6 ;'];
  if (!c.period || c.period.start >= 2024) {
    out.push(
      'Vu le décret du 28 décembre 2023 relatif à la liste des quartiers prioritaires de la politique de la ville dans les départements métropolitains, dans sa rédaction issue du décret n° 2024-806 du 13 juillet 2024 ;',
      'Vu la circulaire du 31 août 2023 relative à l’élaboration des contrats de ville 2024-2030 dans les départements métropolitains ;',
    );
  }
  out.push(`Vu la délibération du conseil communautaire de ${c.epci} en date du [à compléter : date de la délibération] autorisant son président à signer ${actName(type)} ;`);
  return out;
}

export function defaultConsiderants(c: ContratLike): string[] {
  return [
    'Considérant que la politique de la ville est une politique de cohésion urbaine et de solidarité, nationale et locale, envers les quartiers défavorisés et leurs habitants ;',
    `Considérant le diagnostic partagé des quartiers prioritaires de ${c.epci} et les enjeux que leurs habitants ont exprimés, dont l’emploi ;`,
    'Considérant que chaque partie prend des engagements concrets et mesurables, suivis chaque année ;',
  ];
}

function years(c: ContratLike): string {
  if (!c.period) return 'pour la durée fixée par les parties';
  const n = c.period.end - c.period.start;
  const words = ['', 'un an', 'deux ans', 'trois ans', 'quatre ans', 'cinq ans', 'six ans', 'sept ans', 'huit ans', 'neuf ans', 'dix ans'];
  return `pour ${words[n] ?? `${n} ans`}, sur la période ${c.period.start}-${c.period.end}`;
}

export function defaultArticles(c: ContratLike, type: DocumentType): LegalArticle[] {
  const act = actName(type);
  const Act = act[0].toUpperCase() + act.slice(1);
  const revoyure = c.period && c.period.start === 2024 && c.period.end === 2030
    ? ' Une clause de revoyure en 2027 permet aux parties d’en actualiser les objectifs, les actions et les engagements.'
    : '';
  const a = (slot: ArticleSlot, title: string, text: string): LegalArticle => ({ slot, title, text });
  return [
    a('objet', 'Objet', `${Act} fixe les enjeux, les objectifs et les actions que les parties retiennent pour l’emploi dans les quartiers prioritaires de ${c.epci}, et les engagements que chacune d’elles prend.`),
    a('duree', 'Durée', `${Act} est conclu ${years(c)}.${revoyure}`),
    a('engagements', 'Engagements des parties', 'Les parties s’engagent à mettre en œuvre la stratégie et les engagements détaillés ci-après. Les engagements sont réciproques : l’État et l’EPCI s’engagent comme chacun des partenaires signataires.'),
    a('gouvernance', 'Gouvernance', `Le comité de pilotage (COPIL), réunissant les signataires, se réunit au moins une fois par an ; il suit la mise en œuvre des engagements et décide des ajustements. Le comité technique (COTECH) prépare ses travaux.`),
    a('suivi', 'Suivi et évaluation', 'Les engagements des parties et les indicateurs ci-après sont suivis chaque année ; leur bilan est présenté au comité de pilotage.'),
    a('avenants', 'Avenants', `${Act} peut être modifié par avenant signé par l’ensemble des parties.`),
    a('resiliation', 'Résiliation', `Chaque partie peut se retirer ${act.replace(/^le /, 'du ')} par lettre adressée aux autres parties ; ${act} se poursuit entre les autres parties.`),
    a('litiges', 'Litiges', `Les parties recherchent une solution amiable à tout différend relatif ${act.replace(/^le /, 'au ')}. À défaut, le litige est porté devant le tribunal administratif territorialement compétent.`),
  ];
}

/** The frame as printed: the stored lists, or the defaults where the user kept them. */
export function resolveFrame(stored: LegalFrameStored, c: ContratLike): LegalFrame {
  const documentType = stored.documentType ?? defaultDocumentType(c);
  return {
    documentType,
    avenantNumber: stored.avenantNumber ?? 1,
    visas: stored.visas ?? defaultVisas(c, documentType),
    considerants: stored.considerants ?? defaultConsiderants(c),
    articles: stored.articles ?? defaultArticles(c, documentType),
    nonSigning: stored.nonSigning,
    defaults: { documentType: stored.documentType === null, visas: stored.visas === null, considerants: stored.considerants === null, articles: stored.articles === null },
  };
}

/** The title page's kicker: the act's own name. */
export function documentTitle(frame: LegalFrame, contratName: string): string {
  if (frame.documentType === 'avenant') return `Avenant n° ${frame.avenantNumber} au ${contratName.toLowerCase().startsWith('contrat') ? contratName : `contrat « ${contratName} »`}`;
  return DOCUMENT_TYPE_LABELS[frame.documentType];
}

/** Partners that commit money (a funding amount above zero), with their total. */
export function fundingPartners(doc: TrameDocument): { id: string; name: string; amount: number }[] {
  const total = new Map<string, number>();
  for (const c of doc.commitments ?? []) {
    const a = c.funding?.amount ?? 0;
    if (a > 0) total.set(c.partner, (total.get(c.partner) ?? 0) + a);
  }
  return (doc.partners ?? []).filter((p) => p.id && total.has(p.id)).map((p) => ({ id: p.id!, name: p.name, amount: total.get(p.id!)! }));
}

const short = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);

/**
 * What is missing before « Figer pour signature »: every mandatory part written, no blank left, every partner that
 * commits money with a signatory (or marked as not signing), each signatory named, the place of signature known.
 * Empty: ready.
 */
export function readiness(doc: TrameDocument, settings: ProtocoleSettings, frame: LegalFrame): ReadinessItem[] {
  const out: ReadinessItem[] = [];
  const add = (code: string, text: string) => out.push({ code, text });
  const signatories = doc.signatories ?? [];
  const partners = new Map((doc.partners ?? []).map((p) => [p.id, p.name]));
  if (signatories.length === 0) add('signataires', 'Aucun signataire n’est désigné (écran « Partenaires ») : l’État, l’EPCI et les partenaires qui s’engagent signent le document.');
  signatories.forEach((s, i) => {
    if (!s.name.trim()) add('signataire-nom', `Le signataire n° ${i + 1} (${short(partners.get(s.partner) ?? s.partner)}) n’a pas de nom.`);
  });
  const signing = new Set(signatories.map((s) => s.partner));
  const excused = new Set(frame.nonSigning);
  for (const p of fundingPartners(doc)) {
    if (!signing.has(p.id) && !excused.has(p.id)) {
      add('financeur-sans-signataire', `${short(p.name)} engage ${formatEuros(p.amount)} mais n’a pas de signataire : désignez-en un, ou indiquez qu’il ne signe pas (écran « Contrat »).`);
    }
  }
  if (!settings.place.trim()) add('lieu', 'Le lieu de signature (« Fait à … ») n’est pas renseigné (écran « Protocole »).');
  if (settings.parts.includes('preambule') && !settings.preamble.trim()) add('preambule', 'Le préambule n’est pas rédigé (écran « Protocole »), ou retirez-le des parties imprimées.');
  const list = (what: string, items: string[], code: string) => {
    if (items.length === 0 || items.every((v) => !v.trim())) add(code, `Aucun ${what} n’est écrit (écran « Contrat »).`);
    items.forEach((v, i) => {
      if (!v.trim()) add(code, `Le ${what} n° ${i + 1} est vide (écran « Contrat »).`);
      else if (TO_FILL.test(v)) add(code, `Le ${what} n° ${i + 1} est à compléter : « ${short(v)} ».`);
    });
  };
  list('visa', frame.visas, 'visas');
  list('considérant', frame.considerants, 'considerants');
  if (frame.articles.length === 0) add('articles', 'Aucun article n’est écrit (écran « Contrat »).');
  frame.articles.forEach((a, i) => {
    const name = `L’article ${i + 1}${a.title.trim() ? ` (${short(a.title.trim())})` : ''}`;
    if (!a.title.trim()) add('articles', `L’article ${i + 1} n’a pas de titre.`);
    if (!a.text.trim()) add('articles', `${name} n’a pas de texte.`);
    else if (TO_FILL.test(a.text) || TO_FILL.test(a.title)) add('articles', `${name} est à compléter.`);
  });
  return out;
}
