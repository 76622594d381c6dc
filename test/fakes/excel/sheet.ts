/** Workbook, worksheets, worksheet, freeze panes, page layout, runtime, application, events. */
import { FakeAutoFilter } from "./filter";
import { MAX_COLS, MAX_ROWS, type Rect, parseAddress } from "./address";
import { normalizeColor } from "./cellValues";
import { PaperType } from "./enums";
import { fail } from "./errors";
import {
  FakeChartCollection,
  FakeNamedItemCollection,
  FakeTableCollection,
  resolveRangeArg,
} from "./objects";
import { type Binding, HostObject, HostCollection, defineHost } from "./hostObject";
import { FakeRange, type RangeRef, checkRect } from "./range";
import type { PageLayoutState, SheetState } from "./state";
import type { FakeWorkbook } from "./workbook";

function bool(value: unknown, what: string): boolean {
  if (typeof value !== "boolean")
    fail("InvalidArgument", `${what} must be a boolean, got ${String(value)}`);
  return value;
}

// ------------------------------------------------------------------ workbook

export class FakeWorkbookProxy extends HostObject {
  readonly _typeName = "Workbook";

  private _sub(name: string): Binding {
    return {
      kind: "child",
      parent: this,
      method: `Workbook.${name}`,
      resolve: (fake: FakeWorkbook) => fake,
    };
  }

  get worksheets(): FakeWorksheetCollection {
    return this._nav(
      "worksheets",
      () => new FakeWorksheetCollection(this._ctx, this._sub("worksheets")),
    );
  }

  get tables(): FakeTableCollection {
    return this._nav("tables", () => new FakeTableCollection(this._ctx, this._sub("tables")));
  }

  get names(): FakeNamedItemCollection {
    return this._nav("names", () => new FakeNamedItemCollection(this._ctx, this._sub("names")));
  }

  /** Review › Protect Workbook (structure): ExcelApi 1.7. */
  get protection(): FakeWorkbookProtection {
    this._ctx._require("1.7", "Workbook.protection");
    return this._nav(
      "protection",
      () => new FakeWorkbookProtection(this._ctx, { kind: "root", target: this._ctx.fake }),
    );
  }

  /** context.runtime (the client reaches it as the workbook's "_Runtime"). */
  get runtime(): FakeRuntime {
    return this._nav(
      "runtime",
      () => new FakeRuntime(this._ctx, { kind: "root", target: this._ctx.fake }),
    );
  }

  get application(): FakeApplication {
    return this._nav(
      "application",
      () => new FakeApplication(this._ctx, { kind: "root", target: this._ctx.fake }),
    );
  }

  protected _get(target: unknown, name: string): unknown {
    const fake = target as FakeWorkbook;
    if (name === "name") return fake.name;
    if (name === "readOnly") return false;
    return fail("InvalidArgument", `Workbook.${name} is not modelled`);
  }

  getSelectedRange(): FakeRange {
    return this._child(
      (b) => new FakeRange(this._ctx, b),
      "getSelectedRange",
      [],
      (fake: FakeWorkbook): RangeRef => {
        const sel = fake.selection;
        const sheet = (sel && fake.sheetByName(sel.sheet)) || fake.activeSheet;
        const rect = sel ? parseAddress(sel.address)?.rect : undefined;
        return { sheet, rect: rect ?? { r: 0, c: 0, rows: 1, cols: 1 } };
      },
    );
  }

  getActiveCell(): FakeRange {
    return this._child(
      (b) => new FakeRange(this._ctx, b),
      "getActiveCell",
      [],
      (fake: FakeWorkbook): RangeRef => {
        const sel = fake.selection;
        const sheet = (sel && fake.sheetByName(sel.sheet)) || fake.activeSheet;
        const rect = sel ? parseAddress(sel.address)?.rect : undefined;
        return {
          sheet,
          rect: rect
            ? { r: rect.r, c: rect.c, rows: 1, cols: 1 }
            : { r: 0, c: 0, rows: 1, cols: 1 },
        };
      },
    );
  }
}

defineHost(FakeWorkbookProxy, {
  scalars: ["name", "readOnly"],
  navs: ["worksheets", "tables", "names", "application", "runtime", "protection"],
});

/** Workbook.protection: adding, deleting, renaming, moving or hiding sheets is refused. */
export class FakeWorkbookProtection extends HostObject {
  readonly _typeName = "WorkbookProtection";

