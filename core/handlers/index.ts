// The handler table: plain functions over the stores, one per channel of core/api/contract.ts.
// They know nothing of Electron or HTTP; the hosts call them through dispatch().
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Handlers } from '../api/dispatch';
import type { AppInfo, DocInfo } from '../api/contract';
import { TrameError } from '../api/result';
import { parseTrameDocument } from '../format/schema';
import { demoDocument } from '../demo/demo-contrat';
import { SettingsFile } from '../settings';
import { writeFileAtomic } from '../files';
import type { HostOptions } from './context';
import { Store } from '../../db/store';
import { copyToNew, createEmpty, createFromDocument, exportDocument, readContrat, saveCopy, updateContrat } from '../../db/document';
import { backupDirFor, backupNow, listBackups } from '../../db/backup';
import { rawOpen } from '../../db/connection';
import {
  addNode, indentNode, loadTree, moveNode, outdentNode, removeNode, setIndicator, updateNode,
} from '../../db/tree';

export interface HandlerSet {
  handlers: Handlers;
  /** Closes every open contrat (clean close: the files go back to a single self-contained file). */
  closeAll(): void;
  /** For hosts (Electron: which window has which file) and tests. */
  openDocs(): { docId: string; path: string }[];
  /** Waits for background work to finish: backups being written, contrats being closed after one. */
  settle(): Promise<void>;
  /** Test and host access to an open store (e.g. fault injection in tests). */
  store(docId: string): Store | undefined;
}

