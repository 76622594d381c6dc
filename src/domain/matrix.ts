/**
 * Quarter and month matrices: a plan laid out with one topic per row and one column per period
 * ("Quý I | Quý II | Quý III | Quý IV", "Tháng 1 – 3 | Tháng 4 – 6 …", "T1 … T12", "Tháng 1 …
 * Tháng 12"), each cell holding how many products that period ("2", "02", "02 tin") or a mark
 * ("x", "✓"). Every filled cell is one item of that period, keyed by its cell (topic row ×
 * period column); an empty cell is not an item; "0" and "-" say "none" and are not items either;
 * anything else is flagged at its cell, never read.
 *
 * This module reads the headers and the cells; plan.ts expands the rows into items and
 * tracker/itemsSheet.ts lays out the tracker's derived items sheet.
 */
import { isBlank, isDateValue, isErrorValue, type CellValue } from "./cell";
import { measureInCount, normalizeType, parseCount, parseCountAndType } from "./countType";
import { clip, fold, plainPunctuation, squash } from "./text";
import { issue, q, type Issue } from "./diagnostics";

/** A period column of a matrix, as its header cell reads. */
export interface MatrixColumn {
  readonly col: number;
  /** 1-based row of the header cell naming the period (a merged cell's master). */
  readonly row: number;
  /** The header text as written, squashed ("Quý I", "T1", "Tháng 1 – 3"). */
  readonly text: string;
  /** What the period parser reads ("T1" → "Tháng 1"; otherwise the text itself). */
  readonly parse: string;
}

const YEAR = String.raw`(?:\s*(?:[/.\-]|nam)\s*\d{4})?`;

/**
 * Header texts (folded) that name one period: "quy i", "quy 2", "q3", "quy vi" (an error the
 * period parser explains), "thang 1", "thang 1 - 3", "t12", each perhaps with its year.
 */
const PERIOD_HEADER = new RegExp(
  String.raw`^(?:(?:quy|qui)\s*(?:[ivxl]{1,4}|\d{1,2})${YEAR}|q\s*[1-4]${YEAR}|thang\s*\d{1,2}(?:\s*-\s*(?:thang\s*)?\d{1,2})?${YEAR}|t\s*\d{1,2}${YEAR})$`,
);

/** The folded form the period-header pattern is matched on (dashes made plain, ":" dropped). */
function headerKey(text: string): string {
  return fold(plainPunctuation(text))
    .replace(/[:*]+$/, "")
    .trim();
}

/** Whether a header cell names one period (a column of a quarter or month matrix). */
export function isPeriodHeader(value: unknown): boolean {
  if (typeof value !== "string" || value.length > 30) return false;
  return PERIOD_HEADER.test(headerKey(value));
}

/** "T1" → "Tháng 1", "T12/2024" → "Tháng 12/2024": the short month form the parser reads. */
export function periodHeaderParseText(text: string): string {
  const t = squash(text);
  const m = /^[Tt]\s*(\d{1,2})(.*)$/u.exec(t);
  return m ? `Tháng ${m[1] ?? ""}${m[2] ?? ""}` : t;
}

/** How a matrix cell reads. */
export type MatrixCell =
  | { readonly kind: "none" }
  | { readonly kind: "mark" }
  | {
      readonly kind: "count";
      readonly count: number | null;
      /** "02 tin" → "tin": the type the words after the number name (normalised). */
      readonly type: string | null;
      readonly issues: readonly Issue[];
    }
  | { readonly kind: "invalid"; readonly issue: Issue };

/** Marks that say "this period, one item": x, ✓ and their look-alikes; "có" (yes). */
const MARKS = new Set(["x", "×", "✕", "✗", "✘", "v", "✓", "✔", "√", "☑", "☒", "+", "*", "co"]);

/** "0", "-", "–": the clerk wrote that there is nothing in that period. */
const NONE = new Set(["0", "00", "-", "--", "—", "–", "khong"]);

const NONE_RESULT: MatrixCell = { kind: "none" };
const MARK_RESULT: MatrixCell = { kind: "mark" };

/**
 * Reads one matrix cell: empty or "0"/"-" (no item), a mark ("x", "✓": one item), a count
 * ("2", "02", "02 tin": that many), or anything else (flagged, never read as an item's count).
 */
