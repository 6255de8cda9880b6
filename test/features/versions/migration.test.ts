// Migration 7 on a real file of schema 6: every row kept, the version tables created empty with their immutability.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrate } from '../../../db/migrations';
import { Store } from '../../../db/store';
import { tmpDir } from '../../helpers/tmp';
import { allRows, rawRows } from '../../db/helpers';

describe('migration 007: frozen versions and signatures', () => {
  it('brings a schema-6 file up to date, keeps every row, and the new rows refuse UPDATE and DELETE', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'v6.trame');
    const db = new Database(file);
    migrate(db, 6);
    db.exec(`
      INSERT INTO contrat (id, name, epci, pillar, period_start, period_end, created_at)
        VALUES (1, 'Contrat de ville', 'Agglo', 'emploi', 2024, 2030, '2025-01-01T00:00:00.000Z');
      INSERT INTO node (id, parent_id, kind, position, title) VALUES ('e1', NULL, 'enjeu', 0, 'Emploi');
      INSERT INTO partner (id, position, name, type) VALUES ('p1', 0, 'Préfecture', 'etat');
      INSERT INTO signatory (id, position, partner_id, name, role) VALUES ('s1', 0, 'p1', 'Claire Morvan', 'Préfète');
    `);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    db.close();
    const before = rawRows(file);
    const store = Store.open(file, { id: randomUUID(), name: 'Dominique' }, { migrationCopyDir: path.join(dir, 'copies') });
    expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(7);
    const after = allRows(store.db);
    for (const t of ['contrat', 'node', 'partner', 'signatory']) expect(after[t], t).toEqual(before[t]);
    expect(after.version).toEqual([]);
    expect(after.version_signature).toEqual([]);
    const sha = 'a'.repeat(64);
    store.db.prepare(`INSERT INTO version (id, number, frozen_at, frozen_by, content_json, content_sha256, pdf, pdf_sha256, blocks_json, signatories_total)
      VALUES ('v1', 1, 'now', 'Dominique', '{}', ?, X'25504446', ?, '[]', 1)`).run(sha, sha);
    store.db.prepare(`INSERT INTO version_signature (id, version_id, position, signatory_id, signer_name, kind, signed_at, signed_by, pdf, pdf_sha256)
      VALUES ('g1', 'v1', 1, 's1', 'Claire Morvan', 'pades', 'now', 'Dominique', X'25504446', ?)`).run(sha);
    expect(() => store.db.prepare("UPDATE version SET pdf = X'00'").run()).toThrow(/ne se modifie pas/);
    expect(() => store.db.prepare('DELETE FROM version_signature').run()).toThrow(/ne se supprime pas/);
    expect(() => store.db.prepare("UPDATE version_signature SET signer_name = 'x'").run()).toThrow(/ne se modifie pas/);
    expect(() => store.db.prepare(`INSERT INTO version_signature (id, version_id, position, signer_name, kind, signed_at, signed_by, pdf, pdf_sha256)
      VALUES ('g2', 'v1', 2, 'X', 'crayon', 'now', 'D', X'00', ?)`).run(sha)).toThrow(/CHECK/);
    // Not journaled: freezing is not an undoable step.
    expect(store.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'version%journal%'").get()).toEqual({ n: 0 });
    expect(store.integrity()).toBe('ok');
    store.close();
  });
});
