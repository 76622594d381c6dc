/**
 * Applies a WorkbookLayout to the open workbook with Office.js, in one batch (one sync) unless the
 * payload would pass Excel on the web's 5 MB request limit, when it is split into chunks. Like the
 * exceljs adapter it holds no business rules: values, formulas, rules and sheets come from the
 * layout. Events are off during the tool's own writes so the live check does not re-trigger.
 */
import { columnLetter } from "../../domain/cell";
import type {
  CellStyle,
  ConditionalFormatSpec,
  PageSetupSpec,
  SheetSpec,
  TableSpec,
  ValidationSpec,
  WorkbookLayout,
} from "../../domain/layout/spec";
import {
  columnRuns,
  formatRuns,
  styleRuns,
  utf8Bytes,
  wholeBlock,
  type Block,
  type Run,
} from "./cellWrites";
import type { RequirementCheck } from "./requirements";

/** Stay well under the 5 MB request limit of Excel on the web (JSON overhead, headers). */
export const CHUNK_BYTES = 3_500_000;
/** A column run whose values pass this size is written in several row slices. */
export const RUN_BYTES = 1_000_000;

export interface ApplyOptions {
  readonly features: RequirementCheck["features"];
  /** Tables already on the plan sheet that the tool owns, with their current ranges. */
  readonly ownTables?: ReadonlyMap<string, string>;
  /**
   * Sheets that exist now (from the read), so "create-if-missing" and "replace" know. Compared
   * case-insensitively, as Excel compares sheet names ("CÀI ĐẶT" is "Cài đặt": review item 9).
   */
  readonly existingSheets: ReadonlySet<string>;
  /**
   * Existing sheets that are VeryHidden: Excel refuses to delete those (InvalidOperation; Mac:
   * GeneralException), so a "replace" rewrites them in place (review item 1).
   */
  readonly veryHiddenSheets?: ReadonlySet<string>;
  /**
   * Workbook names that exist now: an existing one gets its formula rewritten in place, never
   * deleted — the colour rules refer to it, and a deleted name turns them into #NAME?.
   */
  readonly existingNames?: ReadonlySet<string>;
  /** The sheet to leave active (never hide the active sheet). */
  readonly activeSheet: string;
  /** Conditional formats the tool wrote before, as Office.js loaded them: to delete. */
  readonly staleConditionalFormats?: readonly Excel.ConditionalFormat[];
  /**
   * The sheet those formats are on (the plan's): they are deleted once, with that sheet's
   * operations, not with every "patch" sheet's (the broadcast log is patched too). Absent: the
   * layout's first "patch" sheet.
   */
  readonly staleConditionalFormatsSheet?: string;
  /** Bytes per request before the operations are split (tests lower it). */
  readonly chunkBytes?: number;
  /**
   * The plan sheet's merged cells could not be read (ExcelApi < 1.13, or over 512 areas): the
   * domain may ask for a table over merged cells, which Excel refuses (MergedRangeConflict) after
   * the operations before it. The tables then go at the end of the last request, so a refusal
   * only skips the table (review item 5); events are switched on again in one more request.
   */
  readonly mergesUnknown?: boolean;
  /** The last run failed half way (its journal says so): set again what it may have missed. */
  readonly restore?: boolean;
}

type Op = (ctx: Excel.RequestContext) => void;
/** An operation and the bytes it adds to the request (its written values dominate). */
type SizedOp = {
  readonly run: Op;
  readonly bytes: number;
  /** A table the layout adds (tables.add): the one write merged cells can refuse. */
  readonly table?: string;
};
/**
 * What one queued action (a property set, a method call, an object path) weighs in Excel's
 * request JSON, generously: an operation of the layout is a few of them.
 */
const ACTION = 150;
const SMALL = 4 * ACTION;

/** The request bytes of a style call: its object paths and one action per property set. */
function styleBytes(style: CellStyle): number {
  return ACTION * (4 + Object.keys(style).length * 2 + (style.border ? 6 * 3 : 0));
}

/** Office.js colours are "#RRGGBB". */
const hex = (rgb: string): string => `#${rgb}`;

/**
 * Excel column width in points for a width in characters of the default font (Calibri 11: a digit
 * is 7 px, plus 5 px of padding; 96 px = 72 pt): 8.43 characters = 64 px = 48 pt.
 */
