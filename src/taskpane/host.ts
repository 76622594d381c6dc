/**
 * What the pane needs from where it runs: inside Excel (Office.js, the open workbook) or
 * standalone in a browser (a file the user picked, exceljs in the page). The pane's logic is the
 * same for both; only the host differs.
 */
import type { CheckResult } from "../domain/check";
import type { ColumnMap } from "../domain/columnMap";
import type { TableReading } from "../domain/tableReading";
import type { Bilingual, Diagnostic, Lang } from "../domain/diagnostics";
import type { PeriodKey } from "../domain/reportingPeriod";
import type { PlanSettings } from "../domain/settings";
import type { TrackResult } from "../domain/tracker/track";

export interface SettingsInput {
  readonly planYear: number | null;
  readonly allocationVnd: number | null;
  readonly agency: string | null;
  /** ISO date or null (today). */
  readonly asOf: string | null;
}

export interface PaneHost {
  readonly kind: "excel" | "standalone";
  /** Sheets that can hold a plan, and the one to preselect. */
  listSheets(): Promise<{ sheets: string[]; selected: string | null }>;
  /** A plan document (pasted text or .docx) becomes a plan sheet; returns its name. */
  importText(text: string): Promise<string>;
  importDocx(bytes: Uint8Array): Promise<string>;
  /** Standalone only: the workbook to work on. */
  openXlsx?(bytes: Uint8Array, name: string): Promise<void>;
  /**
   * Makes (or refreshes) the tracker. With `columnMap` (the clerk's choice in "Cách đọc bảng"),
   * reads the plan with it and saves it in the tracker for every later run; without, a saved map
   * is kept and used.
   */
  convert(planSheet: string | null, columnMap?: ColumnMap | null): Promise<TrackResult>;
  /**
   * How the plan is read ("Cách đọc bảng"): header block, each field's column and the other
   * columns that could hold it. With `columnMap`, the reading that map would give (nothing is
   * written or saved: convert saves it).
   */
  reading?(planSheet: string | null, columnMap?: ColumnMap | null): Promise<TableReading>;
  check(planSheet: string | null): Promise<CheckResult>;
  /** Shows the cell of a finding (Excel: selects it). */
  select(d: Diagnostic): Promise<void>;
  /** Writes the finding's suggestion into its cell — only ever on the clerk's click. */
  applySuggestion(d: Diagnostic): Promise<void>;
  /** Rebuilds the summary sheets (converting again); the check is what the report is made from. */
  summaries(planSheet: string | null): Promise<TrackResult>;
  readSettings(): Promise<PlanSettings | null>;
  saveSettings(values: SettingsInput): Promise<void>;
  /**
   * Files the host can hand the user (standalone: everything; Excel: the PDF), the reports for
   * `period` (null or absent: the latest closed period as of the check's date).
   */
  files(lang: Lang, period?: PeriodKey | null): Promise<readonly PaneFile[]>;
  /**
   * Live checking: calls back with re-checked rows after the clerk's own edits (never for the
   * tool's writes or other people's edits). Returns a function that stops it.
   */
  watch?(
    planSheet: string,
    onRows: (rows: readonly number[], diagnostics: readonly Diagnostic[]) => void,
    /**
     * A re-check that failed (after its retries) — its rows are kept and tried again with the
     * next edit — or null once one succeeds again. The pane shows it: never a silent loss.
     */
    onTrouble?: (text: Bilingual | null) => void,
  ): Promise<() => void>;
}

export interface PaneFile {
  readonly key: "pdf" | "tracker" | "summaryXlsx";
  readonly name: string;
  readonly mime: string;
  readonly bytes: () => Promise<Uint8Array>;
}
