// App settings (not in the contrat): the user's name for the journal, and the recent files.
// One small JSON file in the app data folder, written atomically (temp file + rename).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface RecentEntry { path: string; name: string; openedAt: string }
export interface Settings { userName: string | null; recent: RecentEntry[] }

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
      return { userName, recent };
    } catch {
      // Missing or damaged settings: start afresh (they hold no contrat data).
      return { userName: null, recent: [] };
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

  setUserName(name: string): void {
    this.data.userName = name.trim();
    this.save();
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
