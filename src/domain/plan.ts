/**
 * Reads a plan sheet into items: finds the header, walks the rows below it, parses every field
 * with its concept's parser and places each finding on its cell. The user's text is kept as
 * written; values read from it sit beside it (see PlanItem).
 */
import { addDays, formatVnDate, quarterOf, yearOf, type IsoDate } from "./calendar";
import { a1, cellText, isBlank, isDateValue, type CellValue } from "./cell";
import { measureInCount, parseCount, parseCountAndType, normalizeType } from "./countType";
import { issue, locate, type Diagnostic, type Issue } from "./diagnostics";
import { dueDate, eventOutsidePeriod, findEventDate, NO_EVENT_DATE } from "./due";
import { parseDuration } from "./duration";
import { EVIDENCE_FIELDS, FIELD_LABELS, type FieldKey } from "./fields";
import {
  applyColumnMap,
  NO_COLUMN,
  unmappedFields,
  emptyMappedColumns,
  resolveSavedMap,
  savedMapOf,
  type ColumnMap,
  type MapSource,
  type SavedColumnMap,
} from "./columnMap";
import { findHeader, type HeaderMap } from "./headers";
import {
  ENTRY_FIELDS,
  ITEMS_COLUMNS,
  ITEMS_SHEET,
  readMatrixCell,
  type EntryCell,
  type EntryField,
  type ItemEntries,
  type ItemEntry,
  type MatrixCell,
  type MatrixColumn,
} from "./matrix";
import { parseMoney } from "./money";
import { inferPlanYear, parsePeriod, yearFromTitle, type PeriodResult } from "./period";
import type { DueSource, PlanItem } from "./planItem";
import { hasPerPeriod, readFrequency, readRecurrence, type FrequencyReading } from "./recurrence";
import type { PlanSettings } from "./settings";
import { isClosed, parseStatus } from "./status";
import { fold, squash } from "./text";
import {
  checkTotals,
  groupRowPeriod,
  isNumberingRow,
  itemMerges,
  sharedAmounts,
  isParentRow,
  numberingLevel,
  sectionParseText,
  totalRow,
  unmappedColumns,
  type MutableLayout,
  type PendingTotal,
  type SectionPeriod,
  type TableLayout,
} from "./tableLayout";
import { crossFieldRules, type RuleContext } from "./validation";
import type { SheetData } from "./workbookData";

export const DUE_SOON_DAYS = 14;

export type PlanYearSource = "option" | "settings" | "title" | "periods";

export interface PlanContext {
  readonly asOf: IsoDate;
  /** --year: overrides every other source of the plan year. */
  readonly planYear?: number | null;
  readonly settings: PlanSettings;
  /**
   * The due column was added by the tool (metadata): its formulas are recomputed, while a date a
   * clerk typed over one (a plain value) is kept as a manual due date. Without the sheet's
   * formulas, the whole owned column counts as computed.
   */
  readonly dueColumnOwned?: boolean;
  /**
   * Read only these rows (the live re-check after an edit): work stays proportional to the edit,
   * not the sheet. Cross-row rules (duplicates) and section rows above are not consulted then.
   */
  readonly onlyRows?: ReadonlySet<number>;
  /** --map period=C,count=D: the clerk's columns over the ones the header names. */
  readonly columnMap?: ColumnMap | null;
  /** The map a tracker saved (metadata), used when no columnMap is given. */
  readonly savedColumnMap?: SavedColumnMap | null;
  /**
   * A tracked quarter or month matrix: the rows of the tracker's items sheet, whose status, air
   * date and spending belong to the items they are keyed to (tracker/itemsSheet.ts).
   */
  readonly itemEntries?: ItemEntries | null;
}

/** What a quarter or month matrix gave: its period columns, topics and kept entries. */
export interface PlanMatrix {
  readonly columns: readonly MatrixColumn[];
  /** Rows that gave at least one item. */
  readonly topics: number;
  /** The tracker's items sheet the entries were read from, when the plan is tracked. */
  readonly entriesSheet: string | null;
  /** Every row read from that sheet (items find theirs by PlanItem.entryRow). */
  readonly entries: readonly ItemEntry[];
  /**
   * Rows of the items sheet holding the clerk's entries that match no item any more (the cell
   * was emptied, the topic deleted): kept, never dropped, and reported.
   */
  readonly orphans: readonly ItemEntry[];
  /** Whether a topic's budget (a sum, not a rate) was counted on its first item. */
  readonly topicBudgets: number;
}

export interface Plan {
  readonly sheet: string;
  readonly header: HeaderMap;
  /** First and last row of the item block (header row + 1 … last non-blank row). */
  readonly firstRow: number;
  readonly lastRow: number;
  readonly items: readonly PlanItem[];
  readonly diagnostics: readonly Diagnostic[];
  readonly planYear: number | null;
  readonly planYearSource: PlanYearSource | null;
  /** Text of the title rows above the header, when there is one. */
  readonly title: string | null;
  /** The same, one entry per non-blank cell above the header (agency line, title line, …). */
  readonly titleLines: readonly string[];
  /** Last row holding an item (a total row below the items is not included). */
  readonly lastItemRow: number;
  /** How the table was read: header block, sections, headings and totals skipped. */
  readonly layout: TableLayout;
  /** Present when the plan is a quarter or month matrix (each filled cell is an item). */
  readonly matrix?: PlanMatrix;
}

