/**
 * What the tracker writes on the user's plan sheet: the tracker columns it adds, the cells it
 * computes, the rules that colour rows and guard input, and the table. Nothing else on the sheet
 * is touched: every CellSpec here is a cell the tool owns.
 */
import { isoToSerial, type IsoDate } from "../calendar";
import { a1, cellText, columnLetter, intersects, parseRange, rangeA1, type Bounds } from "../cell";
import type { Diagnostic } from "../diagnostics";
import {
  COMPUTED_FIELDS,
  EVIDENCE_FIELDS,
  FIELD_LABELS,
  PLAN_FIELDS,
  TRACKER_FIELDS,
  TRACKER_HEADERS,
  type FieldKey,
} from "../fields";
import type {
  CellSpec,
  ColumnSpec,
  ConditionalFormatSpec,
  OwnedRules,
  SheetSpec,
  TableSpec,
  ValidationSpec,
} from "../layout/spec";
import { emptySheet } from "../layout/spec";
import type { Plan } from "../plan";
import type { PlanItem } from "../planItem";
import { STATUSES } from "../status";
import type { SheetData } from "../workbookData";
import { AS_OF_NAME, expandRows } from "./metadata";
import { UNPAID_AFTER_DAYS } from "../settlement";
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

export const DUE_SOON_WINDOW = 14;
export const TABLE_NAME = "KeHoach";
const DONE = "Đã phát sóng";
const CANCELLED = "Hủy";

export interface PlanSheetInput {
  readonly plan: Plan;
  readonly sheet: SheetData;
  readonly diagnostics: readonly Diagnostic[];
  readonly planYear: number | null;
  /** Columns the tool added in earlier runs (from the metadata). */
  readonly previouslyOwned: readonly FieldKey[];
  readonly previousRules: OwnedRules;
  readonly previousWrittenRows: string;
  /** Names in use in the workbook (tables, defined names), to keep the table's name unique. */
  readonly namesInUse: readonly string[];
  /**
   * The last run failed half way (its journal says so): the header cells and widths of the
   * columns it owns may be half-written, so they are written again like new ones (a header a
   * person renamed is left alone).
   */
  readonly restoreOwned?: boolean;
}

export interface PlanSheetLayout {
  readonly spec: SheetSpec;
  readonly columns: Readonly<Partial<Record<FieldKey, number>>>;
  readonly ownedColumns: readonly FieldKey[];
  readonly writtenRows: readonly number[];
  readonly rules: OwnedRules;
  /** Why no table was made, when none was (merged cells, odd headers, a table of the user's). */
  readonly tableSkipped: string | null;
}

/** The evidence columns, grouped at the right end, share a colour of their own. */
const EVIDENCE_HEADER_STYLE = { ...HEADER_STYLE, fill: COLORS.evidenceHeader } as const;

/** Widths of the evidence columns (the matrix items sheet uses them too). */
export const EVIDENCE_WIDTHS = {
  evidence: 24,
  acceptanceNo: 14,
  acceptedOn: 13,
  invoice: 13,
  paidOn: 13,
} as const satisfies Partial<Record<FieldKey, number>>;

const WIDTHS: Partial<Record<FieldKey, number>> = {
  due: 14,
  status: 16,
  airedOn: 14,
  spent: 16,
  check: 60,
  countValue: 9,
  minutesValue: 10,
  plannedValue: 18,
  ...EVIDENCE_WIDTHS,
};

// One style object for every computed cell that has it: a 50 000-row tracker has 100 000 of
// these cells (memory, and the copy the exceljs worker receives).
const ITALIC = { italic: true } as const;
const UPRIGHT = { italic: false } as const;

