/**
 * Recurring duties written as prose in a plan document, e.g. the bundled 2023 plan:
 *
 *   "Hằng tuần, Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông cộng tác tin, phóng sự
 *    phát trên sóng Đài Phát thanh - Truyền hình tỉnh; …"
 *   "3. Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông huyện:
 *    - … cộng tác phát trên sóng Đài Phát thanh - Truyền hình tỉnh hằng tuần."
 *
 * A clause is a duty when it says how often (hằng tuần, hằng tháng, mỗi quý, định kỳ hằng tháng,
 * 2 tuần/lần) and names products or broadcasting (tin, bài, phóng sự, chuyên mục, phát sóng…):
 * "Cung cấp Lịch công tác hằng tuần" or "giao kinh phí hằng năm" are not. The unit is the clause's
 * subject ("Trung tâm …") or the numbered heading it sits under; a quota in the clause ("ít nhất
 * 02 tin/tuần") is kept as written. The same duty said twice (same frequency, same unit) is one.
 */
import { fold, plainPunctuation, squash } from "./text";
import { frequencyText, readFrequency, type Frequency } from "./recurrence";
import type { PlanDocItem } from "./planDocument";

export interface DocLine {
  readonly no: number;
  readonly text: string;
}

/** "hằng tuần", "mỗi quý", "định kỳ hằng tháng", "2 tuần/lần", "tuần 1 lần" — folded. */
const FREQUENCY_IN_TEXT =
  /(?:dinh\s+ky\s*,?\s*)?(?:(?:hang|moi)\s+(?:tuan|thang|quy)(?![a-z])|\d{1,2}\s*(?:tuan|thang)\s*(?:\/|mot|1|01)\s*lan(?![a-z]))/;
/** Products or broadcasting, folded; "thông tin" (information) is not a "tin" (news item). */
const PRODUCT_IN_TEXT =
  /(?:^|[^a-z])(?:tin|bai|phong su|chuyen muc|ky su|toa dam|phat song|phat tren song)(?![a-z])/;
const AGENCY_START =
  /(?:^|[\s,(])((?:Trung tâm|Phòng|Văn phòng|Đài|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Ban|Hội|Đoàn|Báo|Cơ quan|Các cơ quan)(?:\s+[^,;:.]*?)?)\s+(?=(?:cộng tác|xây dựng|thực hiện|sản xuất|cung cấp|phối hợp|tổ chức|phát sóng|phát|đăng|viết|gửi|chủ trì|có trách nhiệm|chịu trách nhiệm|biên tập|tuyên truyền)\s)/u;
const AGENCY_HEADING =
  /^\d{1,2}\.\s*((?:Trung tâm|Phòng|Văn phòng|Đài|Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Ban|Hội|Đoàn|Báo|Cơ quan|Các cơ quan)[^:]*?)\s*(?::\s*(.*))?$/u;
const NUMBERED = /^(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)\.\s*\S/u;
const PRODUCT_WORDS =
  /(?<![\p{L}])(?:tin,?\s+bài|tin bài|tin|bài|phóng sự|chuyên mục|ký sự|kí sự|tọa đàm|toạ đàm)(?![\p{L}])/giu;
const QUOTA_IN_TEXT =
  /(?:(?:ít nhất|tối thiểu|không ít hơn)\s+)?\d{1,3}\s+(?:tin|bài|phóng sự|chuyên mục|ký sự|tọa đàm|toạ đàm|sản phẩm|lần|lượt)(?:,?\s*(?:tin|bài))?(?:\s*(?:\/|mỗi|một|trên)\s*(?:\d{1,2}\s*)?(?:tuần|tháng|quý))?/iu;

interface Found {
  readonly freq: Frequency;
  readonly title: string;
  readonly unit: string | null;
  readonly typeText: string | null;
  readonly countText: string | null;
  readonly lines: number[];
}

/**
 * The recurring duties in the plan's text, as plan items with a frequency for their period. Lines
 * the schedule read as dated items (`scheduled`) are not duties too.
 */
export function readRecurringDuties(
  lines: readonly DocLine[],
  scheduled: ReadonlySet<number> = new Set(),
): PlanDocItem[] {
  const found: Found[] = [];
  let heading: string | null = null;
  for (const line of lines) {
    const text = line.text;
    if (text === "" || scheduled.has(line.no)) continue;
    const agency = AGENCY_HEADING.exec(text);
    let body = text;
    if (agency) {
      heading = trimEnd(agency[1] ?? "");
      body = agency[2] ?? "";
    } else if (NUMBERED.test(text)) heading = null;
    for (const clause of clauses(body.replace(/^[-–—+•*]\s*/u, ""))) {
      const duty = dutyOf(clause, heading, line.no);
      if (duty) merge(found, duty);
    }
  }
  return found.map((f) => ({
    periodText: frequencyText(f.freq, "vi"),
    title: f.title,
    countText: f.countText,
    typeText: f.typeText,
    durationText: null,
    unit: f.unit,
    sourceLine: f.lines[0] ?? 0,
    recurring: { lines: f.lines },
  }));
}

/**
 * Whether a line states a recurring duty (how often, and products or broadcasting): such a
 * bullet is not a dated item of the period heading above it; readRecurringDuties reads it.
 */
export function statesRecurringDuty(text: string): boolean {
  return clauses(text.replace(/^[-–—+•*]\s*/u, "")).some((c) => dutyOf(c, null, 0) !== null);
}

/** Sentences ("… Kon Tum. Hằng tuần, …") and their clauses ("…; khai thác …"). */
function clauses(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=\p{Lu})|;\s*/u)
    .map((c) => squash(c))
    .filter((c) => c !== "");
}

