/**
 * How the Office.js adapter turns CellSpecs into few, large range writes: cells are grouped into
 * runs (one column, consecutive rows, the same number format and style) for the user's sheet, and
 * into whole blocks for sheets the tool creates. Pure, so the grouping is unit-tested.
 */
import { columnLetter } from "../../domain/cell";
import type { CellSpec, CellStyle, Scalar } from "../../domain/layout/spec";

/**
 * What to put in a `range.formulas` array for a cell. Excel "types in" every string written through
 * the API: "=…", "+…", "-…", "@…" become formulas, "01" the number 1, "5-14" the date 14 May,
 * "TRUE" a boolean, "#N/A" an error, and a leading "'" is dropped. A literal string that Excel could
 * read as anything but itself therefore gets the quote prefix "'", which Excel keeps as "text"
 * and does not store in the value — so a user's "=HYPERLINK(…)" is never executed and the tool's
 * "5-14" stays text.
 */
export function formulaInput(spec: Pick<CellSpec, "value" | "formula">): string | number | boolean {
  if (spec.formula !== undefined) return `=${spec.formula}`;
  return literalInput(spec.value ?? null);
}

/** Strings Excel would not keep as the same text when typed in (formula, number, date, …). */
export function needsQuote(text: string): boolean {
  return (
    /^[=+\-@'\t\r#]/.test(text) ||
    // Numbers, dates, times, fractions and percentages all hold a digit (any locale).
    /\d/.test(text) ||
    /^\s*(true|false)\s*$/i.test(text)
  );
}

export function literalInput(value: Scalar): string | number | boolean {
  if (value === null) return "";
  if (typeof value === "string") return needsQuote(value) ? `'${value}` : value;
  return value;
}

/** Bytes of a string as UTF-8 (what a request to Excel carries). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80) n += 1;
    else if (code < 0x800) n += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export interface Run {
  /** A1 range on the sheet, e.g. "H5:H14". */
  readonly address: string;
  /** Rows × 1 column, or null when the run only formats (no values written). */
  readonly formulas: (string | number | boolean)[][] | null;
  readonly numFmt: string | undefined;
  readonly style: CellStyle | undefined;
}

const key = (s: CellSpec): string =>
  JSON.stringify([
    s.numFmt ?? null,
    s.style ?? null,
    s.value === undefined && s.formula === undefined,
  ]);

/** Column runs for a "patch" sheet: only the listed cells are touched. */
export function columnRuns(cells: readonly CellSpec[]): Run[] {
  const byCol = new Map<number, CellSpec[]>();
  for (const c of cells) {
    const list = byCol.get(c.col) ?? [];
    list.push(c);
    byCol.set(c.col, list);
  }
  const runs: Run[] = [];
  for (const [col, list] of [...byCol.entries()].sort((a, b) => a[0] - b[0])) {
    // A later spec for the same cell wins, as in the exceljs adapter.
    const byRow = new Map<number, CellSpec>();
    for (const c of list) byRow.set(c.row, { ...byRow.get(c.row), ...c });
    const sorted = [...byRow.values()].sort((a, b) => a.row - b.row);
    let start = 0;
    for (let i = 1; i <= sorted.length; i++) {
      const prev = sorted[i - 1] as CellSpec;
      const cur = sorted[i];
      if (cur && cur.row === prev.row + 1 && key(cur) === key(prev)) continue;
      const group = sorted.slice(start, i);
      const first = group[0] as CellSpec;
      const formatOnly = first.value === undefined && first.formula === undefined;
      runs.push({
        address: `${columnLetter(col)}${first.row}:${columnLetter(col)}${prev.row}`,
        formulas: formatOnly ? null : group.map((c) => [formulaInput(c)]),
        numFmt: first.numFmt,
        style: first.style,
      });
      start = i;
    }
  }
  return runs;
}

export interface Block {
  readonly address: string;
  readonly formulas: (string | number | boolean)[][];
}

/**
 * One rectangle holding every cell of a sheet the tool creates (unlisted cells stay empty). Number
 * formats go separately, by `formatRuns`: a matrix of "General" would double the request.
 */
export function wholeBlock(cells: readonly CellSpec[]): Block | null {
  if (cells.length === 0) return null;
  let r2 = 0;
  let c2 = 0;
  for (const c of cells) {
    r2 = Math.max(r2, c.row);
    c2 = Math.max(c2, c.col);
  }
  const formulas: (string | number | boolean)[][] = Array.from({ length: r2 }, () =>
    Array<string | number | boolean>(c2).fill(""),
  );
  for (const c of cells) {
    const row = formulas[c.row - 1] as (string | number | boolean)[];
    if (c.value !== undefined || c.formula !== undefined) row[c.col - 1] = formulaInput(c);
  }
  return { address: `A1:${columnLetter(c2)}${r2}`, formulas };
}

/** The number formats of cells, as format-only column runs (one format call per run). */
export function formatRuns(cells: readonly CellSpec[]): Run[] {
  return columnRuns(
    cells
      .filter((c) => c.numFmt !== undefined)
      .map((c) => ({ row: c.row, col: c.col, numFmt: c.numFmt as string })),
  );
}

/**
 * Cells with the same style share one format call: neighbours in a row form a run, and the same
 * run on consecutive rows grows into one rectangle (a 1 000-row table is one call, not 1 000).
 */
export function styleRuns(cells: readonly CellSpec[]): { address: string; style: CellStyle }[] {
  const styled = cells.filter(
    (c): c is CellSpec & { style: CellStyle } =>
      c.style !== undefined && Object.keys(c.style).length > 0,
  );
  styled.sort((a, b) => a.row - b.row || a.col - b.col);
  interface Rect {
    r1: number;
    r2: number;
    c1: number;
    c2: number;
    style: CellStyle;
    sig: string;
  }
  const rows: Rect[] = [];
  let i = 0;
  while (i < styled.length) {
    const first = styled[i] as CellSpec & { style: CellStyle };
    let j = i;
    const sig = JSON.stringify(first.style);
    while (
      j + 1 < styled.length &&
      (styled[j + 1] as CellSpec).row === first.row &&
      (styled[j + 1] as CellSpec).col === (styled[j] as CellSpec).col + 1 &&
      JSON.stringify((styled[j + 1] as CellSpec).style) === sig
    )
      j++;
    const last = styled[j] as CellSpec;
    rows.push({
      r1: first.row,
      r2: first.row,
      c1: first.col,
      c2: last.col,
      style: first.style,
      sig,
    });
    i = j + 1;
  }
  // A run continues the rectangle that ended on the row above with the same columns and style.
  const open = new Map<string, Rect>();
  const out: Rect[] = [];
  for (const run of rows) {
    const k = `${run.c1}:${run.c2}:${run.sig}`;
    const above = open.get(k);
    if (above && above.r2 === run.r1 - 1) {
      above.r2 = run.r1;
      continue;
    }
    open.set(k, run);
    out.push(run);
  }
  return out.map((r) => ({
    address: `${columnLetter(r.c1)}${r.r1}:${columnLetter(r.c2)}${r.r2}`,
    style: r.style,
  }));
}
