/** Conditional formats, tables, defined names and charts on the fake workbook. */
import { FakeAutoFilter } from "./filter";
import { type Rect, qualified, requireAddress } from "./address";
import { normalizeColor } from "./cellValues";
import { ChartType, ConditionalFormatType } from "./enums";
import { FakeOfficeError, fail } from "./errors";
import { type Binding, HostObject, HostCollection, defineHost } from "./hostObject";
import { FakeRange, type RangeRef } from "./range";
import { FakeWorksheet } from "./sheet";
import type {
  ChartState,
  ConditionalFormatState,
  NameState,
  SheetState,
  TableState,
} from "./state";
import type { FakeWorkbook } from "./workbook";

function bool(value: unknown, what: string): boolean {
  if (typeof value !== "boolean")
    fail("InvalidArgument", `${what} must be a boolean, got ${String(value)}`);
  return value;
}

function rangeProxy(
  parent: HostObject,
  method: string,
  resolve: (t: never) => RangeRef | null,
): FakeRange {
  return new FakeRange(parent._ctx, {
    kind: "child",
    parent,
    method: `${parent._typeName}.${method}`,
    resolve,
  });
}

/** A `Range | string` argument: the range's place, or an address on `defaultSheet` (during a batch). */
export function resolveRangeArg(
  fake: FakeWorkbook,
  arg: unknown,
  defaultSheet: SheetState | null,
  what: string,
): RangeRef {
  if (arg instanceof FakeRange) {
    const ref = arg._target() as RangeRef | null;
    if (!ref) fail("InvalidArgument", `${what} is a null range`);
    return ref;
  }
  if (typeof arg !== "string") fail("InvalidArgument", `${what} must be a Range or an address`);
  const parsed = requireAddress(arg);
  const sheet =
    parsed.sheet !== undefined
      ? fake.requireSheet(parsed.sheet)
      : (defaultSheet ?? fake.activeSheet);
  if (defaultSheet && sheet !== defaultSheet) {
    fail("InvalidArgument", `${arg} is not on the sheet ${defaultSheet.name}`);
  }
  return { sheet, rect: parsed.rect };
}

function checkContext(owner: HostObject, arg: unknown): void {
  if (arg instanceof HostObject && arg._ctx !== owner._ctx) {
    throw new FakeOfficeError("InvalidRequestContext", { location: owner._typeName });
  }
}

// ------------------------------------------------------------------ conditional formats

interface CfRef {
  readonly sheet: SheetState;
  readonly cf: ConditionalFormatState;
}

abstract class CfPart extends HostObject {
  protected override _isGone(target: unknown): boolean {
    const { sheet, cf } = target as CfRef;
    return sheet.deleted || !sheet.conditionalFormats.includes(cf);
  }

  protected _sub(name: string): Binding {
    return {
      kind: "child",
      parent: this,
      method: `${this._typeName}.${name}`,
      resolve: (t: CfRef) => t,
    };
  }
}

export class FakeConditionalFormatCollection extends HostCollection<FakeConditionalFormat> {
  readonly _typeName = "ConditionalFormatCollection";

  protected override _isGone(target: unknown): boolean {
    return (target as RangeRef).sheet.deleted;
  }

  protected _list(t: RangeRef): CfRef[] {
    return this._ctx.fake
      .conditionalFormatsIn(t.sheet, t.rect)
      .map((cf) => ({ sheet: t.sheet, cf }));
  }

  protected _item(target: unknown): FakeConditionalFormat {
    return new FakeConditionalFormat(this._ctx, { kind: "bound", target });
  }

  private _make(
    method: string,
    args: unknown[],
    resolve: (t: RangeRef) => CfRef | null,
  ): FakeConditionalFormat {
    return this._child((b) => new FakeConditionalFormat(this._ctx, b), method, args, resolve);
  }

  /** Adds a rule at the top priority (0), as Excel does. Only "Custom" rules are modelled. */
  add(type: string): FakeConditionalFormat {
    return this._make("add", [type], (t) => {
      if (!Object.values(ConditionalFormatType).includes(type as never)) {
        fail("InvalidArgument", `"${type}" is not an Excel.ConditionalFormatType`);
      }
      if (type !== ConditionalFormatType.custom) {
        fail("NotImplemented", `the fake models Custom conditional formats only, not ${type}`);
      }
      return { sheet: t.sheet, cf: this._ctx.fake.addConditionalFormat(t.sheet, t.rect, type) };
    });
  }