function dutyOf(clause: string, heading: string | null, line: number): Found | null {
  const key = fold(plainPunctuation(clause));
  const freqMatch = FREQUENCY_IN_TEXT.exec(key);
  if (!freqMatch) return null;
  if (!PRODUCT_IN_TEXT.test(key.replace(/thong tin/g, "thong-"))) return null;
  const freq = readFrequency(freqMatch[0])?.freq;
  if (!freq || freq.every === null) return null;

  let rest = removeFrequency(clause);
  const subject = AGENCY_START.exec(rest);
  let unit = heading;
  if (subject && subject.index <= 2) {
    unit = trimEnd(subject[1] ?? "");
    rest = rest.slice(subject.index + subject[0].length);
  }
  const quota = QUOTA_IN_TEXT.exec(rest);
  const title = capitalise(trimEnd(rest));
  if (title.length < 6) return null;
  return {
    freq,
    title,
    unit,
    typeText: productsIn(title),
    countText: quota ? squash(quota[0]) : null,
    lines: [line],
  };
}

/**
 * The clause without its frequency phrase: "Hằng tuần, …" at its start, "… hằng tuần" at its end,
 * "hằng tuần" or "2 tuần/lần" within. "mỗi tháng" inside is left: "04 phóng sự mỗi tháng" is
 * the quota's.
 */
function removeFrequency(clause: string): string {
  const UNIT = "(?:tuần|tháng|quý)";
  return squash(
    clause
      .replace(/[\s.;,:!?]+$/u, "")
      .replace(
        new RegExp(`^(?:định kỳ\\s*,?\\s*)?(?:hằng|hàng|mỗi)\\s+${UNIT}\\s*,?\\s*`, "iu"),
        "",
      )
      .replace(new RegExp(`\\s*,?\\s*(?:định kỳ\\s+)?(?:hằng|hàng|mỗi)\\s+${UNIT}\\s*$`, "iu"), "")
      .replace(new RegExp(`(?:định kỳ\\s*,?\\s*)?(?:hằng|hàng)\\s+${UNIT}\\s*,?`, "giu"), " ")
      .replace(new RegExp(`\\d{1,2}\\s*(?:tuần|tháng)\\s*(?:\\/|một|1|01)\\s*lần`, "giu"), " "),
  );
}

/** "tin, phóng sự": the product words of the title, in order, each once. */
function productsIn(title: string): string | null {
  const seen: string[] = [];
  for (const m of title.matchAll(PRODUCT_WORDS)) {
    const index = m.index ?? 0;
    // "thông tin" is information, not a news item.
    if (/thông\s$/iu.test(title.slice(Math.max(0, index - 6), index))) continue;
    const word = squash(m[0]).toLowerCase();
    if (!seen.some((s) => fold(s) === fold(word))) seen.push(word);
  }
  return seen.length > 0 ? seen.join(", ") : null;
}

function trimEnd(text: string): string {
  return squash(text)
    .replace(/^[\s,;:.\-–]+/u, "")
    .replace(/[\s,;:.]+$/u, "");
}

function capitalise(text: string): string {
  const [first = "", ...rest] = Array.from(text);
  return first.toUpperCase() + rest.join("");
}

/** A unit's name without the level that follows it ("… Truyền thông huyện" is "… Truyền thông"). */
function unitKey(unit: string | null): string | null {
  if (unit === null) return null;
  return fold(unit)
    .replace(/\s+(?:huyen|xa|tinh|thanh pho|thi xa|quan|phuong)(?:\s+.*)?$/, "")
    .trim();
}

/** The same duty said again (same frequency and unit) adds its line to the first. */
function merge(found: Found[], duty: Found): void {
  const key = unitKey(duty.unit);
  const same = found.find(
    (f) =>
      f.freq.every === duty.freq.every &&
      f.freq.interval === duty.freq.interval &&
      key !== null &&
      unitKey(f.unit) === key,
  );
  if (!same) {
    found.push(duty);
    return;
  }
  for (const l of duty.lines) if (!same.lines.includes(l)) same.lines.push(l);
  // A quota said only the second time still counts.
  if (same.countText === null && duty.countText !== null)
    found[found.indexOf(same)] = { ...same, countText: duty.countText };
}
