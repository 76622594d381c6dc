/**
 * `check`: find the plan sheet, read settings and items, and report every finding. Pure: the
 * shells read the file and the clock and pass them in.
 */
import type { IsoDate } from "./calendar";
import { columnLetter } from "./cell";
import {
  countBySeverity,
  PlanTrackerError,
  sortDiagnostics,
  type Diagnostic,
  type Lang,
} from "./diagnostics";
import type { FieldKey } from "./fields";
import { readPlan, type Plan } from "./plan";
import { EMPTY_SETTINGS, readSettings, SETTINGS_SHEET, type PlanSettings } from "./settings";
import type { ColumnMap } from "./columnMap";
import { layoutJson } from "./tableLayout";
import { partiesOf } from "./parties";
import { fold } from "./text";
import { META_SHEET, readMetadata } from "./tracker/metadata";
import { ITEMS_SHEET, readItemEntries } from "./tracker/itemsSheet";
import {
  findLogSheet,
  LOG_SHEET,
  logCheckContext,
  logDiagnostics,
  logProofs,
  readLog,
} from "./tracker/logSheet";
import { recurringState, type RecurringState } from "./summary/quotas";
import type { SheetData, WorkbookData } from "./workbookData";

export interface CheckOptions {
  /** The shell's clock: used when neither --as-of nor the settings fix the date. */
  readonly today: IsoDate;
  /** --as-of: wins over the settings' as-of date. */
  readonly asOf?: IsoDate | null;
  readonly planYear?: number | null;
  readonly sheet?: string | null;
  /** Sheets the tool owns (summaries, settings, metadata): never taken for the plan. */
  readonly ownedSheets?: readonly string[];
  /** Settings as the caller will apply them (track's --allocation, …); read from the sheet if absent. */
  readonly settings?: PlanSettings;
  /**
   * --map period=C,count=D: the clerk's columns over the header's, and over a tracker's saved map
   * (an empty map reads by the headers alone). Null or absent: the saved map, if any.
   */
  readonly columnMap?: ColumnMap | null;
}

export interface CheckResult {
  readonly plan: Plan;
  readonly settings: PlanSettings;
  readonly asOf: IsoDate;
  /** Every finding, errors first then by row. */
  readonly diagnostics: readonly Diagnostic[];
  readonly summary: { readonly items: number; readonly errors: number; readonly warnings: number };
  /**
   * Recurring duties and the broadcast log they are counted on (issue 13): null when the plan has
   * no duty and the workbook no log. Absent on results made before it existed.
   */
  readonly recurring?: RecurringState | null;
}

export const DEFAULT_OWNED_SHEETS = [
  SETTINGS_SHEET,
  "Kinh phí",
  "Tiến độ",
  META_SHEET,
  ITEMS_SHEET,
  LOG_SHEET,
];

