// « Enregistrer sous » in the browser harness (Electron uses the native dialog instead): a typed path, prefilled
// beside the open file; the copy is complete and the work goes on in it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { invoke } from '../../api';
import type { DocInfo } from '../../../core/api/contract';
import { baseName } from '../../lib/text';
import { Modal } from '../../ui/Modal';
import { copyPathFor } from './paths';
import { focusFileName, PathField, usePathSubmit } from './PathField';
import { FormActions } from '../../ui/FormActions';

interface SaveAsDialogProps {
  doc: DocInfo;
  /** The file stopped accepting writes: the copy must go elsewhere. */
  offline: boolean;
  onSaved: (d: DocInfo) => void;
  onCancel: () => void;
}

/** « Enregistrer sous » in the browser harness: a path typed in a field, prefilled beside the current file. */
export function SaveAsDialog({ doc, offline, onSaved, onCancel }: SaveAsDialogProps) {
  const [path, setPath] = useState(() => copyPathFor(doc.path));
  const inputRef = useRef<HTMLInputElement>(null);
  const { error, setError, busy, send } = usePathSubmit(inputRef);

  // After showModal (the Modal's effect runs after ours): the file name selected, ready to be typed over.
  useEffect(() => {
    const raf = requestAnimationFrame(() => focusFileName(inputRef.current));
    return () => cancelAnimationFrame(raf);
  }, []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    await send(path, true, (p) => invoke('doc.saveAs', { docId: doc.docId, path: p }), onSaved);
  }

  const current = baseName(doc.path);
  return (
    <Modal title="Enregistrer le contrat sous…" onCancel={busy ? undefined : onCancel} className="modal-file">
      <form onSubmit={submit} noValidate>
        <p>
          Trame écrit une copie complète du contrat dans un nouveau fichier, puis continue dans ce fichier.{' '}
          {offline
            ? `« ${current} » n’est plus accessible : choisissez un autre emplacement (disque de l’ordinateur, autre clé USB).`
            : `« ${current} » reste tel qu’il est.`}
        </p>
        <PathField
          id="save-as-path"
          label="Nouveau fichier (.trame)"
          hint="Chemin complet du fichier à créer. Un fichier qui existe déjà n’est jamais remplacé."
          value={path}
          error={error}
          onChange={(v) => {
            setPath(v);
            if (error) setError(null);
          }}
          inputRef={inputRef}
        />
        <FormActions submit={busy ? 'Enregistrement…' : 'Enregistrer'} busy={busy} onCancel={onCancel} />
      </form>
    </Modal>
  );
}