export const widthPoints = (chars: number): number =>
  Math.round(Math.trunc(chars * 7 + 5) * 0.75 * 100) / 100;

/** Office.js names of the layout's validation operators. */
type OfficeOperator = `${Excel.DataValidationOperator}`;
const OPERATORS: Record<NonNullable<ValidationSpec["operator"]>, OfficeOperator> = {
  between: "Between",
  notBetween: "NotBetween",
  equal: "EqualTo",
  notEqual: "NotEqualTo",
  greaterThan: "GreaterThan",
  lessThan: "LessThan",
  greaterThanOrEqual: "GreaterThanOrEqualTo",
  lessThanOrEqual: "LessThanOrEqualTo",
};

function styleOps(
  sheet: string,
  address: string,
  style: NonNullable<SheetSpec["cells"][number]["style"]>,
): Op {
  return (ctx) => {
    const range = ctx.workbook.worksheets.getItem(sheet).getRange(address);
    if (style.bold !== undefined) range.format.font.bold = style.bold;
    if (style.italic !== undefined) range.format.font.italic = style.italic;
    if (style.size !== undefined) range.format.font.size = style.size;
    if (style.color !== undefined) range.format.font.color = hex(style.color);
    if (style.fill !== undefined) range.format.fill.color = hex(style.fill);
    if (style.wrap !== undefined) range.format.wrapText = style.wrap;
    if (style.align !== undefined)
      range.format.horizontalAlignment =
        style.align === "center" ? "Center" : style.align === "right" ? "Right" : "Left";
    if (style.valign !== undefined)
      range.format.verticalAlignment =
        style.valign === "middle" ? "Center" : style.valign === "top" ? "Top" : "Bottom";
    if (style.border) {
      for (const edge of [
        "EdgeTop",
        "EdgeBottom",
        "EdgeLeft",
        "EdgeRight",
        "InsideHorizontal",
        "InsideVertical",
      ] as const) {
        const b = range.format.borders.getItem(edge);
        b.style = "Continuous";
        b.color = "#A6A6A6";
      }
    }
  };
}

function validationOp(sheet: string, v: ValidationSpec): Op {
  return (ctx) => {
    const dv = ctx.workbook.worksheets.getItem(sheet).getRange(v.range).dataValidation;
    dv.clear();
    const f = (i: number): string => `=${v.formulae[i] ?? ""}`;
    const operator = OPERATORS[v.operator ?? "between"];
    const basic = {
      formula1: f(0),
      ...(v.formulae[1] !== undefined ? { formula2: f(1) } : {}),
      operator,
    };
    switch (v.type) {
      case "list": {
        // The source is a quoted list "a,b,c" in the layout, which Office.js wants without quotes;
        // or a range ("$S$5:$S$6", "'Kế hoạch'!$A$5:$A$15"), which it wants as a formula.
        const source = v.formulae[0] ?? "";
        dv.rule = {
          list: {
            inCellDropDown: true,
            source: source.startsWith('"') ? source.replace(/^"|"$/g, "") : `=${source}`,
          },
        };
        break;
      }
      case "date":
        dv.rule = { date: basic };
        break;
      case "decimal":
        dv.rule = { decimal: basic };
        break;
      case "whole":
        dv.rule = { wholeNumber: basic };
        break;
      case "custom":
        dv.rule = { custom: { formula: f(0) } };
        break;
    }
    dv.ignoreBlanks = v.allowBlank;
    dv.errorAlert = {
      showAlert: true,
      style:
        v.errorStyle === "stop" ? "Stop" : v.errorStyle === "warning" ? "Warning" : "Information",
      title: v.errorTitle,
      message: v.error,
    };
    if (v.prompt) dv.prompt = { showPrompt: true, title: v.promptTitle ?? "", message: v.prompt };
  };
}

function conditionalFormatOp(sheet: string, cf: ConditionalFormatSpec): Op {
  return (ctx) => {
    const format = ctx.workbook.worksheets
      .getItem(sheet)
      .getRange(cf.range)
      .conditionalFormats.add("Custom");
    format.custom.rule.formula = `=${cf.formula}`;
    if (cf.style.fill) format.custom.format.fill.color = hex(cf.style.fill);
    if (cf.style.color) format.custom.format.font.color = hex(cf.style.color);
    if (cf.style.bold) format.custom.format.font.bold = true;
    format.stopIfTrue = cf.stopIfTrue;
    // Last: after a priority change Excel wants the object fetched again at its new place
    // (ConditionalFormat.priority docs); a later write could land on another rule (review 10).
    format.priority = cf.priority - 1;
  };
}