  protected _get(target: unknown, name: string): unknown {
    if (name === "protected") return (target as FakeWorkbook).structureProtected;
    return fail("InvalidArgument", `WorkbookProtection.${name} is not modelled`);
  }

  protect(_password?: string): void {
    this._call("protect", [], (fake: FakeWorkbook) => {
      fake.structureProtected = true;
    });
  }

  unprotect(_password?: string): void {
    this._call("unprotect", [], (fake: FakeWorkbook) => {
      fake.structureProtected = false;
    });
  }
}

defineHost(FakeWorkbookProtection, { scalars: ["protected"] });

export class FakeWorksheetCollection extends HostCollection<FakeWorksheet> {
  readonly _typeName = "WorksheetCollection";

  protected _list(fake: FakeWorkbook): SheetState[] {
    return fake.sheets;
  }

  protected _item(target: unknown): FakeWorksheet {
    return new FakeWorksheet(this._ctx, { kind: "bound", target });
  }

  private _make(
    method: string,
    args: unknown[],
    resolve: (fake: FakeWorkbook) => SheetState | null,
  ): FakeWorksheet {
    return this._child((b) => new FakeWorksheet(this._ctx, b), method, args, resolve);
  }

  /** Adds a sheet at the end; a duplicate or invalid name rejects the sync. */
  add(name?: string): FakeWorksheet {
    return this._make("add", [name], (fake) => fake.addSheet(name));
  }

  getItem(key: string): FakeWorksheet {
    return this._make("getItem", [key], (fake) => {
      const sheet = fake.sheetByKey(key);
      if (!sheet) fail("ItemNotFound", `no worksheet named "${key}"`);
      return sheet;
    });
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    this._ctx._require("1.4", "WorksheetCollection.getItemOrNullObject");
    return this._make("getItemOrNullObject", [key], (fake) => fake.sheetByKey(key) ?? null);
  }

  getActiveWorksheet(): FakeWorksheet {
    return this._make("getActiveWorksheet", [], (fake) => fake.activeSheet);
  }

  getFirst(visibleOnly = false): FakeWorksheet {
    return this._make(
      "getFirst",
      [visibleOnly],
      (fake) => (visibleOnly ? fake.visibleSheets() : fake.sheets)[0] ?? null,
    );
  }

  getLast(visibleOnly = false): FakeWorksheet {
    return this._make(
      "getLast",
      [visibleOnly],
      (fake) => (visibleOnly ? fake.visibleSheets() : fake.sheets).at(-1) ?? null,
    );
  }

  getCount(visibleOnly = false): number {
    return this._result(
      "getCount",
      [visibleOnly],
      (fake: FakeWorkbook) => (visibleOnly ? fake.visibleSheets() : fake.sheets).length,
    );
  }
}

defineHost(FakeWorksheetCollection, {});

export class FakeWorksheet extends HostObject {
  readonly _typeName = "Worksheet";

  private _sub(name: string): Binding {
    return {
      kind: "child",
      parent: this,
      method: `Worksheet.${name}`,
      resolve: (s: SheetState) => s,
    };
  }

  get tables(): FakeTableCollection {
    return this._nav("tables", () => new FakeTableCollection(this._ctx, this._sub("tables")));
  }

  get charts(): FakeChartCollection {
    return this._nav("charts", () => new FakeChartCollection(this._ctx, this._sub("charts")));
  }

  get freezePanes(): FakeWorksheetFreezePanes {
    this._ctx._require("1.7", "Worksheet.freezePanes");
    return this._nav(
      "freezePanes",
      () => new FakeWorksheetFreezePanes(this._ctx, this._sub("freezePanes")),
    );
  }

  get pageLayout(): FakePageLayout {
    this._ctx._require("1.9", "Worksheet.pageLayout");
    return this._nav("pageLayout", () => new FakePageLayout(this._ctx, this._sub("pageLayout")));
  }

  get autoFilter(): FakeAutoFilter {
    this._ctx._require("1.9", "Worksheet.autoFilter");
    return this._nav("autoFilter", () => new FakeAutoFilter(this._ctx, this._sub("autoFilter")));
  }

  get protection(): FakeWorksheetProtection {
    this._ctx._require("1.2", "Worksheet.protection");
    return this._nav(
      "protection",
      () => new FakeWorksheetProtection(this._ctx, this._sub("protection")),
    );
  }

