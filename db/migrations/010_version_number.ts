// Migration 10: a frozen version's number may change, nothing else (issue 19, merging two copies). When both copies
// froze a version after they parted, the merged file keeps both and numbers them again in one order (by freeze time,
// then id): a version's number is its place in the list, not part of what was signed (its content, its PDF with the
// fingerprint in the footer, its signed PDFs and their hashes). The update guard of migration 7 is replaced by one
// that names every column but `number`; deleting a version stays refused, and so does any change of a signature.
// IMMUTABLE once released: change the schema with a new file.
import type { Migration } from './types';

const GUARDED = ['id', 'frozen_at', 'frozen_by', 'frozen_by_id', 'content_json', 'content_sha256', 'pdf', 'pdf_sha256', 'blocks_json', 'signatories_total'];

export const migration010: Migration = {
  version: 10,
  name: 'numéro des versions figées',
  up(db) {
    db.exec(`
DROP TRIGGER version_immutable_update;
CREATE TRIGGER version_immutable_update BEFORE UPDATE OF ${GUARDED.join(', ')} ON version
BEGIN SELECT RAISE(ABORT, 'Version figée : une version figée ne se modifie pas'); END;
`);
  },
};
