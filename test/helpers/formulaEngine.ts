/**
 * An independent formula engine for the workbooks the tool writes: HyperFormula (GPL-3.0, a
 * test-only dependency) recomputes every formula of an .xlsx from the same cells, so a test can
 * compare each cached result (what Excel, LibreOffice and previewers show before any recalc) with
 * what the formula really gives.
 *
 * Loading (exceljs reads the package):
 * - every sheet, veryHidden ones too, with values and formulas; merged cells other than the
 *   top-left one are empty (exceljs reports the master's value there, Excel holds nothing);
 * - text is passed to HyperFormula as a '-prefixed literal, so "01" or "11/03/2023" stay text as
 *   in Excel instead of being parsed into numbers or dates;
 * - dates become Excel serials (getTime()/86400000 + 25569, 1904 system honoured);
 * - workbook-level defined names become named expressions;
 * - TODAY() and NOW() are rewritten to DATE(y,m,d) of `opts.today` before the formula is handed
 *   to HyperFormula, whose TODAY() reads the real clock. The rewrite skips string literals and
 *   quoted sheet names; FormulaCheck.formula keeps the text as written in the file.
 *
 * Engine settings that make HyperFormula agree with Excel: serials from 1899-12-31 with the
 * fictitious 29/02/1900 (leapYear1900), so DATE(1900,1,1) = 1 and DATE(2023,3,11) = 44996 as in
 * Excel (nullDate 1899-12-30 without leapYear1900 agrees only from 1900-03-01 on, and
 * 1899-12-30 *with* it is one day off); accent-sensitive but case-insensitive text comparison
 * ("Hủy" ≠ "Huy", "hủy" = "HỦY"); a formula that is a bare reference to an empty cell gives 0;
 * array arithmetic on, as SUMPRODUCT(--(range=x)) needs.
 */
import ExcelJS from "exceljs";
import { HyperFormula, DetailedCellError } from "hyperformula";
import type { RawCellContent, SerializedNamedExpression } from "hyperformula";

export interface FormulaCheck {
  sheet: string;
  address: string;
  /** The formula as stored in the file (no leading "="). */
  formula: string;
  /** The cached result in the file: number (dates as serials), string, boolean, null, {error}. */
  cached: unknown;
  /** HyperFormula's result, in the same shape. */
  computed: unknown;
  /** HyperFormula's explanation when it computed an error (e.g. an unknown function). */
  engineMessage?: string;
}

/** An Excel error value, e.g. { error: "#DIV/0!" }. */
export interface ErrorValue {
  error: string;
}

export interface RecomputeOptions {
  /** ISO date (YYYY-MM-DD) that TODAY() and NOW() return. */
  today: string;
}

const EXCEL_EPOCH_OFFSET = 25569; // serial of 1970-01-01 in the 1900 date system
const EXCEL_1904_OFFSET = 24107; // serial of 1970-01-01 in the 1904 date system

export const HYPERFORMULA_CONFIG = {
  licenseKey: "gpl-v3",
  nullDate: { year: 1899, month: 12, day: 31 },
  leapYear1900: true,
  accentSensitive: true,
  caseSensitive: false,
  useWildcards: true,
  matchWholeCell: true,
  useRegularExpressions: false,
  evaluateNullToZero: true,
  // Array arguments as Excel evaluates them in SUMPRODUCT(--(range=value), …): without this,
  // HyperFormula answers #VALUE! "Cell range not allowed".
  useArrayArithmetic: true,
} as const;

