/**
 * The rows of a plan table that are not items, as offices lay them out: section rows that carry
 * the period for the items under them ("I | QUÝ I", "I. Quý I/2024", "QUÝ III-IV", "6 THÁNG CUỐI
 * NĂM"), numbered headings over sub-items (1 over 1.1, 1.2 or a, b, c), total and subtotal rows
 * ("Tổng cộng", "Cộng quý I") and the column-number row under a header ("(1) (2) (3)"). What was
 * found is kept as the table's layout, so `check` can show the clerk how the table was read.
 */
import { a1, cellText, isBlank, type CellValue } from "./cell";
import { parseCountAndType } from "./countType";
import { issue, locate, type Diagnostic, type Lang } from "./diagnostics";
import { FIELD_LABELS, type FieldKey } from "./fields";
import { NO_COLUMN, type MapSource, type SavedColumnMap } from "./columnMap";
import type { HeaderMap } from "./headers";
import { ITEMS_SHEET, type MatrixColumn } from "./matrix";
import { formatVnd, formatVndEn, parseMoney } from "./money";
import { parsePeriod } from "./period";
import type { PlanItem } from "./planItem";
import { clip, fold, squash } from "./text";
import type { SheetData } from "./workbookData";

/** A section's period: the text as the clerk wrote it, and the text the period parser reads. */
export interface SectionPeriod {
  readonly text: string;
  readonly parse: string;
}

export type TotalKind = "total" | "subtotal";

export interface TableLayout {
  /** First and last row of the header block (equal for a one-row header). */
  readonly headerRows: { readonly first: number; readonly last: number };
  /** Fields whose column the clerk gave with --map (over the header's). */
  readonly mapped: readonly FieldKey[];
  /** Where `mapped` came from: --map (or the pane), or the map the tracker saved. */
  readonly mapSource?: MapSource | null;
  /** The map in effect, with each column's header label: what a tracker saves. */
  readonly columnMap?: SavedColumnMap;
  readonly sections: readonly {
    readonly row: number;
    readonly text: string;
    readonly period: string;
  }[];
  /** Numbered headings over sub-items: not items themselves. */
  readonly headings: readonly { readonly row: number; readonly text: string }[];
  readonly totals: readonly {
    readonly row: number;
    readonly text: string;
    readonly kind: TotalKind;
  }[];
  readonly skippedRows: readonly { readonly row: number; readonly reason: "column-numbers" }[];
  /** A quarter or month matrix: its period columns and what they gave. */
  readonly matrix?: MatrixLayout;
}

/** What a quarter or month matrix gave, for the clerk (check's text and --json). */
export interface MatrixLayout {
  readonly columns: readonly MatrixColumn[];
  readonly items: number;
  /** Rows that gave at least one item. */
  readonly topics: number;
  /** Topics whose budget (a sum) was counted once, with their first item. */
  readonly topicBudgets: number;
  /** The tracker's items sheet the entries were read from, when tracked. */
  readonly entriesSheet: string | null;
  /** Rows of that sheet whose entries match no item any more (kept, reported). */
  readonly orphans: number;
}

export interface MutableLayout extends TableLayout {
  matrix?: MatrixLayout;
  readonly sections: TableLayout["sections"][number][];
  readonly headings: TableLayout["headings"][number][];
  readonly totals: TableLayout["totals"][number][];
  readonly skippedRows: TableLayout["skippedRows"][number][];
}

/** A total row met while reading; its items are those from `from` up to it (0: every item above). */
export interface PendingTotal {
  readonly row: number;
  readonly kind: TotalKind;
  readonly from: number;
}

const ROMAN: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * "QUÝ III-IV", "Quý III – IV/2024", "Quý I và II" read as the months they cover ("Tháng 7 – 12"),
 * which the period parser reads; any other text is returned as it is.
 */
export function sectionParseText(text: string): string {
  const m =
    /^q[uú][yýỳ]\s+([ivx]+|[1-4])\s*(?:-|–|—|,|&|và|va|đến|den)\s*(?:q[uú][yýỳ]\s+)?([ivx]+|[1-4])(?![a-z])(.*)$/iu.exec(
      text.trim(),
    );
  if (!m) return text;
  const q = (s: string): number | undefined => ROMAN[s.toLowerCase()] ?? (Number(s) || undefined);
  const from = q(m[1] ?? "");
  const to = q(m[2] ?? "");
  if (from === undefined || to === undefined || from >= to || to > 4) return text;
  return `Tháng ${(from - 1) * 3 + 1} – ${to * 3}${m[3] ?? ""}`;
}

