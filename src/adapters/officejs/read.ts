/**
 * Reads what the domain needs from the open workbook in as few syncs as possible: one sync for
 * the sheet list, the settings and metadata sheets and the active sheet; a second only when the
 * plan is on another sheet or when writing needs details (tables, validations) of the plan sheet.
 */
import { a1, parseRange, type CellValue } from "../../domain/cell";
import { PlanTrackerError } from "../../domain/diagnostics";
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

/**
 * "When a get operation using Range.values exceeds the five-million-cell limit, the API doesn't
 * always throw an error. In some cases, Range.values returns null instead" (Excel performance
 * article; review item 6). Raised for such a read: the plan read retries in slices
 * (isPayloadTooLarge), and elsewhere the clerk is told which sheet and what to do.
 */
export class ValuesWithheld extends PlanTrackerError {
  constructor(sheet: string) {
    super("read.values-withheld", {
      vi: `Excel không trả về nội dung trang "${sheet}" vì vùng đã dùng quá lớn (quá 5 triệu ô). Thường là do một ô lẻ ở rất xa bảng: nhấn Ctrl+End trên trang đó, xóa các hàng/cột thừa rồi chạy lại.`,
      en: `Excel did not return the cells of the sheet "${sheet}": its used range is too big (over 5 million cells). Usually a stray cell far from the table causes this: press Ctrl+End on that sheet, delete the extra rows/columns, and run again.`,
    });
  }
}

