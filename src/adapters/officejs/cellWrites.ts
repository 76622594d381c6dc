/**
 * How the Office.js adapter turns CellSpecs into few, large range writes: cells are grouped into
 * runs (one column, consecutive rows, the same number format and style) for the user's sheet, and
 * into whole blocks for sheets the tool creates. Pure, so the grouping is unit-tested.
 */
import { columnLetter } from "../../domain/cell";
import type { CellSpec, CellStyle, Scalar } from "../../domain/layout/spec";

/**
 * What to put in a `range.formulas` array for a cell. A literal string that Excel would take for a
 * formula or a number-like entry (= + - @) gets the quote prefix "'", which Excel keeps as "text"
 * and does not store in the value — so a user's "=HYPERLINK(…)" is never executed.
 */
export function formulaInput(spec: Pick<CellSpec, "value" | "formula">): string | number | boolean {
  if (spec.formula !== undefined) return `=${spec.formula}`;
  return literalInput(spec.value ?? null);
}

export function literalInput(value: Scalar): string | number | boolean {
  if (value === null) return "";
  if (typeof value === "string") return /^[=+\-@'\t\r]/.test(value) ? `'${value}` : value;
  return value;
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
  readonly numberFormat: string[][];
}

/** One rectangle holding every cell of a sheet the tool creates (unlisted cells stay empty). */
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
  const numberFormat: string[][] = Array.from({ length: r2 }, () =>
    Array<string>(c2).fill("General"),
  );
  for (const c of cells) {
    const row = formulas[c.row - 1] as (string | number | boolean)[];
    if (c.value !== undefined || c.formula !== undefined) row[c.col - 1] = formulaInput(c);
    if (c.numFmt !== undefined) (numberFormat[c.row - 1] as string[])[c.col - 1] = c.numFmt;
  }
  return { address: `A1:${columnLetter(c2)}${r2}`, formulas, numberFormat };
}

/** Cells with the same style next to each other in a row share one format call. */
export function styleRuns(cells: readonly CellSpec[]): { address: string; style: CellStyle }[] {
  const styled = cells.filter(
    (c): c is CellSpec & { style: CellStyle } =>
      c.style !== undefined && Object.keys(c.style).length > 0,
  );
  styled.sort((a, b) => a.row - b.row || a.col - b.col);
  const out: { address: string; style: CellStyle }[] = [];
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
    out.push({
      address: `${columnLetter(first.col)}${first.row}:${columnLetter(last.col)}${last.row}`,
      style: first.style,
    });
    i = j + 1;
  }
  return out;
}