  protected _get(target: unknown, name: string): unknown {
    const s = target as SheetState;
    const fake = this._ctx.fake;
    switch (name) {
      case "id":
      case "name":
      case "visibility":
      case "showGridlines":
      case "standardWidth":
        return s[name];
      case "position":
        return fake.sheets.indexOf(s);
      case "tabColor":
        return s.visibility === "Visible" ? s.tabColor : null;
      case "standardHeight":
        return 15;
      default:
        return fail("InvalidArgument", `Worksheet.${name} is not modelled`);
    }
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const s = target as SheetState;
    const fake = this._ctx.fake;
    switch (name) {
      case "name":
        return fake.renameSheet(s, value);
      case "position":
        return fake.moveSheet(s, value);
      case "visibility":
        return fake.setVisibility(s, value);
      case "tabColor":
        s.tabColor = value === "" ? "" : normalizeColor(value, "tabColor");
        return;
      case "showGridlines":
        s.showGridlines = bool(value, name);
        return;
      case "standardWidth":
        if (typeof value !== "number" || value <= 0)
          fail("InvalidArgument", "standardWidth must be a positive number");
        s.standardWidth = value;
        return;
      default:
        super._set(target, name, value);
    }
  }

  override writeScalar(name: string, value: unknown): void {
    if (name === "tabColor") this._ctx._require("1.7", "Worksheet.tabColor");
    if (name === "showGridlines") this._ctx._require("1.8", "Worksheet.showGridlines");
    super.writeScalar(name, value);
  }

  override identity(): Record<string, unknown> {
    const s = this._target() as SheetState;
    return { Id: s.id };
  }

  private _range(
    method: string,
    args: unknown[],
    resolve: (s: SheetState) => RangeRef | null,
  ): FakeRange {
    return this._child((b) => new FakeRange(this._ctx, b), method, args, resolve);
  }

  /** "A1:C3", "$A$1", "A:C", "2:5", "Sheet1!A1" (this sheet only), a defined name, or the whole sheet. */
  getRange(address?: string): FakeRange {
    return this._range("getRange", [address], (s) => {
      if (address === undefined || address === "")
        return { sheet: s, rect: { r: 0, c: 0, rows: MAX_ROWS, cols: MAX_COLS } };
      const fake = this._ctx.fake;
      const parsed = parseAddress(address);
      if (parsed) {
        if (parsed.sheet !== undefined && fake.sheetByName(parsed.sheet) !== s) {
          fail("InvalidArgument", `${address} is not on the sheet ${s.name}`);
        }
        return { sheet: s, rect: parsed.rect };
      }
      const named = fake.nameByName(address);
      const range = named ? fake.nameRange(named) : null;
      if (range && range.sheet === s) return range;
      return fail(
        "InvalidArgument",
        `"${address}" is not an address (or a name of a range) on ${s.name}`,
      );
    });
  }

  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number,
  ): FakeRange {
    this._ctx._require("1.7", "Worksheet.getRangeByIndexes");
    return this._range(
      "getRangeByIndexes",
      [startRow, startColumn, rowCount, columnCount],
      (s) => ({
        sheet: s,
        rect: checkRect({ r: startRow, c: startColumn, rows: rowCount, cols: columnCount }),
      }),
    );
  }

  getCell(row: number, column: number): FakeRange {
    return this._range("getCell", [row, column], (s) => ({
      sheet: s,
      rect: checkRect({ r: row, c: column, rows: 1, cols: 1 }),
    }));
  }

  /** Values or formatting; A1 when the sheet is blank (no error), as Excel does. */
  getUsedRange(valuesOnly = false): FakeRange {
    return this._range("getUsedRange", [valuesOnly], (s) => ({
      sheet: s,
      rect: this._ctx.fake.usedRect(s, valuesOnly) ?? { r: 0, c: 0, rows: 1, cols: 1 },
    }));
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    this._ctx._require("1.4", "Worksheet.getUsedRangeOrNullObject");
    return this._range("getUsedRangeOrNullObject", [valuesOnly], (s) => {
      const rect = this._ctx.fake.usedRect(s, valuesOnly);
      return rect ? { sheet: s, rect } : null;
    });
  }

  activate(): void {
    this._call("activate", [], (s: SheetState) => {
      if (s.visibility !== "Visible")
        fail("InvalidOperation", `cannot activate the hidden sheet ${s.name}`);
      this._ctx.fake.activeSheet = s;
    });
  }

  delete(): void {
    this._call("delete", [], (s: SheetState) => this._ctx.fake.deleteSheet(s));
  }

  calculate(_markAllDirty?: boolean): void {
    this._call("calculate", [], () => undefined);
  }
}

