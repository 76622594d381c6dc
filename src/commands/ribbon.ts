/**
 * The ribbon's ExecuteFunction buttons: convert and check the active plan without opening the
 * pane. A command has no UI of its own, so it ends by selecting what the clerk should look at (the
 * first invalid cell, or the plan's first row) and reports failures in a small dialog — never only
 * in the console.
 */
import { toIso } from "../domain/calendar";
import { PlanTrackerError, type Lang } from "../domain/diagnostics";
import { checkRequirements } from "../adapters/officejs/requirements";
import {
  checkOpenWorkbook,
  convertToTracker,
  selectCell,
  type OfficeEnv,
} from "../adapters/officejs/session";
import type { CheckResult } from "../domain/check";

export interface RibbonDeps {
  readonly run: typeof Excel.run;
  readonly requirements: { isSetSupported(name: string, version?: string): boolean };
  readonly lang: Lang;
  readonly toolVersion: string;
  readonly now: () => Date;
  /**
   * Shows a message to the clerk (a dialog in Excel); resolves once Office has opened it. The
   * command's runtime shuts down at event.completed(), so commands wait for this first.
   */
  readonly notify: (text: string) => Promise<void>;
}

async function env(deps: RibbonDeps): Promise<OfficeEnv | null> {
  const req = checkRequirements(deps.requirements);
  if (!req.ok) {
    if (req.message) await deps.notify(req.message[deps.lang]);
    return null;
  }
  const d = deps.now();
  return {
    today: toIso(d.getFullYear(), d.getMonth() + 1, d.getDate()),
    toolVersion: deps.toolVersion,
    features: req.features,
  };
}

async function showFirstProblem(deps: RibbonDeps, check: CheckResult): Promise<void> {
  const first = check.diagnostics.find((d) => d.severity === "error" && d.cell) ?? null;
  const sheet = first?.sheet ?? check.plan.sheet;
  const cell = first?.cell ?? `A${check.plan.header.headerRow}`;
  await deps.run((context) => selectCell(context, sheet, cell));
  if (first) await deps.notify(first.text[deps.lang]);
}

function describe(err: unknown, lang: Lang): string {
  if (err instanceof PlanTrackerError) return err.text[lang];
  const message = err instanceof Error ? err.message : String(err);
  return lang === "vi"
    ? `Có lỗi không mong đợi: ${message}`
    : `Something unexpected went wrong: ${message}`;
}

export async function convertCommand(deps: RibbonDeps): Promise<void> {
  const e = await env(deps);
  if (!e) return;
  try {
    const result = await deps.run((context) => convertToTracker(context, e));
    await showFirstProblem(deps, result.value.check);
  } catch (err) {
    await deps.notify(describe(err, deps.lang));
  }
}

export async function checkCommand(deps: RibbonDeps): Promise<void> {
  const e = await env(deps);
  if (!e) return;
  try {
    const result = await deps.run((context) => checkOpenWorkbook(context, e));
    await showFirstProblem(deps, result.value);
    if (!result.value.diagnostics.some((d) => d.severity === "error")) {
      await deps.notify(
        deps.lang === "vi"
          ? `Không có lỗi (${result.value.summary.items} mục).`
          : `No errors (${result.value.summary.items} items).`,
      );
    }
  } catch (err) {
    await deps.notify(describe(err, deps.lang));
  }
}

/** What the ribbon's function file needs of the Office common API. */
export interface CommandOffice {
  readonly context: {
    readonly requirements: RibbonDeps["requirements"];
    readonly displayLanguage?: string;
    readonly ui: {
      displayDialogAsync(
        url: string,
        options: { height: number; width: number; displayInIframe: boolean },
        callback: (result: { status: string; error?: { message: string } }) => void,
      ): void;
    };
  };
  readonly actions: {
    associate(id: string, action: (event: { completed(): void }) => unknown): void;
  };
}

/**
 * A message as the small dialog of `pageUrl` (?notice=…): resolves in displayDialogAsync's
 * callback, failed or not — a message that could not be shown must not keep the button busy.
 */
export function dialogNotify(office: CommandOffice, pageUrl: string): RibbonDeps["notify"] {
  return (text) =>
    new Promise<void>((resolve) => {
      const url = `${pageUrl}?notice=${encodeURIComponent(text)}`;
      try {
        office.context.ui.displayDialogAsync(
          url,
          { height: 25, width: 40, displayInIframe: true },
          () => resolve(),
        );
      } catch {
        resolve();
      }
    });
}

/**
 * Associates the ribbon's functions (names as <FunctionName> in manifest.xml). Each calls
 * event.completed() only after its work and its message are done (review item 4).
 */
export function registerCommands(office: CommandOffice, deps: () => RibbonDeps): void {
  office.actions.associate("convertToTracker", (event) => {
    void convertCommand(deps()).finally(() => event.completed());
  });
  office.actions.associate("checkPlan", (event) => {
    void checkCommand(deps()).finally(() => event.completed());
  });
}
