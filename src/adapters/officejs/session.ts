/**
 * What the add-in does in the open workbook, as functions the task pane and the ribbon commands
 * call: convert to a tracker, check, rebuild summaries, select a cell, apply a suggestion, and
 * the live re-check of edited rows. Each one reads in two syncs (the workbook, then the plan sheet
 * with whatever else the write must know), lets the pure domain decide, and writes in one batch
 * (chunked only past the web's request size limit): three syncs whatever the plan's size.
 */
import type { IsoDate } from "../../domain/calendar";
import {
  columnLetter,
  intersects,
  parseRange,
  rangeA1,
  type Bounds,
  type CellValue,
} from "../../domain/cell";
import { checkWorkbook, type CheckResult } from "../../domain/check";
import type { ColumnMap } from "../../domain/columnMap";
import { tableReading, type TableReading } from "../../domain/tableReading";
import { issue, locate, PlanTrackerError, type Issue } from "../../domain/diagnostics";
import { emptySheet, type OwnedRules, type WorkbookLayout } from "../../domain/layout/spec";
import { readPlan } from "../../domain/plan";
import { EMPTY_SETTINGS, readSettings, SETTINGS_SHEET } from "../../domain/settings";
import { BUDGET_SHEET } from "../../domain/summary/budgetSheet";
import { PROGRESS_SHEET } from "../../domain/summary/progressSheet";
import { computedCells } from "../../domain/tracker/planSheet";
import { ITEMS_BACKUPS, ITEMS_SHEET } from "../../domain/tracker/itemsSheet";
import { LOG_SHEET } from "../../domain/tracker/logSheet";
import {
  EMPTY_RULES,
  expandRows,
  isWriting,
  META_SHEET,
  readMetadata,
  type TrackerMetadata,
} from "../../domain/tracker/metadata";
import { buildTracker, type TrackOptions, type TrackResult } from "../../domain/tracker/track";
import type { SheetData, SheetState, WorkbookData } from "../../domain/workbookData";
import { applyLayoutOffice, type ApplyOptions } from "./apply";
import { literalInput } from "./cellWrites";
import {
  areaRefs,
  isPayloadTooLarge,
  queueSheetRead,
  readSheetInSlices,
  readWorkbook,
  sheetFromAreas,
  sheetFromFormulas,
  sheetFromRange,
  type Discovery,
} from "./read";
import { isSheetProtected, protectedSheetError, protectionRefusal } from "./protection";
import type { RequirementCheck } from "./requirements";

export interface OfficeEnv {
  readonly today: IsoDate;
  readonly toolVersion: string;
  readonly features: RequirementCheck["features"];
}

export interface Counted<T> {
  readonly value: T;
  /** context.sync() round trips this command made. */
  readonly syncs: number;
}

/** Sheets the tool owns: never the plan, even when active. */
const OWNED = new Set([
  SETTINGS_SHEET,
  BUDGET_SHEET,
  PROGRESS_SHEET,
  META_SHEET,
  ITEMS_SHEET,
  LOG_SHEET,
]);
/** The sheets convert rebuilds; someone's edits to them are kept (track.ts, keepEditedSheets). */
const REBUILT = new Set([BUDGET_SHEET, PROGRESS_SHEET].map((n) => n.toLowerCase()));

/** getSpecialCells (ExcelApi 1.9, like page layout) keeps reads of big plans small. */
function lean(env: OfficeEnv): boolean {
  return env.features.specialCells ?? env.features.pageLayout;
}

interface Loaded {
  readonly data: WorkbookData;
  readonly discovery: Discovery;
  readonly meta: TrackerMetadata | null;
  /** The plan sheet: the one asked for, else the tracker's own, else the active sheet. */
  readonly planSheet: string | null;
  readonly planState: SheetState;
}

/**
 * Sync 1: the sheet list, names, tables, the settings and the tracker's metadata, and a matrix
 * plan's items sheet (the clerk's entries there are carried over when convert rebuilds it).
 */
