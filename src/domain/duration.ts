/**
 * Durations of broadcast products ("05 phút", "15 giây", "1 giờ 30 phút", "00:05:00"), in minutes.
 *
 * Choices, so every reader of a plan gets the same number:
 * - A plain number, in a cell or as text ("5", 5, "2,5"), is minutes: the plan's unit. Only a cell
 *   Excel itself typed as a time (a date value with serial < 1) is a fraction of a day; a bare
 *   0.5 is half a minute, not twelve hours.
 * - Clock text with three parts is h:mm:ss; with two parts it is mm:ss ("05:00" = 5 minutes),
 *   since products last minutes and seconds, unless an hour word follows ("1:30 giờ").
 * - A range ("10-15 phút") plans for its upper bound and warns.
 * - A bare number after a unit counts the next smaller unit: "1h30" = 90 minutes, "5'30" = 5.5.
 */
import { cellText, isBlank, isDateValue, isErrorValue } from "./cell";
import { issue, q, type Issue, type Lang } from "./diagnostics";
import { clip, fold, plainPunctuation, squash } from "./text";
import { formatVnNumber, NUMBER_TOKEN, readVnNumber } from "./vnNumber";

export interface Duration {
  readonly minutes: number;
  /** Both bounds, in minutes, when the cell gave a range; `minutes` is then the upper bound. */
  readonly rangeMinutes: readonly [number, number] | null;
}

export interface DurationResult {
  value: Duration | null;
  issues: Issue[];
}

const MINUTES_PER_DAY = 24 * 60;

type Unit = "h" | "min" | "s";
const MINUTES_PER: Record<Unit, number> = { h: 60, min: 1, s: 1 / 60 };
const SMALLER: Record<Unit, Unit | null> = { h: "min", min: "s", s: null };
const RANK: Record<Unit, number> = { h: 3, min: 2, s: 1 };

/** Unit words after fold(), longest first so "phut" is not read as "p" + "hut". */
const UNIT_WORDS: ReadonlyArray<readonly [string, Unit]> = [
  ["tieng dong ho", "h"],
  ["tieng", "h"],
  ["gio", "h"],
  ["hours", "h"],
  ["hour", "h"],
  ["hrs", "h"],
  ["hr", "h"],
  ["h", "h"],
  ["g", "h"],
  ["phut", "min"],
  ["minutes", "min"],
  ["minute", "min"],
  ["mins", "min"],
  ["min", "min"],
  ["ph", "min"],
  ["p", "min"],
  ["m", "min"],
  ["'", "min"],
  ["giay", "s"],
  ["seconds", "s"],
  ["second", "s"],
  ["secs", "s"],
  ["sec", "s"],
  ["s", "s"],
  ['"', "s"],
];
const UNIT_OF = new Map(UNIT_WORDS);
const UNIT_ALT = UNIT_WORDS.map(([w]) => w).join("|");

/** "5 phut", "1h", "30" (bare), "1 gio ruoi" (and a half); sticky so components chain. */
const COMPONENT_RE = new RegExp(
  String.raw`\s*(${NUMBER_TOKEN})\s*(?:(${UNIT_ALT})(\s+ruoi)?)?(?![a-z])`,
  "y",
);
const RANGE_SEP_RE = /\s*(?:-|~|den|toi|to)\s*/y;
const PER_ITEM_RE = /\s*\/\s*[a-z ]+$/;
const CLOCK_RE = new RegExp(
  String.raw`^(\d{1,3}):(\d{1,2})(?::(\d{1,2}(?:[.,]\d+)?))?\s*(${UNIT_ALT})?$`,
);
/** Words that may come before the number: "thời lượng 05 phút", "khoảng 5 phút", "từ 10 đến 15". */
const PREFIX_RE =
  /^(?:thoi luong|khoang|chung|tong cong|tong|du kien|moi|toi da|tu|duration|about|approx\.?|approximately|around|up to|max\.?|~|≈|:)\s*/;

export function parseDuration(value: unknown): DurationResult {
  if (isBlank(value)) return { value: null, issues: [] };
  if (isDateValue(value)) return fromTimeFraction(value.serial);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return unreadable(String(value));
    return judge(value, null, String(value));
  }
  if (typeof value !== "string") return unreadable(describe(value));
  const span = readSpan(value);
  if (span === null) return unreadable(value);
  return judge(span.hi, span.isRange ? [span.lo, span.hi] : null, value);
}

