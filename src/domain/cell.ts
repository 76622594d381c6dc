/**
 * The cell values the domain reads, whichever adapter read them. Adapters convert their own
 * representations (exceljs Date objects and rich text, Office JS API serials plus number formats)
 * into these, so parsers see one vocabulary.
 */

/** A number the workbook formats as a date or time: an Excel serial (days since 1899-12-30). */
export interface ExcelDateValue {
  readonly kind: "date";
  readonly serial: number;
}

/** An Excel error value such as "#N/A" or "#REF!". */
export interface ExcelErrorValue {
  readonly kind: "error";
  readonly code: string;
}

export type CellValue = string | number | boolean | null | ExcelDateValue | ExcelErrorValue;

export function isDateValue(v: unknown): v is ExcelDateValue {
  return typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "date";
}

export function isErrorValue(v: unknown): v is ExcelErrorValue {
  return typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "error";
}

/** True for null, undefined and strings of whitespace only. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/**
 * The text a person sees for a value, for quoting back in messages and for text-based parsing.
 * Numbers keep JavaScript's shortest form; dates become their serial's civil form elsewhere.
 */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (isDateValue(v)) return String(v.serial);
  if (isErrorValue(v)) return v.code;
  return "";
}

/** 1 → "A", 27 → "AA". Columns are 1-based everywhere in the domain, as in Excel. */
export function columnLetter(col: number): string {
  let n = col;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "C12" for row 12, column 3 (both 1-based). */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** "$C$12" — absolute, for formulas and validation sources. */
export function a1Abs(row: number, col: number): string {
  return `$${columnLetter(col)}$${row}`;
}

export function rangeA1(r1: number, c1: number, r2: number, c2: number): string {
  return `${a1(r1, c1)}:${a1(r2, c2)}`;
}

/**
 * Sheet name as a formula reference: quoted unless plain ASCII letters then digits ("Sheet1"), as
 * a name like "R1C1" or "_x" would otherwise be misread.
 */
export function sheetRef(name: string): string {
  return /^[A-Za-z]+[0-9]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

export interface Bounds {
  readonly r1: number;
  readonly c1: number;
  readonly r2: number;
  readonly c2: number;
}

/** "C5:D9", "$C$5", "C5" → bounds; null for whole columns/rows or anything else. */
export function parseRange(range: string): Bounds | null {
  const parts = range.replace(/\$/g, "").split(":");
  const cell = (ref: string | undefined): { r: number; c: number } | null => {
    const m = /^([A-Za-z]{1,3})(\d{1,7})$/.exec(ref ?? "");
    return m ? { r: Number(m[2]), c: columnNumber(m[1] ?? "") } : null;
  };
  const a = cell(parts[0]);
  const b = parts.length === 2 ? cell(parts[1]) : a;
  if (!a || !b || parts.length > 2) return null;
  return {
    r1: Math.min(a.r, b.r),
    c1: Math.min(a.c, b.c),
    r2: Math.max(a.r, b.r),
    c2: Math.max(a.c, b.c),
  };
}

export function intersects(a: Bounds, b: Bounds): boolean {
  return a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
}
