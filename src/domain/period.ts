/**
 * When an item is scheduled: "Quý I/2023", "tháng 1-3/2023", "6 tháng đầu năm", "11/03/2023", an
 * anniversary range "(05/6/1911-05/6/2023)" or an Excel date. The reader is forgiving about how
 * people type (case, misplaced accents, line breaks, Word's dashes) and strict about what the text
 * means: an impossible quarter or date is an error with a suggestion, never a silent guess.
 */
import {
  type IsoDate,
  type Quarter,
  daysInMonth,
  isValidCivil,
  monthEnd,
  quarterEnd,
  quarterOfMonth,
  quarterStart,
  serialToIso,
  toIso,
  yearOf,
} from "./calendar";
import { isDateValue, isErrorValue } from "./cell";
import { type Bilingual, type Issue, issue, q } from "./diagnostics";
import { clip, fold, plainPunctuation, squash } from "./text";

export type PeriodKind = "quarter" | "month" | "months" | "half" | "year" | "date" | "range";

export interface Period {
  readonly kind: PeriodKind;
  readonly year: number;
  /** Only when the text names a quarter (or a month range that is exactly one). */
  readonly quarter: Quarter | null;
  readonly start: IsoDate;
  readonly end: IsoDate;
  /** A specific day the text names: the date itself, an anniversary's second date, a range's end. */
  readonly eventDate: IsoDate | null;
}

export interface PeriodResult {
  readonly value: Period | null;
  readonly issues: Issue[];
}

export interface PeriodContext {
  readonly planYear: number | null;
}

const VALID_VI =
  'Cách ghi hợp lệ: "Quý I/2023", "Quý IV năm 2023", "Q2/2023", "Tháng 1 - 3/2023", ' +
  '"Tháng 3/2023", "6 tháng đầu năm 2023", "Cả năm 2023" hoặc một ngày "11/03/2023".';
const VALID_EN =
  'Valid forms: "Quý I/2023", "Quý IV năm 2023", "Q2/2023", "Tháng 1 - 3/2023", ' +
  '"Tháng 3/2023", "6 tháng đầu năm 2023", "Cả năm 2023" or a date "11/03/2023".';

const ROMAN_QUARTERS: Readonly<Record<string, Quarter>> = { i: 1, ii: 2, iii: 3, iv: 4 };
/** Typos whose intent is unambiguous: the seed plan itself has "Quý VI/2023" for Quý IV. */
const QUARTER_TYPOS: Readonly<Record<string, string>> = { vi: "IV", iiii: "IV" };