  getItem(id: string): FakeConditionalFormat {
    return this._make("getItem", [id], (t) => {
      const found = this._list(t).find((x) => x.cf.id === id);
      if (!found) fail("ItemNotFound", `no conditional format with id ${id}`);
      return found;
    });
  }

  getItemOrNullObject(id: string): FakeConditionalFormat {
    return this._make(
      "getItemOrNullObject",
      [id],
      (t) => this._list(t).find((x) => x.cf.id === id) ?? null,
    );
  }

  override getItemAt(index: number): FakeConditionalFormat {
    return this._make("getItemAt", [index], (t) => {
      const found = this._list(t)[index];
      if (!found) fail("ItemNotFound", `no conditional format at index ${index}`);
      return found;
    });
  }

  getCount(): number {
    return this._result("getCount", [], (t: RangeRef) => this._list(t).length);
  }

  /** Removes every conditional format in the range (also the user's own). */
  clearAll(): void {
    this._call("clearAll", [], (t: RangeRef) =>
      this._ctx.fake.clearConditionalFormats(t.sheet, t.rect),
    );
  }
}

defineHost(FakeConditionalFormatCollection, {});

export class FakeConditionalFormat extends CfPart {
  readonly _typeName = "ConditionalFormat";

  get custom(): FakeCustomConditionalFormat {
    return this._nav(
      "custom",
      () => new FakeCustomConditionalFormat(this._ctx, this._sub("custom")),
    );
  }

  get customOrNullObject(): FakeCustomConditionalFormat {
    return this._nav(
      "customOrNullObject",
      () =>
        new FakeCustomConditionalFormat(this._ctx, {
          kind: "child",
          parent: this,
          method: "ConditionalFormat.customOrNullObject",
          resolve: (t: CfRef) => (t.cf.type === "Custom" ? t : null),
        }),
    );
  }

  protected _get(target: unknown, name: string): unknown {
    const { sheet, cf } = target as CfRef;
    switch (name) {
      case "id":
        return cf.id;
      case "type":
        return cf.type;
      case "priority":
        return sheet.conditionalFormats.indexOf(cf);
      case "stopIfTrue":
        return cf.stopIfTrue;
      default:
        return fail("InvalidArgument", `ConditionalFormat.${name} is not modelled`);
    }
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const { sheet, cf } = target as CfRef;
    if (name === "priority") return this._ctx.fake.setPriority(sheet, cf, value);
    if (name === "stopIfTrue") {
      cf.stopIfTrue = bool(value, "stopIfTrue");
      return;
    }
    super._set(target, name, value);
  }

  getRange(): FakeRange {
    return rangeProxy(this, "getRange", (t: CfRef) => {
      if (t.cf.rects.length !== 1)
        fail("InvalidOperation", "the conditional format applies to several ranges");
      return { sheet: t.sheet, rect: t.cf.rects[0]! };
    });
  }

  getRangeOrNullObject(): FakeRange {
    return rangeProxy(this, "getRangeOrNullObject", (t: CfRef) =>
      t.cf.rects.length === 1 ? { sheet: t.sheet, rect: t.cf.rects[0]! } : null,
    );
  }

  delete(): void {
    this._call("delete", [], (t: CfRef) => this._ctx.fake.deleteConditionalFormat(t.sheet, t.cf));
  }
}

defineHost(FakeConditionalFormat, {
  scalars: ["id", "type"],
  writable: ["priority", "stopIfTrue"],
  navs: ["custom", "customOrNullObject"],
});

export class FakeCustomConditionalFormat extends CfPart {
  readonly _typeName = "CustomConditionalFormat";

  get rule(): FakeConditionalFormatRule {
    return this._nav("rule", () => new FakeConditionalFormatRule(this._ctx, this._sub("rule")));
  }

  get format(): FakeConditionalRangeFormat {
    return this._nav(
      "format",
      () => new FakeConditionalRangeFormat(this._ctx, this._sub("format")),
    );
  }

  protected _get(): unknown {
    return undefined;
  }
}

defineHost(FakeCustomConditionalFormat, { navs: ["rule", "format"] });

