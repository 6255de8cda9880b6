import type { AppError } from '../../core/api/result';

/** API errors, announced at once (role="alert"); the region stays in the DOM so screen readers pick up new text. */
export function AlertRegion({ error, onDismiss }: { error: AppError | null; onDismiss: () => void }) {
  return (
    <div role="alert" className={error ? 'alert' : 'alert alert-empty'}>
      {error && (
        <>
          <div className="alert-body">
            <p className="alert-message">{error.message}</p>
            {error.details && error.details.length > 1 && (
              <ul className="alert-details">
                {error.details.slice(0, 8).map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
          </div>
          <button type="button" className="btn btn-tertiary" onClick={onDismiss}>
            Fermer le message
          </button>
        </>
      )}
    </div>
  );
}
