/**
 * Finds the header row of a plan sheet and maps its columns to canonical fields. People head
 * columns in Vietnamese or English, with or without diacritics, with units in brackets
 * ("Kinh phí (đồng)") and line breaks; the header may sit under a title on any of rows 1-20.
 */
import { a1, cellText, isBlank, parseRange } from "./cell";
import { issue, locate, type Diagnostic } from "./diagnostics";
import { FIELD_ALIASES, REQUIRED_FIELDS, FIELD_LABELS, type FieldKey } from "./fields";
import { isPeriodHeader, periodHeaderParseText, type MatrixColumn } from "./matrix";
import { fold, squash } from "./text";
import type { SheetData } from "./workbookData";

export const HEADER_SEARCH_ROWS = 20;

export interface HeaderMap {
  /** 1-based row of the header (the last row of a header block: items start below it). */
  readonly headerRow: number;
  /** First row of the header block ("Sản phẩm" over "Số lượng | Thời lượng"); = headerRow. */
  readonly firstHeaderRow: number;
  /** The real header cell of each field found ("D6" under a merged "Sản phẩm"). */
  readonly headerCells: Readonly<Partial<Record<FieldKey, string>>>;
  /** Every header column's label, group first ("Sản phẩm › Số lượng"), by column. */
  readonly labels: ReadonlyMap<number, string>;
  /** 1-based column of each field found. */
  readonly columns: Readonly<Partial<Record<FieldKey, number>>>;
  /** The header cell's text for every non-blank cell of the header row, by column. */
  readonly headerTexts: ReadonlyMap<number, string>;
  /** The last non-blank column of the header row. */
  readonly lastColumn: number;
  /**
   * A quarter or month matrix: the period columns ("Quý I | Quý II | …", "T1 … T12"), at least
   * two, in column order. The plan then has no period column: each filled cell is an item.
   */
  readonly matrix?: readonly MatrixColumn[];
  /** A period column the matrix made redundant (not read), with its header cell. */
  readonly ignoredPeriod?: { readonly col: number; readonly row: number; readonly text: string };
}

export interface HeaderResult {
  readonly map: HeaderMap | null;
  readonly diagnostics: Diagnostic[];
}

const ALIAS_INDEX: ReadonlyMap<string, FieldKey> = buildAliasIndex();

function buildAliasIndex(): Map<string, FieldKey> {
  const index = new Map<string, FieldKey>();
  for (const [field, aliases] of Object.entries(FIELD_ALIASES) as [FieldKey, readonly string[]][]) {
    for (const alias of aliases) index.set(normaliseHeader(alias), field);
  }
  return index;
}

/** Folds a header for matching: no diacritics, no case, no trailing ":" or "*", no line breaks. */
export function normaliseHeader(text: string): string {
  return fold(text)
    .replace(/[:*]+$/, "")
    .trim();
}

/** The field a header cell names, or null. Units in brackets are ignored when the whole fails. */
export function matchHeader(value: unknown): FieldKey | null {
  if (typeof value !== "string") return null;
  const folded = normaliseHeader(value);
  if (folded === "") return null;
  const exact = ALIAS_INDEX.get(folded);
  if (exact) return exact;
  const withoutBrackets = folded.replace(/\s*[([].*?[)\]]\s*/g, " ").trim();
  return ALIAS_INDEX.get(withoutBrackets) ?? null;
}

interface Candidate {
  /** First and last row of the header block (the same row for a one-row header). */
  top: number;
  row: number;
  columns: Partial<Record<FieldKey, number>>;
  /** Row of the cell that names each field (the sub-header, or a merged cell's master). */
  cellRows: Partial<Record<FieldKey, number>>;
  labels: Map<number, string>;
  duplicates: { field: FieldKey; col: number; first: number }[];
  score: number;
  allRowsUsed: boolean;
  /** The period columns of a quarter or month matrix (two or more), else empty. */
  matrix: MatrixColumn[];
  ignoredPeriod: { col: number; row: number; text: string } | null;
}