export class FakeConditionalFormatRule extends CfPart {
  readonly _typeName = "ConditionalFormatRule";

  protected _get(target: unknown): unknown {
    return (target as CfRef).cf.formula;
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    if (typeof value !== "string" || value === "")
      fail("InvalidArgument", `ConditionalFormatRule.${name} must be a formula`);
    (target as CfRef).cf.formula = value;
  }
}

defineHost(FakeConditionalFormatRule, { writable: ["formula", "formulaLocal"] });

export class FakeConditionalRangeFormat extends CfPart {
  readonly _typeName = "ConditionalRangeFormat";

  get fill(): FakeConditionalRangeFill {
    return this._nav("fill", () => new FakeConditionalRangeFill(this._ctx, this._sub("fill")));
  }

  get font(): FakeConditionalRangeFont {
    return this._nav("font", () => new FakeConditionalRangeFont(this._ctx, this._sub("font")));
  }

  protected _get(target: unknown): unknown {
    return (target as CfRef).cf.numberFormat ?? null;
  }

  protected override _set(target: unknown, _name: string, value: unknown): void {
    if (typeof value !== "string") fail("InvalidArgument", "numberFormat must be a string");
    (target as CfRef).cf.numberFormat = value;
  }

  clearFormat(): void {
    this._call("clearFormat", [], (t: CfRef) => {
      for (const k of [
        "fillColor",
        "fontColor",
        "bold",
        "italic",
        "strikethrough",
        "numberFormat",
      ] as const) {
        delete t.cf[k];
      }
    });
  }
}

defineHost(FakeConditionalRangeFormat, { writable: ["numberFormat"], navs: ["fill", "font"] });

export class FakeConditionalRangeFill extends CfPart {
  readonly _typeName = "ConditionalRangeFill";

  protected _get(target: unknown): unknown {
    return (target as CfRef).cf.fillColor ?? null;
  }

  protected override _set(target: unknown, _name: string, value: unknown): void {
    (target as CfRef).cf.fillColor = normalizeColor(value, "ConditionalRangeFill.color");
  }

  clear(): void {
    this._call("clear", [], (t: CfRef) => {
      delete t.cf.fillColor;
    });
  }
}

defineHost(FakeConditionalRangeFill, { writable: ["color"] });

export class FakeConditionalRangeFont extends CfPart {
  readonly _typeName = "ConditionalRangeFont";

  protected _get(target: unknown, name: string): unknown {
    const cf = (target as CfRef).cf;
    if (name === "color") return cf.fontColor ?? null;
    return (cf as unknown as Record<string, unknown>)[name] ?? null;
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const cf = (target as CfRef).cf;
    if (name === "color") cf.fontColor = normalizeColor(value, "ConditionalRangeFont.color");
    else if (name === "bold" || name === "italic" || name === "strikethrough")
      cf[name] = bool(value, name);
    else super._set(target, name, value);
  }

  clear(): void {
    this._call("clear", [], (t: CfRef) => {
      delete t.cf.fontColor;
      delete t.cf.bold;
      delete t.cf.italic;
      delete t.cf.strikethrough;
    });
  }
}

defineHost(FakeConditionalRangeFont, { writable: ["bold", "italic", "color", "strikethrough"] });

// ------------------------------------------------------------------ tables

/** workbook.tables (target: the FakeWorkbook) or worksheet.tables (target: the sheet). */
export class FakeTableCollection extends HostCollection<FakeTable> {
  readonly _typeName = "TableCollection";

  private _sheetOf(t: unknown): SheetState | null {
    return t === this._ctx.fake ? null : (t as SheetState);
  }

  protected _list(t: unknown): TableState[] {
    const sheet = this._sheetOf(t);
    return this._ctx.fake.tableStates.filter((x) => !sheet || x.sheet === sheet);
  }

  protected _item(target: unknown): FakeTable {
    return new FakeTable(this._ctx, { kind: "bound", target });
  }

  private _make(
    method: string,
    args: unknown[],
    resolve: (t: never) => TableState | null,
  ): FakeTable {
    return this._child((b) => new FakeTable(this._ctx, b), method, args, resolve);
  }