async function loadWorkbook(
  context: Excel.RequestContext,
  planSheet: string | null,
): Promise<Loaded> {
  // The broadcast log's rows are counted against the recurring quotas and checked.
  const { data, discovery } = await readWorkbook(
    context,
    [ITEMS_SHEET, ...ITEMS_BACKUPS, LOG_SHEET],
    {
      loadActive: false,
    },
  );
  const meta = readMetadata(data.sheets.find((s) => s.name === META_SHEET));
  const exists = (name: string | null | undefined): name is string =>
    !!name && discovery.sheets.some((s) => s.name === name);
  const target =
    planSheet ??
    (exists(meta?.planSheet) ? (meta?.planSheet ?? null) : null) ??
    (OWNED.has(discovery.activeSheet) ? null : discovery.activeSheet);
  return {
    data,
    discovery,
    meta,
    planSheet: target,
    planState: discovery.sheets.find((s) => s.name === target)?.state ?? "visible",
  };
}

/**
 * Sync 2: the plan sheet's cells together with `details` (what else the command must know, queued
 * by the caller). A plan too large for one response (Excel on the web: 5 MB) is read again in row
 * slices — extra syncs only past that size.
 */
async function readPlanWith<T>(
  context: Excel.RequestContext,
  loaded: Loaded,
  env: OfficeEnv,
  details: (merges: boolean) => () => T,
): Promise<{ data: WorkbookData; details: T; syncs: number }> {
  const name = loaded.planSheet;
  const put = (sheet: SheetData): WorkbookData => ({
    ...loaded.data,
    sheets: loaded.data.sheets.map((s) => (s.name === sheet.name ? sheet : s)),
  });
  let merges = true;
  let syncs = 0;
  for (;;) {
    const plan = name === null ? null : queueSheetRead(context, name, lean(env));
    const finish = details(merges);
    try {
      syncs++;
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a second try only after the merged-areas query failed
      await context.sync();
      return {
        data: plan ? put(plan(loaded.planState)) : loaded.data,
        details: finish(),
        syncs,
      };
    } catch (err) {
      // Past 512 merged areas Excel fails the query (review item 5): read again without it,
      // the merges then unknown (as below ExcelApi 1.13).
      if (merges && isMergedAreasFailure(err)) {
        merges = false;
        continue;
      }
      if (name === null || !isPayloadTooLarge(err)) throw err;
      break;
    }
  }
  if (name === null) throw new Error("unreachable: no plan sheet to slice");
  const sliced = await readSheetInSlices(context, name, loaded.planState, lean(env));
  const finish = details(merges);
  await context.sync();
  return { data: put(sliced.sheet), details: finish(), syncs: syncs + 1 + sliced.syncs };
}

function isMergedAreasFailure(err: unknown): boolean {
  const where = (err as { debugInfo?: { errorLocation?: unknown } } | null)?.debugInfo
    ?.errorLocation;
  return typeof where === "string" && /getMergedAreas/i.test(where);
}

function withSheet(data: WorkbookData, name: string, extra: Partial<SheetData>): WorkbookData {
  return { ...data, sheets: data.sheets.map((s) => (s.name === name ? { ...s, ...extra } : s)) };
}

/** Rectangles of `a` not covered by `b`. */
function subtract(a: Bounds, b: Bounds): Bounds[] {
  if (!intersects(a, b)) return [a];
  const out: Bounds[] = [];
  if (a.r1 < b.r1) out.push({ ...a, r2: b.r1 - 1 });
  if (a.r2 > b.r2) out.push({ ...a, r1: b.r2 + 1 });
  const r1 = Math.max(a.r1, b.r1);
  const r2 = Math.min(a.r2, b.r2);
  if (a.c1 < b.c1) out.push({ r1, r2, c1: a.c1, c2: b.c1 - 1 });
  if (a.c2 > b.c2) out.push({ r1, r2, c1: b.c2 + 1, c2: a.c2 });
  return out;
}

