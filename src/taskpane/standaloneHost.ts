/**
 * The pane outside Office: the clerk opens a plan (.xlsx, .docx or pasted text) in the browser,
 * and the same domain and the same exceljs adapter as the CLI build the tracker in memory; the
 * results are downloaded. Nothing leaves the computer.
 */
import type ExcelJS from "exceljs";
import { toIso } from "../domain/calendar";
import { checkWorkbook, DEFAULT_OWNED_SHEETS } from "../domain/check";
import { PlanTrackerError, type Diagnostic, type Lang } from "../domain/diagnostics";
import type { PeriodKey } from "../domain/reportingPeriod";
import { displayText } from "../domain/plan";
import { parsePlanDocument, type PlanDocumentResult } from "../domain/planDocument";
import { parsePlanDocx } from "../domain/planDocx";
import type { ColumnMap } from "../domain/columnMap";
import { tableReading } from "../domain/tableReading";
import { planWorkbookLayout } from "../domain/planWorkbook";
import { placeFollowingAgency } from "../domain/parties";
import { readSettings, SETTINGS_SHEET, type SettingKey } from "../domain/settings";
import { summaryWorkbookLayout } from "../domain/summary/summaryWorkbook";
import { settingsPatch } from "../domain/tracker/settingsSheet";
import { buildTracker } from "../domain/tracker/track";
import { applyLayout } from "../adapters/exceljs/applyLayout";
import { assertXlsxBytes, corruptWorkbook } from "../adapters/exceljs/preflight";
import { sheetData, workbookData } from "../adapters/exceljs/readWorkbook";
import type { PaneFile, PaneHost, SettingsInput } from "./host";
import { docxInBrowser } from "./docxBrowser";
import { pdfInBrowser } from "./pdfBrowser";

export interface StandaloneOptions {
  readonly toolVersion: string;
  readonly now: () => Date;
}

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const mod = (await import(/* webpackChunkName: "exceljs" */ "exceljs")) as unknown as {
    default?: typeof ExcelJS;
  } & typeof ExcelJS;
  const Excel = mod.default ?? mod;
  return new Excel.Workbook();
}

