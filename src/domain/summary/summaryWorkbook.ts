/**
 * The summary for e-mailing: the period's results report and the two summary sheets with every
 * formula replaced by its value, so the file stands alone (no links to the tracker, nothing to
 * recalculate).
 */
import type { CheckResult } from "../check";
import type { PeriodKey } from "../reportingPeriod";
import { emptySheet, type SheetSpec, type WorkbookLayout } from "../layout/spec";
import { AS_OF_NAME } from "../tracker/metadata";
import { budgetSheet, type SummarySheetInput } from "./budgetSheet";
import { budgetFigures, progressFigures } from "./figures";
import { periodFigures, type QuotaSource } from "./periodFigures";
import { periodSheet } from "./periodSheet";
import { reportPeriodWindow } from "./report";
import { progressSheet } from "./progressSheet";
import { trackerRefs, type TrackerRefs } from "./sheetRefs";
import { TRACKER_FIELDS } from "../fields";
import { LOG_DEFAULT_COLUMNS, LOG_FIRST_ROW, LOG_MIN_ROWS, logRefs } from "../tracker/logSheet";
import { quotaSource } from "./quotas";
import type { QuotaSectionInput } from "./quotaSection";

export function valuesOnly(spec: SheetSpec): SheetSpec {
  return {
    ...spec,
    mode: "replace",
    cells: spec.cells.map(({ formula: _formula, result, ...rest }) =>
      _formula === undefined ? rest : { ...rest, value: result ?? null },
    ),
    charts: [],
  };
}

/** Both summary sheets for a checked plan, with live formulas over the tracker at `refs`. */
export function summarySheets(
  check: CheckResult,
  refs: TrackerRefs,
  planTitle: string | null,
  /** The recurring duties and the log they are counted on, for the Progress sheet's quotas. */
  quotas: QuotaSectionInput | null = null,
): { budget: SheetSpec; progress: SheetSpec } {
  const { plan, settings } = check;
  const input: SummarySheetInput = {
    refs,
    planYear: plan.planYear,
    planTitle,
    asOf: check.asOf,
    ...(quotas ? { quotas } : {}),
  };
  return {
    budget: budgetSheet(
      budgetFigures(plan.items, plan.planYear, settings.allocationVnd, check.asOf),
      input,
    ),
    progress: progressSheet(progressFigures(plan.items, plan.planYear, check.asOf), input),
  };
}

export interface SummaryWorkbookOptions {
  /** The reporting period; absent or null: the latest closed one as of the check's date. */
  readonly period?: PeriodKey | null;
  readonly quotas?: QuotaSource;
}

export function summaryWorkbookLayout(
  check: CheckResult,
  opts: SummaryWorkbookOptions = {},
): WorkbookLayout {
  const { plan } = check;
  // The formulas are replaced by their values, so the references only need to be well-formed.
  const refs = trackerRefs(
    plan.sheet,
    plan.header.columns,
    plan.header.headerRow + 1,
    plan.lastItemRow,
    null,
    AS_OF_NAME,
  );
  // The quota formulas become values too: the log's ranges only need to be well-formed.
  const recurring = check.recurring ?? null;
  const quotaInput =
    recurring && recurring.duties.length > 0 && recurring.logSheet !== null
      ? {
          state: recurring,
          log: logRefs(recurring.logSheet, LOG_DEFAULT_COLUMNS, LOG_FIRST_ROW + LOG_MIN_ROWS - 1),
        }
      : null;
  const { budget, progress } = summarySheets(check, refs, check.settings.planTitle, quotaInput);
  // A tracked matrix plan keeps its tracker columns on the items sheet (tracker/itemsSheet.ts).
  const missing =
    plan.matrix?.entriesSheet !== null && plan.matrix !== undefined
      ? []
      : TRACKER_FIELDS.filter((f) => check.plan.header.columns[f] === undefined);
  const span = reportPeriodWindow(check, opts.period);
  const period = periodFigures(plan.items, span, check.asOf, {
    allocation: check.settings.allocationVnd,
    ...(opts.quotas
      ? { quotas: opts.quotas }
      : recurring
        ? { quotas: quotaSource(recurring) }
        : {}),
  });
  const sheets = [periodSheet(period), valuesOnly(progress), valuesOnly(budget)];
  if (missing.length > 0) {
    // Not a tracker yet: the figures come from the plan as written (no status or spending).
    sheets.push({
      ...emptySheet("Ghi chú", "replace"),
      cells: [
        {
          row: 1,
          col: 1,
          value:
            "Tệp nguồn chưa là sổ theo dõi (thiếu cột trạng thái/thực chi): số liệu chỉ theo kế hoạch. / The source is not a tracker yet: figures follow the plan only.",
        },
      ],
    });
  }
  return { sheets, definedNames: [], fullCalcOnLoad: false };
}