/**
 * Sub-headers whose meaning depends on the group cell above them: "Thời gian" over "Bắt đầu |
 * Kết thúc" (the plan is due at the end), "Kinh phí" over "Dự toán | Thực chi", "Sản phẩm" over
 * "Số lượng | Thời lượng". Keys are folded; "start" marks a column read as nothing on purpose.
 */
const GROUP_RULES: readonly {
  group: RegExp;
  subs: Readonly<Record<string, FieldKey | "start">>;
}[] = [
  {
    group: /^(thoi gian|thoi han|time|schedule|period)/,
    subs: {
      "ket thuc": "period",
      "ngay ket thuc": "period",
      den: "period",
      "den ngay": "period",
      "hoan thanh": "period",
      end: "period",
      "bat dau": "start",
      "ngay bat dau": "start",
      tu: "start",
      "tu ngay": "start",
      start: "start",
    },
  },
  {
    group: /^(kinh phi|du toan kinh phi|budget|cost)/,
    subs: {
      "du toan": "budget",
      "ke hoach": "budget",
      "du kien": "budget",
      "so tien": "budget",
      planned: "budget",
      "thuc chi": "spent",
      "da chi": "spent",
      "thuc hien": "spent",
      "quyet toan": "spent",
      "giai ngan": "spent",
      spent: "spent",
      actual: "spent",
    },
  },
  // Evidence for payment (issue 13 §3): "Biên bản nghiệm thu" over "Số | Ngày", "Thanh toán"
  // over "Hóa đơn | Ngày".
  {
    group: /^(bien ban nghiem thu|nghiem thu|bbnt|acceptance)/,
    subs: {
      so: "acceptanceNo",
      "so bien ban": "acceptanceNo",
      "so bbnt": "acceptanceNo",
      number: "acceptanceNo",
      "no.": "acceptanceNo",
      ngay: "acceptedOn",
      "ngay nghiem thu": "acceptedOn",
      date: "acceptedOn",
    },
  },
  {
    group: /^(thanh toan|payment)/,
    subs: {
      ngay: "paidOn",
      "ngay thanh toan": "paidOn",
      date: "paidOn",
      "hoa don": "invoice",
      "so hoa don": "invoice",
      invoice: "invoice",
    },
  },
  {
    group: /^(san pham|product)/,
    subs: {
      "so luong": "count",
      "thoi luong": "duration",
      loai: "type",
      "the loai": "type",
      "hinh thuc": "type",
      ten: "title",
      "noi dung": "title",
    },
  },
];

/** Words that may head a group of columns without naming a field themselves. */
const GROUP_WORDS =
  /^(san pham|kinh phi|thoi gian|nguon kinh phi|du toan|product|budget|time|bien ban nghiem thu|nghiem thu|thanh toan|chung tu|acceptance|payment)/;

/**
 * The field a column's stack of header cells names (top to bottom), with the group rules, and
 * the index of the group cell that decided it (null when the lowest cell alone did).
 */
function columnField(stack: readonly string[]): {
  field: FieldKey | "start" | null;
  group: number | null;
} {
  const sub = stack[stack.length - 1];
  if (sub === undefined) return { field: null, group: null };
  const subKey = normaliseHeader(sub)
    .replace(/\s*[([].*?[)\]]\s*/g, " ")
    .trim();
  for (let i = stack.length - 2; i >= 0; i--) {
    const group = normaliseHeader(stack[i] ?? "");
    for (const rule of GROUP_RULES) {
      const hit = rule.group.test(group) ? rule.subs[subKey] : undefined;
      if (hit !== undefined) return { field: hit, group: i };
    }
  }
  const own = matchHeader(sub);
  if (own) return { field: own, group: null };
  // "Kinh phí" over "(đồng)": the group and the sub-header read as one header.
  const joined = stack.length > 1 ? matchHeader(stack.join(" ")) : null;
  return { field: joined, group: joined ? 0 : null };
}

