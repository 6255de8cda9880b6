// Droit commun / crédits spécifiques, per partner and per enjeu: the seeds warn that specific credits must not replace
// droit commun, so the split is shown plainly, with the share of specific credits.
import type { FundingLine } from '../../../core/domain/commitments';
import { formatEuros } from './labels';

function share(l: FundingLine): string {
  const known = l.droitCommun + l.creditsSpecifiques;
  return known === 0 ? '—' : `${Math.round((l.creditsSpecifiques / known) * 100)} %`;
}

export function FundingTable({ caption, by, lines, total }: { caption: string; by: string; lines: FundingLine[]; total?: FundingLine }) {
  if (lines.length === 0) return <p className="muted">Aucun montant saisi.</p>;
  return (
    <table className="data-table funding-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{by}</th>
          <th scope="col">Droit commun</th>
          <th scope="col">Crédits spécifiques</th>
          <th scope="col">Nature non précisée</th>
          <th scope="col">Part des crédits spécifiques</th>
        </tr>
      </thead>
      <tbody>
        {[...lines, ...(total ? [total] : [])].map((l) => (
          <tr key={l.key} className={l === total ? 'funding-total' : undefined}>
            <th scope="row">{l.label}</th>
            <td>{formatEuros(l.droitCommun)}</td>
            <td>{formatEuros(l.creditsSpecifiques)}</td>
            <td>{formatEuros(l.nonPrecise)}</td>
            <td>{share(l)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
