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
  /** Shows a message to the clerk (a dialog in Excel). */
  readonly notify: (text: string) => void;
}

function env(deps: RibbonDeps): OfficeEnv | null {
  const req = checkRequirements(deps.requirements);
  if (!req.ok) {
    if (req.message) deps.notify(req.message[deps.lang]);
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
  if (first) deps.notify(first.text[deps.lang]);
}

function describe(err: unknown, lang: Lang): string {
  if (err instanceof PlanTrackerError) return err.text[lang];
  const message = err instanceof Error ? err.message : String(err);
  return lang === "vi"
    ? `Có lỗi không mong đợi: ${message}`
    : `Something unexpected went wrong: ${message}`;
}

export async function convertCommand(deps: RibbonDeps): Promise<void> {
  const e = env(deps);
  if (!e) return;
  try {
    const result = await deps.run((context) => convertToTracker(context, e));
    await showFirstProblem(deps, result.value.check);
  } catch (err) {
    deps.notify(describe(err, deps.lang));
  }
}

export async function checkCommand(deps: RibbonDeps): Promise<void> {
  const e = env(deps);
  if (!e) return;
  try {
    const result = await deps.run((context) => checkOpenWorkbook(context, e));
    await showFirstProblem(deps, result.value);
    if (!result.value.diagnostics.some((d) => d.severity === "error")) {
      deps.notify(
        deps.lang === "vi"
          ? `Không có lỗi (${result.value.summary.items} mục).`
          : `No errors (${result.value.summary.items} items).`,
      );
    }
  } catch (err) {
    deps.notify(describe(err, deps.lang));
  }
}
