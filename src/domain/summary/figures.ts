/**
 * The numbers Finance and leaders read: progress and budget per quarter, unit and type. They are
 * computed the way the workbook's live formulas compute them (SUMIFS over the due-date column,
 * exact-text status matches, numbers only in the spending column), so the cached values the tool
 * writes are the values Excel will show, and the PDF agrees with the sheets.
 */
import { daysBetween, quarterOf, yearOf, type IsoDate, type Quarter } from "../calendar";
import type { PlanItem } from "../planItem";
import { acceptedOf, committedOf, paidOf, unpaidDays } from "../settlement";

export const STATUS_DONE = "Đã phát sóng";
export const STATUS_IN_PROGRESS = "Đang thực hiện";
export const STATUS_NOT_STARTED = "Chưa thực hiện";
export const STATUS_POSTPONED = "Hoãn";
export const STATUS_CANCELLED = "Hủy";

/** A quarter of the plan year, or "other": no due date, or one outside the plan year. */
export type Bucket = Quarter | "other";
export const BUCKETS: readonly Bucket[] = [1, 2, 3, 4, "other"];

/** Excel's "=" on text: case-insensitive, otherwise exact. */
export function excelTextEquals(a: string | null, b: string): boolean {
  return a !== null && a.toLowerCase() === b.toLowerCase();
}

export function bucketOf(item: PlanItem, planYear: number | null): Bucket {
  if (item.dueDate === null || planYear === null || yearOf(item.dueDate) !== planYear)
    return "other";
  return quarterOf(item.dueDate);
}

/** Overdue as the workbook's rule sees it: due before as-of, status text not done/cancelled. */
export function isOverdueInSheet(item: PlanItem, asOf: IsoDate): boolean {
  return (
    item.dueDate !== null &&
    item.dueDate < asOf &&
    !excelTextEquals(item.statusText, STATUS_DONE) &&
    !excelTextEquals(item.statusText, STATUS_CANCELLED)
  );
}

export interface ProgressRow {
  readonly bucket: Bucket | "total";
  /** Sum of counts. */
  readonly planned: number;
  readonly done: number;
  readonly inProgress: number;
  /** "Chưa thực hiện" or a blank status. */
  readonly notStarted: number;
  readonly postponed: number;
  readonly cancelled: number;
  /** Items (rows), not counts. */
  readonly overdue: number;
  /** done / planned; null when nothing is planned. */
  readonly pctDone: number | null;
  readonly minutesPlanned: number;
  readonly minutesAired: number;
}

export interface OverdueEntry {
  readonly item: PlanItem;
  readonly daysLate: number;
}

export interface ProgressFigures {
  readonly rows: readonly ProgressRow[];
  readonly total: ProgressRow;
  /** Most days late first; ties by row. */
  readonly overdue: readonly OverdueEntry[];
}

const n = (v: number | null): number => v ?? 0;
const round = (v: number): number => Math.round(v * 1e6) / 1e6;

function progressRow(
  bucket: Bucket | "total",
  items: readonly PlanItem[],
  asOf: IsoDate,
): ProgressRow {
  const count = (pred: (i: PlanItem) => boolean): number =>
    round(items.filter(pred).reduce((s, i) => s + n(i.count), 0));
  const minutes = (i: PlanItem): number =>
    i.count !== null && i.durationMinutes !== null ? i.count * i.durationMinutes : 0;
  const planned = count(() => true);
  const done = count((i) => excelTextEquals(i.statusText, STATUS_DONE));
  return {
    bucket,
    planned,
    done,
    inProgress: count((i) => excelTextEquals(i.statusText, STATUS_IN_PROGRESS)),
    notStarted: count(
      (i) =>
        i.statusText === null ||
        i.statusText === "" ||
        excelTextEquals(i.statusText, STATUS_NOT_STARTED),
    ),
    postponed: count((i) => excelTextEquals(i.statusText, STATUS_POSTPONED)),
    cancelled: count((i) => excelTextEquals(i.statusText, STATUS_CANCELLED)),
    overdue: items.filter((i) => isOverdueInSheet(i, asOf)).length,
    pctDone: planned > 0 ? done / planned : null,
    minutesPlanned: round(items.reduce((s, i) => s + round(minutes(i)), 0)),
    minutesAired: round(
      items
        .filter((i) => excelTextEquals(i.statusText, STATUS_DONE))
        .reduce((s, i) => s + round(minutes(i)), 0),
    ),
  };
}

export function progressFigures(
  items: readonly PlanItem[],
  planYear: number | null,
  asOf: IsoDate,
): ProgressFigures {
  const rows = BUCKETS.map((b) =>
    progressRow(
      b,
      items.filter((i) => bucketOf(i, planYear) === b),
      asOf,
    ),
  );
  const overdue = items
    .filter((i) => isOverdueInSheet(i, asOf))
    .map((item) => ({ item, daysLate: daysBetween(item.dueDate as IsoDate, asOf) }))
    .sort((a, b) => b.daysLate - a.daysLate || a.item.row - b.item.row);
  return { rows, total: progressRow("total", items, asOf), overdue };
}