/** The text of the Kiểm tra cell for one row: one line per finding, errors first. */
export function checkText(diags: readonly Diagnostic[]): string | null {
  const lines = diags
    .filter((d) => d.severity !== "info")
    // Errors first, then by field and code, never by column: a tracker column the first run adds
    // must not reorder the text on the next run (idempotence).
    .sort(
      (a, b) =>
        (a.severity === "error" ? 0 : 1) - (b.severity === "error" ? 0 : 1) ||
        fieldRank(a.field) - fieldRank(b.field) ||
        a.code.localeCompare(b.code),
    )
    .map((d) => {
      const label = d.field ? FIELD_LABELS[d.field].vi : "";
      const tag = d.severity === "error" ? "LỖI" : "CẢNH BÁO";
      const text = d.detail.vi.length > 240 ? `${d.detail.vi.slice(0, 239)}…` : d.detail.vi;
      return `${tag}${label ? ` ${label}` : ""}: ${text}`;
    });
  if (lines.length === 0) return null;
  const joined = lines.join("\n");
  return joined.length > 2000 ? `${joined.slice(0, 1999)}…` : joined;
}

const FIELD_ORDER: readonly FieldKey[] = [...PLAN_FIELDS, ...TRACKER_FIELDS];

function fieldRank(field: FieldKey | null): number {
  return field === null ? -1 : FIELD_ORDER.indexOf(field);
}

/** The marker the Kiểm tra text carries for an error on a field; the invalid-cell rule finds it. */
export function errorMarker(field: FieldKey): string {
  return `LỖI ${FIELD_LABELS[field].vi}:`;
}

