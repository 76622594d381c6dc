/**
 * The contract between the two adapters (issue 5): the same WorkbookLayout applied by the exceljs
 * adapter and by the Office.js adapter must leave the same workbook. Both sides are read into one
 * neutral shape; only representation differences are normalised here (Office's "=…" formulas vs
 * exceljs' bare ones, exceljs Date objects vs serials, quoted list sources, "#RRGGBB" vs
 * "FFRRGGBB", Office's operator names, column widths in points vs characters). Anything else that
 * differs is a real difference.
 */
import ExcelJS from "exceljs";
import { applyLayout, expandRange } from "../../src/adapters/exceljs/applyLayout";
import { dateToSerial } from "../../src/adapters/exceljs/cellValue";
import { widthPoints } from "../../src/adapters/officejs/apply";
import type { SheetSpec as LayoutSheet, WorkbookLayout } from "../../src/domain/layout/spec";
import type { FakeWorkbook } from "../fakes/excel";

export interface NeutralCell {
  value: string | number | boolean | null;
  formula: string | null;
  numFmt: string;
  fill: string | null;
  bold: boolean;
}

export interface NeutralRule {
  type: string;
  operator: string | null;
  formulae: string[];
  allowBlank: boolean;
  errorStyle: string;
  errorTitle: string;
  error: string;
}

export interface NeutralCf {
  range: string;
  formula: string;
  fill: string | null;
  color: string | null;
  bold: boolean;
}

export interface NeutralSheet {
  name: string;
  state: string;
  cells: Record<string, NeutralCell>;
  /** Cell → rule: ranges are compared cell by cell (exceljs expands them on read). */
  validations: Record<string, NeutralRule>;
  /** In priority order (first = evaluated first). */
  conditionalFormats: NeutralCf[];
  merges: string[];
  widths: Record<string, number>;
  freeze: { rows: number; cols: number };
  tabColor: string | null;
  /** Print setup: orientation, A4, fit to pages, margins in points, centre header. */
  page: {
    orientation: string;
    paper: string;
    fit: [number | undefined, number | undefined];
    margins: number[];
    header: string;
  };
}

export interface NeutralBook {
  sheets: NeutralSheet[];
  tables: { name: string; sheet: string; range: string; style: string; columns: string[] }[];
  names: { name: string; formula: string }[];
}

const rgb = (c: string | null | undefined): string | null =>
  c
    ? c
        .replace(/^#/, "")
        .replace(/^FF(?=[0-9A-F]{6}$)/i, "")
        .toUpperCase()
    : null;

const noEq = (f: string): string => f.replace(/^=/, "");

const OPERATORS: Record<string, string> = {
  Between: "between",
  NotBetween: "notBetween",
  EqualTo: "equal",
  NotEqualTo: "notEqual",
  GreaterThan: "greaterThan",
  LessThan: "lessThan",
  GreaterThanOrEqualTo: "greaterThanOrEqual",
  LessThanOrEqualTo: "lessThanOrEqual",
};

// ------------------------------------------------------------------ exceljs side

/** The plan sheet as a saved .xlsx holds it: applied with exceljs, written and read back. */
export async function exceljsPlanWorkbook(plan: LayoutSheet): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  applyLayout(wb, { sheets: [plan], definedNames: [], fullCalcOnLoad: false });
  const bytes = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(bytes);
  return back;
}

function exceljsScalar(v: ExcelJS.CellValue): {
  value: NeutralCell["value"];
  formula: string | null;
} {
  if (v === null || v === undefined) return { value: null, formula: null };
  if (v instanceof Date) return { value: dateToSerial(v), formula: null };
  if (typeof v === "object") {
    if ("formula" in v && typeof v.formula === "string") return { value: null, formula: v.formula };
    if ("sharedFormula" in v) return { value: null, formula: String(v.sharedFormula) };
    if ("richText" in v) return { value: v.richText.map((r) => r.text).join(""), formula: null };
    if ("error" in v) return { value: String(v.error), formula: null };
    return { value: JSON.stringify(v), formula: null };
  }
  return { value: v === "" ? null : v, formula: null };
}

