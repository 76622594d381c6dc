/**
 * Amounts in đồng as plans write them: 50000000, "50.000.000 đồng", "500.000 đ", "260 triệu đồng",
 * "1,110 tỷ", "1.573,1 tỷ", "1 tỷ 200 triệu", "Không".
 *
 * Choices:
 * - "." groups thousands and "," is the decimal mark ("1,110 tỷ" = 1.110.000.000 đ). A lone comma
 *   followed by three-digit groups is thousands only in a plain đồng amount with no "." and no
 *   scale word ("500,000" = 500.000 đ, pasted from English software): an amount in whole đồng
 *   cannot mean 500.0.
 * - A range ("50.000.000 – 60.000.000", "50 - 60 triệu") budgets its upper bound and warns.
 * - A rate ("300.000 đồng/phút") keeps the rate as `vnd`, sets `perUnit`, and warns: it is not an
 *   amount to add up.
 * - Words after a scale must carry their own scale ("1 tỷ 200 triệu"); "1 tỷ 200" is unreadable
 *   rather than guessed.
 * - Fractions of a đồng after scaling are rounded to the whole đồng.
 */
import { cellText, isBlank, isDateValue, isErrorValue } from "./cell";
import { issue, q, type Issue } from "./diagnostics";
import { clip, fold, plainPunctuation, squash } from "./text";
import { formatVnNumber, readVnNumber, type CommaRole } from "./vnNumber";

export interface Money {
  /** Whole đồng; for a range the upper bound, for a rate the amount per unit. */
  readonly vnd: number;
  /** "phút" for "/phút" rates (the unit as written for other rates), null for an amount. */
  readonly perUnit: string | null;
  /** Both bounds in đồng when the cell gave a range. */
  readonly range: readonly [number, number] | null;
  /** Reserved: an amount is never derived here (rate × duration happens in the budget). */
  readonly derivedFrom?: never;
}

export interface MoneyResult {
  value: Money | null;
  issues: Issue[];
}

const SCALE_WORDS: ReadonlyArray<readonly [string, number]> = [
  ["ty", 1e9],
  ["ti", 1e9],
  ["billions", 1e9],
  ["billion", 1e9],
  ["bn", 1e9],
  ["trieu", 1e6],
  ["tr", 1e6],
  ["millions", 1e6],
  ["million", 1e6],
  ["nghin", 1e3],
  ["ngan", 1e3],
  ["thousands", 1e3],
  ["thousand", 1e3],
  ["k", 1e3],
];
const SCALE_OF = new Map(SCALE_WORDS);
const SCALE_ALT = SCALE_WORDS.map(([w]) => w).join("|");

/** A number ("50.000.000", "1,110", or "50 000 000" grouped by spaces) and its scale word. */
const GROUP_RE = new RegExp(
  String.raw`\s*(\d{1,3}(?: \d{3})+(?![\d.,])|\d+(?:[.,]\d+)*)\s*(${SCALE_ALT})?(?![a-z])`,
  "y",
);
const RANGE_SEP_RE = /\s*(?:-|~|den|toi|to)\s*/y;
const PREFIX_RE =
  /^(?:tong kinh phi|kinh phi|du toan|tong cong|tong|khoang|du kien|toi da|tu|budget|about|approx\.?|around|up to|max\.?|vnd|₫|~|≈|:)\s*/;
const CURRENCY_SUFFIX_RE = /\s*(?:vnd|vn dong|dong|d|₫)\.?$/;
/** "300.000 đồng/phút", "300.000 đ / 1 phút", "300.000 đồng mỗi phút". */
const RATE_RE =
  /^(.*?)\s*(?:\/|\s(?:mỗi|moi|per)\s)\s*(?:1\s+|một\s+|mot\s+)?(\p{L}[\p{L} ]*?)\s*[).]*$/iu;
const ZERO_WORDS = new Set(["khong", "khong co", "none", "nil"]);
const MINUTE_WORDS = new Set(["phut", "p", "ph", "min", "mins", "minute", "minutes"]);