export function readMatrixCell(value: CellValue): MatrixCell {
  if (isBlank(value)) return NONE_RESULT;
  if (typeof value === "boolean") return value ? MARK_RESULT : NONE_RESULT;
  if (typeof value === "number") {
    if (value === 0) return NONE_RESULT;
    const parsed = parseCount(value);
    return { kind: "count", count: parsed.value, type: null, issues: parsed.issues };
  }
  if (isDateValue(value) || isErrorValue(value) || typeof value !== "string")
    return invalid(describe(value));
  const key = fold(plainPunctuation(value)).replace(/[.]+$/, "").trim();
  if (NONE.has(key)) return NONE_RESULT;
  if (MARKS.has(key)) return MARK_RESULT;
  if (/^\(?\s*\d/.test(squash(value))) {
    const measure = measureInCount(value);
    if (measure) return { kind: "count", count: null, type: null, issues: [measure] };
    const parsed = parseCount(value);
    if (parsed.value === null && parsed.issues.some((i) => i.code === "count.unreadable"))
      return invalid(value);
    const words = parsed.value === null ? null : parseCountAndType(value).type;
    return {
      kind: "count",
      count: parsed.value,
      type: words === null ? null : normalizeType(words),
      issues: parsed.issues,
    };
  }
  return invalid(value);
}

function describe(value: CellValue): string {
  if (isDateValue(value)) return `ngày/date ${value.serial}`;
  if (isErrorValue(value)) return value.code;
  return String(value);
}

function invalid(received: string): MatrixCell {
  const shown = q(clip(received));
  return {
    kind: "invalid",
    issue: issue("matrix.cell-unreadable", "error", {
      vi: `Ô ${shown} trong cột kỳ không phải số lượng hay dấu đánh dấu. Ghi số lượng sản phẩm của kỳ đó ("2", "02", "02 tin"), hoặc dấu "x" / "✓" cho một sản phẩm; để trống (hoặc "0", "-") nếu kỳ đó không có. Công cụ không đọc ô này.`,
      en: `The cell ${shown} in a period column is neither a count nor a mark. Write how many products that period ("2", "02", "02 tin"), or a mark "x" / "✓" for one product; leave it empty (or "0", "-") when there is none that period. The tool does not read this cell.`,
    }),
  };
}

/**
 * The tracker's derived items sheet for a matrix plan (tracker/itemsSheet.ts): one row per item,
 * its title, period and count live formulas into the clerk's matrix, then the tracker columns.
 * Its name and columns are fixed; plan.ts places findings on it.
 */
export const ITEMS_SHEET = "Hạng mục theo dõi";
/**
 * Names the old copy of the items sheet takes while a new one is written (track.ts, backupName):
 * the add-in reads these too, in case a failed run left one.
 */
export const ITEMS_BACKUPS: readonly string[] = ["", " 2", " 3"].map(
  (n) => `${ITEMS_SHEET} (cũ${n})`,
);
export const ITEMS_HEADER_ROW = 3;
export const ITEMS_COLUMNS = {
  no: 1,
  key: 2,
  title: 3,
  period: 4,
  count: 5,
  type: 6,
  duration: 7,
  unit: 8,
  due: 9,
  status: 10,
  airedOn: 11,
  spent: 12,
  notes: 13,
  check: 14,
  countValue: 15,
  minutesValue: 16,
  plannedValue: 17,
  // Evidence for payment (issue 13 §3), at the right end as on a standard tracker: an items sheet
  // written before they existed has these columns empty, so its entries read the same.
  evidence: 18,
  acceptanceNo: 19,
  acceptedOn: 20,
  invoice: 21,
  paidOn: 22,
} as const;

/** The clerk's columns of the derived items sheet, kept from run to run. */
export type EntryField =
  | "due"
  | "status"
  | "airedOn"
  | "spent"
  | "notes"
  | "evidence"
  | "acceptanceNo"
  | "acceptedOn"
  | "invoice"
  | "paidOn";
export const ENTRY_FIELDS: readonly EntryField[] = [
  "due",
  "status",
  "airedOn",
  "spent",
  "notes",
  "evidence",
  "acceptanceNo",
  "acceptedOn",
  "invoice",
  "paidOn",
];

export interface EntryCell {
  readonly col: number;
  readonly value: CellValue;
  /** A formula the clerk wrote there (without "="), kept as a formula. */
  readonly formula?: string;
}

/** One row of the derived items sheet as a reader found it: its key and the clerk's entries. */
export interface ItemEntry {
  readonly row: number;
  /** The matrix cell ("C5") the row tracks, or null when it cannot be told. */
  readonly key: string | null;
  /**
   * The key comes from the row's live formula (Excel moves its reference when the clerk inserts
   * or deletes rows in the plan), not from a plain text a paste left.
   */
  readonly keyFromFormula: boolean;
  /** A kept row's former cell ("(E5)" on the sheet): shown again, never matched. */
  readonly formerKey?: string;
  /** The title, period and count the row showed (cached results), for rows no longer planned. */
  readonly title: string | null;
  readonly period: string | null;
  readonly count: string | null;
  /** Only the non-blank entries (a manual due date only when typed over the tool's formula). */
  readonly cells: Readonly<Partial<Record<EntryField, EntryCell>>>;
}

export interface ItemEntries {
  /** The items sheet's name. */
  readonly sheet: string;
  readonly entries: readonly ItemEntry[];
}