async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export function createStandaloneHost(opts: StandaloneOptions): PaneHost {
  let wb: ExcelJS.Workbook | null = null;
  let baseName = "ke-hoach";
  const today = (): string => {
    const d = opts.now();
    return toIso(d.getFullYear(), d.getMonth() + 1, d.getDate());
  };
  const need = (): ExcelJS.Workbook => {
    if (wb) return wb;
    throw new PlanTrackerError("standalone.no-workbook", {
      vi: "Chưa có kế hoạch: mở một tệp .xlsx hoặc .docx, hoặc dán văn bản kế hoạch ở bước 1.",
      en: "No plan yet: open an .xlsx or .docx file, or paste the plan text in step 1.",
    });
  };
  const track = (planSheet: string | null, columnMap: ColumnMap | null = null) => {
    const book = need();
    const result = buildTracker(workbookData(book), {
      today: today(),
      sheet: planSheet,
      toolVersion: opts.toolVersion,
      columnMap,
    });
    applyLayout(book, result.layout);
    return result;
  };
  const importDocument = async (read: PlanDocumentResult): Promise<string> => {
    const { document, issues } = read;
    const fatal = issues.find((i) => i.severity === "error");
    if (fatal) throw new PlanTrackerError(fatal.code, fatal.text);
    const book = await newWorkbook();
    const layout = planWorkbookLayout(document);
    applyLayout(book, layout);
    wb = book;
    baseName = "ke-hoach";
    return layout.sheets[0]?.name ?? "";
  };

  return {
    kind: "standalone",
    listSheets() {
      const names = (wb?.worksheets ?? [])
        .filter((ws) => ws.state === "visible" && !DEFAULT_OWNED_SHEETS.includes(ws.name))
        .map((ws) => ws.name);
      return Promise.resolve({ sheets: names, selected: names[0] ?? null });
    },
    importText: (text) => importDocument(parsePlanDocument(text)),
    async importDocx(bytes) {
      // The schedule from the document's tables when one holds it, else from its text.
      return importDocument(parsePlanDocx(await docxInBrowser(bytes)));
    },
    async openXlsx(bytes, name) {
      assertXlsxBytes(bytes, name);
      const book = await newWorkbook();
      try {
        await book.xlsx.load(new Uint8Array(bytes).buffer);
      } catch (err) {
        throw corruptWorkbook(name, err);
      }
      wb = book;
      baseName = name.replace(/\.xlsx$/i, "").replace(/\.tracker$/i, "") || "ke-hoach";
    },
    convert(planSheet, columnMap) {
      return Promise.resolve(track(planSheet, columnMap ?? null));
    },
    reading(planSheet, columnMap) {
      return Promise.resolve(
        tableReading(workbookData(need()), {
          today: today(),
          sheet: planSheet,
          columnMap: columnMap ?? null,
        }),
      );
    },
    check(planSheet) {
      return Promise.resolve(
        checkWorkbook(workbookData(need()), { today: today(), sheet: planSheet }),
      );
    },
    select() {
      // No grid to move in: the diagnostics list already names sheet and cell.
      return Promise.resolve();
    },
    applySuggestion(d: Diagnostic) {
      const book = need();
      const ws = d.sheet ? book.getWorksheet(d.sheet) : undefined;
      if (!ws || !d.cell || d.suggestion === null) return Promise.resolve();
      const cell = ws.getCell(d.cell);
      const current = sheetData(ws).rows[Number(cell.row) - 1]?.[Number(cell.col) - 1];
      if (d.value !== null && displayText(current ?? null) !== d.value) {
        throw new PlanTrackerError("suggestion.stale", {
          vi: `Ô ${d.sheet}!${d.cell} đã thay đổi từ lúc kiểm tra; hãy kiểm tra lại.`,
          en: `Cell ${d.sheet}!${d.cell} changed since the check; check again.`,
        });
      }
      // A literal, never a formula: exceljs stores a string as text whatever it starts with.
      cell.value = /^\d+$/.test(d.suggestion) ? Number(d.suggestion) : d.suggestion;
      return Promise.resolve();
    },
    summaries(planSheet) {
      return Promise.resolve(track(planSheet));
    },
    readSettings() {
      const sheet = wb?.getWorksheet(SETTINGS_SHEET);
      return Promise.resolve(sheet ? readSettings(sheetData(sheet)).settings : null);
    },
    saveSettings(values: SettingsInput) {
      const book = need();
      const sheet = book.getWorksheet(SETTINGS_SHEET);
      if (!sheet) {
        throw new PlanTrackerError("settings.missing", {
          vi: 'Chưa có trang "Cài đặt": hãy chuyển kế hoạch thành sổ theo dõi trước (bước 3).',
          en: 'There is no "Cài đặt" (settings) sheet yet: convert the plan to a tracker first (step 3).',
        });
      }
      const read = readSettings(sheetData(sheet));
      const overrides: Partial<Record<SettingKey, string | number | null>> = { ...values };
      // A new agency brings its place along, unless the clerk typed a place of their own.
      const place = placeFollowingAgency(read.settings, values.agency);
      if (place !== undefined) overrides.place = place;
      const patch = settingsPatch(overrides, read.cells);
      if (patch) applyLayout(book, { sheets: [patch], definedNames: [], fullCalcOnLoad: false });
      return Promise.resolve();
    },
    files(lang: Lang, period: PeriodKey | null = null): Promise<readonly PaneFile[]> {
      const book = wb;
      if (!book) return Promise.resolve([]);
      const check = () => checkWorkbook(workbookData(book), { today: today() });
      return Promise.resolve([
        {
          key: "tracker",
          name: `${baseName}.tracker.xlsx`,
          mime: XLSX_MIME,
          bytes: () => xlsxBytes(book),
        },
        {
          key: "pdf",
          name: `${baseName}.summary.pdf`,
          mime: "application/pdf",
          bytes: () => pdfInBrowser(check(), lang, period),
        },
        {
          key: "summaryXlsx",
          name: `${baseName}.summary.xlsx`,
          mime: XLSX_MIME,
          bytes: async () => {
            const out = await newWorkbook();
            applyLayout(out, summaryWorkbookLayout(check(), { period }));
            return xlsxBytes(out);
          },
        },
      ]);
    },
  };
}
