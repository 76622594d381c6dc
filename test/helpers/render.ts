/**
 * A real renderer for the workbooks the tool writes: LibreOffice Calc (headless) turns the .xlsx
 * into a PDF — evaluating conditional formats, number formats and fonts as a spreadsheet would —
 * and poppler turns the PDF into PNGs and text with coordinates. Tests then read pixel colours at
 * the rows they locate by text.
 *
 * Needs the Debian packages libreoffice-calc and poppler-utils (.ci/run installs them): without
 * them every function here throws with that instruction, so a test fails rather than skips.
 */
import { spawn } from "node:child_process";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, extname, join, resolve } from "node:path";
import { inflateSync } from "node:zlib";

export const INSTALL_HINT =
  "install libreoffice-calc poppler-utils (apt-get update && apt-get install -y libreoffice-calc poppler-utils; .ci/run does this)";

/** LibreOffice's first start in a fresh profile takes 5–15 s; a hung one is killed after this. */
const SOFFICE_TIMEOUT_MS = 90_000;
const POPPLER_TIMEOUT_MS = 30_000;

/** Throws (with INSTALL_HINT) unless every tool is on PATH. */
export function requireTools(
  tools: readonly string[] = ["soffice", "pdftoppm", "pdftotext"],
): void {
  const missing = tools.filter((t) => !onPath(t));
  if (missing.length > 0) {
    throw new Error(`${missing.join(", ")} not found on PATH: ${INSTALL_HINT}`);
  }
}

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? "").split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export interface ToolResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs a command in its own process group, so that on timeout the whole group goes (soffice
 * forks soffice.bin) and nothing else.
 */
export function runTool(
  cmd: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<ToolResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      reject(new Error(`${cmd} timed out after ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} could not start (${err.message}): ${INSTALL_HINT}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise({ stdout, stderr });
      else
        reject(
          new Error(`${cmd} ${args.join(" ")} failed (${code ?? signal}):\n${stderr}${stdout}`),
        );
    });
  });
}

/**
 * .xlsx → PDF with LibreOffice headless in a private, throwaway profile (parallel runs and a
 * developer's open LibreOffice do not clash). Returns the PDF path (outDir/<name>.pdf).
 */
export async function xlsxToPdf(xlsxPath: string, outDir: string): Promise<string> {
  requireTools(["soffice"]);
  mkdirSync(outDir, { recursive: true });
  const pdf = join(outDir, basename(xlsxPath, extname(xlsxPath)) + ".pdf");
  rmSync(pdf, { force: true });
  const profile = mkdtempSync(join(tmpdir(), "lo-"));
  try {
    const r = await runTool(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        resolve(outDir),
        resolve(xlsxPath),
      ],
      SOFFICE_TIMEOUT_MS,
    );
    // soffice exits 0 even when it could not load the file: the PDF is the proof.
    if (!existsSync(pdf)) {
      throw new Error(`LibreOffice wrote no PDF for ${xlsxPath}:\n${r.stdout}${r.stderr}`);
    }
    return pdf;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** PDF → one PNG per page (pdftoppm -png -r dpi), sorted by page; earlier PNGs of it removed. */
export async function pdfToPngs(pdfPath: string, outDir: string, dpi = 80): Promise<string[]> {
  requireTools(["pdftoppm"]);
  mkdirSync(outDir, { recursive: true });
  const prefix = basename(pdfPath, extname(pdfPath));
  const ours = (f: string): RegExpExecArray | null =>
    new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-(\\d+)\\.png$`).exec(f);
  for (const f of readdirSync(outDir)) if (ours(f)) rmSync(join(outDir, f));
  await runTool(
    "pdftoppm",
    ["-png", "-r", String(dpi), pdfPath, join(outDir, prefix)],
    POPPLER_TIMEOUT_MS,
  );
  return readdirSync(outDir)
    .map((f) => ({ f, m: ours(f) }))
    .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]))
    .map((x) => join(outDir, x.f));
}

/** .xlsx → PDF → PNGs at 80 dpi in outDir (the PDF stays there too). */
export async function renderXlsxToPng(xlsxPath: string, outDir: string): Promise<string[]> {
  requireTools();
  return pdfToPngs(await xlsxToPdf(xlsxPath, outDir), outDir, 80);
}

/** The PDF's text with its layout (pdftotext -layout). */
export async function pdfText(pdfPath: string): Promise<string> {
  requireTools(["pdftotext"]);
  return (await runTool("pdftotext", ["-layout", pdfPath, "-"], POPPLER_TIMEOUT_MS)).stdout;
}