/** Validated cells that are not under a rule of the tool's earlier run: the clerk's own rules. */
function foreignValidations(areas: readonly string[], ours: readonly string[]): string[] {
  let rest = areas.map(parseRange).filter((b) => b !== null);
  for (const o of ours.map(parseRange)) if (o) rest = rest.flatMap((r) => subtract(r, o));
  return rest.map((b) => rangeA1(b.r1, b.c1, b.r2, b.c2));
}

/**
 * Queues whether a filter hides rows of the plan sheet (its AutoFilter or a table's filter
 * buttons; ExcelApi 1.9). Writing whole column runs through filter-hidden rows misplaces data in
 * Excel (OfficeDev/office-js#224, review item 8), so a filtered plan is refused before anything
 * is written. Older Excel has no API to ask; TESTING.md lists the manual check.
 */
function queueFilterCheck(
  context: Excel.RequestContext,
  loaded: Loaded,
  env: OfficeEnv,
  plan: string,
): () => boolean {
  if (!lean(env)) return () => false;
  const filters = [
    context.workbook.worksheets.getItem(plan).autoFilter,
    ...loaded.discovery.tables
      .filter((t) => t.sheet === plan)
      .map((t) => context.workbook.tables.getItem(t.name).autoFilter),
  ];
  for (const f of filters) f.load("isDataFiltered");
  return () => filters.some((f) => f.isDataFiltered);
}

/** The refusal for a filtered plan sheet. */
export function filteredPlanError(sheet: string): PlanTrackerError {
  return new PlanTrackerError("sheet.filtered", {
    vi: `Trang "${sheet}" đang được lọc (nút lọc ở hàng tiêu đề), nên một số hàng đang ẩn; Plan Tracker phải ghi vào mọi hàng và ghi qua bộ lọc có thể làm lệch dữ liệu. Chưa có ô nào bị thay đổi. Hãy xóa bộ lọc (Dữ liệu › Xóa bộ lọc), chạy lại, rồi lọc lại nếu cần.`,
    en: `The sheet "${sheet}" is filtered (filter buttons on its header row), so some rows are hidden; Plan Tracker writes every row, and writing through a filter can misplace data. Nothing was changed. Clear the filter (Data › Clear), run again, then filter again if you need to.`,
  });
}

interface PlanDetails {
  /** A filter hides rows of the plan sheet. */
  readonly filtered: () => boolean;
  /** The sheets the tool rebuilds, as they are now (to keep them if someone edited them). */
  readonly rebuilt: () => SheetData[];
  readonly validated: () => string[] | null;
  readonly merges: () => string[] | undefined;
  readonly tables: () => { name: string; range: string }[];
  readonly oldFormats: () => Excel.ConditionalFormat[];
}

/**
 * Queues what convert must know of the plan sheet besides its cells: the validated cells (to leave
 * the clerk's rules alone), merged cells, tables, and the conditional formats of the tool's
 * earlier run.
 */
