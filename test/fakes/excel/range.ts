/** Excel.Range and its format, borders and data validation, on the fake workbook. */
import {
  type Rect,
  MAX_COLS,
  MAX_ROWS,
  boundingRect,
  intersect,
  isEntireColumns,
  isEntireRows,
  qualified,
  rectToA1,
  requireAddress,
} from "./address";
import { type CellContent, displayText, normalizeColor, valueType } from "./cellValues";
import { FakeOfficeError, fail } from "./errors";
import { type Binding, HostObject, HostCollection, defineHost } from "./hostObject";
import { FakeConditionalFormatCollection } from "./objects";
import { FakeWorksheet } from "./sheet";
import {
  type BorderSide,
  type CellFormat,
  type DataValidationRuleState,
  type SheetState,
  type ValidationState,
  colOf,
  contentOf,
  rowOf,
} from "./state";
import type { FakeWorkbook } from "./workbook";

export interface RangeRef {
  readonly sheet: SheetState;
  readonly rect: Rect;
}

const HORIZONTAL = [
  "General",
  "Left",
  "Center",
  "Right",
  "Fill",
  "Justify",
  "CenterAcrossSelection",
  "Distributed",
];
const VERTICAL = ["Top", "Center", "Bottom", "Justify", "Distributed"];
const BORDER_INDEX = [
  "EdgeTop",
  "EdgeBottom",
  "EdgeLeft",
  "EdgeRight",
  "InsideVertical",
  "InsideHorizontal",
  "DiagonalDown",
  "DiagonalUp",
];
const BORDER_STYLES = [
  "None",
  "Continuous",
  "Dash",
  "DashDot",
  "DashDotDot",
  "Dot",
  "Double",
  "SlantDashDot",
];
const BORDER_WEIGHTS = ["Hairline", "Thin", "Medium", "Thick"];
const ALERT_STYLES = ["Stop", "Warning", "Information"];
const OPERATORS = [
  "Between",
  "NotBetween",
  "EqualTo",
  "NotEqualTo",
  "GreaterThan",
  "LessThan",
  "GreaterThanOrEqualTo",
  "LessThanOrEqualTo",
];

export function checkRect(rect: Rect): Rect {
  if (
    !Number.isInteger(rect.r) ||
    !Number.isInteger(rect.c) ||
    rect.r < 0 ||
    rect.c < 0 ||
    rect.rows < 1 ||
    rect.cols < 1 ||
    rect.r + rect.rows > MAX_ROWS ||
    rect.c + rect.cols > MAX_COLS
  ) {
    fail(
      "InvalidArgument",
      `the range (row ${rect.r}, column ${rect.c}, ${rect.rows}×${rect.cols}) is outside the sheet`,
    );
  }
  return rect;
}

function bool(value: unknown, what: string): boolean {
  if (typeof value !== "boolean")
    fail("InvalidArgument", `${what} must be a boolean, got ${String(value)}`);
  return value;
}

function oneOf(value: unknown, allowed: string[], what: string): string {
  if (typeof value !== "string" || !allowed.includes(value)) {
    fail("InvalidArgument", `${what} must be one of ${allowed.join(", ")}, got ${String(value)}`);
  }
  return value;
}

function fakeOf(obj: HostObject): FakeWorkbook {
  return obj._ctx.fake;
}

const CELL_PROPS = [
  "values",
  "formulas",
  "formulasLocal",
  "numberFormat",
  "numberFormatLocal",
  "text",
  "valueTypes",
];

export class FakeRange extends HostObject {
  readonly _typeName = "Range";

  protected override _isGone(target: unknown): boolean {
    return (target as RangeRef).sheet.deleted;
  }

  get format(): FakeRangeFormat {
    return this._nav("format", () => new FakeRangeFormat(this._ctx, this._same("format")));
  }

  get dataValidation(): FakeDataValidation {
    this._ctx._require("1.8", "Range.dataValidation");
    return this._nav(
      "dataValidation",
      () => new FakeDataValidation(this._ctx, this._same("dataValidation")),
    );
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    this._ctx._require("1.6", "Range.conditionalFormats");
    return this._nav(
      "conditionalFormats",
      () => new FakeConditionalFormatCollection(this._ctx, this._same("conditionalFormats")),
    );
  }

  get worksheet(): FakeWorksheet {
    return this._nav(
      "worksheet",
      () =>
        new FakeWorksheet(this._ctx, {
          kind: "child",
          parent: this,
          method: "Range.worksheet",
          resolve: (t: RangeRef) => t.sheet,
        }),
    );
  }

  private _same(name: string): Binding {
    return { kind: "child", parent: this, method: `Range.${name}`, resolve: (t: RangeRef) => t };
  }

