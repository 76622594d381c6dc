/**
 * Errors shaped like Office.js's `OfficeExtension.Error` (name "RichApi.Error", `code`, `message`,
 * `debugInfo.errorLocation`, `httpStatusCode`). Messages are the ones Office.js and
 * learn.microsoft.com ("Error handling with the application-specific JavaScript APIs") use, so a
 * product that shows `error.message` in the pane sees realistic text.
 */

export type FakeErrorCode =
  | "PropertyNotLoaded"
  | "ValueNotLoaded"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidReference"
  | "InvalidObjectPath"
  | "InvalidRequestContext"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "MergedRangeConflict"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded"
  | "RangeExceedsLimit"
  | "ApiNotFound"
  | "NotImplemented"
  | "RunMustReturnPromise"
  | "InvalidOperationInCellEditMode"
  | "AccessDenied"
  | "GeneralException";

const MESSAGES: Record<FakeErrorCode, string> = {
  PropertyNotLoaded:
    "The property '{0}' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: "The operation attempted is invalid on the object.",
  InvalidReference: "This reference is not valid for the current operation.",
  InvalidObjectPath:
    'The object path \'{0}\' isn\'t working for what you\'re trying to do. If you\'re using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object\'s lifetime.',
  InvalidRequestContext: "Cannot use the object across different request contexts.",
  ItemNotFound: "The requested resource doesn't exist.",
  ItemAlreadyExists: "The resource being created already exists.",
  MergedRangeConflict:
    "Cannot complete the operation. A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.",
  RequestPayloadSizeLimitExceeded: "The request payload size has exceeded the limit.",
  ResponsePayloadSizeLimitExceeded: "The response payload size has exceeded the limit.",
  RangeExceedsLimit: "The cell count in the range has exceeded the maximum supported number.",
  ApiNotFound:
    "The method or property {0} is part of the {1} requirement set, which is not available in your version of Excel.",
  NotImplemented: "The requested feature isn't implemented.",
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation. Typically, you return a promise by returning the response from "context.sync()".',
  InvalidOperationInCellEditMode:
    "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.",
  // What Excel answers a write to a locked cell of a protected sheet (Graph and Office.js give the
  // same text: microsoftgraph/microsoft-graph-docs#4546, OfficeDev/office-js#6784).
  AccessDenied: "You cannot perform the requested operation.",
  GeneralException: "There was an internal error while processing the request.",
};

const HTTP_STATUS: Partial<Record<FakeErrorCode, number>> = {
  ItemNotFound: 404,
  ItemAlreadyExists: 409,
  AccessDenied: 403,
  GeneralException: 500,
};

export interface FakeDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
  /** Why the fake refused, in words a test failure can show (not part of Office.js). */
  detail?: string;
}

export class FakeOfficeError extends Error {
  override readonly name = "RichApi.Error";
  readonly code: FakeErrorCode;
  readonly debugInfo: FakeDebugInfo;
  readonly httpStatusCode: number;
  readonly traceMessages: string[] = [];
  readonly innerError: null = null;

  constructor(
    code: FakeErrorCode,
    options: { args?: string[]; location?: string; detail?: string } = {},
  ) {
    let message = MESSAGES[code];
    (options.args ?? []).forEach((arg, i) => {
      message = message.replace(`{${i}}`, arg);
    });
    super(message);
    Object.setPrototypeOf(this, FakeOfficeError.prototype);
    this.code = code;
    this.httpStatusCode = HTTP_STATUS[code] ?? (code === "GeneralException" ? 500 : 400);
    this.debugInfo = {
      code,
      message,
      ...(options.location ? { errorLocation: options.location } : {}),
      ...(options.detail ? { detail: options.detail } : {}),
    };
  }

  override toString(): string {
    return `${this.code}: ${this.message}`;
  }
}

/** Shorthand for the errors the fake raises while executing a batch. */
export function fail(code: FakeErrorCode, detail: string, args?: string[]): never {
  throw new FakeOfficeError(code, { detail, ...(args ? { args } : {}) });
}

export function notLoaded(property: string, typeName: string): FakeOfficeError {
  return new FakeOfficeError("PropertyNotLoaded", {
    args: [property],
    location: `${typeName}.${property}`,
  });
}
