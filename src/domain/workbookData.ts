/**
 * What the domain needs to know about a workbook: its sheets as grids of plain cell values.
 * Adapters (exceljs, the Office JS API) fill this in; the domain never sees their objects.
 */
import type { CellValue } from "./cell";

export type SheetState = "visible" | "hidden" | "veryHidden";

export interface SheetData {
  readonly name: string;
  /** rows[0] is row 1; rows[r][0] is column A. Rows may be ragged and shorter than the sheet. */
  readonly rows: readonly (readonly CellValue[])[];
  readonly state?: SheetState;
  /** Formulas by A1 address ("H5" → "DATE(2023,3,11)"), without "=". */
  readonly formulas?: ReadonlyMap<string, string>;
  /** Tables on the sheet, with their A1 ranges. */
  readonly tables?: readonly { readonly name: string; readonly range: string }[];
  /** Merged ranges ("A2:I2"). */
  readonly merges?: readonly string[];
  /** Ranges that carry a data validation ("C5:C14"). */
  readonly validations?: readonly string[];
}

export interface WorkbookData {
  readonly sheets: readonly SheetData[];
  /** Names already defined in the workbook (a new table must not reuse one). */
  readonly definedNames?: readonly string[];
}

export function cellAt(sheet: SheetData, row: number, col: number): CellValue {
  return sheet.rows[row - 1]?.[col - 1] ?? null;
}

export function findSheet(wb: WorkbookData, name: string): SheetData | undefined {
  return wb.sheets.find((s) => s.name === name);
}