/** Merged ranges that touch the header search area, by covered cell "r:c" → master cell. */
function mergeMasters(
  sheet: SheetData,
  lastRow: number,
): Map<string, { row: number; col: number }> {
  const masters = new Map<string, { row: number; col: number }>();
  for (const m of sheet.merges ?? []) {
    const b = parseRange(m);
    // A merge wider than the sheet could be (crafted files) is ignored, never walked cell by cell.
    if (!b || b.r1 > lastRow || (b.r2 - b.r1 + 1) * (b.c2 - b.c1 + 1) > 5000) continue;
    for (let r = b.r1; r <= Math.min(b.r2, lastRow); r++)
      for (let c = b.c1; c <= b.c2; c++)
        if (r !== b.r1 || c !== b.c1) masters.set(`${r}:${c}`, { row: b.r1, col: b.c1 });
  }
  return masters;
}

interface HeaderCell {
  readonly text: string;
  readonly row: number;
  readonly col: number;
  /** The cell is a master merged across several columns (a group heading). */
  readonly spans: boolean;
}

/** A cell's text as it shows in the block rows top..: a merged cell's master text when inside. */
function blockCell(
  sheet: SheetData,
  masters: Map<string, { row: number; col: number }>,
  spanning: Set<string>,
  top: number,
  row: number,
  col: number,
): HeaderCell | null {
  const master = masters.get(`${row}:${col}`) ?? { row, col };
  if (master.row < top) return null;
  const v = sheet.rows[master.row - 1]?.[master.col - 1];
  if (isBlank(v) || v === undefined) return null;
  return {
    text: cellText(v),
    row: master.row,
    col: master.col,
    spans: spanning.has(`${master.row}:${master.col}`),
  };
}

/** Whether the row's own cells read as header labels (not an item, a title or a numbering row). */
function headerLike(
  sheet: SheetData,
  row: number,
  masters: Map<string, { row: number; col: number }>,
  spanning: Set<string>,
): boolean {
  const cells = sheet.rows[row - 1] ?? [];
  // "Quý I | Quý II | …" (two or more) are the columns of a quarter or month matrix.
  let periods = 0;
  for (const v of cells) if (isPeriodHeader(v)) periods++;
  let own = 0;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (isBlank(v)) continue;
    if (masters.has(`${row}:${i + 1}`)) continue;
    if (typeof v !== "string" || v.length > 40) return false;
    const f = normaliseHeader(v);
    const known =
      matchHeader(v) !== null ||
      GROUP_WORDS.test(f) ||
      GROUP_RULES.some((rule) => rule.subs[f] !== undefined) ||
      spanning.has(`${row}:${i + 1}`) ||
      (periods >= 2 && isPeriodHeader(v));
    if (!known) return false;
    own++;
  }
  return own > 0;
}