export interface PlanRead {
  readonly plan: Plan | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** Fields read for every item; the tracker fields are read when the columns exist. */
const ITEM_FIELDS: readonly FieldKey[] = [
  "no",
  "title",
  "period",
  "count",
  "type",
  "duration",
  "unit",
  "budget",
  "notes",
  "due",
  "status",
  "airedOn",
  "spent",
  ...EVIDENCE_FIELDS,
];

export function readPlan(sheet: SheetData, ctx: PlanContext): PlanRead {
  const given = ctx.columnMap ?? ctx.savedColumnMap ?? null;
  // The fields the map gives a column may be missing from the header; a field it says has none
  // ("notes=none") is not one of them.
  const assumed =
    given === null
      ? []
      : (Object.entries(given) as [FieldKey, number | { col: number }][])
          .filter(([, v]) => (typeof v === "number" ? v : v.col) !== NO_COLUMN)
          .map(([field]) => field);
  const found = findHeader(sheet, assumed);
  if (!found.map) return { plan: null, diagnostics: found.diagnostics };
  const chosen = chooseColumnMap(sheet.name, found.map, ctx);
  const header = chosen.map ? applyColumnMap(found.map, chosen.map) : found.map;
  const cols = header.columns;
  const merged = itemMerges(sheet, header);
  const covered = merged.covered.size > 0 ? merged.covered : null;
  const get = (row: number, field: FieldKey): CellValue => {
    const c = cols[field];
    if (c === undefined) return null;
    const v = sheet.rows[row - 1]?.[c - 1] ?? null;
    if (v !== null || covered === null) return v;
    // A cell merged down over several items: each item takes the master's value.
    const master = covered.get(row * 16384 + c);
    return master === undefined ? null : (sheet.rows[master - 1]?.[c - 1] ?? null);
  };

  const titleLines = linesAbove(sheet, header.firstHeaderRow);
  const title = titleLines.length > 0 ? titleLines.join(" ") : null;
  const { planYear, source } = choosePlanYear(sheet, header, ctx, titleLines);

  const diagnostics: Diagnostic[] = [...found.diagnostics, ...chosen.diagnostics];
  const items: PlanItem[] = [];
  const memo = new ParseMemo();
  // A quarter or month matrix, unless --map gave a period column.
  const matrixCols = header.matrix && cols.period === undefined ? header.matrix : null;
  const matrix: MatrixScope | null = matrixCols
    ? {
        periods: matrixCols.map((column) => {
          const parsed = memo.get("period", column.parse, periodOf, planYear);
          // A header's findings once, at the header cell (not once per item under it).
          for (const f of parsed.issues)
            diagnostics.push(
              locate(f, {
                sheet: sheet.name,
                row: column.row,
                col: column.col,
                field: "period",
                value: column.text,
              }),
            );
          return { column, parsed };
        }),
        covered,
        entries: ctx.itemEntries && !ctx.onlyRows ? new EntryIndex(ctx.itemEntries) : null,
        topics: 0,
        topicBudgets: 0,
      }
    : null;
  const folded: string[] = [];
  let groupPeriod: SectionPeriod | null = null;
  // The period of a numbered heading ("1 | Kỷ niệm … | Quý I" over 1.1, 1.2): its sub-items'.
  let headingPeriod: { period: SectionPeriod; level: number } | null = null;
  let lastRow = header.headerRow;
  const layout: MutableLayout = {
    headerRows: { first: header.firstHeaderRow, last: header.headerRow },
    mapped: Object.keys(chosen.map ?? {}) as FieldKey[],
    mapSource: chosen.source,
    columnMap: savedMapOf(found.map, chosen.map ?? {}),
    sections: [],
    headings: [],
    totals: [],
    skippedRows: [],
  };
  const totals: PendingTotal[] = [];
  let scopeStart = header.headerRow + 1;

  const rowsToRead = ctx.onlyRows
    ? [...ctx.onlyRows].filter((r) => r > header.headerRow).sort((a, b) => a - b)
    : null;
  const end = rowsToRead ? rowsToRead.length : sheet.rows.length - header.headerRow;
  // The columns of ITEM_FIELDS that exist, 0-based: a row with all of them blank is skipped.
  const itemCols = ITEM_FIELDS.map((f) => cols[f]).filter((c): c is number => c !== undefined);
  for (const m of matrixCols ?? []) itemCols.push(m.col);
  let scope: ItemScope | null = null;
  for (let k = 0; k < end; k++) {
    const row = rowsToRead ? (rowsToRead[k] as number) : header.headerRow + 1 + k;
    const cells = sheet.rows[row - 1];
    if (cells === undefined || allBlank(cells, itemCols)) continue;
    lastRow = row;
    const titleText = get(row, "title");
    const periodCell = get(row, "period");

    const total = totalRow(sheet, row, header, periodCell);
    if (total !== null) {
      layout.totals.push({ row, text: total.text, kind: total.kind });
      totals.push({ row, kind: total.kind, from: total.kind === "subtotal" ? scopeStart : 0 });
      if (total.kind === "subtotal") scopeStart = row + 1;
      continue;
    }
    if (!rowsToRead && row === header.headerRow + 1 && isNumberingRow(cells)) {
      layout.skippedRows.push({ row, reason: "column-numbers" });
      continue;
    }
    // A matrix's periods are its columns: no section row gives one.
    const group = matrix ? null : groupRowPeriod(sheet, row, header, planYear);
    if (group !== null) {
      groupPeriod = group;
      headingPeriod = null;
      scope = null;
      scopeStart = row + 1;
      layout.sections.push({ row, text: group.text, period: group.parse });
      continue;
    }
    const level = numberingLevel(get(row, "no"));
    if (headingPeriod !== null && level !== null && level <= headingPeriod.level) {
      headingPeriod = null;
      scope = null;
    }
    if (
      !rowsToRead &&
      level !== null &&
      isParentRow(sheet, row, header, level, get) &&
      // A numbered row with filled period cells is a topic of the matrix, not a heading.
      !(matrix && matrixFilled(sheet, row, matrix))
    ) {
      const own = isBlank(periodCell) ? null : cellText(periodCell);
      layout.headings.push({ row, text: isBlank(titleText) ? "" : squash(cellText(titleText)) });
      if (own !== null) {
        headingPeriod = { period: { text: own, parse: sectionParseText(own) }, level };
        scope = null;
      }
      continue;
    }
    if (
      isBlank(titleText) &&
      isBlank(periodCell) &&
      onlyNotes(row, get) &&
      !(matrix && matrixFilled(sheet, row, matrix))
    )
      continue;

    scope ??= {
      sheet: sheet.name,
      cols,
      planYear,
      ctx,
      groupPeriod: headingPeriod?.period ?? groupPeriod,
      rows: sheet.rows,
      formulas: sheet.formulas,
      memo,
      folded,
    };
    if (matrix)
      for (const item of readMatrixRow(row, get, scope, matrix, diagnostics)) items.push(item);
    else items.push(readItem(row, get, scope, diagnostics));
  }
  if (matrix && !rowsToRead) for (const d of matrixNotes(sheet, header)) diagnostics.push(d);

  if (planYear === null && items.length > 0) {
    diagnostics.push(
      locate(
        issue("plan.no-year", "warning", {
          vi: 'Không xác định được năm kế hoạch: ghi năm vào cột thời gian (ví dụ "Quý I/2023"), vào tiêu đề ("… năm 2023"), hoặc dùng --year.',
          en: 'The plan year could not be determined: write it in the period column (e.g. "Quý I/2023"), in the title ("… năm 2023"), or pass --year.',
        }),
        { sheet: sheet.name, row: null, col: null, field: null, value: null },
      ),
    );
  }
  if (items.length === 0 && !rowsToRead) {
    diagnostics.push(
      locate(
        issue("plan.no-items", "error", {
          vi: `Không có mục nào dưới hàng tiêu đề (hàng ${header.headerRow}). Mỗi mục kế hoạch là một hàng có nội dung và thời gian.`,
          en: `There are no items under the header row (row ${header.headerRow}). Each planned item is a row with a title and a period.`,
        }),
        { sheet: sheet.name, row: header.headerRow, col: null, field: null, value: null },
      ),
    );
  }

  if (matrix?.entries) for (const d of matrix.entries.orphanNotes()) diagnostics.push(d);
  for (const d of checkTotals(sheet, header, totals, items)) diagnostics.push(d);
  if (!rowsToRead) for (const d of sharedAmounts(sheet, merged)) diagnostics.push(d);
  // A column that looks like a field the clerk said the plan lacks is the clerk's to judge.
  const none = new Set(chosen.map ? unmappedFields(chosen.map) : []);
  for (const d of unmappedColumns(sheet, header, items))
    if (d.field === null || !none.has(d.field)) diagnostics.push(d);
  if (!rowsToRead && chosen.map && chosen.source)
    for (const d of emptyMappedColumns(
      sheet,
      header,
      chosen.map,
      chosen.source,
      items.map((i) => i.row),
    ))
      diagnostics.push(d);

  const ruleCtx: RuleContext = { sheet: sheet.name, cols, planYear, asOf: ctx.asOf };
  const entriesSheet = matrix?.entries?.sheet ?? null;
  const orphans = matrix?.entries?.orphans() ?? [];
  if (matrix)
    layout.matrix = {
      columns: matrix.periods.map((p) => p.column),
      items: items.length,
      topics: matrix.topics,
      topicBudgets: matrix.topicBudgets,
      entriesSheet,
      orphans: orphans.length,
    };
  // A loop, not push(...): a big plan can have more findings than call arguments allow.
  for (const d of crossFieldRules(items, ruleCtx, {
    acrossRows: !rowsToRead,
    foldedTitles: folded,
    ...(matrix
      ? { where: (item: PlanItem, field: FieldKey) => matrixPlace(item, field, cols, entriesSheet) }
      : {}),
  }))
    diagnostics.push(d);

  return {
    plan: {
      sheet: sheet.name,
      header,
      firstRow: header.headerRow + 1,
      lastRow,
      items,
      diagnostics,
      planYear,
      planYearSource: source,
      title,
      titleLines,
      lastItemRow: items[items.length - 1]?.row ?? header.headerRow,
      layout,
      ...(matrix
        ? {
            matrix: {
              columns: matrix.periods.map((p) => p.column),
              topics: matrix.topics,
              entriesSheet,
              entries: ctx.itemEntries && matrix.entries ? ctx.itemEntries.entries : [],
              orphans,
              topicBudgets: matrix.topicBudgets,
            },
          }
        : {}),
    },
    diagnostics,
  };
}

/**
 * The columns the clerk chose: --map wins (an empty one, `--map none`, reads by the headers
 * alone); else the tracker's saved map, checked against the header as it is now.
 */
function chooseColumnMap(
  sheet: string,
  header: HeaderMap,
  ctx: PlanContext,
): { map: ColumnMap | null; source: MapSource | null; diagnostics: readonly Diagnostic[] } {
  if (ctx.columnMap != null) {
    const empty = Object.keys(ctx.columnMap).length === 0;
    return { map: empty ? null : ctx.columnMap, source: empty ? null : "option", diagnostics: [] };
  }
  if (ctx.savedColumnMap == null || Object.keys(ctx.savedColumnMap).length === 0)
    return { map: null, source: null, diagnostics: [] };
  const resolved = resolveSavedMap(sheet, header, ctx.savedColumnMap);
  const empty = Object.keys(resolved.map).length === 0;
  return {
    map: empty ? null : resolved.map,
    source: empty ? null : "saved",
    diagnostics: resolved.diagnostics,
  };
}

function choosePlanYear(
  sheet: SheetData,
  header: HeaderMap,
  ctx: PlanContext,
  titleLines: readonly string[],
): { planYear: number | null; source: PlanYearSource | null } {
  const title = titleLines.length > 0 ? titleLines.join(" ") : null;
  if (ctx.planYear) return { planYear: ctx.planYear, source: "option" };
  if (ctx.settings.planYear) return { planYear: ctx.settings.planYear, source: "settings" };
  // The line that names the plan ("KẾ HOẠCH … NĂM 2024") before the others: the place-and-date
  // line ("Tiền Giang, ngày 05 tháng 01 năm 2024") may carry the year the plan was signed.
  const planLine = titleLines.find((l) => /\bke hoach\b|\bplan\b/.test(fold(l)));
  const fromTitle =
    (planLine ? yearFromTitle(planLine) : null) ?? (title ? yearFromTitle(title) : null);
  if (fromTitle) return { planYear: fromTitle, source: "title" };
  const col = header.columns.period;
  if (col === undefined) {
    // A matrix's periods are its headers ("Quý I/2024").
    const fromHeaders = header.matrix ? inferPlanYear(header.matrix.map((m) => m.parse)) : null;
    return fromHeaders
      ? { planYear: fromHeaders, source: "periods" }
      : { planYear: null, source: null };
  }
  const texts: string[] = [];
  for (let r = header.headerRow + 1; r <= sheet.rows.length; r++) {
    const v = sheet.rows[r - 1]?.[col - 1];
    if (typeof v === "string") texts.push(v);
  }
  const inferred = inferPlanYear(texts);
  return inferred ? { planYear: inferred, source: "periods" } : { planYear: null, source: null };
}

/** The text of the non-blank cells above the header, e.g. "KẾ HOẠCH … NĂM 2023". */
function linesAbove(sheet: SheetData, headerRow: number): string[] {
  const parts: string[] = [];
  for (let r = 1; r < headerRow; r++) {
    for (const v of sheet.rows[r - 1] ?? []) {
      if (typeof v === "string" && v.trim() !== "") parts.push(squash(v));
    }
  }
  return parts;
}

/** Whether every one of `cols` (1-based) is blank in the row: a loop, as this runs per row. */
function allBlank(cells: readonly CellValue[], cols: readonly number[]): boolean {
  for (let i = 0; i < cols.length; i++) if (!isBlank(cells[(cols[i] as number) - 1])) return false;
  return true;
}

function onlyNotes(row: number, get: (row: number, f: FieldKey) => CellValue): boolean {
  const substantive: FieldKey[] = [
    "count",
    "type",
    "duration",
    "budget",
    "status",
    "airedOn",
    "spent",
    ...EVIDENCE_FIELDS,
  ];
  return substantive.every((f) => isBlank(get(row, f)));
}

interface ItemScope {
  readonly sheet: string;
  readonly cols: Readonly<Partial<Record<FieldKey, number>>>;
  readonly planYear: number | null;
  readonly ctx: PlanContext;
  readonly groupPeriod: SectionPeriod | null;
  readonly rows: SheetData["rows"];
  readonly formulas: ReadonlyMap<string, string> | undefined;
  readonly memo: ParseMemo;
  /** fold(title) of each item read, by row (for the duplicate rule). */
  readonly folded: string[];
}

/**
 * Parses of cell values already read on an earlier row of this plan: a plan repeats its
 * periods, counts, types, durations, units, amounts and statuses down the columns, and every
 * parser is a pure function of the value (and the plan year, fixed for the read). Only strings
 * and numbers are keys; results are shared read-only between items.
 */
class ParseMemo {
  private readonly maps: Record<MemoKind, Map<string | number, unknown>> = {
    period: new Map(),
    date: new Map(),
    count: new Map(),
    type: new Map(),
    duration: new Map(),
    money: new Map(),
    status: new Map(),
    unit: new Map(),
    frequency: new Map(),
    perPeriod: new Map(),
  };
  private soon: { asOf: IsoDate; limit: IsoDate } | null = null;

