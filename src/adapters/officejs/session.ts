/**
 * What the add-in does in the open workbook, as functions the task pane and the ribbon commands
 * call: convert to a tracker, check, rebuild summaries, select a cell, apply a suggestion, and
 * the live re-check of edited rows. Each one reads in one or two syncs, lets the pure domain
 * decide, and writes in one batch (chunked only past the web's request size limit).
 */
import type { IsoDate } from "../../domain/calendar";
import { columnLetter, intersects, parseRange, type CellValue } from "../../domain/cell";
import { checkWorkbook, type CheckResult } from "../../domain/check";
import { PlanTrackerError } from "../../domain/diagnostics";
import { emptySheet, type WorkbookLayout } from "../../domain/layout/spec";
import { readPlan } from "../../domain/plan";
import { EMPTY_SETTINGS, readSettings, SETTINGS_SHEET } from "../../domain/settings";
import { computedCells } from "../../domain/tracker/planSheet";
import { META_SHEET, readMetadata } from "../../domain/tracker/metadata";
import { buildTracker, type TrackResult } from "../../domain/tracker/track";
import type { SheetData, WorkbookData } from "../../domain/workbookData";
import { applyLayoutOffice } from "./apply";
import { literalInput } from "./cellWrites";
import { readWorkbook, sheetFromRange, type Discovery } from "./read";
import type { RequirementCheck } from "./requirements";

export interface OfficeEnv {
  readonly today: IsoDate;
  readonly toolVersion: string;
  readonly features: RequirementCheck["features"];
}

export interface Counted<T> {
  readonly value: T;
  /** context.sync() calls this command made. */
  readonly syncs: number;
}

interface Loaded {
  readonly data: WorkbookData;
  readonly discovery: Discovery;
  readonly planSheet: string | null;
  readonly syncs: number;
}

/** The plan sheet: the one asked for, else the tracker's own (metadata), else the active sheet. */
async function loadPlan(context: Excel.RequestContext, planSheet: string | null): Promise<Loaded> {
  const first = await readWorkbook(context, planSheet ? [planSheet] : []);
  const meta = readMetadata(first.data.sheets.find((s) => s.name === META_SHEET));
  const owned = new Set(["Cài đặt", "Kinh phí", "Tiến độ", META_SHEET]);
  const target =
    planSheet ??
    (meta && first.discovery.sheets.some((s) => s.name === meta.planSheet)
      ? meta.planSheet
      : null) ??
    (owned.has(first.discovery.activeSheet) ? null : first.discovery.activeSheet);
  const loaded = (name: string | null): boolean =>
    name === null || name === first.discovery.activeSheet || name === planSheet;
  if (loaded(target)) return { ...first, planSheet: target, syncs: 1 };
  const second = await readWorkbook(context, [target as string]);
  return { ...second, planSheet: target, syncs: 2 };
}

function withSheet(data: WorkbookData, name: string, extra: Partial<SheetData>): WorkbookData {
  return { ...data, sheets: data.sheets.map((s) => (s.name === name ? { ...s, ...extra } : s)) };
}

