/**
 * The tracker of a quarter or month matrix: a derived items sheet ("Hạng mục theo dõi") the tool
 * owns, one row per item (one filled cell of the clerk's matrix), so that each item still gets its
 * own status, air date and spending — without ever writing into the clerk's matrix.
 *
 * Design:
 * - Each row's title, period, count (and type, duration, unit where the plan has those columns)
 *   are live formulas into the matrix (`=IF(KH!$B$5="","",KH!$B$5)`, the period its column's
 *   header cell), so an edit in the plan shows at once; the tool caches their values.
 * - Column B ("Ô kế hoạch") is the row's key: `=ADDRESS(ROW(KH!$E$5),COLUMN(KH!$E$5),4)`, which
 *   shows "E5". Its reference is a live one, so when the clerk inserts or deletes rows of the plan
 *   Excel moves it with the topic, and the next run reads the key from the formula, not the text.
 * - The clerk fills Trạng thái, Ngày phát sóng, Kinh phí thực chi and Ghi chú (and may type a due
 *   date over the tool's). The sheet is rebuilt on every run; those entries are read first and
 *   written back on the row of the item they are keyed to. Rows whose item is gone (its cell was
 *   emptied or deleted) keep their entries at the end of the sheet, reported, never dropped.
 * - Due date, Kiểm tra and the values (SL quy đổi, Số phút quy đổi, Kinh phí KH quy đổi) are the
 *   tool's, as on a standard tracker; "Kinh phí" and "Tiến độ" read this sheet.
 * - A topic's budget (a sum) is counted once, with its first item; a rate applies to each item.
 * - The sheet's print (sheetPrint.ts) leaves out the clerk's columns: someone who changed
 *   anything else (a column added, a formula overwritten) gets the old sheet kept as
 *   "Hạng mục theo dõi (đã sửa)" — and the entries still carried over.
 */
import { isoToSerial, type IsoDate } from "../calendar";
import { a1, columnLetter, rangeA1, sheetRef, cellText, isBlank, type CellValue } from "../cell";
import { locate, type Diagnostic } from "../diagnostics";
import { TRACKER_HEADERS, type FieldKey } from "../fields";
import type { CellSpec, ConditionalFormatSpec, SheetSpec, ValidationSpec } from "../layout/spec";
import { emptySheet } from "../layout/spec";
import {
  ENTRY_FIELDS,
  ITEMS_COLUMNS,
  ITEMS_HEADER_ROW,
  ITEMS_BACKUPS,
  ITEMS_SHEET,
  type EntryCell,
  type EntryField,
  type ItemEntries,
  type ItemEntry,
} from "../matrix";
import type { Plan } from "../plan";
import type { PlanItem } from "../planItem";
import { itemMerges } from "../tableLayout";
import type { SheetData } from "../workbookData";
import {
  checkText,
  EVIDENCE_WIDTHS,
  airedOnValidation,
  evidenceDateValidation,
  invalidCellRule,
  rowColourRules,
  SPENT_VALIDATION,
  STATUS_VALIDATION,
  unpaidRule,
} from "./planSheet";
import { printOfSheet, printOfSpec } from "./sheetPrint";
import {
  COLORS,
  COMPUTED_HEADER_STYLE,
  DATE_FORMAT,
  HEADER_STYLE,
  NO_WRAP,
  NUMBER_FORMAT,
  TEXT_FORMAT,
  VND_FORMAT,
} from "./styles";

export { ITEMS_BACKUPS, ITEMS_SHEET };

type ItemsColumn = keyof typeof ITEMS_COLUMNS;

/** The header of each column (Vietnamese, with the English the pane and messages use). */
const HEADERS: Readonly<Record<ItemsColumn, string>> = {
  no: "STT",
  key: "Ô kế hoạch",
  title: TRACKER_HEADERS.title.vi,
  period: TRACKER_HEADERS.period.vi,
  count: TRACKER_HEADERS.count.vi,
  type: TRACKER_HEADERS.type.vi,
  duration: TRACKER_HEADERS.duration.vi,
  unit: TRACKER_HEADERS.unit.vi,
  due: TRACKER_HEADERS.due.vi,
  status: TRACKER_HEADERS.status.vi,
  airedOn: TRACKER_HEADERS.airedOn.vi,
  spent: TRACKER_HEADERS.spent.vi,
  notes: TRACKER_HEADERS.notes.vi,
  check: TRACKER_HEADERS.check.vi,
  countValue: TRACKER_HEADERS.countValue.vi,
  minutesValue: TRACKER_HEADERS.minutesValue.vi,
  plannedValue: TRACKER_HEADERS.plannedValue.vi,
  evidence: TRACKER_HEADERS.evidence.vi,
  acceptanceNo: TRACKER_HEADERS.acceptanceNo.vi,
  acceptedOn: TRACKER_HEADERS.acceptedOn.vi,
  invoice: TRACKER_HEADERS.invoice.vi,
  paidOn: TRACKER_HEADERS.paidOn.vi,
};

