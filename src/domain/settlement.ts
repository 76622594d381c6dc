/**
 * Settlement of a planned item for Finance (issue 13 §3): committed, accepted (nghiệm thu), paid.
 * One definition each, used by the Budget sheet's cached values, the results report and the
 * rules, written so they compute what the Budget sheet's live formulas compute:
 * - committed: the planned amount of every item whose status is not "Hủy" (cancelled);
 * - an item's settled value: its spending when the spending cell holds a number, else its planned
 *   amount (a broadcast accepted before its cost is entered is owed at the planned amount);
 * - accepted: the settled value of the items whose acceptance-date cell is filled;
 * - paid: the settled value of the items whose paid-date cell is filled.
 * An item accepted more than UNPAID_AFTER_DAYS days before the as-of date and not paid is late.
 */
import { daysBetween, type IsoDate } from "./calendar";
import type { PlanItem } from "./planItem";

/** Days after acceptance by which Finance should have paid (a common term in contracts). */
export const UNPAID_AFTER_DAYS = 60;

const CANCELLED = "Hủy";

/** The status cell reads "Hủy" as Excel's "=" compares (case-insensitive, otherwise exact). */
function cancelledText(item: PlanItem): boolean {
  return item.statusText !== null && item.statusText.toLowerCase() === CANCELLED.toLowerCase();
}

/** Planned amount counted as committed: 0 for a cancelled item. */
export function committedOf(item: PlanItem): number {
  return cancelledText(item) ? 0 : (item.plannedVnd ?? 0);
}

/** What the item is settled at: its spending when a number, else its planned amount. */
export function settledValueOf(item: PlanItem): number {
  return item.spentNumber ?? item.plannedVnd ?? 0;
}

export function acceptedOf(item: PlanItem): number {
  return item.acceptedFilled ? settledValueOf(item) : 0;
}

export function paidOf(item: PlanItem): number {
  return item.paidFilled ? settledValueOf(item) : 0;
}

/**
 * Accepted more than UNPAID_AFTER_DAYS days before `asOf`, with no paid date, not cancelled: the
 * days since acceptance, else null.
 */
export function unpaidDays(item: PlanItem, asOf: IsoDate): number | null {
  if (item.acceptedOn === null || item.paidFilled || cancelledText(item)) return null;
  if (item.status === "Hủy") return null;
  const days = daysBetween(item.acceptedOn, asOf);
  return days > UNPAID_AFTER_DAYS ? days : null;
}
