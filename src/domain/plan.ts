/**
 * Reads a plan sheet into items: finds the header, walks the rows below it, parses every field
 * with its concept's parser and places each finding on its cell. The user's text is kept as
 * written; values read from it sit beside it (see PlanItem).
 */
import { addDays, quarterOf, yearOf, type IsoDate } from "./calendar";
import { a1, cellText, isBlank, isDateValue, type CellValue } from "./cell";
import { measureInCount, parseCount, parseCountAndType, normalizeType } from "./countType";
import { issue, locate, type Diagnostic, type Issue } from "./diagnostics";
import { dueDate, eventOutsidePeriod, findEventDate, NO_EVENT_DATE } from "./due";
import { parseDuration } from "./duration";
import type { FieldKey } from "./fields";
import {
  applyColumnMap,
  emptyMappedColumns,
  resolveSavedMap,
  savedMapOf,
  type ColumnMap,
  type MapSource,
  type SavedColumnMap,
} from "./columnMap";
import { findHeader, type HeaderMap } from "./headers";
import { parseMoney } from "./money";
import { inferPlanYear, parsePeriod, yearFromTitle } from "./period";
import type { DueSource, PlanItem } from "./planItem";
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
];

export function readPlan(sheet: SheetData, ctx: PlanContext): PlanRead {
  const given = ctx.columnMap ?? ctx.savedColumnMap ?? null;
  const found = findHeader(sheet, given === null ? [] : (Object.keys(given) as FieldKey[]));
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
    const group = groupRowPeriod(sheet, row, header, planYear);
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
    if (!rowsToRead && level !== null && isParentRow(sheet, row, header, level, get)) {
      const own = isBlank(periodCell) ? null : cellText(periodCell);
      layout.headings.push({ row, text: isBlank(titleText) ? "" : squash(cellText(titleText)) });
      if (own !== null) {
        headingPeriod = { period: { text: own, parse: sectionParseText(own) }, level };
        scope = null;
      }
      continue;
    }
    if (isBlank(titleText) && isBlank(periodCell) && onlyNotes(row, get)) continue;

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
    items.push(readItem(row, get, scope, diagnostics));
  }

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

  for (const d of checkTotals(sheet, header, totals, items)) diagnostics.push(d);
  if (!rowsToRead) for (const d of sharedAmounts(sheet, merged)) diagnostics.push(d);
  for (const d of unmappedColumns(sheet, header, items)) diagnostics.push(d);
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
  // A loop, not push(...): a big plan can have more findings than call arguments allow.
  for (const d of crossFieldRules(items, ruleCtx, {
    acrossRows: !rowsToRead,
    foldedTitles: folded,
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
  if (col === undefined) return { planYear: null, source: null };
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

type MemoKind = "period" | "date" | "count" | "type" | "duration" | "money" | "status" | "unit";

// The parsers as ParseMemo.get takes them.
const periodOf = (v: CellValue, planYear: number | null): ReturnType<typeof parsePeriod> =>
  parsePeriod(v, { planYear });
const unitOf = (v: CellValue): string => squash(cellText(v));

/** Reads one item; its findings go to the end of `diagnostics`. */
function readItem(
  row: number,
  get: (row: number, f: FieldKey) => CellValue,
  scope: ItemScope,
  diagnostics: Diagnostic[],
): PlanItem {
  // Fields with an error, in the order found (a Set's order), each once; most items have none
  // and share NO_FIELDS.
  let invalid: FieldKey[] | null = null;
  const place = (field: FieldKey, found: readonly Issue[]): void => {
    if (found.length === 0) return;
    const value = get(row, field);
    for (const f of found) {
      if (f.severity === "error") {
        if (invalid === null) invalid = [field];
        else if (!invalid.includes(field)) invalid.push(field);
      }
      diagnostics.push(
        locate(f, {
          sheet: scope.sheet,
          row,
          col: scope.cols[field] ?? null,
          field,
          value: isBlank(value) ? null : displayText(value),
        }),
      );
    }
  };
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

  // Period (a blank cell under a section row inherits the section's period)
  const periodCell = get(row, "period");
  const inherited = isBlank(periodCell) && scope.groupPeriod !== null;
  const periodInput: CellValue = inherited ? (scope.groupPeriod?.text ?? null) : periodCell;
  const memo = scope.memo;
  // "Quý III-IV" in an item's own cell reads as a section's does (as the months it covers): a
  // plan imported from a Word table carries its section's text down to each item.
  const parsedPeriod = memo.get(
    "period",
    inherited
      ? (scope.groupPeriod?.parse ?? null)
      : typeof periodCell === "string"
        ? sectionParseText(periodCell)
        : periodCell,
    periodOf,
    planYear,
  );
  place("period", parsedPeriod.issues);
  const period = parsedPeriod.value;
  const periodText = isBlank(periodInput) ? null : displayText(periodInput);

  // Due: a date the clerk typed in the due column wins, then the title's event, then the period.
  // The title folded once, for the due-date reader and then the duplicate rule.
  const folded = title === null ? undefined : fold(title);
  if (folded !== undefined) scope.folded[row] = folded;
  const titleEvent = title ? findEventDate(title, { planYear, folded }) : NO_EVENT_DATE;
  place("title", titleEvent.issues);
  let due: IsoDate | null = dueDate(period, titleEvent.date);
  let dueSource: DueSource | null =
    due === null ? null : titleEvent.date !== null ? "title" : "period";
  const outside = period && titleEvent.date ? eventOutsidePeriod(period, titleEvent.date) : null;
  if (outside) place("title", [outside]);
  const dueCell = get(row, "due");
  const dueCol = scope.cols.due;
  const computedDue =
    scope.ctx.dueColumnOwned === true &&
    (scope.formulas === undefined || (dueCol !== undefined && scope.formulas.has(a1(row, dueCol))));
  const manualDue = dueCol !== undefined && !isBlank(dueCell) && !computedDue;
  if (manualDue) {
    const typed = memo.get("date", dueCell, readDateCell, planYear);
    if (typed.date) {
      due = typed.date;
      dueSource = "manual";
    } else place("due", typed.issues);
  }

  // Count (default 1), type, duration
  const countCell = get(row, "count");
  let count: number | null = 1;
  let typeFromCount: string | null = null;
  if (!isBlank(countCell)) {
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
    if (parsed.value?.perUnit) itemRate = parsed.value.vnd;
    else budgetVnd = parsed.value?.vnd ?? null;
  }
  const spentCell = get(row, "spent");
  let spentVnd: number | null = null;
  if (!isBlank(spentCell)) {
    const parsed = memo.get("money", spentCell, parseMoney, null);
    spentVnd = parsed.value && !parsed.value.perUnit ? parsed.value.vnd : null;
    place("spent", parsed.issues);
  }

  // Status and air date
  const statusCell = get(row, "status");
  let status = null;
  if (!isBlank(statusCell)) {
    const parsed = memo.get("status", statusCell, parseStatus, null);
    status = parsed.value;
    place("status", parsed.issues);
  }
  const airedCell = get(row, "airedOn");
  let airedOn: IsoDate | null = null;
  if (!isBlank(airedCell)) {
    const parsed = memo.get("date", airedCell, readDateCell, planYear);
    airedOn = parsed.date;
    place("airedOn", parsed.issues);
  }

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
    quarter: period?.quarter ?? (due ? quarterOf(due) : null),
    year: period?.year ?? (due ? yearOf(due) : null),
    dueDate: due,
    count,
    type,
    durationText: isBlank(durationCell) ? null : displayText(durationCell),
    durationMinutes,
    unit: isBlank(unitCell) ? null : memo.get("unit", unitCell, unitOf, null),
    // As Excel's formulas see the cells: a cell covered by a merge is empty to SUMIFS.
    unitText: textAsWritten(scope, row, "unit"),
    typeText: textAsWritten(scope, row, "type"),
    statusText: textAsWritten(scope, row, "status"),
    spentNumber: typeof spentCell === "number" && Number.isFinite(spentCell) ? spentCell : null,
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
  };
  return item;
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