const WIDTHS: Readonly<Record<ItemsColumn, number>> = {
  no: 6,
  key: 10,
  title: 48,
  period: 14,
  count: 10,
  type: 14,
  duration: 11,
  unit: 24,
  due: 14,
  status: 16,
  airedOn: 14,
  spent: 16,
  notes: 24,
  check: 50,
  countValue: 9,
  minutesValue: 10,
  plannedValue: 18,
  ...EVIDENCE_WIDTHS,
};

const FIRST_ROW = ITEMS_HEADER_ROW + 1;
const LAST_COL = Math.max(...Object.values(ITEMS_COLUMNS));

const TITLE_STYLE = { bold: true, size: 13, color: COLORS.title } as const;
const NOTE_STYLE = { italic: true, color: "595959" } as const;
const HEAD_STYLE = {
  bold: true,
  fill: COLORS.planHeader,
  border: true,
  wrap: true,
  valign: "middle",
} as const;
const ITALIC = { italic: true } as const;
const UPRIGHT = { italic: false } as const;

/** Columns the clerk fills: their print is left out (sheetPrint.ts) and their cells are kept. */
const ENTRY_COLUMNS: ReadonlySet<number> = new Set(ENTRY_FIELDS.map((f) => ITEMS_COLUMNS[f]));

/** The columns the summaries read, as fields (trackerRefs). */
export const ITEMS_FIELD_COLUMNS: Readonly<Partial<Record<FieldKey, number>>> = {
  title: ITEMS_COLUMNS.title,
  period: ITEMS_COLUMNS.period,
  count: ITEMS_COLUMNS.count,
  type: ITEMS_COLUMNS.type,
  duration: ITEMS_COLUMNS.duration,
  unit: ITEMS_COLUMNS.unit,
  due: ITEMS_COLUMNS.due,
  status: ITEMS_COLUMNS.status,
  airedOn: ITEMS_COLUMNS.airedOn,
  spent: ITEMS_COLUMNS.spent,
  notes: ITEMS_COLUMNS.notes,
  check: ITEMS_COLUMNS.check,
  countValue: ITEMS_COLUMNS.countValue,
  minutesValue: ITEMS_COLUMNS.minutesValue,
  plannedValue: ITEMS_COLUMNS.plannedValue,
  evidence: ITEMS_COLUMNS.evidence,
  acceptanceNo: ITEMS_COLUMNS.acceptanceNo,
  acceptedOn: ITEMS_COLUMNS.acceptedOn,
  invoice: ITEMS_COLUMNS.invoice,
  paidOn: ITEMS_COLUMNS.paidOn,
};

// ---------------------------------------------------------------- reading the clerk's entries

const KEY_IN_FORMULA =
  /ROW\(\s*(?:(?:'(?:[^']|'')*'|[^'!(),\s]+)!)?\$?([A-Z]{1,3})\$?(\d{1,7})\s*\)/i;

/** The matrix cell a row tracks: from its key formula, else from a plain "E5" left by a paste. */
function keyOf(
  sheet: SheetData,
  row: number,
  col: number,
): { key: string | null; live: boolean; former: string | null } {
  const formula = sheet.formulas?.get(a1(row, col));
  if (formula !== undefined) {
    const m = KEY_IN_FORMULA.exec(formula);
    const key = m ? `${(m[1] ?? "").toUpperCase()}${m[2] ?? ""}` : null;
    return { key, live: true, former: null };
  }
  const v = sheet.rows[row - 1]?.[col - 1] ?? null;
  const text = typeof v === "string" ? v.trim().toUpperCase() : "";
  if (/^[A-Z]{1,3}\d{1,7}$/.test(text)) return { key: text, live: false, former: null };
  // "(E5)": a kept row's former cell, shown again but never matched.
  const was = /^\(([A-Z]{1,3}\d{1,7})\)$/.exec(text);
  return { key: null, live: false, former: was?.[1] ?? null };
}