// Patterns run on folded text (lower case, no diacritics, one space), so "QUÝ", "Qúy" and "quý"
// all read "quy". A year follows "/", ".", "-", ",", a space or "năm"; two-digit years only after
// "/" or "." so "tháng 1 - 12" stays a range of months.
const YEAR_TAIL = String.raw`(?:(?:\s*[/.,\-]\s*|\s+)(?:nam\s*)?(\d{4})|\s*[/.]\s*(\d{2}))`;
// The numeral is one run of Roman letters or digits, so "ii" can never be read as "i" followed by
// noise (the longest-first rule), and "vi" reaches the invalid-quarter check whole.
const QUARTER_RE = new RegExp(String.raw`^(?:qu[yi]|q)\s*\.?\s*([ivx]+|\d+)(?:${YEAR_TAIL})?$`);
// "6 tháng đầu năm", "9 tháng đầu năm 2024", "3 tháng cuối năm", "nửa cuối năm": the first or last
// N months of the year. Digits are what plans use; the few number words seen in plans also count.
const PART_OF_YEAR_RE = new RegExp(
  String.raw`^(?:(\d{1,2}|[a-z]+)\s*thang|(nua))\s+(dau|cuoi)\s+nam(?:${YEAR_TAIL})?$`,
);
const MONTH_WORDS: Readonly<Record<string, number>> = {
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
};
// "15 ngày đầu tháng 01/2024", "10 ngày cuối tháng 12": the first or last N days of a month.
const DAYS_OF_MONTH_RE = new RegExp(
  String.raw`^(\d{1,2})\s*ngay\s+(dau|cuoi)\s+thang\s*(\d{1,2})(?:${YEAR_TAIL})?$`,
);
// "Thường xuyên" (all the time) in a plan means throughout the year.
const YEAR_RE = /^(?:(?:(?:ca|trong|suot)\s+)?nam|thuong xuyen)(?:\s*(\d{4}))?$/;
const MONTHS_RE = new RegExp(
  String.raw`^(?:tu\s+)?thang\s*(\d{1,2})\s*(?:-|den|toi|~)\s*(?:thang\s*)?(\d{1,2})(?:${YEAR_TAIL})?$`,
);
const MONTH_RE = new RegExp(String.raw`^thang\s*(\d{1,2})(?:${YEAR_TAIL})?$`);
const DATE_SRC = String.raw`(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}|\d{2}))?`;
const DATE_RE = new RegExp(String.raw`^(?:ngay\s*)?${DATE_SRC}$`);
const WORDY_DATE_RE = /^(?:ngay\s*)?(\d{1,2})\s+thang\s+(\d{1,2})(?:\s*,?\s*nam\s*(\d{4}))?$/;
// The first date may be a bare day ("21-26/9/2023") or lack its year ("từ 21/9 đến 26/9/2023").
const RANGE_RE = new RegExp(
  String.raw`^(?:tu\s+)?(?:ngay\s*)?(\d{1,2})(?:\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}|\d{2}))?)?` +
    String.raw`\s*(?:-|den|toi|~)\s*(?:ngay\s*)?${DATE_SRC}$`,
);

/** A date as written: any part may be missing and is filled in from context. */
interface PartialDate {
  readonly day: number;
  readonly month: number | null;
  readonly year: number | null;
}

interface EndDate extends PartialDate {
  readonly month: number;
}

/** What one reader made of the text: a period, a problem, or "not my form" (null). */
type Reading = PeriodResult | null;

interface Input {
  /** The user's text as written, for messages and suggestions. */
  readonly raw: string;
  /** Folded and stripped of bullets and wrapping punctuation, for matching. */
  readonly key: string;
  readonly planYear: number | null;
}

export function parsePeriod(value: unknown, ctx: PeriodContext): PeriodResult {
  const planYear = validYear(ctx?.planYear);
  try {
    return withYearCheck(readValue(value, planYear), shownText(value), planYear);
  } catch {
    // Defensive only: every reader validates before calling calendar helpers, but a parser of
    // user cells must never take the whole check down.
    return unreadable(typeof value === "string" ? value : typeof value);
  }
}

function readValue(value: unknown, planYear: number | null): PeriodResult {
  if (value === null || value === undefined) return emptyCell();
  if (isDateValue(value)) return readSerial(value.serial, null);
  if (isErrorValue(value)) return unreadable(String(value.code));
  if (typeof value === "number") return readNumber(value, String(value), planYear);
  if (typeof value === "string") return readText(value, planYear);
  return unreadable(safeText(value));
}

function readText(raw: string, planYear: number | null): PeriodResult {
  if (squash(raw) === "") return emptyCell();
  const key = matchKey(raw);
  if (/^\d+$/.test(key)) return readNumber(Number(key), raw, planYear);
  const input: Input = { raw, key, planYear };
  return readKey(input) ?? readInPhrase(input) ?? unreadable(raw);
}

const READERS = [
  readQuarter,
  readPartOfYear,
  readYear,
  readMonths,
  readMonth,
  readDaysOfMonth,
  readDateOrRange,
];

