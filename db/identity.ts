// Identities that never change: the document's UUID (the same contrat through « Enregistrer sous » and export →
// import) and the replica id of this copy of the file. A copy gets its own replica id the first time it is opened
// for editing somewhere else than where its replica was born: created, saved as, restored from a backup, or copied
// by hand onto a USB key all end up at another path (or on another machine). Opening for reading never writes one.
import { createHash, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { TrameError } from '../core/api/result';

export interface Identity { documentId: string; replicaId: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: unknown): s is string {
  return typeof s === 'string' && UUID.test(s);
}

/** A UUID (version 8, RFC 9562) derived from `text`: the same text always gives the same UUID. */
export function uuidFrom(text: string): string {
  const b = createHash('sha256').update(text).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Where a replica lives: a hash of the machine's name and the file's full path (the file carries no readable path
 * or machine name when it is emailed). '' for a database that is not a file on disk.
 */
export function placeOf(file: string): string {
  if (!file || file === ':memory:' || !path.isAbsolute(path.resolve(file))) return '';
  return createHash('sha256').update(`${os.hostname()}\0${path.resolve(file)}`).digest('hex').slice(0, 32);
}

export function readIdentity(db: Database): Identity {
  const row = db.prepare('SELECT document_id, replica_id FROM document_identity WHERE id = 1').get() as
    | { document_id: string; replica_id: string }
    | undefined;
  if (!row) throw new TrameError('fichier-invalide', "Ce contrat n'a pas d'identité (table document_identity vide) : il n'est pas ouvert, par prudence.");
  return { documentId: row.document_id, replicaId: row.replica_id };
}

/**
 * Gives a file just created its identities: `documentId` (that of the interchange document it comes from, or a new
 * one) and a new replica id, born at `place` (the path it will be published under).
 */
export function initIdentity(db: Database, options: { documentId?: string; publishedAs?: string } = {}): Identity {
  if (options.documentId !== undefined && !isUuid(options.documentId)) {
    throw new TrameError('format-invalide', `L'identifiant du document « ${String(options.documentId).slice(0, 60)} » n'est pas un UUID valide.`);
  }
  const id: Identity = { documentId: options.documentId?.toLowerCase() ?? randomUUID(), replicaId: randomUUID() };
  db.prepare('UPDATE document_identity SET document_id = ?, replica_id = ?, replica_place = ? WHERE id = 1').run(
    id.documentId, id.replicaId, placeOf(options.publishedAs ?? db.name),
  );
  return id;
}

/**
 * On a file opened for editing at `file`: keeps its replica id if it was born here, else gives it a new one
 * (it is a copy). Returns the identity now in force.
 */
export function claimReplica(db: Database, file: string): Identity {
  const place = placeOf(file);
  const row = db.prepare('SELECT replica_place FROM document_identity WHERE id = 1').get() as { replica_place: string } | undefined;
  if (row && row.replica_place !== place) {
    db.prepare('UPDATE document_identity SET replica_id = ?, replica_place = ? WHERE id = 1').run(randomUUID(), place);
  }
  return readIdentity(db);
}