/** Converts a loaded used range (values/formulas/numberFormat/valueTypes) into SheetData. */
export function sheetFromRange(
  name: string,
  state: SheetState,
  range: CellBlock | null,
): SheetData {
  if (!range) return { name, state, rows: [], formulas: new Map() };
  // Loaded but withheld (null past the cell limit): never read as an empty sheet.
  if (!Array.isArray(range.values)) throw new ValuesWithheld(name);
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

/**
 * A sheet from its used range's `formulas` alone: enough to print it (sheetPrint.ts) — which
 * cells hold something, and the formulas — at a quarter of the response of a full read.
 */
export function sheetFromFormulas(
  name: string,
  state: SheetState,
  range: { rowIndex: number; columnIndex: number; formulas: unknown[][] } | null,
): SheetData {
  const rows: CellValue[][] = [];
  const formulas = new Map<string, string>();
  if (!range) return { name, state, rows, formulas };
  if (!Array.isArray(range.formulas)) throw new ValuesWithheld(name);
  for (let r = 0; r < range.rowIndex; r++) rows.push([]);
  range.formulas.forEach((line, r) => {
    const out: CellValue[] = Array<CellValue>(range.columnIndex).fill(null);
    line.forEach((f, c) => {
      if (typeof f === "string" && f.startsWith("=")) {
        formulas.set(a1(range.rowIndex + r + 1, range.columnIndex + c + 1), f.slice(1));
        out.push(null);
      } else
        out.push(
          typeof f === "string" || typeof f === "number" || typeof f === "boolean" ? f : null,
        );
    });
    rows.push(out);
  });
  return { name, state, rows, formulas };
}

/**
 * A sheet from the areas Excel reports holding constants and formulas (getSpecialCells): all its
 * print needs (sheetPrint.ts), in two short addresses however many cells the sheet has. Cells hold
 * a marker, not their values.
 */
export function sheetFromAreas(
  name: string,
  state: SheetState,
  constants: readonly string[],
  formulaAreas: readonly string[],
): SheetData {
  const rows: CellValue[][] = [];
  const formulas = new Map<string, string>();
  const each = (areas: readonly string[], put: (r: number, c: number) => void): void => {
    for (const area of areas) {
      const b = parseRange(area);
      if (!b) continue;
      for (let r = b.r1; r <= b.r2; r++) for (let c = b.c1; c <= b.c2; c++) put(r, c);
    }
  };
  each(constants, (r, c) => {
    const row = (rows[r - 1] ??= []);
    row[c - 1] = "v";
  });
  each(formulaAreas, (r, c) => void formulas.set(a1(r, c), ""));
  for (let r = 0; r < rows.length; r++) {
    const row = (rows[r] ??= []);
    for (let c = 0; c < row.length; c++) row[c] ??= null;
  }
  return { name, state, rows, formulas };
}

export interface Discovery {
  readonly sheets: readonly { readonly name: string; readonly state: SheetState }[];
  readonly activeSheet: string;
  readonly names: readonly string[];
  readonly tables: readonly { readonly name: string; readonly sheet: string }[];
  /** Sheets under Review › Protect Sheet: the tool writes none of their cells (protection.ts). */
  readonly protectedSheets: readonly string[];
  /** Review › Protect Workbook: no sheet may be added, deleted, moved or hidden. */
  readonly structureProtected: boolean;
}

type LoadedRange = Excel.Range;

/** What `sheetFromRange` needs of a used range. */
export const USED_RANGE_PROPS = "rowIndex,columnIndex,values,formulas,numberFormat,valueTypes";

/** A block of cells as `sheetFromRange` takes it (a used range, or a slice of one). */
export interface CellBlock {
  rowIndex: number;
  columnIndex: number;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  valueTypes: unknown[][];
}

interface AreaLoad {
  rowIndex: number;
  columnIndex: number;
  rowCount?: number;
  columnCount?: number;
  formulas?: unknown[][];
  numberFormat?: unknown[][];
  valueTypes?: unknown[][];
}

/**
 * Queues the read of a range's cells; call the result after the sync (null: nothing there).
 * `lean` (ExcelApi 1.9) keeps the response small enough for 10 000-row plans on the web (5 MB per
 * response): the values of every cell, but formulas, number formats and value types only where
 * they matter — formula cells, numeric constants (dates are numbers with a date format) and
 * error constants — through getSpecialCells. Otherwise all four grids are read.
 */
export function queueRangeRead(
  range: Excel.Range,
  lean: boolean,
  sheetName: string,
): () => CellBlock | null {
  if (!lean) {
    range.load(USED_RANGE_PROPS);
    return () => (range.isNullObject ? null : range);
  }
  range.load("rowIndex,columnIndex,values");
  const numbers = range.getSpecialCellsOrNullObject("Constants", "Numbers");
  numbers.areas.load("items/rowIndex,items/columnIndex,items/numberFormat");
  const formulas = range.getSpecialCellsOrNullObject("Formulas");
  formulas.areas.load(
    "items/rowIndex,items/columnIndex,items/formulas,items/numberFormat,items/valueTypes",
  );
  const errors = range.getSpecialCellsOrNullObject("Constants", "Errors");
  errors.areas.load("items/rowIndex,items/columnIndex,items/rowCount,items/columnCount");
  return () => {
    if (range.isNullObject) return null;
    const values = range.values as unknown[][] | null;
    if (!Array.isArray(values)) throw new ValuesWithheld(sheetName);
    const filled = <T>(fill: T): T[][] => values.map((row) => row.map(() => fill));
    const block: CellBlock = {
      rowIndex: range.rowIndex,
      columnIndex: range.columnIndex,
      values,
      formulas: filled<unknown>(null),
      numberFormat: filled<unknown>("General"),
      valueTypes: filled<unknown>(""),
    };
    const each = (
      areas: Excel.RangeAreas,
      visit: (a: AreaLoad, r: number, c: number, i: number, j: number) => void,
      dims: (a: AreaLoad) => [number, number],
    ): void => {
      if (areas.isNullObject) return;
      for (const a of areas.areas.items as unknown as AreaLoad[]) {
        const [rows, cols] = dims(a);
        for (let i = 0; i < rows; i++)
          for (let j = 0; j < cols; j++)
            visit(a, a.rowIndex - range.rowIndex + i, a.columnIndex - range.columnIndex + j, i, j);
      }
    };
    const put = (target: unknown[][], r: number, c: number, v: unknown): void => {
      const row = target[r];
      if (row && c >= 0 && c < row.length) row[c] = v;
    };
    const grid = (m: unknown[][] | undefined): [number, number] => [
      m?.length ?? 0,
      m?.[0]?.length ?? 0,
    ];
    each(
      numbers,
      (a, r, c, i, j) => put(block.numberFormat, r, c, a.numberFormat?.[i]?.[j]),
      (a) => grid(a.numberFormat),
    );
    each(
      formulas,
      (a, r, c, i, j) => {
        put(block.formulas, r, c, a.formulas?.[i]?.[j]);
        put(block.numberFormat, r, c, a.numberFormat?.[i]?.[j]);
        put(block.valueTypes, r, c, a.valueTypes?.[i]?.[j]);
      },
      (a) => grid(a.formulas),
    );
    each(
      errors,
      (_a, r, c) => put(block.valueTypes, r, c, "Error"),
      (a) => [a.rowCount ?? 0, a.columnCount ?? 0],
    );
    return block;
  };
}

/**
 * Queues the read of one sheet's used range (values only: formatting alone does not make a plan
 * bigger) and returns what turns it into SheetData once the caller has synced.
 */
export function queueSheetRead(
  context: Excel.RequestContext,
  name: string,
  lean = false,
): (state: SheetState) => SheetData {
  const range = context.workbook.worksheets
    .getItemOrNullObject(name)
    .getUsedRangeOrNullObject(true);
  const read = queueRangeRead(range, lean, name);
  return (state) => sheetFromRange(name, state, read());
}

/**
 * Excel on the web refused a request or response over its size limit (5 MB). Several reports
 * show an oversized read failing as GeneralException ("An internal error has occurred") instead
 * of the documented code (review item 6): that is treated the same, so the read is tried once in
 * slices — a slice that still fails on one row rethrows the real error.
 */
export function isPayloadTooLarge(err: unknown): boolean {
  if (err instanceof ValuesWithheld) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === "string" &&
    /PayloadSizeLimitExceeded|PayloadTooLarge|^GeneralException$/i.test(code)
  );
}

