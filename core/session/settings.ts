// App settings (not in the contrat): who the user is for the journal (a stable id and a name), and the recent
// files. One small JSON file in the app data folder, written atomically (temp file + rename).
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface RecentEntry { path: string; name: string; openedAt: string }
export interface Settings { userId: string | null; userName: string | null; recent: RecentEntry[] }
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
      return { userId, userName, recent };
    } catch {
      // Missing or damaged settings: start afresh (they hold no contrat data).
      return { userId: null, userName: null, recent: [] };
    }
  }

  private save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 2));
    renameSync(tmp, this.file);
  }

  get userName(): string | null {
    return this.data.userName;
  }

  /** The user's id is created with their name and kept when the name changes. */
  setUserName(name: string): void {
    this.data.userName = name.trim();
    this.data.userId ??= randomUUID();
    this.save();
  }

  /** The author of the next changes. An id is drawn (and kept) the first time one is needed. */
  author(): Author {
    if (!this.data.userId) {
      this.data.userId = randomUUID();
      try {
        this.save();
      } catch {
        /* kept in memory for this session: a settings folder that cannot be written must not stop an edit */
      }
    }
    return { id: this.data.userId, name: this.data.userName ?? 'Utilisateur sans nom' };
  }

  get recent(): RecentEntry[] {
    return this.data.recent;
  }

  touchRecent(file: string, name: string): void {
    this.data.recent = [{ path: file, name, openedAt: new Date().toISOString() }, ...this.data.recent.filter((r) => r.path !== file)].slice(0, MAX_RECENT);
    try {
      this.save();
    } catch {
      /* the recent list is a convenience: never fail an open for it */
    }
  }

  forgetRecent(file: string): void {
    this.data.recent = this.data.recent.filter((r) => r.path !== file);
    this.save();
  }
}