export function readExceljs(wb: ExcelJS.Workbook, sheetNames: readonly string[]): NeutralBook {
  const sheets: NeutralSheet[] = [];
  const tables: NeutralBook["tables"] = [];
  for (const ws of wb.worksheets) {
    if (!sheetNames.includes(ws.name)) continue;
    const cells: Record<string, NeutralCell> = {};
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const { value, formula } = exceljsScalar(cell.value);
        const fill =
          cell.fill && cell.fill.type === "pattern" && cell.fill.pattern === "solid"
            ? rgb(cell.fill.fgColor?.argb)
            : null;
        cells[cell.address] = {
          value,
          formula,
          numFmt: cell.numFmt ?? "General",
          fill,
          bold: cell.font?.bold === true,
        };
      });
    });
    const validations: Record<string, NeutralRule> = {};
    const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } })
      .dataValidations.model;
    for (const [range, raw] of Object.entries(model)) {
      if (!raw) continue;
      const v = raw as ExcelJS.DataValidation;
      const rule: NeutralRule = {
        type: v.type,
        operator: v.type === "list" || v.type === "custom" ? null : (v.operator ?? "between"),
        formulae: (v.formulae ?? []).map((f: unknown) =>
          f instanceof Date ? String(dateToSerial(f)) : String(f),
        ),
        allowBlank: v.allowBlank === true,
        errorStyle: v.errorStyle ?? "stop",
        errorTitle: v.errorTitle ?? "",
        error: v.error ?? "",
      };
      for (const cell of expandRange(range.replace(/^range:/, ""))) validations[cell] = rule;
    }
    const cfModel = (
      ws as unknown as {
        conditionalFormattings: {
          ref: string;
          rules: {
            formulae?: string[];
            priority?: number;
            style?: { fill?: { bgColor?: { argb?: string } }; font?: ExcelJS.Font };
          }[];
        }[];
      }
    ).conditionalFormattings;
    const conditionalFormats = cfModel
      .flatMap((cf) =>
        cf.rules.map((r) => ({
          priority: r.priority ?? 0,
          cf: {
            range: cf.ref,
            formula: r.formulae?.[0] ?? "",
            fill: rgb(r.style?.fill?.bgColor?.argb),
            color: rgb(r.style?.font?.color?.argb),
            bold: r.style?.font?.bold === true,
          },
        })),
      )
      .sort((a, b) => a.priority - b.priority)
      .map((x) => x.cf);
    const merges = Object.values(
      (ws as unknown as { _merges: Record<string, { range: string }> })._merges,
    ).map((m) => m.range);
    const widths: Record<string, number> = {};
    (ws.columns ?? []).forEach((col, i) => {
      if (col.width !== undefined) widths[columnName(i + 1)] = widthPoints(col.width);
    });
    const view = (ws.views ?? [])[0] as
      { state?: string; xSplit?: number; ySplit?: number } | undefined;
    const freeze =
      view?.state === "frozen"
        ? { rows: view.ySplit ?? 0, cols: view.xSplit ?? 0 }
        : { rows: 0, cols: 0 };
    sheets.push({
      name: ws.name,
      state: ws.state,
      cells,
      validations,
      conditionalFormats,
      merges: merges.sort(),
      widths,
      freeze,
      tabColor: rgb((ws.properties.tabColor as { argb?: string } | undefined)?.argb),
      page: {
        orientation: ws.pageSetup.orientation ?? "portrait",
        paper: Number(ws.pageSetup.paperSize) === 9 ? "A4" : String(ws.pageSetup.paperSize),
        fit: ws.pageSetup.fitToPage
          ? [ws.pageSetup.fitToWidth, ws.pageSetup.fitToHeight]
          : [undefined, undefined],
        margins: (["left", "right", "top", "bottom", "header", "footer"] as const).map(
          (k) => Math.round((ws.pageSetup.margins?.[k] ?? 0) * 72 * 100) / 100,
        ),
        header: (ws.headerFooter?.oddHeader ?? "").replace(/^&C/, "").replace(/&&/g, "&"),
      },
    });
    for (const t of Object.values(
      (
        ws as unknown as {
          tables: Record<string, { table: ExcelJS.TableProperties & { tableRef?: string } }>;
        }
      ).tables,
    )) {
      tables.push({
        name: t.table.name,
        sheet: ws.name,
        range: t.table.tableRef ?? t.table.ref,
        style: t.table.style?.theme ?? "",
        columns: t.table.columns.map((c) => c.name),
      });
    }
  }
  const names = (
    wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] }
  ).model.map((n) => ({ name: n.name, formula: n.ranges.join(",") }));
  return { sheets: order(sheets, sheetNames), tables, names };
}

// ------------------------------------------------------------------ Office.js (fake) side