/** "I. Quý I/2024" → "Quý I/2024": a section's own numbering before its text. */
function stripNumbering(text: string): string {
  return text.replace(/^(?:[IVXLC]+|\d+|[A-Za-zĐđ])\s*[.)/:\-–]\s*(?=\S)/u, "").trim();
}

function spansColumns(sheet: SheetData, row: number, col: number): boolean {
  return (sheet.merges ?? []).some((m) => {
    const [start, end] = m.replace(/\$/g, "").split(":");
    return (
      end !== undefined &&
      start === a1(row, col) &&
      end.replace(/\d+/g, "") !== start.replace(/\d+/g, "")
    );
  });
}

/**
 * A section row such as "II | Quý II/2023", "I. Quý I/2024" (perhaps merged across the row) or
 * "6 THÁNG CUỐI NĂM" with nothing else: items below it with an empty period belong to that
 * period. Returns the period, or null when the row is not a section row.
 */
export function groupRowPeriod(
  sheet: SheetData,
  row: number,
  header: HeaderMap,
  planYear: number | null,
): SectionPeriod | null {
  const cells = sheet.rows[row - 1] ?? [];
  // Most rows are items with many cells: count before building anything.
  let count = 0;
  for (const v of cells) if (!isBlank(v) && ++count > 2) return null;
  if (count === 0) return null;
  const filled = cells.map((v, i) => ({ v, col: i + 1 })).filter((c) => !isBlank(c.v));
  const only = filled.length === 1 ? filled[0] : undefined;
  const spans = only !== undefined && spansColumns(sheet, row, only.col);
  const allowed = new Set([header.columns.no, header.columns.title, header.columns.period]);
  if (!spans && !filled.every((c) => allowed.has(c.col))) return null;
  const candidate = only ?? filled.find((c) => c.col !== header.columns.no);
  if (!candidate || typeof candidate.v !== "string") return null;
  // A lone period cell is an item whose title is missing, unless it is merged across the row.
  if (!spans && candidate.col === header.columns.period && only !== undefined) return null;
  // A title like "Quý II/2023" alone on its row is a section heading, not a report topic.
  const text = stripNumbering(candidate.v.trim().replace(/:$/, ""));
  if (text.length > 40) return null;
  const parse = sectionParseText(text);
  const parsed = parsePeriod(parse, { planYear });
  const kind = parsed.value?.kind;
  const isHeading = kind === "quarter" || kind === "half" || kind === "months" || kind === "month";
  const isBadQuarter = parsed.issues.some((i) => i.code === "period.invalid-quarter");
  return isHeading || isBadQuarter ? { text, parse } : null;
}

/**
 * The depth of an item's number: "I", "A" 0; "1" 1; "1.1" 2; "1.1.1" 3; "a", "a)" 4; "-", "+" 5.
 * Null for anything else (a blank cell, a word).
 */
export function numberingLevel(value: CellValue): number | null {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value <= 0) return null;
    return String(value).split(".").length;
  }
  if (typeof value !== "string") return null;
  const t = value.trim().replace(/[.)]+$/, "");
  if (/^[IVXLC]+$/.test(t) || /^[A-Z]$/.test(t)) return 0;
  if (/^\d{1,3}(?:\.\d{1,3}){0,3}$/.test(t)) return t.split(".").length;
  if (/^[a-zđ]$/.test(t)) return 4;
  if (/^[-+*•–]$/.test(t)) return 5;
  return null;
}

/**
 * A numbered row whose next row is numbered deeper (1 over 1.1, 1.2 or a, b, c; I over 1): a
 * heading over its sub-items, not an item.
 */
export function isParentRow(
  sheet: SheetData,
  row: number,
  header: HeaderMap,
  level: number,
  get: (row: number, f: FieldKey) => CellValue,
): boolean {
  const noCol = header.columns.no;
  if (noCol === undefined) return false;
  for (let r = row + 1; r <= sheet.rows.length && r <= row + 50; r++) {
    const cells = sheet.rows[r - 1] ?? [];
    if (cells.every((v) => isBlank(v))) continue;
    const next = numberingLevel(get(r, "no"));
    return next !== null && next > level;
  }
  return false;
}

