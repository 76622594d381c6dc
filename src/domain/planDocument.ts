/**
 * Plan-document import: reads the schedule out of the text of a plan ("Kế hoạch …") as offices
 * write it in Word, e.g.
 *
 *   - Quý I/2023:
 *   + Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023 (01 phóng sự, thời lượng 05 phút).
 *   * Đơn vị thực hiện: Đài Phát thanh - Truyền hình tỉnh; Trung tâm …
 *
 * The importer only splits the text: every value is kept as written (even "Quý VI/2023"), so the
 * check step, not the import, tells the clerk what is wrong and where.
 */
import { agencyFrom, agencyLevel, agencyUnit } from "./agency";
import { issue, q, type Issue } from "./diagnostics";
import { readRecurringDuties, statesRecurringDuty } from "./planDocumentDuties";
import { clip, fold, plainPunctuation, squash } from "./text";

export interface PlanDocItem {
  periodText: string;
  title: string;
  countText: string | null;
  typeText: string | null;
  durationText: string | null;
  unit: string | null;
  /** 1-based line in the text, so messages can point back into the plan text. */
  sourceLine: number;
  /** A schedule read from a Word table: the budget and notes cells, as written. */
  budgetText?: string | null;
  notesText?: string | null;
  /** The table (1-based) the item was read from; sourceLine is then the row in that table. */
  sourceTable?: number;
  /**
   * A recurring duty the prose states ("Hằng tuần, Trung tâm … cộng tác tin, phóng sự …"): its
   * period is the frequency ("Hằng tuần"), its count the quota if one is said. The lines saying it.
   */
  recurring?: { readonly lines: readonly number[] };
}

export interface PlanDocument {
  title: string | null;
  agency: string | null;
  year: number | null;
  budgetNote: string | null;
  items: PlanDocItem[];
}

export interface PlanDocumentResult {
  document: PlanDocument;
  issues: Issue[];
}

export function parsePlanDocument(text: string): PlanDocumentResult {
  const lines = toLines(text);
  const schedule = readSchedule(lines);
  const title = readTitle(lines);
  // Recurring duties stated in the prose follow the dated schedule.
  const duties = readRecurringDuties(lines, new Set(schedule.items.map((i) => i.sourceLine)));
  const items = [...schedule.items, ...duties];
  const document: PlanDocument = {
    title,
    agency: readAgency(lines),
    year: title === null ? null : yearOf(title),
    budgetNote: readBudgetNote(lines),
    items,
  };
  const issues = items.length === 0 ? [noItems(), ...schedule.issues] : schedule.issues;
  return { document, issues };
}

// ---------------------------------------------------------------------------------------------
// Lines

interface Line {
  readonly no: number;
  /** Squashed, without conversion artefacts; blank lines are kept so numbers stay true. */
  readonly text: string;
}

/** Word-to-text converters leave anchors such as "[bookmark: page2]" glued to the next line. */
const BOOKMARK = /\[bookmark:[^\]\n]*\]/giu;

function toLines(text: string): Line[] {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((raw, i) => ({ no: i + 1, text: squash(raw.replace(BOOKMARK, "")) }));
}

/** The next non-blank line from index `from`: Word paragraphs come out separated by blank lines. */
function nextFilled(lines: readonly Line[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i]?.text === "") i++;
  return i;
}

// ---------------------------------------------------------------------------------------------
// Line shapes

const HEADING_BULLET = /^(?:[-–—•▪*]|\d{1,2}[.)]|[a-zđ][.)])\s*/u;
const ITEM_BULLET = /^[+•◦\-–—]\s*/u;
const STRONG_ITEM_BULLET = /^[+•◦]/u;
/** "4. Kinh phí …", "III. TỔ CHỨC …": a new section ends the schedule block. */
const SECTION = /^(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)\.\s*\S/u;

/** Folded openings of the period forms offices use (BRIEF.md lists them). */
const PERIOD_START =
  /^(?:qu[yi]\s*(?:[ivx]+|\d)(?![a-z])|q\s?\d(?!\d)|thang\s*\d|\d{1,2}\s*thang|sau thang|nua (?:dau|cuoi) nam|dot\s*\d|nam \d{4}|ca nam)/u;

