// « Enregistrer une copie sans historique » : a copy of the contrat for sending outside. The journal keeps every
// before-image forever (old titles, deleted items, authors' names), and so do the workshops (their minutes name who
// came and list the items as they were, decisions undone since, titles since changed); the copy keeps none of it:
// VACUUM INTO a temporary file, then the journal, the workshops and the frozen versions are purged and the file
// VACUUMed again with secure_delete (no old text left in a free page), and only then does it get its name. Frozen versions are NOT copied: each holds the whole contrat
// as it was (texts since changed or deleted, the names of who froze and signed), which is exactly the history the
// copy is meant to leave out; the signed PDFs are sent on their own, and the original file keeps them.
import type { Database } from 'better-sqlite3';
import { newTrameFilePath } from '../../files';
import { TrameError } from '../../api/result';
import { canonical } from '../../session';
import { rawOpen } from '../../../db/connection';
import { saveCopyWith } from '../../../db/create-file';
import type { Doc } from '../../session';

export const CLEAN_COPY_NOTE =
  'La copie ne contient ni l’historique des modifications (anciens textes, éléments supprimés, auteurs), ni les ateliers et leurs comptes rendus (présents, décisions), ni les versions figées et leurs PDF signés : exportez ces PDF et les comptes rendus à part si vous devez les transmettre.';

/** Empties the journal and the frozen versions of the file at `file` (a fresh copy, not yet published). */
export function purgeHistory(file: string): void {
  const db: Database = rawOpen(file);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('secure_delete = ON');
    db.transaction(() => {
      // The immutability triggers stand in the way in this copy only: dropped, rows purged, recreated verbatim (the
      // schema check at open compares their SQL).
      const triggers = db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('version', 'version_signature')")
        .all() as { name: string; sql: string }[];
      for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
      db.exec('DELETE FROM version_signature; DELETE FROM version;');
      for (const t of triggers) db.exec(t.sql);
      db.exec('DELETE FROM journal_change; DELETE FROM journal_group; UPDATE journal_ctx SET group_id = NULL;');
      // Workshops: their minutes and attendees are history (names, former titles and reasons), not content.
      db.exec('DELETE FROM workshop_attendee; DELETE FROM workshop;');
    })();
    db.exec('VACUUM');
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new TrameError('ecriture-impossible', 'La copie sans historique n’a pas pu être vérifiée : aucun fichier n’a été créé.');
  } finally {
    db.close();
  }
}

export function saveCleanCopy(store: Doc, target: string): string {
  const file = newTrameFilePath(target);
  if (canonical(file) === canonical(store.path)) {
    throw new TrameError('fichier-existe', 'Choisissez un autre fichier que celui qui est ouvert.');
  }
  saveCopyWith(store, file, purgeHistory);
  return file;
}
