// Finding the signatures of any PDF (Trame's or another tool's) from its bytes: each /ByteRange [a b c d] names the
// signed bytes, and the gap between its two ranges is by definition the <hex> signature value. Reading the raw
// bytes (not a parsed object tree) is what a verifier must do: it checks exactly the bytes that were signed.
export interface FoundSignature {
  byteRange: [number, number, number, number];
  /** The CMS value (hex decoded; zero padding kept). */
  contents: Buffer;
  /** Where the signed revision ends: bytes after it were added later. */
  end: number;
  name: string | null;
  reason: string | null;
  location: string | null;
  /** /M, as written (PDF date). */
  m: string | null;
  subFilter: string | null;
  /** A ByteRange that does not describe a signature value inside the file. */
  malformed: string | null;
}

export function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

/** A PDF string token at the start of `s` (literal with escapes, or hex), decoded (UTF-16BE with BOM, else Latin-1). */
function pdfString(s: string): string | null {
  let bytes: number[] = [];
  if (s.startsWith('<')) {
    const end = s.indexOf('>');
    if (end < 0) return null;
    const hex = s.slice(1, end).replace(/\s+/g, '');
    for (let i = 0; i < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
  } else if (s.startsWith('(')) {
    let depth = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '\\') {
        const n = s[++i];
        const map: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
        if (n in map) bytes.push(map[n]);
        else if (/[0-7]/.test(n)) {
          let oct = n;
          while (oct.length < 3 && /[0-7]/.test(s[i + 1])) oct += s[++i];
          bytes.push(parseInt(oct, 8) & 0xff);
        } else if (n !== '\n' && n !== '\r') bytes.push(n.charCodeAt(0));
        continue;
      }
      if (c === '(') {
        depth++;
        if (depth === 1) continue;
      } else if (c === ')') {
        depth--;
        if (depth === 0) break;
      }
      bytes.push(c.charCodeAt(0) & 0xff);
    }
  } else return null;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    bytes = bytes.slice(2);
    let out = '';
    for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
    return out;
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return Buffer.from(bytes.slice(3)).toString('utf8');
  return Buffer.from(bytes).toString('latin1');
}

function entry(dict: string, key: string): string | null {
  const re = new RegExp(`/${key}\\s*([(<][^]*)`);
  const m = re.exec(dict);
  return m ? pdfString(m[1]) : null;
}

/** More signatures than this in one PDF: the analysis says it cannot conclude (a hostile file, not a contrat). */
export const MAX_SIGNATURES = 50;

/** What JavaScript's \s matches in a Latin-1 string (the ByteRange pattern's white space). */
const JS_SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0]);

/**
 * `/ByteRange [a b c d]` at `at` (« /ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\] » read on the bytes:
 * no string of the whole file): the four numbers and where the match ends, else null.
 */
function byteRangeAt(pdf: Buffer, at: number): { br: [number, number, number, number]; end: number } | null {
  let p = at + 10;
  const spaces = () => {
    const s = p;
    while (p < pdf.length && JS_SPACE.has(pdf[p])) p++;
    return p - s;
  };
  const digits = () => {
    const s = p;
    while (p < pdf.length && pdf[p] >= 0x30 && pdf[p] <= 0x39) p++;
    return p > s ? Number(pdf.toString('latin1', s, p)) : null;
  };
  spaces();
  if (pdf[p++] !== 0x5b) return null;
  spaces();
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    if (i && !spaces()) return null;
    const n = digits();
    if (n === null) return null;
    out.push(n);
  }
  spaces();
  if (pdf[p++] !== 0x5d) return null;
  return { br: out as [number, number, number, number], end: p };
}

/** The signatures of `pdf`, in signing order; at most MAX_SIGNATURES + 1 (more means « too many »). */
export function findSignatures(pdf: Buffer): FoundSignature[] {
  const out: FoundSignature[] = [];
  const seen = new Set<string>();
  for (let at = pdf.indexOf('/ByteRange', 0, 'latin1'); at >= 0; ) {
    const m = byteRangeAt(pdf, at);
    if (!m) {
      at = pdf.indexOf('/ByteRange', at + 1, 'latin1');
      continue;
    }
    const { br } = m;
    const key = br.join(' ');
    const index = at;
    at = pdf.indexOf('/ByteRange', m.end, 'latin1');
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > MAX_SIGNATURES + 1) break;
    const [a, b, c, d] = br;
    let malformed: string | null = null;
    if (a !== 0) malformed = 'la plage signée ne commence pas au début du fichier';
    else if (!(b < c) || c + d > pdf.length) malformed = 'la plage signée sort du fichier (fichier tronqué ?)';
    else if (pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) malformed = 'la plage signée ne laisse pas exactement la place de la signature';
    const hex = malformed ? '' : pdf.toString('latin1', b + 1, c - 1);
    if (!malformed && !/^[0-9a-fA-F\s]*$/.test(hex)) malformed = 'la valeur de la signature n’est pas hexadécimale';
    const contents = malformed ? Buffer.alloc(0) : Buffer.from(hex.replace(/\s+/g, ''), 'hex');
    // The signature dictionary around it, without the long hex value.
    const objStart = Math.max(pdf.lastIndexOf(' obj', index, 'latin1'), 0);
    const objEnd = pdf.indexOf('endobj', Math.max(index, c), 'latin1');
    const text = (s: number, e: number) => pdf.toString('latin1', s, Math.min(e, pdf.length));
    const dict = malformed ? text(objStart, index + 4096) : text(objStart, b) + text(c, objEnd < 0 ? c + 4096 : objEnd);
    const sub = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dict);
    out.push({
      byteRange: br,
      contents,
      end: c + d,
      name: entry(dict, 'Name'),
      reason: entry(dict, 'Reason'),
      location: entry(dict, 'Location'),
      m: entry(dict, 'M'),
      subFilter: sub ? sub[1] : null,
      malformed,
    });
  }
  return out.sort((x, y) => x.end - y.end);
}

/** A PDF date (D:YYYYMMDDHHmmSS+HH'mm') as a Date, or null. */
export function pdfDate(s: string | null): Date | null {
  const m = s && /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?/.exec(s);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', z, oh = '00', om = '00'] = m;
  const base = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se);
  const off = (+oh * 60 + +om) * 60_000;
  return new Date(z === '+' ? base - off : z === '-' ? base + off : base);
}
