/**
 * FakeWorkbook: the document behind the fake Excel API. Tests build it from data
 * (`createFakeWorkbook`), run product code against it (`fake.run`, or the `Excel` global from
 * `installFakeOffice`), then inspect cells, rules, tables, names, charts, events and per-sync
 * instrumentation. The mutation methods here are what a batch's operations call during
 * `context.sync()`; they raise FakeOfficeError with Office-like codes when Excel would refuse.
 */
import { filteredRowsIn } from "./filter";
import { checkProtection } from "./protection";
import {
  type Rect,
  boundingRect,
  contains,
  containsCell,
  intersect,
  isEntireColumns,
  isEntireRows,
  lettersToCol,
  overlaps,
  parseAddress,
  qualified,
  quoteSheet,
  rectToA1,
  requireAddress,
  subtract,
} from "./address";
import {
  type CellContent,
  type Scalar,
  type TypedInput,
  ERROR_VALUES,
  displayText,
  typeIn,
  valueType,
} from "./cellValues";
import { HostCall, type RuntimeState } from "./call";
import { HostObject } from "./hostObject";
import { FakeRange } from "./range";
import { FakeWorkbookProxy } from "./sheet";
import type { ClientConnection } from "./connection";
import { type FakeOffice, officeFor } from "./office";
import { type WireRequestBody, dispatchRequest } from "./dispatch";
import { FakeOfficeError, fail } from "./errors";
import {
  type CellFormat,
  type CellState,
  type ConditionalFormatState,
  type DataValidationRuleState,
  type NameState,
  type SheetState,
  type TableState,
  type ValidationState,
  type Visibility,
  type ChartState,
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  colOf,
  contentOf,
  key,
  newSheet,
  rowOf,
} from "./state";

export type CellInput =
  | Scalar
  | null
  | {
      value?: Scalar | null;
      formula?: string;
      numberFormat?: string;
      fill?: string;
      bold?: boolean;
      italic?: boolean;
      fontColor?: string;
      wrapText?: boolean;
    };

export interface SheetSpec {
  name: string;
  visibility?: Visibility;
  tabColor?: string;
  freeze?: { rows?: number; cols?: number };
  /** Raw values from `at` (default A1): stored as given, never parsed. */
  rows?: (Scalar | null)[][];
  at?: string;
  /** By address: raw value, or an object with formula, value, numberFormat, style. */
  cells?: Record<string, CellInput>;
  /** Column letters to width in points. */
  columnWidths?: Record<string, number>;
  hiddenColumns?: string[];
  merges?: string[];
  validations?: {
    range: string;
    rule: DataValidationRuleState;
    errorAlert?: Partial<ValidationState["errorAlert"]>;
    prompt?: Partial<ValidationState["prompt"]>;
    ignoreBlanks?: boolean;
  }[];
  conditionalFormats?: {
    range: string;
    formula: string;
    fill?: string;
    fontColor?: string;
    bold?: boolean;
    stopIfTrue?: boolean;
  }[];
  tables?: { name: string; range: string; style?: string; showFilterButton?: boolean }[];
}

export interface FakeWorkbookOptions {
  /** File name, e.g. "Kế hoạch 2025.xlsx". */
  name?: string;
  sheets?: SheetSpec[];
  names?: { name: string; formula: string; comment?: string }[];
  /** Highest ExcelApi requirement set the host supports (APIs above it throw ApiNotFound). */
  apiVersion?: string;
  /** `context.runtime.enableEvents` at start. */
  eventsEnabled?: boolean;
  /** Excel on the web refuses a request (response) over 5 MB. */
  maxRequestBytes?: number;
  maxResponseBytes?: number;
  /** Excel on the web reads up to 5M cells per range. */
  maxCellsPerRead?: number;
  /**
   * How Excel refuses an oversized request or response: the documented
   * Request/ResponsePayloadSizeLimitExceeded, or GeneralException as several Excel-on-the-web
   * reports show (review item 6).
   */
  oversizeError?: "documented" | "GeneralException";
  /**
   * Past maxCellsPerRead, Range.values comes back null on some builds instead of an error
   * (review item 6): "null" models that, "error" answers RangeExceedsLimit.
   */
  bigRead?: "null" | "error";
  /**
   * When a runtime's enableEvents is read for a change (review item 3, "not sure"): when the
   * change happens ("write", the default), or when the event is dispatched after the request
   * ("dispatch") — then a batch that switches events off, writes and switches them on again in
   * the same request still raises its own events.
   */
  eventFlagAt?: "write" | "dispatch";
  /** Delay per round trip (ms), e.g. to see progress UI in a browser test. */
  syncDelayMs?: number;
  /** Value of a formula cell when written; the fake has no calc engine (default: unknown, ""). */
  calculate?: (
    formula: string,
    where: { sheet: string; address: string },
  ) => Scalar | null | undefined;
}

export interface ChangedEvent {
  type: "WorksheetChanged";
  worksheetId: string;
  address: string;
  changeType: "RangeEdited";
  source: "Local" | "Remote";
  triggerSource: "ThisLocalAddin" | "Unknown";
  /** The runtimes (by name) it was delivered to. */
  deliveredTo?: string[];
  details?: {
    valueBefore: Scalar;
    valueAfter: Scalar;
    valueTypeBefore: string;
    valueTypeAfter: string;
  };
}

export interface SyncRecord {
  /** Which runtime sent it (1 = the first connected). */
  context: number;
  runtime?: string;
  detail?: string;
  requestBytes: number;
  responseBytes: number;
  operations: number;
  ok: boolean;
  error?: string;
}

/** A response message as the client's request executor returns it. */
export interface WireResponse {
  HttpStatusCode: number;
  ErrorCode: string;
  ErrorMessage: string;
  Headers: Record<string, string>;
  Body: unknown;
}

const DELAY_FOR_CELL_EDIT = 64;
const encoder = new TextEncoder();

/** Bytes of a message's JSON as UTF-8 (what crosses the wire, measured on the real messages). */
export function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

/** How tests get a runtime of Microsoft's client on a workbook (Node: vm; page: the page's). */
export type ClientFactory = (
  fake: FakeWorkbook,
  name: string,
  office: Pick<FakeOffice, "context">,
) => ClientConnection;

const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/;
const TABLE_STYLE =
  /^TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01]))$/;

export function validName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 255 &&
    /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) &&
    !/^[A-Za-z]{1,3}\d+$/.test(name) &&
    !/^[RrCc]$/.test(name) &&
    !/^R\d*C\d*$/i.test(name)
  );
}

export class FakeWorkbook {
  readonly name: string;
  readonly sheets: SheetState[] = [];
  readonly tableStates: TableState[] = [];
  readonly nameStates: NameState[] = [];
  apiVersion: string;
  /** enableEvents of a runtime when it starts. */
  initialEventsEnabled: boolean;
  maxRequestBytes: number;
  maxResponseBytes: number;
  maxCellsPerRead: number;
  syncDelayMs: number;
  oversizeError: "documented" | "GeneralException";
  bigRead: "null" | "error";
  /**
   * Fault injection: the operation (instantiate of a method object, method call, property set;
   * counted over all requests since set) at which the host answers GeneralException.
   */
  failAtOperation: number | null = null;
  eventFlagAt: "write" | "dispatch";
  /** Operations counted since failAtOperation was last set (or the workbook was made). */
  operationCount = 0;
  /** When an array: what each operation was ("Worksheet.delete", …), for tests aiming a fault. */
  operationLog: string[] | null = null;
  /** Review › Protect Workbook: the sheet list cannot change (protection.ts). */
  structureProtected = false;
  /** Add-in runtimes connected to this workbook (each a copy of Microsoft's client). */
  readonly runtimes: RuntimeState[] = [];
  /** Set by the test environment: how `run` gets its default runtime. */
  static clientFactory: ClientFactory | null = null;
  private defaultConnection: ClientConnection | null = null;
  private editMode = false;
  private editWaiters: (() => void)[] = [];
  private nextReference = 1;
  readonly calculate: FakeWorkbookOptions["calculate"];
  activeSheet: SheetState;
  selection: { sheet: string; address: string } | null = null;
  /** Workbook-wide instrumentation over every context (Excel.run) since the last resetStats(). */
  readonly stats = {
    syncCount: 0,
    requestSizes: [] as number[],
    responseSizes: [] as number[],
    largestRequestBytes: 0,
    largestResponseBytes: 0,
    syncs: [] as SyncRecord[],
    /** Requests that only release kept ranges (sent when an Excel.run ends): not counted as syncs. */
    releaseRequests: 0,
  };
  /** Calls that change nothing in the document but matter (suspend…UntilNextSync, autofit…). */
  readonly log: { sync: number; call: string }[] = [];
  /** Every onChanged event raised (events enabled), in order. */
  readonly eventLog: ChangedEvent[] = [];
  /** Changes made while events were disabled (no event raised). */
  suppressedEventCount = 0;
  /** Errors thrown (or rejected) by event handlers. */
  readonly handlerErrors: unknown[] = [];
  /** Base64 payloads passed to Excel.createWorkbook. */
  readonly createdWorkbooks: (string | undefined)[] = [];

