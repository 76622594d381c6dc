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
 * - A bare number after a unit counts the next smaller unit: "1 giờ 30" = 90 minutes, "5'30" = 5.5.
 * - Compact "HhMM" ("6h30", "19h45’", "5h00") is how Vietnamese writes a clock time, so the
 *   broadcast slot often lands in this column. See readClockLike for the rule.
 * - Words before the length are context ("thời lượng mỗi chương trình 20 phút") when what follows
 *   is a length with its unit written; a bare number after words is not read.
 * - A total with its parts ("40”=(30+10)") is the total; parts that do not add up are flagged.
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
  const body = cleanText(value);
  const clockLike = readClockLike(body);
  if (clockLike !== null) return fromClockLike(clockLike, value);
  const sum = readSum(body);
  if (sum !== null) return fromSum(sum, value);
  let span = readSpan(body);
  const rest = span === null ? afterWords(body) : null;
  if (rest !== null) {
    const clockAfterWords = readClockLike(rest);
    if (clockAfterWords !== null) return fromClockLike(clockAfterWords, value);
    span = readSpanAfterWords(rest);
  }
  if (span === null) {
    // "19h45 hằng ngày", "05 phút, phát 19h45": a slot somewhere in text that is no length.
    const slot = CLOCK_INSIDE_RE.exec(body);
    const clock = slot ? readClockLike(slot[0]) : null;
    return clock ? fromClockLike({ times: clock.times, inside: true }, value) : unreadable(value);
  }
  return judge(span.hi, span.isRange ? [span.lo, span.hi] : null, value);
}

// ---------------------------------------------------------------------------------------------
// Clock times in the duration column

/** "6h30", "19h45’", "5h00 phút", "1g30": digits, h or g, two digits, no space, maybe a minute mark. */
const CLOCK_LIKE_SRC = String.raw`(\d{1,2})[hg](\d{2})(?:\s*('|phut|ph|p))?`;
const CLOCK_LIKE_RE = new RegExp(
  String.raw`^${CLOCK_LIKE_SRC}(?:\s*(?:-|~|den|toi)\s*${CLOCK_LIKE_SRC})?$`,
);
/**
 * The longest product a plan writes as compact "HhMM": galas and live events run up to about three
 * hours, while a slot at 4:00 or later is the normal broadcast day.
 */
const MAX_COMPACT_LENGTH_HOURS = 3;

/** A compact clock time among other words, read only when the text is no length. */
const CLOCK_INSIDE_RE = /(?<![\d.,:])\d{1,2}[hg]\d{2}(?![\d.,:])/;

interface ClockLike {
  /** Found among other words: the cell is not a length whatever the hour. */
  readonly inside?: boolean;
  readonly times: ReadonlyArray<{
    readonly h: number;
    readonly mm: number;
    readonly marked: boolean;
  }>;
}

/**
 * The rule for compact "HhMM" (hours 0-23, minutes 00-59):
 * - any hour from 4 up ("5h00’", "6h30", "21h15", "(6h30’)", "19h45’") is a broadcast slot: the
 *   cell has no length, and it is an error, never 5, 6.5 or 21.25 hours;
 * - an hour of 0-3 with a minute mark ("1h30'", "1h30 phút") is a length: the mark names minutes;
 * - an hour of 0-3 without a mark ("1h30", "2h15") is either: it is read as the length (the
 *   column's job) with a warning that names the slot it could be.
 * "2h", "1 giờ 30" and "1h 30 phút" are not compact clock times and read as lengths.
 */
function readClockLike(body: string): ClockLike | null {
  const m = CLOCK_LIKE_RE.exec(body);
  if (!m) return null;
  const times = [];
  for (const at of m[4] === undefined ? [1] : [1, 4]) {
    const h = Number(m[at]);
    const mm = Number(m[at + 1]);
    if (h > 23 || mm > 59) return null;
    times.push({ h, mm, marked: m[at + 2] !== undefined });
  }
  return { times };
}

