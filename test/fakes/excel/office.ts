/**
 * The `Excel`, `Office` and `OfficeExtension` globals for the fake: `installFakeOffice(globalThis,
 * fake)` makes product code that calls `Excel.run(...)`, checks
 * `Office.context.requirements.isSetSupported(...)` or waits for `Office.onReady()` run against a
 * FakeWorkbook — in Jest or in a browser page.
 */
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
    readonly ui: {
      /** Opens asynchronously: the callback comes a macrotask later, as in Office. */
      displayDialogAsync(
        url: string,
        options: unknown,
        callback?: (result: { status: string; value?: unknown }) => void,
      ): void;
    };
  };
  /**
   * Test hook: dialogs asked for; `shown` is false when the command's runtime had already shut
   * down (event.completed() came first), so the clerk never saw it.
   */
  readonly dialogs: { url: string; shown: boolean }[];
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
  // DelayForCellEdit: Excel.run({ delayForCellEdit }) is honoured only where the host has it.
  const sets = { ExcelApi: "1.17", DelayForCellEdit: "1.1", ...options.supportedSets };
  const host = options.host === undefined ? HostType.Excel : options.host;
  const platform = host === null ? null : (options.platform ?? PlatformType.OfficeOnline);
  const associated = new Map<string, (event: FakeCommandEvent) => unknown>();
  const dialogs: { url: string; shown: boolean }[] = [];
  // A function command's runtime shuts down at event.completed() (Office Add-ins "Runtimes").
  let runtimeShut = false;
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
      ui: {
        displayDialogAsync(url, _options, callback) {
          const dialog = { url, shown: false };
          dialogs.push(dialog);
          setTimeout(() => {
            if (runtimeShut) return;
            dialog.shown = true;
            callback?.({ status: "succeeded", value: {} });
          }, 1);
        },
      },
    },
    dialogs,
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
      runtimeShut = false;
      return new Promise<void>((resolve, reject) => {
        const event: FakeCommandEvent = {
          source: { id: actionId },
          completed: () => {
            runtimeShut = true;
            // Let a dialog that was about to open find the runtime gone.
            setTimeout(resolve, 5);
          },
        };
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

/**
 * The Office object of a workbook's default runtime: requirement sets follow the workbook's
 * ExcelApi version (read live, so a test can lower it).
 */
export function officeFor(fake: FakeWorkbook, options: FakeOfficeOptions = {}): FakeOffice {
  const office = fakeOffice(options);
  const explicit = options.supportedSets?.ExcelApi;
  const base = office.context.requirements;
  const requirements = {
    isSetSupported(name: string, minVersion?: string | number): boolean {
      if (name.toLowerCase() !== "excelapi" || explicit !== undefined)
        return base.isSetSupported(name, minVersion);
      return (
        compareVersions(fake.apiVersion, minVersion === undefined ? "1.1" : String(minVersion)) >= 0
      );
    },
  };
  return { ...office, context: { ...office.context, requirements } };
}

/**
 * Installs `Excel` and `OfficeExtension` (Microsoft's client, connected to `fake` as the
 * "taskpane" runtime) and `Office` (the fake common API) on `target` (globalThis, or a page's
 * window); returns a function that restores what was there.
 */
export function installFakeOffice(
  target: object,
  fake: FakeWorkbook,
  office: FakeOffice | FakeOfficeOptions = {},
): () => void {
  const host = target as Record<string, unknown>;
  const officeObject = "actions" in office ? office : officeFor(fake, office);
  const connection = fake.connect("taskpane", officeObject);
  const saved = ["Excel", "Office", "OfficeExtension"].map((name) => ({
    name,
    had: Object.prototype.hasOwnProperty.call(host, name),
    value: host[name],
  }));
  host.Excel = connection.Excel;
  host.Office = officeObject;
  host.OfficeExtension = connection.OfficeExtension;
  return () => {
    for (const { name, had, value } of saved) {
      if (had) host[name] = value;
      else delete host[name];
    }
  };
}
