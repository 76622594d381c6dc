/**
 * When an item is due. A title often names its event ("Kỷ niệm 08 năm Ngày thành lập huyện
 * 11/03/2023"): that day is the deadline. Otherwise the period decides (its own event date, else its
 * last day). Titles are full of numbers that are not dates ("08 năm", "01 phóng sự", "05 phút",
 * "2021 - 2025"), so a date must be written as one: day and month joined by "/", "." or "-".
 */
import { type IsoDate, formatVnDate, isValidCivil, toIso } from "./calendar";
import { type Issue, issue, q } from "./diagnostics";
import type { Period } from "./period";
import { clip, fold, plainPunctuation, squash } from "./text";

export interface EventDateResult {
  readonly date: IsoDate | null;
  readonly issues: readonly Issue[];
}

/** A date found in a title, its parts as written. */
interface Found {
  readonly day: number;
  readonly month: number;
  readonly year: number | null;
  readonly text: string;
  /** The second date of "(05/6/1911-05/6/2023)": an anniversary by its very form. */
  readonly anniversary: boolean;
}

// No spaces inside a date: "1 - 3" in a title is a count or a span, not the 1st of March. A "-"
// may precede a date (the second of a range) but "1.573" or "12/2023" are never split into one.
const DATE_TOKEN = /(?<!\d)(?<!\d[/.])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?!\d)/g;
/** What DATE_TOKEN or WORDY_DATE need at least: two digit runs joined by / . - or "thang". */
const MAYBE_DATE = /\d[/.-]\d|\d\s+thang\s+\d/;
const WORDY_DATE = /(?<![\d/.-])(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*,?\s*nam\s+(\d{4}))?(?!\d)/g;
const RANGE_JOIN = /^\s*(?:-|den|toi|~)\s*(?:ngay\s*)?$/;
const DAY_RANGE_BEFORE = /\btu\s+(?:ngay\s*)?\d{1,2}\s*(?:-|den|toi)\s*(?:ngay\s*)?$/;
/** Titles about a recurring day: a date in another year names the day, celebrated this year. */
const ANNIVERSARY_WORDS = /ky niem|ngay sinh|thanh lap|ngay truyen thong/;

interface Token {
  readonly index: number;
  readonly end: number;
  readonly day: number;
  readonly month: number;
  readonly year: number | null;
  readonly text: string;
}

/** No date found, nothing to say: shared, as most titles name no date. */
export const NO_EVENT_DATE: EventDateResult = Object.freeze({
  date: null,
  issues: Object.freeze([]),
});

export function findEventDate(
  title: string,
  ctx: { planYear: number | null; folded?: string | undefined },
): EventDateResult {
  if (typeof title !== "string") return NO_EVENT_DATE;
  const planYear = validYear(ctx?.planYear);
  // = fold(plainPunctuation(…)): fold leaves those dashes and quotes as they are, so folding the
  // title first lets the duplicate rule reuse the same fold of it. Not with a Σ: its lower case
  // depends on the neighbours, and "'" is case-ignorable where "′" is not.
  const squashed = squash(title);
  const key =
    squashed.indexOf("\u03a3") === -1
      ? plainPunctuation(
          ctx.folded !== undefined && squashed === title ? ctx.folded : fold(squashed),
        )
      : fold(plainPunctuation(squashed));
  // Most titles name no date: skip the date patterns unless one could match.
  if (!MAYBE_DATE.test(key)) return NO_EVENT_DATE;
  const found = candidates(key);
  const issues: Issue[] = [];
  const noted = new Set<string>();
  const note = (i: Issue): void => {
    if (!noted.has(i.code)) issues.push(i);
    noted.add(i.code);
  };

  // First a date in the plan year as written; only then an anniversary moved into the plan year,
  // so "Kỷ niệm ... (3.2.1930 - 3.2.2023)" keeps the date the plan wrote.
  for (const f of found) {
    const year = f.year ?? planYear;
    if (year === null) {
      note(noYearIssue(title, f.text));
      continue;
    }
    if (!isValidCivil(year, f.month, f.day)) {
      note(invalidDateIssue(title, f.text));
      continue;
    }
    if (planYear === null || year === planYear) {
      return { date: toIso(year, f.month, f.day), issues };
    }
  }
  if (planYear !== null) {
    const recurring = ANNIVERSARY_WORDS.test(key);
    for (const f of found) {
      if (f.year === null || !(recurring || f.anniversary)) continue;
      if (!isValidCivil(f.year, f.month, f.day)) continue;
      // 29/02 has no anniversary in a common year: better no date than a made-up one.
      if (isValidCivil(planYear, f.month, f.day)) {
        return { date: toIso(planYear, f.month, f.day), issues };
      }
    }
  }
  return { date: null, issues };
}

