/**
 * The schedule of a plan document written as a Word table: each table of the document, as a grid
 * with its merges (docxTables.ts), goes through the worksheet reader (readPlan: header blocks,
 * section rows, headings, totals, cells merged over items), and its items become the document's
 * items with every cell's text as written. Tables that are not plan tables (the agency | motto
 * block at the top of an official letter, a signature block) are left alone.
 */
import type { IsoDate } from "./calendar";
import { a1, cellText, isBlank, type CellValue } from "./cell";
import { issue, type Diagnostic, type Issue } from "./diagnostics";
import type { DocxTable } from "./docxTables";
import { FIELD_LABELS, type FieldKey } from "./fields";
import { readPlan } from "./plan";
import type { PlanDocItem } from "./planDocument";
import { PLAN_COLUMNS } from "./planWorkbook";
import { EMPTY_SETTINGS } from "./settings";
import { itemMerges, type TableLayout } from "./tableLayout";
import { clip, squash } from "./text";

export interface TableRead {
  readonly index: number;
  readonly items: readonly PlanDocItem[];
  readonly layout: TableLayout;
  /** The plan year the table's own title rows or periods give, if any. */
  readonly planYear: number | null;
  /** Findings the standard workbook cannot show any more (totals, shared amounts, lost columns). */
  readonly issues: readonly Issue[];
}

export interface TablesRead {
  readonly tables: readonly TableRead[];
  /** Tables that look like a plan table but could not be read, with the reason. */
  readonly refused: readonly { readonly index: number; readonly issue: Issue }[];
}

/** Any date: the import reads texts, not what is overdue. */
const NO_CLOCK: IsoDate = "2000-01-01";

/** Findings about the table itself that the standard plan workbook no longer shows. */
const KEPT_CODES = new Set(["total.mismatch", "merged.shared-amount", "header.duplicate"]);

export function readPlanTables(tables: readonly DocxTable[], planYear: number | null): TablesRead {
  const read: TableRead[] = [];
  const refused: TablesRead["refused"][number][] = [];
  for (const original of tables) {
    const ctx = { asOf: NO_CLOCK, planYear, settings: EMPTY_SETTINGS };
    let table = original;
    let result = readPlan(table.sheet, ctx);
    const reason = result.diagnostics[0];
    if (result.plan === null && reason?.code === "header.missing-required") {
      // A Word schedule often has no period column at all: its section rows ("I | QUÝ I")
      // carry the period of the items under them. Read it with a period column added, empty,
      // and keep that reading only if section rows did give the items their periods.
      const withPeriod = sectionsOnly(original, reason);
      const retry = withPeriod === null ? null : readPlan(withPeriod.sheet, ctx);
      if (retry?.plan && retry.plan.items.some((i) => i.periodInherited)) {
        table = withPeriod ?? original;
        result = retry;
      }
    }
    const plan = result.plan;
    if (plan === null) {
      // Only a table with a row that reads partly as a plan header is worth a word.
      if (reason && (reason.code === "header.period-matrix" || reason.row !== null))
        refused.push({ index: table.index, issue: inTable(table.index, reason) });
      continue;
    }
    const merges = itemMerges(table.sheet, plan.header);
    const cols = plan.header.columns;
    const get = (row: number, field: FieldKey): CellValue => {
      const c = cols[field];
      if (c === undefined) return null;
      const v = table.sheet.rows[row - 1]?.[c - 1] ?? null;
      if (!isBlank(v)) return v;
      const master = merges.covered.get(row * 16384 + c);
      return master === undefined ? null : (table.sheet.rows[master - 1]?.[c - 1] ?? null);
    };
    const text = (row: number, field: FieldKey): string | null => {
      const v = get(row, field);
      return isBlank(v) ? null : squash(cellText(v));
    };
    // A quarter or month matrix gives one item per filled period cell: its count is that cell
    // (a mark is one), and the topic's budget goes on its first item only, never once per period.
    const seenTopics = new Set<number>();
    const matrixCount = (item: (typeof plan.items)[number]): string | null => {
      if (item.matrixCol === undefined) return text(item.row, "count");
      const v = table.sheet.rows[item.row - 1]?.[item.matrixCol - 1] ?? null;
      const t = isBlank(v) ? "" : squash(cellText(v));
      return /\d/.test(t) ? t : null;
    };
    const firstOfTopic = (row: number): boolean => {
      if (plan.matrix === undefined) return true;
      if (seenTopics.has(row)) return false;
      seenTopics.add(row);
      return true;
    };
    const items = plan.items.map((item): PlanDocItem => ({
      periodText: item.periodText === null ? "" : squash(item.periodText),
      title: text(item.row, "title") ?? "",
      countText: matrixCount(item),
      typeText: text(item.row, "type"),
      durationText: text(item.row, "duration"),
      unit: text(item.row, "unit"),
      budgetText: firstOfTopic(item.row) ? text(item.row, "budget") : null,
      notesText: text(item.row, "notes"),
      sourceLine: item.row,
      sourceTable: table.index,
    }));
    const issues = [
      ...plan.diagnostics.filter((d) => KEPT_CODES.has(d.code)).map((d) => inTable(table.index, d)),
      ...lostColumns(
        table,
        plan.header.columns,
        new Map(
          [...plan.header.labels].filter(
            ([col]) => !(plan.matrix?.columns ?? []).some((m) => m.col === col),
          ),
        ),
        plan.items,
        plan.diagnostics,
      ),
    ];
    read.push({
      index: table.index,
      items,
      layout: plan.layout,
      planYear: plan.planYearSource === "title" ? plan.planYear : null,
      issues,
    });
  }
  return { tables: read, refused };
}