export function readFake(fake: FakeWorkbook, sheetNames: readonly string[]): NeutralBook {
  const sheets: NeutralSheet[] = [];
  for (const s of fake.sheets) {
    if (!sheetNames.includes(s.name)) continue;
    const cells: Record<string, NeutralCell> = {};
    const used = fake.usedRange(s.name);
    if (used) {
      const quoted = `'${s.name.replace(/'/g, "''")}'`;
      const [from = "A1", to = from] = used.split(":");
      for (const address of expandRange(`${from}:${to}`)) {
        const c = fake.cell(`${quoted}!${address}`);
        if (s.merges.length > 0 && fake.merges(s.name).some((m) => inMergeTail(m, address)))
          continue;
        cells[address] = {
          value: c.formula !== null ? null : c.value === "" ? null : c.value,
          formula: c.formula === null ? null : noEq(c.formula),
          numFmt: c.numberFormat,
          fill: rgb(c.format.fillColor),
          bold: c.format.font?.bold === true,
        };
      }
    }
    const validations: Record<string, NeutralRule> = {};
    for (const v of fake.validations(s.name)) {
      const kind = Object.keys(v.rule ?? {})[0] ?? "none";
      const body = (v.rule as Record<string, Record<string, unknown>> | null)?.[kind] ?? {};
      const type = kind === "wholeNumber" ? "whole" : kind;
      const formulae =
        kind === "list"
          ? // A range source is a formula in Office ("=$S$5:$S$6"), bare in the layout.
            [
              String(body.source).startsWith("=")
                ? noEq(String(body.source))
                : `"${String(body.source)}"`,
            ]
          : kind === "custom"
            ? [noEq(String(body.formula))]
            : [body.formula1, body.formula2]
                .filter((f): f is string | number => f !== undefined)
                .map((f) => noEq(String(f)));
      const rule: NeutralRule = {
        type,
        operator:
          kind === "list" || kind === "custom"
            ? null
            : (OPERATORS[String(body.operator)] ?? String(body.operator)),
        formulae,
        allowBlank: v.ignoreBlanks,
        errorStyle: v.errorAlert.style.toLowerCase(),
        errorTitle: v.errorAlert.title,
        error: v.errorAlert.message,
      };
      for (const cell of expandRange(v.address)) validations[cell] = rule;
    }
    const conditionalFormats = fake.conditionalFormats(s.name).map((cf) => ({
      range: cf.address,
      formula: noEq(cf.formula),
      fill: rgb(cf.fillColor),
      color: rgb(cf.fontColor),
      bold: cf.bold === true,
    }));
    const widths: Record<string, number> = {};
    for (const [c, w] of s.colWidths) widths[columnName(c + 1)] = w;
    sheets.push({
      name: s.name,
      state: s.visibility === "VeryHidden" ? "veryHidden" : s.visibility.toLowerCase(),
      cells,
      validations,
      conditionalFormats,
      merges: fake.merges(s.name).sort(),
      widths,
      freeze: { ...s.freeze },
      tabColor: rgb(s.tabColor || null),
      page: {
        orientation: s.pageLayout.orientation.toLowerCase(),
        paper: s.pageLayout.paperSize,
        fit: [s.pageLayout.zoom.horizontalFitToPages, s.pageLayout.zoom.verticalFitToPages],
        margins: [
          s.pageLayout.leftMargin,
          s.pageLayout.rightMargin,
          s.pageLayout.topMargin,
          s.pageLayout.bottomMargin,
          s.pageLayout.headerMargin,
          s.pageLayout.footerMargin,
        ].map((m) => Math.round(m * 100) / 100),
        header: (s.pageLayout.headersFooters.defaultForAllPages?.centerHeader ?? "").replace(
          /&&/g,
          "&",
        ),
      },
    });
  }
  const tables = fake.tables().map((t) => ({
    name: t.name,
    sheet: t.sheet,
    range: t.address,
    style: t.style,
    columns: t.columns,
  }));
  const names = fake.names().map((n) => ({ name: n.name, formula: noEq(n.formula) }));
  return { sheets: order(sheets, sheetNames), tables, names };
}

function inMergeTail(merge: string, address: string): boolean {
  const cells = expandRange(merge);
  return cells.includes(address) && cells[0] !== address;
}

function order(sheets: NeutralSheet[], names: readonly string[]): NeutralSheet[] {
  return [...sheets].sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name));
}

function columnName(n: number): string {
  let s = "";
  let x = n;
  while (x > 0) {
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
    x = Math.floor((x - 1) / 26);
  }
  return s;
}

/** Drops empty cells (no value, no formula, General, no fill, not bold): "nothing there" either way. */
export function nonEmptyCells(sheet: NeutralSheet): Record<string, NeutralCell> {
  return Object.fromEntries(
    Object.entries(sheet.cells).filter(
      ([, c]) =>
        c.value !== null ||
        c.formula !== null ||
        c.numFmt !== "General" ||
        c.fill !== null ||
        c.bold,
    ),
  );
}

/** Sheets a layout writes, in its order. */
export function layoutSheetNames(layout: WorkbookLayout): string[] {
  return layout.sheets.map((s) => s.name);
}