/** Excel stores a time as a fraction of a day; a whole serial is a date typed into the column. */
function fromTimeFraction(serial: number): DurationResult {
  if (Number.isFinite(serial) && serial < 1) {
    return judge(serial * MINUTES_PER_DAY, null, formatMinutes(serial * MINUTES_PER_DAY, "vi"));
  }
  return {
    value: null,
    issues: [
      issue("duration.unreadable", "error", {
        vi: `Ô thời lượng chứa một ngày tháng (số seri Excel ${serial}), không phải thời lượng. Hãy ghi số phút, ví dụ "05 phút" hoặc "00:05:00".`,
        en: `The duration cell holds a date (Excel serial ${serial}), not a duration. Write the minutes, e.g. "05 phút" (5 min) or "00:05:00".`,
      }),
    ],
  };
}

function judge(
  rawMinutes: number,
  range: readonly [number, number] | null,
  received: string,
): DurationResult {
  const minutes = roundMinutes(rawMinutes);
  const shown = q(clip(received));
  if (minutes <= 0) {
    return {
      value: null,
      issues: [
        issue("duration.non-positive", "error", {
          vi: `Thời lượng ${shown} phải lớn hơn 0. Hãy ghi thời lượng thật của sản phẩm, ví dụ "05 phút".`,
          en: `The duration ${shown} must be greater than 0. Write the product's real length, e.g. "05 phút" (5 min).`,
        }),
      ],
    };
  }
  const issues: Issue[] = [];
  const rangeMinutes = range ? ([roundMinutes(range[0]), roundMinutes(range[1])] as const) : null;
  if (rangeMinutes) issues.push(rangeWarning(shown, minutes));
  if (minutes > MINUTES_PER_DAY) {
    issues.push(
      issue("duration.too-long", "warning", {
        vi: `Thời lượng ${shown} (${formatMinutes(minutes, "vi")}) dài hơn 24 giờ; hãy kiểm tra đơn vị, ví dụ "05 phút" chứ không phải "05 giờ".`,
        en: `The duration ${shown} (${formatMinutes(minutes, "en")}) is longer than 24 hours; check the unit, e.g. "05 phút" (5 min) rather than "05 giờ" (5 h).`,
      }),
    );
  }
  return { value: { minutes, rangeMinutes }, issues };
}

function rangeWarning(shown: string, upper: number): Issue {
  const vi = formatMinutes(upper, "vi");
  return issue(
    "duration.range",
    "warning",
    {
      vi: `Thời lượng ${shown} là một khoảng; kế hoạch dùng mức cao nhất (${vi}). Hãy ghi một giá trị, ví dụ "${vi}".`,
      en: `The duration ${shown} is a range; the plan uses its upper bound (${formatMinutes(upper, "en")}). Write one value, e.g. "${vi}".`,
    },
    vi,
  );
}

function unreadable(received: string): DurationResult {
  const shown = q(clip(received));
  return {
    value: null,
    issues: [
      issue("duration.unreadable", "error", {
        vi: `Không đọc được thời lượng ${shown}. Thời lượng hợp lệ là số phút hoặc giờ, phút, giây, ví dụ "05 phút", "15 giây", "1 giờ 30 phút" hoặc "00:05:00".`,
        en: `Cannot read the duration ${shown}. A valid duration is a number of minutes, or hours, minutes and seconds, e.g. "05 phút" (5 min), "15 giây" (15 s), "1 giờ 30 phút" (1 h 30 min) or "00:05:00".`,
      }),
    ],
  };
}

function describe(value: unknown): string {
  if (isErrorValue(value)) return value.code;
  return typeof value === "boolean" ? cellText(value) : typeof value;
}

/** Minutes computed from seconds or day fractions carry float noise (0.1 + 0.2); 1e-6 is enough. */
function roundMinutes(m: number): number {
  const r = Math.round(m * 1e6) / 1e6;
  return r === 0 ? 0 : r;
}

interface Span {
  readonly lo: number;
  readonly hi: number;
  readonly isRange: boolean;
}

interface Component {
  readonly n: number;
  readonly unit: Unit | null;
}

