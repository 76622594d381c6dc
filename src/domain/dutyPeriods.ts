/**
 * The periods a recurring duty is counted in. Weeks are ISO 8601 weeks, Monday to Sunday, taken
 * when their Thursday falls in the duty's span: over a whole plan year these are exactly the
 * ISO weeks numbered in that year ("Tuần 1/2023" runs 02/01–08/01/2023; 01/01/2023, a Sunday,
 * belongs to week 52 of 2022), 52 or 53 of them. Months and quarters are calendar ones that
 * overlap the span. "2 tuần/lần" groups the weeks two by two from the span's first week.
 * The span is clipped to the plan year, so a duty never has more than 53 periods.
 */
import {
  addDays,
  daysBetween,
  formatVnDate,
  isoToDays,
  monthEnd,
  quarterEnd,
  quarterOfMonth,
  quarterStart,
  toIso,
  type IsoDate,
  type Quarter,
} from "./calendar";
import type { Frequency, RecurrenceEvery } from "./recurrence";

export interface DutyPeriod {
  /** 1-based, in order. */
  readonly index: number;
  /** "Tuần 38 (18/09–24/09)", "Tháng 9/2023", "Quý III/2023". */
  readonly label: { readonly vi: string; readonly en: string };
  readonly start: IsoDate;
  readonly end: IsoDate;
}

export const MAX_DUTY_PERIODS = 53;

/** Monday of the ISO week holding `iso`. */
export function isoWeekMonday(iso: IsoDate): IsoDate {
  // 1970-01-01 (day 0) was a Thursday: Monday is 0 when (days + 3) % 7 is 0.
  const days = isoToDays(iso);
  const dow = (((days + 3) % 7) + 7) % 7;
  return addDays(iso, -dow);
}

/** The ISO week number and week-year of `iso`. */
export function isoWeek(iso: IsoDate): { week: number; year: number } {
  const thursday = addDays(isoWeekMonday(iso), 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(toIso(year, 1, 1), thursday) / 7) + 1;
  return { week, year };
}

function shortDate(iso: IsoDate): string {
  return formatVnDate(iso).slice(0, 5);
}

const ROMAN = ["I", "II", "III", "IV"];

function clip(
  span: { start: IsoDate; end: IsoDate },
  year: number | null,
): {
  start: IsoDate;
  end: IsoDate;
} | null {
  const start = year !== null && span.start < `${year}-01-01` ? `${year}-01-01` : span.start;
  const end = year !== null && span.end > `${year}-12-31` ? `${year}-12-31` : span.end;
  return start <= end ? { start, end } : null;
}

function weeks(span: { start: IsoDate; end: IsoDate }): { start: IsoDate; end: IsoDate }[] {
  const out: { start: IsoDate; end: IsoDate }[] = [];
  // The first Monday whose Thursday is in the span.
  let monday = isoWeekMonday(span.start);
  if (addDays(monday, 3) < span.start) monday = addDays(monday, 7);
  while (addDays(monday, 3) <= span.end && out.length < MAX_DUTY_PERIODS) {
    out.push({ start: monday, end: addDays(monday, 6) });
    monday = addDays(monday, 7);
  }
  return out;
}

function months(span: { start: IsoDate; end: IsoDate }): { start: IsoDate; end: IsoDate }[] {
  const out: { start: IsoDate; end: IsoDate }[] = [];
  let y = Number(span.start.slice(0, 4));
  let m = Number(span.start.slice(5, 7));
  for (;;) {
    const start = toIso(y, m, 1);
    if (start > span.end || out.length >= MAX_DUTY_PERIODS) break;
    out.push({ start, end: monthEnd(y, m) });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

function quarters(span: { start: IsoDate; end: IsoDate }): { start: IsoDate; end: IsoDate }[] {
  const out: { start: IsoDate; end: IsoDate }[] = [];
  let y = Number(span.start.slice(0, 4));
  let q = quarterOfMonth(Number(span.start.slice(5, 7)));
  for (;;) {
    const start = quarterStart(y, q);
    if (start > span.end || out.length >= MAX_DUTY_PERIODS) break;
    out.push({ start, end: quarterEnd(y, q) });
    if (q === 4) {
      q = 1;
      y++;
    } else q = (q + 1) as Quarter;
  }
  return out;
}

function labelOf(
  every: RecurrenceEvery,
  start: IsoDate,
  end: IsoDate,
  units: number,
): DutyPeriod["label"] {
  const y = Number(end.slice(0, 4));
  if (every === "week") {
    const a = isoWeek(start).week;
    const b = isoWeek(end).week;
    const span = units > 1 ? `${a}–${b}` : String(a);
    const dates = `${shortDate(start)}–${shortDate(end)}`;
    return { vi: `Tuần ${span} (${dates})`, en: `Week ${span} (${dates})` };
  }
  if (every === "month") {
    const a = Number(start.slice(5, 7));
    const b = Number(end.slice(5, 7));
    const span = units > 1 ? `${a}–${b}` : String(a);
    return { vi: `Tháng ${span}/${y}`, en: `Month ${span}/${y}` };
  }
  const a = quarterOfMonth(Number(start.slice(5, 7)));
  const b = quarterOfMonth(Number(end.slice(5, 7)));
  const span = units > 1 ? `${ROMAN[a - 1]}–${ROMAN[b - 1]}` : `${ROMAN[a - 1]}`;
  return { vi: `Quý ${span}/${y}`, en: `Q${units > 1 ? `${a}–${b}` : a} ${y}` };
}

/**
 * The duty's periods in its window (clipped to the plan year when known), grouped by its
 * interval. Empty when the frequency is unknown or the window holds no whole period.
 */
export function dutyPeriods(
  freq: Frequency,
  span: { start: IsoDate | null; end: IsoDate | null },
  planYear: number | null,
): DutyPeriod[] {
  if (freq.every === null || span.start === null || span.end === null) return [];
  const w = clip({ start: span.start, end: span.end }, planYear);
  if (w === null) return [];
  const units = freq.every === "week" ? weeks(w) : freq.every === "month" ? months(w) : quarters(w);
  const step = Math.max(1, Math.min(freq.interval, 12));
  const out: DutyPeriod[] = [];
  for (let i = 0; i < units.length; i += step) {
    const group = units.slice(i, i + step);
    const start = group[0]?.start as IsoDate;
    const end = group[group.length - 1]?.end as IsoDate;
    out.push({
      index: out.length + 1,
      label: labelOf(freq.every, start, end, group.length),
      start,
      end,
    });
  }
  return out;
}