/** A word and its box in PDF points (origin top-left, as pdftotext -bbox reports). */
export interface WordBox {
  /** 1-based page number. */
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of the PDF with its page and box (pdftotext -bbox). */
export async function pdfWords(pdfPath: string): Promise<WordBox[]> {
  requireTools(["pdftotext"]);
  const html = (await runTool("pdftotext", ["-bbox", pdfPath, "-"], POPPLER_TIMEOUT_MS)).stdout;
  const words: WordBox[] = [];
  let page = 0;
  const re =
    /<page\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(re)) {
    if (m[0] === "<page") {
      page++;
      continue;
    }
    words.push({
      page,
      text: unescapeXml(m[5]!),
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
    });
  }
  return words;
}

/**
 * The boxes of a phrase's first occurrence — consecutive words on one page, each word's box —
 * or undefined. Words compare in NFC without trailing punctuation ("rừng," matches "rừng").
 * The phrase may wrap onto the next line of a cell; use the first box for its row.
 */
export function findPhrase(words: readonly WordBox[], phrase: string): WordBox[] | undefined {
  const norm = (w: string): string => w.normalize("NFC").replace(/[,.;:!?]+$/, "");
  const want = phrase.split(/\s+/).filter(Boolean).map(norm);
  for (let i = 0; i + want.length <= words.length; i++) {
    const run = words.slice(i, i + want.length);
    if (run.every((w, k) => w.page === words[i]!.page && norm(w.text) === want[k])) {
      return run;
    }
  }
  return undefined;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}

// ---- PNG ----------------------------------------------------------------------------------

export interface Png {
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA). */
  channels: number;
  /** Unfiltered pixels, row after row. */
  data: Buffer;
}

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decodes 8-bit RGB/RGBA (or grey) non-interlaced PNGs — what pdftoppm -png writes. */
export function decodePng(bytes: Buffer): Png {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error("not a PNG");
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < bytes.length) {
    const len = bytes.readUInt32BE(pos);
    const type = bytes.toString("latin1", pos + 4, pos + 8);
    const body = bytes.subarray(pos + 8, pos + 8 + len);
    pos += 12 + len;
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colorType, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      const ch = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType!];
      if (depth !== 8 || ch === undefined || interlace !== 0) {
        throw new Error(
          `unsupported PNG: bit depth ${depth}, colour type ${colorType}, interlace ${interlace}`,
        );
      }
      channels = ch;
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? data[out + x - channels]! : 0;
      const b = y > 0 ? data[out - stride + x]! : 0;
      const c = x >= channels && y > 0 ? data[out - stride + x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter} on line ${y}`);
      data[out + x] = v & 0xff;
    }
  }
  return { width, height, channels, data };
}

export function readPng(path: string): Png {
  return decodePng(readFileSync(path));
}

/** The colour of one pixel (grey images give r = g = b; alpha is ignored). */
export function pixelAt(png: Png, x: number, y: number): Rgb {
  const xi = Math.round(x);
  const yi = Math.round(y);
  if (xi < 0 || yi < 0 || xi >= png.width || yi >= png.height) {
    throw new Error(`pixel (${xi}, ${yi}) is outside the ${png.width}×${png.height} image`);
  }
  const i = (yi * png.width + xi) * png.channels;
  if (png.channels < 3) return { r: png.data[i]!, g: png.data[i]!, b: png.data[i]! };
  return { r: png.data[i]!, g: png.data[i + 1]!, b: png.data[i + 2]! };
}

/**
 * The most frequent colour in a band of pixel rows [y0, y1] between x0 and x1 — a cell's or row's
 * fill, since text and grid lines cover fewer pixels than the background. `share` is its fraction.
 */
export function dominantFillInRow(
  png: Png,
  y0: number,
  y1: number,
  x0 = 0,
  x1 = png.width - 1,
): { colour: Rgb; hex: string; share: number } {
  const counts = new Map<number, number>();
  let total = 0;
  for (let y = Math.max(0, Math.round(y0)); y <= Math.min(png.height - 1, Math.round(y1)); y++) {
    for (let x = Math.max(0, Math.round(x0)); x <= Math.min(png.width - 1, Math.round(x1)); x++) {
      const { r, g, b } = pixelAt(png, x, y);
      const key = (r << 16) | (g << 8) | b;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      total++;
    }
  }
  if (total === 0) throw new Error(`empty band y ${y0}–${y1}, x ${x0}–${x1}`);
  let best = 0;
  let bestCount = -1;
  for (const [key, n] of counts) {
    if (n > bestCount) [best, bestCount] = [key, n];
  }
  const colour = { r: best >> 16, g: (best >> 8) & 0xff, b: best & 0xff };
  return { colour, hex: toHex(colour), share: bestCount / total };
}

export function toHex({ r, g, b }: Rgb): string {
  return [r, g, b].map((v) => v.toString(16).padStart(2, "0").toUpperCase()).join("");
}

/** True when every channel is within `tolerance` of the hex colour ("FFC7CE"). */
export function isCloseTo(colour: Rgb, hex: string, tolerance = 12): boolean {
  const want = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return [colour.r, colour.g, colour.b].every((v, i) => Math.abs(v - want[i]!) <= tolerance);
}