function queueDetails(
  context: Excel.RequestContext,
  loaded: Loaded,
  env: OfficeEnv,
  plan: string,
  previous: OwnedRules,
  withMerges: boolean,
): () => PlanDetails {
  const ws = context.workbook.worksheets.getItem(plan);
  // The sheets convert rebuilds, enough to print them: where constants and formulas are (two
  // short addresses); without getSpecialCells (ExcelApi 1.8) their formulas.
  const rebuilt = loaded.discovery.sheets
    .filter((s) => REBUILT.has(s.name.toLowerCase()))
    .map((s) => {
      const sheet = context.workbook.worksheets.getItem(s.name);
      const constants = lean(env)
        ? sheet.getRange().getSpecialCellsOrNullObject("Constants")
        : null;
      const formulas = lean(env) ? sheet.getRange().getSpecialCellsOrNullObject("Formulas") : null;
      constants?.load("address");
      formulas?.load("address");
      const used = lean(env) ? null : sheet.getUsedRangeOrNullObject(true);
      used?.load("rowIndex,columnIndex,formulas");
      return { s, constants, formulas, used };
    });
  const validated = lean(env) ? ws.getRange().getSpecialCellsOrNullObject("DataValidations") : null;
  validated?.load("address");
  // The whole sheet, not its used range: the method reports only merges whose top-left cell is
  // inside the range (OfficeDev/office-js#3611), and a blank merge may start above the values.
  const merged =
    env.features.mergedAreas && withMerges ? ws.getRange().getMergedAreasOrNullObject() : null;
  merged?.load("address");
  const tableRanges = loaded.discovery.tables
    .filter((t) => t.sheet === plan)
    .map((t) => {
      const r = context.workbook.tables.getItem(t.name).getRange();
      r.load("address");
      return { name: t.name, range: r };
    });
  const ownFormulas = new Set(previous.conditionalFormats.map((c) => normaliseFormula(c.formula)));
  const writing = isWriting(loaded.meta);
  const cfRanges = [...new Set(previous.conditionalFormats.map((c) => c.range))].map((range) => {
    // eslint-disable-next-line office-addins/load-object-before-read -- a collection proxy, loaded on the next line
    const cfs = ws.getRange(range).conditionalFormats;
    cfs.load("items/id,items/type,items/customOrNullObject/rule/formula");
    return cfs;
  });
  const filtered = queueFilterCheck(context, loaded, env, plan);
  return () => ({
    filtered,
    rebuilt: () =>
      rebuilt.map(({ s, constants, formulas, used }) =>
        constants && formulas
          ? sheetFromAreas(
              s.name,
              s.state,
              constants.isNullObject ? [] : areaRefs(constants.address),
              formulas.isNullObject ? [] : areaRefs(formulas.address),
            )
          : sheetFromFormulas(s.name, s.state, used && !used.isNullObject ? used : null),
      ),
    validated: () =>
      validated === null ? null : validated.isNullObject ? [] : areaRefs(validated.address),
    // No merged areas is a null object: known and none. Unknown only when not asked.
    merges: () =>
      merged === null ? undefined : merged.isNullObject ? [] : areaRefs(merged.address),
    tables: () =>
      tableRanges.map((t) => ({ name: t.name, range: t.range.address.replace(/^.*!/, "") })),
    // A format over several of the ranges shows up in each of their collections: once by id.
    oldFormats: () => [
      ...new Map(
        cfRanges
          .flatMap((c) =>
            c.items.filter(
              (cf) =>
                cf.type === "Custom" &&
                !cf.customOrNullObject.isNullObject &&
                (ownFormulas.has(normaliseFormula(cf.customOrNullObject.rule.formula)) ||
                  // A failed run may have added a rule and failed before giving it its formula.
                  (writing && cf.customOrNullObject.rule.formula === "")),
            ),
          )
          .map((cf) => [cf.id, cf] as const),
      ).values(),
    ],
  });
}

/**
 * Without getSpecialCells (ExcelApi 1.8): which of the ranges the tool will validate already hold
 * a rule. Needs the plan's cells first, so one more sync.
 */
async function probeValidations(
  context: Excel.RequestContext,
  plan: string,
  ranges: readonly string[],
): Promise<string[]> {
  const ws = context.workbook.worksheets.getItem(plan);
  const checks = ranges.map((range) => {
    // eslint-disable-next-line office-addins/load-object-before-read -- dataValidation is a navigation to a proxy, loaded on the next line
    const dv = ws.getRange(range).dataValidation;
    dv.load("type");
    return { range, dv };
  });
  await context.sync();
  return checks.filter((c) => c.dv.type !== "None").map((c) => c.range);
}

