// « Élément supprimé — Annuler »: stays 10 seconds, longer while the pointer or the focus is on it.
import { useEffect, useRef } from 'react';
import type { Toast as ToastData } from './useTreeCommands';

export function Toast({ toast, onUndo, onDismiss }: { toast: ToastData | null; onUndo: () => void; onDismiss: () => void }) {
  const hold = useRef(false);
  useEffect(() => {
    if (!toast) return;
    const t = setInterval(() => {
      if (!hold.current) onDismiss();
    }, 10_000);
    return () => clearInterval(t);
  }, [toast, onDismiss]);

  return (
    <div className="toast-region" aria-live="polite">
      {toast && (
        <div
          className="toast"
          key={toast.key}
          onMouseEnter={() => (hold.current = true)}
          onMouseLeave={() => (hold.current = false)}
          onFocus={() => (hold.current = true)}
          onBlur={() => (hold.current = false)}
        >
          <span>{toast.text}</span>
          <button
            type="button"
            className="btn btn-toast"
            onClick={() => {
              onDismiss();
              onUndo();
            }}
          >
            Annuler
          </button>
          <button type="button" className="btn btn-toast-close" aria-label="Fermer la notification" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
