// Where an indicator stands, for the COPIL: one pure rule over plain data (no store), so that the dashboard, the
// note de COPIL (issue 11) and the tests apply exactly the same rule. The French text of the rule is shown on screen.
import { firstDayOf, lastDayOf } from '../../../domain/french-dates';

export const FREQUENCIES = ['annuelle', 'semestrielle', 'trimestrielle', 'mensuelle'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, string> = {
  annuelle: 'Annuelle', semestrielle: 'Semestrielle', trimestrielle: 'Trimestrielle', mensuelle: 'Mensuelle',
};
export const INDICATOR_KINDS = ['realisation', 'resultat'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const INDICATOR_KIND_LABELS: Record<IndicatorKind, string> = { realisation: 'Réalisation', resultat: 'Résultat' };

/**
 * How old the latest measurement may be, in months after the end of the period it measures, before it no longer
 * counts as recent: one period plus half a period of delay for the data to be published.
 */
export const FRESHNESS_MONTHS: Record<Frequency, number> = { annuelle: 18, semestrielle: 9, trimestrielle: 5, mensuelle: 2 };

export const STATUSES = ['atteint', 'en-bonne-voie', 'en-retard', 'pas-de-donnees', 'non-evaluable'] as const;
export type IndicatorStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<IndicatorStatus, string> = {
  atteint: 'Atteint',
  'en-bonne-voie': 'En bonne voie',
  'en-retard': 'En retard',
  'pas-de-donnees': 'Pas de données récentes',
  'non-evaluable': 'Non évaluable',
};

/** The rule, as the dashboard shows it (one sentence per line). */
export const STATUS_RULE_TEXT: readonly string[] = [
  'Le statut se calcule sur la dernière mesure du QPV (le territoire de comparaison est affiché, pas évalué).',
  'Pas de données récentes : aucune mesure, ou la dernière date de plus d’une période et demie selon la fréquence ' +
    '(annuelle : 18 mois, semestrielle : 9 mois, trimestrielle : 5 mois, mensuelle : 2 mois ; annuelle si la fréquence n’est pas renseignée).',
  'Non évaluable : le sens du progrès ou la valeur cible manque, ou aucun point de départ (valeur de référence ou mesure plus ancienne).',
  'Atteint : la dernière mesure a atteint ou dépassé la cible, dans le sens du progrès.',
  'En bonne voie : le chemin parcouru depuis le point de départ est au moins celui attendu à cette date, ' +
    'en allant en ligne droite du point de départ à la cible à son échéance (sans échéance : la mesure va dans le bon sens).',
  'En retard : en deçà de ce chemin attendu, ou l’échéance est passée sans que la cible soit atteinte.',
];

export interface StatusInput {
  direction: 'hausse' | 'baisse' | null;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
  frequency: Frequency | null;
  measurements: readonly { date: string; value: number; scope: 'qpv' | 'reference' }[];
}

export interface StatusResult {
  status: IndicatorStatus;
  /** Why, in one French sentence. */
  reason: string;
  latest: { date: string; value: number } | null;
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
/** A measurement dated « 2024 » measures the whole year: it is known at its end. */
export const endOf = (iso: string) => dayOf(lastDayOf(iso));
const startOf = (iso: string) => dayOf(firstDayOf(iso));

function addMonths(day: number, months: number): number {
  // Clamped to the month's last day: 31 December + 9 months is 30 September, not 1 October.
  const d = new Date(day * DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY;
}

const fmt = (v: number) => String(Math.round(v * 100) / 100).replace('.', ',');

/** The status of one indicator on `today` (ISO day). Pure. */
export function indicatorStatus(input: StatusInput, today: string): StatusResult {
  // Each date read once (not once per comparison of the sort).
  const qpv = input.measurements
    .filter((m) => m.scope === 'qpv')
    .map((m) => ({ m, end: endOf(m.date) }))
    .sort((a, b) => a.end - b.end)
    .map((x) => x.m);
  const latest = qpv.length ? qpv[qpv.length - 1] : null;
  const now = dayOf(today);
  if (!latest) return { status: 'pas-de-donnees', reason: 'Aucune mesure du QPV.', latest: null };
  const out = (status: IndicatorStatus, reason: string): StatusResult => ({ status, reason, latest: { date: latest.date, value: latest.value } });
  const frequency = input.frequency ?? 'annuelle';
  if (addMonths(endOf(latest.date), FRESHNESS_MONTHS[frequency]) < now) {
    return out('pas-de-donnees', `Dernière mesure trop ancienne pour une fréquence ${frequency} (plus de ${FRESHNESS_MONTHS[frequency]} mois).`);
  }
  const { direction, targetValue } = input;
  if (direction === null || targetValue === null) return out('non-evaluable', 'Le sens du progrès ou la cible n’est pas renseigné.');
  const sign = direction === 'hausse' ? 1 : -1;
  if (sign * (latest.value - targetValue) >= 0) return out('atteint', `Cible ${fmt(targetValue)} atteinte (dernière mesure ${fmt(latest.value)}).`);
  const targetEnd = input.targetDate ? endOf(input.targetDate) : null;
  if (targetEnd !== null && targetEnd < now) return out('en-retard', 'Échéance passée sans que la cible soit atteinte.');
  // The starting point: the baseline, else the first measurement before the latest.
  const start =
    input.baselineValue !== null
      ? { value: input.baselineValue, day: input.baselineDate ? endOf(input.baselineDate) : null }
      : qpv.length > 1
        ? { value: qpv[0].value, day: endOf(qpv[0].date) }
        : null;
  if (!start) return out('non-evaluable', 'Aucun point de départ : ni valeur de référence ni mesure plus ancienne.');
  const done = sign * (latest.value - start.value);
  if (targetEnd === null || start.day === null || targetEnd <= start.day) {
    return done > 0 ? out('en-bonne-voie', 'Sans échéance datée : la dernière mesure va dans le sens du progrès.') : out('en-retard', 'La dernière mesure ne va pas dans le sens du progrès.');
  }
  const expectedShare = Math.min(1, Math.max(0, (endOf(latest.date) - start.day) / (targetEnd - start.day)));
  const expected = start.value + (targetValue - start.value) * expectedShare;
  const gap = sign * (targetValue - start.value);
  const share = gap > 0 ? done / gap : done >= 0 ? 1 : 0;
  return share >= expectedShare - 1e-9
    ? out('en-bonne-voie', `Dernière mesure ${fmt(latest.value)}, au moins la valeur attendue à cette date (${fmt(expected)}).`)
    : out('en-retard', `Dernière mesure ${fmt(latest.value)}, en deçà de la valeur attendue à cette date (${fmt(expected)}).`);
}

/** Today as an ISO day, in UTC (the rule works on days). */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
export { startOf as startDayOf };
