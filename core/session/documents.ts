// The open contrats of one host (an Electron app, a browser harness, a CLI run): which docId holds which store,
// opening (to edit, or only to read), closing, the one door every change goes through (core/session/doc.ts), the
// change events and the automatic backups of what changes. Every feature's handlers reach their contrat through
// here, as a Doc; none keeps its own table of documents. This floor knows no feature: what a contrat's summary is
// and which tables name an item come from the composition root (SessionHooks).
import { randomUUID } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { ContratInfo, DocInfo } from '../api/types';
import type { DocChange } from '../api/events';
import { currentOrigin } from '../api/origin';
import { TrameError } from '../api/result';
import { Store, type JournalStep } from '../../db/store';
import { backupDirFor, backupNow } from '../../db/backup';
import type { HostOptions } from './context';
import { SessionDoc, type Doc } from './doc';
import type { SettingsFile } from './settings';

/**
 * Which journaled tables name a tree item, and how: `key` (the row's key is the item's id) or `node_id` (the row's
 * image carries it, e.g. a measurement). Each feature declares its own tables; the root merges them.
 */
export interface ChangeScope {
  items: Record<string, 'key' | 'node_id'>;
  /** Tables that hold the contrat's own fields (name, EPCI, period, QPV). */
  contrat: string[];
}

/** What the session needs from the features, handed to it by the composition root. */
export interface SessionHooks {
  /** The contrat's name, EPCI, period and QPV, for DocInfo. */
  summary(doc: Doc): ContratInfo;
  /** The tables a change event looks at. */
  scope: ChangeScope;
}

