import { useEffect, useState, type FormEvent } from 'react';
import { invoke, shell } from '../../api';
import type { AppInfo, RecentFile } from '../../../core/api/contract';
import type { AppError } from '../../../core/api/result';
import { AlertRegion } from '../../ui/Alert';

interface StartScreenProps {
  info: AppInfo;
  error: AppError | null;
  onDismissError: () => void;
  onNew: () => void;
  onOpenPath: (path: string) => void;
  onChooseOpen: () => void;
  onDemo: () => void;
  /** « Importer un fichier JSON » (a contrat exported in the interchange format). */
  onImport: () => void;
  busy: boolean;
}

/** The folder holding a file, by its last name (« Contrats 2024 » for …/Contrats 2024/contrat.trame). */
function folderOf(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length > 1 ? parts[parts.length - 2] : path;
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });
}

export function StartScreen({ info, error, onDismissError, onNew, onOpenPath, onChooseOpen, onDemo, onImport, busy }: StartScreenProps) {
  const [recent, setRecent] = useState<RecentFile[] | null>(null);
  const [recentError, setRecentError] = useState<AppError | null>(null);
  const [showOpen, setShowOpen] = useState(false);
  const [openPath, setOpenPath] = useState('');
  const [openError, setOpenError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void invoke('recent.list', {}).then((r) => {
      if (!live) return;
      if (r.ok) setRecent(r.value);
      else setRecentError(r.error);
    });
    return () => {
      live = false;
    };
  }, []);

  async function forget(path: string) {
    const r = await invoke('recent.forget', { path });
    if (r.ok) setRecent(r.value);
    else setRecentError(r.error);
  }

  // Two contrats of the same title are told apart by their folder, shown first.
  const sameName = new Set((recent ?? []).map((f) => f.name).filter((n, i, all) => all.indexOf(n) !== i));

  function open() {
    if (shell()) onChooseOpen();
    else setShowOpen((v) => !v);
  }

  function submitOpen(e: FormEvent) {
    e.preventDefault();
    if (!openPath.trim()) {
      setOpenError('Indiquez le chemin complet du fichier .trame à ouvrir.');
      return;
    }
    setOpenError(null);
    onOpenPath(openPath.trim());
  }

  return (
    <div className="start">
      <header className="start-header">
        <p className="brand" aria-hidden="true">
          <span className="brand-mark" />
          Trame
        </p>
        <h1>Trame — le pilier emploi du contrat de ville</h1>
        <p className="lead">
          Reconstruire en atelier la stratégie emploi : enjeux, objectifs, actions et indicateurs de suivi, et décider
          pour chacun : à ajouter, à garder ou repenser, à jeter ou mettre en veille.
        </p>
      </header>
      <main className="start-main">
        <AlertRegion error={error ?? recentError} onDismiss={() => (error ? onDismissError() : setRecentError(null))} />
        <div className="start-actions">
          <button type="button" className="btn btn-primary btn-large" onClick={onNew} disabled={busy}>
            Nouveau contrat
          </button>
          <button
            type="button"
            className="btn btn-secondary btn-large"
            onClick={open}
            disabled={busy}
            aria-expanded={shell() ? undefined : showOpen}
            aria-controls={shell() ? undefined : 'open-form'}
          >
            Ouvrir un fichier
          </button>
          <button type="button" className="btn btn-secondary btn-large" onClick={onDemo} disabled={busy}>
            Créer un contrat d’exemple
          </button>
          <button type="button" className="btn btn-secondary btn-large" onClick={onImport} disabled={busy}>
            Importer un fichier JSON
          </button>
        </div>
        {showOpen && (
          <form id="open-form" className="open-form" onSubmit={submitOpen} noValidate>
            <div className="field">
              <label htmlFor="open-path">Chemin du fichier .trame</label>
              <p className="hint" id="open-path-hint">
                Par exemple {info.defaultDir}/mon-contrat.trame
              </p>
              <div className="inline">
                <input
                  id="open-path"
                  type="text"
                  autoFocus
                  spellCheck={false}
                  value={openPath}
                  aria-describedby={'open-path-hint' + (openError ? ' open-path-error' : '')}
                  aria-invalid={openError ? true : undefined}
                  onChange={(e) => setOpenPath(e.target.value)}
                />
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  Ouvrir
                </button>
              </div>
              {openError && (
                <p id="open-path-error" className="field-error">
                  {openError}
                </p>
              )}
            </div>
          </form>
        )}
        <section className="recent" aria-labelledby="recent-title">
          <h2 id="recent-title">Fichiers récents</h2>
          {recent === null ? (
            <p>Chargement…</p>
          ) : recent.length === 0 ? (
            <p className="muted">Aucun fichier ouvert récemment.</p>
          ) : (
            <ul className="recent-list">
              {recent.map((f, i) => (
                <li key={f.path} className={f.exists ? 'recent-item' : 'recent-item recent-missing'}>
                  <div className="recent-text">
                    {f.exists ? (
                      <button
                        type="button"
                        className="link-button recent-open"
                        onClick={() => onOpenPath(f.path)}
                        disabled={busy}
                        aria-describedby={`recent-where-${i}`}
                      >
                        {f.name}
                      </button>
                    ) : (
                      <span className="recent-name">{f.name}</span>
                    )}
                    <span className="recent-path" id={`recent-where-${i}`}>
                      {sameName.has(f.name) && <span className="recent-folder">Dossier « {folderOf(f.path)} » — </span>}
                      <bdi>{f.path}</bdi>
                    </span>
                    <span className="recent-date">
                      {f.exists ? `Ouvert le ${formatDate(f.openedAt)}` : 'Fichier introuvable : déplacé, renommé ou sur une clé absente.'}
                    </span>
                  </div>
                  {!f.exists && (
                    <button
                      type="button"
                      className="btn btn-tertiary"
                      onClick={() => void forget(f.path)}
                      aria-label={`Retirer ${f.name} de la liste`}
                    >
                      Retirer
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
      <footer className="start-footer">
        <p>
          Trame {info.version} · {info.mode === 'electron' ? 'application' : 'navigateur'}
          {info.userName ? ` · ${info.userName}` : ''}
        </p>
      </footer>
    </div>
  );
}
