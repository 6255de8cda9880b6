// The document as it will print, drawn as HTML from the same model as the PDF and the DOCX (protocole.preview).
import type { Block, DocumentModel, Run } from '../../../core/features/protocole/contract';
import { countOf } from '../../lib/text';

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((r, i) => {
        let el = <>{r.text}</>;
        if (r.italic) el = <em>{el}</em>;
        if (r.bold) el = <strong>{el}</strong>;
        return <span key={i}>{el}</span>;
      })}
    </>
  );
}

function PreviewBlock({ b }: { b: Block }) {
  switch (b.kind) {
    case 'heading': {
      const H = b.level === 1 ? 'h4' : b.level === 2 ? 'h5' : 'h6';
      return <H className={`pv-h${b.level}`}>{b.text}</H>;
    }
    case 'para':
      return (
        <p className={b.tone ? `pv-${b.tone}` : undefined}>
          <Runs runs={b.runs} />
        </p>
      );
    case 'list':
      return (
        <ul>
          {b.items.map((item, i) => (
            <li key={i}>
              <Runs runs={item} />
            </li>
          ))}
        </ul>
      );
    case 'table':
      return (
        <div className="pv-table-wrap">
          <table className="pv-table">
            <thead>
              <tr>
                {b.header.map((h, i) => (
                  <th key={i} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.rows.slice(0, 200).map((row, r) => (
                <tr key={r}>
                  {row.map((c, i) => (
                    <td key={i} className={b.numeric?.includes(i) ? 'pv-num' : undefined}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
            {b.total && (
              <tfoot>
                <tr>
                  {b.total.map((c, i) => (
                    i === 0 ? <th key={i} scope="row">{c}</th> : <td key={i} className={b.numeric?.includes(i) ? 'pv-num' : undefined}>{c}</td>
                  ))}
                </tr>
              </tfoot>
            )}
          </table>
          {b.rows.length > 200 && <p className="pv-small">… et {b.rows.length - 200} lignes de plus dans le document.</p>}
        </div>
      );
    case 'signatures':
      return (
        <div className="pv-signatures">
          {b.blocks.map((s) => (
            <div key={s.id} className="pv-signature">
              <p>
                <strong>{s.organisation}</strong>
              </p>
              <p>{s.name}</p>
              <p className="pv-muted">{s.role || '—'}</p>
              <p>Fait à {b.place || '…'}, le …</p>
              <div className="pv-signature-room">Signature</div>
            </div>
          ))}
        </div>
      );
    case 'chart':
      return (
        <p className="pv-chart">
          Graphique : {b.chart.title} ({countOf(b.chart.points.length, 'mesure')})
        </p>
      );
    case 'pageBreak':
      return <hr className="pv-page-break" aria-label="Saut de page" />;
  }
}

/** How many blocks the preview draws: a 10 000-item contrat stays responsive; the document has them all. */
const PREVIEW_LIMIT = 600;

export function Preview({ model }: { model: DocumentModel }) {
  const blocks = model.blocks.slice(0, PREVIEW_LIMIT);
  return (
    // Focusable: the page scrolls on its own, the keyboard must be able to scroll it.
    <article className="pv-page" aria-label="Aperçu du document" tabIndex={0}>
      <header className="pv-title">
        {model.draft && <p className="pv-draft">Projet</p>}
        <p className="pv-kicker">{model.titlePage.kicker}</p>
        <p className="pv-title-main">{model.titlePage.title}</p>
        {model.titlePage.lines.map((l, i) => (
          <p key={i} className="pv-small">
            {l}
          </p>
        ))}
      </header>
      <nav className="pv-toc" aria-label="Sommaire du document">
        <p className="pv-h1">Sommaire</p>
        <ul>
          {model.blocks
            .filter((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading' && b.toc)
            .slice(0, 100)
            .map((b, i) => (
              <li key={i} className={b.level === 1 ? 'pv-toc-1' : 'pv-toc-2'}>
                {b.text}
              </li>
            ))}
        </ul>
      </nav>
      {blocks.map((b, i) => (
        <PreviewBlock key={i} b={b} />
      ))}
      {model.blocks.length > PREVIEW_LIMIT && <p className="pv-muted">L’aperçu s’arrête ici ; le document exporté contient toute la suite.</p>}
    </article>
  );
}