export function checkWorkbook(wb: WorkbookData, opts: CheckOptions): CheckResult {
  if (wb.sheets.length === 0) {
    throw new PlanTrackerError("workbook.no-sheets", {
      vi: "Sổ tính không có trang tính nào. Mở tệp kế hoạch có một trang với hàng tiêu đề (Nội dung, Thời gian, …).",
      en: "The workbook has no worksheets. Open a plan workbook with a sheet that has a header row (Title, Period, …).",
    });
  }
  const settingsSheet = wb.sheets.find((s) => s.name === SETTINGS_SHEET);
  const settingsRead = settingsSheet ? readSettings(settingsSheet) : null;
  const settings = opts.settings ?? settingsRead?.settings ?? EMPTY_SETTINGS;
  const asOf = opts.asOf ?? settings.asOf ?? opts.today;
  const meta = readMetadata(wb.sheets.find((s) => s.name === META_SHEET));
  const sheetName =
    opts.sheet ??
    (meta && wb.sheets.some((s) => s.name === meta.planSheet) ? meta.planSheet : null);
  // A tracked matrix plan: the items sheet the tool wrote (its print is in the metadata; a sheet
  // of the clerk's own with that name is not read as the tracker's).
  // After a run that failed while replacing it, the old copy under its backup name is whole.
  const backup =
    meta !== null && meta.state !== "done" ? meta.state.backups[ITEMS_SHEET] : undefined;
  const itemsSheet =
    meta?.sheetPrints[ITEMS_SHEET] !== undefined
      ? (wb.sheets.find((s) => backup !== undefined && s.name === backup) ??
        wb.sheets.find((s) => s.name === ITEMS_SHEET))
      : undefined;
  const ctx = {
    asOf,
    planYear: opts.planYear ?? null,
    settings,
    dueColumnOwned: meta?.ownedColumns.includes("due") ?? false,
    columnMap: opts.columnMap ?? null,
    // The tracker's saved map, on its own plan sheet, unless a map is given now.
    savedColumnMap: meta !== null && sheetName === meta.planSheet ? meta.columnMap : null,
    itemEntries: itemsSheet ? readItemEntries(itemsSheet) : null,
  };

  const plan = pickPlan(wb, { ...opts, sheet: sheetName }, ctx);
  // The broadcast log and the duties counted on it; its rows' findings join the plan's.
  const logData = findLogSheet(wb.sheets);
  const log = logData === undefined || logData.name === plan.sheet ? null : readLog(logData);
  const recurring = recurringState(
    plan.items,
    plan.planYear,
    { sheet: log?.sheet ?? null, foreign: log?.foreign ?? false, entries: log?.entries ?? [] },
    asOf,
  );
  const planSheet = wb.sheets.find((s) => s.name === plan.sheet);
  const logCtx =
    log && recurring && planSheet
      ? logCheckContext(
          plan,
          planSheet,
          asOf,
          recurring.duties.map((d) => d.duty.label),
        )
      : null;
  const logFindings =
    log && logCtx && (!log.foreign || (recurring?.duties.length ?? 0) > 0)
      ? logDiagnostics(log, logCtx)
      : [];
  const proofs =
    log && logCtx && !log.foreign ? logProofs(log.entries, logCtx, plan.header.headerRow + 1) : [];
  const diagnostics = sortDiagnostics([
    ...(settingsRead?.diagnostics ?? []),
    ...plan.diagnostics,
    ...logFindings,
  ]);
  const counts = countBySeverity(diagnostics);
  return {
    plan,
    settings,
    asOf,
    diagnostics,
    summary: { items: plan.items.length, errors: counts.errors, warnings: counts.warnings },
    recurring: recurring ? { ...recurring, proofs } : null,
  };
}

function pickPlan(wb: WorkbookData, opts: CheckOptions, ctx: Parameters<typeof readPlan>[1]): Plan {
  if (opts.sheet) {
    const sheet =
      wb.sheets.find((s) => s.name === opts.sheet) ??
      wb.sheets.find((s) => fold(s.name) === fold(opts.sheet ?? ""));
    if (!sheet) {
      throw new PlanTrackerError("workbook.sheet-not-found", {
        vi: `Không có trang tính "${opts.sheet}". Các trang có trong sổ: ${sheetList(wb)}.`,
        en: `There is no sheet named "${opts.sheet}". The workbook has: ${sheetList(wb)}.`,
      });
    }
    return readOrRefuse(sheet, ctx);
  }
  const owned = new Set(opts.ownedSheets ?? DEFAULT_OWNED_SHEETS);
  const candidates = wb.sheets.filter(
    (s) => !owned.has(s.name) && (s.state ?? "visible") !== "veryHidden",
  );
  let firstFailure: { sheet: SheetData; diags: readonly Diagnostic[] } | null = null;
  for (const sheet of candidates) {
    const read = readPlan(sheet, ctx);
    if (read.plan) return read.plan;
    firstFailure ??= { sheet, diags: read.diagnostics };
  }
  const reason = firstFailure?.diags[0];
  throw new PlanTrackerError("workbook.not-a-plan", {
    vi: `Không tìm thấy bảng kế hoạch trong sổ tính (các trang: ${sheetList(wb)}). ${reason ? reason.text.vi : "Sổ tính không có trang nào có dữ liệu."}`,
    en: `No plan table was found in the workbook (sheets: ${sheetList(wb)}). ${reason ? reason.text.en : "No sheet holds any data."}`,
  });
}

