// The top of an open contrat, on every screen, on one line (a 1024×768 projector needs the height for the tree): its
// name, with its EPCI, period and file in the tooltip (and on « Contrat »); the file actions; the banners that say the
// file is read-only or no longer accepts writes.
import type { DocInfo } from '../../core/api/contract';
import { frenchSpacing } from '../lib/text';
import { FileMenu } from '../ui/FileMenu';
import { LargeTextButton } from './large-text';

interface DocHeaderProps {
  doc: DocInfo;
  offline: string | null;
  /** Told once on opening (the file was brought up to date, a copy kept); null once dismissed. */
  notice: string | null;
  /** What the full check run once the contrat is shown found (French), or null. */
  damaged: string | null;
  onDismissNotice: () => void;
  onShowKeys: () => void;
  onSaveAs: () => void;
  onBackups: () => void;
  onExport: () => void;
  onImportSheet: () => void;
  onExportSheet: () => void;
  onMergeCopy: () => void;
  onClose: () => void;
}

/** The header's tooltip: the contrat's name whole, its EPCI and period, the file it is in. */
export function docTooltip(doc: DocInfo): string {
  return `${doc.contrat.name}\n${doc.contrat.epci} · ${doc.contrat.period.start}–${doc.contrat.period.end}\nFichier : ${doc.path}`;
}

export function DocHeader({ doc, offline, notice, damaged, onDismissNotice, onShowKeys, onSaveAs, onBackups, onExport, onImportSheet, onExportSheet, onMergeCopy, onClose }: DocHeaderProps) {
  return (
    <>
      <div className="doc-header">
        <div className="doc-heading">
          <p className="brand brand-small" aria-hidden="true">
            <span className="brand-mark" />
            Trame
          </p>
          <h1 className="doc-name" title={docTooltip(doc)}>
            {doc.contrat.name}
          </h1>
        </div>
        <div className="doc-actions">
          <LargeTextButton />
          <button type="button" className="btn btn-tertiary" onClick={onShowKeys}>
            Raccourcis
          </button>
          <button type="button" className="btn btn-secondary" onClick={onSaveAs}>
            Enregistrer sous…
          </button>
          <FileMenu
            label="Fichier"
            items={[
              { label: 'Restaurer une sauvegarde…', onSelect: onBackups },
              { label: 'Exporter (JSON)', onSelect: onExport },
              { label: 'Importer un tableur…', onSelect: onImportSheet },
              { label: 'Exporter en tableur…', onSelect: onExportSheet },
              { label: 'Fusionner une autre copie…', onSelect: onMergeCopy },
            ]}
          />
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Fermer<span className="sr-only"> le contrat</span>
          </button>
        </div>
      </div>
      {doc.readOnly && (
        <div className="banner-readonly" role="note" id="readonly-banner">
          <strong>Lecture seule.</strong> {doc.readOnlyReason ?? 'Ce fichier ne peut pas être modifié.'} Les modifications sont
          désactivées.
        </div>
      )}
      {doc.backupProblem && !offline && (
        <div className="banner-readonly" role="alert" id="backup-banner">
          <strong>Sauvegarde automatique impossible.</strong> {frenchSpacing(doc.backupProblem)}
        </div>
      )}
      {damaged && (
        <div className="banner-readonly" role="alert" id="integrity-banner">
          <strong>Contrôle complet du fichier.</strong> {frenchSpacing(damaged)}
        </div>
      )}
      {notice && (
        <div className="banner-notice" role="status">
          <p className="banner-text">
            <strong>Fichier mis à jour.</strong> {frenchSpacing(notice)}
          </p>
          <button type="button" className="btn btn-secondary" onClick={onDismissNotice}>
            Compris<span className="sr-only"> : masquer ce message</span>
          </button>
        </div>
      )}
      {offline && (
        <div className="banner-offline" role="alert">
          <svg className="banner-icon" width="30" height="30" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path d="M10 1.5 19 18H1Z" fill="currentColor" />
            <path d="M9 7h2v5.5H9Z M9 14h2v2H9Z" fill="#fff" />
          </svg>
          <p className="banner-text">
            <strong>Contrat non enregistré sur le disque.</strong> {frenchSpacing(offline)}
          </p>
          <button type="button" className="btn btn-primary" onClick={onSaveAs}>
            Enregistrer sous…
          </button>
        </div>
      )}
    </>
  );
}
