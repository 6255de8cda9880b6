// Frozen versions that check each other (issue 21 item 4): each way of rewriting a frozen version in the file — alone,
// or together with the hash stored beside it — is reported « altéré », naming what. On the real protocole PDF and
// real drawn signatures, in a real .trame file rewritten by another SQLite connection as a hostile program would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { harness } from '../../helpers/handlers';
import { FINGERPRINT_MARK } from '../../../core/features/versions/integrity';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** A demo contrat with one version frozen and signed (drawn) by three signatories; the file closed. */
async function signedVersion() {
  const h = harness();
  const info = await h.must('contrat.createDemo', { path: path.join(h.dir, 'demo.trame') });
  const v = await h.mustJob('versions.freeze', { docId: info.docId });
  for (const s of v.signatories.slice(0, 3)) await h.must('versions.signDrawn', { docId: info.docId, versionId: v.id, signatoryId: s.id, png: PNG });
  await h.must('doc.close', { docId: info.docId });
  const db = new Database(info.path, { readonly: true });
  const frozen = (db.prepare('SELECT pdf FROM version').get() as { pdf: Buffer }).pdf;
  db.close();
  return { h, file: info.path, frozen };
}

/** Runs `sql` on the closed file with the immutability triggers lifted, as another program can. */
function tamper(file: string, change: (db: Database.Database) => void): void {
  const db = new Database(file);
  const triggers = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'version%immutable%'").all() as { sql: string }[];
  db.exec("DROP TRIGGER version_immutable_update; DROP TRIGGER version_immutable_delete; DROP TRIGGER version_signature_immutable_update; DROP TRIGGER version_signature_immutable_delete;");
  change(db);
  for (const t of triggers) db.exec(t.sql);
  db.close();
}

async function problemsAfter(h: Awaited<ReturnType<typeof signedVersion>>['h'], file: string) {
  const doc = await h.must('doc.open', { path: file });
  const [v] = (await h.must('versions.list', { docId: doc.docId })).versions;
  const exported = await h.call('versions.exportPdf', { docId: doc.docId, versionId: v.id, path: path.join(h.dir, `export-${Date.now()}.pdf`) });
  await h.must('doc.close', { docId: doc.docId });
  return { v, exported };
}

describe('frozen versions that check each other', () => {
  it('an untouched version is intact, and its PDF carries its content fingerprint', async () => {
    const { h, file, frozen } = await signedVersion();
    const text = frozen.toString('latin1');
    const { v } = await problemsAfter(h, file);
    expect(v.intact).toBe(true);
    expect(v.problems).toEqual([]);
    expect(text).toContain(`${FINGERPRINT_MARK}${v.contentSha256}`);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });

  const cases: { name: string; change: (db: Database.Database, frozen: Buffer) => void; says: RegExp }[] = [
    {
      name: 'the frozen PDF rewritten together with its stored hash',
      change: (db, frozen) => {
        const other = Buffer.concat([frozen, Buffer.from('\n% ajout\n')]);
        db.prepare('UPDATE version SET pdf = ?, pdf_sha256 = ?').run(other, sha(other));
      },
      says: /le PDF de la signature n° 1 ne prolonge pas le PDF figé/,
    },
    {
      name: 'the content rewritten together with its hash',
      change: (db) => {
        const row = db.prepare('SELECT content_json FROM version').get() as { content_json: string };
        const json = row.content_json.replace(/"name":"[^"]*"/, '"name":"Contrat réécrit"');
        db.prepare('UPDATE version SET content_json = ?, content_sha256 = ?').run(json, sha(json));
      },
      says: /l’empreinte portée par le PDF figé n’est pas celle du contenu figé/,
    },
    {
      name: 'content, hash and PDF rewritten together',
      change: (db, frozen) => {
        const row = db.prepare('SELECT content_json, content_sha256 FROM version').get() as { content_json: string; content_sha256: string };
        const json = row.content_json.replace(/"name":"[^"]*"/, '"name":"Contrat réécrit"');
        const pdf = Buffer.from(frozen.toString('latin1').replaceAll(row.content_sha256, sha(json)), 'latin1');
        db.prepare('UPDATE version SET content_json = ?, content_sha256 = ?, pdf = ?, pdf_sha256 = ?').run(json, sha(json), pdf, sha(pdf));
      },
      says: /le PDF de la signature n° 1 ne prolonge pas le PDF figé/,
    },
    {
      name: 'a stored signed PDF swapped for another, with its hash',
      change: (db, frozen) => {
        const other = Buffer.concat([frozen.subarray(0, frozen.length - 10), Buffer.from('%%EOF\n autre')]);
        db.prepare('UPDATE version_signature SET pdf = ?, pdf_sha256 = ? WHERE position = 2').run(other, sha(other));
      },
      says: /le PDF de la signature n° 2 ne prolonge pas le PDF figé|le PDF de la signature n° 2 ne prolonge pas celui de la signature précédente/,
    },
    {
      name: 'a signature row deleted (the second of three)',
      change: (db) => {
        db.prepare('DELETE FROM version_signature WHERE position = 2').run();
      },
      says: /la signature n° 2 manque/,
    },
  ];
  for (const c of cases) {
    it(`${c.name}: « altéré », naming what, and its PDF no longer exported`, async () => {
      const { h, file, frozen } = await signedVersion();
      tamper(file, (db) => c.change(db, frozen));
      const { v, exported } = await problemsAfter(h, file);
      expect(v.intact).toBe(false);
      expect(v.status).toBe('altere');
      expect(v.problems.join(' ; ')).toMatch(c.says);
      expect(exported.ok).toBe(false);
      if (!exported.ok) expect(exported.error.message).toMatch(c.says);
    });
  }
});