function tableOps(sheet: string, t: TableSpec, opts: ApplyOptions): Op[] {
  const adopt = t.adopt;
  const finish = (table: Excel.Table): void => {
    table.style = t.style;
    table.showFilterButton = true;
  };
  if (adopt !== undefined)
    return [
      (ctx) => {
        const table = ctx.workbook.tables.getItem(adopt);
        table.name = t.name;
        finish(table);
      },
    ];
  const current = opts.ownTables?.get(t.name);
  if (current !== undefined && sameRange(current, t.range))
    // After a failed run the table may lack its style: set again, it changes nothing otherwise.
    return opts.restore ? [(ctx) => finish(ctx.workbook.tables.getItem(t.name))] : [];
  return [
    (ctx) => {
      const tables = ctx.workbook.tables;
      if (current !== undefined) {
        const existing = tables.getItem(t.name);
        if (opts.features.tableResize) {
          existing.resize(t.range);
          return;
        }
        existing.convertToRange();
      }
      const table = tables.add(`'${sheet.replace(/'/g, "''")}'!${t.range}`, true);
      table.name = t.name;
      table.style = t.style;
      table.showFilterButton = true;
    },
  ];
}

function sameRange(a: string, b: string): boolean {
  const strip = (s: string): string => s.replace(/^.*!/, "").replace(/\$/g, "").toUpperCase();
  return strip(a) === strip(b);
}

function pageSetupOp(sheet: string, p: PageSetupSpec): Op {
  return (ctx) => {
    const layout = ctx.workbook.worksheets.getItem(sheet).pageLayout;
    layout.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
    layout.paperSize = "A4";
    layout.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight };
    if (p.header)
      layout.headersFooters.defaultForAllPages.centerHeader = p.header.replace(/&/g, "&&");
    if (p.printTitleRows) layout.setPrintTitleRows(p.printTitleRows);
    // The same margins (inches) as the exceljs adapter, header and footer included.
    if (p.margins) layout.setPrintMargins("Inches", { ...p.margins, header: 0.3, footer: 0.3 });
  };
}

/** Excel compares sheet and workbook names without case. */
function hasName(set: ReadonlySet<string> | undefined, name: string): boolean {
  if (!set) return false;
  const key = name.toLocaleUpperCase("vi");
  for (const n of set) if (n.toLocaleUpperCase("vi") === key) return true;
  return false;
}

