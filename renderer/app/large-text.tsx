// « Texte agrandi »: the whole UI in larger text, kept in the user's settings (core/session/settings.ts), toggled by
// a button in the header or Alt+Maj+T anywhere. Applied as one zoom of the root (styles.css, [data-texte=grand]),
// so that every size, spacing and target grows together and the layout still fits.
import { createContext, useContext } from 'react';
import './large-text.css';

export const LARGE_TEXT_SHORTCUT = 'Alt+Shift+T';

export interface LargeText { on: boolean; toggle(): void; error: string | null }
export const LargeTextContext = createContext<LargeText>({ on: false, toggle: () => undefined, error: null });

export function applyLargeText(on: boolean): void {
  if (on) document.documentElement.dataset.texte = 'grand';
  else delete document.documentElement.dataset.texte;
}

/** Alt+Maj+T, by the physical key (every layout). */
export function isLargeTextKey(e: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyT';
}

export function LargeTextButton() {
  const t = useContext(LargeTextContext);
  return (
    <>
      {/* Compact (the header is tight at 1024 px): the name starts with what is shown, the tooltip says it in full. */}
      <button
        type="button"
        className="btn btn-tertiary large-text-btn"
        aria-pressed={t.on}
        aria-label="A+ Texte agrandi"
        title="Texte agrandi (Alt+Maj+T)"
        aria-keyshortcuts={LARGE_TEXT_SHORTCUT}
        onClick={t.toggle}
      >
        A+
      </button>
      {t.error && (
        <span className="field-error" role="alert">
          {t.error}
        </span>
      )}
    </>
  );
}