/**
 * Each column's place on the sheet as found: by its header text (a column the clerk inserted
 * shifts the rest), else where the tool puts it.
 */
function columnsOf(sheet: SheetData): Record<ItemsColumn, number> {
  const header = sheet.rows[ITEMS_HEADER_ROW - 1] ?? [];
  const out = { ...ITEMS_COLUMNS } as Record<ItemsColumn, number>;
  for (const key of Object.keys(ITEMS_COLUMNS) as ItemsColumn[]) {
    const at = header.findIndex((v) => typeof v === "string" && v.trim() === HEADERS[key]);
    if (at >= 0) out[key] = at + 1;
  }
  return out;
}

/**
 * The rows of the tracker's items sheet: each with its key and the clerk's entries. A due date
 * counts as the clerk's only when typed over the tool's formula.
 */
export function readItemEntries(sheet: SheetData): ItemEntries {
  const cols = columnsOf(sheet);
  const entries: ItemEntry[] = [];
  const text = (row: number, col: number): string | null => {
    const v = sheet.rows[row - 1]?.[col - 1] ?? null;
    return isBlank(v) ? null : cellText(v);
  };
  for (let row = FIRST_ROW; row <= sheet.rows.length; row++) {
    const cells: Partial<Record<EntryField, EntryCell>> = {};
    for (const field of ENTRY_FIELDS) {
      const col = cols[field];
      const value: CellValue = sheet.rows[row - 1]?.[col - 1] ?? null;
      const formula = sheet.formulas?.get(a1(row, col));
      if (field === "due" && formula !== undefined) continue;
      if (formula !== undefined) cells[field] = { col, value, formula };
      else if (!isBlank(value)) cells[field] = { col, value };
    }
    const { key, live, former } = keyOf(sheet, row, cols.key);
    if (key === null && Object.keys(cells).length === 0) continue;
    entries.push({
      row,
      key,
      keyFromFormula: live,
      ...(former !== null ? { formerKey: former } : {}),
      title: text(row, cols.title),
      period: text(row, cols.period),
      count: text(row, cols.count),
      cells,
    });
  }
  return { sheet: sheet.name, entries };
}

/** The print of the sheet without the clerk's columns: what tells an edit elsewhere. */
export function itemsPrintOfSheet(sheet: SheetData): string {
  return printOfSheet(sheet, ENTRY_COLUMNS);
}

// ---------------------------------------------------------------- writing the sheet

export interface ItemsSheetInput {
  readonly plan: Plan;
  /** The plan sheet as read (the cached values of the formulas come from it). */
  readonly sheet: SheetData;
  readonly diagnostics: readonly Diagnostic[];
  readonly planYear: number | null;
  readonly planTitle: string | null;
}

export interface ItemsSheetLayout {
  readonly spec: SheetSpec;
  /** Columns the summaries read (trackerRefs). */
  readonly columns: Readonly<Partial<Record<FieldKey, number>>>;
  readonly firstRow: number;
  /** The last item row (the kept orphan rows are below it, outside the summaries' ranges). */
  readonly lastRow: number;
  /** Each item's row on the sheet. */
  readonly rowOf: ReadonlyMap<PlanItem, number>;
  /** A finding on the sheet as read (an entry's row) moved to where the row is written now. */
  readonly relocate: (d: Diagnostic) => Diagnostic;
  readonly print: string;
}

function scalar(v: CellValue): string | number | boolean | null {
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean")
    return v;
  if (v.kind === "date") return v.serial;
  return v.code;
}

/** `=IF(KH!$B$5="","",KH!$B$5)`: the plan's cell, blank as blank (not 0). */
function liveRef(ref: string): string {
  return `IF(${ref}="","",${ref})`;
}

function dueCellSpec(row: number, col: number, due: IsoDate | null): CellSpec {
  if (due === null) return { row, col, value: null, numFmt: DATE_FORMAT };
  const [y, m, d] = due.split("-").map(Number);
  return {
    row,
    col,
    formula: `DATE(${y},${m},${d})`,
    result: isoToSerial(due),
    numFmt: DATE_FORMAT,
  };
}