function scoreBlock(
  sheet: SheetData,
  top: number,
  bottom: number,
  masters: Map<string, { row: number; col: number }>,
  spanning: Set<string>,
): Candidate {
  const columns: Partial<Record<FieldKey, number>> = {};
  const cellRows: Partial<Record<FieldKey, number>> = {};
  const labels = new Map<number, string>();
  const duplicates: Candidate["duplicates"] = [];
  const used = new Set<number>();
  const stacks: { c: number; stack: HeaderCell[]; texts: string[] }[] = [];
  let width = 0;
  for (let r = top; r <= bottom; r++) width = Math.max(width, sheet.rows[r - 1]?.length ?? 0);
  // The group cell of each upper row, carried right over blank cells: a clerk who types
  // "Thời gian" over "Bắt đầu | Kết thúc" without merging means it for both (and Office's
  // ranges, read without their merges, show the same).
  const carried = new Map<number, HeaderCell>();
  for (let c = 1; c <= width; c++) {
    const stack: HeaderCell[] = [];
    for (let r = top; r <= bottom; r++) {
      let cell = blockCell(sheet, masters, spanning, top, r, c);
      if (r < bottom) {
        if (cell && GROUP_RULES.some((rule) => rule.group.test(normaliseHeader(cell?.text ?? ""))))
          carried.set(r, cell);
        else if (cell) carried.delete(r);
        else if (carried.has(r) && !isBlank(sheet.rows[bottom - 1]?.[c - 1])) {
          const group = carried.get(r) as HeaderCell;
          const sub = normaliseHeader(cellText(sheet.rows[bottom - 1]?.[c - 1]));
          const rule = GROUP_RULES.find((g) => g.group.test(normaliseHeader(group.text)));
          if (rule?.subs[sub] !== undefined) cell = group;
          else carried.delete(r);
        } else carried.delete(r);
      }
      const prev = stack[stack.length - 1];
      if (cell && !(prev && prev.row === cell.row && prev.col === cell.col)) stack.push(cell);
    }
    const last = stack[stack.length - 1];
    if (!last) continue;
    const texts = stack.map((s) => s.text);
    labels.set(c, texts.map((t) => squash(t)).join(" › "));
    stacks.push({ c, stack, texts });
  }
  // Columns headed by a period ("Quý I", "T1"): two or more make a quarter or month matrix, and
  // are read as its periods, not as fields.
  const periodCols = stacks.filter((s) => isPeriodHeader(s.stack[s.stack.length - 1]?.text));
  const matrix: MatrixColumn[] =
    periodCols.length >= 2
      ? periodCols.map(({ c, stack }) => {
          const last = stack[stack.length - 1] as HeaderCell;
          for (const cell of stack) used.add(cell.row);
          const text = squash(last.text);
          return { col: c, row: last.row, text, parse: periodHeaderParseText(text) };
        })
      : [];
  const matrixCols = new Set(matrix.map((m) => m.col));
  for (const { c, stack, texts } of stacks) {
    if (matrixCols.has(c)) continue;
    const last = stack[stack.length - 1] as HeaderCell;
    const read = columnField(texts);
    const field = read.field;
    if (field === null) continue;
    // Rows that decided a field: its own cell's, and the group's that a rule read it under.
    used.add(last.row);
    if (read.group !== null)
      for (let g = read.group; g < stack.length; g++) used.add(stack[g]?.row ?? 0);
    if (field === "start") continue;
    const first = columns[field];
    if (first === undefined) {
      columns[field] = c;
      cellRows[field] = last.row;
    } else duplicates.push({ field, col: c, first });
  }
  // A matrix stands for the period column; a period column beside it is not read (said so).
  let ignoredPeriod: Candidate["ignoredPeriod"] = null;
  if (matrix.length > 0 && columns.period !== undefined) {
    const col = columns.period;
    ignoredPeriod = { col, row: cellRows.period ?? bottom, text: labels.get(col) ?? "" };
    delete columns.period;
    delete cellRows.period;
  }
  return {
    top,
    row: bottom,
    columns,
    cellRows,
    labels,
    duplicates,
    matrix,
    ignoredPeriod,
    score: Object.keys(columns).length + (matrix.length > 0 ? 1 : 0),
    // Every row of a block must decide some field: a title merged over the header does not.
    allRowsUsed: Array.from({ length: bottom - top + 1 }, (_, i) => top + i).every((r) =>
      used.has(r),
    ),
  };
}

function hasRequired(c: Candidate, assumed: readonly FieldKey[]): boolean {
  return REQUIRED_FIELDS.every(
    (f) =>
      c.columns[f] !== undefined || assumed.includes(f) || (f === "period" && c.matrix.length > 0),
  );
}

function aliasList(field: FieldKey): string {
  return FIELD_ALIASES[field].map((a) => `"${a}"`).join(", ");
}

/** Header blocks of up to three rows: "Sản phẩm" merged over "Số lượng | Thời lượng", … */
export const MAX_HEADER_ROWS = 3;

/**
 * Picks the header: the block of one to three rows in the first 20 with the most recognised
 * fields among those that have every required one. Rows of a deeper block must read as labels
 * and each must decide some field (a cell merged down over the sub-headers, or a group such as
 * "Sản phẩm", "Kinh phí", "Thời gian" that a sub-header is read under), so a title merged over a
 * one-row header leaves it a one-row header; a deeper block that starts on the same row and reads
 * as many fields wins (its sub-headers are the real cells). Two or more columns headed by a
 * period ("Quý I | Quý II", "T1 … T12", perhaps under a merged "Thời gian thực hiện") make a
 * quarter or month matrix: they stand for the period column (matrix.ts). Without such a block,
 * the best partial row explains what is missing.
 * `assumed`: required fields the clerk's column map supplies (a period column headed "TG").
 */