defineHost(FakeWorksheet, {
  scalars: ["id", "standardHeight"],
  writable: ["name", "position", "visibility", "tabColor", "showGridlines", "standardWidth"],
  navs: ["tables", "charts", "freezePanes", "pageLayout", "protection", "autoFilter"],
});

/**
 * Worksheet.protection. Since June 2026 Excel answers protect() on a protected sheet and
 * unprotect() on an unprotected one with AccessDenied (OfficeDev/office-js#6784): modelled, so
 * code that toggles protection must read `protected` first.
 */
export class FakeWorksheetProtection extends HostObject {
  readonly _typeName = "WorksheetProtection";

  protected _get(target: unknown, name: string): unknown {
    if (name === "protected") return (target as SheetState).protected;
    return fail("InvalidArgument", `WorksheetProtection.${name} is not modelled`);
  }

  protect(_options?: unknown, _password?: string): void {
    this._call("protect", [], (s: SheetState) => {
      if (s.protected) fail("AccessDenied", `the sheet ${s.name} is already protected`);
      s.protected = true;
    });
  }

  unprotect(_password?: string): void {
    this._call("unprotect", [], (s: SheetState) => {
      if (!s.protected) fail("AccessDenied", `the sheet ${s.name} is not protected`);
      s.protected = false;
    });
  }
}

defineHost(FakeWorksheetProtection, { scalars: ["protected"] });

export class FakeWorksheetFreezePanes extends HostObject {
  readonly _typeName = "WorksheetFreezePanes";

  protected _get(): unknown {
    return undefined;
  }

  private _freeze(
    method: string,
    args: unknown[],
    rows: (s: SheetState) => { rows: number; cols: number },
  ): void {
    this._call(method, args, (s: SheetState) => {
      const f = rows(s);
      if (!Number.isInteger(f.rows) || !Number.isInteger(f.cols) || f.rows < 0 || f.cols < 0) {
        fail("InvalidArgument", `${method}: counts must be non-negative integers`);
      }
      s.freeze = f;
    });
  }

  /** Freezes the top `count` rows (0 unfreezes); columns are unfrozen. */
  freezeRows(count = 1): void {
    this._freeze("freezeRows", [count], () => ({ rows: count, cols: 0 }));
  }

  freezeColumns(count = 1): void {
    this._freeze("freezeColumns", [count], () => ({ rows: 0, cols: count }));
  }

  /** The given cells become the frozen top-left pane. */
  freezeAt(frozenRange: FakeRange | string | null): void {
    this._freeze("freezeAt", [frozenRange], (s) => {
      if (frozenRange === null) return { rows: 0, cols: 0 };
      const { rect } = resolveRangeArg(this._ctx.fake, frozenRange, s, "frozenRange");
      return { rows: rect.r + rect.rows, cols: rect.c + rect.cols };
    });
  }

  unfreeze(): void {
    this._freeze("unfreeze", [], () => ({ rows: 0, cols: 0 }));
  }

  getLocationOrNullObject(): FakeRange {
    return this._child(
      (b) => new FakeRange(this._ctx, b),
      "getLocationOrNullObject",
      [],
      (s: SheetState) =>
        s.freeze.rows + s.freeze.cols === 0
          ? null
          : {
              sheet: s,
              rect: {
                r: 0,
                c: 0,
                rows: s.freeze.rows || MAX_ROWS,
                cols: s.freeze.cols || MAX_COLS,
              },
            },
    );
  }
}

defineHost(FakeWorksheetFreezePanes, {});

// ------------------------------------------------------------------ page layout

const PAGE_NUMBERS = [
  "leftMargin",
  "rightMargin",
  "topMargin",
  "bottomMargin",
  "headerMargin",
  "footerMargin",
] as const;
const PAGE_FLAGS = [
  "printGridlines",
  "printHeadings",
  "centerHorizontally",
  "centerVertically",
] as const;
const PAPER_TYPES: string[] = Object.values(PaperType);

export class FakePageLayout extends HostObject {
  readonly _typeName = "PageLayout";

  get headersFooters(): FakeHeaderFooterGroup {
    return this._nav(
      "headersFooters",
      () =>
        new FakeHeaderFooterGroup(this._ctx, {
          kind: "child",
          parent: this,
          method: "PageLayout.headersFooters",
          resolve: (s: SheetState) => s,
        }),
    );
  }