/** "(1) | (2) | (3)", "1 | 2 | 3=1x2" under the header: the columns' numbers, not an item. */
export function isNumberingRow(cells: readonly CellValue[]): boolean {
  let n = 0;
  for (const v of cells) {
    if (isBlank(v)) continue;
    const t = cellText(v).trim();
    if (!/^\(?\s*(?:\d{1,2}|[A-Z])(?:\s*[=x*+\-/]\s*\(?\s*(?:\d{1,2}|[A-Z])\s*\)?)*\s*\)?$/.test(t))
      return false;
    n++;
  }
  return n >= 3;
}

const TOTAL_RE =
  /^(tong cong|tong so|tong|cong|total|grand total|sub-?total)(?:\s*(?:quy|muc|phan|thang|nam)?\s*[ivx0-9+().\/ -]*)?$/;

/**
 * "Tổng cộng", "Tổng số", "Cộng", "Cộng quý I", "Tổng cộng (I+II)": sums of the items, never
 * items. The text may sit in the title column or left of it (merged over STT and Nội dung).
 */
export function totalRow(
  sheet: SheetData,
  row: number,
  header: HeaderMap,
  periodCell: CellValue,
): { text: string; kind: TotalKind } | null {
  if (!isBlank(periodCell)) return null;
  const titleCol = header.columns.title ?? 1;
  const cells = sheet.rows[row - 1] ?? [];
  for (let c = 1; c <= Math.min(titleCol, cells.length); c++) {
    const v = cells[c - 1];
    if (typeof v !== "string" || v.trim() === "") continue;
    // Runs on every row: a long text (an item's title) is never a total, and is not folded.
    const m =
      v.length > 40
        ? null
        : TOTAL_RE.exec(
            fold(v)
              .replace(/[:.]+$/, "")
              .trim(),
          );
    // A number left of the title ("I", "1.") is the row's numbering: look on to the title.
    if (!m) {
      if (c === titleCol) return null;
      continue;
    }
    const kind = m[1] === "cong" || (m[1] ?? "").startsWith("sub") ? "subtotal" : "total";
    return { text: squash(v), kind };
  }
  return null;
}

const SUMMED: readonly ("budget" | "spent")[] = ["budget", "spent"];

/**
 * Totals that disagree with the sum of their items: a warning at the total's cell. The tool
 * never adds a total row in (it is not an item), so the item sums are what the summaries show.
 */
export function checkTotals(
  sheet: SheetData,
  header: HeaderMap,
  totals: readonly PendingTotal[],
  items: readonly PlanItem[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const t of totals) {
    let scope = items.filter((i) => i.row < t.row && i.row >= t.from);
    // A grand total written above the items (under the header) sums all of them.
    if (scope.length === 0 && t.kind === "total") scope = [...items];
    if (scope.length === 0) continue;
    for (const field of SUMMED) {
      const col = header.columns[field];
      if (col === undefined) continue;
      const cell = sheet.rows[t.row - 1]?.[col - 1] ?? null;
      if (isBlank(cell)) continue;
      const written = parseMoney(cell).value;
      if (written === null || written.perUnit) continue;
      const values = scope.map((i) => (field === "budget" ? i.budgetVnd : i.spentVnd));
      if (values.every((v) => v === null)) continue;
      const sum = values.reduce<number>((s, v) => s + (v ?? 0), 0);
      if (Math.abs(sum - written.vnd) < 1) continue;
      const first = scope[0]?.row ?? t.row;
      const last = scope[scope.length - 1]?.row ?? t.row;
      const label = FIELD_LABELS[field];
      out.push(
        locate(
          issue("total.mismatch", "warning", {
            vi: `Dòng tổng ghi ${label.vi.toLowerCase()} ${formatVnd(written.vnd)} nhưng các mục ở hàng ${first}–${last} cộng lại ${formatVnd(sum)} (chênh ${formatVnd(Math.abs(sum - written.vnd))}). Công cụ không tính dòng tổng vào kế hoạch: kiểm tra lại số tiền của các mục hoặc của dòng tổng.`,
            en: `The total row says ${label.en.toLowerCase()} ${formatVndEn(written.vnd)} but the items on rows ${first}–${last} add up to ${formatVndEn(sum)} (off by ${formatVndEn(Math.abs(sum - written.vnd))}). The tool never counts a total row as an item: check the items' amounts or the total.`,
          }),
          { sheet: sheet.name, row: t.row, col, field, value: cellText(cell) },
        ),
      );
    }
  }
  return out;
}

export type ValueKind = "duration" | "count" | "period" | "budget";

