/**
 * Applies a WorkbookLayout to an exceljs Workbook. No business rules live here: every value,
 * formula, rule and sheet comes from the layout. "patch" sheets (the user's plan) get only the
 * listed cells and rules; "replace" sheets are rebuilt; "create-if-missing" sheets are left alone
 * once they exist (the clerk's settings).
 */
import ExcelJS from "exceljs";
import type {
  CellSpec,
  CellStyle,
  ConditionalFormatSpec,
  SheetSpec,
  TableSpec,
  ValidationSpec,
  WorkbookLayout,
} from "../../domain/layout/spec";
import { serialToDate } from "./cellValue";

function argb(rgb: string): string {
  return `FF${rgb.toUpperCase()}`;
}

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFA6A6A6" } };

/** The style parts a CellStyle sets, as exceljs models them (the same objects every time). */
function styleParts(style: CellStyle): Partial<ExcelJS.Style> {
  const parts: Partial<ExcelJS.Style> = {};
  if (style.bold || style.italic || style.size || style.color) {
    parts.font = {
      ...(style.bold ? { bold: true } : {}),
      ...(style.italic ? { italic: true } : {}),
      ...(style.size ? { size: style.size } : {}),
      ...(style.color ? { color: { argb: argb(style.color) } } : {}),
    };
  }
  if (style.fill) {
    parts.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.fill) } };
  }
  if (style.wrap || style.align || style.valign) {
    parts.alignment = {
      ...(style.wrap ? { wrapText: true } : {}),
      ...(style.align ? { horizontal: style.align } : {}),
      ...(style.valign ? { vertical: style.valign } : {}),
    };
  }
  if (style.border) parts.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  return parts;
}

/**
 * The styles this apply has built, by the cell's previous style object and what the spec sets.
 * exceljs writes a style by its object: cells that share one cost one lookup when the file is
 * written, while a new object per cell makes it render and hash every cell's style (most of the
 * write time of a big tracker, BENCHMARKS.md). Each result is a new object that is only ever
 * assigned whole, never changed, so sharing it between cells is safe.
 */
class Styles {
  private readonly byBase = new WeakMap<object, Map<string, Partial<ExcelJS.Style>>>();

  /** Stands for every empty style: exceljs gives each new cell an empty object of its own. */
  private readonly empty = {};

  /** A key per CellStyle object: layouts share a few style objects between many cells. */
  private readonly styleKeys = new WeakMap<CellStyle, string>();

  private keyOf(spec: CellSpec): string {
    let styleKey = "";
    if (spec.style) {
      const known = this.styleKeys.get(spec.style);
      styleKey = known ?? JSON.stringify(spec.style);
      if (known === undefined) this.styleKeys.set(spec.style, styleKey);
    }
    return spec.numFmt === undefined ? `-${styleKey}` : `+${spec.numFmt}\u0000${styleKey}`;
  }

  styleFor(base: Partial<ExcelJS.Style>, spec: CellSpec): Partial<ExcelJS.Style> {
    const owner = isEmpty(base) ? this.empty : base;
    let built = this.byBase.get(owner);
    if (built === undefined) {
      built = new Map();
      this.byBase.set(owner, built);
    }
    const key = this.keyOf(spec);
    let style = built.get(key);
    if (style === undefined) {
      // What the setters did on a copy of the cell's style: numFmt, then font, fill,
      // alignment and border replaced whole.
      style = {
        ...base,
        ...(spec.numFmt !== undefined ? { numFmt: spec.numFmt } : {}),
        ...(spec.style ? styleParts(spec.style) : {}),
      };
      built.set(key, style);
    }
    return style;
  }
}

/** Object.keys(o).length === 0 without building the array (this runs for every written cell). */
function isEmpty(o: object): boolean {
  for (const _key in o) return false;
  return true;
}

function writeCell(ws: ExcelJS.Worksheet, spec: CellSpec, styles: Styles): void {
  const cell = ws.getCell(spec.row, spec.col);
  if (spec.formula !== undefined) {
    cell.value = {
      formula: spec.formula,
      result: spec.result ?? undefined,
    };
  } else if (spec.value !== undefined) {
    // A string is always stored as text: "=HYPERLINK(…)" typed by a user stays inert.
    cell.value = spec.value;
  }
  if (spec.numFmt !== undefined || spec.style) {
    // exceljs shares ONE style object between all cells loaded with the same style id: setting
    // numFmt or font on this cell would restyle the user's other cells. The cell gets a new
    // style object instead (shared only with cells given the same style by this layout).
    cell.style = styles.styleFor(cell.style, spec);
  }
}

