// App settings (not in the contrat): who the user is for the journal (a stable id and a name), and the recent
// files. One small JSON file in the app data folder, written atomically (temp file + rename).
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { frenchCause, TrameError } from '../api/result';
import { writeFileAtomic } from '../files';

export interface RecentEntry { path: string; name: string; openedAt: string }
export interface Settings {
  userId: string | null;
  userName: string | null;
  recent: RecentEntry[];
  /** The whole UI in larger text (for a projector or for reading comfort); kept between launches. */
  largeText?: boolean;
}
/** Who makes a change: a stable id (kept when the name changes) and the name shown beside it. */
export interface Author { id: string; name: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const MAX_RECENT = 12;

export class SettingsFile {
  private data: Settings;
  readonly file: string;

  constructor(appDataDir: string) {
    this.file = path.join(appDataDir, 'settings.json');
    this.data = SettingsFile.read(this.file);
  }

  private static read(file: string): Settings {
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<Settings>;
      const userName = typeof raw.userName === 'string' && raw.userName.trim() ? raw.userName.trim().slice(0, 100) : null;
      const recent = Array.isArray(raw.recent)
        ? raw.recent
            .filter((r): r is RecentEntry => !!r && typeof r.path === 'string' && typeof r.name === 'string' && typeof r.openedAt === 'string')
            .slice(0, MAX_RECENT)
        : [];
      const userId = typeof raw.userId === 'string' && UUID.test(raw.userId) ? raw.userId : null;
      return { userId, userName, recent, largeText: raw.largeText === true };
    } catch {
      // Missing or damaged settings: start afresh (they hold no contrat data).
      return { userId: null, userName: null, recent: [] };
    }
  }

  /**
   * Writes `next` (atomically: a temporary file renamed over the old one, removed if anything fails), and only then
   * makes it the settings in force: a failed write leaves them as they were, in memory as on disk.
   */
  private commit(next: Settings, what: string): void {
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileAtomic(this.file, JSON.stringify(next, null, 2), { replace: true });
    } catch (err) {
      const cause = err instanceof TrameError ? err.message : `Impossible d'écrire « ${this.file} » (${frenchCause(err)}).`;
      throw new TrameError('ecriture-impossible', `${what} n'a pas pu être enregistré : ${cause}`, [
        `Détail technique : ${err instanceof Error ? err.message : String(err)}`,
      ]);
    }
    this.data = next;
  }

  /** For conveniences (recent files, an id drawn for the author): kept in memory if the folder cannot be written. */
  private commitOrKeep(next: Settings): void {
    try {
      this.commit(next, 'Le réglage');
    } catch {
      this.data = next;
    }
  }

  get userName(): string | null {
    return this.data.userName;
  }

  /** The user's id is created with their name and kept when the name changes. */
  setUserName(name: string): void {
    this.commit({ ...this.data, userName: name.trim(), userId: this.data.userId ?? randomUUID() }, 'Votre nom');
  }

  /** The author of the next changes. An id is drawn (and kept) the first time one is needed. */
  author(): Author {
    // Kept in memory for this session if the settings cannot be written: that must not stop an edit.
    const id = this.data.userId ?? randomUUID();
    if (!this.data.userId) this.commitOrKeep({ ...this.data, userId: id });
    return { id, name: this.data.userName ?? 'Utilisateur sans nom' };
  }

  get largeText(): boolean {
    return this.data.largeText === true;
  }

  setLargeText(on: boolean): void {
    this.commit({ ...this.data, largeText: on }, 'Le réglage « Texte agrandi »');
  }

  get recent(): RecentEntry[] {
    return this.data.recent;
  }

  touchRecent(file: string, name: string): void {
    // The recent list is a convenience: never fail an open for it.
    this.commitOrKeep({
      ...this.data,
      recent: [{ path: file, name, openedAt: new Date().toISOString() }, ...this.data.recent.filter((r) => r.path !== file)].slice(0, MAX_RECENT),
    });
  }

  forgetRecent(file: string): void {
    this.commit({ ...this.data, recent: this.data.recent.filter((r) => r.path !== file) }, 'La liste des fichiers récents');
  }
}
