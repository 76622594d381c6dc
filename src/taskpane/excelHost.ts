/**
 * The pane inside Excel: every action is an Excel.run over the open workbook through the
 * Office.js adapter (src/adapters/officejs/session.ts).
 */
import { toIso } from "../domain/calendar";
import { PlanTrackerError, type Diagnostic, type Lang } from "../domain/diagnostics";
import type { PeriodKey } from "../domain/reportingPeriod";
import { emptySheet, type WorkbookLayout } from "../domain/layout/spec";
import { parsePlanDocument, type PlanDocumentResult } from "../domain/planDocument";
import { parsePlanDocx } from "../domain/planDocx";
import { PLAN_SHEET, planWorkbookLayout } from "../domain/planWorkbook";
import { placeFollowingAgency } from "../domain/parties";
import { EMPTY_SETTINGS, readSettings, SETTINGS_SHEET, type SettingKey } from "../domain/settings";
import { META_SHEET, readMetadata } from "../domain/tracker/metadata";
import { ITEMS_SHEET } from "../domain/matrix";
import { LOG_SHEET } from "../domain/tracker/logSheet";
import { settingsPatch } from "../domain/tracker/settingsSheet";
import { applyLayoutOffice } from "../adapters/officejs/apply";
import { queueSheetRead, sheetFromRange } from "../adapters/officejs/read";
import type { RequirementCheck } from "../adapters/officejs/requirements";
import {
  applySuggestion,
  checkOpenWorkbook,
  convertToTracker,
  readTableReading,
  liveRecheck,
  selectCell,
  type OfficeEnv,
} from "../adapters/officejs/session";
import type { PaneFile, PaneHost, SettingsInput } from "./host";
import { computedColumns, onlyComputedColumns } from "./changeFilter";
import { docxInBrowser } from "./docxBrowser";
import { pdfInBrowser } from "./pdfBrowser";
import type { CheckResult } from "../domain/check";

const OWNED = new Set([SETTINGS_SHEET, "Kinh phí", "Tiến độ", META_SHEET, ITEMS_SHEET, LOG_SHEET]);

export interface ExcelHostOptions {
  readonly features: RequirementCheck["features"];
  /**
   * The Excel.run of every action (production: the global one; tests: Microsoft's client on
   * the fake host). One injected runner for the pane, like the ribbon's.
   */
  readonly run?: typeof Excel.run;
  /** Retries of a failed live re-check before the pane is told (default 2). */
  readonly liveRetries?: number;
  readonly toolVersion: string;
  /** The shell's clock (local date): the domain never reads it. */
  readonly now: () => Date;
  readonly debounceMs?: number;
}