export function parseMoney(value: unknown): MoneyResult {
  if (isBlank(value)) return { value: null, issues: [] };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return unreadable(String(value));
    return judge({ lo: value, hi: value, isRange: false }, null, String(value));
  }
  if (isDateValue(value)) return dateInstead(value.serial);
  if (typeof value !== "string") return unreadable(describe(value));
  // "50.000.000 đồng (Năm mươi triệu đồng chẵn)": the words in brackets repeat or explain it.
  const text = squash(plainPunctuation(value)).replace(/(?<=\S)\s*\([^()]*\)\.?$/, "");
  const rate = RATE_RE.exec(text);
  const amountText = rate ? (rate[1] ?? "") : text;
  const perUnit = rate ? unitName(rate[2] ?? "") : null;
  const span = readSpan(amountText);
  return span === null ? unreadable(value) : judge(span, perUnit, value);
}

function unitName(raw: string): string {
  const written = squash(raw).toLowerCase();
  return MINUTE_WORDS.has(fold(written)) ? "phút" : written;
}

interface Span {
  readonly lo: number;
  readonly hi: number;
  readonly isRange: boolean;
}

function judge(span: Span, perUnit: string | null, received: string): MoneyResult {
  const shown = q(clip(received));
  if (span.lo < 0 || span.hi < 0) {
    return fail("money.negative", {
      vi: `Số tiền ${shown} là số âm. Kinh phí phải từ 0 đồng trở lên, ví dụ "15.000.000" hoặc "15 triệu đồng".`,
      en: `The amount ${shown} is negative. An amount must be 0 đồng or more, e.g. "15.000.000" or "15 triệu đồng" (15,000,000 VND).`,
    });
  }
  const lo = wholeDong(span.lo);
  const hi = wholeDong(span.hi);
  const issues: Issue[] = [];
  if (span.isRange) issues.push(rangeWarning(shown, hi));
  if (perUnit !== null) issues.push(rateWarning(shown, hi, perUnit));
  return { value: { vnd: hi, perUnit, range: span.isRange ? [lo, hi] : null }, issues };
}

/** Math.round leaves -0 for tiny negatives and "-0"; a budget of "-0 đ" would look like an error. */
function wholeDong(n: number): number {
  const r = Math.round(n);
  return r === 0 ? 0 : r;
}

function rangeWarning(shown: string, upper: number): Issue {
  return issue(
    "money.range",
    "warning",
    {
      vi: `Số tiền ${shown} là một khoảng; kế hoạch dùng mức cao nhất (${formatVnd(upper)}). Hãy ghi một số tiền, ví dụ "${formatVnd(upper)}".`,
      en: `The amount ${shown} is a range; the plan uses its upper bound (${formatVndEn(upper)}). Write one amount, e.g. "${formatVnd(upper)}".`,
    },
    formatVnd(upper),
  );
}

function rateWarning(shown: string, rate: number, perUnit: string): Issue {
  const unitEn = perUnit === "phút" ? "minute" : perUnit;
  return issue("money.rate", "warning", {
    vi: `${shown} là đơn giá theo ${perUnit} (${formatVnd(rate)}/${perUnit}), không phải tổng kinh phí. Hãy ghi tổng số tiền, ví dụ "15.000.000 đồng", hoặc ghi đơn giá vào trang cài đặt.`,
    en: `${shown} is a rate per ${unitEn} (${formatVndEn(rate)}/${unitEn}), not an amount. Write the total, e.g. "15.000.000 đồng" (15,000,000 VND), or put the rate in the settings sheet.`,
  });
}

function unreadable(received: string): MoneyResult {
  const shown = q(clip(received));
  return fail("money.unreadable", {
    vi: `Không đọc được số tiền ${shown}. Hãy ghi số đồng với dấu chấm phân cách hàng nghìn, ví dụ "15.000.000", "15.000.000 đồng", "15 triệu" hoặc "1,2 tỷ".`,
    en: `Cannot read the amount ${shown}. Write đồng with dots between thousands, e.g. "15.000.000", "15.000.000 đồng", "15 triệu" (15 million) or "1,2 tỷ" (1.2 billion).`,
  });
}

function dateInstead(serial: number): MoneyResult {
  return fail("money.unreadable", {
    vi: `Ô số tiền chứa một ngày tháng (số seri Excel ${serial}), không phải số tiền. Hãy ghi số đồng, ví dụ "15.000.000".`,
    en: `The amount cell holds a date (Excel serial ${serial}), not an amount. Write đồng, e.g. "15.000.000".`,
  });
}

