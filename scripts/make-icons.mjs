#!/usr/bin/env node
// Draws the add-in's icons and writes them to assets/ as PNG files.
//
//   node scripts/make-icons.mjs            # writes assets/*.png
//   node scripts/make-icons.mjs --out DIR  # writes them somewhere else (to compare)
//
// The PNGs are committed; this script documents how they were made, so an icon can be changed by
// editing a shape below and running it again. The output is deterministic (same bytes every run).
// Only node:zlib is used: the PNG encoder (signature, IHDR, IDAT, IEND, CRC-32) is written out here
// because the files are tiny and no image library is a dependency of this project.
//
// Each icon is a list of filled shapes in a unit square (0..1, y down), rendered at any size with
// 5x5 supersampling, so the 16 px ribbon icon and the 128 px store icon come from one drawing.
//   icon-*    the add-in's mark: a green rounded square with a white calendar page and a check mark
//             (used for the add-in itself, the ribbon group and the "open the pane" button)
//   convert-* a table with a header row (convert the plan sheet into a tracker)
//   check-*   a green disc with a white check mark (check the plan)
//   summary-* a bar chart (summaries and the leaders' report)
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// ---------------------------------------------------------------------------------------------
// PNG encoding (RGBA, 8 bits per channel, no interlace)
// ---------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG (and zlib, gzip) define it: polynomial 0xEDB88320, init and final xor 0xFFFFFFFF. */
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes straight (non-premultiplied) RGBA pixels, row by row, as a PNG file. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  // Every scanline starts with its filter type; 0 (None) keeps the encoder trivial, and deflate
  // still shrinks these flat-coloured icons to a few hundred bytes.
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    raw[y * (1 + width * 4)] = 0;
    rgba.copy(raw, y * (1 + width * 4) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Shapes (inside tests in the unit square) and rendering
// ---------------------------------------------------------------------------------------------

const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

function roundRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };
}

const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** A stroke with round ends from (ax, ay) to (bx, by), `width` wide. */
function line(ax, ay, bx, by, width) {
  return (x, y) => {
    const vx = bx - ax;
    const vy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
    return (x - ax - t * vx) ** 2 + (y - ay - t * vy) ** 2 <= (width / 2) ** 2;
  };
}

const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));

function hex(color) {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

const SAMPLES = 5;

/** Renders layers ([shape, "#rrggbb"], painted in order over a transparent background). */
function render(size, layers) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const [shape, color] of layers) {
        let hits = 0;
        for (let sy = 0; sy < SAMPLES; sy++) {
          for (let sx = 0; sx < SAMPLES; sx++) {
            const x = (px + (sx + 0.5) / SAMPLES) / size;
            const y = (py + (sy + 0.5) / SAMPLES) / size;
            if (shape(x, y)) hits++;
          }
        }
        if (hits === 0) continue;
        const cover = hits / (SAMPLES * SAMPLES);
        const [cr, cg, cb] = hex(color);
        // "source over" in straight alpha
        const outA = cover + a * (1 - cover);
        r = (cr * cover + r * a * (1 - cover)) / outA;
        g = (cg * cover + g * a * (1 - cover)) / outA;
        b = (cb * cover + b * a * (1 - cover)) / outA;
        a = outA;
      }
      const i = (py * size + px) * 4;
      rgba[i] = Math.round(r);
      rgba[i + 1] = Math.round(g);
      rgba[i + 2] = Math.round(b);
      rgba[i + 3] = Math.round(a * 255);
    }
  }
  return rgba;
}

// ---------------------------------------------------------------------------------------------
// The drawings
// ---------------------------------------------------------------------------------------------

const GREEN = "#1e7145"; // close to Excel's own green, so the mark sits well on the Home tab
const LIGHT_GREEN = "#33a161";
const PALE_GREEN = "#bfe3cb";
const WHITE = "#ffffff";
const GREY = "#505050";

const DRAWINGS = {
  icon: [
    [roundRect(0.04, 0.04, 0.96, 0.96, 0.2), GREEN],
    [roundRect(0.18, 0.25, 0.82, 0.84, 0.07), WHITE], // calendar page
    [roundRect(0.18, 0.25, 0.82, 0.41, 0.07), PALE_GREEN], // its header band
    [rect(0.18, 0.34, 0.82, 0.41), PALE_GREEN],
    [roundRect(0.31, 0.14, 0.39, 0.33, 0.035), WHITE], // binder rings
    [roundRect(0.61, 0.14, 0.69, 0.33, 0.035), WHITE],
    [union(line(0.33, 0.62, 0.45, 0.73, 0.08), line(0.45, 0.73, 0.68, 0.5, 0.08)), GREEN],
  ],
  convert: [
    [roundRect(0.08, 0.12, 0.92, 0.88, 0.07), GREEN], // frame and header row
    [rect(0.15, 0.35, 0.85, 0.81), WHITE], // body
    [rect(0.47, 0.35, 0.53, 0.81), GREEN], // column line
    [rect(0.15, 0.555, 0.85, 0.605), GREEN], // row line
  ],
  check: [
    [circle(0.5, 0.5, 0.44), GREEN],
    [union(line(0.28, 0.52, 0.43, 0.67, 0.11), line(0.43, 0.67, 0.72, 0.37, 0.11)), WHITE],
  ],
  summary: [
    [rect(0.16, 0.5, 0.34, 0.84), GREEN],
    [rect(0.41, 0.26, 0.59, 0.84), LIGHT_GREEN],
    [rect(0.66, 0.12, 0.84, 0.84), GREEN],
    [roundRect(0.08, 0.83, 0.92, 0.9, 0.02), GREY], // baseline
  ],
};

// The add-in's own icon: 32 (IconUrl), 64 (HighResolutionIconUrl), 128 (store listings), and
// 16/32/80 for the ribbon, which also needs 16/32/80 for every button.
const SIZES = { icon: [16, 32, 64, 80, 128], convert: [16, 32, 80], check: [16, 32, 80] };
SIZES.summary = SIZES.convert;

function main(argv) {
  const outIndex = argv.indexOf("--out");
  const outDir = outIndex >= 0 ? resolve(argv[outIndex + 1] ?? "") : join(REPO, "assets");
  mkdirSync(outDir, { recursive: true });
  for (const [name, layers] of Object.entries(DRAWINGS)) {
    for (const size of SIZES[name]) {
      const file = join(outDir, `${name}-${size}.png`);
      writeFileSync(file, encodePng(size, size, render(size, layers)));
      console.log(`wrote ${file}`);
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