function fromClockLike(clock: ClockLike, received: string): DurationResult {
  const shown = q(clip(received));
  const slot = clock.times.map(({ h, mm }) => `${pad2(h)}:${pad2(mm)}`).join(" - ");
  const [first] = clock.times;
  const isSlot =
    clock.inside === true ||
    clock.times.length > 1 ||
    clock.times.some((t) => t.h > MAX_COMPACT_LENGTH_HOURS);
  if (isSlot || first === undefined) {
    return {
      value: null,
      issues: [
        issue("duration.time-slot", "error", {
          vi: `Ô thời lượng ${shown} trông như khung giờ phát sóng (${slot}), không phải độ dài sản phẩm. Hãy ghi giờ phát sóng ở cột khác và ghi thời lượng, ví dụ "05 phút", "30 giây" hoặc "1 giờ 30 phút".`,
          en: `The duration ${shown} looks like a broadcast time (khung giờ phát sóng, ${slot}), not a length. Put the time in another column and write the length, e.g. "05 phút" (5 min), "30 giây" (30 s) or "1 giờ 30 phút" (1 h 30 min).`,
        }),
      ],
    };
  }
  const minutes = first.h * 60 + first.mm;
  const result = judge(minutes, null, received);
  if (first.marked || result.value === null) return result;
  const vi = formatMinutes(minutes, "vi");
  const warning = issue(
    "duration.maybe-time-slot",
    "warning",
    {
      vi: `Thời lượng ${shown} được đọc là ${vi}, nhưng cũng có thể là giờ phát sóng ${slot}. Nếu là thời lượng, hãy ghi rõ "${vi}"; nếu là giờ phát sóng, hãy ghi ở cột khác.`,
      en: `The duration ${shown} is read as ${formatMinutes(minutes, "en")}, but it could also be the broadcast time ${slot}. If it is the length, write "${vi}"; if it is the time, put it in another column.`,
    },
    vi,
  );
  return { value: result.value, issues: [...result.issues, warning] };
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

// ---------------------------------------------------------------------------------------------
// A total with its parts: "40”=(30+10)"

/** "40"=(30+10)", "40 giây = 30 giây + 10 giây"; cleanText has already taken the last ")" off. */
const SUM_RE = /^([^=]+?)\s*=\s*\(?\s*([^=()]+\+[^=()]+?)\s*\)?$/;

interface Sum {
  readonly total: Span;
  /** The parts added up, in minutes; a bare part is in the total's smallest unit. */
  readonly parts: number;
}

function readSum(body: string): Sum | null {
  const m = SUM_RE.exec(body);
  if (!m) return null;
  const left = readComponents(m[1] ?? "", 0);
  const total = readSpan(m[1] ?? "");
  if (!left || total === null || total.isRange) return null;
  const unit = left.parts[left.parts.length - 1]?.unit ?? "min";
  let parts = 0;
  for (const term of (m[2] ?? "").split("+")) {
    const read = readComponents(term.trim(), 0);
    if (!read || read.end !== term.trim().length) return null;
    const minutes = toMinutes(read.parts, unit);
    if (minutes === null) return null;
    parts += minutes;
  }
  return { total, parts };
}

/** The written total is what the plan states; parts that disagree are shown, not silently used. */
function fromSum(sum: Sum, received: string): DurationResult {
  const result = judge(sum.total.hi, null, received);
  if (result.value === null || roundMinutes(sum.parts) === result.value.minutes) return result;
  const shown = q(clip(received));
  const [totalVi, partsVi] = [
    formatMinutes(result.value.minutes, "vi"),
    formatMinutes(sum.parts, "vi"),
  ];
  const [totalEn, partsEn] = [
    formatMinutes(result.value.minutes, "en"),
    formatMinutes(sum.parts, "en"),
  ];
  const mismatch = issue(
    "duration.sum-mismatch",
    "warning",
    {
      vi: `Thời lượng ${shown}: tổng ghi là ${totalVi} nhưng các phần cộng lại là ${partsVi}. Kế hoạch dùng tổng đã ghi; hãy sửa lại cho khớp, ví dụ "${partsVi}".`,
      en: `The duration ${shown} states ${totalEn} but its parts add up to ${partsEn}. The plan uses the stated total; make them agree, e.g. "${partsVi}".`,
    },
    partsVi,
  );
  return { value: result.value, issues: [...result.issues, mismatch] };
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

/** The cleaned text's minutes (a single value has lo = hi), or null when it is not a duration. */
function readSpan(body: string): Span | null {
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

/**
 * "mỗi chương trình 20 phút", "phát sóng lúc 19h45": the text after the leading words, when it
 * starts with a number. Null when no words come first.
 */
function afterWords(body: string): string | null {
  const m = /^[a-z][a-z ]*?(?:\s*:\s*|\s+)(?=\d)/.exec(body);
  return m ? body.slice(m[0].length) : null;
}

/** A length after words must carry its unit: a bare number after words ("tập 2") is a label. */
function readSpanAfterWords(rest: string): Span | null {
  const first = readComponents(rest, 0);
  if (!first || first.parts[0]?.unit == null) return null;
  return readSpan(rest);
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
