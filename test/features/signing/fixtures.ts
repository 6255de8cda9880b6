// Test material made at test time, never committed: certificates by `openssl` (a missing tool fails the test),
// PDFs by @cantoo/pdf-lib, and poppler's verdict read from `pdfsig`'s output (it exits 0 even when a signature is
// broken).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';

function tool(name: string, args: string[], cwd: string, input?: string): string {
  const r = spawnSync(name, args, { cwd, input, encoding: 'utf8' });
  if (r.error) throw new Error(`Outil « ${name} » introuvable ou en échec (${r.error.message}) : installez-le (openssl, poppler-utils, libnss3-tools).`);
  if (r.status !== 0) throw new Error(`${name} ${args.join(' ')} a échoué : ${r.stderr}`);
  return r.stdout;
}

export interface CertOptions {
  cn: string;
  passphrase?: string;
  expired?: boolean;
  /** openssl keyUsage value, e.g. 'keyEncipherment' for an encryption-only certificate. */
  keyUsage?: string;
}

/** A self-signed certificate and its key in a .p12 (AES, OpenSSL 3 defaults); returns the .p12 path. */
export function makeP12(dir: string, file: string, o: CertOptions): string {
  const work = path.join(dir, `${file}.d`);
  mkdirSync(path.join(work, 'db'), { recursive: true });
  writeFileSync(path.join(work, 'db', 'index.txt'), '');
  writeFileSync(path.join(work, 'db', 'serial'), `${(Math.floor(Math.random() * 1e6) + 4096).toString(16).padStart(6, '0')}\n`);
  writeFileSync(
    path.join(work, 'ca.cnf'),
    [
      '[ ca ]', 'default_ca = d', '[ d ]', 'database = db/index.txt', 'serial = db/serial', 'new_certs_dir = db',
      'default_md = sha256', 'policy = p', 'unique_subject = no', 'copy_extensions = copy', '[ p ]',
      'commonName = supplied', 'organizationName = optional',
    ].join('\n'),
  );
  const subj = `/CN=${o.cn}/O=Trame tests`;
  tool('openssl', ['genrsa', '-out', 'k.pem', '2048'], work);
  const ext = ['-addext', `keyUsage=critical,${o.keyUsage ?? 'digitalSignature,nonRepudiation'}`];
  tool('openssl', ['req', '-new', '-key', 'k.pem', '-out', 'r.csr', '-subj', subj, '-utf8', ...ext], work);
  const dates = o.expired ? ['-startdate', '20200101000000Z', '-enddate', '20210101000000Z'] : ['-days', '365'];
  tool('openssl', ['ca', '-batch', '-config', 'ca.cnf', '-selfsign', '-keyfile', 'k.pem', '-in', 'r.csr', '-out', 'c.pem', '-utf8', ...dates], work);
  const out = path.join(dir, file);
  tool('openssl', ['pkcs12', '-export', '-inkey', 'k.pem', '-in', 'c.pem', '-out', out, '-passout', `pass:${o.passphrase ?? 'secret'}`, '-name', o.cn], work);
  return out;
}

/** A PDF of `pages` pages with some text, made now. */
export async function makePdf(pages = 2, title = 'Protocole d’engagements — contrat de ville'): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const p = doc.addPage([595, 842]);
    p.drawText(`${title.replace('’', "'").replace('—', '-')} - page ${i + 1}`, { x: 50, y: 780, size: 14, font });
    for (let l = 0; l < 30; l++) p.drawText(`Engagement ${i * 30 + l + 1} : accompagner les habitants vers l'emploi.`, { x: 50, y: 740 - l * 20, size: 10, font });
  }
  return doc.save({ useObjectStreams: false });
}

export interface PdfsigSignature { valid: boolean; text: string; total: boolean }

/** poppler's verdict per signature (`pdfsig -nocert`: integrity only, trust left aside). */
export function pdfsig(file: string): PdfsigSignature[] {
  const r = spawnSync('pdfsig', ['-nocert', file], { encoding: 'utf8' });
  if (r.error) throw new Error(`pdfsig introuvable : installez poppler-utils (${r.error.message}).`);
  const blocks = r.stdout.split(/^Signature #\d+:$/m).slice(1);
  return blocks.map((b) => ({ valid: /Signature Validation: Signature is Valid\./.test(b), total: /Total document signed/.test(b), text: b }));
}

/** Signs `input` with poppler's `pdfsig -add-signature` (an outside tool), through an NSS database made now. */
export function signWithPdfsig(dir: string, p12: string, passphrase: string, input: string, output: string): void {
  const nss = path.join(dir, 'nss');
  mkdirSync(nss, { recursive: true });
  tool('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password'], dir);
  tool('pk12util', ['-i', p12, '-d', `sql:${nss}`, '-W', passphrase], dir);
  const nick = tool('certutil', ['-L', '-d', `sql:${nss}`], dir)
    .split('\n')
    .slice(4)
    .map((l) => l.replace(/\s+\S+,\S*,\S*\s*$/, '').trim())
    .find((l) => l.length > 0);
  if (!nick) throw new Error('certutil : aucun certificat importé');
  tool('pdfsig', ['-nssdir', `sql:${nss}`, '-add-signature', '-nick', nick, '-reason', 'Parapheur', input, output], dir);
}

