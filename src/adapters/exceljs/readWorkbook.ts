/**
 * Reads an exceljs Workbook into the domain's WorkbookData: plain grids of values, plus what the
 * tracker must know to leave the user's things alone (formulas, tables, merges, validations,
 * defined names).
 */
import type ExcelJS from "exceljs";
import type { CellValue } from "../../domain/cell";
import type { SheetData, WorkbookData } from "../../domain/workbookData";
import { fromExcelJs } from "./cellValue";

interface WorksheetInternals {
  _merges?: Record<string, { range?: string; shortRange?: string } | undefined>;
  dataValidations?: { model?: Record<string, unknown> };
  tables?: Record<
    string,
    { table?: { name?: string; tableRef?: string; ref?: string } } | undefined
  >;
}

function formulaOf(v: ExcelJS.CellValue): string | null {
  if (typeof v !== "object" || v === null || v instanceof Date) return null;
  if ("formula" in v && typeof v.formula === "string") return v.formula;
  if ("sharedFormula" in v && typeof v.sharedFormula === "string") return v.sharedFormula;
  return null;
}

export function sheetData(ws: ExcelJS.Worksheet): SheetData {
  const rows: CellValue[][] = [];
  const formulas = new Map<string, string>();
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Merged cells repeat the master's value in exceljs; only the master holds user data.
      if (cell.isMerged && cell.master.address !== cell.address) return;
      cells[colNumber - 1] = fromExcelJs(cell.value);
      const formula = formulaOf(cell.value);
      if (formula !== null) formulas.set(cell.address, formula);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];

  const internals = ws as unknown as WorksheetInternals;
  const merges = Object.values(internals._merges ?? {})
    .map((m) => m?.range ?? m?.shortRange)
    .filter((r): r is string => typeof r === "string");
  const validations = Object.entries(internals.dataValidations?.model ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([address]) => address);
  const tables = Object.values(internals.tables ?? {})
    .map((t) => ({ name: t?.table?.name, range: t?.table?.tableRef ?? t?.table?.ref }))
    .filter(
      (t): t is { name: string; range: string } =>
        typeof t.name === "string" && typeof t.range === "string",
    );
  return {
    name: ws.name,
    rows,
    state: ws.state ?? "visible",
    formulas,
    merges,
    validations,
    tables,
  };
}

export function workbookData(wb: ExcelJS.Workbook): WorkbookData {
  const names = (wb.definedNames as unknown as { model: { name: string }[] }).model.map(
    (n) => n.name,
  );
  return { sheets: wb.worksheets.map(sheetData), definedNames: names };
}
