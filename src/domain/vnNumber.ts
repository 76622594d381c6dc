/**
 * Numbers as Vietnamese documents write them: "." groups thousands and "," is the decimal mark
 * ("1.573,1" is one thousand five hundred seventy-three point one). Shared by the duration, count
 * and money parsers so that every field reads "2,5" the same way.
 */
import type { Lang } from "./diagnostics";

/**
 * What a lone comma followed by three digits means ("500,000", "1,110"). In Vietnamese it is a
 * decimal mark, but amounts pasted from English software use it for thousands; only the caller
 * knows which reading makes sense (a whole-đồng amount cannot be 500.0).
 */
export type CommaRole = "decimal" | "thousands-if-grouped";

/** One number token as the parsers cut it out of a text: digits with "." or "," between them. */
export const NUMBER_TOKEN = String.raw`\d+(?:[.,]\d+)*`;

const NUMBER_RE = new RegExp(String.raw`^([+-]?)\s*(${NUMBER_TOKEN})$`);
const LEADING_GROUP_RE = /^[1-9]\d{0,2}$/;
const GROUP_RE = /^\d{3}$/;

/**
 * Reads exactly one number ("5", "05", "2,5", "50.000.000", "1.573,1", "-3"), or null when the
 * text is anything else. Rules, in order:
 * - both "." and ",": the last one is the decimal mark, the other must group by threes
 *   ("1.573,1"; the English "1,573.1" is read too, as people paste from English Excel);
 * - one kind repeated ("50.000.000", "1,000,000"): thousands, and the groups must be threes;
 * - a single "." followed by exactly three digits is thousands ("1.500" = 1500), as Vietnamese
 *   writes it; any other single "." can only be a decimal point ("1.5");
 * - a single ",": decimal, unless `comma` allows the English thousands reading.
 */
export function readVnNumber(text: string, comma: CommaRole = "decimal"): number | null {
  const m = NUMBER_RE.exec(text.trim());
  if (!m) return null;
  const plain = toPlainDecimal(m[2] ?? "", comma);
  if (plain === null) return null;
  const n = Number(plain);
  if (!Number.isFinite(n)) return null;
  return m[1] === "-" ? -n : n;
}

/** "1.573,1" → "1573.1": the form Number() reads, or null when the grouping is malformed. */
function toPlainDecimal(token: string, comma: CommaRole): string | null {
  const hasDot = token.includes(".");
  const hasComma = token.includes(",");
  if (!hasDot && !hasComma) return token;
  if (hasDot && hasComma) {
    const mark = token.lastIndexOf(",") > token.lastIndexOf(".") ? "," : ".";
    const grouping = mark === "," ? "." : ",";
    const parts = token.split(mark);
    if (parts.length !== 2) return null;
    const [whole = "", fraction = ""] = parts;
    if (!isGrouped(whole, grouping)) return null;
    return `${whole.split(grouping).join("")}.${fraction}`;
  }
  const sep = hasDot ? "." : ",";
  const parts = token.split(sep);
  if (parts.length > 2) return isGrouped(token, sep) ? parts.join("") : null;
  const [whole = "", fraction = ""] = parts;
  const looksGrouped = LEADING_GROUP_RE.test(whole) && GROUP_RE.test(fraction);
  const thousands = sep === "." ? looksGrouped : comma === "thousands-if-grouped" && looksGrouped;
  return thousands ? whole + fraction : `${whole}.${fraction}`;
}

/** "50.000.000" with sep "." — groups of three after a first group of one to three digits. */
function isGrouped(digits: string, sep: string): boolean {
  const parts = digits.split(sep);
  if (parts.length === 1) return true;
  const [first = "", ...rest] = parts;
  return LEADING_GROUP_RE.test(first) && rest.every((g) => GROUP_RE.test(g));
}

export interface NumberFormat {
  /** "vi": 1.573,1 — "en": 1,573.1. */
  readonly lang?: Lang;
  /** Decimals kept at most; trailing zeros are dropped. */
  readonly maxDecimals?: number;
  /** Thousands separators; off where a grouped "1,500" could be misread as a decimal. */
  readonly group?: boolean;
}

/**
 * Writes a number the way the same language would read it back: vi "15.000.000" and "2,5",
 * en "15,000,000" and "2.5". Does not use toLocaleString: Node builds without full ICU format
 * "vi-VN" differently, and the tracker must print the same everywhere.
 */
export function formatVnNumber(n: number, format: NumberFormat = {}): string {
  if (!Number.isFinite(n)) return String(n);
  const { lang = "vi", maxDecimals = 0, group = true } = format;
  const abs = Math.abs(n);
  // toFixed switches to exponent notation from 1e21; such doubles are whole numbers anyway.
  const fixed = abs < 1e21 ? abs.toFixed(maxDecimals) : BigInt(abs).toString();
  const [whole = "0", rawFraction = ""] = fixed.split(".");
  const fraction = rawFraction.replace(/0+$/, "");
  const [groupSep, decimalMark] = lang === "vi" ? [".", ","] : [",", "."];
  const grouped = group ? groupThousands(whole, groupSep) : whole;
  const sign = n < 0 && (/[1-9]/.test(whole) || fraction !== "") ? "-" : "";
  return `${sign}${grouped}${fraction ? decimalMark + fraction : ""}`;
}

function groupThousands(digits: string, sep: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, sep);
}