export function findHeader(sheet: SheetData, assumed: readonly FieldKey[] = []): HeaderResult {
  const limit = Math.min(HEADER_SEARCH_ROWS, sheet.rows.length);
  const masters = mergeMasters(sheet, limit + MAX_HEADER_ROWS);
  const spanning = new Set<string>();
  for (const m of sheet.merges ?? []) {
    const b = parseRange(m);
    if (b && b.c2 > b.c1 && b.r1 <= limit) spanning.add(`${b.r1}:${b.c1}`);
  }
  let best: Candidate | null = null;
  let bestPartial: Candidate | null = null;
  for (let r = 1; r <= limit; r++) {
    for (let depth = 1; depth <= MAX_HEADER_ROWS; depth++) {
      const bottom = r + depth - 1;
      if (bottom > sheet.rows.length) break;
      if (depth > 1 && !headerLike(sheet, bottom, masters, spanning)) break;
      if (depth > 1 && depth === 2 && !headerLike(sheet, r, masters, spanning)) break;
      const candidate = scoreBlock(sheet, r, bottom, masters, spanning);
      if (hasRequired(candidate, assumed) && candidate.allRowsUsed) {
        // A deeper block that reads as well wins: its sub-headers name the real cells.
        if (
          !best ||
          candidate.score > best.score ||
          (candidate.score === best.score && candidate.top === best.top && candidate.row > best.row)
        )
          best = candidate;
      } else if (
        depth === 1 &&
        candidate.score > 0 &&
        (!bestPartial || candidate.score > bestPartial.score)
      ) {
        bestPartial = candidate;
      }
    }
  }

  if (!best) {
    const matrix = periodMatrix(sheet, limit);
    return {
      map: null,
      diagnostics: [
        matrix ? matrixDiagnostic(sheet.name, matrix) : missingDiagnostic(sheet.name, bestPartial),
      ],
    };
  }

  // The header row's own texts (the block's last row), as a table over the items would name
  // them; lastColumn covers the whole block.
  const cells = sheet.rows[best.row - 1] ?? [];
  const headerTexts = new Map<number, string>();
  let lastColumn = 0;
  cells.forEach((value, i) => {
    if (!isBlank(value)) {
      headerTexts.set(i + 1, cellText(value));
      lastColumn = i + 1;
    }
  });
  for (const c of best.labels.keys()) lastColumn = Math.max(lastColumn, c);
  const headerCells: Partial<Record<FieldKey, string>> = {};
  for (const [field, col] of Object.entries(best.columns) as [FieldKey, number][]) {
    headerCells[field] = a1(best.cellRows[field] ?? best.row, col);
  }
  const diagnostics = best.duplicates.map((d) =>
    locate(
      issue("header.duplicate", "warning", {
        vi: `Cột "${FIELD_LABELS[d.field].vi}" xuất hiện hai lần; công cụ dùng cột đầu tiên và bỏ qua cột này. Đổi tên một trong hai tiêu đề nếu chúng khác nhau.`,
        en: `The "${FIELD_LABELS[d.field].en}" column appears twice; the tool uses the first and ignores this one. Rename one of the headers if they differ.`,
      }),
      {
        sheet: sheet.name,
        row: best.row,
        col: d.col,
        field: d.field,
        value: best.labels.get(d.col) ?? null,
      },
    ),
  );
  if (best.ignoredPeriod) diagnostics.push(ignoredPeriodDiagnostic(sheet.name, best));
  return {
    map: {
      headerRow: best.row,
      firstHeaderRow: best.top,
      columns: best.columns,
      headerCells,
      labels: best.labels,
      headerTexts,
      lastColumn,
      ...(best.matrix.length > 0 ? { matrix: best.matrix } : {}),
      ...(best.ignoredPeriod ? { ignoredPeriod: best.ignoredPeriod } : {}),
    },
    diagnostics,
  };
}

