/**
 * Reporting periods and the windows they cover. Two rules, chosen per tracker:
 * - "calendar": calendar quarters (Quý I = 01/01–31/03 …, the year = 01/01–31/12);
 * - "nd09": the cut-off of Nghị định 09/2019/NĐ-CP art. 12 — a periodic report covers the 15th of
 *   the month before the period to the 14th of its last month: Quý I/2023 = 15/12/2022–14/03/2023,
 *   Quý II = 15/03–14/06, Quý III = 15/06–14/09, Quý IV = 15/09–14/12; 6 months = 15/12 of the
 *   year before–14/06, 9 months = 15/12–14/09, the year = 15/12–14/12.
 * An item aired on 20/03/2023 is in calendar Quý I but in the Quý II window under "nd09": both are
 * kept (the plan quarter on the item, the window here), never one rewritten into the other.
 */
import {
  daysInMonth,
  formatVnDate,
  quarterOf,
  quarterOfMonth,
  toIso,
  yearOf,
  type IsoDate,
  type Quarter,
} from "./calendar";
import type { Lang } from "./diagnostics";

export type WindowRule = "calendar" | "nd09";
export const WINDOW_RULES: readonly WindowRule[] = ["calendar", "nd09"];
/** Periodic reports of state administrative bodies follow the decree unless the tracker says otherwise. */
export const DEFAULT_WINDOW_RULE: WindowRule = "nd09";

export type PeriodKey = "Q1" | "Q2" | "Q3" | "Q4" | "H1" | "9M" | "Y";
export const PERIOD_KEYS: readonly PeriodKey[] = ["Q1", "Q2", "Q3", "Q4", "H1", "9M", "Y"];

/** The quarters a period spans. */
const SPAN: Readonly<Record<PeriodKey, readonly [Quarter, Quarter]>> = {
  Q1: [1, 1],
  Q2: [2, 2],
  Q3: [3, 3],
  Q4: [4, 4],
  H1: [1, 2],
  "9M": [1, 3],
  Y: [1, 4],
};

export interface ReportPeriod {
  readonly key: PeriodKey;
  /** The report's year ("Quý I/2023" under nd09 starts on 15/12/2022 and is still 2023's). */
  readonly year: number;
}

export interface ReportWindow extends ReportPeriod {
  readonly rule: WindowRule;
  /** First and last day, both included. */
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly quarters: readonly Quarter[];
}

/** A reporting quarter: the quarterly window a date falls in. */
export interface WindowQuarter {
  readonly quarter: Quarter;
  readonly year: number;
}

/** "Q3", "q3", " 9m " → the key; anything else null (the shells say what is valid). */
export function parsePeriodKey(text: string): PeriodKey | null {
  const t = text.trim().toUpperCase();
  return (PERIOD_KEYS as readonly string[]).includes(t) ? (t as PeriodKey) : null;
}

function quarterFirstDay(year: number, q: Quarter, rule: WindowRule): IsoDate {
  if (rule === "calendar") return toIso(year, q * 3 - 2, 1);
  // The 15th of the month before the quarter: December of the year before for Quý I.
  return q === 1 ? toIso(year - 1, 12, 15) : toIso(year, q * 3 - 3, 15);
}

function quarterLastDay(year: number, q: Quarter, rule: WindowRule): IsoDate {
  const month = q * 3;
  return toIso(year, month, rule === "calendar" ? daysInMonth(year, month) : 14);
}

export function reportWindow(period: ReportPeriod, rule: WindowRule): ReportWindow {
  const [first, last] = SPAN[period.key];
  const quarters: Quarter[] = [];
  for (let q = first; q <= last; q++) quarters.push(q);
  return {
    ...period,
    rule,
    start: quarterFirstDay(period.year, first, rule),
    end: quarterLastDay(period.year, last, rule),
    quarters,
  };
}

/** The reporting quarter whose window holds `date` (nd09: 15/12/2022 → Quý I/2023). */
export function windowQuarterOf(date: IsoDate, rule: WindowRule): WindowQuarter {
  if (rule === "calendar") return { quarter: quarterOf(date), year: yearOf(date) };
  let year = yearOf(date);
  let month = Number(date.slice(5, 7));
  // From the 15th on, a day belongs to the next month's reporting month.
  if (Number(date.slice(8, 10)) >= 15) month += 1;
  if (month === 13) {
    month = 1;
    year += 1;
  }
  return { quarter: quarterOfMonth(month), year };
}