/**
 * Reads a sheet too large for one response in row slices, one sync each, halving a slice that is
 * still too large. Only ever used after a one-sync read was refused for its size.
 */
export async function readSheetInSlices(
  context: Excel.RequestContext,
  name: string,
  state: SheetState,
  lean: boolean,
): Promise<{ sheet: SheetData; syncs: number }> {
  const used = context.workbook.worksheets.getItem(name).getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  let syncs = 1;
  if (used.isNullObject) return { sheet: sheetFromRange(name, state, null), syncs };
  const blocks: CellBlock[] = [];
  let step = Math.max(1, Math.ceil(used.rowCount / 4));
  for (let start = 0; start < used.rowCount;) {
    const rows = Math.min(step, used.rowCount - start);
    const slice = context.workbook.worksheets
      .getItem(name)
      .getRangeByIndexes(used.rowIndex + start, used.columnIndex, rows, used.columnCount);
    const read = queueRangeRead(slice, lean, name);
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one slice per response, by design
      await context.sync();
    } catch (err) {
      syncs++;
      if (!isPayloadTooLarge(err) || rows === 1) throw err;
      step = Math.max(1, Math.floor(rows / 2));
      continue;
    }
    syncs++;
    let block: CellBlock | null;
    try {
      block = read();
    } catch (err) {
      // Withheld values (null past the cell limit) count as "too big" too.
      if (!(err instanceof ValuesWithheld) || rows === 1) throw err;
      step = Math.max(1, Math.floor(rows / 2));
      continue;
    }
    if (block) blocks.push(block);
    start += rows;
  }
  return { sheet: sheetFromBlocks(name, state, blocks), syncs };
}

/** SheetData from row slices of one sheet (each slice as sheetFromRange reads it). */
function sheetFromBlocks(name: string, state: SheetState, blocks: CellBlock[]): SheetData {
  const rows: CellValue[][] = [];
  const formulas = new Map<string, string>();
  for (const block of blocks) {
    const part = sheetFromRange(name, state, block);
    part.rows.forEach((row, i) => {
      if (i >= block.rowIndex) rows[i] = [...row];
    });
    for (const [k, v] of part.formulas ?? []) formulas.set(k, v);
  }
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { name, state, rows, formulas };
}