  /** The address (or Range) decides the sheet; overlapping a table or merged cells is refused. */
  add(address: FakeRange | string, hasHeaders: boolean): FakeTable {
    checkContext(this, address);
    return this._make("add", [address, hasHeaders], (t: unknown) => {
      const fake = this._ctx.fake;
      const ref = resolveRangeArg(fake, address, this._sheetOf(t), "tables.add address");
      return fake.addTable(ref.sheet, ref.rect, hasHeaders);
    });
  }

  private _find(t: unknown, key: string): TableState | undefined {
    return this._list(t).find((x) => x.id === key || x.name.toUpperCase() === key.toUpperCase());
  }

  getItem(key: string): FakeTable {
    return this._make("getItem", [key], (t: unknown) => {
      const found = this._find(t, key);
      if (!found) fail("ItemNotFound", `no table named ${key}`);
      return found;
    });
  }

  getItemOrNullObject(key: string): FakeTable {
    return this._make("getItemOrNullObject", [key], (t: unknown) => this._find(t, key) ?? null);
  }

  override getItemAt(index: number): FakeTable {
    return this._make("getItemAt", [index], (t: unknown) => {
      const found = this._list(t)[index];
      if (!found) fail("ItemNotFound", `no table at index ${index}`);
      return found;
    });
  }

  getCount(): number {
    return this._result("getCount", [], (t: unknown) => this._list(t).length);
  }
}

defineHost(FakeTableCollection, { scalars: ["count"] });

const TABLE_FLAGS = [
  "showHeaders",
  "showTotals",
  "showFilterButton",
  "showBandedRows",
  "showBandedColumns",
  "highlightFirstColumn",
  "highlightLastColumn",
] as const;

export class FakeTable extends HostObject {
  readonly _typeName = "Table";

  get columns(): FakeTableColumnCollection {
    return this._nav(
      "columns",
      () =>
        new FakeTableColumnCollection(this._ctx, {
          kind: "child",
          parent: this,
          method: "Table.columns",
          resolve: (t: TableState) => t,
        }),
    );
  }

  get worksheet(): FakeWorksheet {
    return this._nav(
      "worksheet",
      () =>
        new FakeWorksheet(this._ctx, {
          kind: "child",
          parent: this,
          method: "Table.worksheet",
          resolve: (t: TableState) => t.sheet,
        }),
    );
  }

  get autoFilter(): FakeAutoFilter {
    this._ctx._require("1.9", "Table.autoFilter");
    return this._nav(
      "autoFilter",
      () =>
        new FakeAutoFilter(this._ctx, {
          kind: "child",
          parent: this,
          method: "Table.autoFilter",
          resolve: (t: TableState) => t,
        }),
    );
  }

  protected _get(target: unknown, name: string): unknown {
    const t = target as TableState;
    if (name === "id" || name === "name" || name === "style") return t[name];
    if ((TABLE_FLAGS as readonly string[]).includes(name))
      return t[name as (typeof TABLE_FLAGS)[number]];
    return fail("InvalidArgument", `Table.${name} is not modelled`);
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const t = target as TableState;
    const fake = this._ctx.fake;
    if (name === "name") t.name = fake.checkTableName(value, t);
    else if (name === "style") fake.setTableStyle(t, value);
    else if ((TABLE_FLAGS as readonly string[]).includes(name))
      t[name as (typeof TABLE_FLAGS)[number]] = bool(value, name);
    else super._set(target, name, value);
  }

  private _range(method: string, part: (t: TableState) => Rect): FakeRange {
    return rangeProxy(this, method, (t: TableState) => ({ sheet: t.sheet, rect: part(t) }));
  }

  getRange(): FakeRange {
    return this._range("getRange", (t) => t.rect);
  }

  getHeaderRowRange(): FakeRange {
    return this._range("getHeaderRowRange", (t) => ({ ...t.rect, rows: 1 }));
  }

  getDataBodyRange(): FakeRange {
    return this._range("getDataBodyRange", (t) => ({
      ...t.rect,
      r: t.rect.r + 1,
      rows: t.rect.rows - 1,
    }));
  }

  /** Removes the table and keeps its cells (values and formatting). */
  convertToRange(): FakeRange {
    this._ctx._require("1.2", "Table.convertToRange");
    return rangeProxy(this, "convertToRange", (t: TableState) => {
      this._ctx.fake.removeTable(t);
      return { sheet: t.sheet, rect: t.rect };
    });
  }