export async function recomputeWorkbook(
  path: string,
  opts: RecomputeOptions,
): Promise<FormulaCheck[]> {
  const todayFormula = isoToDateFormula(opts.today);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const epoch = wb.properties.date1904 ? EXCEL_1904_OFFSET : EXCEL_EPOCH_OFFSET;
  const toSerial = (d: Date): number => d.getTime() / 86400000 + epoch;

  const sheets: Record<string, RawCellContent[][]> = {};
  const formulaCells: {
    sheet: string;
    row: number;
    col: number;
    address: string;
    f: string;
    cached: unknown;
  }[] = [];
  wb.eachSheet((ws) => {
    const grid: RawCellContent[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const content = cellContent(cell, toSerial);
        if (content === null) return;
        (grid[rowNumber - 1] ??= [])[colNumber - 1] = content;
        if (cell.type === ExcelJS.ValueType.Formula) {
          formulaCells.push({
            sheet: ws.name,
            row: rowNumber - 1,
            col: colNumber - 1,
            address: cell.address,
            f: cell.formula,
            cached: normalizeCached(cell.result, toSerial),
          });
        }
      });
    });
    // HyperFormula wants dense rows: fill the holes exceljs leaves.
    for (let r = 0; r < grid.length; r++) {
      const row = (grid[r] ??= []);
      for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
    }
    sheets[ws.name] = grid;
  });

  const names: SerializedNamedExpression[] = [];
  for (const dn of wb.definedNames.model as { name: string; ranges: string[] }[]) {
    if (dn.name.startsWith("_xlnm.")) continue; // print areas/titles: not formula inputs
    if (dn.ranges.length !== 1) {
      throw new Error(
        `Defined name ${dn.name} refers to ${dn.ranges.length} ranges (${dn.ranges.join(", ")}); ` +
          "HyperFormula can only name one range: extend test/helpers/formulaEngine.ts.",
      );
    }
    names.push({ name: dn.name, expression: `=${dn.ranges[0]}` });
  }

  // Formulas go in after the data so that TODAY() can be rewritten in one place.
  for (const fc of formulaCells) {
    sheets[fc.sheet]![fc.row]![fc.col] = "=" + engineFormula(fc.f, todayFormula);
  }

  const hf = HyperFormula.buildFromSheets(sheets, { ...HYPERFORMULA_CONFIG }, names);
  try {
    return formulaCells.map((fc) => {
      const sheetId = hf.getSheetId(fc.sheet);
      if (sheetId === undefined) throw new Error(`HyperFormula lost sheet "${fc.sheet}"`);
      const value = hf.getCellValue({ sheet: sheetId, row: fc.row, col: fc.col });
      const check: FormulaCheck = {
        sheet: fc.sheet,
        address: fc.address,
        formula: fc.f,
        cached: fc.cached,
        computed: value instanceof DetailedCellError ? { error: value.value } : value,
      };
      if (value instanceof DetailedCellError && value.message) check.engineMessage = value.message;
      return check;
    });
  } finally {
    hf.destroy();
  }
}

/** The checks whose cached result differs from the engine's. */
export function mismatches(checks: readonly FormulaCheck[]): FormulaCheck[] {
  return checks.filter((c) => !sameValue(c.cached, c.computed));
}