  protected _get(target: unknown, name: string): unknown {
    const { sheet, rect } = target as RangeRef;
    const fake = fakeOf(this);
    const unbounded = isEntireColumns(rect) || isEntireRows(rect);
    if (CELL_PROPS.includes(name)) {
      if (unbounded) return null;
      if (rect.rows * rect.cols > fake.maxCellsPerRead) {
        // "Range.values returns null instead" on some builds (performance article).
        if (fake.bigRead === "null") return null;
        fail(
          "RangeExceedsLimit",
          `${rect.rows * rect.cols} cells is over the ${fake.maxCellsPerRead}-cell read limit`,
        );
      }
    }
    const grid = <T>(read: (content: CellContent, format: string | undefined) => T): T[][] =>
      Array.from({ length: rect.rows }, (_, i) =>
        Array.from({ length: rect.cols }, (_, j) => {
          const cell = fake.cellAt(sheet, rect.r + i, rect.c + j);
          return read(contentOf(cell), cell?.numberFormat);
        }),
      );
    const allOrNone = (set: Set<number>, start: number, count: number): boolean | null => {
      let hidden = 0;
      for (let i = start; i < start + count; i++) if (set.has(i)) hidden++;
      return hidden === 0 ? false : hidden === count ? true : null;
    };
    switch (name) {
      case "address":
      case "addressLocal":
        return qualified(sheet.name, rect);
      case "cellCount":
        return rect.rows * rect.cols;
      case "rowCount":
        return rect.rows;
      case "columnCount":
        return rect.cols;
      case "rowIndex":
        return rect.r;
      case "columnIndex":
        return rect.c;
      case "values":
        return grid((c) => c.value ?? "");
      case "formulas":
      case "formulasLocal":
        return grid((c) => c.formula ?? c.value ?? "");
      case "numberFormat":
      case "numberFormatLocal":
        return grid((_c, f) => f ?? "General");
      case "text":
        return grid((c, f) => displayText(c, f));
      case "valueTypes":
        return grid((c) => valueType(c));
      case "isEntireColumn":
        return isEntireColumns(rect);
      case "isEntireRow":
        return isEntireRows(rect);
      case "columnHidden":
        return allOrNone(sheet.hiddenCols, rect.c, rect.cols);
      case "rowHidden":
        return allOrNone(sheet.hiddenRows, rect.r, rect.rows);
      case "hidden":
        return (
          allOrNone(sheet.hiddenCols, rect.c, rect.cols) === true ||
          allOrNone(sheet.hiddenRows, rect.r, rect.rows) === true
        );
      case "width":
      case "left":
      case "height":
      case "top": {
        const horizontal = name === "width" || name === "left";
        const [from, to] =
          name === "width"
            ? [rect.c, rect.c + rect.cols]
            : name === "left"
              ? [0, rect.c]
              : name === "height"
                ? [rect.r, rect.r + rect.rows]
                : [0, rect.r];
        let sum = 0;
        for (let i = from; i < Math.min(to, from + 20000); i++) {
          sum += horizontal
            ? sheet.hiddenCols.has(i)
              ? 0
              : fake.columnWidth(sheet, i)
            : sheet.hiddenRows.has(i)
              ? 0
              : fake.rowHeight(sheet, i);
        }
        return sum;
      }
      default:
        return fail("InvalidArgument", `Range.${name} is not modelled`);
    }
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const { sheet, rect } = target as RangeRef;
    const fake = fakeOf(this);
    const who = { source: "Local" as const, triggerSource: "ThisLocalAddin" as const };
    switch (name) {
      case "values":
        return fake.writeGrid(sheet, rect, value, "values", who);
      case "formulas":
      case "formulasLocal":
        return fake.writeGrid(sheet, rect, value, "formulas", who);
      case "numberFormat":
      case "numberFormatLocal":
        return fake.writeGrid(sheet, rect, value, "numberFormat", who);
      case "columnHidden":
        bool(value, "columnHidden");
        for (let c = rect.c; c < rect.c + rect.cols; c++) {
          if (value) sheet.hiddenCols.add(c);
          else sheet.hiddenCols.delete(c);
        }
        return;
      case "rowHidden":
        bool(value, "rowHidden");
        for (let r = rect.r; r < rect.r + Math.min(rect.rows, MAX_ROWS); r++) {
          if (value) sheet.hiddenRows.add(r);
          else sheet.hiddenRows.delete(r);
        }
        return;
      default:
        super._set(target, name, value);
    }
  }

  /** A Range derived from this one while the batch executes. */
  _derive(method: string, args: unknown[], compute: (t: RangeRef) => RangeRef | null): FakeRange {
    return this._child((b) => new FakeRange(this._ctx, b), method, args, compute);
  }

  /** Resolves a `Range | string` argument on this range's sheet (during the batch). */
  _otherRect(t: RangeRef, other: FakeRange | string): Rect {
    if (typeof other === "string") {
      const parsed = requireAddress(other);
      if (parsed.sheet !== undefined && fakeOf(this).sheetByName(parsed.sheet) !== t.sheet) {
        fail("InvalidArgument", `${other} is not on the sheet ${t.sheet.name}`);
      }
      return parsed.rect;
    }
    const o = other._target() as RangeRef | null;
    if (!o) fail("InvalidArgument", "the other range is a null object");
    if (o.sheet !== t.sheet) fail("InvalidArgument", "the ranges are on different sheets");
    return o.rect;
  }

  private _checkArg(other: FakeRange | string): void {
    if (other instanceof FakeRange && other._ctx !== this._ctx) {
      throw new FakeOfficeError("InvalidRequestContext", { location: "Range" });
    }
  }

  getCell(row: number, column: number): FakeRange {
    return this._derive("getCell", [row, column], (t) => ({
      sheet: t.sheet,
      rect: checkRect({ r: t.rect.r + row, c: t.rect.c + column, rows: 1, cols: 1 }),
    }));
  }

