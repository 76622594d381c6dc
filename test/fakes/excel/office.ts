/**
 * The `Excel`, `Office` and `OfficeExtension` globals for the fake: `installFakeOffice(globalThis,
 * fake)` makes product code that calls `Excel.run(...)`, checks
 * `Office.context.requirements.isSetSupported(...)` or waits for `Office.onReady()` run against a
 * FakeWorkbook — in Jest or in a browser page.
 */
import { FakeRequestContext } from "./context";
import * as enums from "./enums";
import { FakeOfficeError } from "./errors";
import { FakeClientObject, FakeClientResult } from "./proxy";
import { type FakeWorkbook, compareVersions } from "./workbook";

export const HostType = {
  Word: "Word",
  Excel: "Excel",
  PowerPoint: "PowerPoint",
  Outlook: "Outlook",
  OneNote: "OneNote",
  Project: "Project",
  Access: "Access",
} as const;

export const PlatformType = {
  PC: "PC",
  OfficeOnline: "OfficeOnline",
  Mac: "Mac",
  iOS: "iOS",
  Android: "Android",
  Universal: "Universal",
} as const;

export interface FakeOfficeOptions {
  /** Requirement sets and the highest version supported, e.g. { ExcelApi: "1.12" }. */
  supportedSets?: Record<string, string>;
  /** Office UI language, e.g. "vi-VN". */
  displayLanguage?: string;
  contentLanguage?: string;
  /** null: outside Office (onReady resolves with host null). */
  host?: string | null;
  platform?: string;
}

/** What the `event` of a ribbon command (ExecuteFunction) looks like. */
export interface FakeCommandEvent {
  source: { id: string };
  completed(options?: { allowEvent?: boolean }): void;
}

export interface FakeOffice {
  readonly context: {
    readonly requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
    displayLanguage: string;
    contentLanguage: string;
    readonly host: string | null;
    readonly platform: string | null;
    readonly diagnostics: { host: string | null; platform: string | null; version: string };
    readonly document: { mode: string; url: string };
  };
  readonly HostType: typeof HostType;
  readonly PlatformType: typeof PlatformType;
  onReady(callback?: (info: { host: string | null; platform: string | null }) => void): Promise<{
    host: string | null;
    platform: string | null;
  }>;
  readonly actions: {
    associate(actionId: string, action: (event: FakeCommandEvent) => unknown): void;
  };
  /** Test hook: the functions registered with Office.actions.associate. */
  readonly associated: Map<string, (event: FakeCommandEvent) => unknown>;
  /** Test hook: runs a ribbon command; resolves when it calls event.completed(). */
  invokeCommand(actionId: string): Promise<void>;
}

export function fakeOffice(options: FakeOfficeOptions = {}): FakeOffice {
  const sets = { ExcelApi: "1.17", ...options.supportedSets };
  const host = options.host === undefined ? HostType.Excel : options.host;
  const platform = host === null ? null : (options.platform ?? PlatformType.OfficeOnline);
  const associated = new Map<string, (event: FakeCommandEvent) => unknown>();
  return {
    context: {
      requirements: {
        isSetSupported(name: string, minVersion?: string | number): boolean {
          const have = Object.entries(sets).find(
            ([k]) => k.toLowerCase() === name.toLowerCase(),
          )?.[1];
          if (have === undefined) return false;
          return compareVersions(have, minVersion === undefined ? "1.1" : String(minVersion)) >= 0;
        },
      },
      displayLanguage: options.displayLanguage ?? "en-US",
      contentLanguage: options.contentLanguage ?? options.displayLanguage ?? "en-US",
      host,
      platform,
      diagnostics: { host, platform, version: "16.0.0.0" },
      document: { mode: "ReadWrite", url: "https://example.invalid/Book1.xlsx" },
    },
    HostType,
    PlatformType,
    async onReady(callback) {
      await Promise.resolve();
      const info = { host, platform };
      callback?.(info);
      return info;
    },
    actions: {
      associate(actionId, action) {
        associated.set(actionId, action);
      },
    },
    associated,
    invokeCommand(actionId) {
      const action = associated.get(actionId);
      if (!action)
        return Promise.reject(new Error(`no ribbon command associated with "${actionId}"`));
      return new Promise<void>((resolve, reject) => {
        const event: FakeCommandEvent = { source: { id: actionId }, completed: () => resolve() };
        try {
          const result = action(event);
          if (result instanceof Promise) result.catch(reject);
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
    },
  };
}

type Batch<T> = (context: FakeRequestContext) => Promise<T>;

/** The `Excel` namespace bound to one fake workbook: run, RequestContext, enums. */
export function createExcelNamespace(fake: FakeWorkbook): Record<string, unknown> {
  class RequestContext extends FakeRequestContext {
    constructor(_url?: unknown) {
      super(fake, fake.contexts.length);
      fake.contexts.push(this);
    }
  }
  function contextOf(first: unknown): FakeRequestContext | null {
    if (first instanceof FakeRequestContext) return first;
    if (first instanceof FakeClientObject) return first._ctx;
    if (Array.isArray(first) && first[0] instanceof FakeClientObject) return first[0]._ctx;
    const previous = (first as { previousObjects?: unknown } | null)?.previousObjects;
    return previous === undefined ? null : contextOf(previous);
  }
  function run<T>(...args: unknown[]): Promise<T> {
    const batch = args[args.length - 1] as Batch<T>;
    const ctx = (args.length > 1 ? contextOf(args[0]) : null) ?? fake.newContext();
    return fake.runIn(ctx, batch);
  }
  return {
    ...enums,
    run,
    RequestContext,
    createWorkbook(base64?: string): Promise<void> {
      fake.createdWorkbooks.push(base64);
      return Promise.resolve();
    },
  };
}

export const OfficeExtensionNamespace = {
  Error: FakeOfficeError,
  ClientResult: FakeClientResult,
  ErrorCodes: {
    accessDenied: "AccessDenied",
    generalException: "GeneralException",
    activityLimitReached: "ActivityLimitReached",
    invalidObjectPath: "InvalidObjectPath",
    propertyNotLoaded: "PropertyNotLoaded",
    valueNotLoaded: "ValueNotLoaded",
    invalidRequestContext: "InvalidRequestContext",
    invalidArgument: "InvalidArgument",
    runMustReturnPromise: "RunMustReturnPromise",
    requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
    responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
    apiNotFound: "ApiNotFound",
  },
  config: { extendedErrorLogging: false },
};

/**
 * Installs `Excel`, `Office` and `OfficeExtension` on `target` (globalThis, or a browser window)
 * for `fake`; returns a function that restores what was there. `office` defaults to a fake
 * Office whose ExcelApi version is the workbook's.
 */
export function installFakeOffice(
  target: object,
  fake: FakeWorkbook,
  office: FakeOffice | FakeOfficeOptions = {},
): () => void {
  const host = target as Record<string, unknown>;
  const officeObject =
    "actions" in office
      ? office
      : fakeOffice({
          ...office,
          supportedSets: { ExcelApi: fake.apiVersion, ...office.supportedSets },
        });
  const saved = ["Excel", "Office", "OfficeExtension"].map((name) => ({
    name,
    had: Object.prototype.hasOwnProperty.call(host, name),
    value: host[name],
  }));
  host.Excel = createExcelNamespace(fake);
  host.Office = officeObject;
  host.OfficeExtension = OfficeExtensionNamespace;
  return () => {
    for (const { name, had, value } of saved) {
      if (had) host[name] = value;
      else delete host[name];
    }
  };
}