function readKey(input: Input): Reading {
  for (const read of READERS) {
    const reading = read(input);
    if (reading) return reading;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// A period inside a phrase

/**
 * Words that only say "when": "vào Quý I", "trong tháng 3", "thời gian từ ...", "phát lại ngày".
 * "khoảng" (about) is not one: an approximate time is the user's to make exact.
 */
const LEAD_RE =
  /^(?:vao|trong|thoi gian|thoi diem|du kien|thuc hien|dien ra|to chuc|phat lai|phat song|phat)\s*:?\s+/;
/** "tính đến hết 30/6/2024", "đến hết tháng 6": from the year's start to the named end. */
const UNTIL_RE = /^(?:tinh\s+)?(?:den|toi)\s+(?:het\s+)?(?:ngay\s+)?(?!cuoi)(.+)$/;
/** "... đến cuối năm", "... đến hết năm 2024": a range closing on 31 December. */
const TO_YEAR_END_RE = /^(.+?)\s*(?:-|den|toi)\s*(?:het\s+)?(?:cuoi|het)\s+nam(?:\s*(\d{4}))?$/;
/** A time of day beside a date: "30/11/2023 07:11", "07h11 30/11/2023", "lúc 7:11". */
const TIME_OF_DAY = String.raw`(?:luc\s+)?\d{1,2}\s*[:h]\s*\d{2}(?:\s*:\s*\d{2})?(?:\s*(?:am|pm|sa|ch))?`;
const TRAILING_TIME_RE = new RegExp(String.raw`^(.*\d)\s*,?\s+${TIME_OF_DAY}$`);
const LEADING_TIME_RE = new RegExp(String.raw`^${TIME_OF_DAY}\s*,?\s+(?:ngay\s+)?(\d.*)$`);
/**
 * A note after a dash with no digit: "(từ 23/10 đến 20/11/2023 - phát sóng hằng tuần)". A note that
 * names a period ("Quý I/2023 - quý II") is kept, so the cell stays unreadable rather than half read;
 * "hằng/mỗi tuần" is how often, not when.
 */
const TRAILING_NOTE_RE =
  /^(.*\d)\s+[-–:;,]\s*(?![a-z ,]*\b(?<!(?:hang|moi) )(?:quy|qui|q|thang|nam|ngay|tuan|den|toi|tu)\b)[a-z][a-z ,]*$/;

/**
 * The period a phrase names, once the words around it are taken off. Each step removes only words
 * that say nothing about when (or turns "đến cuối năm" into its date), so a reading here is the
 * same period the bare form would give.
 */
function readInPhrase(input: Input): Reading {
  const tried = new Set<string>([input.key]);
  const queue = [input.key];
  while (queue.length > 0) {
    const key = queue.shift() ?? "";
    for (const next of rewrites(key, input.planYear)) {
      if (tried.has(next.key)) continue;
      tried.add(next.key);
      const reading = readKey({ ...input, key: next.key });
      if (reading) return next.until && reading.value ? ok(untilPeriod(reading.value)) : reading;
      if (!next.until) queue.push(next.key);
    }
  }
  return null;
}

interface Rewrite {
  readonly key: string;
  /** The phrase said "up to": the period runs from the year's start to the end read. */
  readonly until: boolean;
}

function rewrites(key: string, planYear: number | null): Rewrite[] {
  const out: Rewrite[] = [];
  const add = (k: string | undefined, until = false): void => {
    if (k !== undefined && k.trim() !== "") out.push({ key: k.trim(), until });
  };
  add(LEAD_RE.exec(key) ? key.replace(LEAD_RE, "") : undefined);
  add(TRAILING_TIME_RE.exec(key)?.[1]);
  add(LEADING_TIME_RE.exec(key)?.[1]);
  add(TRAILING_NOTE_RE.exec(key)?.[1]);
  add(/^\((.*)\)$/.exec(key)?.[1]);
  add(UNTIL_RE.exec(key)?.[1], true);
  const toEnd = TO_YEAR_END_RE.exec(key);
  if (toEnd) {
    const start = toEnd[1] ?? "";
    const year = toEnd[2] ?? (planYear === null ? "" : String(planYear));
    const yearTail = year === "" ? "" : `/${year}`;
    // The start is a month ("từ tháng 7") or a day ("từ 01/7"); each reads with its own end.
    add(/thang\s*\d{1,2}$/.test(start) ? `${start} - 12${yearTail}` : undefined);
    add(/\d$/.test(start) && !/thang/.test(start) ? `${start} - 31/12${yearTail}` : undefined);
  }
  return out;
}

function untilPeriod(p: Period): Period {
  return {
    kind: "range",
    year: p.year,
    quarter: null,
    start: toIso(p.year, 1, 1),
    end: p.end,
    eventDate: p.eventDate,
  };
}

/** Folded text without list bullets ("- Quý I/2023:") or wrapping parentheses. */
function matchKey(raw: string): string {
  let key = fold(plainPunctuation(squash(raw)));
  key = key.replace(/^[-+*•·]+\s*/, "").replace(/[\s:;,.]+$/, "");
  const wrapped = /^\((.*)\)$/.exec(key);
  key = (wrapped?.[1] ?? key).trim();
  // An official document's date line puts the place first: "Tiền Giang, ngày 05 tháng 7 năm 2023".
  const placed = /^[a-z' ]+,\s*(ngay\s+\d{1,2}\s+thang\s.*)$/.exec(key);
  return placed?.[1] ?? key;
}

/** Plain numbers: 1-4 a quarter, a year, or an Excel serial the cell lost its date format for. */
function readNumber(n: number, raw: string, planYear: number | null): PeriodResult {
  if (!Number.isFinite(n)) return unreadable(raw);
  if (Number.isInteger(n) && n >= 1 && n <= 4) {
    return quarterPeriod(n as Quarter, null, { raw, key: raw, planYear });
  }
  // A serial in 1990-2100 would be a day in 1905; in a plan it is the year itself.
  if (Number.isInteger(n) && n >= 1990 && n <= 2100) return ok(yearPeriod(n));
  if (n >= 367) return readSerial(n, raw);
  return unreadable(raw);
}

function readSerial(serial: number, raw: string | null): PeriodResult {
  const iso = serialToIso(serial);
  if (iso === null) {
    const shown = raw ?? String(serial);
    return fail(
      "period.invalid-date",
      {
        vi: `Giá trị ngày ${q(clip(shown))} không phải là một ngày có thật trong Excel. Nhập ngày dạng dd/mm/yyyy, ví dụ "11/03/2023".`,
        en: `The date value ${q(clip(shown))} is not a real Excel date. Enter a date as dd/mm/yyyy, e.g. "11/03/2023".`,
      },
      null,
    );
  }
  return ok(datePeriod(iso));
}

function readQuarter(input: Input): Reading {
  const m = QUARTER_RE.exec(input.key);
  if (!m) return null;
  const numeral = m[1] ?? "";
  const quarter = quarterNumber(numeral);
  if (quarter === null) return invalidQuarter(input.raw, numeral);
  return quarterPeriod(quarter, tailYear(m[2], m[3]), input);
}

function quarterNumber(numeral: string): Quarter | null {
  if (/^\d+$/.test(numeral)) {
    const n = Number(numeral);
    return n >= 1 && n <= 4 ? (n as Quarter) : null;
  }
  return ROMAN_QUARTERS[numeral] ?? null;
}

function quarterPeriod(quarter: Quarter, year: number | null, input: Input): PeriodResult {
  const y = year ?? input.planYear;
  if (y === null) return noYear(input.raw, `Quý ${romanOf(quarter)}/2023`);
  return ok({
    kind: "quarter",
    year: y,
    quarter,
    start: quarterStart(y, quarter),
    end: quarterEnd(y, quarter),
    eventDate: null,
  });
}

/** Six months is a half; three are a quarter (Q1 or Q4); any other N is a run of months. */
function readPartOfYear(input: Input): Reading {
  const m = PART_OF_YEAR_RE.exec(input.key);
  if (!m) return null;
  const word = m[1];
  const count =
    m[2] !== undefined ? 6 : /^\d+$/.test(word ?? "") ? Number(word) : MONTH_WORDS[word ?? ""];
  if (count === undefined) return null;
  if (!Number.isInteger(count) || count < 1 || count > 12) return invalidMonths(input.raw);
  const year = tailYear(m[4], m[5]) ?? input.planYear;
  if (year === null) return noYear(input.raw, `${displayOf(input.raw)} 2023`);
  const first = m[3] === "dau";
  const [from, to] = first ? [1, count] : [13 - count, 12];
  return ok({
    kind: count === 6 ? "half" : count === 12 ? "year" : "months",
    year,
    quarter: count === 3 ? quarterOfMonth(from) : null,
    start: toIso(year, from, 1),
    end: monthEnd(year, to),
    eventDate: null,
  });
}

function readDaysOfMonth(input: Input): Reading {
  const m = DAYS_OF_MONTH_RE.exec(input.key);
  if (!m) return null;
  const days = Number(m[1]);
  const month = Number(m[3]);
  if (!isMonth(month)) return invalidMonths(input.raw);
  const year = tailYear(m[4], m[5]) ?? input.planYear;
  if (year === null) return noYear(input.raw, `${displayOf(input.raw)}/2023`);
  const length = daysInMonth(year, month);
  if (days < 1 || days > length) return invalidDate(input.raw, days, month, year);
  const first = m[2] === "dau";
  const [from, to] = first ? [1, days] : [length - days + 1, length];
  return ok({
    kind: "range",
    year,
    quarter: null,
    start: toIso(year, month, from),
    end: toIso(year, month, to),
    eventDate: null,
  });
}

function readYear(input: Input): Reading {
  const m = YEAR_RE.exec(input.key);
  if (!m) return null;
  const year = m[1] ? Number(m[1]) : input.planYear;
  if (year === null) return noYear(input.raw, `${displayOf(input.raw)} 2023`);
  return ok(yearPeriod(year));
}

function readMonths(input: Input): Reading {
  const m = MONTHS_RE.exec(input.key);
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2]);
  if (!isMonth(from) || !isMonth(to) || from > to) return invalidMonths(input.raw);
  const year = tailYear(m[3], m[4]) ?? input.planYear;
  if (year === null) return noYear(input.raw, `${displayOf(input.raw)}/2023`);
  const isQuarter = from % 3 === 1 && to === from + 2;
  return ok({
    kind: "months",
    year,
    quarter: isQuarter ? quarterOfMonth(from) : null,
    start: toIso(year, from, 1),
    end: monthEnd(year, to),
    eventDate: null,
  });
}

function readMonth(input: Input): Reading {
  const m = MONTH_RE.exec(input.key);
  if (!m) return null;
  const month = Number(m[1]);
  if (!isMonth(month)) return invalidMonths(input.raw);
  const year = tailYear(m[2], m[3]) ?? input.planYear;
  if (year === null) return noYear(input.raw, `${displayOf(input.raw)}/2023`);
  return ok({
    kind: "month",
    year,
    quarter: null,
    start: toIso(year, month, 1),
    end: monthEnd(year, month),
    eventDate: null,
  });
}

/**
 * A single date, else a range. "21-25/12" fits the single-date pattern (day 21 of month 25) as well
 * as the range one, so an impossible single date gives the range a chance before it is reported.
 */
function readDateOrRange(input: Input): Reading {
  const single = readSingleDate(input);
  if (single && single.value !== null) return single;
  return readRange(input) ?? single;
}

function readSingleDate(input: Input): Reading {
  const m = DATE_RE.exec(input.key) ?? WORDY_DATE_RE.exec(input.key);
  if (!m) return null;
  const date = { day: Number(m[1]), month: Number(m[2]), year: expandYear(m[3]) };
  const year = date.year ?? input.planYear;
  if (year === null) return noYear(input.raw, `${displayOf(input.raw)}/2023`);
  if (!isValidCivil(year, date.month, date.day)) {
    return invalidDate(input.raw, date.day, date.month, year);
  }
  return ok(datePeriod(toIso(year, date.month, date.day)));
}

function readRange(input: Input): Reading {
  const m = RANGE_RE.exec(input.key);
  if (!m) return null;
  const second: EndDate = { day: Number(m[4]), month: Number(m[5]), year: expandYear(m[6]) };
  const first: PartialDate = {
    day: Number(m[1]),
    month: m[2] ? Number(m[2]) : null,
    year: expandYear(m[3]),
  };
  // A missing year or month is shared with the other end, as people write "21-26/9/2023".
  const endYear = second.year ?? first.year ?? input.planYear;
  if (endYear === null) return noYear(input.raw, `${displayOf(input.raw)}/2023`);
  const endMonth = second.month;
  if (!isValidCivil(endYear, endMonth, second.day)) {
    return invalidDate(input.raw, second.day, endMonth, endYear);
  }
  const startYear = first.year ?? endYear;
  const startMonth = first.month ?? endMonth;
  if (!isValidCivil(startYear, startMonth, first.day)) {
    return invalidDate(input.raw, first.day, startMonth, startYear);
  }
  const start = toIso(startYear, startMonth, first.day);
  const end = toIso(endYear, endMonth, second.day);
  if (start > end) return reversedRange(input.raw, start, end);
  // "(05/6/1911-05/6/2023)": the 112th anniversary of a day, celebrated on the second date.
  const anniversary = startYear !== endYear && startMonth === endMonth && first.day === second.day;
  if (anniversary) return ok(datePeriod(end));
  return ok({ kind: "range", year: endYear, quarter: null, start, end, eventDate: end });
}

function datePeriod(iso: IsoDate): Period {
  return { kind: "date", year: yearOf(iso), quarter: null, start: iso, end: iso, eventDate: iso };
}

function yearPeriod(year: number): Period {
  return {
    kind: "year",
    year,
    quarter: null,
    start: toIso(year, 1, 1),
    end: toIso(year, 12, 31),
    eventDate: null,
  };
}

/** Two-digit years are this century up to 69 and the last one from 70 (the POSIX pivot). */
function expandYear(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (text.length === 2) return n < 70 ? 2000 + n : 1900 + n;
  return n;
}

function tailYear(fourDigits: string | undefined, twoDigits: string | undefined): number | null {
  return expandYear(fourDigits ?? twoDigits);
}

function isMonth(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 12;
}

function validYear(year: unknown): number | null {
  return typeof year === "number" && Number.isInteger(year) && year >= 1 && year <= 9999
    ? year
    : null;
}

function romanOf(quarter: Quarter): string {
  return ["I", "II", "III", "IV"][quarter - 1] ?? String(quarter);
}

/** The user's text without a list bullet or trailing colon, for building examples. */
function displayOf(raw: string): string {
  return squash(raw)
    .replace(/^[-+*•·]+\s*/, "")
    .replace(/[\s:;,.]+$/, "");
}

/** The value as the user sees it, for quoting back: an Excel date shows as dd/mm/yyyy. */
function shownText(value: unknown): string {
  if (isDateValue(value)) {
    const iso = serialToIso(value.serial);
    return iso === null ? String(value.serial) : vnDate(iso);
  }
  return safeText(value);
}

function safeText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  if (typeof value === "symbol") return value.description ?? "symbol";
  return Array.isArray(value) ? "[…]" : typeof value === "object" ? "{…}" : typeof value;
}