function isPeriodPhrase(text: string, maxLength: number): boolean {
  return (
    text.length > 0 && text.length <= maxLength && PERIOD_START.test(fold(plainPunctuation(text)))
  );
}

interface Heading {
  readonly period: string;
  /** An item written on the heading's own line: "- Quý I/2023: + Kỷ niệm …". */
  readonly inlineItem: string | null;
  /** Index of the heading's last line (a split heading spans two). */
  readonly end: number;
}

function headingAt(lines: readonly Line[], i: number): Heading | null {
  const body = (lines[i]?.text ?? "").replace(HEADING_BULLET, "");
  const colon = body.indexOf(":");
  if (colon >= 0) {
    const head = body.slice(0, colon).trim();
    const rest = body.slice(colon + 1).trim();
    if (!isPeriodPhrase(head, 40)) return null;
    if (rest !== "" && !ITEM_BULLET.test(rest)) return null;
    return { period: head, inlineItem: rest === "" ? null : rest, end: i };
  }
  return isPeriodPhrase(body, 30) ? headingWithoutColon(lines, i, body) : null;
}

/** "- Quý IV năm" + "2023:" (a line break inside the heading), or a heading with no colon. */
function headingWithoutColon(lines: readonly Line[], i: number, body: string): Heading | null {
  const j = nextFilled(lines, i + 1);
  const next = lines[j]?.text ?? "";
  if (next.endsWith(":") && next.length <= 20 && !ITEM_BULLET.test(next) && !SECTION.test(next)) {
    return { period: squash(`${body} ${next.slice(0, -1)}`), inlineItem: null, end: j };
  }
  if (body.length <= 25 && STRONG_ITEM_BULLET.test(next)) {
    return { period: body, inlineItem: null, end: i };
  }
  return null;
}

const UNIT_LABELS = ["don vi thuc hien", "don vi chu tri", "don vi san xuat"];

