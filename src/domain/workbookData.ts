/**
 * What the domain needs to know about a workbook: its sheets as grids of plain cell values.
 * Adapters (exceljs, Office.js) fill this in; the domain never sees their objects.
 */
import type { CellValue } from "./cell";

export type SheetState = "visible" | "hidden" | "veryHidden";

export interface SheetData {
  readonly name: string;
  /** rows[0] is row 1; rows[r][0] is column A. Rows may be ragged and shorter than the sheet. */
  readonly rows: readonly (readonly CellValue[])[];
  readonly state?: SheetState;
}

export interface WorkbookData {
  readonly sheets: readonly SheetData[];
}

export function cellAt(sheet: SheetData, row: number, col: number): CellValue {
  return sheet.rows[row - 1]?.[col - 1] ?? null;
}

export function findSheet(wb: WorkbookData, name: string): SheetData | undefined {
  return wb.sheets.find((s) => s.name === name);
}