function today(now: () => Date): string {
  const d = now();
  return toIso(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** "Kế hoạch!C5:E7" → [5, 6, 7]. */
export function rowsOfAddress(address: string): number[] {
  const rows: number[] = [];
  for (const part of address.replace(/^.*!/, "").split(",")) {
    const m = /^\$?[A-Z]*\$?(\d+)(?::\$?[A-Z]*\$?(\d+))?$/i.exec(part.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2] ?? m[1]);
    // A pasted block can be huge; beyond a few thousand rows a full check is the better tool.
    for (let r = a; r <= Math.min(b, a + 5000); r++) rows.push(r);
  }
  return rows;
}

export function createExcelHost(opts: ExcelHostOptions): PaneHost {
  const env = (): OfficeEnv => ({
    today: today(opts.now),
    toolVersion: opts.toolVersion,
    features: opts.features,
  });
  let lastCheck: CheckResult | null = null;
  const run: typeof Excel.run =
    opts.run ??
    ((...args: unknown[]) => (Excel.run as (...a: unknown[]) => Promise<unknown>)(...args));

  const importDocument = async (read: PlanDocumentResult): Promise<string> => {
    const { document, issues } = read;
    const fatal = issues.find((i) => i.severity === "error");
    if (fatal) throw new PlanTrackerError(fatal.code, fatal.text);
    return run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      const names = new Set(sheets.items.map((s) => s.name));
      let name = PLAN_SHEET;
      // Never write over a sheet the clerk already has: "Kế hoạch (2)", "(3)", …
      for (let i = 2; names.has(name); i++) name = `${PLAN_SHEET} (${i})`;
      const base = planWorkbookLayout(document);
      const layout: WorkbookLayout = {
        ...base,
        sheets: base.sheets.map((s) => ({ ...s, name, mode: "create-if-missing" as const })),
      };
      await applyLayoutOffice(context, layout, {
        features: opts.features,
        existingSheets: names,
        activeSheet: name,
      });
      context.workbook.worksheets.getItem(name).activate();
      await context.sync();
      return name;
    });
  };

  return {
    kind: "excel",
    async listSheets() {
      return run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load("items/name,items/visibility");
        const active = sheets.getActiveWorksheet();
        active.load("name");
        await context.sync();
        const names = sheets.items
          .filter((s) => s.visibility === "Visible" && !OWNED.has(s.name))
          .map((s) => s.name);
        return {
          sheets: names,
          selected: names.includes(active.name) ? active.name : (names[0] ?? null),
        };
      });
    },
    importText: (text) => importDocument(parsePlanDocument(text)),
    async importDocx(bytes) {
      // The schedule from the document's tables when one holds it, else from its text.
      return importDocument(parsePlanDocx(await docxInBrowser(bytes)));
    },
    async convert(planSheet, columnMap) {
      const result = await run((context) =>
        convertToTracker(context, env(), { planSheet, columnMap: columnMap ?? null }),
      );
      lastCheck = result.value.check;
      return result.value;
    },
    async reading(planSheet, columnMap) {
      const result = await run((context) =>
        readTableReading(context, env(), { planSheet, columnMap: columnMap ?? null }),
      );
      return result.value;
    },
    async check(planSheet) {
      const result = await run((context) => checkOpenWorkbook(context, env(), { planSheet }));
      lastCheck = result.value;
      return result.value;
    },
    async summaries(planSheet) {
      // Converting again rebuilds the summary sheets (and only what the tool owns).
      const result = await run((context) => convertToTracker(context, env(), { planSheet }));
      lastCheck = result.value.check;
      return result.value;
    },
    async select(d: Diagnostic) {
      if (d.sheet && d.cell)
        await run((context) => selectCell(context, d.sheet as string, d.cell as string));
    },
    async applySuggestion(d: Diagnostic) {
      if (!d.sheet || !d.cell || d.suggestion === null) return;
      await run((context) =>
        applySuggestion(
          context,
          d.sheet as string,
          d.cell as string,
          d.value,
          d.suggestion as string,
        ),
      );
    },
    async readSettings() {
      // Only the settings sheet: the active sheet may be a 10 000-row plan.
      return run(async (context) => {
        const settings = queueSheetRead(context, SETTINGS_SHEET);
        const sheet = context.workbook.worksheets.getItemOrNullObject(SETTINGS_SHEET);
        await context.sync();
        return sheet.isNullObject ? null : readSettings(settings("visible")).settings;
      });
    },
    async saveSettings(values: SettingsInput) {
      await run(async (context) => {
        const range = context.workbook.worksheets
          .getItemOrNullObject(SETTINGS_SHEET)
          .getUsedRangeOrNullObject(true);
        range.load("rowIndex,columnIndex,values,formulas,numberFormat,valueTypes");
        await context.sync();
        if (range.isNullObject) {
          throw new PlanTrackerError("settings.missing", {
            vi: 'Chưa có trang "Cài đặt": hãy chuyển kế hoạch thành sổ theo dõi trước (bước 3).',
            en: 'There is no "Cài đặt" (settings) sheet yet: convert the plan to a tracker first (step 3).',
          });
        }
        const read = readSettings(sheetFromRange(SETTINGS_SHEET, "visible", range));
        const overrides: Partial<Record<SettingKey, string | number | null>> = {
          planYear: values.planYear,
          allocationVnd: values.allocationVnd,
          agency: values.agency,
          asOf: values.asOf,
        };
        // A new agency brings its place along, unless the clerk typed a place of their own.
        const place = placeFollowingAgency(read.settings, values.agency);
        if (place !== undefined) overrides.place = place;
        const patch = settingsPatch(overrides, read.cells);
        if (!patch) return;
        await applyLayoutOffice(
          context,
          { sheets: [patch], definedNames: [], fullCalcOnLoad: false },
          {
            features: opts.features,
            existingSheets: new Set([SETTINGS_SHEET]),
            activeSheet: SETTINGS_SHEET,
          },
        );
      });
    },
    files(lang: Lang, period: PeriodKey | null = null): Promise<readonly PaneFile[]> {
      const check = lastCheck;
      if (!check) return Promise.resolve([]);
      return Promise.resolve([
        {
          key: "pdf",
          name: `bao-cao-${check.asOf}.pdf`,
          mime: "application/pdf",
          bytes: () => pdfInBrowser(check, lang, period),
        },
      ]);
    },
    async watch(planSheet, onRows, onTrouble) {
      let pending = new Set<number>();
      let timer: ReturnType<typeof setTimeout> | null = null;
      let stopped = false;
      let failures = 0;
      let troubled = false;
      const retries = opts.liveRetries ?? 2;
      const schedule = (ms: number): void => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(flush, ms);
      };
      const flush = (): void => {
        timer = null;
        if (stopped || pending.size === 0) return;
        const rows = [...pending];
        pending = new Set();
        // delayForCellEdit: a clerk already typing in the next cell makes Excel hold the batch
        // instead of failing it (InvalidOperationInCellEditMode) — review item 2.
        void run({ delayForCellEdit: true }, (context) =>
          liveRecheck(context, env(), planSheet, rows),
        ).then(
          (result) => {
            if (troubled) onTrouble?.(null);
            troubled = false;
            failures = 0;
            if (result) onRows(result.rows, result.diagnostics);
          },
          () => {
            // The rows of a failed run are kept: retried soon, then with the next edit.
            for (const r of rows) pending.add(r);
            failures++;
            if (failures <= retries) schedule((opts.debounceMs ?? 600) * (failures + 1));
            else {
              troubled = true;
              onTrouble?.({
                vi: `Chưa tự kiểm tra lại được ${rows.length} dòng vừa sửa; sẽ thử lại khi bạn sửa tiếp, hoặc bấm "Kiểm tra".`,
                en: `Could not re-check the ${rows.length} edited row(s) yet; it will retry with your next edit, or press "Check".`,
              });
            }
          },
        );
      };
      const handler = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
        // Other people's edits (co-authoring) only refresh their own pane: writing here too would
        // make two panes rewrite each other's cells.
        if (event.source !== "Local") return;
        // The tool's own writes (another of its runtimes, e.g. a ribbon command) need no re-check.
        if ((event as { triggerSource?: string }).triggerSource === "ThisLocalAddin") return;
        // The tool's own writes from a runtime whose enableEvents could not silence this one.
        if (onlyComputedColumns(event.address, computed)) return;
        for (const r of rowsOfAddress(event.address)) pending.add(r);
        schedule(opts.debounceMs ?? 600);
        await Promise.resolve();
      };
      let computed: ReadonlySet<number> = new Set();
      const registration = await run(async (context) => {
        const reg = context.workbook.worksheets.getItem(planSheet).onChanged.add(handler);
        const meta = queueSheetRead(context, META_SHEET);
        await context.sync();
        computed = computedColumns(readMetadata(meta("veryHidden")));
        return reg;
      });
      return () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        void run(registration.context, async (context) => {
          registration.remove();
          await context.sync();
        }).catch(() => undefined);
      };
    },
  };
}

export { EMPTY_SETTINGS, readMetadata, emptySheet };
