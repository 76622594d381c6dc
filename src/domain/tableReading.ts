/**
 * "Cách đọc bảng" (how the table is read), for the task pane to show before converting and to let
 * the clerk reassign a column: the header block found, which column each field is read from and
 * why (its header, the clerk's --map, the tracker's saved map), the columns that could hold each
 * field instead, the sections and totals found, and what was said about the map. Saving a choice
 * is converting with it (buildTracker's columnMap, convertToTracker's in the add-in): the tracker's
 * metadata keeps it for every later run.
 */
import { columnLetter, isBlank } from "./cell";
import { checkWorkbook, type CheckOptions } from "./check";
import { MAPPABLE, plainMap, type ColumnMap, type MapSource } from "./columnMap";
import type { Diagnostic } from "./diagnostics";
import type { FieldKey } from "./fields";
import { matchHeader } from "./headers";
import { describeLayout, looksLike, type TableLayout } from "./tableLayout";
import type { WorkbookData } from "./workbookData";

export interface ColumnChoice {
  readonly col: number;
  /** "D" */
  readonly letter: string;
  /** The column's header, group first ("Sản phẩm › Thời lượng"); "" when it has none. */
  readonly label: string;
}

export interface ColumnCandidate extends ColumnChoice {
  /** Why it could hold the field: its header names it, or its values look like it. */
  readonly reason: "header" | "values";
}

export interface FieldReading {
  readonly field: FieldKey;
  /** The column read for the field, null when none is. */
  readonly column: ColumnChoice | null;
  /** The header cell of that column ("D7" under a merged "Sản phẩm"). */
  readonly cell: string | null;
  readonly source: "header" | MapSource | null;
  /** Other columns that could hold the field, best first (the dropdown's suggestions). */
  readonly candidates: readonly ColumnCandidate[];
}

export interface TableReading {
  readonly sheet: string;
  readonly headerRows: TableLayout["headerRows"];
  /** Every field a clerk may assign, in the standard order. */
  readonly fields: readonly FieldReading[];
  /**
   * Every column of the header block, and those without a header that hold the items' values or
   * are mapped: the dropdown's choices.
   */
  readonly columns: readonly ColumnChoice[];
  readonly layout: TableLayout;
  /** The same reading as `check` prints it, in both languages. */
  readonly lines: { readonly vi: readonly string[]; readonly en: readonly string[] };
  /** What was said about the map (moved header, dropped or empty column). */
  readonly mapDiagnostics: readonly Diagnostic[];
  /** The map in effect, to show as the dropdowns' selection and to save as it is. */
  readonly columnMap: ColumnMap;
}

/**
 * How the plan in `wb` is read with `opts` (opts.columnMap: a map to try; without one, a
 * tracker's saved map). Pure: the add-in and the standalone pane call it on the workbook they
 * read. Throws like checkWorkbook when no plan table is found.
 */
export function tableReading(wb: WorkbookData, opts: CheckOptions): TableReading {
  const { plan, diagnostics } = checkWorkbook(wb, opts);
  const header = plan.header;
  const sheet = wb.sheets.find((s) => s.name === plan.sheet);
  const columns = columnChoices();
  const mapped = new Set(plan.layout.mapped);
  const fields = MAPPABLE.map((field): FieldReading => {
    const col = header.columns[field];
    // A mapped field without a column is the clerk's "(không có)": its source is the map's.
    const source: FieldReading["source"] = mapped.has(field)
      ? (plan.layout.mapSource ?? "option")
      : col === undefined
        ? null
        : "header";
    const candidates: ColumnCandidate[] = [];
    for (const c of columns) {
      if (c.col === col) continue;
      const sub = c.label.split(" › ").pop() ?? "";
      if (matchHeader(sub) === field || matchHeader(c.label.replace(/ › /g, " ")) === field)
        candidates.push({ ...c, reason: "header" });
    }
    for (const c of columns) {
      if (c.col === col || candidates.some((k) => k.col === c.col)) continue;
      if (valuesLook(c.col, field)) candidates.push({ ...c, reason: "values" });
    }
    return {
      field,
      column: col === undefined ? null : (columns.find((c) => c.col === col) ?? choice(col, "")),
      cell: header.headerCells[field] ?? null,
      source,
      candidates,
    };
  });
  return {
    sheet: plan.sheet,
    headerRows: plan.layout.headerRows,
    fields,
    columns,
    layout: plan.layout,
    lines: {
      vi: describeLayout(header, plan.layout, "vi"),
      en: describeLayout(header, plan.layout, "en"),
    },
    mapDiagnostics: diagnostics.filter((d) => d.code.startsWith("map.")),
    columnMap: plainMap(plan.layout.columnMap ?? {}),
  };

  /**
   * The header's columns, and the columns without a header that hold values on the items or
   * that a map names (a clerk may read the period from a column the header left blank).
   */
  function columnChoices(): ColumnChoice[] {
    const cols = new Map<number, string>(header.labels);
    const itemRows = plan.items.map((i) => i.row);
    let width = 0;
    for (const r of itemRows) width = Math.max(width, sheet?.rows[r - 1]?.length ?? 0);
    for (let c = 1; c <= width; c++) {
      if (cols.has(c)) continue;
      if (itemRows.some((r) => !isBlank(sheet?.rows[r - 1]?.[c - 1] ?? null))) cols.set(c, "");
    }
    for (const c of Object.values(header.columns)) if (!cols.has(c)) cols.set(c, "");
    return [...cols]
      .sort((a, b) => a[0] - b[0])
      .map(([col, label]) => ({ col, letter: columnLetter(col), label }));
  }

  /** Most of the items' filled cells in the column look like the field's values. */
  function valuesLook(col: number, field: FieldKey): boolean {
    if (
      !sheet ||
      (field !== "duration" && field !== "count" && field !== "period" && field !== "budget")
    )
      return false;
    let filled = 0;
    let like = 0;
    for (const item of plan.items) {
      const v = sheet.rows[item.row - 1]?.[col - 1] ?? null;
      if (isBlank(v)) continue;
      filled++;
      if (looksLike(v) === field) like++;
    }
    return like >= 2 && like >= filled * 0.6;
  }
}

function choice(col: number, label: string): ColumnChoice {
  return { col, letter: columnLetter(col), label };
}