export function inWindow(date: IsoDate | null, w: { start: IsoDate; end: IsoDate }): boolean {
  return date !== null && date >= w.start && date <= w.end;
}

/** A window is closed once its last day is over. */
export function isClosed(w: ReportWindow, asOf: IsoDate): boolean {
  return w.end < asOf;
}

/**
 * The period a report is for when none is asked: the latest quarter of the plan year whose window
 * has closed by `asOf`. Before the first one closes, Quý I (still open); after the plan year,
 * Quý IV. Without a plan year, the latest closed quarter of any year. A quarter rather than a
 * 6-month, 9-month or yearly report ending on the same day: those are asked for by name.
 */
export function defaultPeriod(
  asOf: IsoDate,
  rule: WindowRule,
  planYear: number | null,
): ReportPeriod {
  // The quarter whose window holds as-of is open; the one before it is the latest closed.
  const current = windowQuarterOf(asOf, rule);
  const latest: WindowQuarter =
    current.quarter === 1
      ? { quarter: 4, year: current.year - 1 }
      : { quarter: (current.quarter - 1) as Quarter, year: current.year };
  if (planYear === null || latest.year === planYear) return quarterPeriod(latest);
  return latest.year > planYear ? { key: "Q4", year: planYear } : { key: "Q1", year: planYear };
}

function quarterPeriod(q: WindowQuarter): ReportPeriod {
  return { key: `Q${q.quarter}` as PeriodKey, year: q.year };
}

/** The window of the year a period belongs to: where "year to date" starts. */
export function yearWindow(period: ReportPeriod, rule: WindowRule): ReportWindow {
  return reportWindow({ key: "Y", year: period.year }, rule);
}

const ROMAN = ["", "I", "II", "III", "IV"] as const;

/** "Quý III/2023", "6 tháng đầu năm 2023" / "Q3 2023", "first half of 2023". */
export function periodLabel(period: ReportPeriod, lang: Lang): string {
  const y = period.year;
  if (lang === "vi") {
    switch (period.key) {
      case "H1":
        return `6 tháng đầu năm ${y}`;
      case "9M":
        return `9 tháng đầu năm ${y}`;
      case "Y":
        return `năm ${y}`;
      default:
        return `Quý ${ROMAN[Number(period.key.slice(1))]}/${y}`;
    }
  }
  switch (period.key) {
    case "H1":
      return `first half of ${y}`;
    case "9M":
      return `first nine months of ${y}`;
    case "Y":
      return `year ${y}`;
    default:
      return `${period.key} ${y}`;
  }
}

/** "Quý II" / "Q2": a reporting quarter without its year (for lists within one year). */
export function quarterLabel(q: Quarter, lang: Lang): string {
  return lang === "vi" ? `Quý ${ROMAN[q]}` : `Q${q}`;
}

/** "từ ngày 15/06/2023 đến ngày 14/09/2023" / "15/06/2023 to 14/09/2023". */
export function windowText(w: { start: IsoDate; end: IsoDate }, lang: Lang): string {
  return lang === "vi"
    ? `từ ngày ${formatVnDate(w.start)} đến ngày ${formatVnDate(w.end)}`
    : `${formatVnDate(w.start)} to ${formatVnDate(w.end)}`;
}

export const RULE_LABELS: Readonly<Record<WindowRule, { vi: string; en: string }>> = {
  calendar: { vi: "Quý dương lịch", en: "Calendar quarters" },
  nd09: {
    vi: "Từ ngày 15 đến ngày 14 (NĐ 09/2019)",
    en: "15th to 14th (Decree 09/2019)",
  },
};

/** The valid values of --period, for messages. */
export const PERIOD_HELP = {
  vi: "Q1, Q2, Q3, Q4 (quý), H1 (6 tháng đầu năm), 9M (9 tháng), Y (cả năm)",
  en: "Q1, Q2, Q3, Q4 (quarters), H1 (first half), 9M (nine months), Y (year)",
} as const;