/** What a cell's value looks like, for a column whose header the tool did not recognise. */
export function looksLike(value: CellValue): ValueKind | null {
  if (typeof value === "number") return value >= 100000 ? "budget" : null;
  if (typeof value !== "string") return null;
  const t = squash(value);
  if (/^\(?\d+\s*(?:phút|phut|giây|giay|giờ|gio|['’”"])/iu.test(t)) return "duration";
  if (/\d\s*(?:đồng|đ|triệu|tỷ|tỉ)\b|^\d{1,3}(?:\.\d{3}){2,}$/iu.test(t)) return "budget";
  if (/^qu[yý]\s|^q[1-4]\b|^tháng\s|\d{1,2}\/\d{1,2}\/\d{2,4}/iu.test(t)) return "period";
  const ct = parseCountAndType(t);
  if (/^\d/.test(t) && ct.count !== null && ct.type !== null && t.length <= 20) return "count";
  return null;
}

/**
 * A header column the tool did not map whose values look like a field it lacks ("TL" holding
 * "05 phút"): said at the header cell, with what to do, instead of reading the field as empty.
 */
export function unmappedColumns(
  sheet: SheetData,
  header: HeaderMap,
  items: readonly PlanItem[],
): Diagnostic[] {
  const mapped = new Set(Object.values(header.columns));
  // A matrix's period columns, and a period column it made redundant, are read or reported.
  for (const m of header.matrix ?? []) mapped.add(m.col);
  if (header.ignoredPeriod) mapped.add(header.ignoredPeriod.col);
  const out: Diagnostic[] = [];
  if (items.length < 2) return out;
  for (const [col, label] of header.labels) {
    if (mapped.has(col)) continue;
    const kinds = new Map<ValueKind, number>();
    let filled = 0;
    let example: string | null = null;
    for (const item of items) {
      const v = sheet.rows[item.row - 1]?.[col - 1] ?? null;
      if (isBlank(v)) continue;
      filled++;
      const k = looksLike(v);
      if (k !== null) {
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
        example ??= cellText(v);
      }
    }
    const [kind, n] = [...kinds].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
    if (kind === null || n < 2 || n < filled * 0.6 || header.columns[kind] !== undefined) continue;
    const name = FIELD_LABELS[kind];
    const letter = a1(header.headerRow, col).replace(/\d+/g, "");
    out.push(
      locate(
        issue("header.unmapped-column", "warning", {
          vi: `Cột "${label}" không được nhận là cột nào nhưng chứa giá trị giống ${name.vi.toLowerCase()} (ví dụ "${example ?? ""}"). Đổi tiêu đề thành "${name.vi}" (hoặc dùng --map ${kind}=${letter}) để công cụ đọc cột này; nếu không, ${name.vi.toLowerCase()} của các mục được coi là trống.`,
          en: `Column "${label}" was not recognised, but its values look like ${name.en.toLowerCase()} (e.g. "${example ?? ""}"). Rename the header to "${name.en}" (or pass --map ${kind}=${letter}) so the tool reads it; otherwise the items' ${name.en.toLowerCase()} is taken as empty.`,
        }),
        { sheet: sheet.name, row: header.headerRow, col, field: kind, value: label },
      ),
    );
  }
  return out;
}

/** The layout as JSON for `check --json` (added fields only: the contract's stay as they are). */
export function layoutJson(header: HeaderMap, layout: TableLayout): unknown {
  return {
    headerRows: [layout.headerRows.first, layout.headerRows.last],
    columnCells: header.headerCells,
    mapped: layout.mapped,
    mapSource: layout.mapSource ?? null,
    headerLabels: Object.fromEntries(
      [...header.labels].map(([col, label]) => [
        a1(header.headerRow, col).replace(/\d+/g, ""),
        label,
      ]),
    ),
    sections: layout.sections,
    headings: layout.headings,
    totals: layout.totals,
    skippedRows: layout.skippedRows,
    ...(layout.matrix ? { matrix: matrixJson(layout.matrix) } : {}),
  };
}

function matrixJson(m: MatrixLayout): unknown {
  const letter = (col: number): string => a1(1, col).replace(/\d+/g, "");
  return {
    columns: Object.fromEntries(m.columns.map((c) => [letter(c.col), c.text])),
    headerCells: Object.fromEntries(m.columns.map((c) => [letter(c.col), a1(c.row, c.col)])),
    items: m.items,
    topics: m.topics,
    // A topic's budget (a sum) is counted once, with the topic's first item.
    budget: m.topicBudgets > 0 ? "first-item" : null,
    itemsSheet: m.entriesSheet ?? ITEMS_SHEET,
    orphans: m.orphans,
  };
}

/** How a mapped column is marked: " (--map)", or " (đã lưu)" for the tracker's saved map. */
function mapMark(layout: TableLayout, lang: Lang): string {
  if (layout.mapSource !== "saved") return " (--map)";
  return lang === "vi" ? " (cách gán đã lưu)" : " (saved map)";
}

/**
 * The layout in a few lines for a person: header rows, which cell heads each field, the sections
 * and the rows skipped (headings, totals). `check` prints these; the pane can show the same.
 */
export function describeLayout(header: HeaderMap, layout: TableLayout, lang: Lang): string[] {
  const vi = lang === "vi";
  const { first, last } = layout.headerRows;
  const rows =
    first === last
      ? vi
        ? `hàng tiêu đề ${last}`
        : `header row ${last}`
      : vi
        ? `hàng tiêu đề ${first}–${last}`
        : `header rows ${first}–${last}`;
  const cols = (Object.entries(header.headerCells) as [FieldKey, string][])
    .map(
      ([field, cell]) =>
        `${FIELD_LABELS[field][lang]} ${cell}${layout.mapped.includes(field) ? mapMark(layout, lang) : ""}`,
    )
    .join(", ");
  // Fields the clerk's map says have no column ("notes=none").
  const none = Object.entries(layout.columnMap ?? {})
    .filter(([, e]) => e.col === NO_COLUMN)
    .map(([field]) => `${FIELD_LABELS[field as FieldKey][lang]}${mapMark(layout, lang)}`)
    .join(", ");
  const noneText = none === "" ? "" : vi ? `; không có cột: ${none}` : `; no column: ${none}`;
  const lines = [
    vi
      ? `Cách đọc bảng: ${rows}; cột: ${cols}${noneText}.`
      : `Table layout: ${rows}; columns: ${cols}${noneText}.`,
  ];
  if (layout.sections.length > 0) {
    const list = layout.sections.map((s) => `${s.row} "${s.text}"`).join(", ");
    lines.push(
      vi
        ? `Phần (thời gian cho các mục bên dưới): hàng ${list}.`
        : `Sections (the period of the items under them): rows ${list}.`,
    );
  }
  if (layout.headings.length > 0) {
    const list = layout.headings.map((h) => `${h.row} "${clip(h.text, 40)}"`).join(", ");
    lines.push(
      vi ? `Đề mục (không phải mục): hàng ${list}.` : `Headings (not items): rows ${list}.`,
    );
  }
  if (layout.totals.length > 0) {
    const list = layout.totals.map((t) => `${t.row} "${t.text}"`).join(", ");
    lines.push(vi ? `Dòng tổng bỏ qua: hàng ${list}.` : `Total rows skipped: rows ${list}.`);
  }
  if (layout.skippedRows.length > 0) {
    const list = layout.skippedRows.map((r) => r.row).join(", ");
    lines.push(vi ? `Hàng đánh số cột bỏ qua: ${list}.` : `Column-number rows skipped: ${list}.`);
  }
  if (layout.matrix) lines.push(...describeMatrix(layout.matrix, lang));
  return lines;
}

function describeMatrix(m: MatrixLayout, lang: Lang): string[] {
  const cols = m.columns.map((c) => `${c.text} ${a1(c.row, c.col)}`).join(", ");
  const sheet = m.entriesSheet ?? ITEMS_SHEET;
  const lines =
    lang === "vi"
      ? [
          `Bảng theo kỳ: cột ${cols}; mỗi ô có số lượng hoặc dấu "x" là một mục: ${m.items} mục từ ${m.topics} nội dung (ô trống, "0", "-" không phải mục).`,
          `Theo dõi từng mục (trạng thái, ngày phát sóng, thực chi) ở trang "${sheet}"${m.entriesSheet ? "" : " mà lệnh track tạo"}.`,
        ]
      : [
          `Period matrix: columns ${cols}; each cell with a count or an "x" is an item: ${m.items} items from ${m.topics} topics (empty cells, "0" and "-" are not items).`,
          `Each item is tracked (status, air date, spending) on the "${sheet}" sheet${m.entriesSheet ? "" : " that track makes"}.`,
        ];
  if (m.topicBudgets > 0)
    lines.push(
      lang === "vi"
        ? `Kinh phí của một nội dung được tính một lần, cùng mục đầu tiên của nội dung (không chia theo kỳ): ${m.topicBudgets} nội dung.`
        : `A topic's budget is counted once, with the topic's first item (not split by period): ${m.topicBudgets} topics.`,
    );
  if (m.orphans > 0)
    lines.push(
      lang === "vi"
        ? `${m.orphans} hàng ở trang "${sheet}" có thông tin theo dõi nhưng không còn ô tương ứng trong bảng: được giữ lại ở cuối trang.`
        : `${m.orphans} rows of "${sheet}" hold entries whose cell is no longer in the plan: kept at the end of the sheet.`,
    );
  return lines;
}

/** Fields whose amount belongs to one row: a merged cell over several items is not copied. */
const AMOUNT_FIELDS: readonly FieldKey[] = ["budget", "spent", "count"];

/** Cells merged down over item rows: covered cell (row × 16384 + col) → the master's row. */
export interface ItemMerges {
  readonly covered: ReadonlyMap<number, number>;
  readonly shared: readonly {
    readonly field: FieldKey;
    readonly range: string;
    readonly row: number;
    readonly col: number;
    readonly lastRow: number;
  }[];
}

export const NO_ITEM_MERGES: ItemMerges = { covered: new Map(), shared: [] };

/**
 * Merged cells that span item rows ("Trung tâm VH-TT-DL&TT" or "Quý II" merged over three items)
 * give their value to each item they cover. An amount (budget, spending, count) merged over
 * several items is not copied: it would be counted once per row; it stays on the first row and
 * is flagged.
 */
export function itemMerges(sheet: SheetData, header: HeaderMap): ItemMerges {
  const merges = sheet.merges ?? [];
  if (merges.length === 0) return NO_ITEM_MERGES;
  const byCol = new Map<number, FieldKey>();
  for (const [f, c] of Object.entries(header.columns) as [FieldKey, number][]) byCol.set(c, f);
  const covered = new Map<number, number>();
  const shared: ItemMerges["shared"][number][] = [];
  let budget = 200000;
  for (const m of merges) {
    const [start = "", end] = m.replace(/\$/g, "").split(":");
    const a = /^([A-Z]+)(\d+)$/.exec(start);
    const b = /^([A-Z]+)(\d+)$/.exec(end ?? "");
    if (!a || !b) continue;
    const r1 = Number(a[2]);
    const r2 = Number(b[2]);
    if (r2 <= r1 || r1 <= header.headerRow) continue;
    const c1 = columnIndex(a[1] ?? "");
    const c2 = columnIndex(b[1] ?? "");
    const amounts = [...Array(c2 - c1 + 1).keys()]
      .map((i) => byCol.get(c1 + i))
      .filter((f): f is FieldKey => f !== undefined && AMOUNT_FIELDS.includes(f));
    for (const field of amounts)
      shared.push({
        field,
        range: `${start}:${end ?? ""}`,
        row: r1,
        col: header.columns[field] ?? c1,
        lastRow: r2,
      });
    if (amounts.length > 0) continue;
    // A crafted file's huge merge is not walked cell by cell.
    budget -= (r2 - r1) * (c2 - c1 + 1);
    if (budget < 0) break;
    for (let r = r1 + 1; r <= r2; r++)
      for (let c = c1; c <= c2; c++) covered.set(r * 16384 + c, r1);
  }
  return { covered, shared };
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The warnings for amounts merged over several items: counted once, on the first row. */
export function sharedAmounts(sheet: SheetData, merges: ItemMerges): Diagnostic[] {
  return merges.shared.map((s) => {
    const label = FIELD_LABELS[s.field];
    return locate(
      issue("merged.shared-amount", "warning", {
        vi: `Ô ${label.vi.toLowerCase()} gộp ${s.range} dùng chung cho các hàng ${s.row}–${s.lastRow}; công cụ chỉ tính một lần ở hàng ${s.row}. Bỏ gộp ô và ghi ${label.vi.toLowerCase()} của từng mục nếu cần theo dõi riêng.`,
        en: `The merged ${label.en.toLowerCase()} cell ${s.range} is shared by rows ${s.row}–${s.lastRow}; the tool counts it once, on row ${s.row}. Unmerge it and write each item's ${label.en.toLowerCase()} to track them separately.`,
      }),
      {
        sheet: sheet.name,
        row: s.row,
        col: s.col,
        field: s.field,
        value: cellText(sheet.rows[s.row - 1]?.[s.col - 1] ?? null),
      },
    );
  });
}