/**
 * Converts (or refreshes) the tracker in place, in three syncs whatever the plan's size: one reads
 * the workbook, one the plan sheet and what is already on it (validations, merged cells, tables,
 * the tool's old rules), one writes (more only past the per-request size limit, or on an Excel
 * without ExcelApi 1.9, which needs one more read for validations).
 */
export async function convertToTracker(
  context: Excel.RequestContext,
  env: OfficeEnv,
  opts: {
    planSheet?: string | null;
    asOf?: IsoDate | null;
    /** The clerk's column map ("Cách đọc bảng"): read with it and saved in the metadata. */
    columnMap?: ColumnMap | null;
  } = {},
): Promise<Counted<TrackResult>> {
  const loaded = await loadWorkbook(context, opts.planSheet ?? null);
  const trackOpts: TrackOptions = {
    today: env.today,
    asOf: opts.asOf ?? null,
    sheet: loaded.planSheet,
    toolVersion: env.toolVersion,
    columnMap: opts.columnMap ?? null,
  };
  const plan = loaded.planSheet;
  // Known from the first sync: a protected plan sheet is refused before the big read.
  if (plan !== null && isSheetProtected(loaded.discovery, plan)) throw protectedSheetError(plan);
  const previous = loaded.meta && loaded.meta.planSheet === plan ? loaded.meta.rules : EMPTY_RULES;
  const read = await readPlanWith(context, loaded, env, (merges) =>
    plan === null ? () => null : queueDetails(context, loaded, env, plan, previous, merges),
  );
  let syncs = 1 + read.syncs;
  const details = read.details;
  let data = read.data;
  if (plan !== null && details?.filtered()) throw filteredPlanError(plan);
  if (plan !== null && details) {
    let validated = details.validated();
    if (validated === null) {
      // ExcelApi 1.8: ask about the exact ranges the domain will validate.
      const draft = buildTracker(data, trackOpts);
      const spec = draft.layout.sheets.find((s) => s.name === plan);
      validated = await probeValidations(
        context,
        plan,
        (spec?.validations ?? []).map((v) => v.range),
      );
      syncs++;
    }
    for (const sheet of details.rebuilt()) data = withSheet(data, sheet.name, sheet);
    const merges = details.merges();
    data = withSheet(data, plan, {
      validations: foreignValidations(validated, previous.validations),
      ...(merges ? { merges } : {}),
      tables: details.tables(),
    });
  }
  const built = buildTracker(data, trackOpts);
  const refusal = protectionRefusal(built.layout, loaded.discovery);
  if (refusal) throw refusal;
  const tables = details?.tables() ?? [];
  const write = await applyLayoutOffice(context, built.layout, {
    features: env.features,
    // Unknown merges (ExcelApi < 1.13, or past 512): the table goes last, its refusal only skips it.
    mergesUnknown: plan !== null && details?.merges() === undefined,
    restore: isWriting(loaded.meta),
    ...existing(loaded.discovery),
    activeSheet: loaded.discovery.activeSheet,
    ownTables: new Map(
      tables.filter((t) => previous.tables.includes(t.name)).map((t) => [t.name, t.range]),
    ),
    staleConditionalFormats: details?.oldFormats() ?? [],
    ...(plan !== null ? { staleConditionalFormatsSheet: plan } : {}),
  });
  const result =
    write.tablesRefused.length > 0
      ? {
          ...built,
          tableSkipped:
            "merged cells inside the item block (Excel refused the table: MergedRangeConflict)",
        }
      : built;
  return { value: result, syncs: syncs + write.syncs };
}

/** What exists in the workbook now, for applyLayoutOffice. */
function existing(
  discovery: Discovery,
): Pick<ApplyOptions, "existingSheets" | "veryHiddenSheets" | "existingNames"> {
  return {
    existingSheets: new Set(discovery.sheets.map((s) => s.name)),
    veryHiddenSheets: new Set(
      discovery.sheets.filter((s) => s.state === "veryHidden").map((s) => s.name),
    ),
    existingNames: new Set(discovery.names),
  };
}

