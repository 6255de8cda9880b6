// A real removable volume, really failing: an ext4 image mounted through a loop device, then shut down with the
// EXT4_IOC_SHUTDOWN ioctl (every later read and write fails with EIO, as when a USB key is pulled out or the power
// is cut), or filled up with fallocate (a full key). Needs root and loop devices: `npm run test:device`, not part of
// `npm test` (see the README). It fails loudly, never skips, when the machine cannot mount.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmpty } from '../../core/features/contrat/queries';
import { writeCycles, type WriterMode } from '../durability/crash';
import { harness } from '../helpers/handlers';
import { SAMPLE_CONTRAT } from '../helpers/store';

const root = mkdtempSync(path.join(os.tmpdir(), 'trame-device-'));
const image = path.join(root, 'cle.img');
const key = path.join(root, 'cle');
const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' }).toString();

/** EXT4_IOC_SHUTDOWN with EXT4_GOING_FLAGS_NOLOGFLUSH: the volume is gone, like a key pulled out. */
function pull(mountPoint: string): void {
  sh('python3', ['-c', `import fcntl,os,struct\nfd=os.open(${JSON.stringify(mountPoint)},os.O_RDONLY)\nfcntl.ioctl(fd,0x8004587D,struct.pack('I',2))`]);
}

const mounted = new Set<string>();
function mountKey(): void {
  sh('mount', ['-o', 'loop', image, key]);
  mounted.add(key);
}
function unmount(dir: string): void {
  sh('umount', [dir]);
  mounted.delete(dir);
}

beforeAll(() => {
  if (process.getuid?.() !== 0) throw new Error('test:device doit tourner en root (montage de périphériques loop).');
  mkdirSync(key);
  sh('truncate', ['-s', '64M', image]);
  sh('mkfs.ext4', ['-q', '-F', image]);
});

const unmountAll = (): void => {
  for (const dir of [...mounted]) {
    try {
      unmount(dir);
    } catch {
      sh('umount', ['-l', dir]); // a failed test left a contrat open on it
      mounted.delete(dir);
    }
  }
};
afterEach(unmountAll);
afterAll(() => {
  unmountAll();
  rmSync(root, { recursive: true, force: true });
});