  /** Deletes the table and its cells' contents, as Excel does. */
  delete(): void {
    this._call("delete", [], (t: TableState) => {
      const fake = this._ctx.fake;
      fake.removeTable(t);
      fake.clearRange(t.sheet, t.rect, "All");
    });
  }

  resize(newRange: FakeRange | string): void {
    this._ctx._require("1.13", "Table.resize");
    checkContext(this, newRange);
    this._call("resize", [newRange], (t: TableState) => {
      const ref = resolveRangeArg(this._ctx.fake, newRange, t.sheet, "resize range");
      this._ctx.fake.resizeTable(t, ref.rect);
    });
  }

  clearFilters(): void {
    this._call("clearFilters", [], () => undefined);
  }
}

defineHost(FakeTable, {
  scalars: ["id"],
  writable: ["name", "style", ...TABLE_FLAGS],
  navs: ["columns", "worksheet", "autoFilter"],
});

interface ColumnRef {
  readonly table: TableState;
  readonly index: number;
}

export class FakeTableColumnCollection extends HostCollection<FakeTableColumn> {
  readonly _typeName = "TableColumnCollection";

  protected _list(t: TableState): ColumnRef[] {
    return Array.from({ length: t.rect.cols }, (_, index) => ({ table: t, index }));
  }

  protected _item(target: unknown): FakeTableColumn {
    return new FakeTableColumn(this._ctx, { kind: "bound", target });
  }

  private _find(t: TableState, key: number | string): ColumnRef | undefined {
    if (typeof key === "number")
      return key >= 1 && key <= t.rect.cols ? { table: t, index: key - 1 } : undefined;
    const names = this._ctx.fake.tableColumnNames(t);
    const index = names.findIndex((n) => n.toUpperCase() === key.toUpperCase());
    return index >= 0 ? { table: t, index } : undefined;
  }

  getItem(key: number | string): FakeTableColumn {
    return this._child(
      (b) => new FakeTableColumn(this._ctx, b),
      "getItem",
      [key],
      (t: TableState) => {
        const found = this._find(t, key);
        if (!found) fail("ItemNotFound", `table ${t.name} has no column ${String(key)}`);
        return found;
      },
    );
  }

  getItemOrNullObject(key: number | string): FakeTableColumn {
    return this._child(
      (b) => new FakeTableColumn(this._ctx, b),
      "getItemOrNullObject",
      [key],
      (t: TableState) => this._find(t, key) ?? null,
    );
  }

  override getItemAt(index: number): FakeTableColumn {
    return this._child(
      (b) => new FakeTableColumn(this._ctx, b),
      "getItemAt",
      [index],
      (t: TableState) => {
        if (index < 0 || index >= t.rect.cols)
          fail("ItemNotFound", `table ${t.name} has no column at ${index}`);
        return { table: t, index };
      },
    );
  }

  getCount(): number {
    return this._result("getCount", [], (t: TableState) => t.rect.cols);
  }
}

defineHost(FakeTableColumnCollection, { scalars: ["count"] });

export class FakeTableColumn extends HostObject {
  readonly _typeName = "TableColumn";

  protected override _isGone(target: unknown): boolean {
    const { table, index } = target as ColumnRef;
    return table.deleted || index >= table.rect.cols;
  }

  protected _get(target: unknown, name: string): unknown {
    const { table, index } = target as ColumnRef;
    const fake = this._ctx.fake;
    switch (name) {
      case "id":
        return index + 1;
      case "index":
        return index;
      case "name":
        return fake.tableColumnNames(table)[index];
      case "values":
        return Array.from({ length: table.rect.rows }, (_, i) => [
          fake.cellAt(table.sheet, table.rect.r + i, table.rect.c + index)?.value ?? "",
        ]);
      default:
        return fail("InvalidArgument", `TableColumn.${name} is not modelled`);
    }
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    if (name !== "name") return super._set(target, name, value);
    const { table, index } = target as ColumnRef;
    if (typeof value !== "string" || value === "")
      fail("InvalidArgument", "a column name must be a non-empty string");
    this._ctx.fake.writeGrid(
      table.sheet,
      { r: table.rect.r, c: table.rect.c + index, rows: 1, cols: 1 },
      [[`'${value}`]],
      "values",
      { source: "Local", triggerSource: "ThisLocalAddin" },
    );
  }