/** Every operation of the layout, in the order they must run. */
export function layoutOps(layout: WorkbookLayout, opts: ApplyOptions): SizedOp[] {
  const ops: SizedOp[] = [];
  const hide: SizedOp[] = [];
  const small = (run: Op): SizedOp => ({ run, bytes: SMALL });
  // A renamed sheet keeps what someone wrote in it; its old name is then free for the new one.
  const renamedAway = new Set<string>();
  for (const { from, to } of layout.renames ?? []) {
    ops.push(
      small((ctx) => {
        ctx.workbook.worksheets.getItem(from).name = to;
      }),
    );
    renamedAway.add(from.toLowerCase());
  }
  const staleOn =
    opts.staleConditionalFormatsSheet ?? layout.sheets.find((s) => s.mode === "patch")?.name;
  const exists = (name: string): boolean =>
    hasName(opts.existingSheets, name) && !renamedAway.has(name.toLowerCase());
  // The journal goes before everything else (after the renames, which keep a person's edits):
  // a run that fails at any later operation leaves metadata that names all it may have written.
  const journal = layout.journal;
  const journalCreates = journal !== undefined && !exists(journal.sheet);
  if (journal) {
    if (journalCreates) ops.push(small((ctx) => void ctx.workbook.worksheets.add(journal.sheet)));
    const block = wholeBlock(journal.cells);
    if (block)
      ops.push({
        run: (ctx) => {
          ctx.workbook.worksheets.getItem(journal.sheet).getRange(block.address).formulas =
            block.formulas;
        },
        bytes: utf8Bytes(JSON.stringify(block)) + SMALL,
      });
  }
  const journaled = (spec: SheetSpec): boolean => journal?.sheet === spec.name;
  const inPlace = (spec: SheetSpec): boolean =>
    spec.mode === "replace" &&
    (journaled(spec) || (exists(spec.name) && hasName(opts.veryHiddenSheets, spec.name)));
  // Sheets that worksheets.add appends at the end, in layout order.
  const appended = layout.sheets.map(
    (spec) =>
      spec.mode !== "patch" &&
      !(spec.mode === "create-if-missing" && exists(spec.name)) &&
      !inPlace(spec),
  );
  const finalCount =
    opts.existingSheets.size +
    (journalCreates ? 1 : 0) -
    // A failed run's backup goes, and the half-written copy it left is replaced, not added to.
    layout.sheets.filter(
      (spec) => spec.mode === "replace" && spec.backup !== undefined && exists(spec.backup),
    ).length +
    layout.sheets.filter((spec, i) => appended[i] && !exists(spec.name)).length;
  for (const [index, spec] of layout.sheets.entries()) {
    if (spec.mode === "create-if-missing" && exists(spec.name)) continue;
    if (inPlace(spec)) {
      // Emptied and written again; a failed run leaves it whole for the next one. It then
      // moves to where the layout puts it, behind the sheets appended after it is rewritten.
      // The journal's sheet is written over in the same rectangle, never emptied first: a
      // failure in between would leave no metadata at all.
      if (!journaled(spec))
        ops.push(
          small((ctx) => ctx.workbook.worksheets.getItem(spec.name).getRange().clear("All")),
        );
      const after = appended.slice(index + 1).filter(Boolean).length;
      hide.push(
        small((ctx) => {
          ctx.workbook.worksheets.getItem(spec.name).position = finalCount - 1 - after;
        }),
      );
    } else if (spec.mode === "replace" && spec.backup !== undefined) {
      // The clerk's entries are always somewhere: the old copy becomes the backup (or a failed
      // run's backup is kept and its half-written copy dropped), the new one is written whole,
      // and only then is the backup deleted.
      const backup = spec.backup;
      if (exists(backup)) {
        if (exists(spec.name))
          ops.push(small((ctx) => ctx.workbook.worksheets.getItem(spec.name).delete()));
      } else if (exists(spec.name)) {
        ops.push(
          small((ctx) => {
            ctx.workbook.worksheets.getItem(spec.name).name = backup;
          }),
        );
      }
      ops.push(small((ctx) => void ctx.workbook.worksheets.add(spec.name)));
    } else {
      if (spec.mode === "replace" && exists(spec.name)) {
        ops.push(small((ctx) => ctx.workbook.worksheets.getItem(spec.name).delete()));
      }
      if (spec.mode !== "patch")
        ops.push(small((ctx) => void ctx.workbook.worksheets.add(spec.name)));
    }
    // A loop, not push(...): a 50 000-row layout has more operations than call arguments allow.
    for (const op of sheetOps(spec, opts, spec.name === staleOn)) ops.push(op);
    const backup = spec.mode === "replace" ? spec.backup : undefined;
    if (backup !== undefined && (exists(backup) || exists(spec.name)))
      ops.push(small((ctx) => ctx.workbook.worksheets.getItem(backup).delete()));
    if (spec.state === "veryHidden" && spec.name !== opts.activeSheet) {
      hide.push(
        small((ctx) => {
          ctx.workbook.worksheets.getItem(spec.name).visibility = "VeryHidden";
        }),
      );
    }
  }
  for (const name of layout.definedNames) {
    if (hasName(opts.existingNames, name.name)) {
      ops.push(
        small((ctx) => {
          ctx.workbook.names.getItem(name.name).formula = `=${name.formula}`;
        }),
      );
    } else ops.push(small((ctx) => void ctx.workbook.names.add(name.name, `=${name.formula}`)));
  }
  return [...ops, ...hide];
}

