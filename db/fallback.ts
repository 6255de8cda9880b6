// The in-memory fallback of an open contrat: when its file stops accepting writes (USB key pulled out, disk full,
// file replaced by another program), the contrat is rebuilt in memory without reading the failing file, and editing
// goes on there (« Enregistrer sous » writes it elsewhere). Rebuilt from a shadow image taken while the volume
// answered, plus every write committed since, replayed with the ids and times it drew.
import { openImage } from './image';
import type { Sqlite } from './connection';

/** A committed write, kept so it can be replayed over the shadow image; with the ids and times it drew. */
interface LoggedWrite { fn: () => unknown; ids: string[]; times: string[] }

/** Writes replayed over the shadow image before a new image is taken. */
const SHADOW_REFRESH = 200;

export class MemoryFallback {
  /**
   * An image taken while the volume answered, plus every write committed since. When a USB key is pulled out,
   * SQLite drops its page cache on the I/O error and cannot read the file (on a real ext4 volume shut down
   * mid-session `serialize()` returns a malformed image), so the copy cannot be taken then.
   */
  private shadow: { image: Buffer; writes: LoggedWrite[] } | null = null;
  /** Taken lazily, just before the first write runs: opening does not pay for it. */
  private taken = false;
  private recording: LoggedWrite | null = null;
  private replaying: { ids: string[]; times: string[] } | null = null;

  /**
   * A write is about to run (`db`: the file it runs on, null once the contrat lives in memory): the first one takes
   * the shadow image; the ids and times the write draws are recorded from now on.
   */
  begin(fn: () => unknown, db: Sqlite | null): void {
    if (db && !this.taken) this.take(db);
    this.recording = { fn, ids: [], times: [] };
  }

  /** The write began is committed to the file `db`: kept for a replay; every SHADOW_REFRESH writes, a new image. */
  committed(db: Sqlite): void {
    if (!this.shadow || !this.recording) return;
    this.shadow.writes.push(this.recording);
    if (this.shadow.writes.length >= SHADOW_REFRESH) this.take(db);
  }

  /** The write began is over, committed or not. */
  end(): void {
    this.recording = null;
  }

  /** An id or a time drawn inside a write: recorded, so that a replay over the shadow image draws the same. */
  draw(kind: 'ids' | 'times', fresh: () => string): string {
    const replayed = this.replaying?.[kind].shift();
    if (replayed) return replayed;
    const value = fresh();
    this.recording?.[kind].push(value);
    return value;
  }

  /**
   * The contrat as last committed, in memory: the shadow image (or, without one, what `file` still gives) with every
   * write since replayed. `install` points the store at the memory database before the writes replay (they run
   * through the store). Throws, with nothing kept, if the image cannot be opened or the result is unsound.
   */
  rebuild(file: Sqlite, install: (mem: Sqlite) => void): Sqlite {
    const mem = openImage(this.shadow ? this.shadow.image : file.serialize());
    try {
      install(mem);
      for (const w of this.shadow?.writes ?? []) {
        this.replaying = { ids: [...w.ids], times: [...w.times] };
        mem.transaction(w.fn).immediate();
      }
      const check = mem.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(String(check));
    } catch (err) {
      mem.close();
      throw err;
    } finally {
      this.replaying = null;
    }
    this.shadow = null;
    return mem;
  }

  private take(db: Sqlite): void {
    this.taken = true;
    try {
      this.shadow = { image: db.serialize(), writes: [] };
    } catch {
      this.shadow = null; // the fallback then tries to read the file at the moment it fails
    }
  }
}