  private _range(method: string, part: (t: ColumnRef) => Rect): FakeRange {
    return rangeProxy(this, method, (t: ColumnRef) => ({ sheet: t.table.sheet, rect: part(t) }));
  }

  getRange(): FakeRange {
    return this._range("getRange", ({ table, index }) => ({
      ...table.rect,
      c: table.rect.c + index,
      cols: 1,
    }));
  }

  getHeaderRowRange(): FakeRange {
    return this._range("getHeaderRowRange", ({ table, index }) => ({
      r: table.rect.r,
      c: table.rect.c + index,
      rows: 1,
      cols: 1,
    }));
  }

  getDataBodyRange(): FakeRange {
    return this._range("getDataBodyRange", ({ table, index }) => ({
      r: table.rect.r + 1,
      c: table.rect.c + index,
      rows: table.rect.rows - 1,
      cols: 1,
    }));
  }
}

defineHost(FakeTableColumn, { scalars: ["id", "index", "values"], writable: ["name"] });

// ------------------------------------------------------------------ names

export class FakeNamedItemCollection extends HostCollection<FakeNamedItem> {
  readonly _typeName = "NamedItemCollection";

  protected _list(): NameState[] {
    return this._ctx.fake.nameStates;
  }

  protected _item(target: unknown): FakeNamedItem {
    return new FakeNamedItem(this._ctx, { kind: "bound", target });
  }

  private _make(method: string, args: unknown[], resolve: () => NameState | null): FakeNamedItem {
    return this._child((b) => new FakeNamedItem(this._ctx, b), method, args, resolve);
  }

  /** `reference` is a Range or a formula ("=Sheet1!$A$1", "=0.5", "='Cài đặt'!$B$9"). */
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    this._ctx._require("1.4", "NamedItemCollection.add");
    checkContext(this, reference);
    return this._make("add", [name, reference, comment], () => {
      const fake = this._ctx.fake;
      let formula: string;
      if (reference instanceof FakeRange) {
        const ref = resolveRangeArg(fake, reference, null, "reference");
        formula = `=${qualified(ref.sheet.name, ref.rect, true)}`;
      } else if (typeof reference === "string" && reference !== "") formula = reference;
      else return fail("InvalidArgument", "names.add: reference must be a Range or a formula");
      return fake.addName(name, formula, comment ?? "");
    });
  }

  addFormulaLocal(name: string, formula: string, comment?: string): FakeNamedItem {
    return this.add(name, formula, comment);
  }

  getItem(name: string): FakeNamedItem {
    return this._make("getItem", [name], () => {
      const found = this._ctx.fake.nameByName(name);
      if (!found) fail("ItemNotFound", `no defined name ${name}`);
      return found;
    });
  }

  getItemOrNullObject(name: string): FakeNamedItem {
    this._ctx._require("1.4", "NamedItemCollection.getItemOrNullObject");
    return this._make("getItemOrNullObject", [name], () => this._ctx.fake.nameByName(name) ?? null);
  }

  getCount(): number {
    return this._result("getCount", [], () => this._ctx.fake.nameStates.length);
  }
}

defineHost(FakeNamedItemCollection, {});

export class FakeNamedItem extends HostObject {
  readonly _typeName = "NamedItem";

