/**
 * Everything a clerk's Excel would see in an .xlsx, as plain data to compare two files cell for
 * cell: sheets (order, visibility, frozen panes, columns, merges), every cell's value, formula,
 * cached result, number format and style, data validations, conditional formats, tables, defined
 * names and calculation properties. Read back through exceljs, like the CLI reads its own files.
 * File timestamps (docProps) are left out: they are the only thing two runs may differ in.
 */
import ExcelJS from "exceljs";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function plain(value: unknown): Json {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Json);
}

function cellValue(value: ExcelJS.CellValue): Json {
  if (value instanceof Date) return { date: value.toISOString() };
  return plain(value);
}

export interface SheetSnapshot {
  name: string;
  state: string;
  views: Json;
  columns: Json;
  merges: Json;
  cells: Record<string, Json>;
  validations: Json;
  conditionalFormats: Json;
  tables: Json;
}

export interface WorkbookSnapshot {
  sheets: SheetSnapshot[];
  definedNames: Json;
  calcProperties: Json;
}

function sheetSnapshot(ws: ExcelJS.Worksheet): SheetSnapshot {
  const cells: Record<string, Json> = {};
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (cell.type === ExcelJS.ValueType.Null && Object.keys(cell.style ?? {}).length === 0)
        return;
      cells[cell.address] = {
        type: cell.type,
        value: cellValue(cell.value),
        numFmt: cell.numFmt ?? null,
        style: plain(cell.style),
      };
    });
  });
  const model = ws.model as unknown as { merges?: string[] };
  const tables = (ws as unknown as { tables?: Record<string, { table?: unknown }> }).tables ?? {};
  return {
    name: ws.name,
    state: ws.state,
    views: plain(ws.views),
    columns: plain(
      (ws.columns ?? []).map((c) => ({
        width: c.width ?? null,
        hidden: c.hidden ?? false,
      })),
    ),
    merges: plain([...(model.merges ?? [])].sort()),
    cells,
    validations: plain(
      (ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
    ),
    conditionalFormats: plain(
      (ws as unknown as { conditionalFormattings?: unknown }).conditionalFormattings ?? [],
    ),
    tables: plain(
      Object.keys(tables)
        .sort()
        .map((name) => tables[name]?.table ?? null),
    ),
  };
}

export async function workbookSnapshot(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return {
    sheets: wb.worksheets.map(sheetSnapshot),
    definedNames: plain((wb.definedNames as unknown as { model: unknown }).model),
    calcProperties: plain(wb.calcProperties),
  };
}
