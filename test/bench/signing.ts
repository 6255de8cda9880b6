// Bench of issue 12: sign-ms (one PAdES signature on the 10 000-item protocole PDF, goal ≤ 500 ms), verify-ms (that
// PDF with three signatures, goal ≤ 500 ms), diff-10k-ms (two versions of the 10 000-item contrat with 1 000 changes,
// goal ≤ 300 ms). Certificates are made now with openssl.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TrameDocument, TreeNodeDoc } from '../../core/domain/format-types';
import { signPdf } from '../../core/features/signing/sign';
import { verifyPdf } from '../../core/features/signing/verify';
import { diffVersions } from '../../core/features/versions/diff';
import Database from 'better-sqlite3';
import { makeDocument } from '../../core/features/protocole';
import { Runner } from '../../db/query';
import { makeP12 } from '../features/signing/fixtures';
import { median } from './host';

type Print = (name: string, value: number, unit: string) => void;

const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

function flat(nodes: TreeNodeDoc[], out: { n: TreeNodeDoc; siblings: TreeNodeDoc[] }[] = []) {
  for (const n of nodes) {
    out.push({ n, siblings: nodes });
    flat(n.children ?? [], out);
  }
  return out;
}

/** 1 000 changes: 400 retitled, 300 retagged, 100 moved, 100 removed leaves, 100 added. */
export function changed(doc: TrameDocument): TrameDocument {
  const b = structuredClone(doc);
  const all = flat(b.tree);
  for (let i = 0; i < 400; i++) all[(i * 7) % all.length].n.title += ' (modifié)';
  for (let i = 0; i < 300; i++) {
    const n = all[(i * 11 + 3) % all.length].n;
    n.tag = n.tag === 'garder' ? 'jeter' : 'garder';
  }
  const leaves = all.filter((x) => !x.n.children?.length && x.n.kind === 'indicateur');
  for (let i = 0; i < 100; i++) {
    const { n, siblings } = leaves[i * 3];
    siblings.splice(siblings.indexOf(n), 1);
    if (i % 2 === 0) leaves[leaves.length - 1 - i].siblings.push(n); // moved
  }
  for (let i = 0; i < 100; i++) b.tree[i % b.tree.length].children?.push({ id: `ajout-${i}`, kind: 'objectif', title: `Objectif ajouté ${i}` });
  return b;
}

/** `file`: the 10 000-item contrat made from `doc`; its protocole PDF (issue 11's renderer) is what gets signed. */
export async function benchSigning(dir: string, file: string, doc: TrameDocument, print: Print): Promise<void> {
  // Three signatories (a copy of the contrat): each signature is drawn in its box, as in a real protocole.
  const withSignatories = path.join(dir, 'signataires.trame');
  copyFileSync(file, withSignatories);
  const db = new Database(withSignatories);
  db.prepare("INSERT INTO partner (id, position, name) VALUES ('p-bench', 1000, 'Partenaire du banc')").run();
  for (const k of [0, 1, 2]) db.prepare('INSERT INTO signatory (id, position, partner_id, name, role) VALUES (?, ?, ?, ?, ?)').run(`s-${k}`, k, 'p-bench', `Signataire ${k}`, 'Représentant');
  const made = await makeDocument(new Runner(db), null, { format: 'pdf', today: '2026-11-27', footerText: `Empreinte SHA-256 du contenu figé : ${'0'.repeat(64)}` });
  db.close();
  const pdf = new Uint8Array(made.bytes);
  print('protocole-10k-pdf-mb', pdf.length / 1e6, 'MB');
  const certs = [0, 1, 2].map((k) => readFileSync(makeP12(dir, `${k}.p12`, { cn: `Signataire ${k}`, passphrase: 'bench' })));
  const signs: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = process.hrtime.bigint();
    const one = await signPdf(pdf, { p12: certs[0], passphrase: 'bench', name: 'Signataire 0' });
    if (!one.visible || !one.certified) throw new Error('signature attendue visible et certifiante');
    signs.push(since(t0));
  }
  print('sign-ms', median(signs), 'ms');
  let three: Uint8Array = pdf;
  for (const [i, p12] of certs.entries()) three = (await signPdf(three, { p12, passphrase: 'bench', name: `Signataire ${i}` })).pdf;
  const verifies: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = process.hrtime.bigint();
    const r = await verifyPdf(three);
    verifies.push(since(t0));
    if (!r.ok || r.signatures.length !== 3 || !r.complete) throw new Error(`vérification inattendue : ${r.summary}`);
  }
  print('verify-ms', median(verifies), 'ms');
  const b = changed(doc);
  const diffs: number[] = [];
  let entries = 0;
  for (let k = 0; k < 7; k++) {
    const t0 = process.hrtime.bigint();
    entries = diffVersions(doc, b).entries.length;
    diffs.push(since(t0));
  }
  print('diff-10k-ms', median(diffs), 'ms');
  print('diff-10k-entries', entries, 'count');
}
