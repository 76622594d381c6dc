/** A1 addresses and rectangles (0-based), as Excel spells them. */
import { fail } from "./errors";

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export interface Rect {
  /** 0-based first row and column. */
  readonly r: number;
  readonly c: number;
  readonly rows: number;
  readonly cols: number;
}

export interface ParsedAddress {
  readonly sheet?: string;
  readonly rect: Rect;
}

export function colLetters(c: number): string {
  let n = c + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToCol(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Splits "'My sheet'!A1:B2" / "Sheet1!A1" / "A1" into the sheet name and the reference. */
export function splitSheet(address: string): { sheet?: string; ref: string } {
  const a = address.trim();
  if (a.startsWith("'")) {
    let i = 1;
    let name = "";
    while (i < a.length) {
      const ch = a[i] ?? "";
      if (ch === "'") {
        if (a[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i++;
    }
    if (a[i + 1] !== "!") return { ref: a };
    return { sheet: name, ref: a.slice(i + 2) };
  }
  const bang = a.lastIndexOf("!");
  if (bang < 0) return { ref: a };
  return { sheet: a.slice(0, bang), ref: a.slice(bang + 1) };
}

type Part =
  { kind: "cell"; r: number; c: number } | { kind: "col"; c: number } | { kind: "row"; r: number };

function parsePart(part: string): Part | null {
  const cell = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(part);
  if (cell) {
    const c = lettersToCol(cell[1] ?? "");
    const r = Number(cell[2]) - 1;
    if (r < 0 || r >= MAX_ROWS || c >= MAX_COLS) return null;
    return { kind: "cell", r, c };
  }
  const col = /^\$?([A-Za-z]{1,3})$/.exec(part);
  if (col) {
    const c = lettersToCol(col[1] ?? "");
    return c < MAX_COLS ? { kind: "col", c } : null;
  }
  const row = /^\$?(\d{1,7})$/.exec(part);
  if (row) {
    const r = Number(row[1]) - 1;
    return r >= 0 && r < MAX_ROWS ? { kind: "row", r } : null;
  }
  return null;
}

/** Parses a reference without a sheet ("A1", "$A$1:C3", "A:C", "2:5"); null when it is not one. */
export function parseRef(ref: string): Rect | null {
  const [a = "", b, extra] = ref.trim().split(":");
  if (extra !== undefined) return null;
  const p = parsePart(a);
  const q = b === undefined ? p : parsePart(b);
  if (!p || !q || p.kind !== q.kind) return null;
  if (p.kind === "cell" && q.kind === "cell") {
    const r = Math.min(p.r, q.r);
    const c = Math.min(p.c, q.c);
    return { r, c, rows: Math.abs(p.r - q.r) + 1, cols: Math.abs(p.c - q.c) + 1 };
  }
  if (p.kind === "col" && q.kind === "col" && b !== undefined) {
    const c = Math.min(p.c, q.c);
    return { r: 0, c, rows: MAX_ROWS, cols: Math.abs(p.c - q.c) + 1 };
  }
  if (p.kind === "row" && q.kind === "row" && b !== undefined) {
    const r = Math.min(p.r, q.r);
    return { r, c: 0, rows: Math.abs(p.r - q.r) + 1, cols: MAX_COLS };
  }
  return null;
}

export function parseAddress(address: string): ParsedAddress | null {
  const { sheet, ref } = splitSheet(address);
  const rect = parseRef(ref);
  if (!rect) return null;
  return sheet === undefined ? { rect } : { sheet, rect };
}

/** Like parseAddress, but raises InvalidArgument with the address in the detail. */
export function requireAddress(address: unknown): ParsedAddress {
  if (typeof address !== "string")
    fail("InvalidArgument", `address must be a string, got ${typeof address}`);
  const parsed = parseAddress(address);
  if (!parsed) fail("InvalidArgument", `"${address}" is not an A1 address`);
  return parsed;
}

export function isEntireColumns(rect: Rect): boolean {
  return rect.r === 0 && rect.rows === MAX_ROWS;
}

export function isEntireRows(rect: Rect): boolean {
  return rect.c === 0 && rect.cols === MAX_COLS;
}

/** "A1", "A1:C3", "A:C" or "2:5", relative or absolute ("$A$1:$C$3"). */
export function rectToA1(rect: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  const lastR = rect.r + rect.rows - 1;
  const lastC = rect.c + rect.cols - 1;
  if (isEntireColumns(rect) && !isEntireRows(rect)) {
    return `${d}${colLetters(rect.c)}:${d}${colLetters(lastC)}`;
  }
  if (isEntireRows(rect) && !isEntireColumns(rect)) {
    return `${d}${rect.r + 1}:${d}${lastR + 1}`;
  }
  const first = `${d}${colLetters(rect.c)}${d}${rect.r + 1}`;
  if (rect.rows === 1 && rect.cols === 1) return first;
  return `${first}:${d}${colLetters(lastC)}${d}${lastR + 1}`;
}

/** Excel quotes a sheet name in a reference unless it is a plain identifier. */
export function quoteSheet(name: string): string {
  const plain =
    /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !parseRef(name) && !/^R\d*C\d*$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function qualified(sheet: string, rect: Rect, absolute = false): string {
  return `${quoteSheet(sheet)}!${rectToA1(rect, absolute)}`;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const r = Math.max(a.r, b.r);
  const c = Math.max(a.c, b.c);
  const r2 = Math.min(a.r + a.rows, b.r + b.rows);
  const c2 = Math.min(a.c + a.cols, b.c + b.cols);
  if (r2 <= r || c2 <= c) return null;
  return { r, c, rows: r2 - r, cols: c2 - c };
}

export function overlaps(a: Rect, b: Rect): boolean {
  return intersect(a, b) !== null;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.r >= outer.r &&
    inner.c >= outer.c &&
    inner.r + inner.rows <= outer.r + outer.rows &&
    inner.c + inner.cols <= outer.c + outer.cols
  );
}

export function containsCell(rect: Rect, r: number, c: number): boolean {
  return r >= rect.r && r < rect.r + rect.rows && c >= rect.c && c < rect.c + rect.cols;
}

export function boundingRect(a: Rect, b: Rect): Rect {
  const r = Math.min(a.r, b.r);
  const c = Math.min(a.c, b.c);
  return {
    r,
    c,
    rows: Math.max(a.r + a.rows, b.r + b.rows) - r,
    cols: Math.max(a.c + a.cols, b.c + b.cols) - c,
  };
}

/** `a` minus `b`, as up to four rectangles (top, bottom, left, right strips). */
export function subtract(a: Rect, b: Rect): Rect[] {
  const i = intersect(a, b);
  if (!i) return [a];
  const out: Rect[] = [];
  if (i.r > a.r) out.push({ r: a.r, c: a.c, rows: i.r - a.r, cols: a.cols });
  const aEnd = a.r + a.rows;
  const iEnd = i.r + i.rows;
  if (iEnd < aEnd) out.push({ r: iEnd, c: a.c, rows: aEnd - iEnd, cols: a.cols });
  if (i.c > a.c) out.push({ r: i.r, c: a.c, rows: i.rows, cols: i.c - a.c });
  const aRight = a.c + a.cols;
  const iRight = i.c + i.cols;
  if (iRight < aRight) out.push({ r: i.r, c: iRight, rows: i.rows, cols: aRight - iRight });
  return out;
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.r === b.r && a.c === b.c && a.rows === b.rows && a.cols === b.cols;
}