  protected _get(target: unknown, name: string): unknown {
    const n = target as NameState;
    const body = n.formula.slice(1);
    const range = this._ctx.fake.nameRange(n);
    switch (name) {
      case "name":
      case "formula":
      case "comment":
      case "visible":
        return n[name];
      case "scope":
        return "Workbook";
      case "type":
        if (range) return "Range";
        if (/^#/.test(body)) return "Error";
        if (/^-?\d+(\.\d+)?$/.test(body)) return "Double";
        if (/^(TRUE|FALSE)$/i.test(body)) return "Boolean";
        return "String";
      case "value":
        if (range) return qualified(range.sheet.name, range.rect, true);
        if (/^-?\d+(\.\d+)?$/.test(body)) return Number(body);
        if (/^(TRUE|FALSE)$/i.test(body)) return body.toUpperCase() === "TRUE";
        return body.replace(/^"(.*)"$/, "$1").replace(/""/g, '"');
      default:
        return fail("InvalidArgument", `NamedItem.${name} is not modelled`);
    }
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const n = target as NameState;
    if (name === "formula") {
      if (typeof value !== "string" || value === "")
        fail("InvalidArgument", "NamedItem.formula must be a formula");
      n.formula = value.startsWith("=") ? value : `=${value}`;
    } else if (name === "comment") {
      if (typeof value !== "string") fail("InvalidArgument", "NamedItem.comment must be a string");
      n.comment = value;
    } else if (name === "visible") n.visible = bool(value, "visible");
    else super._set(target, name, value);
  }

  getRange(): FakeRange {
    return rangeProxy(this, "getRange", (n: NameState) => {
      const range = this._ctx.fake.nameRange(n);
      if (!range) fail("InvalidArgument", `the name ${n.name} does not refer to a range`);
      return range;
    });
  }

  getRangeOrNullObject(): FakeRange {
    return rangeProxy(this, "getRangeOrNullObject", (n: NameState) => this._ctx.fake.nameRange(n));
  }

  delete(): void {
    this._call("delete", [], (n: NameState) => this._ctx.fake.deleteName(n));
  }
}

defineHost(FakeNamedItem, {
  scalars: ["name", "type", "value", "scope"],
  writable: ["formula", "comment", "visible"],
});

// ------------------------------------------------------------------ charts

const CHART_TYPES: string[] = Object.values(ChartType);

export class FakeChartCollection extends HostCollection<FakeChart> {
  readonly _typeName = "ChartCollection";

  protected _list(sheet: SheetState): ChartState[] {
    return sheet.charts.filter((c) => !c.deleted);
  }

  protected _item(target: unknown): FakeChart {
    return new FakeChart(this._ctx, { kind: "bound", target });
  }

  private _make(
    method: string,
    args: unknown[],
    resolve: (sheet: SheetState) => ChartState | null,
  ): FakeChart {
    return this._child((b) => new FakeChart(this._ctx, b), method, args, resolve);
  }

  add(type: string, sourceData: FakeRange, seriesBy: string = "Auto"): FakeChart {
    checkContext(this, sourceData);
    return this._make("add", [type, sourceData, seriesBy], (sheet) => {
      if (!CHART_TYPES.includes(type) || type === "Invalid")
        fail("InvalidArgument", `"${type}" is not an Excel.ChartType`);
      if (!(sourceData instanceof FakeRange))
        fail("InvalidArgument", "charts.add: sourceData must be a Range object");
      if (!["Auto", "Columns", "Rows"].includes(seriesBy))
        fail("InvalidArgument", `seriesBy must be Auto, Columns or Rows`);
      const ref = resolveRangeArg(this._ctx.fake, sourceData, null, "sourceData");
      return this._ctx.fake.addChart(sheet, type, ref.sheet, ref.rect, seriesBy);
    });
  }

  getItem(name: string): FakeChart {
    return this._make("getItem", [name], (sheet) => {
      const found = this._list(sheet).find((c) => c.name === name);
      if (!found) fail("ItemNotFound", `no chart named ${name} on ${sheet.name}`);
      return found;
    });
  }

  getItemOrNullObject(name: string): FakeChart {
    return this._make(
      "getItemOrNullObject",
      [name],
      (sheet) => this._list(sheet).find((c) => c.name === name) ?? null,
    );
  }

  override getItemAt(index: number): FakeChart {
    return this._make("getItemAt", [index], (sheet) => {
      const found = this._list(sheet)[index];
      if (!found) fail("ItemNotFound", `no chart at index ${index}`);
      return found;
    });
  }

  getCount(): number {
    return this._result("getCount", [], (sheet: SheetState) => this._list(sheet).length);
  }
}

defineHost(FakeChartCollection, { scalars: ["count"] });

export class FakeChart extends HostObject {
  readonly _typeName = "Chart";

  get title(): FakeChartTitle {
    return this._nav("title", () => new FakeChartTitle(this._ctx, this._sub("title")));
  }

  get legend(): FakeChartLegend {
    return this._nav("legend", () => new FakeChartLegend(this._ctx, this._sub("legend")));
  }

  get worksheet(): FakeWorksheet {
    return this._nav(
      "worksheet",
      () =>
        new FakeWorksheet(this._ctx, {
          kind: "child",
          parent: this,
          method: "Chart.worksheet",
          resolve: (c: ChartState) => c.sheet,
        }),
    );
  }

