/**
 * The results of one reporting period (a quarter, 6 or 9 months, the year) as the results report
 * states them. Each item keeps two places in time: its plan quarter (from "Quý II/2023" or its due
 * date) and the reporting window its air date — or, not aired yet, its due date — falls in. An item
 * of "Quý I/2023" aired on 20/03/2023 is planned in Quý I and reported in the Quý II window under
 * the 15th-to-14th rule of Nghị định 09/2019.
 *
 * - planned: items due within the window (counts, as the Progress sheet adds them);
 * - done: items marked aired whose air date (else due date) is within the window, whatever
 *   quarter planned them — a late item is reported where it aired;
 * - overdue: open items (not aired, not cancelled) due on or before the end of the window and before
 *   the as-of date, earlier windows' backlog included, as the workbook's red rule sees them;
 * - carried over: items due within the window and still open, past due (or marked postponed):
 *   they move to a later quarter;
 * - slipped: the carried-over items, those due within the window but aired after it, and the
 *   backlog from before it — what a leader reads as "moved to a later quarter";
 * - spending: the spending cells of the items whose air (else due) date is in the window, and
 *   from the start of the reporting year to the end of the window;
 * - accepted / paid: the settled value (settlement.ts: spending, else planned) of the items whose
 *   acceptance / payment date is inside the window (both ends included)
 */
import { daysBetween, type IsoDate, type Quarter } from "../calendar";
import type { PlanItem } from "../planItem";
import { settledValueOf } from "../settlement";
import {
  inWindow,
  isClosed,
  windowQuarterOf,
  yearWindow,
  type ReportWindow,
  type WindowQuarter,
} from "../reportingPeriod";
import {
  excelTextEquals,
  isOverdueInSheet,
  STATUS_CANCELLED,
  STATUS_DONE,
  STATUS_POSTPONED,
} from "./figures";

/**
 * One recurring duty's quota for the period ("ít nhất 02 tin/tuần"): what the recurring-duties
 * log (issue 13, part 1) will supply. The report shows whatever a QuotaSource returns and invents
 * none: without a source there is no quota block.
 */
export interface QuotaLine {
  /** The duty as the plan words it. */
  readonly label: string;
  /** "tin", "phóng sự", "lượt phát" … */
  readonly unit: string;
  /** The unit in English, when it is a word of the tool's own ("weeks met"), not the plan's. */
  readonly unitEn?: string;
  readonly required: number;
  readonly achieved: number;
}

/** The extension point for recurring duties: their quota lines for a reporting period. */
export type QuotaSource = (span: ReportWindow, asOf: IsoDate) => readonly QuotaLine[];

export type SlipKind =
  /** Due in the window, still open and past due (or postponed): carried to a later quarter. */
  | "carried"
  /** Due in the window, aired after it. */
  | "aired-later"
  /** Due before the window, still open: earlier backlog. */
  | "backlog";

export interface SlippedEntry {
  readonly item: PlanItem;
  readonly kind: SlipKind;
  /** Days past the due date as of the report (open items), else null. */
  readonly daysLate: number | null;
  /** The reporting quarter an item aired in (aired-later), else null. */
  readonly airedIn: WindowQuarter | null;
}

export interface PeriodFigures {
  readonly window: ReportWindow;
  readonly asOf: IsoDate;
  /** The last day of the window is over. */
  readonly closed: boolean;
  readonly planned: number;
  /** Of the items due in the window, those already aired (whenever). */
  readonly plannedDone: number;
  readonly done: number;
  readonly doneItems: readonly PlanItem[];
  readonly overdue: readonly PlanItem[];
  readonly carriedOver: readonly PlanItem[];
  /** Carried over first, then aired later, then backlog; each by due date, then row. */
  readonly slipped: readonly SlippedEntry[];
  readonly spent: number;
  readonly spentYearToDate: number;
  /** Settled value of the items accepted in the window, and of those paid in it. */
  readonly accepted: number;
  readonly paid: number;
  readonly acceptedItems: readonly PlanItem[];
  readonly paidItems: readonly PlanItem[];
  readonly allocation: number | null;
  readonly quotas: readonly QuotaLine[];
}

