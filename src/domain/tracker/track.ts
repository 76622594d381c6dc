/**
 * `track`: from a plan workbook (or a tracker from an earlier run) to the declarative layout of the
 * tracker. Pure: the shell reads the file and the clock, the adapters apply the layout.
 */
import { isoToSerial, type IsoDate } from "../calendar";
import { a1Abs, sheetRef } from "../cell";
import { checkWorkbook, type CheckResult } from "../check";
import { PlanTrackerError } from "../diagnostics";
import {
  emptySheet,
  type CellSpec,
  type OwnedRules,
  type SheetSpec,
  type WorkbookLayout,
} from "../layout/spec";
import {
  EMPTY_SETTINGS,
  readSettings,
  SETTINGS_SHEET,
  type PlanSettings,
  type SettingKey,
} from "../settings";
import type { ColumnMap, MapSource, SavedColumnMap } from "../columnMap";
import type { Diagnostic } from "../diagnostics";
import { agencyFrom, placeFromDateLine, placeOf } from "../agency";
import { placeFollowingAgency, stationOfPlan } from "../parties";
import type { WorkbookData } from "../workbookData";
import {
  AS_OF_CELL,
  AS_OF_NAME,
  compactRows,
  EMPTY_RULES,
  FORMAT_VERSION,
  isWriting,
  journalOf,
  META_ROWS,
  META_SHEET,
  metadataEntries,
  readMetadata,
  type TrackerMetadata,
} from "./metadata";
import { planSheetLayout, type PlanSheetLayout } from "./planSheet";
import {
  ITEMS_BACKUPS,
  ITEMS_SHEET,
  itemsPrintOfSheet,
  itemsSheetLayout,
  type ItemsSheetLayout,
} from "./itemsSheet";
import type { SheetData } from "../workbookData";
import type { KeptSheet } from "./keptSheet";
import { printOfSheet, printOfSpec } from "./sheetPrint";
import { trackerRefs } from "../summary/sheetRefs";
import { summarySheets } from "../summary/summaryWorkbook";
import { newSettingsSheet, SETTING_CELLS, settingsPatch } from "./settingsSheet";
import {
  findLogSheet,
  LOG_SHEET,
  logCheckContext,
  logRefs,
  logSheetLayout,
  readLog,
} from "./logSheet";
import { dutyLine } from "../summary/quotas";
import { DATE_FORMAT } from "./styles";

export interface TrackOptions {
  readonly today: IsoDate;
  /** --as-of: written into the settings so the workbook's colours use the same date. */
  readonly asOf?: IsoDate | null;
  readonly planYear?: number | null;
  readonly sheet?: string | null;
  readonly allocationVnd?: number | null;
  readonly agency?: string | null;
  readonly toolVersion: string;
  /**
   * --map (or the pane's choice): read the plan with it and save it in the tracker's metadata.
   * Null or absent: the map the tracker saved, if any, is used and kept.
   */
  readonly columnMap?: ColumnMap | null;
}

export interface TrackResult {
  readonly layout: WorkbookLayout;
  readonly check: CheckResult;
  readonly metadata: TrackerMetadata;
  /** Why the item block was not made an Excel table, if it was not. */
  readonly tableSkipped: string | null;
  readonly settingsCreated: boolean;
  /** Sheets the tool rebuilds that someone had edited: kept under these names. */
  readonly keptEdited: readonly KeptSheet[];
  /** A quarter or month matrix plan: the items sheet the tracker keeps, one row per item. */
  readonly itemsSheet: {
    readonly name: string;
    readonly items: number;
    readonly orphans: number;
  } | null;
  /** The broadcast log (created now or kept) and the duties counted on it. */
  readonly log: LogSummary | null;
}

export interface LogSummary {
  readonly sheet: string;
  readonly created: boolean;
  readonly entries: number;
  /** One line per recurring duty (dutyLine), in both languages. */
  readonly duties: readonly { readonly vi: string; readonly en: string }[];
}

/**
 * What a shell needs to report a track run: counts, not the items. Small on purpose: the CLI
 * builds the layout where exceljs holds the workbook (its worker) and only this crosses back.
 */
export interface TrackSummary {
  readonly items: number;
  readonly errors: number;
  readonly warnings: number;
  readonly overdue: number;
  readonly dueSoon: number;
  readonly asOf: IsoDate;
  readonly planSheet: string;
  readonly headerRow: number;
  readonly tableSkipped: string | null;
  readonly settingsCreated: boolean;
  readonly keptEdited: readonly KeptSheet[];
  /** The column map the tracker now keeps, where it came from, and what was said about it. */
  readonly columnMap: SavedColumnMap;
  readonly mapSource: MapSource | null;
  readonly mapDiagnostics: readonly Diagnostic[];
  readonly itemsSheet: TrackResult["itemsSheet"];
  readonly log: LogSummary | null;
}

