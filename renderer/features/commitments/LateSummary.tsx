// The late commitments, for the COPIL dashboard (issue 10 left their place in it): the same late list as the
// « Engagements » screen, read-only, with a link to that screen to act on them.
import { useMemo } from 'react';
import { lateList, todayIso } from '../../../core/domain/commitments';
import { countOf } from '../../lib/text';
import { CommitmentTable } from './CommitmentTable';
import { useCommitmentsView } from './data';

export function LateCommitmentsSummary() {
  const { view, error } = useCommitmentsView();
  const today = todayIso();
  const late = useMemo(() => (view ? lateList(view.commitments, today) : []), [view, today]);
  if (error) return <p role="alert">{error.message}</p>;
  if (!view) return <p className="muted">Lecture des engagements…</p>;
  return (
    <>
      <p>
        {countOf(view.commitments.length, 'engagement')}, dont {late.length} en retard (échéance passée, ni tenu ni abandonné).
        Pour changer un statut, ouvrez l’écran « Engagements » (Alt+4).
      </p>
      {late.length > 0 && <CommitmentTable caption="Engagements en retard" list={late.map((l) => l.commitment)} today={today} readOnly />}
    </>
  );
}
