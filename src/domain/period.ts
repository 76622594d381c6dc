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
const HALF_RE = new RegExp(
  String.raw`^(?:(?:0?6|sau)\s*thang|nua)\s+(dau|cuoi)\s+nam(?:${YEAR_TAIL})?$`,
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
  const readers = [readQuarter, readHalf, readYear, readMonths, readMonth, readDateOrRange];
  for (const read of readers) {
    const reading = read(input);
    if (reading) return reading;
  }
  return unreadable(raw);
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

function readHalf(input: Input): Reading {
  const m = HALF_RE.exec(input.key);
  if (!m) return null;
  const year = tailYear(m[2], m[3]) ?? input.planYear;
  if (year === null) return noYear(input.raw, `${displayOf(input.raw)} 2023`);
  const first = m[1] === "dau";
  return ok({
    kind: "half",
    year,
    quarter: null,
    start: toIso(year, first ? 1 : 7, 1),
    end: first ? monthEnd(year, 6) : monthEnd(year, 12),
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