export function summarizeTrack(r: TrackResult): TrackSummary {
  let overdue = 0;
  let dueSoon = 0;
  for (const item of r.check.plan.items) {
    if (item.overdue) overdue++;
    if (item.dueSoon) dueSoon++;
  }
  return {
    ...r.check.summary,
    overdue,
    dueSoon,
    asOf: r.check.asOf,
    planSheet: r.metadata.planSheet,
    headerRow: r.metadata.headerRow,
    tableSkipped: r.tableSkipped,
    settingsCreated: r.settingsCreated,
    keptEdited: r.keptEdited,
    columnMap: r.metadata.columnMap,
    mapSource: r.check.plan.layout.mapSource ?? null,
    mapDiagnostics: r.check.diagnostics.filter((d) => d.code.startsWith("map.")),
    itemsSheet: r.itemsSheet,
    log: r.log,
  };
}

function titleFrom(lines: readonly string[]): string | null {
  return lines.find((l) => /kế hoạch/iu.test(l)) ?? null;
}

export function buildTracker(wb: WorkbookData, opts: TrackOptions): TrackResult {
  const meta = readMetadata(wb.sheets.find((s) => s.name === META_SHEET));
  if (meta && meta.formatVersion > FORMAT_VERSION) {
    throw new PlanTrackerError("tracker.newer-format", {
      vi: `Sổ theo dõi này do một phiên bản mới hơn của công cụ tạo (định dạng ${meta.formatVersion}, phiên bản ${meta.toolVersion}). Cập nhật Plan Tracker rồi chạy lại.`,
      en: `This tracker was written by a newer version of the tool (format ${meta.formatVersion}, version ${meta.toolVersion}). Update Plan Tracker and run again.`,
    });
  }
  const settingsSheet = wb.sheets.find((s) => s.name === SETTINGS_SHEET);
  const settingsRead = settingsSheet ? readSettings(settingsSheet) : null;
  const overrides: Partial<Record<SettingKey, string | number | null>> = {};
  if (opts.asOf) overrides.asOf = opts.asOf;
  if (opts.planYear) overrides.planYear = opts.planYear;
  if (opts.allocationVnd !== undefined && opts.allocationVnd !== null)
    overrides.allocationVnd = opts.allocationVnd;
  const base = settingsRead?.settings ?? EMPTY_SETTINGS;
  // A new agency brings its place along, unless the clerk typed a place of their own.
  const place = opts.agency ? placeFollowingAgency(base, opts.agency) : undefined;
  if (opts.agency) overrides.agency = opts.agency;
  if (place !== undefined) overrides.place = place;
  const settings: PlanSettings = {
    ...base,
    asOf: opts.asOf ?? base.asOf,
    planYear: opts.planYear ?? base.planYear,
    allocationVnd: opts.allocationVnd ?? base.allocationVnd,
    agency: opts.agency ?? base.agency,
    place: place ?? base.place,
  };

  const checked = checkWorkbook(wb, {
    today: opts.today,
    asOf: settings.asOf,
    planYear: settings.planYear,
    sheet: opts.sheet ?? null,
    settings,
    columnMap: opts.columnMap ?? null,
  });
  const { plan } = checked;
  const planSheet = wb.sheets.find((s) => s.name === plan.sheet);
  if (!planSheet) throw new Error("checked plan sheet vanished");

  const namesInUse = [
    ...(wb.definedNames ?? []),
    ...wb.sheets.flatMap((s) => (s.tables ?? []).map((t) => t.name)),
  ];
  const previousRules = meta?.planSheet === plan.sheet ? meta.rules : EMPTY_RULES;
  // A matrix plan is never written: its items are tracked on the items sheet (itemsSheet.ts).
  const items = plan.matrix
    ? itemsSheetLayout({
        plan,
        sheet: planSheet,
        diagnostics: checked.diagnostics,
        planYear: plan.planYear,
        planTitle: settings.planTitle ?? titleFrom(plan.titleLines),
      })
    : null;
  const planLayout = items
    ? matrixPlanLayout(plan.sheet, plan.header.columns, previousRules)
    : planSheetLayout({
        plan,
        sheet: planSheet,
        diagnostics: checked.diagnostics,
        planYear: plan.planYear,
        previouslyOwned: meta?.planSheet === plan.sheet ? meta.ownedColumns : [],
        previousRules,
        previousWrittenRows: meta?.planSheet === plan.sheet ? meta.writtenRows : "",
        namesInUse,
        restoreOwned: isWriting(meta),
      });
  // The items sheet's findings at the rows they are written on now.
  const check = items ? relocated(checked, items) : checked;

  // Settings: created once from what the plan says; afterwards only what the user asked to set.
  // A run that failed while creating them (its journal says so) left them half-filled: they are
  // created again, whole, keeping whatever they already hold.
  const recreate =
    settingsSheet !== undefined &&
    meta !== null &&
    meta.state !== "done" &&
    meta.state.creating.includes(SETTINGS_SHEET);
  const creatingSettings = !settingsSheet || recreate;
  let settingsSpec: SheetSpec | null;
  let asOfRef: string | null;
  if (creatingSettings) {
    const agency = settings.agency ?? agencyFrom(plan.titleLines);
    settingsSpec = newSettingsSheet({
      ...settings,
      planYear: settings.planYear ?? plan.planYear,
      agency,
      planTitle: settings.planTitle ?? titleFrom(plan.titleLines),
      place: settings.place ?? placeOf(agency) ?? placeFromDateLine(plan.titleLines),
      station: settings.station ?? stationOfPlan(settings, plan),
    });
    if (recreate) settingsSpec = { ...settingsSpec, mode: "replace" };
    asOfRef = `${sheetRef(SETTINGS_SHEET)}!${a1Abs(SETTING_CELLS.asOf.row, SETTING_CELLS.asOf.col)}`;
  } else {
    settingsSpec = settingsPatch(overrides, settingsRead?.cells ?? {});
    const at = settingsRead?.cells.asOf;
    asOfRef = at ? `${sheetRef(SETTINGS_SHEET)}!${a1Abs(at.row, at.col)}` : null;
  }

  const draftMetadata: Omit<TrackerMetadata, "sheetPrints" | "state"> = {
    formatVersion: FORMAT_VERSION,
    toolVersion: opts.toolVersion,
    planSheet: plan.sheet,
    headerRow: plan.header.headerRow,
    columns: planLayout.columns,
    ownedColumns: planLayout.ownedColumns,
    writtenRows: compactRows(planLayout.writtenRows),
    rules: planLayout.rules,
    asOf: check.asOf,
    columnMap: plan.layout.columnMap ?? {},
    contextRows: compactRows([
      ...plan.layout.sections.map((x) => x.row),
      ...plan.layout.headings.map((x) => x.row),
    ]),
  };

  const allocationAt = creatingSettings
    ? SETTING_CELLS.allocationVnd
    : settingsRead?.cells.allocationVnd;
  const allocation = allocationAt
    ? `${sheetRef(SETTINGS_SHEET)}!${a1Abs(allocationAt.row, allocationAt.col)}`
    : null;
  const refs = items
    ? trackerRefs(ITEMS_SHEET, items.columns, items.firstRow, items.lastRow, allocation, AS_OF_NAME)
    : trackerRefs(
        plan.sheet,
        planLayout.columns,
        plan.header.headerRow + 1,
        plan.lastItemRow,
        allocation,
        AS_OF_NAME,
      );
  // The broadcast log: created once when the plan has recurring duties, then only its tool
  // columns, rules and formats are refreshed (its rows are the clerk's). A sheet of that name
  // that is not the tool's log is left alone (check says so).
  const recurring = check.recurring ?? null;
  // A run that failed while creating the log (its journal says so) left it half-made, with no
  // row of the clerk's yet: it is created again, whole.
  const recreateLog =
    meta !== null &&
    meta.state !== "done" &&
    meta.state.creating.includes(LOG_SHEET) &&
    wb.sheets.some((s) => s.name === LOG_SHEET);
  const existingLog = recreateLog ? null : readLog(findLogSheet(wb.sheets));
  const log =
    recurring !== null &&
    existingLog?.foreign !== true &&
    (recurring.duties.length > 0 || existingLog !== null)
      ? logSheetLayout({
          existing: existingLog,
          ctx: logCheckContext(
            plan,
            planSheet,
            check.asOf,
            recurring.duties.map((d) => d.duty.label),
          ),
          planTitle: settings.planTitle ?? titleFrom(plan.titleLines),
        })
      : null;
  const quotas =
    log !== null && recurring !== null && recurring.duties.length > 0
      ? { state: recurring, log: logRefs(log.spec.name, log.columns, log.blockEnd) }
      : null;

  // The summaries' lists and links name the items sheet's rows for a matrix plan.
  const summaries = summarySheets(
    items ? onItemsSheet(check, items) : check,
    refs,
    settings.planTitle ?? titleFrom(plan.titleLines),
    quotas,
  );
  const rebuilt = [summaries.budget, summaries.progress];
  const kept = keepEditedSheets(wb, meta, items ? [items.spec, ...rebuilt] : rebuilt, {
    [ITEMS_SHEET]: itemsEdited,
  });
  const metadata: TrackerMetadata = {
    ...draftMetadata,
    sheetPrints: Object.fromEntries<string>([
      ...(items ? [[ITEMS_SHEET, items.print] as const] : []),
      ...rebuilt.map((spec) => [spec.name, printOfSpec(spec)] as const),
    ]),
    state: "done",
  };
  // The items sheet holds the clerk's entries: replaced through a backup (see SheetSpec.backup).
  const itemsBackup = items ? backupName(wb, meta, kept) : null;
  const sheets: SheetSpec[] = [];
  if (planLayout.spec) sheets.push(planLayout.spec);
  if (settingsSpec) sheets.push(settingsSpec);
  if (items) sheets.push(itemsBackup ? { ...items.spec, backup: itemsBackup } : items.spec);
  if (log) sheets.push(recreateLog ? { ...log.spec, mode: "replace" } : log.spec);
  const metaSpec = metadataSheet(metadata, asOfRef, check.asOf);
  sheets.push(...rebuilt, metaSpec);
  const journal = metadataSheet(
    journalOf(
      meta,
      metadata,
      [
        ...(creatingSettings ? [SETTINGS_SHEET] : []),
        ...(log !== null && existingLog === null ? [LOG_SHEET] : []),
      ],
      itemsBackup ? { [ITEMS_SHEET]: itemsBackup } : {},
    ),
    asOfRef,
    check.asOf,
  );

  return {
    layout: {
      renames: kept.map((k) => ({ from: k.sheet, to: k.keptAs })),
      sheets,
      definedNames: [
        {
          name: AS_OF_NAME,
          formula: `${sheetRef(META_SHEET)}!${a1Abs(AS_OF_CELL.row, AS_OF_CELL.col)}`,
        },
      ],
      fullCalcOnLoad: true,
      journal: { sheet: META_SHEET, cells: journal.cells },
    },
    check,
    metadata,
    tableSkipped: planLayout.tableSkipped,
    settingsCreated: creatingSettings,
    keptEdited: kept,
    itemsSheet: items
      ? {
          name: ITEMS_SHEET,
          items: plan.items.length,
          orphans: plan.matrix?.orphans.length ?? 0,
        }
      : null,
    log:
      log && recurring
        ? {
            sheet: log.spec.name,
            created: existingLog === null,
            entries: recurring.entries.length,
            duties: recurring.duties.map((f) => ({
              vi: dutyLine(f, check.asOf, "vi"),
              en: dutyLine(f, check.asOf, "en"),
            })),
          }
        : null,
  };
}

