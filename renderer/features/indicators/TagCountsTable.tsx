// The tree's tag counts, per family, overall and per enjeu: how much the workshop adds, keeps, drops.
import { FAMILY_LABELS, UNDECIDED_LABEL } from '../../../core/domain/tree';
import type { Dashboard } from '../../../core/features/indicators/contract';

export function TagCountsTable({ tags }: { tags: Dashboard['tags'] }) {
  const row = (label: string, c: Dashboard['tags']['total'], total = false) => (
    <tr key={label} className={total ? 'total' : undefined}>
      <th scope="row">{label}</th>
      <td className="num">{c.ajouter}</td>
      <td className="num">{c.garder}</td>
      <td className="num">{c.jeter}</td>
      <td className="num">{c.undecided}</td>
    </tr>
  );
  return (
    <section className="dash-section tags" aria-labelledby="tags-title">
      <h2 id="tags-title">Décisions de l’atelier</h2>
      <table className="tag-table">
        <caption className="sr-only">Éléments de l’arbre par famille de décision, par enjeu et au total</caption>
        <thead>
          <tr>
            <th scope="col">Enjeu</th>
            <th scope="col">{FAMILY_LABELS.ajouter}</th>
            <th scope="col">{FAMILY_LABELS.garder}</th>
            <th scope="col">{FAMILY_LABELS.jeter}</th>
            <th scope="col">{UNDECIDED_LABEL}</th>
          </tr>
        </thead>
        <tbody>
          {tags.byEnjeu.map((e) => row(e.title, e.counts))}
          {row('Total', tags.total, true)}
        </tbody>
      </table>
    </section>
  );
}