/** Every single-cell address of a bounded range, e.g. "K4:L5" → K4, L4, K5, L5. */
export function expandRange(range: string): string[] {
  const [a = "", b = a] = range.split(":");
  const p = (ref: string): { row: number; col: number } => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref.toUpperCase());
    if (!m) throw new Error(`bad range ${range}`);
    let col = 0;
    for (const ch of m[1] ?? "") col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]), col };
  };
  const s = p(a);
  const e = p(b);
  const out: string[] = [];
  for (let r = Math.min(s.row, e.row); r <= Math.max(s.row, e.row); r++) {
    for (let c = Math.min(s.col, e.col); c <= Math.max(s.col, e.col); c++) {
      let n = c;
      let letters = "";
      while (n > 0) {
        letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
        n = Math.floor((n - 1) / 26);
      }
      out.push(`${letters}${r}`);
    }
  }
  return out;
}

type ValidationModel = Record<string, ExcelJS.DataValidation | undefined>;

function validationsModel(ws: ExcelJS.Worksheet): ValidationModel {
  return (ws as unknown as { dataValidations: { model: ValidationModel } }).dataValidations.model;
}

function removeValidations(ws: ExcelJS.Worksheet, ranges: readonly string[]): void {
  const model = validationsModel(ws);
  for (const range of ranges) {
    // exceljs keeps a range written by us as one key, and expands ranges it reads per cell.
    delete model[range];
    for (const address of expandRange(range)) delete model[address];
  }
}

/**
 * exceljs writes a date rule's formulae as `dateToExcel(new Date(f))`: a serial given as text
 * ("44927") would become the year 44927. Hand it the Date of a serial; keep anything else as is.
 */
function validationFormulae(v: ValidationSpec): (string | Date)[] {
  if (v.type !== "date") return [...v.formulae];
  return v.formulae.map((f) => (/^\d+(\.\d+)?$/.test(f) ? serialToDate(Number(f)) : f));
}

function addValidation(ws: ExcelJS.Worksheet, v: ValidationSpec): void {
  const model = validationsModel(ws);
  model[v.range] = {
    type: v.type,
    allowBlank: v.allowBlank,
    formulae: validationFormulae(v),
    ...(v.operator ? { operator: v.operator } : {}),
    showErrorMessage: true,
    errorStyle: v.errorStyle,
    errorTitle: v.errorTitle,
    error: v.error,
    ...(v.prompt
      ? { showInputMessage: true, promptTitle: v.promptTitle ?? "", prompt: v.prompt }
      : {}),
  };
}

interface CfModel {
  ref: string;
  rules: { type: string; formulae?: string[] }[];
}

function removeConditionalFormats(
  ws: ExcelJS.Worksheet,
  owned: readonly { range: string; formula: string }[],
): void {
  const isOwned = (cf: CfModel): boolean =>
    owned.some(
      (o) =>
        o.range === cf.ref && cf.rules.length === 1 && cf.rules[0]?.formulae?.[0] === o.formula,
    );
  ws.removeConditionalFormatting((cf: CfModel) => !isOwned(cf));
}

function addConditionalFormat(ws: ExcelJS.Worksheet, cf: ConditionalFormatSpec): void {
  const style: Partial<ExcelJS.Style> = {};
  if (cf.style.fill)
    style.fill = {
      type: "pattern",
      pattern: "solid",
      bgColor: { argb: argb(cf.style.fill) },
    };
  if (cf.style.color || cf.style.bold) {
    style.font = {
      ...(cf.style.color ? { color: { argb: argb(cf.style.color) } } : {}),
      ...(cf.style.bold ? { bold: true } : {}),
    };
  }
  ws.addConditionalFormatting({
    ref: cf.range,
    rules: [
      {
        type: "expression",
        formulae: [cf.formula],
        style,
        priority: cf.priority,
        ...(cf.stopIfTrue ? { stopIfTrue: true } : {}),
      },
    ],
  });
}