/** Year 0 ("Quý I/0000") has no calendar; any other year than the plan's is worth a warning. */
function withYearCheck(result: PeriodResult, raw: string, planYear: number | null): PeriodResult {
  const v = result.value;
  if (v === null) return result;
  if (!isValidCivil(v.year, 1, 1)) return unreadable(raw);
  if (planYear === null || v.year === planYear) return result;
  const warning = issue("period.other-year", "warning", {
    vi: `Thời gian ${q(clip(raw))} thuộc năm ${v.year}, khác năm kế hoạch ${planYear}. Kiểm tra lại năm (ví dụ "Quý I/${planYear}"); nếu đúng là năm ${v.year} thì bỏ qua cảnh báo này.`,
    en: `The period ${q(clip(raw))} is in ${v.year}, not the plan year ${planYear}. Check the year (e.g. "Quý I/${planYear}"); if ${v.year} is right, ignore this warning.`,
  });
  return { value: v, issues: [...result.issues, warning] };
}

// ---------------------------------------------------------------------------------------------
// Results and messages

function ok(value: Period): PeriodResult {
  return { value, issues: [] };
}

function fail(code: string, text: Bilingual, suggestion: string | null): PeriodResult {
  return { value: null, issues: [issue(code, "error", text, suggestion)] };
}