function sheetOps(spec: SheetSpec, opts: ApplyOptions, ownsStale: boolean): SizedOp[] {
  const sized: SizedOp[] = [];
  const ops = {
    push: (run: Op, bytes = SMALL): void => void sized.push({ run, bytes }),
  };
  // The request carries the values as UTF-8 JSON: Vietnamese text is 2–3 bytes a character.
  const big = (run: Op, payload: unknown): void =>
    void sized.push({ run, bytes: utf8Bytes(JSON.stringify(payload)) + SMALL });
  const name = spec.name;
  const sheet = (ctx: Excel.RequestContext): Excel.Worksheet =>
    ctx.workbook.worksheets.getItem(name);

  if (spec.mode === "patch") {
    for (const range of spec.remove?.validations ?? [])
      ops.push((ctx) => sheet(ctx).getRange(range).dataValidation.clear());
    if (ownsStale) for (const cf of opts.staleConditionalFormats ?? []) ops.push(() => cf.delete());
    for (const run of columnRuns(spec.cells)) {
      for (const part of sliceRun(run, RUN_BYTES)) {
        // A run has one number format: a single value applies to every cell of the range.
        const numberFormat = part.numFmt ?? null;
        big(
          (ctx) => {
            const range = sheet(ctx).getRange(part.address);
            if (part.formulas) range.formulas = part.formulas;
            if (numberFormat !== null) range.numberFormat = numberFormat as unknown as string[][];
          },
          [part.formulas, numberFormat],
        );
      }
      if (run.style) ops.push(styleOps(name, run.address, run.style), styleBytes(run.style));
    }
  } else {
    const block = wholeBlock(spec.cells);
    for (const band of block ? sliceBlock(block, RUN_BYTES) : []) {
      big((ctx) => void (sheet(ctx).getRange(band.address).formulas = band.formulas), band);
    }
    for (const run of formatRuns(spec.cells)) {
      const numFmt = run.numFmt as string;
      ops.push((ctx) => {
        sheet(ctx).getRange(run.address).numberFormat = numFmt as unknown as string[][];
      });
    }
    for (const s of styleRuns(spec.cells))
      ops.push(styleOps(name, s.address, s.style), styleBytes(s.style));
  }
  for (const c of spec.columns) {
    ops.push((ctx) => {
      const col = sheet(ctx).getRange(`${columnLetter(c.col)}:${columnLetter(c.col)}`);
      if (c.width !== undefined) col.format.columnWidth = widthPoints(c.width);
      if (c.hidden !== undefined) col.columnHidden = c.hidden;
    });
  }
  for (const m of spec.merges) ops.push((ctx) => sheet(ctx).getRange(m).merge(false));
  for (const v of spec.validations)
    ops.push(validationOp(name, v), 12 * ACTION + utf8Bytes(JSON.stringify(v)));
  for (const cf of spec.conditionalFormats)
    ops.push(conditionalFormatOp(name, cf), 14 * ACTION + utf8Bytes(JSON.stringify(cf)));
  for (const t of spec.tables)
    for (const run of tableOps(name, t, opts)) sized.push({ run, bytes: SMALL, table: t.name });
  // A table of an earlier run the layout no longer wants (e.g. merged cells now) becomes a plain
  // range again: its cells stay, as in the exceljs adapter.
  for (const t of spec.remove?.tables ?? []) {
    if (spec.tables.some((x) => x.name === t) || !opts.ownTables?.has(t)) continue;
    ops.push((ctx) => void ctx.workbook.tables.getItem(t).convertToRange());
  }
  for (const chart of spec.charts) {
    ops.push((ctx) => {
      const c = sheet(ctx).charts.add(
        chart.type === "barClustered" ? "BarClustered" : "ColumnClustered",
        sheet(ctx).getRange(chart.dataRange),
        chart.seriesBy === "rows" ? "Rows" : "Columns",
      );
      c.name = chart.name;
      c.title.text = chart.title;
      c.setPosition(chart.anchor.from, chart.anchor.to);
    });
  }
  if (spec.freeze) {
    const { rows, cols } = spec.freeze;
    // freezeAt("A1:A4") would also freeze column A: rows only, columns only, or both.
    ops.push((ctx) => {
      const panes = sheet(ctx).freezePanes;
      if (cols === 0) panes.freezeRows(rows);
      else if (rows === 0) panes.freezeColumns(cols);
      else panes.freezeAt(sheet(ctx).getRange(`A1:${columnLetter(cols)}${rows}`));
    });
  }
  if (spec.pageSetup && opts.features.pageLayout) ops.push(pageSetupOp(name, spec.pageSetup));
  if (spec.tabColor) ops.push((ctx) => void (sheet(ctx).tabColor = hex(spec.tabColor as string)));
  return sized;
}

