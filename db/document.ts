// A contrat as a whole: creating a file (empty, or filled from an interchange document) atomically, reading
// and changing the contrat's own fields, and exporting everything in the interchange format.
import { randomUUID } from 'node:crypto';
import { constants, copyFileSync, existsSync, linkSync, renameSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { TrameError } from '../core/api/result';
import { syncDir, syncFile } from '../core/files';
import type { ContratInfo, EditOutcome, Input } from '../core/api/contract';
import type {
  IndicatorDoc, TrameDocument, TreeNodeDoc,
} from '../core/domain/format-types';
import { createTrameDatabase, safeClose, type Sqlite } from './connection';
import { kysely, Runner } from './query';
import type { Store } from './store';
import { loadTree } from './tree';

export type ContratFields = Input<'contrat.create'>['contrat'];

function removeQuietly(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) {
    try {
      unlinkSync(f);
    } catch {
      /* absent */
    }
  }
}

/**
 * Creates `file` with the latest schema and lets `fill` write its content, all in a temporary file of the same
 * folder that appears under its final name only once complete: no partial contrat is ever left behind, and an
 * existing file is never overwritten.
 */
export function createFile(file: string, fill: (run: Runner, db: Sqlite) => void): void {
  const dir = path.dirname(file);
  const tmp = newTarget(file);
  let db: Sqlite | null = null;
  try {
    db = createTrameDatabase(tmp);
    const run = new Runner(db);
    db.transaction(() => fill(run, db!)).immediate();
    safeClose(db);
    db = null;
    publish(tmp, file);
  } catch (err) {
    if (db) safeClose(db, false);
    removeQuietly(tmp);
    if (err instanceof TrameError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY')) {
      throw new TrameError('ecriture-impossible', `Impossible de créer un fichier dans « ${dir} » : dossier protégé en écriture.`);
    }
    if (code.startsWith('SQLITE_CONSTRAINT')) {
      throw new TrameError('format-invalide', `Contenu refusé par le contrôle de cohérence : ${(err as Error).message}.`);
    }
    throw err;
  }
}

function writeContrat(run: Runner, c: ContratFields): void {
  run.run(
    kysely.insertInto('contrat').values({
      id: 1, name: c.name, epci: c.epci, pillar: 'emploi',
      period_start: c.period.start, period_end: c.period.end, created_at: new Date().toISOString(),
    }),
  );
  c.qpv.forEach((q, i) =>
    run.run(kysely.insertInto('qpv').values({ id: randomUUID(), position: i, code: q.code, name: q.name, commune: q.commune || null })),
  );
}

/**
 * Writes a new file at `file` through `write(tmp)` into a temporary file of the same folder, published under its
 * name only once complete: never a partial file, never over an existing one.
 */
function writeNew(file: string, write: (tmp: string) => void): void {
  const dir = path.dirname(file);
  const tmp = newTarget(file);
  try {
    write(tmp);
    syncFile(tmp);
    publish(tmp, file);
  } catch (err) {
    removeQuietly(tmp);
    if (err instanceof TrameError) throw err;
    throw new TrameError('ecriture-impossible', `Impossible d'écrire « ${path.basename(file)} » dans « ${dir} » : ${(err as Error).message}.`);
  }
}

/** Checks that `file` can be created (folder exists, name free) and returns a temporary name beside it. */
function newTarget(file: string): string {
  const dir = path.dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TrameError('introuvable', `Le dossier « ${dir} » n'existe pas : choisissez un autre emplacement.`);
  }
  if (existsSync(file)) {
    throw new TrameError('fichier-existe', `Le fichier « ${path.basename(file)} » existe déjà : choisissez un autre nom (il n'a pas été modifié).`);
  }
  return path.join(dir, `.${path.basename(file)}.${randomUUID().slice(0, 8)}.tmp`);
}

/** Copies a finished file (a backup) to a new path. */
export function copyToNew(source: string, file: string): void {
  writeNew(file, (tmp) => copyFileSync(source, tmp, constants.COPYFILE_EXCL));
}

/** « Enregistrer sous » : a consistent copy of the open file (VACUUM INTO, never a raw copy of a live file). */
export function saveCopy(store: Store, file: string): void {
  writeNew(file, (tmp) => store.copyTo(tmp));
}