/**
 * The plan sheet of a matrix plan: nothing written on it (a run before it was a matrix may have
 * left rules of the tool's: those go).
 */
function matrixPlanLayout(
  sheet: string,
  columns: PlanSheetLayout["columns"],
  previousRules: OwnedRules,
): Omit<PlanSheetLayout, "spec"> & { spec: SheetSpec | null } {
  const any =
    previousRules.validations.length +
      previousRules.conditionalFormats.length +
      previousRules.tables.length >
    0;
  return {
    spec: any ? { ...emptySheet(sheet, "patch"), remove: previousRules } : null,
    columns,
    ownedColumns: [],
    writtenRows: [],
    rules: EMPTY_RULES,
    tableSkipped: null,
  };
}

/** The check with the items sheet's findings moved to the rows the sheet is written with. */
function relocated(check: CheckResult, items: ItemsSheetLayout): CheckResult {
  return { ...check, diagnostics: check.diagnostics.map(items.relocate) };
}

/** The check as the summaries see a matrix plan: each item at its row of the items sheet. */
function onItemsSheet(check: CheckResult, items: ItemsSheetLayout): CheckResult {
  const moved = check.plan.items.map((i) => ({ ...i, row: items.rowOf.get(i) ?? i.row }));
  return { ...check, plan: { ...check.plan, items: moved } };
}