  protected _get(target: unknown, name: string): unknown {
    const p = (target as SheetState).pageLayout;
    if (name === "zoom") return { ...p.zoom };
    return (p as unknown as Record<string, unknown>)[name];
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const p = (target as SheetState).pageLayout;
    if (name === "orientation") {
      if (value !== "Portrait" && value !== "Landscape")
        fail("InvalidArgument", `orientation: ${String(value)}`);
      p.orientation = value;
    } else if (name === "paperSize") {
      if (typeof value !== "string" || !PAPER_TYPES.includes(value))
        fail("InvalidArgument", `paperSize: ${String(value)}`);
      p.paperSize = value;
    } else if (name === "zoom") {
      if (!value || typeof value !== "object") fail("InvalidArgument", "zoom must be an object");
      const z = value as Record<string, unknown>;
      const out: PageLayoutState["zoom"] = {};
      for (const [k, v] of Object.entries(z)) {
        if (v === undefined || v === null) continue;
        if (
          !["scale", "horizontalFitToPages", "verticalFitToPages"].includes(k) ||
          typeof v !== "number" ||
          v < 0
        ) {
          fail("InvalidArgument", `zoom.${k}: ${JSON.stringify(v)}`);
        }
        if (k === "scale" && (v < 10 || v > 400))
          fail("InvalidArgument", `zoom.scale must be 10–400, got ${v}`);
        out[k as keyof PageLayoutState["zoom"]] = v;
      }
      p.zoom = out;
    } else if ((PAGE_NUMBERS as readonly string[]).includes(name)) {
      if (typeof value !== "number" || value < 0)
        fail("InvalidArgument", `${name} must be a number ≥ 0 (points)`);
      p[name as (typeof PAGE_NUMBERS)[number]] = value;
    } else if ((PAGE_FLAGS as readonly string[]).includes(name)) {
      p[name as (typeof PAGE_FLAGS)[number]] = bool(value, name);
    } else super._set(target, name, value);
  }

  private _rows(arg: FakeRange | string, s: SheetState, whole: "rows" | "cols" | "area"): Rect {
    const { rect } = resolveRangeArg(this._ctx.fake, arg, s, "range");
    if (whole === "rows") return { r: rect.r, c: 0, rows: rect.rows, cols: MAX_COLS };
    if (whole === "cols") return { r: 0, c: rect.c, rows: MAX_ROWS, cols: rect.cols };
    return rect;
  }

  setPrintTitleRows(printTitleRows: FakeRange | string): void {
    this._call("setPrintTitleRows", [printTitleRows], (s: SheetState) => {
      s.pageLayout.printTitleRows = this._rows(printTitleRows, s, "rows");
    });
  }

  setPrintTitleColumns(printTitleColumns: FakeRange | string): void {
    this._call("setPrintTitleColumns", [printTitleColumns], (s: SheetState) => {
      s.pageLayout.printTitleColumns = this._rows(printTitleColumns, s, "cols");
    });
  }

  setPrintArea(printArea: FakeRange | string): void {
    this._call("setPrintArea", [printArea], (s: SheetState) => {
      s.pageLayout.printArea = this._rows(printArea, s, "area");
    });
  }

  getPrintTitleRowsOrNullObject(): FakeRange {
    return this._child(
      (b) => new FakeRange(this._ctx, b),
      "getPrintTitleRowsOrNullObject",
      [],
      (s: SheetState) =>
        s.pageLayout.printTitleRows ? { sheet: s, rect: s.pageLayout.printTitleRows } : null,
    );
  }

  /** Margins in points, or inches/centimetres converted to points. */
  setPrintMargins(unit: string, marginOptions: Record<string, number | undefined>): void {
    this._call("setPrintMargins", [unit, marginOptions], (s: SheetState) => {
      const factor =
        unit === "Points" ? 1 : unit === "Inches" ? 72 : unit === "Centimeters" ? 72 / 2.54 : NaN;
      if (Number.isNaN(factor))
        fail("InvalidArgument", `unit must be Points, Inches or Centimeters, got ${unit}`);
      for (const [k, v] of Object.entries(marginOptions)) {
        if (v === undefined) continue;
        const field = `${k}Margin` as (typeof PAGE_NUMBERS)[number];
        if (
          !(PAGE_NUMBERS as readonly string[]).includes(field) ||
          typeof v !== "number" ||
          v < 0
        ) {
          fail("InvalidArgument", `margin ${k}: ${String(v)}`);
        }
        s.pageLayout[field] = v * factor;
      }
    });
  }
}