  private _sub(name: string): Binding {
    return { kind: "child", parent: this, method: `Chart.${name}`, resolve: (c: ChartState) => c };
  }

  protected _get(target: unknown, name: string): unknown {
    const c = target as ChartState;
    if (["id", "name", "chartType", "top", "left", "width", "height"].includes(name)) {
      return c[name as "id" | "name" | "chartType" | "top" | "left" | "width" | "height"];
    }
    return fail("InvalidArgument", `Chart.${name} is not modelled`);
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const c = target as ChartState;
    if (name === "name") {
      if (typeof value !== "string" || value === "")
        fail("InvalidArgument", "a chart name must be a non-empty string");
      if (c.sheet.charts.some((o) => o !== c && !o.deleted && o.name === value)) {
        fail("ItemAlreadyExists", `a chart named ${value} already exists on ${c.sheet.name}`);
      }
      c.name = value;
    } else if (name === "chartType") {
      if (typeof value !== "string" || !CHART_TYPES.includes(value))
        fail("InvalidArgument", `"${String(value)}" is not an Excel.ChartType`);
      c.chartType = value;
    } else if (name === "top" || name === "left" || name === "width" || name === "height") {
      if (typeof value !== "number" || value < 0)
        fail("InvalidArgument", `Chart.${name} must be a number ≥ 0`);
      c[name] = value;
    } else super._set(target, name, value);
  }

  /** Anchors the chart over cells (start, and optionally end: "A15", "H30" or Ranges). */
  setPosition(startCell: FakeRange | string, endCell?: FakeRange | string): void {
    checkContext(this, startCell);
    checkContext(this, endCell);
    this._call("setPosition", [startCell, endCell], (c: ChartState) => {
      const fake = this._ctx.fake;
      const from = resolveRangeArg(fake, startCell, c.sheet, "startCell");
      const to = endCell === undefined ? null : resolveRangeArg(fake, endCell, c.sheet, "endCell");
      fake.positionChart(c, from.rect, to?.rect ?? null);
    });
  }

  setData(sourceData: FakeRange, seriesBy: string = "Auto"): void {
    checkContext(this, sourceData);
    this._call("setData", [sourceData, seriesBy], (c: ChartState) => {
      const ref = resolveRangeArg(this._ctx.fake, sourceData, null, "sourceData");
      c.sourceSheet = ref.sheet;
      c.source = ref.rect;
      c.seriesBy = seriesBy;
    });
  }

  delete(): void {
    this._call("delete", [], (c: ChartState) => {
      c.deleted = true;
      c.sheet.charts.splice(c.sheet.charts.indexOf(c), 1);
    });
  }

  activate(): void {
    this._call("activate", [], () => undefined);
  }
}

defineHost(FakeChart, {
  scalars: ["id"],
  writable: ["name", "chartType", "top", "left", "width", "height"],
  navs: ["title", "legend", "worksheet"],
});

export class FakeChartTitle extends HostObject {
  readonly _typeName = "ChartTitle";

  protected _get(target: unknown, name: string): unknown {
    const c = target as ChartState;
    return name === "text" ? c.title.text : c.title.visible;
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const c = target as ChartState;
    if (name === "text") {
      if (typeof value !== "string") fail("InvalidArgument", "ChartTitle.text must be a string");
      c.title = { text: value, visible: value !== "" || c.title.visible };
    } else c.title.visible = bool(value, "ChartTitle.visible");
  }
}

defineHost(FakeChartTitle, { writable: ["text", "visible"] });

export class FakeChartLegend extends HostObject {
  readonly _typeName = "ChartLegend";

  protected _get(target: unknown, name: string): unknown {
    const c = target as ChartState;
    return name === "visible" ? c.legend.visible : c.legend.position;
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const c = target as ChartState;
    if (name === "visible") c.legend.visible = bool(value, "ChartLegend.visible");
    else {
      if (
        !["Invalid", "Top", "Bottom", "Left", "Right", "Corner", "Custom"].includes(String(value))
      ) {
        fail("InvalidArgument", `ChartLegend.position: ${String(value)}`);
      }
      c.legend.position = String(value);
    }
  }
}

defineHost(FakeChartLegend, { writable: ["visible", "position"] });
