// Draws build/icon.png (512×512): a strategy tree — one enjeu, two objectifs, four actions — in white
// on a rounded deep-blue square. Plain Node (zlib + CRC32), no image tool needed. Re-run after a change:
//   node build/scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4; // 4×4 supersampling for smooth edges

const background = [0x1f, 0x3a, 0x5f];
const accent = [0xf2, 0xb1, 0x34];
const white = [0xff, 0xff, 0xff];

const nodes = {
  enjeu: [256, 132],
  objectifs: [[160, 262], [352, 262]],
  actions: [[104, 388], [208, 388], [304, 388], [408, 388]],
};
const links = [
  [nodes.enjeu, nodes.objectifs[0]],
  [nodes.enjeu, nodes.objectifs[1]],
  [nodes.objectifs[0], nodes.actions[0]],
  [nodes.objectifs[0], nodes.actions[1]],
  [nodes.objectifs[1], nodes.actions[2]],
  [nodes.objectifs[1], nodes.actions[3]],
];

function insideRoundedSquare(x, y) {
  const margin = 24;
  const r = 96;
  const lo = margin + r;
  const hi = SIZE - margin - r;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= margin && x <= SIZE - margin && y >= margin && y <= SIZE - margin;
}

function distToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Colour and coverage at one sample point. */
function sample(x, y) {
  if (!insideRoundedSquare(x, y)) return null;
  if (Math.hypot(x - nodes.enjeu[0], y - nodes.enjeu[1]) <= 46) return accent;
  for (const [cx, cy] of nodes.objectifs) if (Math.hypot(x - cx, y - cy) <= 36) return white;
  for (const [cx, cy] of nodes.actions) if (Math.hypot(x - cx, y - cy) <= 28) return white;
  for (const [a, b] of links) if (distToSegment(x, y, a, b) <= 9) return white;
  return background;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = sample(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
        if (!c) continue;
        r += c[0]; g += c[1]; b += c[2]; a += 1;
      }
    }
    const o = row + 1 + x * 4;
    const n = SAMPLES * SAMPLES;
    raw[o] = a ? Math.round(r / a) : 0;
    raw[o + 1] = a ? Math.round(g / a) : 0;
    raw[o + 2] = a ? Math.round(b / a) : 0;
    raw[o + 3] = Math.round((a / n) * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
ihdr[10] = 0;
ihdr[11] = 0;
ihdr[12] = 0;

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'icon.png');
writeFileSync(out, png);
console.log(`${path.relative(process.cwd(), out)} : ${png.length} octets`);