  /** The last day that is "due soon" for `asOf` (the same for every row). */
  soonLimit(asOf: IsoDate): IsoDate {
    if (this.soon === null || this.soon.asOf !== asOf)
      this.soon = { asOf, limit: addDays(asOf, DUE_SOON_DAYS) };
    return this.soon.limit;
  }

  /**
   * parse(value, arg), remembered by value. `parse` is a module-level function and `arg` the
   * read's fixed context (the plan year): no closure is built per cell.
   */
  get<T, A>(kind: MemoKind, value: CellValue, parse: (value: CellValue, arg: A) => T, arg: A): T {
    if (typeof value !== "string" && typeof value !== "number") return parse(value, arg);
    const map = this.maps[kind];
    // Parsers never return undefined, so one lookup tells a hit from a miss.
    const hit = map.get(value);
    if (hit !== undefined) return hit as T;
    const result = parse(value, arg);
    map.set(value, result);
    return result;
  }
}

const NO_FIELDS: readonly FieldKey[] = Object.freeze([]);

type MemoKind =
  | "period"
  | "date"
  | "count"
  | "type"
  | "duration"
  | "money"
  | "status"
  | "unit"
  | "frequency"
  | "perPeriod";

// The parsers as ParseMemo.get takes them.
const periodOf = (v: CellValue, planYear: number | null): ReturnType<typeof parsePeriod> =>
  parsePeriod(v, { planYear });
const unitOf = (v: CellValue): string => squash(cellText(v));
const frequencyOf = (v: CellValue): FrequencyReading | null =>
  typeof v === "string" ? readFrequency(v) : null;
const perPeriodOf = (v: CellValue): boolean => typeof v === "string" && hasPerPeriod(v);

/** Where a finding goes when it is not the item's own cell of that field. */
interface At {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly value: CellValue;
}

/**
 * Reads one item; its findings go to the end of `diagnostics`. With `slot`, the item is one
 * filled cell of a matrix row: its period is the column's, its count the cell's, its tracker
 * entries the items sheet's; the topic's own findings (title, duration, …) and its budget go
 * with its first item only, so nothing is reported or counted twice.
 */
function readItem(
  row: number,
  get: (row: number, f: FieldKey) => CellValue,
  scope: ItemScope,
  diagnostics: Diagnostic[],
  slot?: MatrixSlot,
): PlanItem {
  // Fields with an error, in the order found (a Set's order), each once; most items have none
  // and share NO_FIELDS.
  let invalid: FieldKey[] | null = null;
  // A matrix topic's findings are reported with its first item only.
  const quiet = slot !== undefined && !slot.first;
  const markInvalid = (field: FieldKey): void => {
    if (invalid === null) invalid = [field];
    else if (!invalid.includes(field)) invalid.push(field);
  };
  const place = (field: FieldKey, found: readonly Issue[], at?: At): void => {
    if (found.length === 0) return;
    const value = at ? at.value : get(row, field);
    for (const f of found) {
      if (f.severity === "error") markInvalid(field);
      if (quiet && at === undefined) continue;
      diagnostics.push(
        locate(f, {
          sheet: at ? at.sheet : scope.sheet,
          row: at ? at.row : row,
          col: at ? at.col : (scope.cols[field] ?? null),
          field,
          value: isBlank(value) ? null : displayText(value),
        }),
      );
    }
  };
  // A matrix item's tracker fields are its row of the items sheet (no closure per item: this
  // runs on every row of a plan).
  const entry = slot?.entry ?? null;
  const planYear = scope.planYear;

  // Title
  const titleCell = get(row, "title");
  const title = isBlank(titleCell) ? null : squash(cellText(titleCell));
  if (title === null) {
    place("title", [
      issue("title.empty", "error", {
        vi: 'Thiếu nội dung: mỗi mục cần tên (ví dụ "Đẩy mạnh cải cách hành chính").',
        en: 'The title is empty: every item needs one (e.g. "Đẩy mạnh cải cách hành chính").',
      }),
    ]);
  }

  // Period (a blank cell under a section row inherits the section's period; a matrix item's is
  // its column's header, whose findings were reported once at the header)
  const periodCell = slot ? slot.period.column.text : get(row, "period");
  const inherited = !slot && isBlank(periodCell) && scope.groupPeriod !== null;
  const periodInput: CellValue = inherited ? (scope.groupPeriod?.text ?? null) : periodCell;
  const memo = scope.memo;
  // A recurring duty ("Hằng tuần", or a quota per period "02 tin/tuần" in the count cell) is
  // counted per period on the broadcast log: no single due date, its count is its quota.
  const countRaw = slot ? null : get(row, "count");
  const recurring =
    !slot &&
    ((typeof periodInput === "string" &&
      memo.get("frequency", periodInput, frequencyOf, null) !== null) ||
      (typeof countRaw === "string" && memo.get("perPeriod", countRaw, perPeriodOf, null)))
      ? readRecurrence(periodInput, countRaw, planYear)
      : null;
  // "Quý III-IV" in an item's own cell reads as a section's does (as the months it covers): a
  // plan imported from a Word table carries its section's text down to each item.
  const parsedPeriod = recurring
    ? { value: recurring.window, issues: [...recurring.periodIssues] }
    : slot
      ? slot.period.parsed
      : memo.get(
          "period",
          inherited
            ? (scope.groupPeriod?.parse ?? null)
            : typeof periodCell === "string"
              ? sectionParseText(periodCell)
              : periodCell,
          periodOf,
          planYear,
        );
  if (slot) {
    if (parsedPeriod.issues.some((i) => i.severity === "error")) markInvalid("period");
  } else place("period", parsedPeriod.issues);
  const period = parsedPeriod.value;
  const periodText = isBlank(periodInput) ? null : displayText(periodInput);

  // Due: a date the clerk typed in the due column wins, then the title's event, then the period.
  // The title folded once, for the due-date reader and then the duplicate rule.
  const folded = title === null ? undefined : fold(title);
  if (folded !== undefined) scope.folded[row] = folded;
  const titleEvent = title ? findEventDate(title, { planYear, folded }) : NO_EVENT_DATE;
  place("title", titleEvent.issues);
  // A matrix topic's event date ("… 11/03/2024") is the due date of the item whose period
  // holds it; its other periods are due at their end (matrixNotes says when none holds it).
  const event =
    slot && period && titleEvent.date && eventOutsidePeriod(period, titleEvent.date)
      ? null
      : titleEvent.date;
  let due: IsoDate | null = recurring ? null : dueDate(period, event);
  let dueSource: DueSource | null = due === null ? null : event !== null ? "title" : "period";
  const outside = !slot && !recurring && period && event ? eventOutsidePeriod(period, event) : null;
  if (outside) place("title", [outside]);
  const dueEntry = entry?.cells.due;
  if (recurring) {
    // A duty has no due date of its own: each of its periods is judged on the Progress sheet.
  } else if (slot) {
    // The items sheet's due cell holds the tool's formula; a date typed over it is the clerk's.
    if (dueEntry) {
      const typed = memo.get("date", dueEntry.value, readDateCell, planYear);
      if (typed.date) {
        due = typed.date;
        dueSource = "manual";
      } else place("due", typed.issues, atEntry(slot, dueEntry));
    }
  } else {
    const dueCell = get(row, "due");
    const dueCol = scope.cols.due;
    const computedDue =
      scope.ctx.dueColumnOwned === true &&
      (scope.formulas === undefined ||
        (dueCol !== undefined && scope.formulas.has(a1(row, dueCol))));
    const manualDue = dueCol !== undefined && !isBlank(dueCell) && !computedDue;
    if (manualDue) {
      const typed = memo.get("date", dueCell, readDateCell, planYear);
      if (typed.date) {
        due = typed.date;
        dueSource = "manual";
      } else place("due", typed.issues);
    }
  }

  // Count (default 1), type, duration; a matrix item's count is its cell's
  const countCell = countRaw;
  let count: number | null = 1;
  let typeFromCount: string | null = null;
  if (recurring) {
    count = null;
    typeFromCount = recurring.recurrence.type;
    place("count", recurring.countIssues);
  } else if (slot) {
    count = slot.count;
    typeFromCount = slot.type;
    place("count", slot.issues, {
      sheet: scope.sheet,
      row,
      col: slot.period.column.col,
      value: slot.value,
    });
  } else if (!isBlank(countCell)) {
    const measure = typeof countCell === "string" ? measureInCount(countCell) : null;
    if (measure) {
      count = null;
      place("count", [measure]);
    } else {
      const parsed = memo.get("count", countCell, parseCount, null);
      count = parsed.value;
      place("count", parsed.issues);
      // "02 tin", "03 tin, bài": the words after the number name the type.
      if (typeof countCell === "string" && count !== null) {
        const words = parseCountAndType(countCell).type;
        typeFromCount = words === null ? null : normalizeType(words);
      }
    }
  }
  const typeCell = get(row, "type");
  const type = isBlank(typeCell) ? typeFromCount : memo.get("type", typeCell, normalizeType, null);
  const durationCell = get(row, "duration");
  let durationMinutes: number | null = null;
  if (!isBlank(durationCell)) {
    const parsed = memo.get("duration", durationCell, parseDuration, null);
    durationMinutes = parsed.value?.minutes ?? null;
    place("duration", parsed.issues);
  }

  // Money
  const budgetCell = get(row, "budget");
  let budgetVnd: number | null = null;
  let itemRate: number | null = null;
  if (!isBlank(budgetCell)) {
    const parsed = memo.get("money", budgetCell, parseMoney, null);
    place("budget", parsed.issues);
    // A rate (per minute) applies to every item of a matrix topic; a sum is the topic's, counted
    // once, with its first item.
    if (parsed.value?.perUnit) itemRate = parsed.value.vnd;
    else if (!quiet) budgetVnd = parsed.value?.vnd ?? null;
  }
  const spentCell = slot ? (entry?.cells.spent?.value ?? null) : get(row, "spent");
  const spentAt = entry?.cells.spent;
  let spentVnd: number | null = null;
  if (!isBlank(spentCell)) {
    const parsed = memo.get("money", spentCell, parseMoney, null);
    spentVnd = parsed.value && !parsed.value.perUnit ? parsed.value.vnd : null;
    place("spent", parsed.issues, spentAt ? atEntry(slot, spentAt) : undefined);
  }

  // Status and air date
  const statusCell = slot ? (entry?.cells.status?.value ?? null) : get(row, "status");
  const statusAt = entry?.cells.status;
  let status = null;
  if (!isBlank(statusCell)) {
    const parsed = memo.get("status", statusCell, parseStatus, null);
    status = parsed.value;
    place("status", parsed.issues, statusAt ? atEntry(slot, statusAt) : undefined);
  }
  const airedCell = slot ? (entry?.cells.airedOn?.value ?? null) : get(row, "airedOn");
  const airedAt = entry?.cells.airedOn;
  let airedOn: IsoDate | null = null;
  if (!isBlank(airedCell)) {
    const parsed = memo.get("date", airedCell, readDateCell, planYear);
    airedOn = parsed.date;
    place("airedOn", parsed.issues, airedAt ? atEntry(slot, airedAt) : undefined);
  }

  // Evidence for payment: text as written, dates read like the air date
  const evidenceCell = entryOr(slot, entry, "evidence", get, row);
  const acceptanceNoCell = entryOr(slot, entry, "acceptanceNo", get, row);
  const invoiceCell = entryOr(slot, entry, "invoice", get, row);
  const readEvidenceDate = (field: "acceptedOn" | "paidOn"): IsoDate | null => {
    const cell = entryOr(slot, entry, field, get, row);
    if (isBlank(cell)) return null;
    const parsed = memo.get("date", cell, readDateCell, planYear);
    const at = entry?.cells[field];
    place(field, parsed.issues, at ? atEntry(slot, at) : undefined);
    return parsed.date;
  };
  const acceptedOn = readEvidenceDate("acceptedOn");
  const paidOn = readEvidenceDate("paidOn");

  const rate = itemRate ?? (type ? scope.ctx.settings.ratesPerMinute[type] : undefined) ?? null;
  const derived =
    budgetVnd === null && rate !== null && count !== null && durationMinutes !== null
      ? Math.round(count * durationMinutes * rate)
      : null;
  const plannedVnd = budgetVnd ?? derived;

  const asOf = scope.ctx.asOf;
  const unitCell = get(row, "unit");
  const closed = status !== null && isClosed(status);
  const overdue = due !== null && due < asOf && !closed;
  const dueSoon =
    due !== null && !overdue && due >= asOf && due <= scope.memo.soonLimit(asOf) && !closed;

  const item: PlanItem = {
    row,
    title,
    periodText,
    quarter: recurring ? null : (period?.quarter ?? (due ? quarterOf(due) : null)),
    year: period?.year ?? (due ? yearOf(due) : null),
    dueDate: due,
    count,
    type,
    durationText: isBlank(durationCell) ? null : displayText(durationCell),
    durationMinutes,
    unit: isBlank(unitCell) ? null : memo.get("unit", unitCell, unitOf, null),
    // As Excel's formulas see the cells: a cell covered by a merge is empty to SUMIFS. A matrix
    // item's are the items sheet's cells, whose formulas show the merge's value.
    unitText: slot ? textOf(unitCell) : textAsWritten(scope, row, "unit"),
    typeText: slot
      ? scope.cols.type !== undefined
        ? textOf(typeCell)
        : typeFromCount
      : textAsWritten(scope, row, "type"),
    statusText: slot ? textOf(statusCell) : textAsWritten(scope, row, "status"),
    spentNumber: typeof spentCell === "number" && Number.isFinite(spentCell) ? spentCell : null,
    evidence: evidenceText(evidenceCell),
    acceptanceNo: evidenceText(acceptanceNoCell),
    acceptedOn,
    invoice: evidenceText(invoiceCell),
    paidOn,
    acceptedFilled: slot
      ? excelFilled(entry?.cells.acceptedOn?.value)
      : excelFilled(rawCell(scope, row, "acceptedOn")),
    paidFilled: slot
      ? excelFilled(entry?.cells.paidOn?.value)
      : excelFilled(rawCell(scope, row, "paidOn")),
    budgetVnd,
    status,
    airedOn,
    spentVnd,
    overdue,
    period,
    dueSource,
    plannedVnd,
    plannedDerived: derived !== null,
    dueSoon,
    periodInherited: inherited,
    invalidFields: invalid ?? NO_FIELDS,
    ...(recurring ? { recurrence: recurring.recurrence } : {}),
    ...(slot
      ? {
          cell: a1(row, slot.period.column.col),
          matrixCol: slot.period.column.col,
          entryRow: entry?.row ?? null,
        }
      : {}),
  };
  return item;
}

/** An entry of the items sheet as a finding's place. */
function atEntry(slot: MatrixSlot | undefined, cell: EntryCell): At {
  return {
    sheet: slot?.entrySheet ?? "",
    row: slot?.entry?.row ?? 0,
    col: cell.col,
    value: cell.value,
  };
}

function textOf(v: CellValue): string | null {
  return isBlank(v) ? null : cellText(v);
}

/** A free-text evidence cell (a link, a record or invoice number) as a person reads it. */
function evidenceText(v: CellValue): string | null {
  return isBlank(v) ? null : displayText(v).trim();
}

/** A tracker field's cell: a matrix item's from its items-sheet entry, else the plan's. */
function entryOr(
  slot: MatrixSlot | undefined,
  entry: ItemEntry | null,
  field: EntryField,
  get: (row: number, f: FieldKey) => CellValue,
  row: number,
): CellValue {
  return slot ? (entry?.cells[field]?.value ?? null) : get(row, field);
}

/** The item's own cell (not a merged master's): what Excel's formulas see there. */
function rawCell(scope: ItemScope, row: number, field: FieldKey): CellValue {
  const c = scope.cols[field];
  return c === undefined ? null : (scope.rows[row - 1]?.[c - 1] ?? null);
}

/** Whether Excel's `cell<>""` holds: anything but an empty cell (a space counts). */
function excelFilled(v: CellValue | undefined): boolean {
  return v !== null && v !== undefined && v !== "";
}

/** The cell's own text (not a merged master's), or null when blank. */
function textAsWritten(scope: ItemScope, row: number, field: FieldKey): string | null {
  const c = scope.cols[field];
  const v = c === undefined ? null : (scope.rows[row - 1]?.[c - 1] ?? null);
  return isBlank(v) ? null : cellText(v);
}

/** A date cell (air date, manual due date): a real date, a serial, or dd/mm/yyyy text. */
export function readDateCell(
  value: CellValue,
  planYear: number | null,
): { date: IsoDate | null; issues: Issue[] } {
  const parsed = parsePeriod(value, { planYear });
  if (parsed.value && (parsed.value.kind === "date" || parsed.value.eventDate !== null)) {
    return { date: parsed.value.eventDate ?? parsed.value.end, issues: [] };
  }
  const text = displayText(value);
  return {
    date: null,
    issues: [
      issue("date.unreadable", "error", {
        vi: `"${text}" không phải là ngày. Nhập ngày dạng dd/mm/yyyy, ví dụ 15/10/2023.`,
        en: `"${text}" is not a date. Enter a date as dd/mm/yyyy, e.g. 15/10/2023.`,
      }),
    ],
  };
}

/** How a cell reads to a person: dates as dd/mm/yyyy, text as written. */
export function displayText(value: CellValue): string {
  if (isDateValue(value)) {
    const parsed = parsePeriod(value, { planYear: null });
    const end = parsed.value?.end;
    return end ? `${end.slice(8, 10)}/${end.slice(5, 7)}/${end.slice(0, 4)}` : String(value.serial);
  }
  return cellText(value);
}

// ---------------------------------------------------------------- quarter and month matrices

/** A matrix column's period, read once from its header. */
interface MatrixPeriod {
  readonly column: MatrixColumn;
  readonly parsed: PeriodResult;
}

interface MatrixScope {
  readonly periods: readonly MatrixPeriod[];
  /** Cells merged down over item rows (tableLayout.ts itemMerges). */
  readonly covered: ReadonlyMap<number, number> | null;
  readonly entries: EntryIndex | null;
  topics: number;
  topicBudgets: number;
}

/** One filled cell of a matrix row: what readItem needs to make it an item. */
interface MatrixSlot {
  readonly period: MatrixPeriod;
  /** The cell's value (a mark merged down over several topics: the merge's). */
  readonly value: CellValue;
  readonly count: number | null;
  readonly type: string | null;
  /** The cell's own findings (an unreadable cell, a measure, a count that is not whole). */
  readonly issues: readonly Issue[];
  /** The topic's first item: it carries the topic's findings and its budget. */
  readonly first: boolean;
  readonly entry: ItemEntry | null;
  readonly entrySheet: string;
}

function matrixFilled(sheet: SheetData, row: number, m: MatrixScope): boolean {
  const cells = sheet.rows[row - 1] ?? [];
  return m.periods.some((p) => readMatrixCell(cells[p.column.col - 1] ?? null).kind !== "none");
}

/**
 * The items of one matrix row: one per filled period cell. A count column beside the periods is
 * the topic's total: a single marked period takes it, and periods that add up to another number
 * are flagged. A mark merged down over several topics marks each; a count merged so is not
 * copied (it would be counted once per row) and is flagged.
 */
function readMatrixRow(
  row: number,
  get: (row: number, f: FieldKey) => CellValue,
  scope: ItemScope,
  m: MatrixScope,
  diagnostics: Diagnostic[],
): PlanItem[] {
  const cells = scope.rows[row - 1] ?? [];
  const filled: {
    period: MatrixPeriod;
    value: CellValue;
    reading: Exclude<MatrixCell, { kind: "none" }>;
  }[] = [];
  for (const period of m.periods) {
    const col = period.column.col;
    let value: CellValue = cells[col - 1] ?? null;
    let reading = readMatrixCell(value);
    const master = value === null ? m.covered?.get(row * 16384 + col) : undefined;
    if (master !== undefined) {
      const merged = scope.rows[master - 1]?.[col - 1] ?? null;
      const read = readMatrixCell(merged);
      if (read.kind === "mark") {
        value = merged;
        reading = read;
      } else if (read.kind !== "none")
        diagnostics.push(
          locate(
            issue("matrix.merged-count", "warning", {
              vi: `Ô này nằm trong ô gộp với ${a1(master, col)} ("${cellText(merged)}"): số lượng chỉ tính một lần, cho hàng ${master}. Bỏ gộp ô và ghi số lượng cho từng nội dung nếu hàng này cũng có sản phẩm trong kỳ.`,
              en: `This cell is merged with ${a1(master, col)} ("${cellText(merged)}"): the count is counted once, for row ${master}. Unmerge the cells and write each topic's count if this row has products that period too.`,
            }),
            { sheet: scope.sheet, row, col, field: "count", value: null },
          ),
        );
    }
    if (reading.kind !== "none") filled.push({ period, value, reading });
  }
  const titleCell = get(row, "title");
  if (filled.length === 0) {
    // A topic with no period marked plans nothing: said, as it is easy to miss. A lettered or
    // Roman-numbered row ("I", "A") is a group heading.
    if (!isBlank(titleCell) && numberingLevel(get(row, "no")) !== 0)
      diagnostics.push(
        locate(
          issue("matrix.topic-empty", "warning", {
            vi: `Nội dung này không có ô nào có số lượng hoặc dấu "x" ở các cột kỳ (${m.periods.map((p) => p.column.text).join(", ")}): không có mục nào được theo dõi. Ghi số lượng hoặc "x" vào kỳ thực hiện nếu có.`,
            en: `This topic has no count or "x" in any period column (${m.periods.map((p) => p.column.text).join(", ")}): no item is tracked for it. Write a count or an "x" in its period if it has one.`,
          }),
          {
            sheet: scope.sheet,
            row,
            col: scope.cols.title ?? null,
            field: "title",
            value: displayText(titleCell),
          },
        ),
      );
    return [];
  }

  // The count column, when there is one, is the topic's total.
  const countCell = get(row, "count");
  const total = isBlank(countCell) ? null : scope.memo.get("count", countCell, parseCount, null);
  const totalType =
    typeof countCell === "string" && total?.value !== null
      ? (parseCountAndType(countCell).type ?? null)
      : null;
  const single = filled.length === 1 && filled[0]?.reading.kind === "mark";
  const counted = filled.map(({ reading }) => {
    if (reading.kind === "mark")
      return { count: single && total?.value ? total.value : 1, type: null, issues: [] };
    if (reading.kind === "count")
      return { count: reading.count, type: reading.type, issues: reading.issues };
    return { count: null, type: null, issues: [reading.issue] };
  });
  const countCol = scope.cols.count;
  if (total !== null && countCol !== undefined) {
    for (const f of total.issues)
      diagnostics.push(
        locate(f, {
          sheet: scope.sheet,
          row,
          col: countCol,
          field: "count",
          value: displayText(countCell),
        }),
      );
    const sum = counted.reduce((s, c) => s + (c.count ?? 0), 0);
    if (
      total.value !== null &&
      !single &&
      counted.every((c) => c.count !== null) &&
      sum !== total.value
    )
      diagnostics.push(
        locate(
          issue("matrix.count-total", "warning", {
            vi: `Số lượng ghi ${total.value} nhưng các cột kỳ cộng lại ${sum} (${filled.map((f) => `${f.period.column.text}: ${cellText(f.value)}`).join(", ")}). Công cụ theo dõi theo các cột kỳ (dấu "x" là 1); sửa số lượng hoặc các ô kỳ cho khớp.`,
            en: `The count says ${total.value} but the period columns add up to ${sum} (${filled.map((f) => `${f.period.column.text}: ${cellText(f.value)}`).join(", ")}). The tool tracks the period columns (an "x" is 1); make the count and the period cells agree.`,
          }),
          {
            sheet: scope.sheet,
            row,
            col: countCol,
            field: "count",
            value: displayText(countCell),
          },
        ),
      );
  }

  m.topics++;
  const titleText = isBlank(titleCell) ? null : squash(cellText(titleCell));
  const entrySheet = m.entries?.sheet ?? scope.sheet;
  const items = filled.map((f, i) => {
    const c = counted[i] as (typeof counted)[number];
    const cell = a1(row, f.period.column.col);
    return readItem(row, get, scope, diagnostics, {
      period: f.period,
      value: f.value,
      count: c.count,
      type: c.type ?? (totalType === null ? null : normalizeType(totalType)),
      issues: c.issues,
      first: i === 0,
      entry: m.entries?.take(cell, titleText) ?? null,
      entrySheet,
    });
  });
  if (items[0]?.budgetVnd !== null && items.length > 1) m.topicBudgets++;

  // An event date in the title that none of the topic's periods holds.
  if (titleText !== null && items.every((i) => i.dueSource !== "title")) {
    const event = findEventDate(titleText, { planYear: scope.planYear });
    const period = items[0]?.period ?? null;
    if (event.date !== null && period !== null)
      diagnostics.push(
        locate(
          issue("matrix.event-outside-periods", "warning", {
            vi: `Ngày sự kiện trong nội dung (${formatVnDate(event.date)}) không thuộc kỳ nào được đánh dấu (${filled.map((f) => f.period.column.text).join(", ")}): hạn của mỗi mục lấy theo cuối kỳ. Kiểm tra lại ngày hoặc kỳ thực hiện.`,
            en: `The event date in the title (${formatVnDate(event.date)}) is in none of the marked periods (${filled.map((f) => f.period.column.text).join(", ")}): each item is due at the end of its period. Check the date or the periods.`,
          }),
          {
            sheet: scope.sheet,
            row,
            col: scope.cols.title ?? null,
            field: "title",
            value: titleText,
          },
        ),
      );
  }
  return items;
}

/** Findings about the matrix as a whole: tracker columns on the plan sheet that are not read. */
function matrixNotes(sheet: SheetData, header: HeaderMap): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const field of ["due", "status", "airedOn", "spent", ...EVIDENCE_FIELDS] as FieldKey[]) {
    const col = header.columns[field];
    if (col === undefined) continue;
    const label = FIELD_LABELS[field];
    out.push(
      locate(
        issue("matrix.tracker-column", "warning", {
          vi: `Bảng theo kỳ có nhiều mục trên một hàng, nên cột "${label.vi}" ở đây không được đọc: ${label.vi.toLowerCase()} của từng mục được nhập ở trang "${ITEMS_SHEET}" mà công cụ tạo (một hàng cho mỗi mục).`,
          en: `A period matrix has several items on one row, so the "${label.en}" column here is not read: each item's ${label.en.toLowerCase()} is entered on the "${ITEMS_SHEET}" sheet the tool makes (one row per item).`,
        }),
        {
          sheet: sheet.name,
          row: header.headerRow,
          col,
          field,
          value: header.labels.get(col) ?? null,
        },
      ),
    );
  }
  return out;
}

