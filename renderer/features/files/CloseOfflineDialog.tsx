import { Modal } from '../../ui/Modal';

/** Closing a contrat whose file stopped accepting writes would lose what is only in memory: ask first. */
export function CloseOfflineDialog({ onSaveAs, onDiscard, onCancel }: { onSaveAs: () => void; onDiscard: () => void; onCancel: () => void }) {
  return (
    <Modal title="Fermer sans enregistrer ?" onCancel={onCancel}>
      <p>
        Ce contrat n’est plus enregistré dans son fichier. Si vous le fermez maintenant, les modifications faites depuis
        que le fichier est devenu inaccessible seront perdues.
      </p>
      <div className="actions">
        <button type="button" className="btn btn-primary" autoFocus onClick={onSaveAs}>
          Enregistrer sous…
        </button>
        <button type="button" className="btn btn-secondary" onClick={onDiscard}>
          Fermer sans enregistrer
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </Modal>
  );
}
