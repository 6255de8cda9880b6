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
  | 'annule'               // a job stopped at the user's request
  | 'acces-refuse'         // HTTP harness: a call without this launch's secret
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

/** Causes a user can act on, said in French, for the error codes of Node and SQLite. */
const CAUSES: [RegExp, string][] = [
  [/^ENOENT$/, 'fichier ou dossier introuvable'],
  [/^(EACCES|EPERM)$/, 'accès refusé par le système'],
  [/^EROFS$/, 'support en lecture seule'],
  [/^(ENOSPC|SQLITE_FULL)/, 'disque plein'],
  [/^EISDIR$/, 'un dossier a été donné à la place d’un fichier'],
  [/^ENOTDIR$/, 'le chemin passe par un fichier qui n’est pas un dossier'],
  [/^ENAMETOOLONG$/, 'nom de fichier trop long'],
  [/^(EIO|SQLITE_IOERR)/, 'erreur de lecture ou d’écriture sur le support (clé USB retirée ?)'],
  [/^(EBUSY|SQLITE_BUSY|SQLITE_LOCKED)/, 'fichier occupé par un autre programme'],
  [/^(SQLITE_CORRUPT|SQLITE_NOTADB)/, 'fichier endommagé'],
  [/^SQLITE_CANTOPEN/, 'fichier impossible à ouvrir'],
  [/^SQLITE_READONLY/, 'fichier en lecture seule'],
  [/^SQLITE_CONSTRAINT/, 'contrôle de cohérence du contrat'],
  [/^ERR_WORKER/, 'la tâche de fond n’a pas pu s’exécuter'],
];

/** The cause of an unexpected error, in French (its original text goes to `details`, never into the message). */
export function frenchCause(err: unknown): string {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  for (const [re, cause] of CAUSES) if (code && re.test(code)) return cause;
  return 'cause technique imprévue';
}

export function toAppError(err: unknown): AppError {
  if (err instanceof TrameError) return err.toJSON();
  // Never leak a stack trace; the original message (often English) is kept apart, for a diagnosis.
  const msg = err instanceof Error ? err.message : String(err);
  return {
    code: 'interne',
    message: `Erreur inattendue (${frenchCause(err)}). Vos données déjà enregistrées ne sont pas touchées.`,
    details: [`Détail technique : ${msg.slice(0, 500)}`],
  };
}

/** The refusal of a channel that does not exist; only a printable name is echoed, never `undefined` or `[object Object]`. */
export function unknownChannelError(channel: unknown): AppError {
  const name = typeof channel === 'string' && /^[\p{L}\p{N}._-]{1,80}$/u.test(channel) ? ` « ${channel} »` : '';
  return { code: 'canal-inconnu', message: `Commande inconnue${name} : Trame ne sait pas y répondre.` };
}