function emptyCell(): PeriodResult {
  return fail(
    "period.empty",
    {
      vi: `Chưa ghi thời gian thực hiện (ô trống). ${VALID_VI}`,
      en: `The period is empty. ${VALID_EN}`,
    },
    null,
  );
}

function unreadable(raw: string): PeriodResult {
  return fail(
    "period.unreadable",
    {
      vi: `Không đọc được thời gian ${q(clip(raw))}. ${VALID_VI}`,
      en: `Cannot read the period ${q(clip(raw))}. ${VALID_EN}`,
    },
    null,
  );
}

function noYear(raw: string, example: string): PeriodResult {
  return fail(
    "period.no-year",
    {
      vi: `Thời gian ${q(clip(raw))} không ghi năm và chưa biết năm kế hoạch. Hãy ghi thêm năm, ví dụ ${q(example)}, hoặc khai báo năm kế hoạch.`,
      en: `The period ${q(clip(raw))} has no year and the plan year is unknown. Add the year, e.g. ${q(example)}, or set the plan year.`,
    },
    null,
  );
}

function invalidQuarter(raw: string, numeral: string): PeriodResult {
  const fix = QUARTER_TYPOS[numeral];
  const suggestion = fix === undefined ? null : replaceNumeral(raw, numeral, fix);
  const shown = /^\d+$/.test(numeral) ? numeral : numeral.toUpperCase();
  const hintVi = suggestion === null ? "" : ` Có phải là ${q(clip(suggestion))}?`;
  const hintEn = suggestion === null ? "" : ` Did you mean ${q(clip(suggestion))}?`;
  return fail(
    "period.invalid-quarter",
    {
      vi: `Không có quý ${q(shown)} trong ${q(clip(raw))}: một năm chỉ có 4 quý, ghi I, II, III, IV hoặc 1-4 (ví dụ "Quý IV/2023").${hintVi}`,
      en: `There is no quarter ${q(shown)} in ${q(clip(raw))}: a year has 4 quarters, written I, II, III, IV or 1-4 (e.g. "Quý IV/2023").${hintEn}`,
    },
    suggestion,
  );
}