function addTable(ws: ExcelJS.Worksheet, t: TableSpec): void {
  const [topLeft = "A1", bottomRight = topLeft] = t.range.split(":");
  const tl = ws.getCell(topLeft);
  const br = ws.getCell(bottomRight);
  // exceljs sizes the table by its rows and writes each row it is given back into the cells.
  // The cells already hold the rows: give it a sparse array of the right length, which it
  // measures but skips when writing (handing every value back cost a second pass over every cell
  // of the table, BENCHMARKS.md).
  const rows = new Array<ExcelJS.CellValue[]>(Number(br.row) - Number(tl.row));
  // exceljs also writes the column names into the header cells: keep the user's own header values
  // (rich text keeps its formatting; the layout guarantees their text equals the names).
  const headers: ExcelJS.CellValue[] = [];
  for (let c = Number(tl.col); c <= Number(br.col); c++) headers.push(ws.getCell(tl.row, c).value);
  ws.addTable({
    name: t.name,
    displayName: t.name,
    ref: topLeft,
    headerRow: true,
    totalsRow: false,
    style: { theme: t.style as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
    columns: t.columns.map((name) => ({ name, filterButton: true })),
    rows,
  });
  headers.forEach((value, i) => {
    if (value !== null && typeof value === "object")
      ws.getCell(tl.row, Number(tl.col) + i).value = value;
  });
}

function applyPageSetup(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  const p = spec.pageSetup;
  if (!p) return;
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: p.orientation,
    paperSize: 9, // A4
    fitToPage: true,
    fitToWidth: p.fitToWidth,
    fitToHeight: p.fitToHeight,
    ...(p.printTitleRows ? { printTitlesRow: p.printTitleRows } : {}),
    ...(p.margins ? { margins: { ...p.margins, header: 0.3, footer: 0.3 } } : {}),
  };
  if (p.header)
    ws.headerFooter = { ...ws.headerFooter, oddHeader: `&C${p.header.replace(/&/g, "&&")}` };
}

function fillSheet(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
  for (const c of spec.columns) {
    const column = ws.getColumn(c.col);
    // exceljs omits a width of exactly 9 (its own default) from the file, so Excel would show
    // 8.43: 9.01 renders at the same pixel width and is written.
    if (c.width !== undefined) column.width = c.width === 9 ? 9.01 : c.width;
    if (c.hidden !== undefined) column.hidden = c.hidden;
  }
  const styles = new Styles();
  for (const cell of spec.cells) writeCell(ws, cell, styles);
  for (const range of spec.merges) ws.mergeCells(range);
  for (const v of spec.validations) addValidation(ws, v);
  for (const cf of spec.conditionalFormats) addConditionalFormat(ws, cf);
  for (const t of spec.tables) addTable(ws, t);
  if (spec.freeze) {
    ws.views = [{ state: "frozen", xSplit: spec.freeze.cols, ySplit: spec.freeze.rows }];
  }
  applyPageSetup(ws, spec);
  if (spec.tabColor) ws.properties.tabColor = { argb: argb(spec.tabColor) };
  ws.state = spec.state;
}

export function applyLayout(wb: ExcelJS.Workbook, layout: WorkbookLayout): void {
  for (const { from, to } of layout.renames ?? []) {
    const ws = wb.getWorksheet(from);
    if (!ws) throw new Error(`layout renames a missing sheet: ${from}`);
    ws.name = to;
  }
  for (const spec of layout.sheets) {
    const existing = wb.getWorksheet(spec.name);
    if (spec.mode === "patch") {
      if (!existing) throw new Error(`layout patches a missing sheet: ${spec.name}`);
      if (spec.remove) {
        removeValidations(existing, spec.remove.validations);
        removeConditionalFormats(existing, spec.remove.conditionalFormats);
        for (const name of spec.remove.tables) existing.removeTable(name);
      }
      // A failed Office run's unnamed table over the block: this run's table replaces it.
      for (const t of spec.tables) if (t.adopt) existing.removeTable(t.adopt);
      fillSheet(existing, spec);
    } else if (spec.mode === "create-if-missing") {
      if (!existing) fillSheet(wb.addWorksheet(spec.name), spec);
    } else {
      if (existing) wb.removeWorksheet(existing.id);
      // A backup an Office run left when it failed half way: its entries were read; it goes.
      const backup = spec.backup !== undefined ? wb.getWorksheet(spec.backup) : undefined;
      if (backup) wb.removeWorksheet(backup.id);
      fillSheet(wb.addWorksheet(spec.name), spec);
    }
  }

  for (const name of layout.definedNames) {
    const names = wb.definedNames as unknown as {
      remove(loc: string, name: string): void;
      add(loc: string, name: string): void;
      model: { name: string; ranges: string[] }[];
    };
    names.model = names.model.filter((n) => n.name !== name.name);
    names.add(name.formula, name.name);
  }
  if (layout.fullCalcOnLoad) wb.calcProperties = { ...wb.calcProperties, fullCalcOnLoad: true };
}