function cellString(v: unknown): string {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

function normaliseFormula(f: string): string {
  return f.replace(/^=/, "").replace(/\s+/g, "").toUpperCase();
}

/** Checks the plan; on a tracker, also refreshes the tool's own cells (Kiểm tra, due dates). */
export async function checkOpenWorkbook(
  context: Excel.RequestContext,
  env: OfficeEnv,
  opts: { planSheet?: string | null; asOf?: IsoDate | null; write?: boolean } = {},
): Promise<Counted<CheckResult>> {
  const loaded = await loadWorkbook(context, opts.planSheet ?? null);
  const plan = loaded.planSheet;
  const read = await readPlanWith(context, loaded, env, () =>
    plan === null ? () => false : queueFilterCheck(context, loaded, env, plan),
  );
  const data = read.data;
  const reads = 1 + read.syncs;
  const meta = loaded.meta;
  const locked = loaded.planSheet !== null && isSheetProtected(loaded.discovery, loaded.planSheet);
  const filtered = read.details;
  if (!meta || meta.planSheet !== loaded.planSheet || opts.write === false || locked || filtered) {
    const check = checkWorkbook(data, {
      today: env.today,
      asOf: opts.asOf ?? null,
      sheet: loaded.planSheet,
    });
    // A protected tracker is checked all the same; only its Kiểm tra and due cells stay as they
    // were, and the clerk is told why.
    const wanted = meta && meta.planSheet === loaded.planSheet && opts.write !== false;
    return {
      value:
        wanted && loaded.planSheet
          ? withNote(check, loaded.planSheet, locked ? PROTECTED_NOTE : FILTERED_NOTE)
          : check,
      syncs: reads,
    };
  }
  // On a tracker, the tool's computed cells are refreshed; rules and sheets stay as they are.
  const result = buildTracker(data, {
    today: env.today,
    asOf: opts.asOf ?? null,
    sheet: loaded.planSheet,
    toolVersion: env.toolVersion,
  });
  const planSpec = result.layout.sheets.find((s) => s.name === result.check.plan.sheet);
  const layout: WorkbookLayout = {
    sheets: planSpec
      ? [
          {
            ...planSpec,
            validations: [],
            conditionalFormats: [],
            tables: [],
            columns: [],
            remove: { validations: [], conditionalFormats: [], tables: [] },
          },
        ]
      : [],
    definedNames: [],
    fullCalcOnLoad: false,
  };
  const { syncs } = await applyLayoutOffice(context, layout, {
    features: env.features,
    ...existing(loaded.discovery),
    activeSheet: loaded.discovery.activeSheet,
  });
  return { value: result.check, syncs: reads + syncs };
}

/**
 * How the plan is read ("Cách đọc bảng"), for the pane to show before converting: two reads, no
 * write. With `columnMap`, the reading that map would give (the pane's dropdowns); without, the
 * tracker's saved map, if any. Saving a choice is convertToTracker with the same columnMap.
 */
export async function readTableReading(
  context: Excel.RequestContext,
  env: OfficeEnv,
  opts: { planSheet?: string | null; asOf?: IsoDate | null; columnMap?: ColumnMap | null } = {},
): Promise<Counted<TableReading>> {
  const loaded = await loadWorkbook(context, opts.planSheet ?? null);
  const read = await readPlanWith(context, loaded, env, () => () => null);
  return {
    value: tableReading(read.data, {
      today: env.today,
      asOf: opts.asOf ?? null,
      sheet: loaded.planSheet,
      columnMap: opts.columnMap ?? null,
    }),
    syncs: 1 + read.syncs,
  };
}

const PROTECTED_NOTE = issue("sheet.protected", "warning", {
  vi: `Trang tính đang được bảo vệ nên cột Kiểm tra và hạn chưa được cập nhật. Hãy bỏ bảo vệ (Xem lại › Bỏ bảo vệ Trang tính) rồi kiểm tra lại.`,
  en: `The sheet is protected, so the check column and due dates were not refreshed. Unprotect it (Review › Unprotect Sheet) and check again.`,
});
const FILTERED_NOTE = issue("sheet.filtered", "warning", {
  vi: `Trang tính đang được lọc nên cột Kiểm tra và hạn chưa được cập nhật (ghi qua bộ lọc có thể làm lệch dữ liệu). Hãy xóa bộ lọc (Dữ liệu › Xóa bộ lọc) rồi kiểm tra lại.`,
  en: `The sheet is filtered, so the check column and due dates were not refreshed (writing through a filter can misplace data). Clear the filter (Data › Clear) and check again.`,
});

/** A check that could not write: the findings, and why the tool's cells were not refreshed. */
function withNote(check: CheckResult, sheet: string, found: Issue): CheckResult {
  const note = locate(found, { sheet, row: null, col: null, field: null, value: null });
  return {
    ...check,
    diagnostics: [...check.diagnostics, note],
    summary: { ...check.summary, warnings: check.summary.warnings + 1 },
  };
}

/** Selects a cell for the clerk (a click on a diagnostic). One sync. */
export async function selectCell(
  context: Excel.RequestContext,
  sheet: string,
  address: string,
): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(address).select();
  await context.sync();
}

