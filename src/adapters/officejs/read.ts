/**
 * Reads what the domain needs from the open workbook in as few syncs as possible: one sync for
 * the sheet list, the settings and metadata sheets and the active sheet; a second only when the
 * plan is on another sheet or when writing needs details (tables, validations) of the plan sheet.
 */
import { a1, type CellValue } from "../../domain/cell";
import { META_SHEET } from "../../domain/tracker/metadata";
import { SETTINGS_SHEET } from "../../domain/settings";
import type { SheetData, SheetState, WorkbookData } from "../../domain/workbookData";

/** Number formats that show a date or time: the value is then an Excel serial. */
export function isDateFormat(format: string): boolean {
  const f = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[dmyhs]/i.test(f) && !/^general$/i.test(f.trim());
}

export function officeCell(
  value: unknown,
  format: string,
  type: string,
  formula: unknown,
): CellValue {
  if (type === "Error") return { kind: "error", code: String(value) };
  if (type === "Empty" || value === "" || value === null || value === undefined) return null;
  if (typeof value === "number")
    return isDateFormat(format) ? { kind: "date", serial: value } : value;
  if (typeof value === "boolean" || typeof value === "string") return value;
  void formula;
  return null;
}

const VISIBILITY: Record<string, SheetState> = {
  Visible: "visible",
  Hidden: "hidden",
  VeryHidden: "veryHidden",
};

/** Converts a loaded used range (values/formulas/numberFormat/valueTypes) into SheetData. */
export function sheetFromRange(
  name: string,
  state: SheetState,
  range: {
    rowIndex: number;
    columnIndex: number;
    values: unknown[][];
    formulas: unknown[][];
    numberFormat: unknown[][];
    valueTypes: unknown[][];
  } | null,
): SheetData {
  if (!range) return { name, state, rows: [], formulas: new Map() };
  const rows: CellValue[][] = [];
  const formulas = new Map<string, string>();
  // The used range may start below row 1 / right of column A: pad so rows[0] is row 1.
  for (let r = 0; r < range.rowIndex; r++) rows.push([]);
  range.values.forEach((line, r) => {
    const out: CellValue[] = Array<CellValue>(range.columnIndex).fill(null);
    line.forEach((v, c) => {
      const f = range.formulas[r]?.[c];
      const format = range.numberFormat[r]?.[c];
      const type = range.valueTypes[r]?.[c];
      out.push(
        officeCell(
          v,
          typeof format === "string" ? format : "General",
          typeof type === "string" ? type : "",
          f,
        ),
      );
      if (typeof f === "string" && f.startsWith("=")) {
        formulas.set(a1(range.rowIndex + r + 1, range.columnIndex + c + 1), f.slice(1));
      }
    });
    rows.push(out);
  });
  return { name, state, rows, formulas };
}

export interface Discovery {
  readonly sheets: readonly { readonly name: string; readonly state: SheetState }[];
  readonly activeSheet: string;
  readonly names: readonly string[];
  readonly tables: readonly { readonly name: string; readonly sheet: string }[];
}

type LoadedRange = Excel.Range;

/**
 * Sync 1: the sheet list, names, tables, the active sheet, and the used ranges of the active,
 * settings and metadata sheets. `also` adds sheets the caller already knows it needs.
 */
export async function readWorkbook(
  context: Excel.RequestContext,
  also: readonly string[] = [],
): Promise<{ data: WorkbookData; discovery: Discovery }> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load("items/name,items/visibility");
  const active = sheets.getActiveWorksheet();
  active.load("name");
  const names = wb.names;
  names.load("items/name");
  const tables = wb.tables;
  tables.load("items/name,items/worksheet/name");
  const wanted = [SETTINGS_SHEET, META_SHEET, ...also];
  const ranges = new Map<string, LoadedRange>();
  for (const name of wanted) {
    const range = sheets.getItemOrNullObject(name).getUsedRangeOrNullObject(true);
    range.load("rowIndex,columnIndex,values,formulas,numberFormat,valueTypes");
    ranges.set(name, range);
  }
  const activeRange = active.getUsedRangeOrNullObject(true);
  activeRange.load("rowIndex,columnIndex,values,formulas,numberFormat,valueTypes");
  await context.sync();

  const discovery: Discovery = {
    sheets: sheets.items.map((s) => ({
      name: s.name,
      state: VISIBILITY[s.visibility] ?? "visible",
    })),
    activeSheet: active.name,
    names: names.items.map((n) => n.name),
    tables: tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
  };
  ranges.set(active.name, activeRange);

  // A second read only for sheets that were not loaded yet (the caller asked for them by name).
  const data: SheetData[] = discovery.sheets.map((s) => {
    const range = ranges.get(s.name);
    const loaded = range && !range.isNullObject ? range : null;
    return loaded
      ? sheetFromRange(s.name, s.state, loaded)
      : { name: s.name, state: s.state, rows: [] };
  });
  return { data: { sheets: data, definedNames: discovery.names }, discovery };
}