  private nextId = 1;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(options: FakeWorkbookOptions = {}) {
    this.name = options.name ?? "Book1.xlsx";
    this.apiVersion = options.apiVersion ?? "1.17";
    this.initialEventsEnabled = options.eventsEnabled ?? true;
    this.oversizeError = options.oversizeError ?? "documented";
    this.bigRead = options.bigRead ?? "error";
    this.maxRequestBytes = options.maxRequestBytes ?? 5 * 1024 * 1024;
    this.maxResponseBytes = options.maxResponseBytes ?? 5 * 1024 * 1024;
    this.maxCellsPerRead = options.maxCellsPerRead ?? 5_000_000;
    this.syncDelayMs = options.syncDelayMs ?? 0;
    this.eventFlagAt = options.eventFlagAt ?? "write";
    this.calculate = options.calculate;
    const specs = options.sheets?.length ? options.sheets : [{ name: "Sheet1" }];
    for (const spec of specs) this.addSheet(spec.name);
    this.activeSheet = this.sheets[0]!;
    specs.forEach((spec, i) => this.loadSheet(this.sheets[i]!, spec));
    for (const n of options.names ?? []) this.addName(n.name, n.formula, n.comment ?? "");
    const firstVisible = this.sheets.find((s) => s.visibility === "Visible");
    if (firstVisible) this.activeSheet = firstVisible;
  }

  // ---------------------------------------------------------------- running product code

  /** The default runtime ("taskpane") of Microsoft's client on this workbook. */
  connection(): ClientConnection {
    this.defaultConnection ??= this.connect("taskpane");
    return this.defaultConnection;
  }

  /**
   * A new runtime of the add-in on this workbook (the pane, a ribbon command's function file,
   * a dialog): its own copy of Microsoft's client. The first one becomes the default of `run`.
   */
  connect(name: string, office?: Pick<FakeOffice, "context">): ClientConnection {
    const factory = FakeWorkbook.clientFactory;
    if (!factory) {
      throw new Error(
        "FakeExcel: no client factory — import the fake from test/fakes/excel (Node) or browser.ts",
      );
    }
    const connection = factory(this, name, office ?? officeFor(this));
    this.defaultConnection ??= connection;
    return connection;
  }

  /** `Excel.run(batch)` of the default runtime: the batch gets a real Excel.RequestContext. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.connection().run(batch) as Promise<T>;
  }

  /** `enableEvents` of every runtime (and of runtimes yet to start). */
  get eventsEnabled(): boolean {
    return this.runtimes.length === 0
      ? this.initialEventsEnabled
      : this.runtimes.every((r) => r.enableEvents);
  }

  set eventsEnabled(on: boolean) {
    this.initialEventsEnabled = on;
    for (const r of this.runtimes) r.enableEvents = on;
  }

  addRuntime(name: string, deliver: RuntimeState["deliver"]): RuntimeState {
    const runtime: RuntimeState = {
      id: this.runtimes.length + 1,
      name,
      enableEvents: this.initialEventsEnabled,
      deliver,
      registrations: [],
      references: new Map(),
    };
    this.runtimes.push(runtime);
    return runtime;
  }

  /**
   * The document closed: no more events are delivered (a test's self-triggering handler stops
   * here instead of running on after the test).
   */
  close(): void {
    this.closed = true;
  }

  private closed = false;

  /** A user typing in a cell: requests fail, or wait when sent with delayForCellEdit. */
  get cellEditMode(): boolean {
    return this.editMode;
  }

  set cellEditMode(on: boolean) {
    this.editMode = on;
    if (!on) for (const wake of this.editWaiters.splice(0)) wake();
  }

  /** Requests waiting for the user to leave cell-edit mode. */
  get waitingForCellEdit(): number {
    return this.editWaiters.length;
  }

  /** The host's answer to one RichApi request message of `runtime`'s client. */
  serve(runtime: RuntimeState, requestFlags: number, body: WireRequestBody): Promise<WireResponse> {
    const p = this.serveNow(runtime, requestFlags, body);
    this.track(p);
    return p;
  }