/** The text's minutes (a single value has lo = hi), or null when it is not a duration. */
function readSpan(text: string): Span | null {
  const body = cleanText(text);
  const negative = /^-\s*(?=\d)/.exec(body);
  const rest = negative ? body.slice(negative[0].length) : body;
  const sign = negative ? -1 : 1;
  const clock = readClock(rest);
  if (clock !== null) return { lo: sign * clock, hi: sign * clock, isRange: false };

  const left = readComponents(rest, 0);
  if (!left) return null;
  if (left.end === rest.length) {
    const m = toMinutes(left.parts, "min");
    return m === null ? null : { lo: sign * m, hi: sign * m, isRange: false };
  }
  if (negative) return null;
  RANGE_SEP_RE.lastIndex = left.end;
  if (!RANGE_SEP_RE.test(rest)) return null;
  const right = readComponents(rest, RANGE_SEP_RE.lastIndex);
  if (!right || right.end !== rest.length) return null;
  // "10-15 phút": a bare left side takes the unit written on the right.
  const rightUnit = right.parts[0]?.unit ?? "min";
  const a = toMinutes(left.parts, rightUnit);
  const b = toMinutes(right.parts, "min");
  if (a === null || b === null) return null;
  return { lo: Math.min(a, b), hi: Math.max(a, b), isRange: true };
}

/** Folded, with the wrapping the plan document puts around a duration taken off. */
function cleanText(text: string): string {
  let t = fold(plainPunctuation(squash(text))).replace(/''/g, '"');
  const marker = t.lastIndexOf("thoi luong");
  if (marker > 0) t = t.slice(marker);
  t = t.replace(/^[([]+\s*/, "").replace(/[\s)\].;,]+$/, "");
  for (let prev = ""; prev !== t;) {
    prev = t;
    t = t.replace(PREFIX_RE, "");
  }
  return t.replace(PER_ITEM_RE, "");
}

function readClock(text: string): number | null {
  const m = CLOCK_RE.exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const c = m[3] === undefined ? null : readVnNumber(m[3]);
  const unit = m[4] === undefined ? null : UNIT_OF.get(m[4]);
  if (b >= 60 || (c !== null && c >= 60)) return null;
  if (c !== null) return a * 60 + b + c / 60;
  return unit === "h" ? a * 60 + b : a + b / 60;
}

function readComponents(text: string, start: number): { parts: Component[]; end: number } | null {
  const parts: Component[] = [];
  let pos = start;
  for (;;) {
    COMPONENT_RE.lastIndex = pos;
    const m = COMPONENT_RE.exec(text);
    if (!m) break;
    const n = readVnNumber(m[1] ?? "");
    if (n === null) return null;
    const unit = m[2] === undefined ? null : (UNIT_OF.get(m[2]) ?? null);
    parts.push({ n: m[3] ? n + 0.5 : n, unit });
    pos = COMPONENT_RE.lastIndex;
  }
  return parts.length > 0 ? { parts, end: pos } : null;
}

/**
 * Sums "1 giờ 30 phút". Units must get smaller left to right; a bare number takes the next smaller
 * unit after a written one, or `firstUnit` when it comes first. Null for "30 phút 1 giờ".
 */
function toMinutes(parts: readonly Component[], firstUnit: Unit): number | null {
  let total = 0;
  let previous: Unit | null = null;
  for (const part of parts) {
    const unit: Unit | null = part.unit ?? (previous === null ? firstUnit : SMALLER[previous]);
    if (unit === null) return null;
    if (previous !== null && RANK[unit] >= RANK[previous]) return null;
    total += part.n * MINUTES_PER[unit];
    previous = unit;
  }
  return total;
}

/**
 * "1 giờ 30 phút", "5 phút 30 giây", "15 giây" (en: "1 h 30 min", "5 min 30 s", "15 s").
 * parseDuration reads every result back to the same minutes (to the second's hundredth).
 * Hours are not grouped: an English "1,500 h" would read back as 1.5 in Vietnamese.
 */
export function formatMinutes(m: number, lang: Lang): string {
  if (!Number.isFinite(m)) return String(m);
  if (m < 0) return `-${formatMinutes(-m, lang)}`;
  const totalSeconds = Math.round(m * 60 * 100) / 100;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds - hours * 3600) / 60);
  const seconds = Math.round((totalSeconds - hours * 3600 - minutes * 60) * 100) / 100;
  const words =
    lang === "vi" ? { h: "giờ", min: "phút", s: "giây" } : { h: "h", min: "min", s: "s" };
  const num = (n: number): string => formatVnNumber(n, { lang, maxDecimals: 2, group: false });
  const parts: string[] = [];
  if (hours > 0) parts.push(`${num(hours)} ${words.h}`);
  if (minutes > 0) parts.push(`${num(minutes)} ${words.min}`);
  if (seconds > 0) parts.push(`${num(seconds)} ${words.s}`);
  return parts.length > 0 ? parts.join(" ") : `0 ${words.min}`;
}