/** The canonical form of a path: the same file reached through a link, `..` or a relative path is one key. */
export function canonical(file: string): string {
  const abs = path.resolve(file);
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

/** The items and contrat fields a journal group wrote (what a page following the contrat must show again). */
function touched(s: Store, groupId: number, scope: ChangeScope): { itemIds: string[]; contrat: boolean } {
  const rows = s.run
    .stmt("SELECT tbl, row_key, batch, item, CASE WHEN batch = 0 THEN json_extract(coalesce(after, before), '$.node_id') END AS node FROM journal_change WHERE group_id = ? ORDER BY id")
    .all(groupId) as { tbl: string; row_key: string; batch: number; item: unknown; node: unknown }[];
  const ids = new Set<string>();
  let contrat = false;
  for (const r of rows) {
    if (scope.contrat.includes(r.tbl)) contrat = true;
    const how = Object.prototype.hasOwnProperty.call(scope.items, r.tbl) ? scope.items[r.tbl] : undefined;
    if (!how) continue;
    try {
      // A bulk entry (db/journal/bulk.ts) holds one item's rows: its item is the node they hang on, else their key.
      const item = r.batch ? r.item : how === 'node_id' ? r.node : (JSON.parse(r.row_key) as unknown[])[0];
      if (typeof item === 'string') ids.add(item);
    } catch {
      // a damaged key names no item: the page reloads on the revision anyway
    }
  }
  return { itemIds: [...ids], contrat };
}

export class DocumentSession {
  private readonly docs = new Map<string, Store>();
  /** The handle each open store is known to the features by. */
  private readonly handles = new WeakMap<Store, Doc>();
  private readonly backupState = new Map<Store, { last: number; running: Promise<unknown>; problem?: string }>();
  /** Closes waiting for a backup still being written: tracked so that settle() also waits for them. */
  private readonly closing = new Set<Promise<void>>();
  readonly backupRoot: string;
  private readonly interval: number;
  /** Changes counted per open contrat (DocChange.revision). */
  private readonly revisions = new WeakMap<Store, number>();

  constructor(
    private readonly host: HostOptions,
    private readonly settings: SettingsFile,
    private readonly hooks: SessionHooks,
    /** Told of every committed change (DocChange), for the pages that follow the contrat. */
    private readonly onChange: (change: DocChange) => void = () => undefined,
  ) {
    this.backupRoot = path.join(host.appDataDir, 'sauvegardes');
    this.interval = host.backupIntervalMs ?? 3_600_000;
  }

  /** Where a file's backups go (also where a copy is kept before a file is brought up to date). */
  backupDir(file: string): string {
    return backupDirFor(this.backupRoot, file);
  }

  /** The open contrat `docId`, with the current author set for the next changes. */
  docOf(docId: string): Doc {
    return this.handleOf(this.storeOf(docId));
  }

  private handleOf(s: Store): Doc {
    let doc = this.handles.get(s);
    if (!doc) this.handles.set(s, (doc = new SessionDoc(s, (step) => this.changed(s, step))));
    return doc;
  }

  private storeOf(docId: string): Store {
    const s = this.docs.get(docId);
    if (!s || !s.isOpen) throw new TrameError('introuvable', "Ce contrat n'est plus ouvert : rouvrez-le depuis l'écran d'accueil.");
    // A contrat opened to be read makes no change: no author to draw (drawing one writes the settings).
    if (!s.readOnly) {
      const author = this.settings.author();
      s.author = author.name;
      s.authorId = author.id;
    }
    return s;
  }

  info(docId: string): DocInfo {
    return this.describe(docId, this.storeOf(docId));
  }

  private describe(docId: string, s: Store): DocInfo {
    return {
      docId,
      path: s.path,
      readOnly: s.readOnly,
      readOnlyReason: s.readOnlyReason,
      offline: s.offline,
      notice: s.notice,
      backupProblem: this.backupState.get(s)?.problem ?? null,
      contrat: this.hooks.summary(this.handleOf(s)),
    };
  }

  private refuseIfOpen(file: string): string {
    const key = canonical(file);
    for (const [id, s] of this.docs) {
      if (canonical(s.path) === key) {
        throw new TrameError('deja-ouvert', `Le contrat « ${path.basename(file)} » est déjà ouvert dans Trame.`, undefined, id);
      }
    }
    return key;
  }

  /** Opens a file to edit it: recent-files entry, a backup at once, and a copy kept if it must be brought up to date. */
  open(file: string, options: { justCreated?: boolean } = {}): DocInfo {
    const key = this.refuseIfOpen(file);
    return this.adopt(randomUUID(), this.openForEditing(key, options.justCreated), key);
  }

  /**
   * The store of `file` opened to edit, by the current author; an older file is copied beside its backups first.
   * `justCreated`: Trame has just written and checked this file (an import): its content is not checked again.
   */
  private openForEditing(file: string, justCreated = false): Store {
    // The content checks run after the first screen (job doc.fullCheck) or before the first write (Store.checkContent).
    return Store.open(file, this.settings.author(), { migrationCopyDir: this.backupDir(file), justCreated, deferContent: true });
  }

  /** Puts `store` (just opened at `file`) under `docId`: recent files, first backup. */
  private adopt(docId: string, store: Store, file: string): DocInfo {
    let result: DocInfo;
    try {
      try {
        result = this.describe(docId, store);
      } catch (err) {
        store.checkContent(); // a file the first read cannot describe: the content checks' refusal, if they fail
        throw err;
      }
    } catch (err) {
      store.close(); // refused: released at once, never left open (a next open would say « déjà ouvert »)
      throw err;
    }
    this.docs.set(docId, store);
    store.notice = null; // told once, with the opening
    this.settings.touchRecent(canonical(file), result.contrat.name);
    this.scheduleBackup(store, true);
    return result;
  }

  /** Opens a file only to read it: nothing written anywhere, neither in the file nor in the settings or backups. */
  inspect(file: string): DocInfo {
    const key = this.refuseIfOpen(file);
    const store = Store.openForReading(key);
    const docId = randomUUID();
    let result: DocInfo;
    try {
      result = this.describe(docId, store);
    } catch (err) {
      store.close();
      throw err;
    }
    this.docs.set(docId, store);
    return result;
  }

  /**
   * The one door of a change: `fn` runs inside one journal group (one undo) of the open contrat `docId`; after the
   * commit, the change event names the items it wrote, and a backup may follow.
   */
  edit(docId: string, label: string, fn: Parameters<Doc['edit']>[1]): ReturnType<Doc['edit']> {
    return this.docOf(docId).edit(label, fn);
  }

  /** After every commit of a Doc: the change event (a journaled step), and maybe a backup. */
  private changed(s: Store, step: JournalStep | null): void {
    this.scheduleBackup(s, false);
    const docId = step ? [...this.docs].find(([, v]) => v === s)?.[0] : undefined;
    if (step && docId) {
      const revision = (this.revisions.get(s) ?? 0) + 1;
      this.revisions.set(s, revision);
      this.onChange({ docId, revision, action: step.kind, groupId: step.groupId, label: step.label, origin: currentOrigin(), ...touched(s, step.groupId, this.hooks.scope) });
    }
  }

  /** How many changes `docId` had since it was opened (DocChange.revision of the last one). */
  revision(docId: string): number {
    const s = this.docs.get(docId);
    return s ? (this.revisions.get(s) ?? 0) : 0;
  }

  /** Starts a backup in the background (on open, then at most every `interval` while the contrat changes). */
  private scheduleBackup(s: Store, force: boolean): void {
    if (s.readOnly || s.offline) return;
    const st = this.backupState.get(s) ?? { last: 0, running: Promise.resolve() };
    this.backupState.set(s, st);
    if (!force && Date.now() - st.last < this.interval) return;
    st.last = Date.now();
    st.running = st.running
      .then(async () => {
        if (!s.isOpen || s.offline) return;
        // A file whose content is not yet checked is not copied: its first backup follows the check (checkContent).
        if (s.contentPending) {
          st.last = 0;
          return;
        }
        await backupNow(s, this.backupDir(s.path));
        st.problem = undefined;
      })
      .catch((err: unknown) => {
        // A failed backup must never stop the user's work; it is told (DocInfo.backupProblem) and retried at the
        // next edit.
        st.problem = err instanceof TrameError ? err.message : 'La sauvegarde automatique n’a pas pu être faite : vos modifications sont bien dans le contrat, mais sans copie de secours.';
        st.last = 0;
        if (process.env.TRAME_DEBUG) console.error(err);
      });
  }

  /** Waits for the backup of `docId` still being written, if any. */
  async settleBackup(docId: string): Promise<void> {
    await this.settleStore(this.storeOf(docId));
  }

  private async settleStore(s: Store): Promise<void> {
    await this.backupState.get(s)?.running;
  }

  /** Closes `docId` once its backup is written. */
  async close(docId: string): Promise<void> {
    const s = this.docs.get(docId);
    // The file was replaced or cut under the open contrat since the last edit: its edits are only in memory now.
    if (s?.isOpen && s.verifyFile(true)) throw new TrameError('ecriture-impossible', s.offline ?? 'Le fichier a changé.');
    this.docs.delete(docId);
    if (s) await this.closeStore(s);
  }

  private closeStore(s: Store): Promise<void> {
    const done = this.settleStore(s).then(() => {
      this.backupState.delete(s);
      s.close();
    });
    this.closing.add(done);
    return done.finally(() => this.closing.delete(done));
  }

  /** Replaces the store behind `docId` (« Enregistrer sous »: the same document goes on in its copy). */
  async replace(docId: string, file: string): Promise<DocInfo> {
    const old = this.docs.get(docId);
    if (old) await this.closeStore(old);
    this.docs.delete(docId);
    return this.adopt(docId, this.openForEditing(file), file);
  }

  /** Synchronous for quit paths: a backup still running is abandoned (its temp file is ignored by the list). */
  closeAll(): void {
    for (const s of this.docs.values()) s.close();
    this.docs.clear();
  }

  async settle(): Promise<void> {
    await Promise.all([...this.docs.values()].map((s) => this.settleStore(s)));
    await Promise.all([...this.closing]);
  }

  /** The open contrat `docId` if it is still open (a listener of events asks without failing). */
  find(docId: string): Doc | undefined {
    const s = this.docs.get(docId);
    return s?.isOpen ? this.handleOf(s) : undefined;
  }

  /** The store itself: for the composition root's hosts and tests only (fault injection), never for a feature. */
  store(docId: string): Store | undefined {
    return this.docs.get(docId);
  }

  list(): { docId: string; path: string }[] {
    return [...this.docs.entries()].map(([docId, s]) => ({ docId, path: s.path }));
  }
}