defineHost(FakePageLayout, {
  writable: ["orientation", "paperSize", "zoom", ...PAGE_NUMBERS, ...PAGE_FLAGS],
  navs: ["headersFooters"],
});

export class FakeHeaderFooterGroup extends HostObject {
  readonly _typeName = "HeaderFooterGroup";

  private _part(name: string): FakeHeaderFooter {
    return this._nav(
      name,
      () =>
        new FakeHeaderFooter(this._ctx, {
          kind: "child",
          parent: this,
          method: `HeaderFooterGroup.${name}`,
          resolve: (s: SheetState) => ({ sheet: s, part: name }),
        }),
    );
  }

  get defaultForAllPages(): FakeHeaderFooter {
    return this._part("defaultForAllPages");
  }

  get firstPage(): FakeHeaderFooter {
    return this._part("firstPage");
  }

  get evenPages(): FakeHeaderFooter {
    return this._part("evenPages");
  }

  get oddPages(): FakeHeaderFooter {
    return this._part("oddPages");
  }

  protected _get(): unknown {
    return undefined;
  }
}

defineHost(FakeHeaderFooterGroup, {
  navs: ["defaultForAllPages", "firstPage", "evenPages", "oddPages"],
});

const HF_FIELDS = [
  "leftHeader",
  "centerHeader",
  "rightHeader",
  "leftFooter",
  "centerFooter",
  "rightFooter",
];

export class FakeHeaderFooter extends HostObject {
  readonly _typeName = "HeaderFooter";

  protected override _isGone(target: unknown): boolean {
    return (target as { sheet: SheetState }).sheet.deleted;
  }

  protected _get(target: unknown, name: string): unknown {
    const { sheet, part } = target as { sheet: SheetState; part: string };
    return sheet.pageLayout.headersFooters[part]?.[name] ?? "";
  }

  protected override _set(target: unknown, name: string, value: unknown): void {
    const { sheet, part } = target as { sheet: SheetState; part: string };
    if (typeof value !== "string") fail("InvalidArgument", `${name} must be a string`);
    const group = (sheet.pageLayout.headersFooters[part] ??= {});
    group[name] = value;
  }
}

defineHost(FakeHeaderFooter, { writable: HF_FIELDS });

// ------------------------------------------------------------------ runtime, application

/** context.runtime: enableEvents of the runtime that sent the request (per runtime, not per workbook). */
export class FakeRuntime extends HostObject {
  readonly _typeName = "Runtime";

  protected _get(): unknown {
    this._ctx._require("1.8", "Runtime.enableEvents");
    return this._ctx.runtime.enableEvents;
  }

  protected override _set(_target: unknown, _name: string, value: unknown): void {
    this._ctx._require("1.8", "Runtime.enableEvents");
    this._ctx.runtime.enableEvents = bool(value, "enableEvents");
  }
}

defineHost(FakeRuntime, { writable: ["enableEvents"] });

export class FakeApplication extends HostObject {
  readonly _typeName = "Application";

  protected _get(target: unknown, name: string): unknown {
    if (name === "calculationMode")
      return (target as FakeWorkbook & { calculationMode?: string }).calculationMode ?? "Automatic";
    return fail("InvalidArgument", `Application.${name} is not modelled`);
  }

  protected override _set(target: unknown, _name: string, value: unknown): void {
    if (value !== "Automatic" && value !== "AutomaticExceptTables" && value !== "Manual") {
      fail("InvalidArgument", `calculationMode: ${String(value)}`);
    }
    (target as FakeWorkbook & { calculationMode?: string }).calculationMode = value;
  }

  private _note(call: string): void {
    this._call(call, [], (fake: FakeWorkbook) => {
      fake.log.push({ sync: this._ctx.syncCount, call });
    });
  }

  suspendApiCalculationUntilNextSync(): void {
    this._ctx._require("1.6", "Application.suspendApiCalculationUntilNextSync");
    this._note("suspendApiCalculationUntilNextSync");
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this._ctx._require("1.9", "Application.suspendScreenUpdatingUntilNextSync");
    this._note("suspendScreenUpdatingUntilNextSync");
  }

  calculate(calculationType: string): void {
    this._note(`calculate ${calculationType}`);
  }
}

defineHost(FakeApplication, { writable: ["calculationMode"] });
