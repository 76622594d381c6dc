/**
 * How many products an item plans, and of which type: "01 phóng sự", "02 tin, bài",
 * "(01 phóng sự, thời lượng 05 phút)". Types are matched to a short canonical list so budgets and
 * rates per type add up, but a type nobody listed is kept as written: it is never an error.
 */
import { cellText, isBlank, isDateValue, isErrorValue } from "./cell";
import { issue, q, type Issue } from "./diagnostics";
import { clip, fold, plainPunctuation, squash } from "./text";
import { NUMBER_TOKEN, readVnNumber } from "./vnNumber";

export const PRODUCT_TYPES = [
  "phóng sự",
  "tin",
  "bài",
  "chuyên mục",
  "ký sự",
  "phim tài liệu",
  "tọa đàm",
  "tiểu phẩm",
  "spot",
] as const;

export type ProductType = (typeof PRODUCT_TYPES)[number];

export const PRODUCT_TYPE_EN: Readonly<Record<ProductType, string>> = {
  "phóng sự": "report",
  tin: "news item",
  bài: "article",
  "chuyên mục": "feature column",
  "ký sự": "chronicle",
  "phim tài liệu": "documentary film",
  "tọa đàm": "talk show",
  "tiểu phẩm": "sketch",
  spot: "spot",
};

/**
 * Spellings seen in plans, after fold() (so "Phóng sự", "PHÓNG SỰ" and "phong su" are one key, and
 * "tọa đàm" / "toạ đàm" with either tone placement too). "tin, bài" is the stock phrase for news
 * pieces in general; it counts as "tin", the closest single type.
 */
const TYPE_VARIANTS: Readonly<Record<ProductType, readonly string[]>> = {
  "phóng sự": ["phong su", "ps", "phong su truyen hinh", "report", "reports", "news report"],
  tin: ["tin", "tin bai", "tin tuc", "news", "news item", "news items"],
  bài: ["bai", "bai viet", "bai bao", "article", "articles"],
  "chuyên mục": ["chuyen muc", "column", "feature", "feature column"],
  "ký sự": ["ky su", "ki su", "chronicle"],
  "phim tài liệu": ["phim tai lieu", "ptl", "documentary", "documentary film"],
  "tọa đàm": ["toa dam", "talk show", "talkshow", "panel discussion"],
  "tiểu phẩm": ["tieu pham", "sketch", "skit"],
  spot: ["spot", "tvc", "spot quang cao"],
};

const TYPE_BY_KEY = new Map<string, ProductType>(
  PRODUCT_TYPES.flatMap((t) => TYPE_VARIANTS[t].map((v) => [v, t] as const)),
);

/** Folded, with punctuation between words ("tin, bài", "tin-bài") reduced to spaces. */
function typeKey(text: string): string {
  return fold(plainPunctuation(text))
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The canonical type for a known spelling, else the text as written (squashed); null if blank. */
export function normalizeType(value: unknown): string | null {
  if (isBlank(value) || isErrorValue(value)) return null;
  const text = squash(cellText(value));
  if (text === "") return null;
  return knownType(text) ?? text;
}

function knownType(text: string): ProductType | null {
  return TYPE_BY_KEY.get(typeKey(text)) ?? null;
}

export interface CountResult {
  value: number | null;
  issues: Issue[];
}

/** Number words clerks sometimes write instead of digits ("một phóng sự"), folded. */
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ["mot", 1],
  ["hai", 2],
  ["ba", 3],
  ["bon", 4],
  ["tu", 4],
  ["nam", 5],
  ["sau", 6],
  ["bay", 7],
  ["tam", 8],
  ["chin", 9],
  ["muoi", 10],
]);

const LEADING_NUMBER_RE = new RegExp(String.raw`^([+-]?\s*${NUMBER_TOKEN})(.*)$`, "u");

/**
 * A positive whole count: 1, "1", "01", "01 phóng sự", "02 tin, bài", "hai phóng sự". Text after
 * the number is taken as the product type and not checked here.
 */
export function parseCount(value: unknown): CountResult {
  if (isBlank(value)) return { value: null, issues: [] };
  if (typeof value === "number") {
    return Number.isFinite(value) ? judgeCount(value, String(value)) : unreadable(String(value));
  }
  if (typeof value !== "string") return unreadable(describe(value));
  const n = leadingCount(value);
  return n === null ? unreadable(value) : judgeCount(n, value);
}

