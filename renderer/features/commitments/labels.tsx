// French words of the commitments screens, shared by the dialogs and lists.
import { COMMITMENT_STATUS_LABELS, PARTNER_TYPE_LABELS } from '../../../core/domain/partners';
import { formatDays, formatEuros } from '../../../core/domain/commitments';
import type { CommitmentStatus, PartnerType } from '../../../core/domain/format-types';

export { COMMITMENT_STATUS_LABELS, PARTNER_TYPE_LABELS, formatDays, formatEuros };

export function statusLabel(s: CommitmentStatus | null): string {
  return s ? COMMITMENT_STATUS_LABELS[s] : 'Sans statut';
}
export function typeLabel(t: PartnerType | null): string {
  return t ? PARTNER_TYPE_LABELS[t] : 'Type non précisé';
}

export function StatusBadge({ status }: { status: CommitmentStatus | null }) {
  return <span className={`status-badge status-${status ?? 'none'}`}>{statusLabel(status)}</span>;
}