  /**
   * The client sends this before it splits a big values/formulas write into 1 500-cell row
   * blocks (setRangePropertiesInBulk): the array must fit the range.
   */
  validateArraySize(rows: number, columns: number): void {
    this._call("_ValidateArraySize", [rows, columns], (t: RangeRef) => {
      if (rows !== t.rect.rows || columns !== t.rect.cols) {
        fail(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range: ${rows}×${columns} for ${rectToA1(t.rect)}`,
        );
      }
    });
  }

  getRow(row: number): FakeRange {
    return this._derive("getRow", [row], (t) => ({
      sheet: t.sheet,
      rect: checkRect({ r: t.rect.r + row, c: t.rect.c, rows: 1, cols: t.rect.cols }),
    }));
  }

  getColumn(column: number): FakeRange {
    return this._derive("getColumn", [column], (t) => ({
      sheet: t.sheet,
      rect: checkRect({ r: t.rect.r, c: t.rect.c + column, rows: t.rect.rows, cols: 1 }),
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this._derive("getResizedRange", [deltaRows, deltaColumns], (t) => ({
      sheet: t.sheet,
      rect: checkRect({
        ...t.rect,
        rows: t.rect.rows + deltaRows,
        cols: t.rect.cols + deltaColumns,
      }),
    }));
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): FakeRange {
    return this._derive("getAbsoluteResizedRange", [numRows, numColumns], (t) => ({
      sheet: t.sheet,
      rect: checkRect({ ...t.rect, rows: numRows, cols: numColumns }),
    }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this._derive("getOffsetRange", [rowOffset, columnOffset], (t) => ({
      sheet: t.sheet,
      rect: checkRect({ ...t.rect, r: t.rect.r + rowOffset, c: t.rect.c + columnOffset }),
    }));
  }

  getRowsAbove(count = 1): FakeRange {
    return this._derive("getRowsAbove", [count], (t) => ({
      sheet: t.sheet,
      rect: checkRect({ ...t.rect, r: t.rect.r - count, rows: count }),
    }));
  }

  getRowsBelow(count = 1): FakeRange {
    return this._derive("getRowsBelow", [count], (t) => ({
      sheet: t.sheet,
      rect: checkRect({ ...t.rect, r: t.rect.r + t.rect.rows, rows: count }),
    }));
  }

  getColumnsBefore(count = 1): FakeRange {
    return this._derive("getColumnsBefore", [count], (t) => ({
      sheet: t.sheet,
      rect: checkRect({ ...t.rect, c: t.rect.c - count, cols: count }),
    }));
  }

  getColumnsAfter(count = 1): FakeRange {
    return this._derive("getColumnsAfter", [count], (t) => ({
      sheet: t.sheet,
      rect: checkRect({ ...t.rect, c: t.rect.c + t.rect.cols, cols: count }),
    }));
  }

  getEntireColumn(): FakeRange {
    return this._derive("getEntireColumn", [], (t) => ({
      sheet: t.sheet,
      rect: { r: 0, c: t.rect.c, rows: MAX_ROWS, cols: t.rect.cols },
    }));
  }

  getEntireRow(): FakeRange {
    return this._derive("getEntireRow", [], (t) => ({
      sheet: t.sheet,
      rect: { r: t.rect.r, c: 0, rows: t.rect.rows, cols: MAX_COLS },
    }));
  }

  getLastCell(): FakeRange {
    return this._derive("getLastCell", [], (t) => ({
      sheet: t.sheet,
      rect: { r: t.rect.r + t.rect.rows - 1, c: t.rect.c + t.rect.cols - 1, rows: 1, cols: 1 },
    }));
  }

  getLastRow(): FakeRange {
    return this._derive("getLastRow", [], (t) => ({
      sheet: t.sheet,
      rect: { ...t.rect, r: t.rect.r + t.rect.rows - 1, rows: 1 },
    }));
  }

  getLastColumn(): FakeRange {
    return this._derive("getLastColumn", [], (t) => ({
      sheet: t.sheet,
      rect: { ...t.rect, c: t.rect.c + t.rect.cols - 1, cols: 1 },
    }));
  }

  getIntersection(anotherRange: FakeRange | string): FakeRange {
    this._checkArg(anotherRange);
    return this._derive("getIntersection", [anotherRange], (t) => {
      const i = intersect(t.rect, this._otherRect(t, anotherRange));
      if (!i) fail("ItemNotFound", "the ranges do not intersect");
      return { sheet: t.sheet, rect: i };
    });
  }

  getIntersectionOrNullObject(anotherRange: FakeRange | string): FakeRange {
    this._checkArg(anotherRange);
    return this._derive("getIntersectionOrNullObject", [anotherRange], (t) => {
      const i = intersect(t.rect, this._otherRect(t, anotherRange));
      return i ? { sheet: t.sheet, rect: i } : null;
    });
  }

  getBoundingRect(anotherRange: FakeRange | string): FakeRange {
    this._checkArg(anotherRange);
    return this._derive("getBoundingRect", [anotherRange], (t) => ({
      sheet: t.sheet,
      rect: boundingRect(t.rect, this._otherRect(t, anotherRange)),
    }));
  }

  /** The used part of this range; ItemNotFound when it holds nothing. */
  getUsedRange(valuesOnly = false): FakeRange {
    return this._derive("getUsedRange", [valuesOnly], (t) => {
      const used = fakeOf(this).usedRect(t.sheet, valuesOnly, t.rect);
      if (!used) fail("ItemNotFound", `${rectToA1(t.rect)} has no used cells`);
      return { sheet: t.sheet, rect: used };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return this._derive("getUsedRangeOrNullObject", [valuesOnly], (t) => {
      const used = fakeOf(this).usedRect(t.sheet, valuesOnly, t.rect);
      return used ? { sheet: t.sheet, rect: used } : null;
    });
  }

  /**
   * The cells of this range of one kind (ExcelApi 1.9): "Constants" or "Formulas" (optionally only
   * "Numbers", "Text", "Logical" or "Errors", or combinations such as "LogicalNumbers"), or
   * "DataValidations". ItemNotFound when there is none, as Excel does.
   */
  getSpecialCells(cellType: string, cellValueType?: string): FakeRangeAreas {
    this._ctx._require("1.9", "Range.getSpecialCells");
    return this._special("getSpecialCells", cellType, cellValueType, false);
  }

  getSpecialCellsOrNullObject(cellType: string, cellValueType?: string): FakeRangeAreas {
    this._ctx._require("1.9", "Range.getSpecialCellsOrNullObject");
    return this._special("getSpecialCellsOrNullObject", cellType, cellValueType, true);
  }

  private _special(
    method: string,
    cellType: string,
    cellValueType: string | undefined,
    orNull: boolean,
  ): FakeRangeAreas {
    return this._child(
      (b) => new FakeRangeAreas(this._ctx, b),
      method,
      cellValueType === undefined ? [cellType] : [cellType, cellValueType],
      (t: RangeRef): AreasRef | null => {
        const rects = specialRects(fakeOf(this), t, cellType, cellValueType ?? "All");
        if (rects.length > 0) return { sheet: t.sheet, rects };
        if (orNull) return null;
        return fail("ItemNotFound", `no cells of type ${cellType} in ${rectToA1(t.rect)}`);
      },
    );
  }

  /**
   * The merged areas overlapping this range (ExcelApi 1.13), as a RangeAreas whose address lists
   * every area with its sheet: "Sheet1!A1:B4, Sheet1!D1:D4". Null object when there is none.
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this._ctx._require("1.13", "Range.getMergedAreasOrNullObject");
    return this._child(
      (b) => new FakeRangeAreas(this._ctx, b),
      "getMergedAreasOrNullObject",
      [],
      (t: RangeRef): AreasRef | null => {
        // Only merges whose top-left cell is inside the range (OfficeDev/office-js#3611), and
        // none past 512: "if the merged areas count in this range is more than 512, then this
        // method will fail to return the result" (the typings' note; modelled as an error).
        const inside = (m: Rect): boolean =>
          m.r >= t.rect.r &&
          m.r < t.rect.r + t.rect.rows &&
          m.c >= t.rect.c &&
          m.c < t.rect.c + t.rect.cols;
        const areas = t.sheet.merges.filter(inside);
        if (areas.length > 512)
          fail(
            "GeneralException",
            `${areas.length} merged areas: over the 512 this method returns`,
          );
        return areas.length === 0 ? null : { sheet: t.sheet, rects: areas };
      },
    );
  }

  clear(applyTo: string = "All"): void {
    this._call("clear", [applyTo], (t: RangeRef) =>
      fakeOf(this).clearRange(t.sheet, t.rect, applyTo),
    );
  }

  merge(across = false): void {
    this._call("merge", [across], (t: RangeRef) => fakeOf(this).merge(t.sheet, t.rect, across));
  }

  unmerge(): void {
    this._call("unmerge", [], (t: RangeRef) => fakeOf(this).unmerge(t.sheet, t.rect));
  }

  select(): void {
    this._call("select", [], (t: RangeRef) => {
      const fake = fakeOf(this);
      if (t.sheet.visibility !== "Visible")
        fail("InvalidOperation", `cannot select on the hidden sheet ${t.sheet.name}`);
      fake.activeSheet = t.sheet;
      fake.selection = { sheet: t.sheet.name, address: rectToA1(t.rect) };
    });
  }

  calculate(): void {
    this._call("calculate", [], () => undefined);
  }
}

defineHost(FakeRange, {
  scalars: [
    "address",
    "addressLocal",
    "cellCount",
    "columnCount",
    "rowCount",
    "columnIndex",
    "rowIndex",
    "text",
    "valueTypes",
    "isEntireColumn",
    "isEntireRow",
    "hidden",
    "height",
    "width",
    "top",
    "left",
  ],
  writable: [
    "values",
    "formulas",
    "formulasLocal",
    "numberFormat",
    "numberFormatLocal",
    "columnHidden",
    "rowHidden",
  ],
  navs: ["format", "dataValidation", "conditionalFormats", "worksheet"],
});

// ------------------------------------------------------------------ format

abstract class RangePart extends HostObject {
  protected override _isGone(target: unknown): boolean {
    return (target as RangeRef).sheet.deleted;
  }

  protected _fake(): FakeWorkbook {
    return fakeOf(this);
  }

  protected _uniform<T>(t: RangeRef, read: (f: CellFormat, r: number, c: number) => T): T | null {
    return this._fake().uniform(t.sheet, t.rect, read);
  }

  protected _update(t: RangeRef, change: (f: CellFormat, r: number, c: number) => void): void {
    this._fake().updateFormat(t.sheet, t.rect, change);
  }

  protected _sub(name: string): Binding {
    return {
      kind: "child",
      parent: this,
      method: `${this._typeName}.${name}`,
      resolve: (t: RangeRef) => t,
    };
  }
}

export class FakeRangeFormat extends RangePart {
  readonly _typeName = "RangeFormat";

  get fill(): FakeRangeFill {
    return this._nav("fill", () => new FakeRangeFill(this._ctx, this._sub("fill")));
  }

  get font(): FakeRangeFont {
    return this._nav("font", () => new FakeRangeFont(this._ctx, this._sub("font")));
  }

  get borders(): FakeRangeBorderCollection {
    return this._nav(
      "borders",
      () => new FakeRangeBorderCollection(this._ctx, this._sub("borders")),
    );
  }

  protected _get(target: unknown, name: string): unknown {
    const t = target as RangeRef;
    const fake = this._fake();
    const { rect, sheet } = t;
    const across = (start: number, count: number, read: (i: number) => number): number | null => {
      const first = read(start);
      for (let i = start + 1; i < start + Math.min(count, 20000); i++)
        if (read(i) !== first) return null;
      return first;
    };
    switch (name) {
      case "columnWidth":
        return across(rect.c, rect.cols, (c) => fake.columnWidth(sheet, c));
      case "rowHeight":
        return across(rect.r, rect.rows, (r) => fake.rowHeight(sheet, r));
      case "useStandardWidth":
        return across(rect.c, rect.cols, (c) => (sheet.colWidths.has(c) ? 0 : 1)) === 1;
      case "useStandardHeight":
        return across(rect.r, rect.rows, (r) => (sheet.rowHeights.has(r) ? 0 : 1)) === 1;
      case "wrapText":
        return this._uniform(t, (f) => f.wrapText ?? false);
      case "horizontalAlignment":
        return this._uniform(t, (f) => f.horizontalAlignment ?? "General");
      case "verticalAlignment":
        return this._uniform(t, (f) => f.verticalAlignment ?? "Bottom");
      default:
        return fail("InvalidArgument", `RangeFormat.${name} is not modelled`);
    }
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const t = target as RangeRef;
    const { sheet, rect } = t;
    switch (name) {
      case "columnWidth":
        if (typeof value !== "number" || value < 0)
          fail("InvalidArgument", `columnWidth must be a number ≥ 0, got ${String(value)}`);
        for (let c = rect.c; c < rect.c + rect.cols; c++) sheet.colWidths.set(c, value);
        return;
      case "rowHeight":
        if (typeof value !== "number" || value < 0)
          fail("InvalidArgument", `rowHeight must be a number ≥ 0, got ${String(value)}`);
        for (let r = rect.r; r < rect.r + Math.min(rect.rows, 100000); r++)
          sheet.rowHeights.set(r, value);
        return;
      case "useStandardWidth":
        if (bool(value, name))
          for (let c = rect.c; c < rect.c + rect.cols; c++) sheet.colWidths.delete(c);
        return;
      case "useStandardHeight":
        if (bool(value, name))
          for (let r = rect.r; r < rect.r + rect.rows; r++) sheet.rowHeights.delete(r);
        return;
      case "wrapText": {
        const v = bool(value, name);
        return this._update(t, (f) => {
          if (v) f.wrapText = true;
          else delete f.wrapText;
        });
      }
      case "horizontalAlignment": {
        const v = oneOf(value, HORIZONTAL, name);
        return this._update(t, (f) => {
          if (v === "General") delete f.horizontalAlignment;
          else f.horizontalAlignment = v;
        });
      }
      case "verticalAlignment": {
        const v = oneOf(value, VERTICAL, name);
        return this._update(t, (f) => {
          if (v === "Bottom") delete f.verticalAlignment;
          else f.verticalAlignment = v;
        });
      }
      default:
        super._set(target, name, value);
    }
  }

  /** Sets each column to fit its longest text (an estimate: about 6 points a character). */
  autofitColumns(): void {
    this._call("autofitColumns", [], (t: RangeRef) => {
      const fake = this._fake();
      fake.log.push({
        sync: this._ctx.syncCount,
        call: `autofitColumns ${qualified(t.sheet.name, t.rect)}`,
      });
      for (let c = t.rect.c; c < t.rect.c + Math.min(t.rect.cols, 1000); c++) {
        let longest = 0;
        for (let r = t.rect.r; r < t.rect.r + Math.min(t.rect.rows, 100000); r++) {
          const cell = fake.cellAt(t.sheet, r, c);
          if (cell)
            longest = Math.max(longest, displayText(contentOf(cell), cell.numberFormat).length);
        }
        t.sheet.colWidths.set(c, longest === 0 ? 48 : Math.round(longest * 6 + 6));
      }
    });
  }

  autofitRows(): void {
    this._call("autofitRows", [], (t: RangeRef) => {
      this._fake().log.push({
        sync: this._ctx.syncCount,
        call: `autofitRows ${qualified(t.sheet.name, t.rect)}`,
      });
    });
  }
}

defineHost(FakeRangeFormat, {
  writable: [
    "columnWidth",
    "rowHeight",
    "wrapText",
    "horizontalAlignment",
    "verticalAlignment",
    "useStandardWidth",
    "useStandardHeight",
  ],
  navs: ["fill", "font", "borders"],
});

export class FakeRangeFill extends RangePart {
  readonly _typeName = "RangeFill";

  protected _get(target: unknown, name: string): unknown {
    if (name !== "color") return fail("InvalidArgument", `RangeFill.${name} is not modelled`);
    return this._uniform(target as RangeRef, (f) => f.fillColor ?? "#FFFFFF");
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    if (name !== "color") return super._set(target, name, value);
    const color = normalizeColor(value, "RangeFill.color");
    this._update(target as RangeRef, (f) => {
      f.fillColor = color;
    });
  }

  clear(): void {
    this._call("clear", [], (t: RangeRef) =>
      this._update(t, (f) => {
        delete f.fillColor;
      }),
    );
  }
}

defineHost(FakeRangeFill, { writable: ["color"] });

const FONT_DEFAULTS: Record<string, unknown> = {
  bold: false,
  italic: false,
  color: "#000000",
  size: 11,
  name: "Calibri",
  underline: "None",
  strikethrough: false,
};

export class FakeRangeFont extends RangePart {
  readonly _typeName = "RangeFont";

  protected _get(target: unknown, name: string): unknown {
    return this._uniform(
      target as RangeRef,
      (f) => (f.font as Record<string, unknown> | undefined)?.[name] ?? FONT_DEFAULTS[name],
    );
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    let v: unknown = value;
    if (name === "bold" || name === "italic" || name === "strikethrough")
      v = bool(value, `RangeFont.${name}`);
    else if (name === "color") v = normalizeColor(value, "RangeFont.color");
    else if (name === "size") {
      if (typeof value !== "number" || value < 1 || value > 409)
        fail("InvalidArgument", `font size must be 1–409, got ${String(value)}`);
    } else if (name === "name") {
      if (typeof value !== "string" || value === "")
        fail("InvalidArgument", "font name must be a non-empty string");
    } else if (name === "underline") {
      v = oneOf(
        value,
        ["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"],
        "underline",
      );
    }
    this._update(target as RangeRef, (f) => {
      const font = { ...f.font } as Record<string, unknown>;
      if (v === FONT_DEFAULTS[name]) delete font[name];
      else font[name] = v;
      if (Object.keys(font).length) f.font = font;
      else delete f.font;
    });
  }
}

defineHost(FakeRangeFont, {
  writable: ["bold", "italic", "color", "size", "name", "underline", "strikethrough"],
});

// ------------------------------------------------------------------ borders

interface BorderRef extends RangeRef {
  readonly index: string;
}

/** The (cell, side) pairs a border index of a range stands for. */
function borderCells(rect: Rect, index: string): { r: number; c: number; side: BorderSide }[] {
  const out: { r: number; c: number; side: BorderSide }[] = [];
  const lastR = rect.r + rect.rows - 1;
  const lastC = rect.c + rect.cols - 1;
  const rowCells = (r: number, side: BorderSide): void => {
    for (let c = rect.c; c <= lastC; c++) out.push({ r, c, side });
  };
  const colCells = (c: number, side: BorderSide): void => {
    for (let r = rect.r; r <= lastR; r++) out.push({ r, c, side });
  };
  switch (index) {
    case "EdgeTop":
      rowCells(rect.r, "EdgeTop");
      break;
    case "EdgeBottom":
      rowCells(lastR, "EdgeBottom");
      break;
    case "EdgeLeft":
      colCells(rect.c, "EdgeLeft");
      break;
    case "EdgeRight":
      colCells(lastC, "EdgeRight");
      break;
    case "InsideHorizontal":
      for (let r = rect.r; r < lastR; r++) rowCells(r, "EdgeBottom");
      for (let r = rect.r + 1; r <= lastR; r++) rowCells(r, "EdgeTop");
      break;
    case "InsideVertical":
      for (let c = rect.c; c < lastC; c++) colCells(c, "EdgeRight");
      for (let c = rect.c + 1; c <= lastC; c++) colCells(c, "EdgeLeft");
      break;
    default:
      for (let r = rect.r; r <= lastR; r++) rowCells(r, index as BorderSide);
  }
  return out;
}

export class FakeRangeBorderCollection extends HostCollection<FakeRangeBorder> {
  readonly _typeName = "RangeBorderCollection";

  protected override _isGone(target: unknown): boolean {
    return (target as RangeRef).sheet.deleted;
  }

  protected _list(target: RangeRef): unknown[] {
    return BORDER_INDEX.map((index) => ({ ...target, index }));
  }

  protected _item(target: unknown): FakeRangeBorder {
    return new FakeRangeBorder(this._ctx, { kind: "bound", target });
  }

  getItem(index: string): FakeRangeBorder {
    return this._child(
      (b) => new FakeRangeBorder(this._ctx, b),
      "getItem",
      [index],
      (t: RangeRef): BorderRef => ({ ...t, index: oneOf(index, BORDER_INDEX, "border index") }),
    );
  }

  override getItemAt(i: number): FakeRangeBorder {
    return this._child(
      (b) => new FakeRangeBorder(this._ctx, b),
      "getItemAt",
      [i],
      (t: RangeRef): BorderRef => {
        const index = BORDER_INDEX[i];
        if (!index) fail("InvalidArgument", `no border at index ${i}`);
        return { ...t, index };
      },
    );
  }
}

defineHost(FakeRangeBorderCollection, { scalars: ["count"] });

const BORDER_DEFAULT = { style: "None", color: "#000000", weight: "Thin" };

export class FakeRangeBorder extends HostObject {
  readonly _typeName = "RangeBorder";

  protected override _isGone(target: unknown): boolean {
    return (target as RangeRef).sheet.deleted;
  }

  protected _get(target: unknown, name: string): unknown {
    const t = target as BorderRef;
    if (name === "sideIndex") return t.index;
    const fake = this._ctx.fake;
    const cells = borderCells(t.rect, t.index);
    if (cells.length === 0) return (BORDER_DEFAULT as Record<string, string>)[name];
    let value: unknown;
    for (const [i, { r, c, side }] of cells.entries()) {
      const b = fake.effectiveFormat(t.sheet, r, c).borders?.[side] ?? BORDER_DEFAULT;
      const v = (b as unknown as Record<string, unknown>)[name];
      if (i === 0) value = v;
      else if (v !== value) return null;
    }
    return value;
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const t = target as BorderRef;
    let v: string;
    if (name === "style") v = oneOf(value, BORDER_STYLES, "border style");
    else if (name === "weight") v = oneOf(value, BORDER_WEIGHTS, "border weight");
    else if (name === "color") v = normalizeColor(value, "border color");
    else return super._set(target, name, value);
    const fake = this._ctx.fake;
    for (const { r, c, side } of borderCells(t.rect, t.index)) {
      fake.updateFormat(t.sheet, { r, c, rows: 1, cols: 1 }, (f) => {
        const borders = { ...f.borders };
        if (name === "style" && v === "None") delete borders[side];
        else
          borders[side] = { ...BORDER_DEFAULT, style: "Continuous", ...borders[side], [name]: v };
        if (Object.keys(borders).length) f.borders = borders;
        else delete f.borders;
      });
    }
  }
}

defineHost(FakeRangeBorder, { scalars: ["sideIndex"], writable: ["style", "color", "weight"] });

// ------------------------------------------------------------------ data validation

const RULE_TYPES: Record<string, string> = {
  list: "List",
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  textLength: "TextLength",
  date: "Date",
  time: "Time",
  custom: "Custom",
};

export class FakeDataValidation extends RangePart {
  readonly _typeName = "DataValidation";

  protected _get(target: unknown, name: string): unknown {
    const t = target as RangeRef;
    const parts = this._fake().validationsIn(t.sheet, t.rect);
    /** The field's value when every cell of the range has the same, else null (Office.js). */
    const same = (read: (v: ValidationState | null) => unknown): unknown => {
      const values = parts.map((p) => read(p.v));
      const first = JSON.stringify(values[0]);
      return values.every((v) => JSON.stringify(v) === first) ? values[0] : null;
    };
    switch (name) {
      case "type": {
        const type = same((v) => (v ? [v.type, v.rule] : ["None", null]));
        if (type) return (type as [string, unknown])[0];
        const types = parts.map((p) => p.v?.type ?? "None");
        return types.every((x) => x === types[0]) ? "MixedCriteria" : "Inconsistent";
      }
      case "rule":
        return same((v) => (v?.rule ? (JSON.parse(JSON.stringify(v.rule)) as unknown) : {}));
      case "errorAlert":
        return same((v) => ({
          ...(v?.errorAlert ?? { style: "Stop", title: "", message: "", showAlert: true }),
        }));
      case "prompt":
        return same((v) => ({ ...(v?.prompt ?? { title: "", message: "", showPrompt: false }) }));
      case "ignoreBlanks":
        return same((v) => v?.ignoreBlanks ?? true);
      default:
        return fail("InvalidArgument", `DataValidation.${name} is not modelled`);
    }
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const t = target as RangeRef;
    const fake = this._fake();
    switch (name) {
      case "rule": {
        const { rule, type } = this._normalizeRule(t, value);
        fake.setValidationRule(t.sheet, t.rect, rule, type);
        return;
      }
      case "errorAlert": {
        const v = checkObject(value, "errorAlert", {
          style: "string",
          title: "string",
          message: "string",
          showAlert: "boolean",
        });
        if (v.style !== undefined) oneOf(v.style, ALERT_STYLES, "errorAlert.style");
        checkLengths(v, "errorAlert");
        fake.updateValidation(t.sheet, t.rect, (s) => {
          s.errorAlert = { ...s.errorAlert, ...(v as Partial<ValidationState["errorAlert"]>) };
        });
        return;
      }
      case "prompt": {
        const v = checkObject(value, "prompt", {
          title: "string",
          message: "string",
          showPrompt: "boolean",
        });
        checkLengths(v, "prompt");
        fake.updateValidation(t.sheet, t.rect, (s) => {
          s.prompt = { ...s.prompt, ...(v as Partial<ValidationState["prompt"]>) };
        });
        return;
      }
      case "ignoreBlanks": {
        const v = bool(value, "ignoreBlanks");
        fake.updateValidation(t.sheet, t.rect, (s) => {
          s.ignoreBlanks = v;
        });
        return;
      }
      default:
        super._set(target, name, value);
    }
  }

  private _normalizeRule(
    t: RangeRef,
    value: unknown,
  ): { rule: DataValidationRuleState; type: string } {
    if (!value || typeof value !== "object")
      fail("InvalidArgument", "DataValidation.rule must be an object");
    const keys = Object.keys(value).filter(
      (k) => (value as Record<string, unknown>)[k] !== undefined,
    );
    if (keys.length !== 1 || !RULE_TYPES[keys[0] ?? ""]) {
      fail(
        "InvalidArgument",
        `DataValidation.rule needs exactly one of ${Object.keys(RULE_TYPES).join(", ")}; got ${keys.join(", ") || "none"}`,
      );
    }
    const kind = keys[0] as keyof DataValidationRuleState;
    const body = (value as Record<string, unknown>)[kind];
    if (!body || typeof body !== "object")
      fail("InvalidArgument", `rule.${kind} must be an object`);
    const b = body as Record<string, unknown>;
    const formula = (v: unknown, what: string): string | number => {
      if (v instanceof FakeRange) {
        const ref = v._target() as RangeRef | null;
        if (!ref) fail("InvalidArgument", `${what} is a null range`);
        return `=${ref.sheet === t.sheet ? rectToA1(ref.rect, true) : qualified(ref.sheet.name, ref.rect, true)}`;
      }
      if (v instanceof Date) return dateSerial(v);
      if (typeof v === "number" || (typeof v === "string" && v !== "")) return v;
      return fail("InvalidArgument", `${what} must be a formula, number or Range`);
    };
    const type = RULE_TYPES[kind] ?? "None";
    if (kind === "list") {
      const source = formula(b.source, "rule.list.source");
      if (typeof source === "string" && !source.startsWith("=") && source.length > 255) {
        fail(
          "InvalidArgument",
          `a list source is limited to 255 characters (got ${source.length})`,
        );
      }
      const inCellDropDown =
        b.inCellDropDown === undefined ? true : bool(b.inCellDropDown, "rule.list.inCellDropDown");
      return { rule: { list: { inCellDropDown, source: String(source) } }, type };
    }
    if (kind === "custom") {
      if (typeof b.formula !== "string" || b.formula === "")
        fail("InvalidArgument", "rule.custom.formula must be a formula");
      return { rule: { custom: { formula: b.formula } }, type };
    }
    const operator = oneOf(b.operator, OPERATORS, `rule.${kind}.operator`);
    const formula1 = formula(b.formula1, `rule.${kind}.formula1`);
    const needsTwo = operator === "Between" || operator === "NotBetween";
    if (needsTwo && b.formula2 === undefined)
      fail("InvalidArgument", `rule.${kind}: ${operator} needs formula2`);
    const basic = {
      operator,
      formula1,
      ...(needsTwo ? { formula2: formula(b.formula2, `rule.${kind}.formula2`) } : {}),
    };
    const rule: DataValidationRuleState = { [kind]: basic };
    return { rule, type };
  }

  /** Removes every validation rule in the range — also the ones the add-in did not create. */
  clear(): void {
    this._call("clear", [], (t: RangeRef) => this._fake().clearValidation(t.sheet, t.rect));
  }
}

defineHost(FakeDataValidation, {
  scalars: ["type"],
  writable: ["rule", "errorAlert", "prompt", "ignoreBlanks"],
});

function checkObject(
  value: unknown,
  what: string,
  shape: Record<string, "string" | "boolean">,
): Record<string, unknown> {
  if (!value || typeof value !== "object") fail("InvalidArgument", `${what} must be an object`);
  const v = value as Record<string, unknown>;
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    const expected = shape[k];
    if (!expected) fail("InvalidArgument", `${what} has no property "${k}"`);
    if (typeof x !== expected) fail("InvalidArgument", `${what}.${k} must be a ${expected}`);
  }
  return v;
}

/** Excel's own dialog limits: a title of 32 characters, a message of 255. */
function checkLengths(v: Record<string, unknown>, what: string): void {
  if (typeof v.title === "string" && v.title.length > 32) {
    fail("InvalidArgument", `${what}.title is limited to 32 characters (got ${v.title.length})`);
  }
  if (typeof v.message === "string" && v.message.length > 255) {
    fail(
      "InvalidArgument",
      `${what}.message is limited to 255 characters (got ${v.message.length})`,
    );
  }
}

function dateSerial(d: Date): number {
  return Math.round(
    (Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - Date.UTC(1899, 11, 30)) / 86400000,
  );
}

// ------------------------------------------------------------------ range areas

interface AreasRef {
  readonly sheet: SheetState;
  readonly rects: readonly Rect[];
}

/** Excel.RangeAreas, read-only: what getMergedAreasOrNullObject / getSpecialCells return. */
export class FakeRangeAreas extends HostObject {
  readonly _typeName = "RangeAreas";

  protected override _isGone(target: unknown): boolean {
    return (target as AreasRef).sheet.deleted;
  }

  /** The rectangles, as a RangeCollection (load "items/address,items/values", …). */
  get areas(): FakeRangeCollection {
    return this._nav(
      "areas",
      () =>
        new FakeRangeCollection(this._ctx, {
          kind: "child",
          parent: this,
          method: "RangeAreas.areas",
          resolve: (t: AreasRef) => t,
        }),
    );
  }

  protected _get(target: unknown, name: string): unknown {
    const { sheet, rects } = target as AreasRef;
    switch (name) {
      case "address":
        return rects.map((r) => qualified(sheet.name, r)).join(", ");
      case "areaCount":
        return rects.length;
      case "cellCount":
        return rects.reduce((n, r) => n + r.rows * r.cols, 0);
      default:
        return fail("InvalidArgument", `RangeAreas.${name} is not modelled`);
    }
  }
}

defineHost(FakeRangeAreas, { scalars: ["address", "areaCount", "cellCount"], navs: ["areas"] });

export class FakeRangeCollection extends HostCollection<FakeRange> {
  readonly _typeName = "RangeCollection";

  protected override _isGone(target: unknown): boolean {
    return (target as AreasRef).sheet.deleted;
  }

  protected _list(t: AreasRef): RangeRef[] {
    return t.rects.map((rect) => ({ sheet: t.sheet, rect }));
  }

  protected _item(target: unknown): FakeRange {
    return new FakeRange(this._ctx, { kind: "bound", target });
  }
}

defineHost(FakeRangeCollection, {});

/** Excel.SpecialCellValueType names are made of these stems ("ErrorsLogicalNumber", "NumbersText"). */
const VALUE_KINDS = [
  ["Errors", "Error"],
  ["Logical", "Logical"],
  ["Numbers", "Number"],
  ["Text", "Text"],
] as const;

/**
 * The rectangles of getSpecialCells: column runs of matching cells, joined across neighbouring
 * columns with the same rows (Excel's own split into areas may differ; the cells are the same).
 */
function specialRects(
  fake: FakeWorkbook,
  t: RangeRef,
  cellType: string,
  valueType: string,
): Rect[] {
  const kinds = VALUE_KINDS.filter(
    ([, stem]) => valueType === "All" || valueType.includes(stem),
  ).map(([kind]) => kind as string);
  if (kinds.length === 0) fail("InvalidArgument", `unknown cell value type ${valueType}`);
  let match: (r: number, c: number) => boolean;
  if (cellType === "Constants" || cellType === "Formulas") {
    const formulas = cellType === "Formulas";
    match = (r, c) => {
      const cell = fake.cellAt(t.sheet, r, c);
      if (!cell || (cell.formula !== null) !== formulas) return false;
      if (!formulas && cell.value === null) return false;
      const kind = cell.isError
        ? "Errors"
        : typeof cell.value === "number"
          ? "Numbers"
          : typeof cell.value === "boolean"
            ? "Logical"
            : "Text";
      return kinds.includes(kind);
    };
  } else if (cellType === "DataValidations") {
    match = (r, c) =>
      t.sheet.validations.some(
        (v) =>
          v.type !== "None" &&
          r >= v.rect.r &&
          r < v.rect.r + v.rect.rows &&
          c >= v.rect.c &&
          c < v.rect.c + v.rect.cols,
      );
  } else {
    return fail("NotImplemented", `getSpecialCells("${cellType}") is not modelled`);
  }
  // Only cells that exist can match (constants, formulas) — or validated cells (rules' rects).
  const candidates = new Map<number, Set<number>>();
  const add = (r: number, c: number): void => {
    if (r < t.rect.r || r >= t.rect.r + t.rect.rows || c < t.rect.c || c >= t.rect.c + t.rect.cols)
      return;
    const rows = candidates.get(c) ?? new Set<number>();
    rows.add(r);
    candidates.set(c, rows);
  };
  if (cellType === "DataValidations") {
    for (const v of t.sheet.validations) {
      const i = intersect(v.rect, t.rect);
      if (!i || v.type === "None") continue;
      for (let r = i.r; r < i.r + i.rows; r++) for (let c = i.c; c < i.c + i.cols; c++) add(r, c);
    }
  } else {
    for (const k of t.sheet.cells.keys()) add(rowOf(k), colOf(k));
  }
  const runs: Rect[] = [];
  for (const c of [...candidates.keys()].sort((a, b) => a - b)) {
    const rows = [...(candidates.get(c) ?? [])].filter((r) => match(r, c)).sort((a, b) => a - b);
    let start = -1;
    for (let i = 0; i <= rows.length; i++) {
      const r = rows[i];
      if (start >= 0 && (r === undefined || r !== (rows[i - 1] ?? -2) + 1)) {
        runs.push({
          r: rows[start] ?? 0,
          c,
          rows: (rows[i - 1] ?? 0) - (rows[start] ?? 0) + 1,
          cols: 1,
        });
        start = -1;
      }
      if (r !== undefined && start < 0) start = i;
    }
  }
  // Join a run with the one in the next column when they cover the same rows.
  const out: Rect[] = [];
  for (const run of runs) {
    const left = out.find((o) => o.r === run.r && o.rows === run.rows && o.c + o.cols === run.c);
    if (left) out[out.indexOf(left)] = { ...left, cols: left.cols + 1 };
    else out.push(run);
  }
  return out;
}
