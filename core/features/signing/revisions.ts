// What happened to a PDF after a signature, as a viewer would show it: the signed revision and the final document
// are each read from their own cross-reference (pdf-reader.ts), then compared by what they resolve to — page by
// page (content streams, resources and fonts, page format, annotations and widgets) and the catalog (actions,
// names, form, outlines, structure). The only change allowed after a signature is a later valid signature with its
// own widget and appearance; anything else — an annotation of any kind, a new or changed content stream, a changed
// page or font, an action, appended bytes — is a modification, named by page.
import type { AfterKind } from './contract';
import { internRef } from './pdf-lexer';
import { PDict, PName, PRef, PStr, PStream, Unreadable, nameOf, pulse, type Budget, type PValue, type Revision } from './pdf-reader';

export type { AfterKind } from './contract';
export interface AddedSignature { page: number; rect: number[]; byteRange: number[] }
export interface AfterReport { kind: AfterKind; details: string[]; added: AddedSignature[] }

/** A signature made after the one analysed, identified by its ByteRange. */
export interface LaterSignature { byteRange: number[]; valid: boolean; /** The CMS value found in its byte range's gap. */ contents: Buffer }

const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'];
const MAX_PAGES = 20_000;
/** References followed one inside another while comparing (an outline's /Next chain is the longest in practice). */
const MAX_NESTING = 1_500;

interface PageInfo { ref: PRef | null; dict: PDict; inh: Map<string, PValue | undefined> }

export function pagesOf(rev: Revision, b: Budget): PageInfo[] {
  const root = rev.resolve(rev.trailer.get('Root'));
  if (!(root instanceof PDict)) throw new Unreadable('le catalogue du document est introuvable');
  const out: PageInfo[] = [];
  const seen = new Set<number>();
  const walk = (node: PValue | undefined, inh: Map<string, PValue | undefined>, depth: number) => {
    b.tick();
    if (depth > 64) throw new Unreadable('arbre des pages trop profond');
    if (node instanceof PRef) {
      if (seen.has(node.num)) throw new Unreadable('arbre des pages en boucle');
      seen.add(node.num);
    }
    const d = rev.resolve(node);
    if (!(d instanceof PDict)) throw new Unreadable('arbre des pages abîmé');
    const mine = new Map(inh);
    for (const k of INHERITED) if (d.get(k) !== undefined) mine.set(k, d.get(k));
    const kids = rev.resolve(d.get('Kids'));
    if (nameOf(d.get('Type')) === 'Pages' || (Array.isArray(kids) && nameOf(d.get('Type')) !== 'Page')) {
      if (!Array.isArray(kids)) throw new Unreadable('arbre des pages abîmé');
      for (const k of kids) walk(k, mine, depth + 1);
    } else {
      if (out.length >= MAX_PAGES) throw new Unreadable('trop de pages pour être analysé');
      out.push({ ref: node instanceof PRef ? node : null, dict: d, inh: mine });
    }
  };
  walk(root.get('Pages'), new Map(), 0);
  return out;
}

class Comparer {
  private readonly memo = new Set<string>();
  /** Page object number → page index, in each revision: a reference to a page is the same page by its place. */
  pagesA = new Map<number, number>();
  pagesB = new Map<number, number>();
  constructor(readonly A: Revision, readonly B: Revision, readonly b: Budget) {}

  private depth = 0;

  eq(x: PValue | undefined, y: PValue | undefined): boolean {
    if (this.depth > MAX_NESTING) throw new Unreadable('objets enchaînés trop profondément pour être comparés');
    this.depth++;
    try {
      return this.eqAt(x, y);
    } finally {
      this.depth--;
    }
  }

