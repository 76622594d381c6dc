/**
 * Reads an exceljs Workbook into the domain's WorkbookData (plain grids of values).
 */
import type ExcelJS from "exceljs";
import type { CellValue } from "../../domain/cell";
import type { SheetData, WorkbookData } from "../../domain/workbookData";
import { fromExcelJs } from "./cellValue";

export function sheetData(ws: ExcelJS.Worksheet): SheetData {
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Merged cells repeat the master's value in exceljs; only the master holds user data.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      cells[colNumber - 1] = fromExcelJs(cell.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  return { name: ws.name, rows, state: ws.state ?? "visible" };
}

export function workbookData(wb: ExcelJS.Workbook): WorkbookData {
  return { sheets: wb.worksheets.map(sheetData) };
}
