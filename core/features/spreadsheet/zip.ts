// XLSX and ODS files are ZIP archives. Before any of it is unpacked, its central directory is read: the sizes it
// declares are bounded (a ZIP bomb is refused there, nothing inflated). Then each entry is inflated here, in chunks,
// stopping as soon as it gives more than it declared or more than the bound (a lying archive is cut, not followed),
// and handed to the reader as a plain stored archive. Never a password-protected entry, never ZIP64.
import { Inflate, zipSync, type Zippable } from 'fflate';

export const LIMITS = {
  /** The file itself. */
  fileBytes: 25 * 1024 * 1024,
  /** Everything unpacked, all entries together. */
  unzippedBytes: 160 * 1024 * 1024,
  entries: 4000,
  /** Rows of one sheet, cells of the workbook. */
  rows: 100_000,
  cells: 2_000_000,
  /** The whole reading, from the first byte to the preview. */
  millis: 60_000,
} as const;

/** A refusal in French (the caller names the file). */
export class SheetRefused extends Error {}

const mib = (n: number) => `${Math.round(n / 1048576)} Mo`;

interface Entry { name: string; method: number; flags: number; compressed: number; size: number; offset: number }

function centralDirectory(buf: Uint8Array): Entry[] {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new SheetRefused("le fichier est endommagé : son sommaire ZIP est introuvable (ce n'est pas un classeur XLSX ou ODS complet).");
  const count = v.getUint16(eocd + 10, true);
  const cdSize = v.getUint32(eocd + 12, true);
  const cdOffset = v.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) throw new SheetRefused('archive ZIP64 : un classeur de cette taille est refusé.');
  if (count > LIMITS.entries) throw new SheetRefused(`le classeur contient ${count} fichiers internes (au plus ${LIMITS.entries}) : il est refusé.`);
  if (cdOffset + cdSize > eocd) throw new SheetRefused('le fichier est endommagé : son sommaire ZIP déborde du fichier.');
  const out: Entry[] = [];
  let p = cdOffset;
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || v.getUint32(p, true) !== 0x02014b50) throw new SheetRefused('le fichier est endommagé : une entrée de son sommaire ZIP est illisible.');
    const flags = v.getUint16(p + 8, true);
    const method = v.getUint16(p + 10, true);
    const compressed = v.getUint32(p + 20, true);
    const size = v.getUint32(p + 24, true);
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    const offset = v.getUint32(p + 42, true);
    const name = new TextDecoder().decode(buf.subarray(p + 46, p + 46 + nameLen));
    if (size === 0xffffffff || compressed === 0xffffffff || offset === 0xffffffff) throw new SheetRefused('archive ZIP64 : un classeur de cette taille est refusé.');
    total += size;
    if (total > LIMITS.unzippedBytes) {
      throw new SheetRefused(`une fois décompressé, le classeur ferait plus de ${mib(LIMITS.unzippedBytes)} (déclaré : au moins ${mib(total)}) : archive refusée sans être décompressée (bombe ZIP ?).`);
    }
    out.push({ name, method, flags, compressed, size, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Inflates one entry, never past what it declared. */
function inflateEntry(buf: Uint8Array, e: Entry, deadline: number): Uint8Array {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (e.offset + 30 > buf.length || v.getUint32(e.offset, true) !== 0x04034b50) throw new SheetRefused(`le fichier est endommagé : « ${e.name} » est introuvable dans l'archive.`);
  const start = e.offset + 30 + v.getUint16(e.offset + 26, true) + v.getUint16(e.offset + 28, true);
  if (start + e.compressed > buf.length) throw new SheetRefused(`le fichier est endommagé ou tronqué : « ${e.name} » dépasse la fin du fichier.`);
  const data = buf.subarray(start, start + e.compressed);
  if (e.method === 0) {
    if (e.compressed !== e.size) throw new SheetRefused(`le fichier est endommagé : la taille de « ${e.name} » ne correspond pas à son sommaire.`);
    return data;
  }
  if (e.method !== 8) throw new SheetRefused(`« ${e.name} » est compressé d'une façon inconnue (méthode ${e.method}) : classeur refusé.`);
  const out = new Uint8Array(e.size);
  let got = 0;
  let overflow = false;
  const inf = new Inflate((chunk) => {
    if (got + chunk.length > e.size) {
      overflow = true;
      throw new SheetRefused(`« ${e.name} » se décompresse en plus que les ${e.size} octets déclarés : archive refusée (bombe ZIP ?).`);
    }
    out.set(chunk, got);
    got += chunk.length;
  });
  const STEP = 1 << 16;
  try {
    for (let i = 0; i < data.length; i += STEP) {
      inf.push(data.subarray(i, Math.min(i + STEP, data.length)), i + STEP >= data.length);
      if (Date.now() > deadline) throw new SheetRefused('la lecture du classeur prend trop de temps : il est refusé.');
    }
  } catch (err) {
    if (err instanceof SheetRefused) throw err;
    if (overflow) throw err;
    throw new SheetRefused(`le fichier est endommagé : « ${e.name} » ne se décompresse pas.`);
  }
  if (got !== e.size) throw new SheetRefused(`le fichier est endommagé ou tronqué : « ${e.name} » ne donne pas la taille déclarée.`);
  return out;
}

/** The archive's entries, each inflated within its bounds. */
export function unzipBounded(buf: Uint8Array, deadline: number): Map<string, Uint8Array> {
  const entries = centralDirectory(buf);
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (e.flags & 1) throw new SheetRefused('le classeur est protégé par un mot de passe : enregistrez-le sans mot de passe, puis recommencez.');
    if (e.name.endsWith('/')) continue;
    files.set(e.name, inflateEntry(buf, e, deadline));
  }
  return files;
}

/** The same entries as a stored (uncompressed) archive: what the reader unpacks then costs no inflation. */
export function storedZip(files: Map<string, Uint8Array>): Uint8Array {
  const z: Zippable = {};
  for (const [name, data] of files) z[name] = [data, { level: 0 }];
  return zipSync(z, { level: 0 });
}

/** A ZIP archive starts with « PK\x03\x04 »; a password-protected Office file is an OLE container. */
export function kindOf(buf: Uint8Array): 'zip' | 'ole' | 'other' {
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return 'zip';
  if (buf.length >= 8 && buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) return 'ole';
  return 'other';
}