/**
 * Writes a suggestion into the user's cell — only ever on the clerk's click. The text is written
 * as a literal (never a formula), and only if the cell still holds what was checked.
 */
export async function applySuggestion(
  context: Excel.RequestContext,
  sheet: string,
  address: string,
  expected: string | null,
  suggestion: string,
): Promise<void> {
  const range = context.workbook.worksheets.getItem(sheet).getRange(address);
  range.load("values");
  await context.sync();
  const current = cellString((range.values as unknown[][])[0]?.[0]);
  if (expected !== null && current !== expected) {
    throw new PlanTrackerError("suggestion.stale", {
      vi: `Ô ${sheet}!${address} đã thay đổi từ lúc kiểm tra ("${current}"); hãy kiểm tra lại trước khi áp dụng đề xuất.`,
      en: `Cell ${sheet}!${address} changed since the check ("${current}"); check again before applying the suggestion.`,
    });
  }
  const numeric = /^\d+$/.test(suggestion) ? Number(suggestion) : null;
  range.formulas = [[numeric ?? literalInput(suggestion)]];
  range.select();
  await context.sync();
}

export interface LiveResult {
  readonly rows: readonly number[];
  /** Findings on the re-checked rows only (replace the pane's findings for those rows). */
  readonly diagnostics: CheckResult["diagnostics"];
  readonly rowsParsed: number;
  readonly syncs: number;
}

/**
 * Re-checks only the rows a clerk just edited: one sync reads the header row, those rows, the
 * settings and the tracker's metadata; one writes the tool's cells of those rows (Kiểm tra, due
 * date, values). The work follows the edit, not the size of the sheet.
 */