  private async serveNow(
    runtime: RuntimeState,
    requestFlags: number,
    body: WireRequestBody,
  ): Promise<WireResponse> {
    const requestBytes = utf8Length(JSON.stringify(body));
    const operations = body.Actions.length;
    // Excel.run ends with a request that only releases the ranges it kept: not a context.sync.
    const release = body.Actions.every(
      (a) =>
        a.Name === "_RemoveReference" ||
        (a.ActionType === 1 && body.ObjectPaths[String(a.ObjectPathId)]?.ObjectPathType === 1),
    );
    if (this.syncDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.syncDelayMs));
    else await Promise.resolve();
    let error: FakeOfficeError | undefined;
    let responseBody: unknown;
    if (this.editMode && (requestFlags & DELAY_FOR_CELL_EDIT) !== 0) {
      await new Promise<void>((resolve) => this.editWaiters.push(resolve));
    }
    if (this.editMode) {
      error = new FakeOfficeError("InvalidOperationInCellEditMode", { location: "sync" });
    } else if (requestBytes > this.maxRequestBytes) {
      error = new FakeOfficeError(
        this.oversizeError === "GeneralException"
          ? "GeneralException"
          : "RequestPayloadSizeLimitExceeded",
        {
          location: "sync",
          detail: `request of ${requestBytes} bytes (${operations} actions) over the ${this.maxRequestBytes}-byte limit`,
        },
      );
    } else {
      const result = dispatchRequest(new HostCall(this, runtime), body, {
        root: (call) => rootObject(call),
        registerChanged: (call, sheetId, on) => {
          const regs = call.runtime.registrations;
          if (on) regs.push({ sheetId });
          else {
            const i = regs.findIndex((r) => r.sheetId === sheetId);
            if (i >= 0) regs.splice(i, 1);
          }
        },
        eventRange: (call, referenceId, orNull) => eventRange(call, referenceId, orNull),
        beforeOperation: (_call, what, obj, kind) => {
          this.operationCount++;
          this.operationLog?.push(what);
          if (this.failAtOperation !== null && this.operationCount === this.failAtOperation) {
            throw new FakeOfficeError("GeneralException", {
              detail: `fault injected at operation ${this.operationCount}`,
            });
          }
          checkProtection(this.structureProtected, what, obj, kind);
        },
        newReferenceId: () => `{FAKE-REF-${this.nextReference++}}`,
      });
      responseBody = result.body;
      error = result.error;
      if (this.debugWire) this.debugWire(body, result.body);
    }
    let responseBytes = error ? 0 : utf8Length(JSON.stringify(responseBody));
    if (!error && responseBytes > this.maxResponseBytes) {
      error = new FakeOfficeError(
        this.oversizeError === "GeneralException"
          ? "GeneralException"
          : "ResponsePayloadSizeLimitExceeded",
        {
          location: "sync",
          detail: `response of ${responseBytes} bytes over the ${this.maxResponseBytes}-byte limit`,
        },
      );
    }
    if (error && !responseBody) {
      responseBody = {
        Error: {
          Code: error.code,
          Message: error.message,
          Location: error.debugInfo.errorLocation ?? "",
          HttpStatusCode: error.httpStatusCode,
        },
      };
    } else if (error && (responseBody as { Results?: unknown }).Results) {
      responseBody = {
        Error: { Code: error.code, Message: error.message, HttpStatusCode: error.httpStatusCode },
      };
    }
    if (error) responseBytes = utf8Length(JSON.stringify(responseBody));
    if (release && !error) {
      this.stats.releaseRequests++;
      return {
        HttpStatusCode: 200,
        ErrorCode: "",
        ErrorMessage: "",
        Headers: {},
        Body: responseBody,
      };
    }
    this.recordSync({
      context: runtime.id,
      runtime: runtime.name,
      requestBytes,
      responseBytes,
      operations,
      ok: error === undefined,
      ...(error ? { error: error.code } : {}),
      ...(error?.debugInfo.detail ? { detail: error.debugInfo.detail } : {}),
    });
    return {
      HttpStatusCode: 200,
      ErrorCode: "",
      ErrorMessage: "",
      Headers: {},
      Body: responseBody,
    };
  }

  resetStats(): void {
    this.stats.syncCount = 0;
    this.stats.requestSizes.length = 0;
    this.stats.responseSizes.length = 0;
    this.stats.largestRequestBytes = 0;
    this.stats.largestResponseBytes = 0;
    this.stats.syncs.length = 0;
    this.stats.releaseRequests = 0;
    this.log.length = 0;
  }

  recordSync(record: SyncRecord): void {
    this.stats.syncCount++;
    this.stats.requestSizes.push(record.requestBytes);
    this.stats.responseSizes.push(record.responseBytes);
    this.stats.largestRequestBytes = Math.max(this.stats.largestRequestBytes, record.requestBytes);
    this.stats.largestResponseBytes = Math.max(
      this.stats.largestResponseBytes,
      record.responseBytes,
    );
    this.stats.syncs.push(record);
  }

  newId(prefix: string): string {
    const n = this.nextId++;
    return `{${prefix}${String(n).padStart(8 - prefix.length, "0")}-0001-0000-0000-000000000000}`;
  }

  supports(version: string): boolean {
    return compareVersions(this.apiVersion, version) >= 0;
  }

  // ---------------------------------------------------------------- sheets

  sheetByName(name: string): SheetState | undefined {
    const upper = name.toUpperCase();
    return this.sheets.find((s) => s.name.toUpperCase() === upper);
  }

  /** Worksheets.getItem: by name or id. */
  sheetByKey(keyOrName: string): SheetState | undefined {
    return this.sheets.find((s) => s.id === keyOrName) ?? this.sheetByName(keyOrName);
  }

  requireSheet(name: string): SheetState {
    const sheet = this.sheetByName(name);
    if (!sheet) fail("ItemNotFound", `no worksheet named "${name}"`);
    return sheet;
  }

  checkSheetName(name: unknown, except?: SheetState): string {
    if (typeof name !== "string" || name.trim() === "")
      fail("InvalidArgument", "a sheet name cannot be empty");
    if (name.length > 31)
      fail("InvalidArgument", `sheet name "${name}" is longer than 31 characters`);
    if (SHEET_NAME_FORBIDDEN.test(name)) {
      fail("InvalidArgument", `sheet name "${name}" contains one of [ ] : * ? / \\`);
    }
    if (name.startsWith("'") || name.endsWith("'")) {
      fail("InvalidArgument", `sheet name "${name}" starts or ends with an apostrophe`);
    }
    if (name.toUpperCase() === "HISTORY")
      fail("InvalidArgument", `"History" is a reserved sheet name`);
    const existing = this.sheetByName(name);
    if (existing && existing !== except)
      fail("ItemAlreadyExists", `a sheet named "${name}" already exists`);
    return name;
  }

  addSheet(name?: string): SheetState {
    let sheetName = name;
    if (sheetName === undefined || sheetName === null) {
      let n = this.sheets.length + 1;
      while (this.sheetByName(`Sheet${n}`)) n++;
      sheetName = `Sheet${n}`;
    }
    this.checkSheetName(sheetName);
    const sheet = newSheet(this.newId("5"), sheetName);
    this.sheets.push(sheet);
    return sheet;
  }

  renameSheet(sheet: SheetState, name: unknown): void {
    const newName = this.checkSheetName(name, sheet);
    if (newName === sheet.name) return;
    this.replaceSheetRefs(sheet.name, quoteSheet(newName));
    sheet.name = newName;
  }

  visibleSheets(): SheetState[] {
    return this.sheets.filter((s) => s.visibility === "Visible");
  }

  setVisibility(sheet: SheetState, visibility: unknown): void {
    if (visibility !== "Visible" && visibility !== "Hidden" && visibility !== "VeryHidden") {
      fail(
        "InvalidArgument",
        `visibility must be Visible, Hidden or VeryHidden, got ${String(visibility)}`,
      );
    }
    if (
      visibility !== "Visible" &&
      sheet.visibility === "Visible" &&
      this.visibleSheets().length === 1
    ) {
      fail("InvalidOperation", "a workbook must contain at least one visible worksheet");
    }
    sheet.visibility = visibility;
    if (this.activeSheet === sheet && visibility !== "Visible")
      this.activeSheet = this.visibleSheets()[0]!;
  }

  moveSheet(sheet: SheetState, position: unknown): void {
    if (typeof position !== "number" || !Number.isInteger(position) || position < 0) {
      fail("InvalidArgument", `position must be a non-negative integer, got ${String(position)}`);
    }
    const from = this.sheets.indexOf(sheet);
    this.sheets.splice(from, 1);
    this.sheets.splice(Math.min(position, this.sheets.length), 0, sheet);
  }

  deleteSheet(sheet: SheetState): void {
    // Excel refuses to delete a VeryHidden sheet (InvalidOperation; Mac: GeneralException):
    // review item 1 — the add-in must rewrite its hidden sheet in place.
    if (sheet.visibility === "VeryHidden") {
      fail(
        "InvalidOperation",
        `the sheet ${sheet.name} is VeryHidden: Excel cannot delete it (make it visible first)`,
      );
    }
    if (sheet.visibility === "Visible" && this.visibleSheets().length === 1) {
      fail("InvalidOperation", "a workbook must contain at least one visible worksheet");
    }
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    sheet.deleted = true;
    for (const t of this.tableStates.filter((t) => t.sheet === sheet)) this.removeTable(t);
    for (const c of sheet.charts) c.deleted = true;
    this.replaceSheetRefs(sheet.name, "#REF");
    if (this.activeSheet === sheet) this.activeSheet = this.visibleSheets()[0]!;
    if (this.selection?.sheet === sheet.name) this.selection = null;
  }

  /** Rewrites references to a renamed/deleted sheet in formulas, names and rules, as Excel does. */
  private replaceSheetRefs(oldName: string, replacement: string): void {
    const escaped = oldName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const quotedOld = `'${oldName.replace(/'/g, "''")}'`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const re = new RegExp(`(${quotedOld}|(?<![\\p{L}\\p{N}_.'])${escaped})!`, "gu");
    const fix = (f: string): string => f.replace(re, `${replacement}!`);
    for (const s of this.sheets) {
      for (const cell of s.cells.values()) if (cell.formula) cell.formula = fix(cell.formula);
      for (const cf of s.conditionalFormats) cf.formula = fix(cf.formula);
      for (const v of s.validations) {
        if (v.rule?.list) v.rule.list.source = fix(v.rule.list.source);
        if (v.rule?.custom) v.rule.custom.formula = fix(v.rule.custom.formula);
      }
    }
    for (const n of this.nameStates) n.formula = fix(n.formula);
  }

  // ---------------------------------------------------------------- cells

  cellAt(sheet: SheetState, r: number, c: number): CellState | undefined {
    return sheet.cells.get(key(r, c));
  }

  private ensureCell(sheet: SheetState, r: number, c: number): CellState {
    const k = key(r, c);
    let cell = sheet.cells.get(k);
    if (!cell) {
      cell = { value: null, formula: null };
      sheet.cells.set(k, cell);
    }
    return cell;
  }

  private tidy(sheet: SheetState, r: number, c: number): void {
    const k = key(r, c);
    const cell = sheet.cells.get(k);
    if (
      cell &&
      cell.value === null &&
      cell.formula === null &&
      cell.numberFormat === undefined &&
      (!cell.format || Object.keys(cell.format).length === 0)
    ) {
      sheet.cells.delete(k);
    }
  }

  numberFormatAt(sheet: SheetState, r: number, c: number): string {
    return this.cellAt(sheet, r, c)?.numberFormat ?? "General";
  }

  private setContent(sheet: SheetState, r: number, c: number, content: CellContent): void {
    const cell = this.ensureCell(sheet, r, c);
    cell.formula = content.formula;
    cell.value = content.value;
    let isError = content.isError === true;
    if (content.formula && this.calculate) {
      const v = this.calculate(content.formula, {
        sheet: sheet.name,
        address: rectToA1({ r, c, rows: 1, cols: 1 }),
      });
      if (v !== undefined) cell.value = v;
      isError = typeof v === "string" && ERROR_VALUES.includes(v);
    }
    if (isError) cell.isError = true;
    else delete cell.isError;
    if (content.quotePrefix) cell.quotePrefix = true;
    else delete cell.quotePrefix;
    this.tidy(sheet, r, c);
  }

  /**
   * Writes `range.values` / `range.formulas` / `range.numberFormat`: a 2-D array of the range's
   * size, or one value (or a 1×1 array) copied to every cell ("single input copy"); null entries
   * leave a cell alone; "" clears it. Anything else is InvalidArgument, as in Excel.
   */
  writeGrid(
    sheet: SheetState,
    rect: Rect,
    input: unknown,
    kind: "values" | "formulas" | "numberFormat",
    source: { source: "Local" | "Remote"; triggerSource: "ThisLocalAddin" | "Unknown" },
  ): void {
    if (isEntireColumns(rect) || isEntireRows(rect)) {
      fail("InvalidArgument", `cannot set ${kind} on the unbounded range ${rectToA1(rect)}`);
    }
    const grid = this.shapeInput(rect, input, kind);
    const single = rect.rows === 1 && rect.cols === 1;
    const before = single ? contentOf(this.cellAt(sheet, rect.r, rect.c)) : null;
    // Check everything first: an invalid entry rejects the whole write, leaving the range as it was.
    if (kind === "numberFormat") {
      const formats: { r: number; c: number; format: string }[] = [];
      for (let i = 0; i < rect.rows; i++) {
        for (let j = 0; j < rect.cols; j++) {
          const raw = grid(i, j);
          if (raw === null || raw === undefined) continue;
          if (typeof raw !== "string") {
            fail("InvalidArgument", `a number format must be a string, got ${typeof raw}`);
          }
          formats.push({ r: rect.r + i, c: rect.c + j, format: raw });
        }
      }
      for (const { r, c, format } of formats) {
        const cell = this.ensureCell(sheet, r, c);
        if (format === "" || format === "General") delete cell.numberFormat;
        else cell.numberFormat = format;
        this.tidy(sheet, r, c);
      }
      return;
    }
    const typed: { r: number; c: number; input: TypedInput }[] = [];
    // Through a filter the rows of the input land on the visible rows in order (filter.ts).
    const hidden = rect.rows > 1 ? new Set(filteredRowsIn(sheet, rect)) : new Set<number>();
    const landing = Array.from({ length: rect.rows }, (_, i) => rect.r + i).filter(
      (r) => !hidden.has(r),
    );
    for (let i = 0; i < rect.rows; i++) {
      const r = landing[i];
      if (r === undefined) break;
      for (let j = 0; j < rect.cols; j++) {
        const c = rect.c + j;
        typed.push({ r, c, input: typeIn(grid(i, j), this.numberFormatAt(sheet, r, c)) });
      }
    }
    for (const { r, c, input } of typed) {
      if (input === "skip") continue;
      this.setContent(sheet, r, c, input.content);
      if (input.numberFormat) this.ensureCell(sheet, r, c).numberFormat = input.numberFormat;
    }
    this.syncTableHeaders(sheet, rect);
    this.emitChange(sheet, rect, source.source, source.triggerSource, before);
  }

  private shapeInput(rect: Rect, input: unknown, kind: string): (i: number, j: number) => unknown {
    if (input === null || input === undefined) {
      fail("InvalidArgument", `null is not a valid input for the whole ${kind} property`);
    }
    if (!Array.isArray(input)) return () => input;
    const rows = input as unknown[];
    if (!rows.every((row) => Array.isArray(row))) {
      fail("InvalidArgument", `${kind} must be a two-dimensional array (an array of rows)`);
    }
    const grid = rows as unknown[][];
    const width = grid[0]?.length ?? 0;
    if (grid.some((row) => row.length !== width)) {
      fail("InvalidArgument", `${kind}: the rows of the input array have different lengths`);
    }
    if (grid.length === 1 && width === 1) {
      const only = grid[0]?.[0];
      return () => only;
    }
    if (grid.length !== rect.rows || width !== rect.cols) {
      fail(
        "InvalidArgument",
        `The number of rows or columns in the input array doesn't match the size or dimensions of the range: ` +
          `${kind} is ${grid.length}×${width}, the range ${rectToA1(rect)} is ${rect.rows}×${rect.cols}`,
      );
    }
    return (i, j) => grid[i]?.[j];
  }

  clearRange(sheet: SheetState, rect: Rect, applyTo: string): void {
    const contents = applyTo === "All" || applyTo === "Contents" || applyTo === "ResetContents";
    const formats = applyTo === "All" || applyTo === "Formats";
    if (!contents && !formats && applyTo !== "Hyperlinks" && applyTo !== "RemoveHyperlinks") {
      fail("InvalidArgument", `clear: unknown applyTo "${applyTo}"`);
    }
    for (const [k, cell] of [...sheet.cells]) {
      const r = rowOf(k);
      const c = colOf(k);
      if (!containsCell(rect, r, c)) continue;
      if (contents) {
        cell.value = null;
        cell.formula = null;
        delete cell.isError;
        delete cell.quotePrefix;
      }
      if (formats) {
        delete cell.format;
        delete cell.numberFormat;
      }
      this.tidy(sheet, r, c);
    }
    if (formats) {
      if (isEntireColumns(rect))
        for (let c = rect.c; c < rect.c + rect.cols; c++) sheet.colFormats.delete(c);
      if (isEntireRows(rect))
        for (let r = rect.r; r < rect.r + rect.rows; r++) sheet.rowFormats.delete(r);
    }
    if (contents) this.emitChange(sheet, rect, "Local", "ThisLocalAddin", null);
  }

  effectiveFormat(sheet: SheetState, r: number, c: number): CellFormat {
    const row = sheet.rowFormats.get(r);
    const col = sheet.colFormats.get(c);
    const cell = this.cellAt(sheet, r, c)?.format;
    if (!row && !col) return cell ?? {};
    const font = { ...row?.font, ...col?.font, ...cell?.font };
    const borders = { ...row?.borders, ...col?.borders, ...cell?.borders };
    return {
      ...row,
      ...col,
      ...cell,
      ...(Object.keys(font).length ? { font } : {}),
      ...(Object.keys(borders).length ? { borders } : {}),
    };
  }

  /** Applies a format change to every cell of the range (whole columns/rows at that level). */
  updateFormat(
    sheet: SheetState,
    rect: Rect,
    change: (f: CellFormat, r: number, c: number) => void,
  ): void {
    const wholeCols = isEntireColumns(rect);
    const wholeRows = isEntireRows(rect);
    if (wholeCols || wholeRows) {
      if (wholeCols && !wholeRows) {
        for (let c = rect.c; c < rect.c + rect.cols; c++) {
          const f = sheet.colFormats.get(c) ?? {};
          change(f, -1, c);
          sheet.colFormats.set(c, f);
        }
      } else if (wholeRows && !wholeCols) {
        for (let r = rect.r; r < rect.r + rect.rows; r++) {
          const f = sheet.rowFormats.get(r) ?? {};
          change(f, r, -1);
          sheet.rowFormats.set(r, f);
        }
      }
      for (const [k, cell] of sheet.cells) {
        if (containsCell(rect, rowOf(k), colOf(k))) {
          cell.format ??= {};
          change(cell.format, rowOf(k), colOf(k));
        }
      }
      return;
    }
    for (let r = rect.r; r < rect.r + rect.rows; r++) {
      for (let c = rect.c; c < rect.c + rect.cols; c++) {
        const cell = this.ensureCell(sheet, r, c);
        cell.format ??= {};
        change(cell.format, r, c);
        if (Object.keys(cell.format).length === 0) delete cell.format;
        this.tidy(sheet, r, c);
      }
    }
  }

  /** The one value of `read` over the range, or null when cells differ (Office.js does this). */
  uniform<T>(
    sheet: SheetState,
    rect: Rect,
    read: (f: CellFormat, r: number, c: number) => T,
  ): T | null {
    let first = true;
    let value: T | null = null;
    const visit = (f: CellFormat, r: number, c: number): boolean => {
      const v = read(f, r, c);
      if (first) {
        value = v;
        first = false;
        return true;
      }
      return JSON.stringify(v) === JSON.stringify(value);
    };
    const cells = rect.rows * rect.cols;
    if (cells <= 200_000) {
      for (let r = rect.r; r < rect.r + rect.rows; r++) {
        for (let c = rect.c; c < rect.c + rect.cols; c++) {
          if (!visit(this.effectiveFormat(sheet, r, c), r, c)) return null;
        }
      }
      return value;
    }
    // Huge ranges: stored cells plus one blank cell per column stand for the rest.
    for (let c = rect.c; c < Math.min(rect.c + rect.cols, rect.c + 1000); c++) {
      if (!visit(this.effectiveFormat(sheet, isEntireColumns(rect) ? -1 : rect.r, c), rect.r, c))
        return null;
    }
    for (const [k] of sheet.cells) {
      const r = rowOf(k);
      const c = colOf(k);
      if (containsCell(rect, r, c) && !visit(this.effectiveFormat(sheet, r, c), r, c)) return null;
    }
    return value;
  }

  /** The smallest rectangle holding values (and, unless valuesOnly, formatting); null if none. */
  usedRect(sheet: SheetState, valuesOnly: boolean, within?: Rect): Rect | null {
    let minR = Infinity;
    let minC = Infinity;
    let maxR = -1;
    let maxC = -1;
    for (const [k, cell] of sheet.cells) {
      if (valuesOnly && cell.value === null && cell.formula === null) continue;
      const r = rowOf(k);
      const c = colOf(k);
      if (within && !containsCell(within, r, c)) continue;
      minR = Math.min(minR, r);
      minC = Math.min(minC, c);
      maxR = Math.max(maxR, r);
      maxC = Math.max(maxC, c);
    }
    if (maxR < 0) return null;
    return { r: minR, c: minC, rows: maxR - minR + 1, cols: maxC - minC + 1 };
  }

  columnWidth(sheet: SheetState, c: number): number {
    return sheet.colWidths.get(c) ?? DEFAULT_COLUMN_WIDTH;
  }

  rowHeight(sheet: SheetState, r: number): number {
    return sheet.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT;
  }

  // ---------------------------------------------------------------- merges

  merge(sheet: SheetState, rect: Rect, across: boolean): void {
    for (const t of this.tableStates) {
      if (t.sheet === sheet && overlaps(t.rect, rect)) {
        fail("InvalidOperation", `cannot merge ${rectToA1(rect)}: it overlaps the table ${t.name}`);
      }
    }
    const areas: Rect[] = across
      ? Array.from({ length: rect.rows }, (_, i) => ({
          r: rect.r + i,
          c: rect.c,
          rows: 1,
          cols: rect.cols,
        }))
      : [rect];
    for (const area of areas) {
      if (area.rows * area.cols === 1) continue;
      sheet.merges = sheet.merges.filter((m) => !overlaps(m, area));
      sheet.merges.push(area);
      // Excel keeps only the upper-left value of a merged area.
      for (const [k, cell] of [...sheet.cells]) {
        const r = rowOf(k);
        const c = colOf(k);
        if (containsCell(area, r, c) && !(r === area.r && c === area.c)) {
          cell.value = null;
          cell.formula = null;
          this.tidy(sheet, r, c);
        }
      }
    }
  }

  unmerge(sheet: SheetState, rect: Rect): void {
    sheet.merges = sheet.merges.filter((m) => !overlaps(m, rect));
  }

  // ---------------------------------------------------------------- data validation

  /** Splits existing validations so the part inside `rect` is its own entry; returns those parts. */
  private isolateValidations(
    sheet: SheetState,
    rect: Rect,
    createMissing: boolean,
  ): ValidationState[] {
    const inside: ValidationState[] = [];
    const next: ValidationState[] = [];
    let covered: Rect[] = [];
    for (const v of sheet.validations) {
      const i = intersect(v.rect, rect);
      if (!i) {
        next.push(v);
        continue;
      }
      for (const part of subtract(v.rect, rect))
        next.push({ ...structuredCloneish(v), rect: part });
      const mine = { ...structuredCloneish(v), rect: i };
      next.push(mine);
      inside.push(mine);
      covered = covered.concat(i);
    }
    if (createMissing) {
      let missing = [rect];
      for (const c of covered) missing = missing.flatMap((m) => subtract(m, c));
      for (const m of missing) {
        const v: ValidationState = {
          rect: m,
          type: "None",
          rule: null,
          errorAlert: { style: "Stop", title: "", message: "", showAlert: true },
          prompt: { title: "", message: "", showPrompt: false },
          ignoreBlanks: true,
        };
        next.push(v);
        inside.push(v);
      }
    }
    sheet.validations = next;
    return inside;
  }

  /** Joins adjacent pieces with the same settings back into one rectangle (Excel shows one rule). */
  private coalesceValidations(sheet: SheetState): void {
    const settings = (v: ValidationState): string =>
      JSON.stringify([v.type, v.rule, v.errorAlert, v.prompt, v.ignoreBlanks]);
    let merged = true;
    while (merged) {
      merged = false;
      const list = sheet.validations;
      outer: for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const a = list[i]!;
          const b = list[j]!;
          if (settings(a) !== settings(b)) continue;
          const box = boundingRect(a.rect, b.rect);
          if (box.rows * box.cols !== a.rect.rows * a.rect.cols + b.rect.rows * b.rect.cols)
            continue;
          a.rect = box;
          list.splice(j, 1);
          merged = true;
          break outer;
        }
      }
    }
  }

  setValidationRule(
    sheet: SheetState,
    rect: Rect,
    rule: DataValidationRuleState,
    type: string,
  ): void {
    for (const v of this.isolateValidations(sheet, rect, true)) {
      v.rule = rule;
      v.type = type;
    }
    this.coalesceValidations(sheet);
  }

  updateValidation(sheet: SheetState, rect: Rect, change: (v: ValidationState) => void): void {
    for (const v of this.isolateValidations(sheet, rect, true)) change(v);
    this.coalesceValidations(sheet);
  }

  /** dataValidation.clear(): removes every rule in the range, whoever created it. */
  clearValidation(sheet: SheetState, rect: Rect): void {
    this.isolateValidations(sheet, rect, false);
    sheet.validations = sheet.validations.filter((v) => !contains(rect, v.rect));
    this.coalesceValidations(sheet);
  }

  validationsIn(sheet: SheetState, rect: Rect): { v: ValidationState | null; cells: number }[] {
    const out: { v: ValidationState | null; cells: number }[] = [];
    let covered = 0;
    for (const v of sheet.validations) {
      const i = intersect(v.rect, rect);
      if (i) {
        out.push({ v, cells: i.rows * i.cols });
        covered += i.rows * i.cols;
      }
    }
    if (covered < rect.rows * rect.cols)
      out.push({ v: null, cells: rect.rows * rect.cols - covered });
    return out;
  }

  // ---------------------------------------------------------------- conditional formats

  addConditionalFormat(sheet: SheetState, rect: Rect, type: string): ConditionalFormatState {
    const cf: ConditionalFormatState = {
      id: this.newId("C"),
      type,
      rects: [rect],
      formula: "",
      stopIfTrue: false,
    };
    // "Adds a new conditional format to the collection at the first/top priority."
    sheet.conditionalFormats.unshift(cf);
    return cf;
  }

  setPriority(sheet: SheetState, cf: ConditionalFormatState, priority: unknown): void {
    if (typeof priority !== "number" || !Number.isInteger(priority)) {
      fail("InvalidArgument", `priority must be an integer, got ${String(priority)}`);
    }
    const list = sheet.conditionalFormats;
    list.splice(list.indexOf(cf), 1);
    const max = list.length;
    const at = priority < 0 ? Math.max(0, max + 1 + priority) : Math.min(priority, max);
    list.splice(at, 0, cf);
  }

  conditionalFormatsIn(sheet: SheetState, rect: Rect): ConditionalFormatState[] {
    return sheet.conditionalFormats.filter((cf) => cf.rects.some((r) => overlaps(r, rect)));
  }

  clearConditionalFormats(sheet: SheetState, rect: Rect): void {
    for (const cf of [...sheet.conditionalFormats]) {
      cf.rects = cf.rects.flatMap((r) => subtract(r, rect));
      if (cf.rects.length === 0) this.deleteConditionalFormat(sheet, cf);
    }
  }

  deleteConditionalFormat(sheet: SheetState, cf: ConditionalFormatState): void {
    const i = sheet.conditionalFormats.indexOf(cf);
    if (i >= 0) sheet.conditionalFormats.splice(i, 1);
  }

  // ---------------------------------------------------------------- tables

  tableByName(name: string): TableState | undefined {
    const upper = name.toUpperCase();
    return this.tableStates.find((t) => t.name.toUpperCase() === upper);
  }

  checkTableName(name: unknown, except?: TableState): string {
    if (typeof name !== "string" || !validName(name)) {
      fail(
        "InvalidArgument",
        `"${String(name)}" is not a valid table name (letters, digits, _ and ., no spaces)`,
      );
    }
    const table = this.tableByName(name);
    if ((table && table !== except) || this.nameByName(name)) {
      fail("ItemAlreadyExists", `the name "${name}" is already used by a table or a defined name`);
    }
    return name;
  }

  addTable(sheet: SheetState, rect: Rect, hasHeaders: unknown): TableState {
    if (hasHeaders !== true) {
      if (hasHeaders === false) {
        fail(
          "NotImplemented",
          "the fake models tables.add(address, true) only (hasHeaders false inserts a header row)",
        );
      }
      fail("InvalidArgument", "tables.add: hasHeaders must be a boolean");
    }
    if (isEntireColumns(rect) || isEntireRows(rect))
      fail("InvalidArgument", "a table cannot span whole columns or rows");
    for (const t of this.tableStates) {
      if (t.sheet === sheet && overlaps(t.rect, rect)) {
        fail(
          "MergedRangeConflict",
          `${rectToA1(rect)} overlaps the table ${t.name} (${rectToA1(t.rect)})`,
        );
      }
    }
    for (const m of sheet.merges) {
      if (overlaps(m, rect))
        fail("MergedRangeConflict", `${rectToA1(rect)} overlaps the merged cells ${rectToA1(m)}`);
    }
    // A header-only range gets one empty data row, as in Excel.
    const tableRect = rect.rows === 1 ? { ...rect, rows: 2 } : rect;
    let n = this.tableStates.length + 1;
    while (this.tableByName(`Table${n}`) || this.nameByName(`Table${n}`)) n++;
    const table: TableState = {
      id: String(this.nextId++),
      name: `Table${n}`,
      sheet,
      rect: tableRect,
      style: "TableStyleMedium2",
      showHeaders: true,
      showTotals: false,
      showFilterButton: true,
      showBandedRows: true,
      showBandedColumns: false,
      highlightFirstColumn: false,
      highlightLastColumn: false,
      deleted: false,
    };
    this.tableStates.push(table);
    this.syncTableHeaders(sheet, { ...tableRect, rows: 1 });
    return table;
  }

  setTableStyle(table: TableState, style: unknown): void {
    if (typeof style !== "string" || (style !== "" && !TABLE_STYLE.test(style))) {
      fail(
        "InvalidArgument",
        `"${String(style)}" is not a built-in table style (TableStyleLight1…21, Medium1…28, Dark1…11)`,
      );
    }
    table.style = style;
  }

  resizeTable(table: TableState, rect: Rect): void {
    if (rect.r !== table.rect.r || !overlaps(rect, table.rect)) {
      fail("InvalidArgument", "the new table range must keep the header row and overlap the table");
    }
    for (const t of this.tableStates) {
      if (t !== table && t.sheet === table.sheet && overlaps(t.rect, rect)) {
        fail("MergedRangeConflict", `${rectToA1(rect)} overlaps the table ${t.name}`);
      }
    }
    table.rect = rect;
    this.syncTableHeaders(table.sheet, { ...rect, rows: 1 });
  }

  removeTable(table: TableState): void {
    table.deleted = true;
    this.tableStates.splice(this.tableStates.indexOf(table), 1);
  }

  /** Header cells of a table are unique, non-empty text: Excel renames blanks and duplicates. */
  private syncTableHeaders(sheet: SheetState, written: Rect): void {
    for (const t of this.tableStates) {
      if (t.sheet !== sheet || !t.showHeaders) continue;
      const header: Rect = { ...t.rect, rows: 1 };
      if (!overlaps(header, written)) continue;
      const seen = new Set<string>();
      for (let j = 0; j < header.cols; j++) {
        const c = header.c + j;
        const cell = this.cellAt(sheet, header.r, c);
        let name =
          cell?.value === null || cell?.value === undefined
            ? ""
            : displayText(contentOf(cell), cell.numberFormat);
        if (name === "") name = `Column${j + 1}`;
        let unique = name;
        for (let k = 2; seen.has(unique.toUpperCase()); k++) unique = `${name}${k}`;
        seen.add(unique.toUpperCase());
        if (cell?.value !== unique || cell.formula)
          this.setContent(sheet, header.r, c, { value: unique, formula: null });
      }
    }
  }

  tableColumnNames(table: TableState): string[] {
    const names: string[] = [];
    for (let j = 0; j < table.rect.cols; j++) {
      const cell = this.cellAt(table.sheet, table.rect.r, table.rect.c + j);
      names.push(
        cell?.value === null || cell?.value === undefined ? `Column${j + 1}` : String(cell.value),
      );
    }
    return names;
  }

  // ---------------------------------------------------------------- names

  nameByName(name: string): NameState | undefined {
    const upper = name.toUpperCase();
    return this.nameStates.find((n) => n.name.toUpperCase() === upper);
  }

  addName(name: unknown, formula: string, comment: string): NameState {
    if (typeof name !== "string" || !validName(name)) {
      fail(
        "InvalidArgument",
        `"${String(name)}" is not a valid name (letters, digits, _ and ., no spaces, not a cell address)`,
      );
    }
    if (this.nameByName(name) || this.tableByName(name)) {
      fail("ItemAlreadyExists", `the name "${name}" already exists`);
    }
    const state: NameState = {
      name,
      formula: formula.startsWith("=") ? formula : `=${formula}`,
      comment,
      visible: true,
      deleted: false,
    };
    this.nameStates.push(state);
    return state;
  }

  deleteName(state: NameState): void {
    state.deleted = true;
    this.nameStates.splice(this.nameStates.indexOf(state), 1);
  }

  /** The range a name's formula refers to, when it is a single sheet reference. */
  nameRange(state: NameState): { sheet: SheetState; rect: Rect } | null {
    const parsed = parseAddress(state.formula.slice(1));
    if (!parsed?.sheet) return null;
    const sheet = this.sheetByName(parsed.sheet);
    return sheet ? { sheet, rect: parsed.rect } : null;
  }

  // ---------------------------------------------------------------- charts

  addChart(
    sheet: SheetState,
    chartType: string,
    sourceSheet: SheetState,
    source: Rect,
    seriesBy: string,
  ): ChartState {
    let n = sheet.charts.length + 1;
    while (sheet.charts.some((c) => c.name === `Chart ${n}`)) n++;
    const chart: ChartState = {
      id: this.newId("A"),
      name: `Chart ${n}`,
      sheet,
      chartType,
      sourceSheet,
      source,
      seriesBy,
      title: { text: "", visible: false },
      legend: { visible: true, position: "Right" },
      from: null,
      to: null,
      top: 0,
      left: 0,
      width: 360,
      height: 216,
      deleted: false,
    };
    sheet.charts.push(chart);
    return chart;
  }

  positionChart(chart: ChartState, from: Rect, to: Rect | null): void {
    chart.from = from;
    chart.to = to;
    const sheet = chart.sheet;
    const x = (c: number): number => {
      let sum = 0;
      for (let i = 0; i < c; i++) sum += sheet.hiddenCols.has(i) ? 0 : this.columnWidth(sheet, i);
      return sum;
    };
    const y = (r: number): number => {
      let sum = 0;
      for (let i = 0; i < r; i++) sum += sheet.hiddenRows.has(i) ? 0 : this.rowHeight(sheet, i);
      return sum;
    };
    chart.left = x(from.c);
    chart.top = y(from.r);
    if (to) {
      chart.width = x(to.c + to.cols) - chart.left;
      chart.height = y(to.r + to.rows) - chart.top;
    }
  }

  // ---------------------------------------------------------------- events

  /** Event registrations over all runtimes. */
  get handlerCount(): number {
    return this.runtimes.reduce((n, r) => n + r.registrations.length, 0);
  }

  /**
   * A change to cells: offered to every runtime. A runtime with enableEvents off sees nothing
   * (suppressedEventCount); the others get the RichApi event message for each registration on
   * the sheet (or on all sheets). triggerSource exists from ExcelApi 1.14 only.
   */
  private emitChange(
    sheet: SheetState,
    rect: Rect,
    source: "Local" | "Remote",
    triggerSource: "ThisLocalAddin" | "Unknown",
    before: CellContent | null,
  ): void {
    const atDispatch = this.eventFlagAt === "dispatch";
    const raised =
      this.runtimes.length === 0
        ? this.initialEventsEnabled
        : atDispatch || this.runtimes.some((r) => r.enableEvents);
    if (this.runtimes.some((r) => !r.enableEvents) || !raised) this.suppressedEventCount++;
    if (!raised) return;
    const event: ChangedEvent = {
      type: "WorksheetChanged",
      worksheetId: sheet.id,
      address: rectToA1(rect),
      changeType: "RangeEdited",
      source,
      triggerSource,
      deliveredTo: [],
    };
    if (before && rect.rows === 1 && rect.cols === 1) {
      const after = contentOf(this.cellAt(sheet, rect.r, rect.c));
      event.details = {
        valueBefore: before.value ?? "",
        valueAfter: after.value ?? "",
        valueTypeBefore: valueType(before),
        valueTypeAfter: valueType(after),
      };
    }
    this.eventLog.push(event);
    const referenceId = `{FAKE-EVENT-${this.nextReference++}}`;
    this.eventRanges.set(referenceId, { sheet, rect });
    const payload: Record<string, unknown> = {
      changeType: "RangeEdited",
      source,
      address: event.address,
      worksheetId: sheet.id,
      referenceId,
      shiftDirection: "None",
      ...(event.details ?? {}),
      ...(this.supports("1.14") ? { triggerSource } : {}),
    };
    for (const runtime of this.runtimes) {
      if ((!atDispatch && !runtime.enableEvents) || this.closed) continue;
      for (const reg of runtime.registrations) {
        if (reg.sheetId !== null && reg.sheetId !== sheet.id) continue;
        event.deliveredTo?.push(runtime.name);
        // Excel delivers events after the request that caused them has been answered.
        this.track(
          new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() =>
            // Read at dispatch: the flag as the request left it.
            atDispatch && !runtime.enableEvents ? undefined : runtime.deliver(reg.sheetId, payload),
          ),
        );
      }
    }
  }

  /** Ranges of raised events, for `event.getRange(context)`. */
  readonly eventRanges = new Map<string, { sheet: SheetState; rect: Rect }>();

  private track(p: Promise<unknown>): void {
    const tracked = p.catch((error: unknown) => {
      this.handlerErrors.push(error);
    });
    this.inflight.add(tracked);
    void tracked.finally(() => this.inflight.delete(tracked));
  }

  /**
   * Waits until raised events have been delivered and their handlers (and the requests those
   * handlers made, debounce timers included) have finished: quiet for a few macrotasks in a row.
   * Throws when the add-in keeps triggering itself — the "live check re-checks its own writes"
   * storm.
   */
  async flushEvents(maxRounds = 200): Promise<void> {
    let quiet = 0;
    const start = this.stats.syncs.length;
    for (let round = 0; round < maxRounds; round++) {
      await new Promise((resolve) => setTimeout(resolve, this.flushTickMs));
      // Requests parked until the clerk leaves cell-edit mode do not count: they wait for a test.
      if (this.inflight.size <= this.editWaiters.length) {
        quiet++;
        if (quiet >= 3) return;
      } else quiet = 0;
    }
    throw new Error(
      `FakeExcel: still busy after ${maxRounds} rounds (${this.eventLog.length} events raised, ` +
        `${this.stats.syncs.length - start} requests): an onChanged handler keeps triggering itself`,
    );
  }

  /** Test hook: sees every request body and response body (for debugging the wire format). */
  debugWire: ((request: unknown, response: unknown) => void) | null = null;

  /** Tick of flushEvents (ms): tests of a debounced pane set it above the debounce. */
  flushTickMs = 1;

  /** A user typing (or pasting: validation is not enforced) in Excel; fires onChanged "Local". */
  simulateUserEdit(sheetName: string, address: string, value: unknown): Promise<void> {
    return this.simulateEdit(sheetName, address, value, "Local");
  }

  /** A co-author's edit arriving through co-authoring; fires onChanged with source "Remote". */
  simulateRemoteEdit(sheetName: string, address: string, value: unknown): Promise<void> {
    return this.simulateEdit(sheetName, address, value, "Remote");
  }

  private simulateEdit(
    sheetName: string,
    address: string,
    value: unknown,
    source: "Local" | "Remote",
  ): Promise<void> {
    const sheet = this.requireSheet(sheetName);
    const rect = requireAddress(address).rect;
    const grid = Array.isArray(value) ? value : [[value]];
    this.writeGrid(sheet, rect, grid, "values", { source, triggerSource: "Unknown" });
    return this.flushEvents();
  }

  // ---------------------------------------------------------------- building from data

  private loadSheet(sheet: SheetState, spec: SheetSpec): void {
    if (spec.visibility) sheet.visibility = spec.visibility;
    if (spec.tabColor) sheet.tabColor = spec.tabColor;
    if (spec.freeze) sheet.freeze = { rows: spec.freeze.rows ?? 0, cols: spec.freeze.cols ?? 0 };
    const at = spec.at ? requireAddress(spec.at).rect : { r: 0, c: 0, rows: 1, cols: 1 };
    (spec.rows ?? []).forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== null && v !== undefined && v !== "")
          this.putRaw(sheet, at.r + i, at.c + j, { value: v });
      }),
    );
    for (const [address, input] of Object.entries(spec.cells ?? {})) {
      const { rect } = requireAddress(address);
      for (let r = rect.r; r < rect.r + rect.rows; r++) {
        for (let c = rect.c; c < rect.c + rect.cols; c++) {
          this.putRaw(
            sheet,
            r,
            c,
            input !== null && typeof input === "object" ? input : { value: input },
          );
        }
      }
    }
    for (const [letters, width] of Object.entries(spec.columnWidths ?? {})) {
      sheet.colWidths.set(lettersToCol(letters), width);
    }
    for (const letters of spec.hiddenColumns ?? []) sheet.hiddenCols.add(lettersToCol(letters));
    for (const m of spec.merges ?? []) sheet.merges.push(requireAddress(m).rect);
    for (const v of spec.validations ?? []) {
      const type = Object.keys(v.rule)[0] ?? "None";
      sheet.validations.push({
        rect: requireAddress(v.range).rect,
        type: type.charAt(0).toUpperCase() + type.slice(1),
        rule: v.rule,
        errorAlert: { style: "Stop", title: "", message: "", showAlert: true, ...v.errorAlert },
        prompt: { title: "", message: "", showPrompt: false, ...v.prompt },
        ignoreBlanks: v.ignoreBlanks ?? true,
      });
    }
    for (const cf of spec.conditionalFormats ?? []) {
      sheet.conditionalFormats.push({
        id: this.newId("C"),
        type: "Custom",
        rects: [requireAddress(cf.range).rect],
        formula: cf.formula,
        ...(cf.fill ? { fillColor: cf.fill } : {}),
        ...(cf.fontColor ? { fontColor: cf.fontColor } : {}),
        ...(cf.bold ? { bold: true } : {}),
        stopIfTrue: cf.stopIfTrue ?? false,
      });
    }
    for (const t of spec.tables ?? []) {
      const table = this.addTable(sheet, requireAddress(t.range).rect, true);
      table.name = this.checkTableName(t.name, table);
      if (t.style) table.style = t.style;
      if (t.showFilterButton !== undefined) table.showFilterButton = t.showFilterButton;
    }
  }

  private putRaw(
    sheet: SheetState,
    r: number,
    c: number,
    input: Exclude<CellInput, Scalar | null>,
  ): void {
    const cell = this.ensureCell(sheet, r, c);
    if (input.formula !== undefined)
      cell.formula = input.formula.startsWith("=") ? input.formula : `=${input.formula}`;
    if (input.value !== undefined) cell.value = input.value;
    if (typeof input.value === "string" && ERROR_VALUES.includes(input.value)) cell.isError = true;
    if (input.numberFormat) cell.numberFormat = input.numberFormat;
    const font = {
      ...(input.bold ? { bold: true } : {}),
      ...(input.italic ? { italic: true } : {}),
      ...(input.fontColor ? { color: input.fontColor } : {}),
    };
    if (input.fill || Object.keys(font).length || input.wrapText) {
      cell.format = {
        ...(input.fill ? { fillColor: input.fill } : {}),
        ...(Object.keys(font).length ? { font } : {}),
        ...(input.wrapText ? { wrapText: true } : {}),
      };
    }
    this.tidy(sheet, r, c);
  }

  // ---------------------------------------------------------------- inspection (for tests)

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  sheet(name: string): SheetState {
    return this.requireSheet(name);
  }

  private locate(address: string, defaultSheet?: string): { sheet: SheetState; rect: Rect } {
    const parsed = requireAddress(address);
    const sheetName = parsed.sheet ?? defaultSheet ?? this.activeSheet.name;
    return { sheet: this.requireSheet(sheetName), rect: parsed.rect };
  }

  /** One cell as Excel holds it: "Sheet!A1" (or "A1" on the active sheet). */
  cell(address: string): {
    value: Scalar | null;
    formula: string | null;
    numberFormat: string;
    text: string;
    format: CellFormat;
    quotePrefix: boolean;
    isError: boolean;
  } {
    const { sheet, rect } = this.locate(address);
    const cell = this.cellAt(sheet, rect.r, rect.c);
    const content = contentOf(cell);
    return {
      value: content.value,
      formula: content.formula,
      numberFormat: cell?.numberFormat ?? "General",
      text: displayText(content, cell?.numberFormat),
      format: this.effectiveFormat(sheet, rect.r, rect.c),
      quotePrefix: cell?.quotePrefix ?? false,
      isError: cell?.isError ?? false,
    };
  }

  private grid<T>(address: string, read: (cell: CellState | undefined) => T): T[][] {
    const { sheet, rect } = this.locate(address);
    return Array.from({ length: rect.rows }, (_, i) =>
      Array.from({ length: rect.cols }, (_, j) => read(this.cellAt(sheet, rect.r + i, rect.c + j))),
    );
  }

  /** As `range.values` reads them ("" for empty). */
  values(address: string): Scalar[][] {
    return this.grid(address, (cell) => cell?.value ?? "");
  }

  formulas(address: string): Scalar[][] {
    return this.grid(address, (cell) => cell?.formula ?? cell?.value ?? "");
  }

  numberFormats(address: string): string[][] {
    return this.grid(address, (cell) => cell?.numberFormat ?? "General");
  }

  texts(address: string): string[][] {
    return this.grid(address, (cell) => displayText(contentOf(cell), cell?.numberFormat));
  }

  validations(sheetName: string): {
    address: string;
    type: string;
    rule: DataValidationRuleState | null;
    errorAlert: ValidationState["errorAlert"];
    prompt: ValidationState["prompt"];
    ignoreBlanks: boolean;
  }[] {
    return this.requireSheet(sheetName).validations.map((v) => ({
      address: rectToA1(v.rect),
      type: v.type,
      rule: v.rule,
      errorAlert: v.errorAlert,
      prompt: v.prompt,
      ignoreBlanks: v.ignoreBlanks,
    }));
  }

  conditionalFormats(sheetName: string): (Omit<ConditionalFormatState, "rects"> & {
    address: string;
    priority: number;
  })[] {
    return this.requireSheet(sheetName).conditionalFormats.map((cf, priority) => {
      const { rects, ...rest } = cf;
      return { ...rest, address: rects.map((r) => rectToA1(r)).join(","), priority };
    });
  }

  tables(): {
    name: string;
    sheet: string;
    address: string;
    style: string;
    showFilterButton: boolean;
    showBandedRows: boolean;
    columns: string[];
  }[] {
    return this.tableStates.map((t) => ({
      name: t.name,
      sheet: t.sheet.name,
      address: rectToA1(t.rect),
      style: t.style,
      showFilterButton: t.showFilterButton,
      showBandedRows: t.showBandedRows,
      columns: this.tableColumnNames(t),
    }));
  }

  names(): { name: string; formula: string; comment: string; visible: boolean }[] {
    return this.nameStates.map(({ name, formula, comment, visible }) => ({
      name,
      formula,
      comment,
      visible,
    }));
  }

  charts(sheetName: string): {
    name: string;
    chartType: string;
    source: string;
    seriesBy: string;
    title: string;
    from: string | null;
    to: string | null;
  }[] {
    return this.requireSheet(sheetName).charts.map((c) => ({
      name: c.name,
      chartType: c.chartType,
      source: qualified(c.sourceSheet.name, c.source),
      seriesBy: c.seriesBy,
      title: c.title.text,
      from: c.from ? rectToA1(c.from) : null,
      to: c.to ? rectToA1(c.to) : null,
    }));
  }

  merges(sheetName: string): string[] {
    return this.requireSheet(sheetName).merges.map((m) => rectToA1(m));
  }

  /** Column width in points ("A" or 0-based index). */
  columnWidthOf(sheetName: string, column: string | number): number {
    const c = typeof column === "number" ? column : lettersToCol(column);
    return this.columnWidth(this.requireSheet(sheetName), c);
  }

  isColumnHidden(sheetName: string, column: string | number): boolean {
    const c = typeof column === "number" ? column : lettersToCol(column);
    return this.requireSheet(sheetName).hiddenCols.has(c);
  }

  usedRange(sheetName: string, valuesOnly = false): string | null {
    const rect = this.usedRect(this.requireSheet(sheetName), valuesOnly);
    return rect ? rectToA1(rect) : null;
  }
}

/** Compares "1.12" and "1.9" as versions. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function structuredCloneish(v: ValidationState): ValidationState {
  return {
    rect: v.rect,
    type: v.type,
    rule: v.rule ? (JSON.parse(JSON.stringify(v.rule)) as DataValidationRuleState) : null,
    errorAlert: { ...v.errorAlert },
    prompt: { ...v.prompt },
    ignoreBlanks: v.ignoreBlanks,
  };
}

export function createFakeWorkbook(options: FakeWorkbookOptions = {}): FakeWorkbook {
  return new FakeWorkbook(options);
}

function rootObject(call: HostCall): HostObject {
  return new FakeWorkbookProxy(call, { kind: "root", target: call.fake });
}

function eventRange(call: HostCall, referenceId: string, orNull: boolean): HostObject {
  const ref = call.fake.eventRanges.get(referenceId);
  if (!ref && !orNull) {
    throw new FakeOfficeError("ItemNotFound", {
      location: "WorksheetChangedEventArgs.getRange",
      detail: `no event range ${referenceId}`,
    });
  }
  return new FakeRange(call, { kind: "bound", target: ref && !ref.sheet.deleted ? ref : null });
}