function leadingCount(text: string): number | null {
  const t = squash(plainPunctuation(text))
    .replace(/^\(+\s*/, "")
    .replace(/^(?:số lượng|so luong|sl)\s*:?\s*/iu, "");
  const m = LEADING_NUMBER_RE.exec(t);
  if (m) {
    const rest = (m[2] ?? "").trim();
    // "2-3" or "2 3" are not one count; "01 phóng sự", "02 tin, bài" and "1." are.
    if (rest !== "" && !/^[\p{L}(,;.)]/u.test(rest)) return null;
    return readVnNumber((m[1] ?? "").replace(/\s+/g, ""));
  }
  // "năm 2023" is a year, not five: a number word counts only before words or nothing.
  const [first = "", next] = fold(t).split(" ");
  if (next !== undefined && !/^[a-z(]/.test(next)) return null;
  return NUMBER_WORDS.get(first) ?? null;
}

function judgeCount(n: number, received: string): CountResult {
  const shown = q(clip(received));
  if (n <= 0) {
    return fail("count.non-positive", {
      vi: `Số lượng ${shown} phải lớn hơn 0. Số lượng hợp lệ là số nguyên dương, ví dụ "1" hoặc "01 phóng sự".`,
      en: `The count ${shown} must be greater than 0. A valid count is a positive whole number, e.g. "1" or "01 phóng sự" (1 report).`,
    });
  }
  if (!Number.isInteger(n)) {
    return fail("count.not-integer", {
      vi: `Số lượng ${shown} không phải số nguyên. Số lượng hợp lệ là số nguyên dương, ví dụ "1" hoặc "01 phóng sự".`,
      en: `The count ${shown} is not a whole number. A valid count is a positive whole number, e.g. "1" or "01 phóng sự" (1 report).`,
    });
  }
  return { value: n, issues: [] };
}

function unreadable(received: string): CountResult {
  const shown = q(clip(received));
  return fail("count.unreadable", {
    vi: `Không đọc được số lượng ${shown}. Số lượng hợp lệ là số nguyên dương, có thể kèm loại sản phẩm, ví dụ "1", "01 phóng sự" hoặc "02 tin".`,
    en: `Cannot read the count ${shown}. A valid count is a positive whole number, optionally with the product type, e.g. "1", "01 phóng sự" (1 report) or "02 tin" (2 news items).`,
  });
}

function fail(code: string, text: { vi: string; en: string }): CountResult {
  return { value: null, issues: [issue(code, "error", text)] };
}

function describe(value: unknown): string {
  if (isErrorValue(value)) return value.code;
  if (isDateValue(value)) return String(value.serial);
  return typeof value === "boolean" ? cellText(value) : typeof value;
}

export interface CountAndType {
  readonly count: number | null;
  readonly type: string | null;
}

/** "01 phóng sự" inside any text: digits, then a run of words (letters and spaces). */
const COUNTED_PHRASE_RE = /(?:^|[\s(,;:])(\d{1,4})\s+(\p{L}+(?:\s+\p{L}+)*)/gu;

/**
 * Count and product type from the plan document's wording: "(01 phóng sự, thời lượng 05 phút)",
 * "01 phóng sự thời lượng 05 phút", "02 tin", "01 chuyên mục", or a whole schedule line ending
 * in such a parenthesis. A known type anywhere wins over a leading count of something else
 * ("08 năm Ngày thành lập …"); an unknown type is returned only when the text starts with it.
 * The count is null when absent or not positive.
 */
export function parseCountAndType(text: string): CountAndType {
  const t = squash(plainPunctuation(text));
  const phrases = [...t.matchAll(COUNTED_PHRASE_RE)].map((m) => ({
    count: positive(Number(m[1])),
    words: beforeDuration(m[2] ?? ""),
  }));
  for (const p of phrases) {
    const type = longestKnownPrefix(p.words);
    if (type !== null) return { count: p.count, type };
  }
  const leading = phrases[0];
  if (leading && /^\(?\s*\d/.test(t) && leading.words.length > 0) {
    return { count: leading.count, type: leading.words.join(" ") };
  }
  const alone = knownType(t.replace(/^\(|\)$/g, ""));
  return { count: null, type: alone };
}

function positive(n: number): number | null {
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** Words up to "thời lượng", which starts the duration, not the type. */
function beforeDuration(phrase: string): string[] {
  const words = phrase.split(" ");
  const stop = words.findIndex(
    (w, i) => fold(w) === "thoi" && fold(words[i + 1] ?? "") === "luong",
  );
  return stop === -1 ? words : words.slice(0, stop);
}

/** "phóng sự truyền hình về …" → the longest leading run of words that names a known type. */
function longestKnownPrefix(words: readonly string[]): ProductType | null {
  for (let n = Math.min(words.length, 4); n > 0; n--) {
    const type = knownType(words.slice(0, n).join(" "));
    if (type !== null) return type;
  }
  return null;
}

const MEASURE_RE =
  /^\(?\s*(\d+(?:[.,]\d+)?)\s*(m2|m²|m|mét vuông|mét|met|km|cm|kg|tấn|tan|lít|lit|ha)(?=$|[\s,.;)])/iu;
const DURATION_RE =
  /^\(?\s*(\d+(?:[.,]\d+)?)\s*(phút|phut|giây|giay|giờ|gio|['’”"])(?=$|[\s,.;)])/iu;

/**
 * A count cell that holds a measure ("95 mét băng rôn", "20 m2 pano") or a length ("05 phút"):
 * the number is not how many products, so it is flagged instead of read as a count.
 */
export function measureInCount(text: string): Issue | null {
  const t = squash(plainPunctuation(text));
  const shown = q(clip(text));
  const measure = MEASURE_RE.exec(t);
  if (measure) {
    return issue("count.measure", "warning", {
      vi: `Số lượng ${shown} là số đo (${measure[1] ?? ""} ${measure[2] ?? ""}), không phải số sản phẩm. Ghi số sản phẩm vào cột số lượng (ví dụ "01 băng rôn") và để số đo ở nội dung hoặc ghi chú.`,
      en: `The count ${shown} is a measure (${measure[1] ?? ""} ${measure[2] ?? ""}), not a number of products. Write how many products in the count column (e.g. "01 băng rôn", 1 banner) and keep the measure in the title or notes.`,
    });
  }
  const length = DURATION_RE.exec(t);
  if (length) {
    return issue("count.looks-like-duration", "warning", {
      vi: `Số lượng ${shown} là thời lượng, không phải số sản phẩm. Ghi thời lượng vào cột thời lượng và số sản phẩm vào cột số lượng (ví dụ "01 phóng sự").`,
      en: `The count ${shown} is a length of time, not a number of products. Put it in the duration column and the number of products in the count column (e.g. "01 phóng sự", 1 report).`,
    });
  }
  return null;
}