/** A period column beside a matrix's period columns: the matrix is read, the column is not. */
function ignoredPeriodDiagnostic(sheetName: string, c: Candidate): Diagnostic {
  const p = c.ignoredPeriod as NonNullable<Candidate["ignoredPeriod"]>;
  const list = c.matrix.map((m) => `"${m.text}"`).join(", ");
  return locate(
    issue("header.period-beside-matrix", "warning", {
      vi: `Bảng có các cột theo kỳ (${list}): mỗi ô có số lượng hoặc dấu "x" là một mục của kỳ đó, nên cột "${p.text}" không được đọc. Nếu cột này mới là thời gian của các mục, đổi tiêu đề các cột kỳ hoặc dùng --map period=<cột>.`,
      en: `The table has period columns (${list}): each cell with a count or an "x" is an item of that period, so the column "${p.text}" is not read. If that column holds the items' periods, rename the period columns or pass --map period=<column>.`,
    }),
    { sheet: sheetName, row: p.row, col: p.col, field: "period", value: p.text },
  );
}

/** A row whose headers are periods, one per column (a quarter or month matrix), if any. */
function periodMatrix(
  sheet: SheetData,
  limit: number,
): { row: number; cells: { col: number; text: string }[] } | null {
  for (let r = 1; r <= limit; r++) {
    const cells: { col: number; text: string }[] = [];
    (sheet.rows[r - 1] ?? []).forEach((v, i) => {
      if (typeof v === "string" && isPeriodHeader(v)) cells.push({ col: i + 1, text: squash(v) });
    });
    if (cells.length >= 2) return { row: r, cells };
  }
  return null;
}

/**
 * A quarter or month matrix ("Quý I | Quý II | Quý III | Quý IV" holding counts or "x") whose
 * header has no title column: said plainly, with the cells, instead of "no period column".
 */
function matrixDiagnostic(
  sheetName: string,
  matrix: { row: number; cells: { col: number; text: string }[] },
): Diagnostic {
  const list = matrix.cells.map((c) => `"${c.text}" ${a1(matrix.row, c.col)}`).join(", ");
  return locate(
    issue("header.period-matrix", "error", {
      vi: `Hàng ${matrix.row} là bảng theo kỳ (mỗi cột một quý hoặc tháng: ${list}) nhưng không tìm thấy cột nội dung (một trong: ${aliasList("title")}) ở cùng khối tiêu đề. Thêm tiêu đề "Nội dung" cho cột tên chủ đề rồi chạy lại.`,
      en: `Row ${matrix.row} is a period matrix (one column per quarter or month: ${list}) but no title column (one of: ${aliasList("title")}) was found in the same header block. Head the topics' column "Nội dung" (title) and run again.`,
    }),
    {
      sheet: sheetName,
      row: matrix.row,
      col: matrix.cells[0]?.col ?? null,
      field: "period",
      value: matrix.cells[0]?.text ?? null,
    },
  );
}

function missingDiagnostic(sheetName: string, partial: Candidate | null): Diagnostic {
  const missing = partial
    ? REQUIRED_FIELDS.filter((f) => partial.columns[f] === undefined)
    : REQUIRED_FIELDS;
  const lines = missing.map((f) => ({
    vi: `cột ${FIELD_LABELS[f].vi.toLowerCase()} (một trong: ${aliasList(f)})`,
    en: `a ${FIELD_LABELS[f].en.toLowerCase()} column (one of: ${aliasList(f)})`,
  }));
  const where = partial
    ? {
        vi: ` Hàng ${partial.row} giống hàng tiêu đề nhưng thiếu`,
        en: ` Row ${partial.row} looks like the header row but lacks`,
      }
    : {
        vi: " Không tìm thấy hàng tiêu đề trong 20 hàng đầu; cần",
        en: " No header row was found in the first 20 rows; it needs",
      };
  return locate(
    issue("header.missing-required", "error", {
      vi: `Đây không phải bảng kế hoạch.${where.vi} ${lines.map((l) => l.vi).join(" và ")}. Thêm tiêu đề cột rồi chạy lại.`,
      en: `This is not a plan sheet.${where.en} ${lines.map((l) => l.en).join(" and ")}. Add the column header and run again.`,
    }),
    {
      sheet: sheetName,
      row: partial?.row ?? null,
      col: partial ? 1 : null,
      field: missing[0] ?? null,
      value: null,
    },
  );
}