/** Where a cross-field finding on a matrix item goes: its items-sheet entry, else the plan row. */
function matrixPlace(
  item: PlanItem,
  field: FieldKey,
  cols: Readonly<Partial<Record<FieldKey, number>>>,
  entriesSheet: string | null,
): { sheet: string | null; row: number; col: number | null } {
  if (
    entriesSheet !== null &&
    item.entryRow !== undefined &&
    item.entryRow !== null &&
    isEntryField(field)
  )
    return { sheet: entriesSheet, row: item.entryRow, col: ITEMS_COLUMNS[field] };
  if (field === "count" && item.matrixCol !== undefined)
    return { sheet: null, row: item.row, col: item.matrixCol };
  return { sheet: null, row: item.row, col: cols[field] ?? null };
}

/** The tracker fields a matrix item keeps on its items-sheet row (not the notes: a plan field). */
function isEntryField(field: FieldKey): field is Exclude<EntryField, "notes"> {
  return field !== "notes" && (ENTRY_FIELDS as readonly FieldKey[]).includes(field);
}

/**
 * The items sheet's rows by the matrix cell they track. A row is taken by the item whose cell its
 * live formula points at; a row keyed by plain text (values pasted over the formulas) only when
 * its title is the item's too, as plain text does not follow rows the clerk inserts or deletes.
 * Rows left with the clerk's entries are orphans: kept and reported, never dropped.
 */