export function readBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(file));
}

export function hasTool(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A PDF shaped like a Trame version: `names.length` signature boxes on its last page, each named by the /FitR
 * destinations « Signature N : <nom> » and « … — date » as core/features/protocole/pdf.ts writes them.
 */
export async function makeBoxedPdf(names: string[], pages = 2): Promise<Uint8Array> {
  const { PDFDocument: Doc, PDFHexString, StandardFonts: Fonts, rgb } = await import('@cantoo/pdf-lib');
  const doc = await Doc.load(await makePdf(pages), { updateMetadata: false });
  const font = await doc.embedFont(Fonts.Helvetica);
  const page = doc.getPage(pages - 1);
  const dests: unknown[] = [];
  names.forEach((name, i) => {
    const x = 50 + (i % 2) * 260;
    const top = 300 - Math.floor(i / 2) * 140;
    page.drawText(`Fait a Lille,`, { x, y: top, size: 9, font });
    page.drawText('le ..........................', { x, y: top - 12, size: 9, font });
    page.drawRectangle({ x, y: top - 100, width: 240, height: 80, borderColor: rgb(0.7, 0.7, 0.7), borderWidth: 0.5 });
    dests.push(PDFHexString.fromText(`Signature ${i + 1} : ${name}`), [page.ref, 'FitR', x, top - 100, x + 240, top - 20]);
    dests.push(PDFHexString.fromText(`Signature ${i + 1} : ${name} — date`), [page.ref, 'FitR', x + 10, top - 15, x + 120, top - 3]);
  });
  doc.catalog.set(doc.context.obj('Names') as never, doc.context.obj({ Dests: { Names: dests } } as never) as never);
  return doc.save({ useObjectStreams: false });
}

/**
 * Appends a hand-made incremental update: `objects` maps an object number to its full text, where « @ » marks the
 * byte the cross-reference points to (default: its start). Used to build hostile files.
 */
export async function appendUpdate(pdf: Uint8Array, objects: Record<number, string>, size?: number): Promise<Uint8Array> {
  const { PDFDocument: Doc } = await import('@cantoo/pdf-lib');
  const doc = await Doc.load(pdf, { updateMetadata: false });
  const text = Buffer.from(pdf).toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s*%%EOF\s*$/.exec(text)![1]);
  const root = String(doc.context.trailerInfo.Root);
  let body = '\n';
  const offs: [number, number][] = [];
  for (const [num, src] of Object.entries(objects)) {
    const at = src.indexOf('@');
    offs.push([Number(num), pdf.length + Buffer.byteLength(body, 'latin1') + Math.max(at, 0)]);
    body += `${src.replace('@', '')}\n`;
  }
  const xrefAt = pdf.length + Buffer.byteLength(body, 'latin1');
  let xref = 'xref\n';
  for (const [num, off] of offs.sort((a, b) => a[0] - b[0])) xref += `${num} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
  const n = size ?? Math.max(doc.context.largestObjectNumber + 1, ...offs.map(([k]) => k + 1));
  xref += `trailer\n<< /Size ${n} /Root ${root} /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.concat([Buffer.from(pdf), Buffer.from(body + xref, 'latin1')]));
}

/**
 * `pdf` followed by `sections` cross-reference streams chained by /Prev, each listing `rows` free objects (7 bytes
 * of zeros a row: a few KB once compressed). Within the analysis' bounds (2 000 sections), but long to read: a
 * file that keeps a verification busy.
 */
export function busyPdf(pdf: Uint8Array, sections: number, rows = 1_000_000): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  let prev = Number(/startxref\s+(\d+)\s*%%EOF\s*$/.exec(text)![1]);
  const root = [...text.matchAll(/\/Root (\d+ \d+ R)/g)].at(-1)![1];
  const data = deflateSync(Buffer.alloc(rows * 7));
  const base = 5_000_000;
  const parts: Buffer[] = [Buffer.from(pdf), Buffer.from('\n')];
  let at = pdf.length + 1;
  for (let i = 0; i < sections; i++) {
    const head = `${base + rows + i} 0 obj\n<< /Type /XRef /Size ${base + rows} /W [1 4 2] /Index [${base} ${rows}] /Root ${root} /Prev ${prev} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`;
    const obj = Buffer.concat([Buffer.from(head, 'latin1'), data, Buffer.from('\nendstream\nendobj\n')]);
    parts.push(obj);
    prev = at;
    at += obj.length;
  }
  parts.push(Buffer.from(`startxref\n${prev}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}