describe('a real volume that goes away', () => {
  it.each([
    ['the demo contrat (about 40 items)', 0],
    ['a grown contrat (3 000 more items)', 3000],
  ])('USB key pulled out: %s — edits go on in memory, « Enregistrer sous » saves everything elsewhere', async (_label, extra) => {
    mountKey();
    const h = harness();
    const file = path.join(key, `contrat-${extra}.trame`);
    const doc = await h.must('contrat.createDemo', { path: file });
    const first = (await h.must('tree.get', { docId: doc.docId })).nodes[0].id;
    for (let k = 0; k < extra; k++) await h.must('tree.add', { docId: doc.docId, parentId: null, title: `Enjeu ${k}`, kind: 'enjeu' });
    await h.must('tree.update', { docId: doc.docId, id: first, patch: { title: 'Écrit sur la clé' } });
    await h.set.settle();
    // Close and reopen, as a user does the next morning: the page cache starts cold.
    await h.must('doc.close', { docId: doc.docId });
    const reopened = await h.must('doc.open', { path: file });
    await h.set.settle();
    const before = (await h.must('tree.get', { docId: reopened.docId })).nodes.length;

    pull(key);
    const out = await h.must('tree.add', { docId: reopened.docId, parentId: null, title: 'Gardé en mémoire', kind: 'enjeu' });
    expect(out.offline).toMatch(/ne peut plus être enregistré .*clé USB retirée.*Enregistrer sous/);
    await h.must('tree.update', { docId: reopened.docId, id: first, patch: { tag: 'garder', tagNote: 'après le retrait' } });
    await h.must('journal.undo', { docId: reopened.docId });
    await h.must('journal.redo', { docId: reopened.docId });
    const info = await h.must('doc.info', { docId: reopened.docId });
    expect(info.offline).toMatch(/gardées en mémoire/);

    const elsewhere = path.join(root, `sauve-${extra}.trame`);
    const saved = await h.must('doc.saveAs', { docId: reopened.docId, path: elsewhere });
    expect(saved.offline).toBeNull();
    await h.must('doc.close', { docId: saved.docId });
    const copy = new Database(elsewhere, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT count(*) AS n FROM node').get() as { n: number }).n).toBe(before + 1);
    expect(copy.prepare('SELECT title, tag, tag_note AS note FROM node WHERE id = ?').get(first)).toEqual({
      title: 'Écrit sur la clé',
      tag: 'garder',
      note: 'après le retrait',
    });
    copy.close();

    // The key comes back: Trame opens its file, sound, with everything committed before the pull.
    unmount(key);
    mountKey();
    const back = await h.must('doc.open', { path: file });
    expect(back.readOnly).toBe(false);
    const nodes = (await h.must('tree.get', { docId: back.docId })).nodes;
    expect(nodes).toHaveLength(before);
    expect(nodes.find((n) => n.id === first)?.title).toBe('Écrit sur la clé');
    expect(h.set.store(back.docId)!.integrity()).toBe('ok');
    await h.must('doc.close', { docId: back.docId });
    await h.set.settle();
    unmount(key);
  });

  it('USB key full: the edit that does not fit goes on in memory, and the file stays sound', async () => {
    mountKey();
    // Leave about 400 kB free on the key.
    const free = Number(sh('df', ['--output=avail', '-B1', key]).split('\n')[1]);
    sh('fallocate', ['-l', String(free - 400_000), path.join(key, 'remplissage')]);
    const h = harness();
    const file = path.join(key, 'plein.trame');
    const doc = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
    let offline: string | null = null;
    let added = 0;
    const big = 'Une action décrite longuement. '.repeat(300);
    for (let k = 0; k < 400 && !offline; k++) {
      const out = await h.must('tree.add', { docId: doc.docId, parentId: null, title: `Enjeu ${k}`, kind: 'enjeu' });
      added++;
      offline = (await h.must('tree.update', { docId: doc.docId, id: out.focusId!, patch: { description: big } })).offline;
    }
    expect(offline).toMatch(/le disque est plein/);
    await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Après', kind: 'enjeu' });
    const elsewhere = path.join(root, 'depuis-cle-pleine.trame');
    const saved = await h.must('doc.saveAs', { docId: doc.docId, path: elsewhere });
    const nodes = (await h.must('tree.get', { docId: saved.docId })).nodes;
    expect(nodes).toHaveLength(added + 1);
    expect(nodes.filter((n) => n.description === big)).toHaveLength(added);
    await h.must('doc.close', { docId: saved.docId });
    await h.set.settle();
    // The user frees some space: the file on the key opens, sound, with what was committed before it filled up.
    rmSync(path.join(key, 'remplissage'));
    const left = await h.must('doc.open', { path: file });
    expect(h.set.store(left.docId)!.integrity()).toBe('ok');
    const onKey = (await h.must('tree.get', { docId: left.docId })).nodes.length;
    await h.must('doc.close', { docId: left.docId });
    await h.set.settle();
    expect(onKey).toBeGreaterThan(0);
    expect(onKey).toBeLessThanOrEqual(added);
    console.log(`cle-pleine: ${added} enjeux saisis, ${onKey} sur la clé, tous dans la copie`);
    unmount(key);
  });
});

/**
 * Power cut: the writer of the crash test edits a file on the volume; at a random moment it is frozen, the volume
 * is cut off without flushing its journal (what was not on the device is gone, as on a power loss), and the writer
 * killed. The volume is mounted again and the file opened through Trame's own open path.
 */
function powerCuts(file: string, cycles: number, mode: WriterMode) {
  return writeCycles(file, cycles, {
    mode,
    stop: (child) => {
      child.kill('SIGSTOP');
      pull(key);
      child.kill('SIGKILL');
    },
    delayMs: () => 5 + Math.random() * 60,
    afterStop: () => {
      unmount(key);
      mountKey();
    },
  });
}

describe('power cuts on a real volume', () => {
  it('why synchronous=EXTRA: in DELETE mode, FULL loses the last commit to a cut, EXTRA keeps it', () => {
    const rowsAfterCut = (sync: 'FULL' | 'EXTRA'): number => {
      mountKey();
      const file = path.join(key, `delete-${sync}.db`);
      const db = new Database(file);
      db.pragma('journal_mode = DELETE');
      db.pragma(`synchronous = ${sync}`);
      db.exec('CREATE TABLE t (v TEXT)');
      const ins = db.prepare('INSERT INTO t VALUES (?)');
      for (let k = 0; k < 20; k++) ins.run(`ligne ${k}`); // 20 commits
      pull(key);
      db.close();
      unmount(key);
      mountKey();
      const back = new Database(file); // rolls a resurrected journal back, as Trame's open does
      const n = (back.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
      back.close();
      unmount(key);
      return n;
    };
    const full = rowsAfterCut('FULL');
    const extra = rowsAfterCut('EXTRA');
    console.log(`delete-mode-cut: FULL garde ${full}/20, EXTRA garde ${extra}/20`);
    expect(extra).toBe(20);
    expect(full).toBeLessThan(20);
  });

  it('right after creating, editing and closing a contrat, then after « Enregistrer sous » onto the key: all there', async () => {
    mountKey();
    const h = harness();
    /** Closes the contrat, cuts the volume off at once, mounts it again and reopens the file through Trame. */
    const cutAndReopen = async (docId: string, file: string) => {
      await h.must('doc.close', { docId });
      await h.set.settle();
      pull(key);
      unmount(key);
      mountKey();
      const doc = await h.must('doc.open', { path: file });
      expect((await h.must('tree.get', { docId: doc.docId })).nodes.map((n) => n.title)).toEqual(['Avant la coupure']);
      return doc;
    };
    const file = path.join(key, 'neuf.trame');
    const doc = await h.must('contrat.create', { path: file, contrat: SAMPLE_CONTRAT });
    await h.must('tree.add', { docId: doc.docId, parentId: null, title: 'Avant la coupure', kind: 'enjeu' });
    const back = await cutAndReopen(doc.docId, file);
    const copy = path.join(key, 'copie.trame');
    const saved = await h.must('doc.saveAs', { docId: back.docId, path: copy });
    const again = await cutAndReopen(saved.docId, copy);
    await h.must('doc.close', { docId: again.docId });
    await h.set.settle();
  });

  it('no acknowledged edit lost, no damaged file; a writer at synchronous=NORMAL is caught losing edits', async () => {
    mountKey();
    const file = path.join(key, 'coupures.trame');
    createEmpty(file, SAMPLE_CONTRAT);
    const cycles = Number(process.env.TRAME_POWER_CUTS ?? 30);
    const trame = await powerCuts(file, cycles, '--ack-after-commit');
    console.log(`power-cuts: ${trame.cycles}, lost: ${trame.lost}, corrupt: ${trame.corrupt} (${trame.acked} éditions acquittées)`);
    const normalFile = path.join(key, 'normal.trame');
    createEmpty(normalFile, SAMPLE_CONTRAT);
    const normal = await powerCuts(normalFile, 10, '--synchronous-normal');
    console.log(`power-cuts-negative-control (synchronous=NORMAL): ${normal.cycles}, lost: ${normal.lost} sur ${normal.acked}`);
    expect(trame.acked).toBeGreaterThan(cycles); // the writer did get to write
    expect(trame.corrupt).toBe(0);
    expect(trame.lost).toBe(0);
    expect(normal.lost).toBeGreaterThan(0);
  });
});