/**
 * Dates in reading order. A range contributes only its second date (the day the event happens
 * or ends); a year-less date counts only after "ngày" or alone in brackets, because "3/4" in a
 * title is as likely a fraction as the 3rd of April.
 */
function candidates(key: string): Found[] {
  const tokens = tokensIn(key).sort((a, b) => a.index - b.index);
  const out: Found[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined) continue;
    const next = tokens[i + 1];
    if (next !== undefined && RANGE_JOIN.test(key.slice(t.end, next.index))) {
      out.push(rangeEnd(t, next));
      i++;
      continue;
    }
    // Only the words just before a date matter; a bounded look-back keeps long titles linear.
    const before = key.slice(Math.max(0, t.index - 40), t.index);
    const inRange = DAY_RANGE_BEFORE.test(before);
    if (t.year !== null || inRange || namedAsDay(before, key.slice(t.end, t.end + 8))) {
      out.push({ ...t, anniversary: false });
    }
  }
  return out;
}

function tokensIn(key: string): Token[] {
  const out: Token[] = [];
  for (const m of key.matchAll(DATE_TOKEN)) out.push(token(m, m[1], m[3], m[4]));
  if (key.includes("thang"))
    for (const m of key.matchAll(WORDY_DATE)) out.push(token(m, m[1], m[2], m[3]));
  return out;
}

function token(
  m: RegExpMatchArray,
  day: string | undefined,
  month: string | undefined,
  year: string | undefined,
): Token {
  const index = m.index ?? 0;
  return {
    index,
    end: index + m[0].length,
    day: Number(day),
    month: Number(month),
    year: expandYear(year),
    text: m[0],
  };
}

/** "(05/6/1911-05/6/2023)" and "từ 21/9 đến 26/9/2023": the second date, with the first's year. */
function rangeEnd(first: Token, second: Token): Found {
  const year = second.year ?? first.year;
  const anniversary =
    first.year !== null &&
    year !== null &&
    first.year !== year &&
    first.day === second.day &&
    first.month === second.month;
  return { ...second, year, anniversary };
}

function namedAsDay(before: string, after: string): boolean {
  return /\bngay\s*$/.test(before) || (/\(\s*$/.test(before) && /^\s*\)/.test(after));
}

/** Two-digit years are this century up to 69, as in the period reader. */
function expandYear(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (text.length === 2) return n < 70 ? 2000 + n : 1900 + n;
  return n;
}

function validYear(year: unknown): number | null {
  return typeof year === "number" && Number.isInteger(year) && year >= 1 && year <= 9999
    ? year
    : null;
}

function noYearIssue(title: string, dateText: string): Issue {
  return issue("due.no-year", "warning", {
    vi: `Ngày ${q(dateText)} trong nội dung ${q(clip(title))} không ghi năm và chưa biết năm kế hoạch, nên chưa tính được hạn. Ghi đủ ngày/tháng/năm, ví dụ "19/05/2023", hoặc khai báo năm kế hoạch.`,
    en: `The date ${q(dateText)} in the title ${q(clip(title))} has no year and the plan year is unknown, so no due date follows from it. Write day/month/year, e.g. "19/05/2023", or set the plan year.`,
  });
}

function invalidDateIssue(title: string, dateText: string): Issue {
  return issue("due.invalid-date", "warning", {
    vi: `Ngày ${q(dateText)} trong nội dung ${q(clip(title))} không có thật nên không dùng làm hạn. Sửa lại theo dạng dd/mm/yyyy, ví dụ "11/03/2023".`,
    en: `The date ${q(dateText)} in the title ${q(clip(title))} does not exist, so it is not used as the due date. Write it as dd/mm/yyyy, e.g. "11/03/2023".`,
  });
}

/**
 * The deadline: the title's event wins, then the period's own event date, then its last day.
 * Without a readable period there is no due date, even with a title date, because the period cell
 * carries the error the clerk must fix first.
 */
export function dueDate(period: Period | null, titleEvent: IsoDate | null): IsoDate | null {
  if (period === null) return null;
  return titleEvent ?? period.eventDate ?? period.end;
}

/** A title date outside its period usually means one of the two cells is wrong. */
export function eventOutsidePeriod(period: Period | null, event: IsoDate | null): Issue | null {
  if (period === null || event === null) return null;
  if (event >= period.start && event <= period.end) return null;
  const [e, s, end] = [formatVnDate(event), formatVnDate(period.start), formatVnDate(period.end)];
  return issue("due.event-outside-period", "warning", {
    vi: `Ngày sự kiện trong nội dung (${e}) nằm ngoài thời gian thực hiện (${s} - ${end}). Kiểm tra lại ngày hoặc thời gian; hạn hoàn thành lấy theo ngày sự kiện.`,
    en: `The event date in the title (${e}) is outside the period (${s} - ${end}). Check the date or the period; the due date follows the event date.`,
  });
}