function countItems(file: string): number | null {
  try {
    const db = rawOpen(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM node').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

function canonical(file: string): string {
  const abs = path.resolve(file);
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

function checkExtension(file: string): void {
  if (path.extname(file).toLowerCase() !== '.trame') {
    throw new TrameError('entree-invalide', `Le nom du fichier doit se terminer par « .trame » (reçu : « ${path.basename(file)} »).`);
  }
}

export function createHandlers(host: HostOptions): HandlerSet {
  const settings = new SettingsFile(host.appDataDir);
  const docs = new Map<string, Store>();

  const author = (): string => settings.userName ?? 'Utilisateur sans nom';

  const info = (): AppInfo => ({
    mode: host.mode === 'electron' ? 'electron' : 'web',
    version: host.version,
    userName: settings.userName,
    defaultDir: host.defaultDir,
  });

  // ---------- automatic backups ----------
  const backupRoot = path.join(host.appDataDir, 'sauvegardes');
  const interval = host.backupIntervalMs ?? 3_600_000;
  const backupState = new Map<Store, { last: number; running: Promise<unknown> }>();

  /** Starts a backup in the background (on open, then at most every `interval` while the contrat changes). */
  const scheduleBackup = (s: Store, force: boolean): void => {
    if (s.readOnly || s.offline) return;
    const st = backupState.get(s) ?? { last: 0, running: Promise.resolve() };
    backupState.set(s, st);
    if (!force && Date.now() - st.last < interval) return;
    st.last = Date.now();
    st.running = st.running
      .then(() => (s.isOpen && !s.offline ? backupNow(s, backupDirFor(backupRoot, s.path)) : null))
      .catch((err: unknown) => {
        // A failed backup must never stop the user's work; it is retried at the next interval.
        st.last = 0;
        if (process.env.TRAME_DEBUG) console.error(err);
      });
  };

  const settle = async (s: Store): Promise<void> => {
    await backupState.get(s)?.running;
  };

  // Closes waiting for a backup still being written: tracked so that settle() also waits for them.
  const closing = new Set<Promise<void>>();
  const closeStore = (s: Store): Promise<void> => {
    const done = settle(s).then(() => {
      backupState.delete(s);
      s.close();
    });
    closing.add(done);
    return done.finally(() => closing.delete(done));
  };

  /** Every edit goes through here: after it, maybe a backup. */
  const edited = <T>(s: Store, out: T): T => {
    scheduleBackup(s, false);
    return out;
  };

  const docOf = (docId: string): Store => {
    const s = docs.get(docId);
    if (!s || !s.isOpen) throw new TrameError('introuvable', "Ce contrat n'est plus ouvert : rouvrez-le depuis l'écran d'accueil.");
    s.author = author();
    return s;
  };

  const docInfo = (docId: string, s: Store): DocInfo => ({
    docId,
    path: s.path,
    readOnly: s.readOnly,
    readOnlyReason: s.readOnlyReason,
    offline: s.offline,
    contrat: readContrat(s),
  });

  const open = (file: string): DocInfo => {
    const key = canonical(file);
    for (const [id, s] of docs) {
      if (canonical(s.path) === key) {
        throw new TrameError('deja-ouvert', `Le contrat « ${path.basename(file)} » est déjà ouvert dans Trame.`, undefined, id);
      }
    }
    const store = Store.open(key, author());
    const docId = randomUUID();
    docs.set(docId, store);
    const result = docInfo(docId, store);
    settings.touchRecent(key, result.contrat.name);
    scheduleBackup(store, true);
    return result;
  };

  const prepareNewFile = (file: string): string => {
    checkExtension(file);
    return path.resolve(file);
  };

  const handlers: Handlers = {
    'app.info': () => info(),
    'settings.setUserName': ({ name }) => {
      settings.setUserName(name);
      return info();
    },
    'recent.list': () => settings.recent.map((r) => ({ ...r, exists: existsSync(r.path) })),
    'recent.forget': ({ path: p }) => {
      settings.forgetRecent(p);
      return settings.recent.map((r) => ({ ...r, exists: existsSync(r.path) }));
    },

    'contrat.create': ({ path: p, contrat }) => {
      const file = prepareNewFile(p);
      createEmpty(file, contrat);
      return open(file);
    },
    'contrat.createDemo': ({ path: p }) => {
      const file = prepareNewFile(p);
      createFromDocument(file, parseTrameDocument(demoDocument()));
      return open(file);
    },
    'contrat.update': ({ docId, contrat }) => {
      const s = docOf(docId);
      edited(s, updateContrat(s, contrat));
      return docInfo(docId, s);
    },

    'doc.open': ({ path: p }) => open(p),
    'doc.info': ({ docId }) => docInfo(docId, docOf(docId)),
    'doc.close': async ({ docId }) => {
      const s = docs.get(docId);
      docs.delete(docId);
      if (s) await closeStore(s);
      return null;
    },
    'doc.saveAs': async ({ docId, path: p }) => {
      const s = docOf(docId);
      const file = prepareNewFile(p);
      if (canonical(file) === canonical(s.path)) {
        throw new TrameError('fichier-existe', 'Choisissez un autre fichier que celui qui est ouvert.');
      }
      saveCopy(s, file);
      await closeStore(s);
      docs.delete(docId);
      const store = Store.open(file, author());
      docs.set(docId, store);
      const result = docInfo(docId, store);
      settings.touchRecent(canonical(file), result.contrat.name);
      scheduleBackup(store, true);
      return result;
    },

    'backup.list': async ({ docId }) => {
      const s = docOf(docId);
      await settle(s);
      return listBackups(backupDirFor(backupRoot, s.path)).map((b) => ({ id: b.id, at: b.at, size: b.size, items: countItems(b.file) }));
    },
    'backup.restore': async ({ docId, backupId, path: p }) => {
      const s = docOf(docId);
      await settle(s);
      const backup = listBackups(backupDirFor(backupRoot, s.path)).find((b) => b.id === backupId);
      if (!backup) throw new TrameError('introuvable', 'Cette sauvegarde n’existe plus : rouvrez la liste des sauvegardes.');
      const file = prepareNewFile(p);
      if (canonical(file) === canonical(s.path)) {
        throw new TrameError('fichier-existe', 'Une sauvegarde se restaure dans un nouveau fichier, jamais à la place du contrat ouvert.');
      }
      copyToNew(backup.file, file);
      return open(file);
    },

    'tree.get': ({ docId }) => ({ nodes: loadTree(docOf(docId)) }),
    'tree.add': ({ docId, ...rest }) => {
      const s = docOf(docId);
      return edited(s, addNode(s, rest));
    },
    'tree.update': ({ docId, id, patch }) => {
      const s = docOf(docId);
      return edited(s, updateNode(s, id, patch));
    },
    'tree.setIndicator': ({ docId, id, patch }) => {
      const s = docOf(docId);
      return edited(s, setIndicator(s, id, patch));
    },
    'tree.move': ({ docId, id, parentId, index }) => {
      const s = docOf(docId);
      return edited(s, moveNode(s, id, parentId, index));
    },
    'tree.indent': ({ docId, id }) => {
      const s = docOf(docId);
      return edited(s, indentNode(s, id));
    },
    'tree.outdent': ({ docId, id }) => {
      const s = docOf(docId);
      return edited(s, outdentNode(s, id));
    },
    'tree.remove': ({ docId, id }) => {
      const s = docOf(docId);
      return edited(s, removeNode(s, id));
    },

    'history.state': ({ docId }) => docOf(docId).historyState(),
    'history.undo': ({ docId }) => {
      const s = docOf(docId);
      return edited(s, s.undo());
    },
    'history.redo': ({ docId }) => {
      const s = docOf(docId);
      return edited(s, s.redo());
    },
    'history.list': ({ docId, limit }) => docOf(docId).journal(limit),

    'format.export': ({ docId }) => exportDocument(docOf(docId)),
    'format.exportToFile': ({ docId, path: p }) => {
      const file = path.resolve(p);
      if (path.extname(file).toLowerCase() !== '.json') {
        throw new TrameError('entree-invalide', `L'export JSON s'écrit dans un fichier « .json » (reçu : « ${path.basename(file)} »).`);
      }
      writeFileAtomic(file, `${JSON.stringify(exportDocument(docOf(docId)), null, 2)}\n`);
      return { path: file };
    },
    'format.import': ({ path: p, document }) => {
      const file = prepareNewFile(p);
      createFromDocument(file, parseTrameDocument(document));
      return open(file);
    },
  };

  return {
    handlers,
    closeAll: () => {
      // Synchronous for quit paths: a backup still running is abandoned (its temp file is ignored by the list).
      for (const s of docs.values()) s.close();
      docs.clear();
    },
    settle: async () => {
      await Promise.all([...docs.values()].map(settle));
      await Promise.all([...closing]);
    },
    store: (docId: string) => docs.get(docId),
    openDocs: () => [...docs.entries()].map(([docId, s]) => ({ docId, path: s.path })),
  };
}
