/** A small helper to lay out an owned sheet cell by cell, row by row. */
import type { CellSpec, CellStyle, Scalar } from "../layout/spec";

export class SheetBuilder {
  readonly cells: CellSpec[] = [];
  readonly merges: string[] = [];

  value(row: number, col: number, value: Scalar, style?: CellStyle, numFmt?: string): void {
    this.cells.push({
      row,
      col,
      // An empty text is an empty cell (only its style is written): hosts disagree on whether a
      // cell holding "" is empty, and the sheet's print (sheetPrint.ts) must read the same in all.
      ...(value === "" ? {} : { value }),
      ...(style ? { style } : {}),
      ...(numFmt ? { numFmt } : {}),
    });
  }

  formula(
    row: number,
    col: number,
    formula: string,
    result: Scalar,
    style?: CellStyle,
    numFmt?: string,
  ): void {
    this.cells.push({
      row,
      col,
      formula,
      result,
      ...(style ? { style } : {}),
      ...(numFmt ? { numFmt } : {}),
    });
  }

  merge(range: string): void {
    this.merges.push(range);
  }
}

export const TITLE_STYLE: CellStyle = { bold: true, size: 14, color: "1F4E79" };
export const SECTION_STYLE: CellStyle = { bold: true, size: 12, color: "1F4E79" };
export const HEAD_STYLE: CellStyle = {
  bold: true,
  fill: "DDEBF7",
  border: true,
  wrap: true,
  align: "center",
  valign: "middle",
};
export const CELL_STYLE: CellStyle = { border: true };
export const LABEL_STYLE: CellStyle = { border: true, bold: true };
export const TOTAL_STYLE: CellStyle = { border: true, bold: true, fill: "F2F2F2" };
export const ALERT_STYLE: CellStyle = { bold: true, color: "C00000" };
export const NOTE_STYLE: CellStyle = { italic: true, color: "595959" };