const n = (v: number | null): number => v ?? 0;
const round = (v: number): number => Math.round(v * 1e6) / 1e6;

function isDone(item: PlanItem): boolean {
  return excelTextEquals(item.statusText, STATUS_DONE);
}

function isCancelled(item: PlanItem): boolean {
  return excelTextEquals(item.statusText, STATUS_CANCELLED);
}

/** The date that places an item in a reporting window: when it aired, else when it is due. */
export function eventDate(item: PlanItem): IsoDate | null {
  return (isDone(item) ? item.airedOn : null) ?? item.dueDate;
}

/** The item's plan quarter ("Quý II/2023"): the period's own quarter, else its due date's. */
export function planQuarterOf(item: PlanItem): { quarter: Quarter; year: number | null } | null {
  return item.quarter === null ? null : { quarter: item.quarter, year: item.year };
}

export interface PeriodOptions {
  readonly allocation: number | null;
  readonly quotas?: QuotaSource;
}

export function periodFigures(
  items: readonly PlanItem[],
  span: ReportWindow,
  asOf: IsoDate,
  opts: PeriodOptions,
): PeriodFigures {
  const due = items.filter((i) => inWindow(i.dueDate, span));
  const count = (list: readonly PlanItem[]): number =>
    round(list.reduce((s, i) => s + n(i.count), 0));
  const doneItems = items.filter((i) => isDone(i) && inWindow(eventDate(i), span));
  const overdue = items.filter(
    (i) => isOverdueInSheet(i, asOf) && (i.dueDate as IsoDate) <= span.end,
  );
  const open = (i: PlanItem): boolean => !isDone(i) && !isCancelled(i);
  const carriedOver = due.filter(
    (i) =>
      open(i) && ((i.dueDate as IsoDate) < asOf || excelTextEquals(i.statusText, STATUS_POSTPONED)),
  );
  const late = (i: PlanItem): number => daysBetween(i.dueDate as IsoDate, asOf);
  const byDue = (a: SlippedEntry, b: SlippedEntry): number =>
    (a.item.dueDate ?? "").localeCompare(b.item.dueDate ?? "") || a.item.row - b.item.row;
  const carried: SlippedEntry[] = carriedOver.map((item) => ({
    item,
    kind: "carried",
    daysLate: late(item) > 0 ? late(item) : null,
    airedIn: null,
  }));
  const airedLater: SlippedEntry[] = due
    .filter((i) => isDone(i) && i.airedOn !== null && i.airedOn > span.end)
    .map((item) => ({
      item,
      kind: "aired-later",
      daysLate: null,
      airedIn: windowQuarterOf(item.airedOn as IsoDate, span.rule),
    }));
  const backlog: SlippedEntry[] = overdue
    .filter((i) => (i.dueDate as IsoDate) < span.start)
    .map((item) => ({ item, kind: "backlog", daysLate: late(item), airedIn: null }));

  const spentWhere = (w: { start: IsoDate; end: IsoDate }): number =>
    items.filter((i) => inWindow(eventDate(i), w)).reduce((s, i) => s + n(i.spentNumber), 0);
  const year = yearWindow(span, span.rule);
  const acceptedItems = items.filter((i) => inWindow(i.acceptedOn, span));
  const paidItems = items.filter((i) => inWindow(i.paidOn, span));
  const settled = (list: readonly PlanItem[]): number =>
    list.reduce((s, i) => s + settledValueOf(i), 0);

  return {
    window: span,
    asOf,
    closed: isClosed(span, asOf),
    planned: count(due),
    plannedDone: count(due.filter(isDone)),
    done: count(doneItems),
    doneItems,
    overdue,
    carriedOver,
    slipped: [...carried.sort(byDue), ...airedLater.sort(byDue), ...backlog.sort(byDue)],
    spent: spentWhere(span),
    spentYearToDate: spentWhere({ start: year.start, end: span.end }),
    accepted: settled(acceptedItems),
    paid: settled(paidItems),
    acceptedItems,
    paidItems,
    allocation: opts.allocation,
    quotas: opts.quotas ? opts.quotas(span, asOf) : [],
  };
}