/** Converts (or refreshes) the tracker in place. Reads twice, writes once: 3 syncs. */
export async function convertToTracker(
  context: Excel.RequestContext,
  env: OfficeEnv,
  opts: { planSheet?: string | null; asOf?: IsoDate | null } = {},
): Promise<Counted<TrackResult>> {
  const loaded = await loadPlan(context, opts.planSheet ?? null);
  const trackOpts = {
    today: env.today,
    asOf: opts.asOf ?? null,
    sheet: loaded.planSheet,
    toolVersion: env.toolVersion,
  };
  // A first pass tells which columns, rules and tables the tracker will touch…
  const draft = buildTracker(loaded.data, trackOpts);
  const plan = draft.check.plan.sheet;
  const meta = readMetadata(loaded.data.sheets.find((s) => s.name === META_SHEET));
  const previous =
    meta?.planSheet === plan ? meta.rules : { validations: [], conditionalFormats: [], tables: [] };
  const planSpec = draft.layout.sheets.find((s) => s.name === plan);
  const ws = context.workbook.worksheets.getItem(plan);

  // …then one sync reads what is already there: validations, merged cells, tables, old rules.
  const dvChecks = (planSpec?.validations ?? []).map((v) => {
    // eslint-disable-next-line office-addins/load-object-before-read -- dataValidation is a navigation to a proxy, loaded on the next line
    const dv = ws.getRange(v.range).dataValidation;
    dv.load("type");
    return { range: v.range, dv };
  });
  const merged = env.features.mergedAreas
    ? ws.getUsedRange(true).getMergedAreasOrNullObject()
    : null;
  merged?.load("address");
  const tableRanges = loaded.discovery.tables
    .filter((t) => t.sheet === plan)
    .map((t) => {
      const r = context.workbook.tables.getItem(t.name).getRange();
      r.load("address");
      return { name: t.name, range: r };
    });
  const cfRanges = [...new Set(previous.conditionalFormats.map((c) => c.range))].map((range) => {
    // eslint-disable-next-line office-addins/load-object-before-read -- a collection proxy, loaded on the next line
    const cfs = ws.getRange(range).conditionalFormats;
    cfs.load("items/type,items/custom/rule/formula");
    return cfs;
  });
  await context.sync();

  const ours = previous.validations.map(parseRange).filter((b) => b !== null);
  const foreign = dvChecks
    .filter(({ range, dv }) => {
      const b = parseRange(range);
      return dv.type !== "None" && b !== null && !ours.some((o) => intersects(o, b));
    })
    .map((c) => c.range);
  const merges =
    merged && !merged.isNullObject
      ? merged.address.split(",").map((a) => a.replace(/^.*!/, "").trim())
      : undefined;
  const tables = tableRanges.map((t) => ({
    name: t.name,
    range: t.range.address.replace(/^.*!/, ""),
  }));
  const data = withSheet(loaded.data, plan, {
    validations: foreign,
    ...(merges ? { merges } : {}),
    tables,
  });
  const result = buildTracker(data, trackOpts);

  const ownFormulas = new Set(previous.conditionalFormats.map((c) => normaliseFormula(c.formula)));
  const stale = cfRanges.flatMap((c) =>
    c.items.filter(
      (cf) => cf.type === "Custom" && ownFormulas.has(normaliseFormula(cf.custom.rule.formula)),
    ),
  );
  const { syncs } = await applyLayoutOffice(context, result.layout, {
    features: env.features,
    existingSheets: new Set(loaded.discovery.sheets.map((s) => s.name)),
    activeSheet: loaded.discovery.activeSheet,
    ownTables: new Map(
      tables.filter((t) => previous.tables.includes(t.name)).map((t) => [t.name, t.range]),
    ),
    staleConditionalFormats: [...new Set(stale)],
  });
  return { value: result, syncs: loaded.syncs + 1 + syncs };
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
  const loaded = await loadPlan(context, opts.planSheet ?? null);
  const meta = readMetadata(loaded.data.sheets.find((s) => s.name === META_SHEET));
  if (!meta || opts.write === false) {
    const check = checkWorkbook(loaded.data, {
      today: env.today,
      asOf: opts.asOf ?? null,
      sheet: loaded.planSheet,
    });
    return { value: check, syncs: loaded.syncs };
  }
  // On a tracker, the tool's computed cells are refreshed; rules and sheets stay as they are.
  const result = buildTracker(loaded.data, {
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
    existingSheets: new Set(loaded.discovery.sheets.map((s) => s.name)),
    activeSheet: loaded.discovery.activeSheet,
  });
  return { value: result.check, syncs: loaded.syncs + syncs };
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
  const wanted = [meta.headerRow, ...rows];
  const ranges = wanted.map((row) => {
    const r = ws.getRange(`A${row}:${columnLetter(lastCol)}${row}`);
    r.load("rowIndex,columnIndex,values,formulas,numberFormat,valueTypes");
    return { row, r };
  });
  await context.sync();

  const grid: CellValue[][] = [];
  const formulas = new Map<string, string>();
  for (const { row, r } of ranges) {
    const part = sheetFromRange(planSheet, "visible", r);
    grid[row - 1] = [...(part.rows[row - 1] ?? [])];
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
    onlyRows: new Set(rows),
  });
  if (!read.plan) return null;
  const { cells } = computedCells({
    rows,
    items: read.plan.items,
    diagnostics: read.plan.diagnostics,
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
    rowsParsed: read.plan.items.length,
    syncs: 2 + syncs,
  };
}
