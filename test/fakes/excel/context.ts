/**
 * Excel.RequestContext on a FakeWorkbook: queues operations, and on `sync()` measures the request
 * (JSON of the queued operations, written values included — the stand-in for Excel on the web's
 * 5 MB limit), executes the operations in order, stops at the first failure (earlier operations
 * stay applied, later ones do not run, no load is fulfilled) and measures the response (the
 * loaded data). A sync with nothing queued makes no round trip and is not counted.
 */
import { FakeOfficeError } from "./errors";
import { replacer } from "./proxy";
import { FakeApplication, FakeRuntime, FakeWorkbookProxy } from "./sheet";
import type { FakeWorkbook } from "./workbook";

export interface Operation {
  /** "Range.values", "WorksheetCollection.getItem", … (debugInfo.errorLocation on failure). */
  loc: string;
  payload: unknown;
  run: () => void;
}

const encoder = new TextEncoder();

/**
 * Bytes of a request's JSON as UTF-8. Measured with the platform's encoder (Node and the browser
 * both have it), not the adapter's own counter, so the payload budget is checked independently.
 */
export function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

export class FakeRequestContext {
  readonly fake: FakeWorkbook;
  /** Order of creation among the workbook's contexts. */
  readonly index: number;
  readonly workbook: FakeWorkbookProxy;
  readonly application: FakeApplication;
  readonly runtime: FakeRuntime;
  readonly trackedObjects = {
    add: (_obj: unknown): void => undefined,
    remove: (_obj: unknown): void => undefined,
  };
  readonly requestHeaders: Record<string, string> = {};

  /** Round trips made by this context (syncs with something queued). */
  syncCount = 0;
  readonly requestSizes: number[] = [];
  readonly responseSizes: number[] = [];

  _executing = false;
  private _queue: Operation[] = [];
  private _staged: (() => void)[] = [];
  private _responseBytes = 0;
  private _idCounter = 0;

  constructor(fake: FakeWorkbook, index: number) {
    this.fake = fake;
    this.index = index;
    this.workbook = new FakeWorkbookProxy(this, { kind: "root", target: fake });
    this.application = this.workbook.application;
    this.runtime = new FakeRuntime(this, { kind: "root", target: fake });
  }

  get largestRequestBytes(): number {
    return Math.max(0, ...this.requestSizes);
  }

  get largestResponseBytes(): number {
    return Math.max(0, ...this.responseSizes);
  }

  /** Operations queued and not yet synced. */
  get pendingOperations(): number {
    return this._queue.length;
  }

  load(object: { load(option?: unknown): unknown }, option?: unknown): void {
    object.load(option);
  }

  trace(message: string): void {
    this._enqueue({ loc: "trace", payload: { T: message }, run: () => undefined });
  }

  _nextId(): number {
    return ++this._idCounter;
  }

  _enqueue(op: Operation): void {
    if (this._executing) {
      throw new Error(`FakeExcel internal error: ${op.loc} queued while a batch executes`);
    }
    this._queue.push(op);
  }

  /** Applies a proxy-side effect (loaded values, isNullObject) once the whole batch succeeded. */
  _stage(effect: () => void): void {
    this._staged.push(effect);
  }

  _addResponse(value: unknown): void {
    this._responseBytes += utf8Length(JSON.stringify(value, replacer) ?? "null");
  }

  _require(version: string, api: string): void {
    if (!this.fake.supports(version)) {
      throw new FakeOfficeError("ApiNotFound", {
        args: [api, `ExcelApi ${version}`],
        location: api,
      });
    }
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    const ops = this._queue;
    this._queue = [];
    if (ops.length === 0) {
      await Promise.resolve();
      return passThroughValue as T;
    }
    const fake = this.fake;
    const requestBytes = utf8Length(
      JSON.stringify(
        ops.map((o) => o.payload),
        replacer,
      ),
    );
    this._responseBytes = 0;
    this._staged = [];
    this.syncCount++;
    this.requestSizes.push(requestBytes);
    let error: unknown;
    try {
      if (fake.syncDelayMs > 0)
        await new Promise((resolve) => setTimeout(resolve, fake.syncDelayMs));
      else await Promise.resolve();
      if (fake.cellEditMode)
        throw new FakeOfficeError("InvalidOperationInCellEditMode", { location: "sync" });
      if (requestBytes > fake.maxRequestBytes) {
        throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", {
          location: "sync",
          detail: `request of ${requestBytes} bytes (${ops.length} operations) over the ${fake.maxRequestBytes}-byte limit`,
        });
      }
      this._executing = true;
      for (const [i, op] of ops.entries()) {
        try {
          op.run();
        } catch (e) {
          if (e instanceof FakeOfficeError) {
            e.debugInfo.errorLocation ??= op.loc;
            e.debugInfo.statement = `operation ${i + 1} of ${ops.length}: ${op.loc}`;
          }
          throw e;
        }
      }
      this._executing = false;
      if (this._responseBytes > fake.maxResponseBytes) {
        throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", {
          location: "sync",
          detail: `response of ${this._responseBytes} bytes over the ${fake.maxResponseBytes}-byte limit`,
        });
      }
      for (const effect of this._staged) effect();
    } catch (e) {
      error = e;
    } finally {
      this._executing = false;
      this._staged = [];
      this.responseSizes.push(this._responseBytes);
      fake.recordSync({
        context: this.index,
        requestBytes,
        responseBytes: this._responseBytes,
        operations: ops.length,
        ok: error === undefined,
        ...(error instanceof FakeOfficeError ? { error: error.code } : {}),
      });
    }
    if (error !== undefined)
      throw error instanceof Error ? error : new Error(JSON.stringify(error));
    return passThroughValue as T;
  }
}