/** "* Đơn vị thực hiện: A; B." → "A; B" (as written, without the closing full stop). */
function unitOf(text: string): string | null {
  const body = text.replace(/^[-–—•*+]\s*/u, "");
  const colon = body.indexOf(":");
  if (colon < 0 || !UNIT_LABELS.includes(fold(body.slice(0, colon)))) return null;
  return body
    .slice(colon + 1)
    .trim()
    .replace(/\.+$/u, "")
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Items

type ItemText = Pick<PlanDocItem, "title" | "countText" | "typeText" | "durationText">;

/** The last parenthesis of the line, and what is before it (titles may hold parentheses). */
const FINAL_PARENS = /^(.*)\(([^()]*)\)[\s.;,]*$/su;
const DURATION_WORD = /^(.*?)[\s,;]*(?:thời lượng|thoi luong)\s*:?\s*(.*)$/iu;
const TRAILING_DURATION =
  /^(.*?)[\s,;]+(\d+(?:[.,]\d+)?\s*(?:phút|phut|giây|giay|giờ|gio|['’′"”]))$/iu;
const COUNT_TYPE = /^(\d{1,3})\s+(\D.*)$/u;
const MAX_SPEC_LENGTH = 120;

function itemText(body: string): ItemText {
  const parens = FINAL_PARENS.exec(body);
  const spec = parens ? productSpec(parens[2] ?? "") : null;
  if (parens && spec) return { title: titleOf(parens[1] ?? ""), ...spec };
  return { title: titleOf(body), countText: null, typeText: null, durationText: null };
}

function titleOf(text: string): string {
  return squash(text)
    .replace(/[.;]+$/u, "")
    .trimEnd();
}

/**
 * "01 phóng sự, thời lượng 05 phút", "01 phóng sự thời lượng 05 phút", "02 tin, bài",
 * "01 phóng sự, 05 phút". Null for other parentheses, such as "(05/6/1911-05/6/2023)", which
 * then stay in the title.
 */
function productSpec(inner: string): Omit<ItemText, "title"> | null {
  // Real specs are a few words; the bound also keeps the lazy patterns below linear in practice.
  if (inner.length > MAX_SPEC_LENGTH) return null;
  const text = squash(inner);
  const split = DURATION_WORD.exec(text) ?? TRAILING_DURATION.exec(text);
  const head = split ? trimListPunctuation(split[1] ?? "") : text;
  const durationText = split ? split[2]?.trim() || null : null;
  const countType = COUNT_TYPE.exec(head);
  if (countType) {
    const typeText = trimListPunctuation(countType[2] ?? "") || null;
    return { countText: countType[1] ?? null, typeText, durationText };
  }
  if (durationText === null) return null;
  return { countText: null, typeText: head || null, durationText };
}

function trimListPunctuation(text: string): string {
  return text.replace(/[\s,;]+$/u, "").trim();
}

function hasProductSpec(body: string): boolean {
  const parens = FINAL_PARENS.exec(body);
  return parens !== null && productSpec(parens[2] ?? "") !== null;
}

// ---------------------------------------------------------------------------------------------
// Schedule

interface OpenHeading {
  readonly period: string;
  readonly line: number;
  items: number;
}

/** Mutable state of one pass over the lines; kept in one place so each step stays small. */
class ScheduleReader {
  readonly items: PlanDocItem[] = [];
  readonly issues: Issue[] = [];
  private heading: OpenHeading | null = null;
  /** First item of the current block: a unit line names the unit of every item since then. */
  private blockStart = 0;
  /** A unit line met before its block's items applies to the items that follow it. */
  private pendingUnit: string | null = null;

  openHeading(period: string, line: number): void {
    this.closeHeading();
    this.heading = { period, line, items: 0 };
  }

  closeHeading(): void {
    const h = this.heading;
    if (h !== null && h.items === 0) this.issues.push(emptyPeriod(h.period, h.line));
    this.heading = null;
  }

  get underHeading(): boolean {
    return this.heading !== null;
  }

  addItem(body: string, line: number): void {
    const text = itemText(body);
    const periodText = this.heading?.period ?? "";
    if (this.heading !== null) this.heading.items++;
    else this.issues.push(itemWithoutPeriod(text.title, line));
    this.items.push({ periodText, ...text, unit: this.pendingUnit, sourceLine: line });
  }

  setUnit(unit: string): void {
    this.closeHeading();
    const block = this.items.slice(this.blockStart);
    if (block.length === 0) {
      this.pendingUnit = unit;
      return;
    }
    for (const item of block) item.unit = unit;
    this.blockStart = this.items.length;
    this.pendingUnit = null;
  }

  endSection(): void {
    this.closeHeading();
    this.blockStart = this.items.length;
    this.pendingUnit = null;
  }
}

function readSchedule(lines: readonly Line[]): { items: PlanDocItem[]; issues: Issue[] } {
  const reader = new ScheduleReader();
  for (let i = 0; i < lines.length; i++) {
    i = readLine(reader, lines, i);
  }
  reader.closeHeading();
  return { items: reader.items, issues: reader.issues };
}

/** Reads the line at `i` into the reader; returns the index of the last line it consumed. */
function readLine(reader: ScheduleReader, lines: readonly Line[], i: number): number {
  const line = lines[i];
  if (line === undefined || line.text === "") return i;
  const heading = headingAt(lines, i);
  if (heading !== null) {
    reader.openHeading(heading.period, line.no);
    if (heading.inlineItem !== null) addBullet(reader, heading.inlineItem, line.no);
    return heading.end;
  }
  const unit = unitOf(line.text);
  if (unit !== null) reader.setUnit(unit);
  else if (SECTION.test(line.text)) reader.endSection();
  // A duty with a frequency ("- Hằng tuần, Trung tâm … cộng tác tin …") ends the period's list:
  // it is read as a recurring duty, not as an item of the quarter above it.
  else if (
    ITEM_BULLET.test(line.text) &&
    !hasProductSpec(line.text.replace(ITEM_BULLET, "")) &&
    statesRecurringDuty(line.text)
  )
    reader.closeHeading();
  else if (ITEM_BULLET.test(line.text)) addBullet(reader, line.text, line.no);
  else if (reader.underHeading && hasProductSpec(line.text)) reader.addItem(line.text, line.no);
  // Prose under a heading means the list has ended (e.g. the closing paragraph of the plan).
  else reader.closeHeading();
  return i;
}

function addBullet(reader: ScheduleReader, text: string, line: number): void {
  const body = text.replace(ITEM_BULLET, "");
  if (body === "") return;
  // Outside a period only lines that name a product count: "- " bullets fill the whole plan.
  if (reader.underHeading || hasProductSpec(body)) reader.addItem(body, line);
}

// ---------------------------------------------------------------------------------------------
// Title, agency, year, budget

const TITLE_STOP = /^(?:can cu|thuc hien|thi hanh|kinh gui|so:)/u;

/** "KẾ HOẠCH" + "Phối hợp … năm 2023" → "Kế hoạch phối hợp … năm 2023". */
function readTitle(lines: readonly Line[]): string | null {
  const start = lines.findIndex(
    (l, i) => fold(l.text).startsWith("ke hoach") || endsPreamble(lines, i),
  );
  const first = lines[start];
  if (first === undefined || !fold(first.text).startsWith("ke hoach")) return null;
  // "KẾ HOẠCH … năm 2024" on one line is whole: what follows is the plan's body (or a table).
  if (yearOf(first.text) !== null) return first.text;
  const rest = titleContinuation(lines, start + 1);
  if (rest === "") return first.text;
  if (fold(first.text) === "ke hoach" && !isAllCaps(rest)) return `Kế hoạch ${lowerFirst(rest)}`;
  return squash(`${first.text} ${rest}`);
}

/** The title block is over once the body of the plan starts. */
function endsPreamble(lines: readonly Line[], i: number): boolean {
  const text = lines[i]?.text ?? "";
  return SECTION.test(text) || headingAt(lines, i) !== null;
}

function titleContinuation(lines: readonly Line[], from: number): string {
  const parts: string[] = [];
  for (let i = nextFilled(lines, from); i < lines.length && parts.length < 4;) {
    const text = lines[i]?.text ?? "";
    if (text.length > 200 || TITLE_STOP.test(fold(text)) || endsPreamble(lines, i)) break;
    if (ITEM_BULLET.test(text) || text.startsWith("*")) break;
    parts.push(text);
    if (yearOf(text) !== null) break;
    i = nextFilled(lines, i + 1);
  }
  return parts.join(" ");
}

function isAllCaps(text: string): boolean {
  return text === text.toUpperCase();
}

/** "Phối hợp" → "phối hợp" after "Kế hoạch"; acronyms such as "UBND" stay as written. */
function lowerFirst(text: string): string {
  const [first = "", second = ""] = Array.from(text);
  if (second !== "" && second === second.toUpperCase() && second !== second.toLowerCase()) {
    return text;
  }
  return first.toLowerCase() + text.slice(first.length);
}

function yearOf(text: string): number | null {
  const m = /\bnam (\d{4})\b/u.exec(fold(text));
  return m ? Number(m[1]) : null;
}

const NAME_WORD = String.raw`\p{Lu}[\p{L}\p{M}'’\-]*`;
const CAPS_WORD = String.raw`[\p{Lu}'’\-]+`;
/** Every local unit: the two levels since July 2025 and the ones older plans name. */
const UNITS = "xã|phường|đặc khu|thị trấn|huyện|quận|thị xã|thành phố|tỉnh";
const AGENCY = new RegExp(
  [
    String.raw`(?:Ủy|Uỷ) ban nhân dân (?:${UNITS}) ${NAME_WORD}(?: ${NAME_WORD}){0,3}`,
    String.raw`UBND (?:${UNITS}) ${NAME_WORD}(?: ${NAME_WORD}){0,3}`,
    String.raw`(?:ỦY|UỶ) BAN NHÂN DÂN (?:${UNITS.toUpperCase()}) ${CAPS_WORD}(?: ${CAPS_WORD}){0,3}`,
  ].join("|"),
  "gu",
);

/**
 * The issuing People's Committee. First the document's header, above the title ("ỦY BAN NHÂN
 * DÂN" / "XÃ IA TƠI"); else the first one named with its place in the text, a province's only
 * when no lower one is named (the "Căn cứ" lines cite the province's documents first).
 */
function readAgency(lines: readonly Line[]): string | null {
  const titleAt = lines.findIndex((l) => fold(l.text).startsWith("ke hoach"));
  const header = agencyFrom(lines.slice(0, titleAt < 0 ? 0 : titleAt).map((l) => l.text));
  if (header !== null && agencyUnit(header) !== null) return header;
  let province: string | null = null;
  for (const line of lines) {
    for (const m of line.text.matchAll(AGENCY)) {
      if (agencyLevel(m[0]) !== "province") return m[0];
      province ??= m[0];
    }
  }
  return province;
}

/** The text of the "Kinh phí thực hiện" section, up to the next numbered section. */
function readBudgetNote(lines: readonly Line[]): string | null {
  const start = lines.findIndex((l) => isBudgetHeading(l.text));
  const heading = lines[start];
  if (heading === undefined) return null;
  const colon = heading.text.indexOf(":");
  const parts = [colon < 0 ? "" : heading.text.slice(colon + 1)];
  for (let i = start + 1; i < lines.length && parts.length <= 10; i++) {
    const text = lines[i]?.text ?? "";
    if (SECTION.test(text) || headingAt(lines, i) !== null) break;
    parts.push(text);
  }
  return squash(parts.join(" ")) || null;
}

function isBudgetHeading(text: string): boolean {
  const m = /^((?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)\.\s*)?([^:]{1,40})(:|$)/u.exec(text);
  return (
    m !== null && fold(m[2] ?? "").startsWith("kinh phi") && (m[1] !== undefined || m[3] === ":")
  );
}

// ---------------------------------------------------------------------------------------------
// Issues

const EXAMPLE_HEADING = "- Quý I/2023:";
/** An example any office's plan could hold (a commune's, a province's): no "huyện". */
const EXAMPLE_ITEM =
  "+ Kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam 03/02/2023 (01 phóng sự, thời lượng 05 phút).";

function noItems(): Issue {
  return issue("import.no-items", "error", {
    vi:
      `Không tìm thấy mục nào trong lịch thực hiện của văn bản. Cần có dòng thời gian như ` +
      `${q(EXAMPLE_HEADING)}, dưới đó mỗi mục một dòng bắt đầu bằng "+", ví dụ: ${q(EXAMPLE_ITEM)}`,
    en:
      `No scheduled items were found in the plan text. Expected a period line such as ` +
      `${q(EXAMPLE_HEADING)} followed by one item per line starting with "+", for example: ` +
      `${q(EXAMPLE_ITEM)}`,
  });
}

function emptyPeriod(period: string, line: number): Issue {
  return issue("import.empty-period", "warning", {
    vi: `Dòng ${line}: mốc thời gian ${q(period)} không có mục nào bên dưới (mỗi mục một dòng bắt đầu bằng "+").`,
    en: `Line ${line}: the period ${q(period)} has no items under it (one item per line starting with "+").`,
  });
}

function itemWithoutPeriod(title: string, line: number): Issue {
  return issue("import.item-without-period", "warning", {
    vi:
      `Dòng ${line}: mục ${q(clip(title))} không nằm dưới mốc thời gian nào; đã nhập với thời gian ` +
      `để trống. Hãy thêm dòng thời gian phía trên, ví dụ ${q(EXAMPLE_HEADING)}.`,
    en:
      `Line ${line}: the item ${q(clip(title))} is not under any period; it was imported with an ` +
      `empty period. Add a period line above it, for example ${q(EXAMPLE_HEADING)}.`,
  });
}