function dueCell(row: number, col: number, due: IsoDate | null): CellSpec {
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

function computedCell(
  field: FieldKey,
  row: number,
  col: number,
  item: PlanItem | undefined,
  check: string | null,
): CellSpec {
  switch (field) {
    case "due":
      return dueCell(row, col, item?.dueDate ?? null);
    case "check":
      return { row, col, value: check, style: NO_WRAP };
    case "countValue":
      return { row, col, value: item?.count ?? null, numFmt: NUMBER_FORMAT };
    case "minutesValue":
      return {
        row,
        col,
        value:
          item && item.count !== null && item.durationMinutes !== null
            ? round6(item.count * item.durationMinutes)
            : null,
        numFmt: NUMBER_FORMAT,
      };
    case "plannedValue":
      return {
        row,
        col,
        value: item?.plannedVnd ?? null,
        numFmt: VND_FORMAT,
        // A cost derived from count × minutes × rate is shown in italics, unlike a typed budget.
        style: item?.plannedDerived === true ? ITALIC : UPRIGHT,
      };
    default:
      throw new Error(`not a computed field: ${field}`);
  }
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** The header cell of a tool column holds the tool's header text, or nothing. */
function isToolHeader(
  sheet: SheetData,
  row: number,
  col: number | undefined,
  field: FieldKey,
): boolean {
  if (col === undefined) return false;
  const text = cellText(sheet.rows[row - 1]?.[col - 1] ?? null).trim();
  return text === "" || text === TRACKER_HEADERS[field].vi;
}

/** True when the clerk typed a value (not our formula) in the due cell: a manual due date. */
function isManualDue(sheet: SheetData, row: number, col: number): boolean {
  const value = sheet.rows[row - 1]?.[col - 1] ?? null;
  if (value === null || (typeof value === "string" && value.trim() === "")) return false;
  return !sheet.formulas?.has(a1(row, col));
}

export function planSheetLayout(input: PlanSheetInput): PlanSheetLayout {
  const { plan, sheet } = input;
  const columns: Partial<Record<FieldKey, number>> = { ...plan.header.columns };
  // Right of the header AND of anything the user keeps beside the items (a column without a
  // header, a cell holding only spaces): the tool's columns never land on the user's cells.
  let next =
    Math.max(
      plan.header.lastColumn,
      lastUsedColumn(sheet, plan.header.headerRow, Math.max(plan.lastRow, plan.lastItemRow)),
    ) + 1;
  const added: FieldKey[] = [];
  for (const field of TRACKER_FIELDS) {
    if (columns[field] === undefined) {
      columns[field] = next++;
      added.push(field);
    }
  }
  const owned = [
    ...new Set([...input.previouslyOwned.filter((f) => columns[f] !== undefined), ...added]),
  ];
  const ownedSet = new Set(owned);
  const lastCol = Math.max(...Object.values(columns).filter((c): c is number => c !== undefined));
  const first = plan.header.headerRow + 1;
  const last = Math.max(plan.lastItemRow, first);
  const hasItems = plan.items.length > 0;

  const cells: CellSpec[] = [];
  const columnSpecs: ColumnSpec[] = [];
  const restored = input.restoreOwned
    ? owned.filter(
        (f) => !added.includes(f) && isToolHeader(sheet, plan.header.headerRow, columns[f], f),
      )
    : [];
  for (const field of [...added, ...restored]) {
    const col = columns[field] as number;
    const computed = COMPUTED_FIELDS.includes(field);
    cells.push({
      row: plan.header.headerRow,
      col,
      value: TRACKER_HEADERS[field].vi,
      style:
        computed && field !== "check" && field !== "due"
          ? COMPUTED_HEADER_STYLE
          : EVIDENCE_FIELDS.includes(field)
            ? EVIDENCE_HEADER_STYLE
            : HEADER_STYLE,
    });
    columnSpecs.push({ col, width: WIDTHS[field] ?? 14 });
  }

  // Computed cells: every item row, and rows written last time that are no longer items.
  const rows = [
    ...new Set([...plan.items.map((i) => i.row), ...expandRows(input.previousWrittenRows)]),
    // Rows past the sheet's last row hold nothing to clear (and a crafted metadata sheet may
    // list a million of them).
  ].filter((r) => r > plan.header.headerRow && r <= sheet.rows.length);
  const computed = computedCells({
    rows,
    items: plan.items,
    diagnostics: input.diagnostics,
    sheet,
    columns,
    owned: ownedSet,
  });
  // A loop, not push(...): 50 000 rows × 5 computed columns overflow the call stack as arguments.
  for (const c of computed.cells) cells.push(c);
  const writtenRows = computed.writtenRows;

  const rules = hasItems
    ? ruleSet(columns, ownedSet, first, last, lastCol, input)
    : { validations: [], conditionalFormats: [] };
  const table = hasItems
    ? tableFor(plan, sheet, columns, first - 1, last, lastCol, input)
    : { table: null, skipped: null };

  const formats = hasItems ? inputFormats(columns, ownedSet, first, last) : [];
  const spec: SheetSpec = {
    ...emptySheet(plan.sheet, "patch"),
    cells: [...cells, ...formats],
    columns: columnSpecs,
    validations: rules.validations,
    conditionalFormats: rules.conditionalFormats,
    tables: table.table ? [table.table] : [],
    remove: input.previousRules,
  };
  return {
    spec,
    columns,
    ownedColumns: owned,
    writtenRows,
    rules: {
      validations: rules.validations.map((v) => v.range),
      conditionalFormats: rules.conditionalFormats.map((c) => ({
        range: c.range,
        formula: c.formula,
      })),
      tables: table.table ? [table.table.name] : [],
    },
    tableSkipped: table.skipped,
  };
}

export interface ComputedInput {
  /** Rows to write: items get their values; other rows are cleared. */
  readonly rows: readonly number[];
  readonly items: readonly PlanItem[];
  readonly diagnostics: readonly Diagnostic[];
  readonly sheet: SheetData;
  readonly columns: Readonly<Partial<Record<FieldKey, number>>>;
  readonly owned: ReadonlySet<FieldKey>;
}

/**
 * The tool's computed cells (due date, Kiểm tra, values) for some rows: the whole item block when
 * converting, only the edited rows in the live re-check. A due date the clerk typed is kept.
 */
export function computedCells(input: ComputedInput): { cells: CellSpec[]; writtenRows: number[] } {
  const byRow = new Map(input.items.map((i) => [i.row, i]));
  const diagsByRow = new Map<number, Diagnostic[]>();
  for (const d of input.diagnostics) {
    if (d.row === null || d.sheet !== input.sheet.name) continue;
    const list = diagsByRow.get(d.row) ?? [];
    list.push(d);
    diagsByRow.set(d.row, list);
  }
  const cells: CellSpec[] = [];
  const writtenRows: number[] = [];
  const computedOwned = COMPUTED_FIELDS.filter(
    (f) => input.owned.has(f) && input.columns[f] !== undefined,
  );
  for (const row of [...input.rows].sort((a, b) => a - b)) {
    const item = byRow.get(row);
    if (item) writtenRows.push(row);
    for (const field of computedOwned) {
      const col = input.columns[field] as number;
      if (field === "due" && isManualDue(input.sheet, row, col)) continue;
      cells.push(
        computedCell(field, row, col, item, item ? checkText(diagsByRow.get(row) ?? []) : null),
      );
    }
  }
  return { cells, writtenRows };
}

/** The last column holding any value (even blank text) in rows `fromRow`..`toRow`. */
function lastUsedColumn(sheet: SheetData, fromRow: number, toRow: number): number {
  let last = 0;
  for (let r = fromRow; r <= Math.min(toRow, sheet.rows.length); r++) {
    const row = sheet.rows[r - 1] ?? [];
    for (let c = row.length; c > last; c--) {
      const v = row[c - 1];
      if (v !== null && v !== undefined) {
        last = c;
        break;
      }
    }
  }
  return last;
}

/**
 * Number formats for the clerk's input columns (air date, spending, the evidence): format only,
 * and only in columns the tool added. A column the user already had keeps the user's own formats.
 */
function inputFormats(
  columns: Partial<Record<FieldKey, number>>,
  owned: ReadonlySet<FieldKey>,
  first: number,
  last: number,
): CellSpec[] {
  const out: CellSpec[] = [];
  const fmt: [FieldKey, string][] = [
    ["airedOn", DATE_FORMAT],
    ["spent", VND_FORMAT],
    ["acceptanceNo", TEXT_FORMAT],
    ["acceptedOn", DATE_FORMAT],
    ["invoice", TEXT_FORMAT],
    ["paidOn", DATE_FORMAT],
  ];
  for (const [field, numFmt] of fmt) {
    const col = columns[field];
    if (col === undefined || !owned.has(field)) continue;
    for (let row = first; row <= last; row++) out.push({ row, col, numFmt });
  }
  return out;
}

function hasForeignValidation(sheet: SheetData, range: Bounds, previous: OwnedRules): boolean {
  const ours = new Set(previous.validations);
  return (sheet.validations ?? []).some((v) => {
    if (ours.has(v)) return false;
    const b = parseRange(v);
    return (
      b !== null &&
      intersects(b, range) &&
      !previous.validations.some((o) => {
        const ob = parseRange(o);
        return ob !== null && ob.r1 <= b.r1 && ob.c1 <= b.c1 && ob.r2 >= b.r2 && ob.c2 >= b.c2;
      })
    );
  });
}

function ruleSet(
  columns: Partial<Record<FieldKey, number>>,
  owned: ReadonlySet<FieldKey>,
  first: number,
  last: number,
  lastCol: number,
  input: PlanSheetInput,
): { validations: ValidationSpec[]; conditionalFormats: ConditionalFormatSpec[] } {
  const colRange = (f: FieldKey): string | null => {
    const c = columns[f];
    return c === undefined ? null : rangeA1(first, c, last, c);
  };
  // Rule formulas are relative to the range's top-left cell: "$H5" follows the row, keeps the column.
  const ref = (f: FieldKey): string => `$${columnLetter(columns[f] as number)}${first}`;
  const rel = (f: FieldKey): string => `${columnLetter(columns[f] as number)}${first}`;
  const year = input.planYear;
  const validations: ValidationSpec[] = [];
  const add = (field: FieldKey, v: Omit<ValidationSpec, "range">): void => {
    const range = colRange(field);
    if (!range) return;
    const bounds = parseRange(range);
    // Never stack a rule on a column where the user keeps validations of their own.
    if (bounds && hasForeignValidation(input.sheet, bounds, input.previousRules)) return;
    validations.push({ range, ...v });
  };

  add("status", STATUS_VALIDATION);
  if (year !== null) {
    add("airedOn", airedOnValidation(year));
    for (const field of ["acceptedOn", "paidOn"] as const)
      add(field, evidenceDateValidation(field, year));
    add("period", {
      type: "list",
      formulae: [`"${["I", "II", "III", "IV"].map((q) => `Quý ${q}/${year}`).join(",")}"`],
      allowBlank: true,
      errorStyle: "warning",
      errorTitle: "Thời gian / Period",
      error: `Nên ghi một quý của năm ${year}, ví dụ "Quý II/${year}"; các dạng khác (ngày, tháng) vẫn dùng được. / Prefer a quarter of ${year}, e.g. "Quý II/${year}"; dates and months also work.`,
    });
  }
  add("spent", SPENT_VALIDATION);
  if (columns.duration !== undefined) {
    add("duration", {
      type: "custom",
      // Text such as "05 phút" is read by the tool and checked in Kiểm tra; a number must be > 0.
      formulae: [`OR(ISTEXT(${rel("duration")}),${rel("duration")}>0)`],
      allowBlank: true,
      errorStyle: "warning",
      errorTitle: "Thời lượng / Duration",
      error:
        'Thời lượng phải lớn hơn 0, ví dụ "05 phút" hoặc 5. / The duration must be above 0, e.g. "05 phút" or 5.',
    });
  }

  const rows = rangeA1(first, firstColumn(input.plan), last, lastCol);
  const due = ref("due");
  const status = ref("status");
  const conditionalFormats: ConditionalFormatSpec[] = [];
  let priority = 1;
  if (owned.has("check") && columns.check !== undefined) {
    const check = ref("check");
    for (const field of [
      "title",
      "period",
      "count",
      "duration",
      "budget",
      "status",
      "airedOn",
      "spent",
      "due",
      "acceptedOn",
      "paidOn",
    ] as FieldKey[]) {
      const range = colRange(field);
      if (!range) continue;
      conditionalFormats.push(invalidCellRule(range, field, check, priority++));
    }
  }
  const paidRange = colRange("paidOn");
  if (paidRange !== null && columns.acceptedOn !== undefined)
    // Before the row colours: the paid-date cell of a done (green) row still shows it is unpaid.
    conditionalFormats.push(
      unpaidRule(paidRange, ref("acceptedOn"), ref("paidOn"), status, priority++),
    );
  conditionalFormats.push(...rowColourRules(rows, due, status, priority));
  return { validations, conditionalFormats };
}

/**
 * The rule that marks a paid-date cell whose item was accepted more than 60 days before the as-of
 * date and is still unpaid (and not cancelled). Live: it keeps working without the add-in.
 */
export function unpaidFormula(accepted: string, paid: string, status: string): string {
  return `AND(ISNUMBER(${accepted}),${accepted}<${AS_OF_NAME}-${UNPAID_AFTER_DAYS},${paid}="",${status}<>"${CANCELLED}")`;
}

/** The status dropdown, on every sheet where the clerk marks an item's status. */
export const STATUS_VALIDATION: Omit<ValidationSpec, "range"> = {
  type: "list",
  formulae: [`"${STATUSES.join(",")}"`],
  allowBlank: true,
  errorStyle: "stop",
  errorTitle: "Trạng thái / Status",
  error: `Chọn trong danh sách: ${STATUSES.join(", ")}. / Choose a status from the list.`,
};

/** Air dates: in the plan year (a warning, not a refusal). */
export function airedOnValidation(year: number): Omit<ValidationSpec, "range"> {
  return {
    type: "date",
    operator: "between",
    formulae: [String(isoToSerial(`${year}-01-01`)), String(isoToSerial(`${year}-12-31`))],
    allowBlank: true,
    errorStyle: "warning",
    errorTitle: "Ngày phát sóng / Air date",
    error: `Ngày phát sóng nên trong năm ${year} (dd/mm/yyyy). / The air date should be in ${year} (dd/mm/yyyy).`,
  };
}

/** Spending: an amount in đồng, never negative. */
export const SPENT_VALIDATION: Omit<ValidationSpec, "range"> = {
  type: "decimal",
  operator: "greaterThanOrEqual",
  formulae: ["0"],
  allowBlank: true,
  errorStyle: "stop",
  errorTitle: "Kinh phí thực chi / Spent",
  error: "Nhập số tiền bằng đồng (≥ 0), ví dụ 15000000. / Enter an amount in đồng (≥ 0).",
};

/** A cell whose Kiểm tra text (`check`, relative) names its field as wrong: marked orange. */
export function invalidCellRule(
  range: string,
  field: FieldKey,
  check: string,
  priority: number,
): ConditionalFormatSpec {
  return {
    range,
    formula: `ISNUMBER(SEARCH("${errorMarker(field)}",${check}))`,
    style: { fill: COLORS.invalidFill, color: COLORS.invalidText, bold: true },
    priority,
    stopIfTrue: false,
  };
}

/** The paid-date cell of an item accepted long ago and unpaid (unpaidFormula): purple. */
export function unpaidRule(
  range: string,
  accepted: string,
  paid: string,
  status: string,
  priority: number,
): ConditionalFormatSpec {
  return {
    range,
    formula: unpaidFormula(accepted, paid, status),
    style: { fill: COLORS.unpaidFill, color: COLORS.unpaidText, bold: true },
    priority,
    stopIfTrue: false,
  };
}

/**
 * The row colours, from priority `from` on: overdue red, due within 14 days amber, aired green,
 * cancelled grey text. `due` and `status` are relative references to the block's first row.
 */
export function rowColourRules(
  rows: string,
  due: string,
  status: string,
  from: number,
): ConditionalFormatSpec[] {
  const open = `${status}<>"${DONE}",${status}<>"${CANCELLED}"`;
  const rules: Omit<ConditionalFormatSpec, "range" | "priority" | "stopIfTrue">[] = [
    {
      formula: `AND(${due}<>"",${due}<${AS_OF_NAME},${open})`,
      style: { fill: COLORS.overdueFill, color: COLORS.overdueText },
    },
    {
      formula: `AND(${due}<>"",${due}>=${AS_OF_NAME},${due}<=${AS_OF_NAME}+${DUE_SOON_WINDOW},${open})`,
      style: { fill: COLORS.dueSoonFill, color: COLORS.dueSoonText },
    },
    {
      formula: `${status}="${DONE}"`,
      style: { fill: COLORS.doneFill, color: COLORS.doneText },
    },
    {
      formula: `${status}="${CANCELLED}"`,
      style: { color: COLORS.cancelledText },
    },
  ];
  return rules.map((r, i) => ({ range: rows, ...r, priority: from + i, stopIfTrue: false }));
}

/** Acceptance and payment dates: from the plan year to the end of the next (Q4 is settled late). */
export function evidenceDateValidation(
  field: "acceptedOn" | "paidOn",
  year: number,
): Omit<ValidationSpec, "range"> {
  const label = FIELD_LABELS[field];
  return {
    type: "date",
    operator: "between",
    formulae: [String(isoToSerial(`${year}-01-01`)), String(isoToSerial(`${year + 1}-12-31`))],
    allowBlank: true,
    errorStyle: "warning",
    errorTitle: `${label.vi} / ${label.en}`,
    error: `${label.vi} nên từ 01/01/${year} đến 31/12/${year + 1} (dd/mm/yyyy). / The ${field === "acceptedOn" ? "acceptance" : "payment"} date should be between 01/01/${year} and 31/12/${year + 1} (dd/mm/yyyy).`,
  };
}

/**
 * The item block as an Excel table, when Excel would accept it: unique, non-empty, single-line
 * header texts, no merged cells inside, no table of the user's already there.
 */
function tableFor(
  plan: Plan,
  sheet: SheetData,
  columns: Partial<Record<FieldKey, number>>,
  headerRow: number,
  last: number,
  lastCol: number,
  input: PlanSheetInput,
): { table: TableSpec | null; skipped: string | null } {
  const firstCol = firstColumn(plan);
  const bounds: Bounds = { r1: headerRow, c1: firstCol, r2: last, c2: lastCol };
  const ours = new Set(input.previousRules.tables);
  const range = rangeA1(headerRow, firstCol, last, lastCol);
  // A run that failed between adding the table and naming it left it under Excel's default
  // name, exactly over the block: it is ours.
  const orphan = input.restoreOwned
    ? (sheet.tables ?? []).find((t) => !ours.has(t.name) && sameBounds(t.range, range))
    : undefined;
  const foreign = (sheet.tables ?? []).find(
    (t) => !ours.has(t.name) && t !== orphan && overlaps(t.range, bounds),
  );
  if (foreign)
    return {
      table: null,
      skipped: `table "${foreign.name}" of the user's already covers the items`,
    };
  // A table has one header row: a header block ("Sản phẩm" over "Số lượng | Thời lượng") has more.
  if (plan.header.firstHeaderRow < headerRow)
    return { table: null, skipped: "a header of several rows" };
  if ((sheet.merges ?? []).some((m) => overlaps(m, bounds)))
    return { table: null, skipped: "merged cells inside the item block" };

  const names: string[] = [];
  const header = new Map(plan.header.headerTexts);
  for (const [field, col] of Object.entries(columns) as [FieldKey, number][]) {
    if (!header.has(col)) header.set(col, TRACKER_HEADERS[field].vi);
  }
  for (let c = firstCol; c <= lastCol; c++) {
    const text = header.get(c);
    if (text === undefined || text.trim() === "")
      return { table: null, skipped: `empty header cell ${a1(headerRow, c)}` };
    // A table's header cells are text: making one would turn the user's number, date or formula
    // into a string (and Excel repairs a table whose header cell is not text).
    const raw = sheet.rows[headerRow - 1]?.[c - 1] ?? null;
    if (raw !== null && (typeof raw !== "string" || sheet.formulas?.has(a1(headerRow, c))))
      return { table: null, skipped: `header ${a1(headerRow, c)} is not plain text` };
    if (/[\r\n]/.test(text) || text !== text.trim())
      return { table: null, skipped: `header ${a1(headerRow, c)} has line breaks or edge spaces` };
    // Excel compares table column names case-insensitively.
    if (names.some((n) => n.toLowerCase() === text.toLowerCase())) {
      return { table: null, skipped: `duplicate header "${text}"` };
    }
    names.push(text);
  }
  const taken = new Set(input.namesInUse.filter((n) => !ours.has(n)).map((n) => n.toLowerCase()));
  let name = [...ours][0] ?? TABLE_NAME;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${TABLE_NAME}${i}`;
  return {
    table: {
      name,
      range,
      columns: names,
      style: "TableStyleLight9",
      ...(orphan ? { adopt: orphan.name } : {}),
    },
    skipped: null,
  };
}

function sameBounds(a: string, b: string): boolean {
  const x = parseRange(a);
  const y = parseRange(b);
  return (
    x !== null && y !== null && x.r1 === y.r1 && x.c1 === y.c1 && x.r2 === y.r2 && x.c2 === y.c2
  );
}

/** The leftmost column of the header row: a plan may start in column B or later. */
function firstColumn(plan: Plan): number {
  return Math.min(...plan.header.headerTexts.keys());
}

function overlaps(range: string, b: Bounds): boolean {
  const r = parseRange(range);
  return r !== null && intersects(r, b);
}
