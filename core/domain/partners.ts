// Partners and their commitments: the families of actors (FORMAT.md, seed 004) and the statuses of a
// commitment, with their French labels. Pure: the renderer imports it too.
import type { CommitmentStatus, PartnerType } from './format-types';

export const PARTNER_TYPE_LABELS: Record<PartnerType, string> = {
  etat: 'État',
  collectivite: 'Collectivité',
  'service-public-emploi': "Service public de l'emploi",
  entreprise: 'Entreprise',
  formation: 'Formation',
  insertion: 'Insertion',
  association: 'Association',
  social: 'Acteur social',
  habitants: 'Habitants',
  financeur: 'Financeur',
  autre: 'Autre',
};

export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, string> = {
  propose: 'Proposé',
  acte: 'Acté',
  'en-cours': 'En cours',
  tenu: 'Tenu',
  'partiellement-tenu': 'Partiellement tenu',
  'non-tenu': 'Non tenu',
  abandonne: 'Abandonné',
};

