// Issue 22, item 6: a document written to its file as it is laid out (AtomicFile), with the guarantees of
// writeFileAtomic: nothing under the name before commit, the temporary file removed on abort, an existing file
// refused unless replaced, and a replaced file keeps its permissions.
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicFile } from '../../core/files';
import { TrameError } from '../../core/api/result';
import { tmpDir } from '../helpers/tmp';

describe('AtomicFile', () => {
  it('written block by block: nothing under the name before commit, the whole content after, no temporary file left', () => {
    const d = tmpDir();
    const file = path.join(d, 'protocole.pdf');
    const out = AtomicFile.create(file);
    out.write(Buffer.from('%PDF-1.7\n'));
    out.write(new Uint8Array(70_000).fill(65).subarray(10));
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    out.commit();
    out.abort(); // after a commit: harmless
    const bytes = readFileSync(file);
    expect(bytes.length).toBe(9 + 69_990);
    expect(bytes.subarray(0, 9).toString()).toBe('%PDF-1.7\n');
    expect(bytes[bytes.length - 1]).toBe(65);
    expect(readdirSync(d)).toEqual(['protocole.pdf']);
  });

  it('aborted (a cancellation, a failure): no file, no temporary file, an existing file unchanged', () => {
    const d = tmpDir();
    const file = path.join(d, 'protocole.pdf');
    const out = AtomicFile.create(file);
    out.write(Buffer.from('début'));
    out.abort();
    expect(readdirSync(d)).toEqual([]);

    writeFileSync(file, 'ancien');
    const again = AtomicFile.create(file, { replace: true });
    again.write(Buffer.from('nouveau, interrompu'));
    again.abort();
    expect(readFileSync(file, 'utf8')).toBe('ancien');
    expect(readdirSync(d)).toEqual(['protocole.pdf']);
  });

  it('an existing file is refused in French unless replaced; replaced, it keeps its permissions', () => {
    const d = tmpDir();
    const file = path.join(d, 'protocole.pdf');
    writeFileSync(file, 'ancien');
    chmodSync(file, 0o600);
    expect(() => AtomicFile.create(file)).toThrow(TrameError);
    expect(() => AtomicFile.create(file)).toThrow(/existe/);
    const out = AtomicFile.create(file, { replace: true });
    out.write(Buffer.from('nouveau'));
    out.commit();
    expect(readFileSync(file, 'utf8')).toBe('nouveau');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(['protocole.pdf']);
  });

  it('a name taken while the file was written is not replaced (commit refuses, the temporary file is removed)', () => {
    const d = tmpDir();
    const file = path.join(d, 'protocole.pdf');
    const out = AtomicFile.create(file);
    out.write(Buffer.from('mien'));
    writeFileSync(file, "d'un autre");
    expect(() => out.commit()).toThrow(TrameError);
    expect(readFileSync(file, 'utf8')).toBe("d'un autre");
    expect(readdirSync(d)).toEqual(['protocole.pdf']);
  });
});