/** Fails with one table row per formula whose cached result is not what the engine computes. */
export function expectCachedMatches(checks: readonly FormulaCheck[]): void {
  const bad = mismatches(checks);
  if (bad.length === 0) return;
  const rows = bad.map((c) => [
    `'${c.sheet}'!${c.address}`,
    "=" + c.formula,
    show(c.cached),
    show(c.computed) + (c.engineMessage ? ` (${c.engineMessage})` : ""),
  ]);
  const header = ["cell", "formula", "cached in file", "HyperFormula"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((v, i) => v.padEnd(widths[i]!)).join(" | ");
  throw new Error(
    `${bad.length} of ${checks.length} formula cells have a cached result that differs from ` +
      `HyperFormula's:\n${[line(header), widths.map((w) => "-".repeat(w)).join("-+-"), ...rows.map(line)].join("\n")}`,
  );
}

/**
 * Equality of cell values as a spreadsheet user sees them: numbers within 1e-9 (relative for
 * numbers above 1, so sums of millions of đồng are not held to a tighter bound than doubles
 * allow), "" = empty, errors by type, everything else strictly.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  const blank = (v: unknown): boolean => v === null || v === undefined || v === "";
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  if (typeof a === "number" && typeof b === "number") {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  if (isErrorValue(a) || isErrorValue(b)) {
    return isErrorValue(a) && isErrorValue(b) && a.error.toUpperCase() === b.error.toUpperCase();
  }
  return a === b;
}

/** Function names the formulas call that HyperFormula does not implement (sorted, unique). */
export function unsupportedFunctions(checks: readonly Pick<FormulaCheck, "formula">[]): string[] {
  const known = new Set(HyperFormula.getRegisteredFunctionNames("enGB"));
  const missing = new Set<string>();
  for (const c of checks) {
    for (const name of functionNames(c.formula)) if (!known.has(name)) missing.add(name);
  }
  return [...missing].sort();
}

/** Upper-cased names of the functions a formula calls (outside string literals and sheet names). */
export function functionNames(formula: string): string[] {
  const names: string[] = [];
  for (const seg of segments(formula)) {
    if (seg.quoted) continue;
    for (const m of seg.text.matchAll(/(?<![A-Za-z0-9_.$!])([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)) {
      names.push(m[1]!.toUpperCase().replace(/^_XLFN\.|^_XLWS\./, ""));
    }
  }
  return names;
}

/**
 * The formula as HyperFormula gets it: TODAY()/NOW() → DATE(y,m,d) of the given day, and the
 * _xlfn./_xlws. prefixes Excel writes for newer functions dropped.
 */
export function engineFormula(formula: string, todayFormula: string): string {
  return segments(formula)
    .map((seg) =>
      seg.quoted
        ? seg.text
        : seg.text
            .replace(/(?<![A-Za-z0-9_.])(?:TODAY|NOW)\s*\(\s*\)/gi, todayFormula)
            .replace(/(?<![A-Za-z0-9_.])_xl(?:fn|ws)\./gi, ""),
    )
    .join("");
}

/** "2023-09-20" → "DATE(2023,9,20)". */
export function isoToDateFormula(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`today must be an ISO date YYYY-MM-DD, got "${iso}"`);
  return `DATE(${Number(m[1])},${Number(m[2])},${Number(m[3])})`;
}

/** Splits a formula into string literals / quoted sheet names and the rest. */
function segments(formula: string): { text: string; quoted: boolean }[] {
  const out: { text: string; quoted: boolean }[] = [];
  let i = 0;
  let plain = "";
  while (i < formula.length) {
    const ch = formula[i]!;
    if (ch === '"' || ch === "'") {
      if (plain) out.push({ text: plain, quoted: false });
      plain = "";
      let j = i + 1;
      for (;;) {
        if (j >= formula.length) break;
        if (formula[j] === ch) {
          if (formula[j + 1] === ch)
            j += 2; // doubled quote = escaped quote
          else break;
        } else j++;
      }
      out.push({ text: formula.slice(i, j + 1), quoted: true });
      i = j + 1;
    } else {
      plain += ch;
      i++;
    }
  }
  if (plain) out.push({ text: plain, quoted: false });
  return out;
}

function cellContent(cell: ExcelJS.Cell, toSerial: (d: Date) => number): RawCellContent {
  const V = ExcelJS.ValueType;
  switch (cell.type) {
    case V.Null:
    case V.Merge: // exceljs echoes the master's value; the cell itself is empty
      return null;
    case V.Formula:
      return "=0"; // placeholder, replaced once all sheets are read
    case V.Number:
      return cell.value as number;
    case V.Boolean:
      return cell.value as boolean;
    case V.Date:
      return toSerial(cell.value as Date);
    case V.Error:
      return (cell.value as ExcelJS.CellErrorValue).error;
    case V.String:
    case V.SharedString:
    case V.RichText:
    case V.Hyperlink:
      return "'" + cell.text;
    default:
      throw new Error(
        `${cell.worksheet.name}!${cell.address}: unsupported cell type ${String(cell.type)}`,
      );
  }
}

function normalizeCached(result: unknown, toSerial: (d: Date) => number): unknown {
  if (result === undefined) return null;
  if (result instanceof Date) return toSerial(result);
  if (isErrorValue(result)) return { error: result.error };
  if (typeof result === "object" && result !== null && "richText" in result) {
    return (result as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
  }
  return result;
}

function isErrorValue(v: unknown): v is ErrorValue {
  return typeof v === "object" && v !== null && typeof (v as ErrorValue).error === "string";
}

function show(v: unknown): string {
  if (v === null || v === undefined) return "(empty)";
  if (isErrorValue(v)) return v.error;
  if (typeof v === "number") return String(v) + serialHint(v);
  return JSON.stringify(v);
}

/** Next to a number that looks like a date serial, the date it stands for. */
function serialHint(n: number): string {
  if (!Number.isInteger(n) || n < 25569 || n > 73051) return "";
  return ` (${new Date((n - EXCEL_EPOCH_OFFSET) * 86400000).toISOString().slice(0, 10)})`;
}