/**
 * The items sheet was edited outside the clerk's columns (or is not the tool's at all): the
 * clerk's entries are carried over in any case, and this keeps the rest.
 */
function itemsEdited(existing: SheetData, stored: string | undefined): boolean {
  return stored === undefined || stored !== itemsPrintOfSheet(existing);
}

/**
 * The name the items sheet's old copy takes while its new one is written: the one a failed run
 * left (still there), else "<name> (cũ)" made unique. None when there is no old copy to keep
 * (first run, or kept as edited).
 */
function backupName(
  wb: WorkbookData,
  meta: TrackerMetadata | null,
  kept: readonly KeptSheet[],
): string | null {
  const taken = new Set(wb.sheets.map((s) => s.name.toLowerCase()));
  const left = meta !== null && meta.state !== "done" ? meta.state.backups[ITEMS_SHEET] : undefined;
  if (left !== undefined && taken.has(left.toLowerCase())) return left;
  const exists = wb.sheets.some((s) => s.name === ITEMS_SHEET);
  if (!exists || kept.some((k) => k.sheet === ITEMS_SHEET)) return null;
  const free = ITEMS_BACKUPS.find((n) => !taken.has(n.toLowerCase()));
  let name = free ?? `${ITEMS_SHEET} (cũ 4)`;
  for (let n = 5; taken.has(name.toLowerCase()); n++) name = `${ITEMS_SHEET} (cũ ${n})`;
  return name;
}