/** Gives the complete temporary file its final name, never replacing an existing file. */
export function publish(tmp: string, file: string): void {
  try {
    linkSync(tmp, file);
    unlinkSync(tmp);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || existsSync(file)) throw new TrameError('fichier-existe', `Le fichier « ${path.basename(file)} » existe déjà.`);
    // File systems without hard links (FAT on a USB key): rename after the check above.
    renameSync(tmp, file);
  }
  syncDir(path.dirname(file)); // the new name too must survive a power loss
}

export function createEmpty(file: string, contrat: ContratFields): void {
  createFile(file, (run) => writeContrat(run, contrat));
}

/** Fills a new file from a validated interchange document (ids kept; UUIDs where none were given). */
export function createFromDocument(file: string, doc: TrameDocument): void {
  createFile(file, (run) => {
    writeContrat(run, {
      name: doc.contrat.name,
      epci: doc.contrat.epci,
      period: doc.contrat.period ?? { start: 2024, end: 2030 },
      qpv: (doc.contrat.qpv ?? []).map((q) => ({ code: q.code, name: q.name, commune: q.commune })),
    });
    const insNode = run.stmt(
      'INSERT INTO node (id, parent_id, kind, position, title, description, tag, tag_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insInd = run.stmt(
      `INSERT INTO indicator (node_id, unit, direction, baseline_value, baseline_date, target_value, target_date,
        reference_label, reference_value, reference_date, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insMeas = run.stmt('INSERT INTO measurement (id, node_id, position, date, value, scope) VALUES (?, ?, ?, ?, ?, ?)');
    const stack: { n: TreeNodeDoc; parent: string | null; pos: number }[] = doc.tree.map((n, i) => ({ n, parent: null, pos: i })).reverse();
    while (stack.length) {
      const { n, parent, pos } = stack.pop()!;
      const id = n.id ?? randomUUID();
      insNode.run(id, parent, n.kind, pos, n.title, n.description ?? null, n.tag ?? null, n.tagNote ?? null);
      if (n.kind === 'indicateur') {
        const i: IndicatorDoc = n.indicator ?? {};
        insInd.run(
          id, i.unit ?? null, i.direction ?? null, i.baseline?.value ?? null, i.baseline?.date ?? null,
          i.target?.value ?? null, i.target?.date ?? null, i.reference?.label ?? null, i.reference?.value ?? null,
          i.reference?.date ?? null, i.source ?? null,
        );
        (i.measurements ?? []).forEach((m, k) => insMeas.run(randomUUID(), id, k, m.date, m.value, m.scope ?? 'qpv'));
      }
      const kids = n.children ?? [];
      for (let k = kids.length - 1; k >= 0; k--) stack.push({ n: kids[k], parent: id, pos: k });
    }
    (doc.partners ?? []).forEach((p, i) =>
      run.run(kysely.insertInto('partner').values({ id: p.id ?? randomUUID(), position: i, name: p.name, type: p.type ?? null })),
    );
    (doc.commitments ?? []).forEach((c, i) => {
      const id = c.id ?? randomUUID();
      run.run(
        kysely.insertInto('commitment').values({
          id, position: i, partner_id: c.partner, text: c.text, target_value: c.target?.value ?? null,
          target_unit: c.target?.unit ?? null, indicator_id: c.indicator ?? null, due: c.due ?? null, status: c.status ?? null,
        }),
      );
      (c.nodes ?? []).forEach((nid, k) =>
        run.run(kysely.insertInto('commitment_node').values({ commitment_id: id, node_id: nid, position: k })),
      );
    });
    (doc.signatories ?? []).forEach((s, i) =>
      run.run(kysely.insertInto('signatory').values({ id: randomUUID(), position: i, partner_id: s.partner, name: s.name, role: s.role ?? null })),
    );
  });
}

export function readContrat(store: Store): ContratInfo {
  const c = store.run.first(kysely.selectFrom('contrat').selectAll().where('id', '=', 1));
  if (!c) throw new TrameError('fichier-invalide', 'Ce fichier ne contient pas de contrat.');
  const qpv = store.run.all(kysely.selectFrom('qpv').selectAll().orderBy('position'));
  return {
    name: c.name,
    epci: c.epci,
    pillar: 'emploi',
    period: { start: c.period_start, end: c.period_end },
    qpv: qpv.map((q) => ({ code: q.code, name: q.name, commune: q.commune })),
  };
}

export function updateContrat(store: Store, patch: Partial<ContratFields>): EditOutcome {
  return store.edit('Modifier le contrat', () => {
    const set: Record<string, unknown> = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.epci !== undefined) set.epci = patch.epci;
    if (patch.period !== undefined) {
      set.period_start = patch.period.start;
      set.period_end = patch.period.end;
    }
    if (Object.keys(set).length) store.run.run(kysely.updateTable('contrat').set(set).where('id', '=', 1));
    if (patch.qpv !== undefined) {
      store.run.run(kysely.deleteFrom('qpv'));
      patch.qpv.forEach((q, i) =>
        store.run.run(kysely.insertInto('qpv').values({ id: store.newId(), position: i, code: q.code, name: q.name, commune: q.commune || null })),
      );
    }
    return { undo: null, redo: null };
  });
}

// ---------- export ----------
// Convention (core/format/README.md): optional fields, lists and objects are absent when empty — `children` on a
// leaf, `indicator` with no value, `qpv`/`partners`/`commitments`/`signatories` with none; `pillar` is always written.

function dated(value: number | null, date: string | null): { value: number; date?: string } | undefined {
  if (value === null) return undefined;
  return date ? { value, date } : { value };
}

export function exportDocument(store: Store): TrameDocument {
  const contrat = readContrat(store);
  const flat = loadTree(store);
  const docs = new Map<string, TreeNodeDoc>();
  const tree: TreeNodeDoc[] = [];
  for (const n of flat) {
    const d: TreeNodeDoc = { id: n.id, kind: n.kind, title: n.title };
    if (n.description) d.description = n.description;
    if (n.tag) d.tag = n.tag;
    if (n.tagNote) d.tagNote = n.tagNote;
    if (n.indicator) {
      const i = n.indicator;
      const ind: IndicatorDoc = {};
      if (i.unit) ind.unit = i.unit;
      if (i.direction) ind.direction = i.direction;
      const b = dated(i.baselineValue, i.baselineDate);
      if (b) ind.baseline = b;
      const t = dated(i.targetValue, i.targetDate);
      if (t) ind.target = t;
      if (i.referenceLabel !== null || i.referenceValue !== null || i.referenceDate !== null) {
        ind.reference = {};
        if (i.referenceLabel !== null) ind.reference.label = i.referenceLabel;
        if (i.referenceValue !== null) ind.reference.value = i.referenceValue;
        if (i.referenceDate !== null) ind.reference.date = i.referenceDate;
      }
      if (i.source) ind.source = i.source;
      if (i.measurements.length) ind.measurements = i.measurements.map((m) => ({ date: m.date, value: m.value, scope: m.scope }));
      if (Object.keys(ind).length) d.indicator = ind;
    }
    docs.set(n.id, d);
    if (n.parentId === null) tree.push(d);
    else {
      const p = docs.get(n.parentId)!;
      (p.children ??= []).push(d);
    }
  }
  const partners = store.run.all(kysely.selectFrom('partner').selectAll().orderBy('position'));
  const commitments = store.run.all(kysely.selectFrom('commitment').selectAll().orderBy('position'));
  const links = store.run.all(kysely.selectFrom('commitment_node').selectAll().orderBy('commitment_id').orderBy('position'));
  const signatories = store.run.all(kysely.selectFrom('signatory').selectAll().orderBy('position'));
  const out: TrameDocument = {
    format: 'trame',
    version: 1,
    contrat: { name: contrat.name, epci: contrat.epci, pillar: 'emploi', period: contrat.period },
    tree,
  };
  if (contrat.qpv.length) {
    out.contrat.qpv = contrat.qpv.map((q) => (q.commune ? { code: q.code, name: q.name, commune: q.commune } : { code: q.code, name: q.name }));
  }
  if (partners.length) {
    out.partners = partners.map((p) => (p.type ? { id: p.id, name: p.name, type: p.type as never } : { id: p.id, name: p.name }));
  }
  if (commitments.length) {
    out.commitments = commitments.map((c) => {
      const item: NonNullable<TrameDocument['commitments']>[number] = { id: c.id, partner: c.partner_id, text: c.text };
      const nodes = links.filter((l) => l.commitment_id === c.id).map((l) => l.node_id);
      if (nodes.length) item.nodes = nodes;
      if (c.target_value !== null) item.target = c.target_unit ? { value: c.target_value, unit: c.target_unit } : { value: c.target_value };
      if (c.indicator_id) item.indicator = c.indicator_id;
      if (c.due) item.due = c.due;
      if (c.status) item.status = c.status as never;
      return item;
    });
  }
  if (signatories.length) {
    out.signatories = signatories.map((s) => (s.role ? { partner: s.partner_id, name: s.name, role: s.role } : { partner: s.partner_id, name: s.name }));
  }
  return out;
}
