// Every call across a boundary answers with a Result: no exception, no stack trace crosses.

export type ErrorCode =
  | 'entree-invalide'      // arguments that do not parse
  | 'canal-inconnu'        // no such channel
  | 'introuvable'          // id, document or file that does not exist
  | 'imbrication'          // nesting rule refused
  | 'fichier-invalide'     // not a Trame file / corrupt / altered schema
  | 'version-future'       // created by a newer Trame
  | 'deja-ouvert'          // file already open
  | 'lecture-seule'        // write refused: the file is read-only
  | 'fichier-existe'       // target file already exists
  | 'format-invalide'      // interchange JSON refused
  | 'rien-a-annuler'
  | 'rien-a-retablir'
  | 'ecriture-impossible'  // disk error, USB key pulled out, …
  | 'interne';

export interface AppError {
  code: ErrorCode;
  /** French, for the user; says what happened and what to do. */
  message: string;
  /** Extra detail for lists of problems (e.g. every validation error with its JSON path). */
  details?: string[];
  /** For `deja-ouvert`: the document already holding the file. */
  docId?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Thrown inside handlers and the store; turned into `{ ok: false }` at the boundary. */
export class TrameError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: string[],
    public readonly docId?: string,
  ) {
    super(message);
    this.name = 'TrameError';
  }
  toJSON(): AppError {
    const e: AppError = { code: this.code, message: this.message };
    if (this.details) e.details = this.details;
    if (this.docId) e.docId = this.docId;
    return e;
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function toAppError(err: unknown): AppError {
  if (err instanceof TrameError) return err.toJSON();
  // Never leak a stack trace; keep the message for a diagnosis line.
  const msg = err instanceof Error ? err.message : String(err);
  return { code: 'interne', message: `Erreur inattendue : ${msg}. Vos données déjà enregistrées ne sont pas touchées.` };
}