export interface BudgetRow {
  readonly planned: number;
  readonly spent: number;
  /** planned − spent: what is left of the plan for that group. */
  readonly variance: number;
  /** Settlement (settlement.ts): planned of items not cancelled, accepted, paid. */
  readonly committed: number;
  readonly accepted: number;
  readonly paid: number;
}

export interface GroupRow extends BudgetRow {
  /** The text as first written in the sheet; null for the "not given" group. */
  readonly key: string | null;
  readonly items: number;
}

export interface BudgetFigures {
  readonly allocation: number | null;
  readonly planned: number;
  readonly spent: number;
  /** allocation − spent. */
  readonly remaining: number | null;
  /** spent / allocation. */
  readonly disbursed: number | null;
  /** planned − allocation: above 0 the plan costs more than was allocated. */
  readonly plannedOverAllocation: number | null;
  readonly overAllocated: boolean;
  readonly quarters: readonly (BudgetRow & { readonly bucket: Bucket })[];
  readonly byUnit: readonly GroupRow[];
  readonly byType: readonly GroupRow[];
  readonly overPlan: readonly PlanItem[];
  readonly spentWithoutAirDate: readonly PlanItem[];
  readonly noPlannedAmount: readonly PlanItem[];
  readonly derivedCost: readonly PlanItem[];
  /** Totals of settlement.ts's definitions. */
  readonly committed: number;
  readonly accepted: number;
  readonly paid: number;
  /**
   * Accepted more than 60 days before the as-of date and not paid (settlement.ts), longest
   * waiting first; empty without an as-of date.
   */
  readonly unpaid: readonly UnpaidEntry[];
}

export interface UnpaidEntry {
  readonly item: PlanItem;
  /** Days from acceptance to the as-of date. */
  readonly days: number;
}

function budgetRow(items: readonly PlanItem[]): BudgetRow {
  const planned = items.reduce((s, i) => s + n(i.plannedVnd), 0);
  const spent = items.reduce((s, i) => s + n(i.spentNumber), 0);
  return {
    planned,
    spent,
    variance: planned - spent,
    committed: items.reduce((s, i) => s + committedOf(i), 0),
    accepted: items.reduce((s, i) => s + acceptedOf(i), 0),
    paid: items.reduce((s, i) => s + paidOf(i), 0),
  };
}

/** Groups by text as Excel compares it; blank cells form one group with key null, listed last. */
function groups(items: readonly PlanItem[], keyOf: (i: PlanItem) => string | null): GroupRow[] {
  const map = new Map<string, { key: string | null; items: PlanItem[] }>();
  for (const item of items) {
    const raw = keyOf(item);
    const k = raw === null || raw === "" ? "\u0000blank" : raw.toLowerCase();
    const entry = map.get(k) ?? { key: raw === "" ? null : raw, items: [] };
    entry.items.push(item);
    map.set(k, entry);
  }
  const rows = [...map.values()].map((g) => ({
    key: g.key,
    items: g.items.length,
    ...budgetRow(g.items),
  }));
  return [...rows.filter((r) => r.key !== null), ...rows.filter((r) => r.key === null)];
}

export function budgetFigures(
  items: readonly PlanItem[],
  planYear: number | null,
  allocation: number | null,
  asOf?: IsoDate,
): BudgetFigures {
  const total = budgetRow(items);
  const unpaid: UnpaidEntry[] = [];
  if (asOf !== undefined)
    for (const item of items) {
      const days = unpaidDays(item, asOf);
      if (days !== null) unpaid.push({ item, days });
    }
  unpaid.sort((a, b) => b.days - a.days || a.item.row - b.item.row);
  return {
    allocation,
    planned: total.planned,
    spent: total.spent,
    remaining: allocation === null ? null : allocation - total.spent,
    disbursed: allocation ? total.spent / allocation : null,
    plannedOverAllocation: allocation === null ? null : total.planned - allocation,
    overAllocated: allocation !== null && total.planned > allocation,
    quarters: BUCKETS.map((bucket) => ({
      bucket,
      ...budgetRow(items.filter((i) => bucketOf(i, planYear) === bucket)),
    })),
    byUnit: groups(items, (i) => i.unitText),
    byType: groups(items, (i) => i.typeText),
    overPlan: items.filter(
      (i) => i.spentNumber !== null && i.plannedVnd !== null && i.spentNumber > i.plannedVnd,
    ),
    spentWithoutAirDate: items.filter((i) => n(i.spentNumber) > 0 && i.airedOn === null),
    noPlannedAmount: items.filter((i) => i.plannedVnd === null),
    derivedCost: items.filter((i) => i.plannedDerived),
    committed: total.committed,
    accepted: total.accepted,
    paid: total.paid,
    unpaid,
  };
}
