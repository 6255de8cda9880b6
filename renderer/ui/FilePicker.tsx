// A file input that speaks French. The browser's own button speaks the browser's language (« Choose File » in an
// English Electron): ours is drawn instead, the real input lies transparent over it (clicks and keys reach it, the
// label names it), and the chosen file's name is said beside it.
import type { Ref } from 'react';

interface FilePickerProps {
  id: string;
  /** What the input accepts (extensions, MIME types). */
  accept: string;
  /** The chosen file's name, or null before a choice. */
  chosen: string | null;
  onChoose: (files: FileList | null) => void;
  inputRef?: Ref<HTMLInputElement>;
  /** The id of the error message under the field, when there is one. */
  errorId?: string | null;
}

export function FilePicker({ id, accept, chosen, onChoose, inputRef, errorId }: FilePickerProps) {
  const chosenId = `${id}-chosen`;
  return (
    <div className="file-picker">
      <input
        id={id}
        ref={inputRef}
        type="file"
        className="file-picker-input"
        accept={accept}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={chosenId + (errorId ? ` ${errorId}` : '')}
        onChange={(e) => onChoose(e.target.files)}
      />
      <span className="btn btn-secondary file-picker-button" aria-hidden="true">
        Choisir un fichier…
      </span>
      <span id={chosenId} className="file-picker-name">
        {chosen ?? 'Aucun fichier choisi'}
      </span>
    </div>
  );
}