export async function liveRecheck(
  context: Excel.RequestContext,
  env: OfficeEnv,
  planSheet: string,
  editedRows: readonly number[],
): Promise<LiveResult | null> {
  const wb = context.workbook;
  const metaRange = wb.worksheets.getItemOrNullObject(META_SHEET).getUsedRangeOrNullObject(true);
  metaRange.load("rowIndex,columnIndex,values,formulas,numberFormat,valueTypes");
  const settingsRange = wb.worksheets
    .getItemOrNullObject(SETTINGS_SHEET)
    .getUsedRangeOrNullObject(true);
  settingsRange.load("rowIndex,columnIndex,values,formulas,numberFormat,valueTypes");
  const protection = wb.worksheets.getItemOrNullObject(planSheet).protection;
  protection.load("protected");
  await context.sync();
  const metaSheet = metaRange.isNullObject
    ? null
    : sheetFromRange(META_SHEET, "veryHidden", metaRange);
  const meta = readMetadata(metaSheet ?? undefined);
  if (!meta || meta.planSheet !== planSheet) return null;
  const lastCol = Math.max(
    ...Object.values(meta.columns).filter((c): c is number => c !== undefined),
  );
  const rows = [...new Set(editedRows)].filter((r) => r > meta.headerRow).sort((a, b) => a - b);
  if (rows.length === 0) return { rows, diagnostics: [], rowsParsed: 0, syncs: 1 };

  const ws = wb.worksheets.getItem(planSheet);
  // The rows above the header row too: a header of two or three rows ("Sản phẩm" over "Số lượng
  // | Thời lượng") is read as a whole, as check reads it.
  const above = [meta.headerRow - 2, meta.headerRow - 1].filter((r) => r >= 1);
  // Under a section row ("I | QUÝ I") or a numbered heading an item takes its period from above:
  // then the rows from the header down to the last edited one are read as one block and read as
  // check reads them (a row alone would lose its period and be reported empty).
  const last = rows[rows.length - 1] ?? meta.headerRow;
  const inContext = expandRows(meta.contextRows).some((r) => r < last);
  const wanted = inContext
    ? [above[0] ?? meta.headerRow]
    : [...above, meta.headerRow, ...rows.filter((r) => !above.includes(r))];
  const ranges = wanted.map((row) => {
    const r = ws.getRange(`A${row}:${columnLetter(lastCol)}${inContext ? last : row}`);
    r.load("rowIndex,columnIndex,values,formulas,numberFormat,valueTypes");
    return { row, r };
  });
  await context.sync();

  const grid: CellValue[][] = [];
  const formulas = new Map<string, string>();
  for (const { row, r } of ranges) {
    const part = sheetFromRange(planSheet, "visible", r);
    const to = inContext ? last : row;
    for (let i = row; i <= to; i++) grid[i - 1] = [...(part.rows[i - 1] ?? [])];
    for (const [k, v] of part.formulas ?? []) formulas.set(k, v);
  }
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  const sparse: SheetData = { name: planSheet, rows: grid, formulas };
  const settings = settingsRange.isNullObject
    ? EMPTY_SETTINGS
    : readSettings(sheetFromRange(SETTINGS_SHEET, "visible", settingsRange)).settings;
  const asOf = settings.asOf ?? env.today;
  const read = readPlan(sparse, {
    asOf,
    planYear: settings.planYear,
    settings,
    dueColumnOwned: meta.ownedColumns.includes("due"),
    ...(inContext ? {} : { onlyRows: new Set(rows) }),
    savedColumnMap: meta.columnMap,
  });
  if (!read.plan) return null;
  const edited = new Set(rows);
  // The pane shows this as its "re-check failed" line; nothing is written.
  if (!protection.isNullObject && protection.protected) throw protectedSheetError(planSheet);
  const { cells } = computedCells({
    rows,
    items: read.plan.items.filter((i) => edited.has(i.row)),
    diagnostics: read.plan.diagnostics.filter((d) => d.row !== null && edited.has(d.row)),
    sheet: sparse,
    columns: meta.columns,
    owned: new Set(meta.ownedColumns),
  });
  const layout: WorkbookLayout = {
    sheets: [{ ...emptySheet(planSheet, "patch"), cells }],
    definedNames: [],
    fullCalcOnLoad: false,
  };
  const { syncs } = await applyLayoutOffice(context, layout, {
    features: env.features,
    existingSheets: new Set([planSheet]),
    activeSheet: planSheet,
  });
  return {
    rows,
    diagnostics: read.plan.diagnostics.filter((d) => d.row !== null && rows.includes(d.row)),
    rowsParsed: read.plan.items.filter((i) => edited.has(i.row)).length,
    syncs: 2 + syncs,
  };
}