  private eqAt(x: PValue | undefined, y: PValue | undefined): boolean {
    if ((x instanceof PRef && this.pagesA.has(x.num)) || (y instanceof PRef && this.pagesB.has(y.num))) {
      return x instanceof PRef && y instanceof PRef && this.pagesA.get(x.num) === this.pagesB.get(y.num);
    }
    if (x instanceof PRef && y instanceof PRef) {
      if (x.num === y.num && x.gen === y.gen && this.unchanged(x)) return true;
      const key = `${x.num}.${x.gen}:${y.num}.${y.gen}`;
      if (this.memo.has(key)) return true;
      this.memo.add(key);
      const same = this.eq(this.A.resolve(x), this.B.resolve(y));
      if (!same) this.memo.delete(key);
      return same;
    }
    if (x instanceof PRef) return this.eq(this.A.resolve(x), y);
    if (y instanceof PRef) return this.eq(x, this.B.resolve(y));
    this.b.tick();
    if (x === undefined || y === undefined || x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return x === y;
    if (x instanceof PName) return y instanceof PName && x.n === y.n;
    if (x instanceof PStr) return y instanceof PStr && x.b.equals(y.b);
    if (Array.isArray(x)) return Array.isArray(y) && x.length === y.length && x.every((v, i) => this.eq(v, y[i]));
    if (x instanceof PStream) return y instanceof PStream && x.raw.equals(y.raw) && this.dict(x.dict, y.dict);
    if (x instanceof PDict) return y instanceof PDict && this.dict(x, y);
    return false;
  }

  /** Every page has the same object in both revisions: a reference to a page names the same page in both. */
  samePages = false;
  /** How many sections of B were written after A (-1: A is no prefix of B); an object defined in an older one is defined alike in A. */
  laterSections = -1;
  clean = new Set<number>();
  private readonly dirty = new Set<number>();
  private walked = 0;

  /** Object `num` reads the very same bytes in both revisions (one shared read, wholly inside the signed revision). */
  private same(num: number): PValue[] | null {
    const v = this.B.resolve(internRef(num, 0));
    const s = this.B.stored(num);
    if (!s || this.B.age(num) < this.laterSections || s !== this.A.stored(num) || s.v !== v || s.end > this.A.buf.length) return null;
    return (s.refs ??= refsOf(v));
  }

  /**
   * `r` is the same object in both revisions, and so is everything the comparison would follow from it (a stream's
   * /Length included; a reference to a page stops there): equal without comparing it value by value. Anything else
   * — an object redefined, read from an object stream, a generation other than 0, pages that differ — answers
   * false and the comparison proper decides. Iterative: long chains need no depth limit.
   */
  private unchanged(r: PRef): boolean {
    if (!this.samePages || this.laterSections < 0 || r.gen !== 0 || this.dirty.has(r.num)) return false;
    if (this.clean.has(r.num)) return true;
    const seen = new Set<number>([r.num]);
    const stack: { num: number; refs: PValue[]; i: number }[] = [];
    const open = (num: number): boolean => {
      if ((++this.walked & 255) === 0) pulse(this.b);
      const refs = this.same(num);
      if (!refs) {
        this.dirty.add(num);
        return false;
      }
      stack.push({ num, refs, i: 0 });
      return true;
    };
    let ok = open(r.num);
    while (ok && stack.length) {
      const top = stack[stack.length - 1];
      if (top.i === top.refs.length) {
        stack.pop();
        continue;
      }
      const m = top.refs[top.i++] as PRef;
      if (this.pagesB.has(m.num)) continue; // samePages: the same page in both
      if (m.gen !== 0 || this.dirty.has(m.num)) ok = false;
      else if (!this.clean.has(m.num) && !seen.has(m.num)) {
        seen.add(m.num);
        ok = open(m.num);
      }
    }
    if (ok) for (const n of seen) this.clean.add(n);
    else for (const x of stack) this.dirty.add(x.num); // each one reaches what differs
    return ok;
  }

  /** Keys that differ (a parent link is never followed: the page tree and the form are compared on their own). */
  diffKeys(x: PDict, y: PDict, skip: string[] = []): string[] {
    const keys = new Set([...x.m.keys(), ...y.m.keys()]);
    const out: string[] = [];
    for (const k of keys) {
      if (skip.includes(k) || k === 'Parent' || (k === 'P' && (x.get(k) instanceof PRef || y.get(k) instanceof PRef))) continue;
      if (!this.eq(x.get(k), y.get(k))) out.push(k);
    }
    return out;
  }

  dict(x: PDict, y: PDict): boolean {
    return this.diffKeys(x, y).length === 0;
  }
}

/** The references a comparison follows from a value: all but a dictionary's /Parent and a reference in /P. */
function refsOf(v: PValue): PRef[] {
  if (v === null || typeof v !== 'object') return [];
  const found: PRef[] = [];
  const walk = (x: PValue | undefined) => {
    if (x instanceof PRef) found.push(x);
    else if (Array.isArray(x)) for (const y of x) walk(y);
    else if (x instanceof PDict) {
      for (const [k, y] of x.m) if (k !== 'Parent' && !(k === 'P' && y instanceof PRef)) walk(y);
    } else if (x instanceof PStream) walk(x.dict);
  };
  walk(v);
  return found;
}

/**
 * What the comparisons of one verification share: the objects found unchanged between a signed revision and the
 * final document (Comparer.unchanged), for every later signed revision — an object that no section written after
 * the first signed revision defines anew is defined the same way in every later one. `base`: the sections of the
 * last signed revision compared, each later one must extend it.
 */
export interface CompareMemo { base: number[] | null; clean: Set<number> }

export function compareMemo(): CompareMemo {
  return { base: null, clean: new Set() };
}

/** `a` is the end of `b` (the older sections of a revision that `b` extends). */
function isSuffix(a: number[], b: number[]): boolean {
  return a.length <= b.length && a.every((x, i) => x === b[b.length - a.length + i]);
}

function array(rev: Revision, v: PValue | undefined): PValue[] {
  const a = rev.resolve(v);
  return Array.isArray(a) ? a : [];
}

const CATALOG_LABELS: Record<string, string> = {
  OpenAction: 'action à l’ouverture du document', AA: 'actions automatiques du document', Names: 'noms du document (JavaScript, pièces jointes, destinations)',
  Outlines: 'signets', StructTreeRoot: 'structure balisée', OCProperties: 'calques', Perms: 'droits de modification (certification)',
  URI: 'liens', Lang: 'langue', MarkInfo: 'balisage', OutputIntents: 'profil de couleurs', PageLabels: 'numéros de pages', ViewerPreferences: 'préférences d’affichage',
};

function pageKeyLabel(k: string): string {
  if (k === 'Contents') return 'contenu modifié (texte, dessins)';
  if (k === 'Resources') return 'ressources modifiées (polices, images, dessins)';
  if (['MediaBox', 'CropBox', 'Rotate', 'BleedBox', 'TrimBox', 'ArtBox', 'UserUnit'].includes(k)) return 'format ou cadrage de la page modifié';
  if (k === 'AA') return 'action automatique ajoutée ou modifiée';
  return `propriété /${k} de la page modifiée`;
}

/**
 * Compares the signed revision `A` with the final document `B`. `later`: the signatures made after this one (each
 * with its validity); a widget is accepted as a later signature only when its /V is one of them and valid.
 */
export function compareRevisions(A: Revision, B: Revision, later: LaterSignature[], b: Budget, memo?: CompareMemo): AfterReport {
  const c = new Comparer(A, B, b);
  if (isSuffix(A.sections, B.sections)) {
    c.laterSections = B.sections.length - A.sections.length;
    if (memo) {
      if (!memo.base || !isSuffix(memo.base, A.sections)) memo.clean = new Set();
      memo.base = A.sections;
      c.clean = memo.clean;
    }
  }
  const details: string[] = [];
  const added: AddedSignature[] = [];
  const say = (s: string) => {
    if (!details.includes(s) && details.length < 40) details.push(s);
  };
  if (!B.sections.includes(A.sections[0])) {
    say('Le document a été réécrit après la signature (ce n’est plus une mise à jour par ajout).');
  }
  if (!c.eq(A.trailer.get('Encrypt'), B.trailer.get('Encrypt'))) say('Chiffrement du document ajouté ou modifié.');

  const laterSig = (v: PValue | undefined): number[] | null => {
    const sig = B.resolve(v);
    if (!(sig instanceof PDict)) return null;
    const br = B.resolve(sig.get('ByteRange'));
    if (!Array.isArray(br) || br.length !== 4) return null;
    const nums = br.map((x) => B.resolve(x));
    // The dictionary's /Contents must be the very value signed in that gap: a copied /ByteRange is not enough.
    const contents = B.resolve(sig.get('Contents'));
    const hit = later.find((l) => l.valid && l.byteRange.every((n, i) => n === nums[i]) && contents instanceof PStr && contents.b.equals(l.contents));
    return hit ? hit.byteRange : null;
  };
  const fieldType = (d: PDict): string | null => {
    let cur: PValue | undefined = d;
    for (let i = 0; i < 16 && cur instanceof PDict; i++) {
      const ft = nameOf(B.resolve(cur.get('FT')));
      if (ft) return ft;
      cur = B.resolve(cur.get('Parent'));
    }
    return null;
  };
  /** A widget (or field) of a later valid signature: its byte range, else null. */
  const laterSignatureWidget = (v: PValue | undefined): number[] | null => {
    const d = B.resolve(v);
    if (!(d instanceof PDict) || fieldType(d) !== 'Sig') return null;
    let cur: PValue | undefined = d;
    for (let i = 0; i < 16 && cur instanceof PDict; i++) {
      if (cur.get('V') !== undefined) return laterSig(cur.get('V'));
      cur = B.resolve(cur.get('Parent'));
    }
    return null;
  };
  /** An empty signature field of the signed revision, now filled by a later signature (nothing else changed). */
  const filledField = (x: PValue | undefined, y: PValue | undefined): boolean => {
    const o = A.resolve(x);
    const n = B.resolve(y);
    return o instanceof PDict && n instanceof PDict && o.get('V') === undefined && laterSignatureWidget(n) !== null
      && c.diffKeys(o, n, ['V', 'AP', 'AS']).length === 0;
  };

  // Pages. Each later signature accounts for one widget only.
  const claimed = new Map<string, number>();
  const pa = pagesOf(A, b);
  const pb = pagesOf(B, b);
  pa.forEach((p, i) => p.ref && c.pagesA.set(p.ref.num, i));
  pb.forEach((p, i) => p.ref && c.pagesB.set(p.ref.num, i));
  c.samePages = pa.length === pb.length && pa.every((p, i) => p.ref !== null && p.ref.num === pb[i].ref?.num) && c.pagesA.size === c.pagesB.size;
  if (pa.length !== pb.length) say(`Nombre de pages changé : ${pa.length} → ${pb.length}.`);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const [o, n] = [pa[i], pb[i]];
    const page = `Page ${i + 1}`;
    for (const k of INHERITED) if (!c.eq(o.inh.get(k), n.inh.get(k))) say(`${page} : ${pageKeyLabel(k)}.`);
    for (const k of c.diffKeys(o.dict, n.dict, ['Annots', ...INHERITED])) say(`${page} : ${pageKeyLabel(k)}.`);
    const oa = array(A, o.dict.get('Annots'));
    const na = array(B, n.dict.get('Annots'));
    const key = (v: PValue, j: number) => (v instanceof PRef ? `r${v.num}` : `d${j}`);
    const newByKey = new Map(na.map((v, j) => [key(v, j), v]));
    const oldKeys = new Set(oa.map(key));
    oa.forEach((v, j) => {
      const k = key(v, j);
      const sub = nameOf((A.resolve(v) as PDict | undefined)?.get?.('Subtype')) ?? 'inconnue';
      if (!newByKey.has(k)) say(`${page} : annotation supprimée (${sub}).`);
      else if (!c.eq(v, newByKey.get(k)) && !filledField(v, newByKey.get(k))) say(`${page} : annotation modifiée (${sub}).`);
    });
    na.forEach((v, j) => {
      if (oldKeys.has(key(v, j))) return;
      const br = laterSignatureWidget(v);
      const d = B.resolve(v);
      const twin = br ? claimed.get(br.join(' ')) : undefined;
      if (twin !== undefined) say(`Pages ${twin} et ${i + 1} : deux champs se réclament de la même signature (l’un a été ajouté sans signer).`);
      else if (br) {
        claimed.set(br.join(' '), i + 1);
        const rect = B.resolve((d as PDict).get('Rect'));
        added.push({ page: i + 1, rect: Array.isArray(rect) ? rect.map((x) => Number(B.resolve(x))) : [], byteRange: br });
      } else {
        const sub = d instanceof PDict ? nameOf(B.resolve(d.get('Subtype'))) ?? 'sans type' : 'illisible';
        say(`${page} : annotation ajoutée (${sub}${sub === 'Widget' ? ', hors signature valide' : ''}).`);
      }
    });
  }