/**
 * The table with an empty "Thời gian" (period) column added right of its last column, on the row
 * that read as a header without one; null when the header lacks more than the period.
 */
function sectionsOnly(table: DocxTable, missing: Diagnostic): DocxTable | null {
  // The first missing field is named: "period" means the title column was found.
  if (missing.field !== "period" || missing.row === null) return null;
  const headerRow = missing.row;
  const width = Math.max(0, ...table.sheet.rows.map((r) => r.length));
  const rows = table.sheet.rows.map((r, i) => {
    if (i !== headerRow - 1) return r;
    const out: CellValue[] = [...r];
    while (out.length < width) out.push(null);
    out.push(FIELD_LABELS.period.vi);
    return out;
  });
  return { ...table, sheet: { ...table.sheet, rows } };
}

/** A finding on a table's cell, said as "Bảng 2, ô G20: …" (Table 2, cell G20). */
function inTable(index: number, d: Diagnostic): Issue {
  const where =
    d.cell !== null
      ? { vi: `Bảng ${index}, ô ${d.cell}: `, en: `Table ${index}, cell ${d.cell}: ` }
      : { vi: `Bảng ${index}: `, en: `Table ${index}: ` };
  return issue(
    d.code,
    d.severity,
    { vi: where.vi + d.detail.vi, en: where.en + d.detail.en },
    d.suggestion,
  );
}

/**
 * Columns of the table the standard plan workbook has no place for (a header the tool did not
 * recognise, or a tracker column such as "Thực chi") whose item cells hold something: their text
 * is not imported, and the clerk is told which column and what to do, never silently.
 */
function lostColumns(
  table: DocxTable,
  columns: Readonly<Partial<Record<FieldKey, number>>>,
  labels: ReadonlyMap<number, string>,
  items: readonly { readonly row: number }[],
  diagnostics: readonly Diagnostic[],
): Issue[] {
  const kept = new Set(PLAN_COLUMNS.map((f) => columns[f]).filter((c) => c !== undefined));
  const fieldOf = new Map<number, FieldKey>();
  for (const [f, c] of Object.entries(columns) as [FieldKey, number][]) fieldOf.set(c, f);
  const out: Issue[] = [];
  for (const [col, label] of labels) {
    if (kept.has(col)) continue;
    const filled = items.find((i) => !isBlank(table.sheet.rows[i.row - 1]?.[col - 1]));
    if (filled === undefined) continue;
    const example = clip(squash(cellText(table.sheet.rows[filled.row - 1]?.[col - 1])), 40);
    const cell = a1(filled.row, col);
    const looks = diagnostics.find((d) => d.code === "header.unmapped-column" && d.col === col);
    const field = fieldOf.get(col);
    const where = {
      vi: `Bảng ${table.index}, cột "${label}"`,
      en: `Table ${table.index}, column "${label}"`,
    };
    if (looks?.field) {
      const name = FIELD_LABELS[looks.field];
      out.push(
        issue("import.column-not-read", "warning", {
          vi: `${where.vi}: tiêu đề không được nhận ra nhưng giá trị giống ${name.vi.toLowerCase()} (ô ${cell}: "${example}"); cột này không được nhập. Đổi tiêu đề trong Word thành "${name.vi}" rồi nhập lại, hoặc thêm cột "${name.vi}" vào sổ kế hoạch sau khi nhập.`,
          en: `${where.en}: the header was not recognised but its values look like ${name.en.toLowerCase()} (cell ${cell}: "${example}"); the column was not imported. Rename the header in Word to "${name.vi}" (${name.en}) and import again, or add a "${name.vi}" column to the plan workbook after importing.`,
        }),
      );
    } else {
      const what =
        field !== undefined
          ? {
              vi: `cột ${FIELD_LABELS[field].vi.toLowerCase()}`,
              en: `the ${FIELD_LABELS[field].en.toLowerCase()} column`,
            }
          : { vi: "cột không thuộc trường nào", en: "a column of no known field" };
      out.push(
        issue("import.column-not-read", "info", {
          vi: `${where.vi} (${what.vi}, ví dụ ô ${cell}: "${example}") không có trong sổ kế hoạch nên không được nhập; nếu cần, chép cột này vào sổ kế hoạch sau khi nhập.`,
          en: `${where.en} (${what.en}, e.g. cell ${cell}: "${example}") has no place in the plan workbook and was not imported; copy it into the plan workbook after importing if you need it.`,
        }),
      );
    }
  }
  return out;
}