function entrySpec(
  row: number,
  col: number,
  cell: EntryCell | undefined,
  numFmt?: string,
): CellSpec {
  const fmt = numFmt ? { numFmt } : {};
  if (!cell) return { row, col, ...fmt };
  if (cell.formula !== undefined)
    return { row, col, formula: cell.formula, result: scalar(cell.value), ...fmt };
  return { row, col, value: scalar(cell.value), ...fmt };
}

/** The evidence cells of a row: the clerk's, kept, with the formats the tool gives them. */
function evidenceSpecs(
  row: number,
  cells: Readonly<Partial<Record<EntryField, EntryCell>>> | undefined,
): CellSpec[] {
  const C = ITEMS_COLUMNS;
  return [
    entrySpec(row, C.evidence, cells?.evidence),
    entrySpec(row, C.acceptanceNo, cells?.acceptanceNo, TEXT_FORMAT),
    entrySpec(row, C.acceptedOn, cells?.acceptedOn, DATE_FORMAT),
    entrySpec(row, C.invoice, cells?.invoice, TEXT_FORMAT),
    entrySpec(row, C.paidOn, cells?.paidOn, DATE_FORMAT),
  ];
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function itemsSheetLayout(input: ItemsSheetInput): ItemsSheetLayout {
  const { plan, sheet } = input;
  const ref = sheetRef(plan.sheet);
  const cols = plan.header.columns;
  const covered = itemMerges(sheet, plan.header).covered;
  /** The cell that holds a (merged) value: the merge's top-left when covered. */
  const cellRef = (row: number, col: number): string => `${ref}!$${columnLetter(col)}$${row}`;
  const holder = (row: number, col: number): { ref: string; value: CellValue } => {
    const master = covered.get(row * 16384 + col) ?? row;
    const value = sheet.rows[row - 1]?.[col - 1] ?? null;
    const at = value === null ? master : row;
    return { ref: cellRef(at, col), value: sheet.rows[at - 1]?.[col - 1] ?? null };
  };
  const C = ITEMS_COLUMNS;
  const cells: CellSpec[] = [];
  const put = (c: CellSpec): void => void cells.push(c);

  put({
    row: 1,
    col: 1,
    value: `THEO DÕI TỪNG MỤC — bảng theo kỳ "${plan.sheet}"${input.planTitle ? ` — ${input.planTitle}` : ""}`,
    style: TITLE_STYLE,
  });
  put({
    row: 2,
    col: 1,
    value: `Mỗi hàng là một ô có số lượng hoặc dấu "x" của bảng "${plan.sheet}" (cột "Ô kế hoạch"); nội dung, thời gian, số lượng lấy trực tiếp từ bảng đó. Nhập Trạng thái, Ngày phát sóng, Kinh phí thực chi, Ghi chú và chứng từ thanh toán (link, biên bản nghiệm thu, hóa đơn, ngày thanh toán) ở đây: trang này do công cụ tạo lại mỗi lần chạy và giữ các ô bạn đã nhập. / One row per filled cell of the plan's matrix; enter status, air date, spending, notes and the payment evidence here.`,
    style: NOTE_STYLE,
  });
  for (const key of Object.keys(C) as ItemsColumn[]) {
    const entryCol = (ENTRY_FIELDS as readonly string[]).includes(key);
    const computed =
      key === "countValue" || key === "minutesValue" || key === "plannedValue" || key === "key";
    put({
      row: ITEMS_HEADER_ROW,
      col: C[key],
      value: HEADERS[key],
      style: entryCol ? HEADER_STYLE : computed ? COMPUTED_HEADER_STYLE : HEAD_STYLE,
    });
  }

  const matrixCols = new Set(plan.matrix?.columns.map((m) => m.col) ?? []);
  const headerRowOf = new Map(plan.matrix?.columns.map((m) => [m.col, m.row]) ?? []);
  const byRow = new Map<number, Diagnostic[]>();
  const entryDiags = new Map<number, Diagnostic[]>();
  for (const d of input.diagnostics) {
    if (d.row === null) continue;
    const target =
      d.sheet === plan.sheet ? byRow : d.sheet === plan.matrix?.entriesSheet ? entryDiags : null;
    if (!target) continue;
    const list = target.get(d.row) ?? [];
    list.push(d);
    target.set(d.row, list);
  }
  /** An item's findings: its topic row's (not another period cell's), its column header's, its entry's. */
  const findingsOf = (item: PlanItem): Diagnostic[] => {
    const own = (byRow.get(item.row) ?? []).filter(
      (d) => d.col === null || d.col === item.matrixCol || !matrixCols.has(d.col),
    );
    const head = headerRowOf.get(item.matrixCol ?? 0);
    const header =
      head === undefined ? [] : (byRow.get(head) ?? []).filter((d) => d.col === item.matrixCol);
    const entry = item.entryRow ? (entryDiags.get(item.entryRow) ?? []) : [];
    return [...own, ...header, ...entry];
  };

  const rowOf = new Map<PlanItem, number>();
  const moved = new Map<number, number>();
  const entryOf = new Map<number, ItemEntry>();
  // The entries as read, by their row: each item finds its own by entryRow.
  for (const e of plan.matrix?.entries ?? []) entryOf.set(e.row, e);
  let row = FIRST_ROW;
  plan.items.forEach((item, i) => {
    rowOf.set(item, row);
    const entry = item.entryRow ? entryOf.get(item.entryRow) : undefined;
    if (item.entryRow) moved.set(item.entryRow, row);
    const matrixCol = item.matrixCol ?? 0;
    const cell = holder(item.row, matrixCol);
    // The key is the item's own cell, even when a merge above shows its mark.
    const own = cellRef(item.row, matrixCol);
    put({ row, col: C.no, value: i + 1 });
    put({
      row,
      col: C.key,
      formula: `ADDRESS(ROW(${own}),COLUMN(${own}),4)`,
      result: a1(item.row, matrixCol),
    });
    const live = (col: number, field: FieldKey): void => {
      const c = cols[field];
      if (c === undefined) return;
      const h = holder(item.row, c);
      put({ row, col, formula: liveRef(h.ref), result: scalar(h.value) ?? "" });
    };
    live(C.title, "title");
    const headRow = headerRowOf.get(matrixCol) ?? plan.header.headerRow;
    put({
      row,
      col: C.period,
      formula: `${ref}!$${columnLetter(matrixCol)}$${headRow}`,
      result: scalar(sheet.rows[headRow - 1]?.[matrixCol - 1] ?? null),
    });
    put({ row, col: C.count, formula: liveRef(cell.ref), result: scalar(cell.value) ?? "" });
    if (cols.type !== undefined) live(C.type, "type");
    else if (item.typeText !== null) put({ row, col: C.type, value: item.typeText });
    live(C.duration, "duration");
    live(C.unit, "unit");
    const dueEntry = entry?.cells.due;
    put(
      dueEntry
        ? entrySpec(row, C.due, dueEntry, DATE_FORMAT)
        : dueCellSpec(row, C.due, item.dueDate),
    );
    put(entrySpec(row, C.status, entry?.cells.status));
    put(entrySpec(row, C.airedOn, entry?.cells.airedOn, DATE_FORMAT));
    put(entrySpec(row, C.spent, entry?.cells.spent, VND_FORMAT));
    put(entrySpec(row, C.notes, entry?.cells.notes));
    for (const c of evidenceSpecs(row, entry?.cells)) put(c);
    put({ row, col: C.check, value: checkText(findingsOf(item)), style: NO_WRAP });
    put({ row, col: C.countValue, value: item.count, numFmt: NUMBER_FORMAT });
    put({
      row,
      col: C.minutesValue,
      value:
        item.count !== null && item.durationMinutes !== null
          ? round6(item.count * item.durationMinutes)
          : null,
      numFmt: NUMBER_FORMAT,
    });
    put({
      row,
      col: C.plannedValue,
      value: item.plannedVnd,
      numFmt: VND_FORMAT,
      style: item.plannedDerived ? ITALIC : UPRIGHT,
    });
    row++;
  });
  const lastRow = row - 1;

  // Entries whose item is gone: kept below, with what they tracked, for the clerk to move.
  const orphans = plan.matrix?.orphans ?? [];
  if (orphans.length > 0) {
    row++;
    put({
      row,
      col: 1,
      value:
        "MỤC KHÔNG CÒN TRONG BẢNG KẾ HOẠCH — các ô đã nhập được giữ lại: chép sang hàng đúng rồi xóa các hàng này. / Items no longer in the plan: entries kept.",
      style: { bold: true, color: COLORS.invalidText },
    });
    row++;
    for (const e of orphans) {
      moved.set(e.row, row);
      const was = e.key ?? e.formerKey ?? null;
      put({ row, col: C.key, value: was ? `(${was})` : null });
      put({ row, col: C.title, value: e.title });
      put({ row, col: C.period, value: e.period });
      put({ row, col: C.count, value: e.count });
      put(entrySpec(row, C.due, e.cells.due, DATE_FORMAT));
      put(entrySpec(row, C.status, e.cells.status));
      put(entrySpec(row, C.airedOn, e.cells.airedOn, DATE_FORMAT));
      put(entrySpec(row, C.spent, e.cells.spent, VND_FORMAT));
      put(entrySpec(row, C.notes, e.cells.notes));
      for (const c of evidenceSpecs(row, e.cells)) put(c);
      put({
        row,
        col: C.check,
        value: `CẢNH BÁO: ${was ? `ô ${was}` : "mục này"} không còn trong bảng kế hoạch "${plan.sheet}"; các ô đã nhập được giữ lại.`,
        style: NO_WRAP,
      });
      row++;
    }
  }

  const hasItems = plan.items.length > 0;
  const spec: SheetSpec = {
    ...emptySheet(ITEMS_SHEET, "replace"),
    cells,
    columns: (Object.keys(C) as ItemsColumn[]).map((k) => ({ col: C[k], width: WIDTHS[k] })),
    validations: hasItems ? validations(lastRow, input.planYear) : [],
    conditionalFormats: hasItems ? conditionalFormats(lastRow) : [],
    freeze: { rows: ITEMS_HEADER_ROW, cols: 0 },
    tabColor: "BF8F00",
  };
  const relocate = (d: Diagnostic): Diagnostic => {
    if (d.sheet !== plan.matrix?.entriesSheet || d.row === null) return d;
    const to = moved.get(d.row);
    if (to === undefined || to === d.row) return d;
    return locate(
      { code: d.code, severity: d.severity, text: d.detail, suggestion: d.suggestion },
      { sheet: ITEMS_SHEET, row: to, col: d.col, field: d.field, value: d.value },
    );
  };
  return {
    spec,
    columns: ITEMS_FIELD_COLUMNS,
    firstRow: FIRST_ROW,
    lastRow,
    rowOf,
    relocate,
    print: printOfSpec(spec, ENTRY_COLUMNS),
  };
}

function validations(last: number, year: number | null): ValidationSpec[] {
  const C = ITEMS_COLUMNS;
  const col = (c: number): string => rangeA1(FIRST_ROW, c, last, c);
  const out: ValidationSpec[] = [{ range: col(C.status), ...STATUS_VALIDATION }];
  if (year !== null) out.push({ range: col(C.airedOn), ...airedOnValidation(year) });
  out.push({ range: col(C.spent), ...SPENT_VALIDATION });
  if (year !== null)
    for (const field of ["acceptedOn", "paidOn"] as const)
      out.push({ range: col(C[field]), ...evidenceDateValidation(field, year) });
  return out;
}

function conditionalFormats(last: number): ConditionalFormatSpec[] {
  const C = ITEMS_COLUMNS;
  const at = (c: number): string => `$${columnLetter(c)}${FIRST_ROW}`;
  const check = at(C.check);
  const due = at(C.due);
  const status = at(C.status);
  const out: ConditionalFormatSpec[] = [];
  let priority = 1;
  const marked: [FieldKey, number][] = [
    ["title", C.title],
    ["period", C.period],
    ["count", C.count],
    ["duration", C.duration],
    ["status", C.status],
    ["airedOn", C.airedOn],
    ["spent", C.spent],
    ["due", C.due],
    ["acceptedOn", C.acceptedOn],
    ["paidOn", C.paidOn],
  ];
  for (const [field, col] of marked)
    out.push(invalidCellRule(rangeA1(FIRST_ROW, col, last, col), field, check, priority++));
  // Before the row colours: the paid-date cell of a done (green) row still shows it is unpaid.
  const paid = rangeA1(FIRST_ROW, C.paidOn, last, C.paidOn);
  out.push(unpaidRule(paid, at(C.acceptedOn), at(C.paidOn), status, priority++));
  out.push(...rowColourRules(rangeA1(FIRST_ROW, 1, last, LAST_COL), due, status, priority));
  return out;
}