/**
 * The user's text with only the numeral replaced: "- Quý VI/2023:" → "- Quý IV/2023:". The numeral
 * is found as a word of its own first, so the "vi" inside "việc" is never touched.
 */
function replaceNumeral(raw: string, numeral: string, fix: string): string | null {
  const word = new RegExp(String.raw`(?<![\p{L}\p{N}])${numeral}(?![\p{L}\p{N}])`, "iu");
  if (word.test(raw)) return raw.replace(word, fix);
  const glued = new RegExp(String.raw`(?<![ivx])${numeral}(?![ivx\p{L}\p{N}])`, "iu");
  return glued.test(raw) ? raw.replace(glued, fix) : null;
}

function invalidDate(raw: string, day: number, month: number, year: number): PeriodResult {
  const why: Bilingual = isMonth(month)
    ? {
        vi: `tháng ${pad2(month)}/${year} chỉ có ${daysInMonth(year, month)} ngày`,
        en: `${pad2(month)}/${year} has ${daysInMonth(year, month)} days`,
      }
    : { vi: "tháng phải từ 1 đến 12", en: "the month must be 1 to 12" };
  return fail(
    "period.invalid-date",
    {
      vi: `Ngày ${pad2(day)}/${pad2(month)}/${year} trong ${q(clip(raw))} không có thật: ${why.vi}. Nhập ngày dạng dd/mm/yyyy, ví dụ "11/03/2023".`,
      en: `The date ${pad2(day)}/${pad2(month)}/${year} in ${q(clip(raw))} does not exist: ${why.en}. Enter a date as dd/mm/yyyy, e.g. "11/03/2023".`,
    },
    null,
  );
}