/** A run cut into row slices whose values stay under `limit` bytes each (one slice if small). */
export function sliceRun(
  run: Run,
  limit: number,
): { address: string; rows: number; formulas: Run["formulas"]; numFmt: string | undefined }[] {
  const m = /^([A-Z]+)(\d+):[A-Z]+(\d+)$/.exec(run.address);
  if (!m) throw new Error(`not a column run: ${run.address}`);
  const [, col = "A", from = "1", to = "1"] = m;
  const first = Number(from);
  const rows = Number(to) - first + 1;
  const perRow = run.formulas
    ? utf8Bytes(JSON.stringify(run.formulas)) / rows
    : utf8Bytes(JSON.stringify(run.numFmt ?? "")) + 4;
  const step = Math.max(1, Math.floor(limit / Math.max(perRow, 1)));
  const out = [];
  for (let i = 0; i < rows; i += step) {
    const n = Math.min(step, rows - i);
    out.push({
      address: `${col}${first + i}:${col}${first + i + n - 1}`,
      rows: n,
      formulas: run.formulas ? run.formulas.slice(i, i + n) : null,
      numFmt: run.numFmt,
    });
  }
  return out;
}

/** A block cut into bands of whole rows whose values stay under `limit` bytes each. */
export function sliceBlock(block: Block, limit: number): Block[] {
  const m = /^A1:([A-Z]+)\d+$/.exec(block.address);
  if (!m) throw new Error(`not a block from A1: ${block.address}`);
  const lastCol = m[1] ?? "A";
  const out: Block[] = [];
  let start = 0;
  let bytes = 0;
  block.formulas.forEach((row, i) => {
    const size = utf8Bytes(JSON.stringify(row)) + 1;
    if (i > start && bytes + size > limit) {
      out.push(band(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
  });
  out.push(band(start, block.formulas.length));
  return out;

  function band(from: number, to: number): Block {
    return { address: `A${from + 1}:${lastCol}${to}`, formulas: block.formulas.slice(from, to) };
  }
}

/** Splits operations into requests of at most `limit` bytes each (an oversized op goes alone). */
export function chunkOps<T extends { bytes: number }>(ops: readonly T[], limit: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const op of ops) {
    if (current.length > 0 && bytes + op.bytes > limit) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(op);
    bytes += op.bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Runs the operations: one sync when the layout is small, more when its payload would pass the
 * per-request limit. Events are switched off for the tool's own writes and back on at the end.
 */
export async function applyLayoutOffice(
  context: Excel.RequestContext,
  layout: WorkbookLayout,
  opts: ApplyOptions,
): Promise<{ syncs: number; tablesRefused: string[] }> {
  const all = layoutOps(layout, opts);
  const tail = opts.mergesUnknown ? all.filter((op) => op.table !== undefined) : [];
  const chunks = chunkOps(
    tail.length > 0 ? all.filter((op) => op.table === undefined) : all,
    opts.chunkBytes ?? CHUNK_BYTES,
  );
  if (chunks.length === 0) chunks.push([]);
  context.runtime.enableEvents = false;
  context.application.suspendApiCalculationUntilNextSync();
  let syncs = 0;
  const tablesRefused: string[] = [];
  try {
    for (const [i, chunk] of chunks.entries()) {
      const last = i === chunks.length - 1;
      for (const op of chunk) op.run(context);
      // The tables go last in the last request: a refusal then stops only them (and the events
      // switch after them), everything before is written, and a clean run costs no extra sync.
      if (last) for (const op of tail) op.run(context);
      if (last) context.runtime.enableEvents = true;
      syncs++;
      try {
        // Each chunk is one request under the 5 MB limit of Excel on the web; a small layout is one.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- deliberate chunking by payload size
        await context.sync();
      } catch (err) {
        const refused = (err as { code?: unknown } | null)?.code === "MergedRangeConflict";
        if (!last || tail.length === 0 || !refused) throw err;
        // Nothing of the table stays (tables.add is its first operation): events back on.
        tablesRefused.push(...new Set(tail.map((op) => op.table as string)));
        context.runtime.enableEvents = true;
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- once, after a refused table
        await context.sync();
        syncs++;
      }
    }
  } catch (err) {
    context.runtime.enableEvents = true;
    await context.sync().catch(() => undefined);
    throw err;
  }
  return { syncs, tablesRefused };
}