class EntryIndex {
  readonly sheet: string;
  private readonly byKey = new Map<string, ItemEntry[]>();
  private readonly all: readonly ItemEntry[];
  private readonly used = new Set<ItemEntry>();

  constructor(entries: ItemEntries) {
    this.sheet = entries.sheet;
    this.all = entries.entries;
    for (const e of entries.entries) {
      if (e.key === null) continue;
      const list = this.byKey.get(e.key) ?? [];
      list.push(e);
      this.byKey.set(e.key, list);
    }
  }

  take(cell: string, title: string | null): ItemEntry | null {
    for (const e of this.byKey.get(cell) ?? []) {
      if (this.used.has(e)) continue;
      if (!e.keyFromFormula && fold(e.title ?? "") !== fold(title ?? "")) continue;
      this.used.add(e);
      return e;
    }
    return null;
  }

  orphans(): ItemEntry[] {
    return this.all.filter((e) => !this.used.has(e) && Object.keys(e.cells).length > 0);
  }

  orphanNotes(): Diagnostic[] {
    return this.orphans().map((e) => {
      const first = ENTRY_ORDER.map((f) => e.cells[f]).find((c) => c !== undefined);
      const what = `"${e.title ?? "?"}"${e.period ? ` (${e.period})` : ""}`;
      return locate(
        issue("items.orphan-entry", "warning", {
          vi: `Hàng này có thông tin theo dõi của ${what} nhưng không còn ô tương ứng trong bảng kế hoạch (ô đã bị xóa hoặc để trống). Công cụ giữ lại hàng này ở cuối trang; chép trạng thái, ngày phát sóng, thực chi sang hàng đúng rồi xóa hàng cũ.`,
          en: `This row holds tracking entries for ${what}, but its cell is no longer in the plan (deleted or emptied). The tool keeps the row at the end of the sheet; copy the status, air date and spending to the right row, then delete the old one.`,
        }),
        {
          sheet: this.sheet,
          row: e.row,
          col: first?.col ?? null,
          field: null,
          value: first ? displayText(first.value) : null,
        },
      );
    });
  }
}

const ENTRY_ORDER: readonly EntryField[] = [
  "status",
  "airedOn",
  "spent",
  "due",
  "notes",
  "evidence",
  "acceptanceNo",
  "acceptedOn",
  "invoice",
  "paidOn",
];