function invalidMonths(raw: string): PeriodResult {
  return fail(
    "period.invalid-date",
    {
      vi: `Tháng trong ${q(clip(raw))} không hợp lệ: tháng phải từ 1 đến 12 và tháng đầu không sau tháng cuối (ví dụ "Tháng 1 - 3/2023").`,
      en: `The months in ${q(clip(raw))} are invalid: months run 1 to 12 and the first cannot follow the last (e.g. "Tháng 1 - 3/2023").`,
    },
    null,
  );
}

function reversedRange(raw: string, start: IsoDate, end: IsoDate): PeriodResult {
  const [s, e] = [vnDate(start), vnDate(end)];
  return fail(
    "period.invalid-date",
    {
      vi: `Khoảng thời gian ${q(clip(raw))} bắt đầu (${s}) sau khi kết thúc (${e}). Ghi ngày đầu trước, ví dụ "từ 21/9 đến 26/9/2023".`,
      en: `The range ${q(clip(raw))} starts (${s}) after it ends (${e}). Write the first day first, e.g. "từ 21/9 đến 26/9/2023".`,
    },
    null,
  );
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

function vnDate(iso: IsoDate): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

// ---------------------------------------------------------------------------------------------
// Plan year

const YEAR_MIN = 1990;
const YEAR_MAX = 2100;

/**
 * The plan year the period column implies: the most frequent year among its texts (ties go to the
 * latest, since a plan looks ahead). Texts that do not parse ("Quý VI/2023") still vote with the
 * four-digit years they contain.
 */
export function inferPlanYear(texts: readonly string[]): number | null {
  const votes = new Map<number, number>();
  for (const text of texts) {
    for (const year of yearsIn(text)) votes.set(year, (votes.get(year) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestVotes = 0;
  for (const [year, count] of votes) {
    if (count > bestVotes || (count === bestVotes && best !== null && year > best)) {
      best = year;
      bestVotes = count;
    }
  }
  return best;
}

function yearsIn(text: string): number[] {
  if (typeof text !== "string") return [];
  const parsed = parsePeriod(text, { planYear: null }).value;
  if (parsed !== null) return inPlanRange(parsed.year) ? [parsed.year] : [];
  const found = new Set<number>();
  for (const m of text.matchAll(/(?<!\d)(\d{4})(?!\d)/g)) {
    const year = Number(m[1]);
    if (inPlanRange(year)) found.add(year);
  }
  return [...found];
}

function inPlanRange(year: number): boolean {
  return year >= YEAR_MIN && year <= YEAR_MAX;
}

/**
 * The year of a plan's title: "Kế hoạch ... năm 2023", "KẾ HOẠCH NĂM 2024". Only "năm" with its
 * accent counts: folded, "Nam" would also match "Việt Nam 2023".
 */
export function yearFromTitle(text: string): number | null {
  if (typeof text !== "string") return null;
  const normal = plainPunctuation(squash(text));
  // "năm 2021 - 2025" names a span, not the plan's year.
  for (const m of normal.matchAll(/(?<!\p{L})năm\s*(\d{4})(?!\d)(?!\s*-\s*\d{4})/giu)) {
    const year = Number(m[1]);
    if (inPlanRange(year)) return year;
  }
  return null;
}