  // Catalog and form.
  const ra = A.resolve(A.trailer.get('Root')) as PDict;
  const rb = B.resolve(B.trailer.get('Root')) as PDict;
  for (const k of c.diffKeys(ra, rb, ['Pages', 'AcroForm', 'Metadata', 'DSS'])) say(`Document : ${CATALOG_LABELS[k] ?? `entrée /${k} du catalogue`} modifié(e).`);
  const fa = A.resolve(ra.get('AcroForm'));
  const fb = B.resolve(rb.get('AcroForm'));
  if (fa instanceof PDict || fb instanceof PDict) {
    const fda = fa instanceof PDict ? fa : new PDict(new Map());
    const fdb = fb instanceof PDict ? fb : new PDict(new Map());
    for (const k of c.diffKeys(fda, fdb, ['Fields', 'SigFlags', 'DA', 'DR'])) say(`Formulaire : entrée /${k} modifiée.`);
    const ofs = array(A, fda.get('Fields'));
    const nfs = array(B, fdb.get('Fields'));
    const nums = (l: PValue[]) => new Map(l.filter((v): v is PRef => v instanceof PRef).map((v) => [v.num, v]));
    const [om, nm] = [nums(ofs), nums(nfs)];
    for (const [num, v] of om) {
      if (!nm.has(num)) say('Formulaire : un champ a été retiré.');
      else if (!c.eq(v, nm.get(num)) && !filledField(v, nm.get(num))) say('Formulaire : un champ a été modifié.');
    }
    for (const [num, v] of nm) if (!om.has(num) && !laterSignatureWidget(v)) say('Formulaire : un champ autre qu’une signature valide a été ajouté.');
    if (ofs.length - om.size !== nfs.length - nm.size) say('Formulaire : champs modifiés.');
  }
  return { kind: details.length ? 'modifie' : added.length ? 'signatures' : 'rien', details, added };
}