/**
 * The sheets the tool is about to rebuild that a person has edited since the tool wrote them (or,
 * before the first run, that are a person's own sheets of the same name): each is kept, renamed
 * "<name> (đã sửa)", and the tool writes a fresh one. A tracker from before the prints were kept
 * has none to compare with: its sheets are the tool's and are replaced as before.
 */
function keepEditedSheets(
  wb: WorkbookData,
  meta: TrackerMetadata | null,
  rebuilt: readonly SheetSpec[],
  /** Sheets with their own test of an edit (the items sheet, whose entries are the clerk's). */
  edits: Readonly<
    Record<string, (existing: SheetData, stored: string | undefined) => boolean>
  > = {},
): KeptSheet[] {
  // A run that failed half way had already kept the edited ones (renames go first): what is
  // there now is the tool's own, maybe half-written.
  if (isWriting(meta)) return [];
  const taken = new Set(wb.sheets.map((s) => s.name.toLowerCase()));
  const kept: KeptSheet[] = [];
  for (const spec of rebuilt) {
    // Sheet names are case-insensitive in Excel: "KINH PHÍ" is the same name.
    const existing = wb.sheets.find((s) => s.name.toLowerCase() === spec.name.toLowerCase());
    if (!existing) continue;
    const stored = existing.name === spec.name ? meta?.sheetPrints[spec.name] : undefined;
    const own = edits[spec.name];
    const edited =
      meta === null ||
      existing.name !== spec.name ||
      (own ? own(existing, stored) : stored !== undefined && stored !== printOfSheet(existing));
    if (!edited) continue;
    let keptAs = `${spec.name} (đã sửa)`;
    for (let n = 2; taken.has(keptAs.toLowerCase()); n++) keptAs = `${spec.name} (đã sửa ${n})`;
    taken.add(keptAs.toLowerCase());
    kept.push({ sheet: existing.name, keptAs });
  }
  return kept;
}

function metadataSheet(meta: TrackerMetadata, asOfRef: string | null, asOf: IsoDate): SheetSpec {
  const cells: CellSpec[] = [
    {
      row: 1,
      col: 1,
      value: "Plan Tracker — dữ liệu nội bộ, không sửa / internal data, do not edit",
    },
  ];
  for (const [key, value] of metadataEntries(meta)) {
    cells.push({ row: META_ROWS[key], col: 1, value: key });
    cells.push({ row: META_ROWS[key], col: 2, value });
  }
  cells.push({ row: AS_OF_CELL.row, col: 1, value: "asOfEffective" });
  cells.push({
    row: AS_OF_CELL.row,
    col: AS_OF_CELL.col,
    // The settings' as-of date when the clerk set one, else today: the colours follow the calendar.
    formula: asOfRef ? `IF(${asOfRef}<>"",${asOfRef},TODAY())` : "TODAY()",
    result: isoToSerial(asOf),
    numFmt: DATE_FORMAT,
  });
  return { ...emptySheet(META_SHEET, "replace", "veryHidden"), cells };
}