function fail(code: string, text: { vi: string; en: string }): MoneyResult {
  return { value: null, issues: [issue(code, "error", text)] };
}

function describe(value: unknown): string {
  if (isErrorValue(value)) return value.code;
  return typeof value === "boolean" ? cellText(value) : typeof value;
}

/** The amount (or range) in a text with the rate already cut off; null when not an amount. */
function readSpan(text: string): Span | null {
  const body = cleanText(text);
  if (ZERO_WORDS.has(body)) return { lo: 0, hi: 0, isRange: false };
  const negative = /^-\s*(?=\d)/.exec(body);
  const rest = negative ? body.slice(negative[0].length) : body;

  const left = readGroups(rest, 0);
  if (!left) return null;
  if (left.end === rest.length) {
    const n = evaluate(left.groups, null);
    if (n === null) return null;
    return negative ? { lo: -n, hi: -n, isRange: false } : { lo: n, hi: n, isRange: false };
  }
  if (negative) return null;
  RANGE_SEP_RE.lastIndex = left.end;
  if (!RANGE_SEP_RE.test(rest)) return null;
  const right = readGroups(rest, RANGE_SEP_RE.lastIndex);
  if (!right || right.end !== rest.length) return null;
  // "50 - 60 triệu": a bare left side takes the scale written on the right.
  const a = evaluate(left.groups, right.groups[0]?.scale ?? null);
  const b = evaluate(right.groups, null);
  if (a === null || b === null) return null;
  return { lo: Math.min(a, b), hi: Math.max(a, b), isRange: true };
}

/** Folded, without the currency, lead-in words and explanations around the number. */
function cleanText(text: string): string {
  let t = fold(text);
  if (/^\(.*\)$/.test(t) || (t.startsWith("(") && !t.includes(")"))) t = t.replace(/^\(|\)$/g, "");
  t = t.replace(/[\s.;,]+$/, "").trim();
  for (let prev = ""; prev !== t;) {
    prev = t;
    t = t.replace(PREFIX_RE, "");
  }
  return t
    .replace(/\s*chan$/, "")
    .replace(CURRENCY_SUFFIX_RE, "")
    .trim();
}

interface Group {
  readonly token: string;
  readonly scale: number | null;
}

function readGroups(text: string, start: number): { groups: Group[]; end: number } | null {
  const groups: Group[] = [];
  let pos = start;
  for (;;) {
    GROUP_RE.lastIndex = pos;
    const m = GROUP_RE.exec(text);
    if (!m) break;
    const scale = m[2] === undefined ? null : (SCALE_OF.get(m[2]) ?? null);
    groups.push({ token: m[1] ?? "", scale });
    pos = GROUP_RE.lastIndex;
  }
  return groups.length > 0 ? { groups, end: pos } : null;
}

/**
 * "1 tỷ 200 triệu" → 1.200.000.000. Several groups must each name a scale, largest first; a lone
 * bare number is đồng (or `defaultScale`, inherited across a range).
 */
function evaluate(groups: readonly Group[], defaultScale: number | null): number | null {
  const [only] = groups;
  if (groups.length === 1 && only && only.scale === null) {
    const comma: CommaRole = defaultScale === null ? "thousands-if-grouped" : "decimal";
    const n = readVnNumber(only.token.replace(/ /g, ""), comma);
    return n === null ? null : n * (defaultScale ?? 1);
  }
  let total = 0;
  let previous = Infinity;
  for (const g of groups) {
    if (g.scale === null || g.scale >= previous) return null;
    const n = readVnNumber(g.token.replace(/ /g, ""), "decimal");
    if (n === null) return null;
    total += n * g.scale;
    previous = g.scale;
  }
  return total;
}

/** 15000000 → "15.000.000 đ": whole đồng, dot thousands, "-" for negatives. */
export function formatVnd(n: number): string {
  return `${formatVnNumber(Math.round(n), { lang: "vi" })} đ`;
}

/** 15000000 → "15,000,000 VND", for English messages and exports. */
export function formatVndEn(n: number): string {
  return `${formatVnNumber(Math.round(n), { lang: "en" })} VND`;
}