/**
 * One sync: the sheet list, names, tables, the active sheet, and the used ranges of the settings
 * and metadata sheets and of the sheets in `also`. The active sheet's used range is read too unless
 * `loadActive` is false (the caller names the plan sheet: reading the active one as well could
 * double a large response).
 */
export async function readWorkbook(
  context: Excel.RequestContext,
  also: readonly string[] = [],
  opts: { loadActive?: boolean } = {},
): Promise<{ data: WorkbookData; discovery: Discovery; loaded: ReadonlySet<string> }> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  // Protection (sheets: ExcelApi 1.2, structure: 1.7, both below the add-in's 1.8) is read in the
  // first sync so that a protected sheet is refused before anything is written (review item 11).
  sheets.load("items/name,items/visibility,items/protection/protected");
  const structure = wb.protection;
  structure.load("protected");
  const active = sheets.getActiveWorksheet();
  active.load("name");
  const names = wb.names;
  names.load("items/name");
  const tables = wb.tables;
  tables.load("items/name,items/worksheet/name");
  const wanted = [...new Set([SETTINGS_SHEET, META_SHEET, ...also])];
  const ranges = new Map<string, LoadedRange>();
  for (const name of wanted) {
    const range = sheets.getItemOrNullObject(name).getUsedRangeOrNullObject(true);
    range.load("rowIndex,columnIndex,values,formulas,numberFormat,valueTypes");
    ranges.set(name, range);
  }
  const activeRange = opts.loadActive === false ? null : active.getUsedRangeOrNullObject(true);
  if (activeRange) activeRange.load(USED_RANGE_PROPS);
  await context.sync();

  const discovery: Discovery = {
    sheets: sheets.items.map((s) => ({
      name: s.name,
      state: VISIBILITY[s.visibility] ?? "visible",
    })),
    activeSheet: active.name,
    names: names.items.map((n) => n.name),
    tables: tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
    protectedSheets: sheets.items.filter((s) => s.protection.protected).map((s) => s.name),
    structureProtected: structure.protected,
  };
  if (activeRange && !ranges.has(active.name)) ranges.set(active.name, activeRange);

  // Sheets not read here are listed with no rows; the caller reads the one it needs.
  const data: SheetData[] = discovery.sheets.map((s) => {
    const range = ranges.get(s.name);
    const loaded = range && !range.isNullObject ? range : null;
    return loaded
      ? sheetFromRange(s.name, s.state, loaded)
      : { name: s.name, state: s.state, rows: [] };
  });
  const loaded = new Set(discovery.sheets.map((s) => s.name).filter((n) => ranges.has(n)));
  return { data: { sheets: data, definedNames: discovery.names }, discovery, loaded };
}

/**
 * The areas of a RangeAreas address, without their sheet: "'Kế hoạch, 2023'!A2:I2, Sheet1!B5"
 * → ["A2:I2", "B5"]. A quoted sheet name may hold commas and "!", so it is skipped as a whole.
 */
export function areaRefs(address: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < address.length) {
    while (address[i] === " " || address[i] === ",") i++;
    if (i >= address.length) break;
    let j = i;
    if (address[j] === "'") {
      j++;
      while (j < address.length && !(address[j] === "'" && address[j + 1] !== "'")) {
        j += address[j] === "'" ? 2 : 1;
      }
      j++;
    }
    const bang = address.indexOf("!", j);
    const comma = address.indexOf(",", j);
    const start = bang >= 0 && (comma < 0 || bang < comma) ? bang + 1 : i;
    const end = address.indexOf(",", start);
    out.push(address.slice(start, end < 0 ? undefined : end).trim());
    i = end < 0 ? address.length : end + 1;
  }
  return out.filter((r) => r.length > 0);
}
