/**
 * An amount in words ("Bằng chữ") as Vietnamese finance documents write it under a total:
 * 15000000 → "Mười lăm triệu đồng", 1005000 → "Một triệu không trăm linh năm nghìn đồng".
 *
 * Conventions (chosen for administrative documents, not read from a library: the MIT
 * read-vietnamese-number defaults to "lẻ", "tỉ" and "tư", and vn-num2words is ISC):
 * - "linh" for a zero tens digit before a unit ("một trăm linh năm");
 * - "mốt" for 1 after "mươi" (21, 31 …, but "mười một"); "lăm" for 5 after a tens digit (15, 25);
 *   4 is always "bốn";
 * - a group after a higher non-zero group is read in full ("không trăm linh năm nghìn");
 *   all-zero groups are left out;
 * - "tỷ" (with y); above a thousand billion the thousands of "tỷ" are read as one number
 *   ("một nghìn không trăm linh năm tỷ").
 */

/** The largest amount read: just under a million "tỷ" (fits exactly in a double). */
export const MAX_AMOUNT_IN_WORDS = 999_999_999_999_999;

const DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"] as const;

const BILLION = 1_000_000_000;

/**
 * The amount in words, capitalised, ending in " đồng". Callers round to whole đồng first: a
 * negative, fractional, non-finite or too large amount throws a RangeError saying what is valid,
 * because a wrong "Bằng chữ" on a signed document is worse than none.
 */
export function amountInWords(amount: number): string {
  if (!Number.isInteger(amount) || amount < 0 || amount > MAX_AMOUNT_IN_WORDS) {
    throw new RangeError(
      `Số tiền ${String(amount)} không đọc được thành chữ: cần số nguyên đồng từ 0 đến ` +
        `${String(MAX_AMOUNT_IN_WORDS)} (hãy làm tròn trước). / Amount ${String(amount)} ` +
        `cannot be written in words: a whole number of đồng from 0 to ` +
        `${String(MAX_AMOUNT_IN_WORDS)} is required (round it first).`,
    );
  }
  const words = amount === 0 ? "không" : readWhole(amount);
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} đồng`;
}

/** 1 ≤ n ≤ MAX: the "tỷ" part (itself below a million) and the rest below a billion. */
function readWhole(n: number): string {
  const billions = Math.floor(n / BILLION);
  const rest = n % BILLION;
  const parts: string[] = [];
  if (billions > 0) parts.push(readBelowBillion(billions, false), "tỷ");
  if (rest > 0) parts.push(readBelowBillion(rest, billions > 0));
  return parts.join(" ");
}

/** 1 ≤ n < 1e9 in groups of three; `higher` says a higher group was already read. */
function readBelowBillion(n: number, higher: boolean): string {
  const groups: ReadonlyArray<readonly [number, string]> = [
    [Math.floor(n / 1_000_000), "triệu"],
    [Math.floor(n / 1000) % 1000, "nghìn"],
    [n % 1000, ""],
  ];
  const parts: string[] = [];
  let before = higher;
  for (const [value, unit] of groups) {
    if (value === 0) continue;
    parts.push(readGroup(value, before));
    if (unit) parts.push(unit);
    before = true;
  }
  return parts.join(" ");
}

/** 1 ≤ g ≤ 999; `full` reads the hundreds even when zero ("không trăm …"). */
function readGroup(g: number, full: boolean): string {
  const h = Math.floor(g / 100);
  const t = Math.floor(g / 10) % 10;
  const u = g % 10;
  const parts: string[] = [];
  const withHundreds = full || h > 0;
  if (withHundreds) parts.push(DIGITS[h] ?? "", "trăm");
  if (t === 0) {
    if (u > 0) {
      if (withHundreds) parts.push("linh");
      parts.push(DIGITS[u] ?? "");
    }
  } else {
    parts.push(t === 1 ? "mười" : `${DIGITS[t] ?? ""} mươi`);
    if (u === 5) parts.push("lăm");
    else if (u === 1 && t > 1) parts.push("mốt");
    else if (u > 0) parts.push(DIGITS[u] ?? "");
  }
  return parts.join(" ");
}
