// The navigation between the screens of an open contrat: real links (the address names the screen), the current one
// marked with aria-current, each with its Alt+digit shortcut declared (aria-keyshortcuts) and shown where there is
// room (1400 px and wider; the tooltip gives the screen's full name and its shortcut).
import { SCREENS, shortcutOf } from './screens';

interface NavigationProps {
  active: string;
  hrefFor: (screenId: string) => string;
  onGo: (screenId: string) => void;
}

export function Navigation({ active, hrefFor, onGo }: NavigationProps) {
  return (
    <nav className="doc-nav" aria-label="Écrans du contrat">
      <ul>
        {SCREENS.map((s, i) => (
          <li key={s.id}>
            <a
              href={hrefFor(s.id)}
              className="doc-nav-link"
              aria-current={s.id === active ? 'page' : undefined}
              aria-keyshortcuts={shortcutOf(i)}
              title={`${s.label} (${shortcutOf(i)})`}
              onClick={(e) => {
                if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
                e.preventDefault();
                onGo(s.id);
              }}
            >
              {s.nav}
              <kbd className="doc-nav-key" aria-hidden="true">
                {shortcutOf(i)}
              </kbd>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
