// French words of the commitments screens, shared by the dialogs and lists.
import { COMMITMENT_STATUS_LABELS, PARTNER_TYPE_LABELS } from '../../../core/domain/partners';
import { formatDays, formatEuros } from '../../../core/domain/commitments';
import { COMMITMENT_STATUSES, PARTNER_TYPES, type CommitmentStatus, type PartnerType } from '../../../core/domain/format-types';

export { COMMITMENT_STATUS_LABELS, PARTNER_TYPE_LABELS, formatDays, formatEuros };

export function statusLabel(s: CommitmentStatus | null): string {
  return s ? COMMITMENT_STATUS_LABELS[s] : 'Sans statut';
}
export function typeLabel(t: PartnerType | null): string {
  return t ? PARTNER_TYPE_LABELS[t] : 'Type non précisé';
}

/** The seven statuses as the <option>s of a <select>, in their order. */
export function StatusOptions() {
  return (
    <>
      {COMMITMENT_STATUSES.map((s) => (
        <option key={s} value={s}>
          {COMMITMENT_STATUS_LABELS[s]}
        </option>
      ))}
    </>
  );
}

/** « Non précisée » then the partner families, as the <option>s of a <select>. */
export function PartnerTypeOptions() {
  return (
    <>
      <option value="">Non précisée</option>
      {PARTNER_TYPES.map((t) => (
        <option key={t} value={t}>
          {PARTNER_TYPE_LABELS[t]}
        </option>
      ))}
    </>
  );
}

export function StatusBadge({ status }: { status: CommitmentStatus | null }) {
  return <span className={`status-badge status-${status ?? 'none'}`}>{statusLabel(status)}</span>;
}