function readOrRefuse(sheet: SheetData, ctx: Parameters<typeof readPlan>[1]): Plan {
  const read = readPlan(sheet, ctx);
  if (read.plan) return read.plan;
  const reason = read.diagnostics[0];
  throw new PlanTrackerError("workbook.not-a-plan", {
    vi: reason?.text.vi ?? `Trang "${sheet.name}" không phải bảng kế hoạch.`,
    en: reason?.text.en ?? `Sheet "${sheet.name}" is not a plan table.`,
  });
}

function sheetList(wb: WorkbookData): string {
  return wb.sheets.map((s) => `"${s.name}"`).join(", ");
}

function agencyJson(result: CheckResult): Record<string, string | null> {
  const p = partiesOf(result.settings, result.plan);
  return {
    name: p.agency,
    source: p.agencySource,
    level: p.level,
    place: p.place,
    station: p.station,
  };
}

/** The `check --json` object (BRIEF.md): field names and shapes are a fixed contract. */
export function checkJson(result: CheckResult, file: string, lang: Lang): unknown {
  const { plan } = result;
  const columns: Partial<Record<FieldKey, string>> = {};
  for (const [field, col] of Object.entries(plan.header.columns) as [FieldKey, number][]) {
    columns[field] = columnLetter(col);
  }
  return {
    file,
    sheet: plan.sheet,
    headerRow: plan.header.headerRow,
    planYear: plan.planYear,
    asOf: result.asOf,
    columns,
    items: plan.items.map((i) => ({
      row: i.row,
      // A matrix item's cell (the topic's row, the period's column); added, not in the contract.
      ...(i.cell !== undefined ? { cell: i.cell } : {}),
      title: i.title,
      periodText: i.periodText,
      quarter: i.quarter,
      year: i.year,
      dueDate: i.dueDate,
      count: i.count,
      type: i.type,
      durationText: i.durationText,
      durationMinutes: i.durationMinutes,
      unit: i.unit,
      budgetVnd: i.budgetVnd,
      status: i.status,
      airedOn: i.airedOn,
      spentVnd: i.spentVnd,
      overdue: i.overdue,
      // Added for issue 13 §3: the evidence Finance settles on (null when absent or blank).
      evidence: i.evidence,
      acceptanceNo: i.acceptanceNo,
      acceptedOn: i.acceptedOn,
      invoice: i.invoice,
      paidOn: i.paidOn,
      // A recurring duty (issue 13); added, not in the contract.
      ...(i.recurrence
        ? {
            recurrence: {
              every: i.recurrence.every,
              interval: i.recurrence.interval,
              quota: i.recurrence.quota,
              type: i.recurrence.type,
              from: i.recurrence.start,
              to: i.recurrence.end,
            },
          }
        : {}),
    })),
    diagnostics: result.diagnostics.map((d) => ({
      row: d.row,
      cell: d.cell,
      sheet: d.sheet,
      field: d.field,
      severity: d.severity,
      code: d.code,
      value: d.value,
      message: d.text[lang],
      suggestion: d.suggestion,
    })),
    summary: result.summary,
    // Added for issue 12: how the table was read (header block, cells, sections, totals).
    layout: layoutJson(plan.header, plan.layout),
    // Added for issue 13: who the tracker is for (settings, else the plan's own lines).
    agency: agencyJson(result),
    // Added for issue 13: recurring duties counted per period on the broadcast log.
    ...(result.recurring ? { recurring: recurringJson(result.recurring) } : {}),
  };
}

function recurringJson(state: RecurringState): unknown {
  return {
    logSheet: state.logSheet,
    logEntries: state.entries.length,
    // Dated plan items a log row proves aired: the log row, the plan row.
    proofs: state.proofs ?? [],
    duties: state.duties.map((f) => ({
      row: f.duty.row,
      label: f.duty.label,
      unit: f.duty.unit,
      every: f.duty.recurrence.every,
      interval: f.duty.recurrence.interval,
      quota: f.duty.quota,
      quotaStated: f.duty.recurrence.quota !== null,
      type: f.duty.recurrence.type,
      done: f.done,
      periodsOver: f.ended,
      periodsMet: f.endedMet,
      periodsShort: f.short,
      periodsAhead: f.ahead,
      periods: f.results.map((x) => ({
        label: x.period.label.vi,
        start: x.period.start,
        end: x.period.end,
        quota: x.quota,
        done: x.done,
        status: x.status,
      })),
    })),
  };
}
