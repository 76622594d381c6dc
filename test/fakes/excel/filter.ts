/**
 * AutoFilter (ExcelApi 1.9): a table's filter buttons or the sheet's AutoFilter, modelled as one
 * filter per sheet (Excel allows the sheet's and each table's; the add-in only needs to know
 * whether any is filtering). Criteria: a values filter on one column, as a clerk picks statuses
 * from the button's list.
 *
 * Rows a filter hides are not hidden rows: a write over a range that spans them goes wrong in
 * Excel (OfficeDev/office-js#224: "rows that should be filtered are shown … data seems to be
 * misplaced"). The host models that the way a paste into a filtered range behaves: the values
 * land on the visible rows, in order, and the hidden rows keep theirs — so a product that writes
 * through a filter sees its data misplaced, as a clerk would.
 */
import type { Rect } from "./address";
import { fail } from "./errors";
import { HostObject, defineHost } from "./hostObject";
import type { SheetState, TableState } from "./state";
import { displayText } from "./cellValues";
import { contentOf } from "./state";
import type { FakeWorkbook } from "./workbook";

export interface FilterState {
  /** The filtered range, header row included. */
  rect: Rect;
  /** 0-based column inside rect, and the values shown. */
  columnIndex: number;
  values: string[];
  /** 0-based sheet rows the filter hides. */
  hidden: Set<number>;
}

const FILTERS = new WeakMap<SheetState, FilterState>();

export function filterOf(sheet: SheetState): FilterState | null {
  return FILTERS.get(sheet) ?? null;
}

/** What the filter list shows for a cell: its displayed text. */
function displayOf(fake: FakeWorkbook, sheet: SheetState, r: number, c: number): string {
  const cell = fake.cellAt(sheet, r, c);
  return displayText(contentOf(cell), cell?.numberFormat);
}

export function applyFilter(
  fake: FakeWorkbook,
  sheet: SheetState,
  rect: Rect,
  columnIndex: number,
  values: string[],
): void {
  if (!Number.isInteger(columnIndex) || columnIndex < 0 || columnIndex >= rect.cols)
    fail("InvalidArgument", `columnIndex ${String(columnIndex)} is outside the filtered range`);
  const hidden = new Set<number>();
  for (let r = rect.r + 1; r < rect.r + rect.rows; r++) {
    if (!values.includes(displayOf(fake, sheet, r, rect.c + columnIndex))) hidden.add(r);
  }
  FILTERS.set(sheet, { rect, columnIndex, values, hidden });
}

export function clearFilter(sheet: SheetState): void {
  FILTERS.delete(sheet);
}

/** Rows of `rect` a filter hides (0-based), in order. */
export function filteredRowsIn(sheet: SheetState, rect: Rect): number[] {
  const f = filterOf(sheet);
  if (!f) return [];
  const out: number[] = [];
  for (let r = rect.r; r < rect.r + rect.rows; r++) if (f.hidden.has(r)) out.push(r);
  return out;
}

type FilterTarget = { sheet: SheetState; rect: () => Rect };

function targetOf(t: unknown): FilterTarget {
  const table = t as TableState;
  if ((t as { cells?: unknown }).cells instanceof Map) {
    const sheet = t as SheetState;
    return {
      sheet,
      rect: () => filterOf(sheet)?.rect ?? fail("InvalidOperation", "no AutoFilter on the sheet"),
    };
  }
  return { sheet: table.sheet, rect: () => table.rect };
}

/** Table.autoFilter and Worksheet.autoFilter. */
export class FakeAutoFilter extends HostObject {
  readonly _typeName = "AutoFilter";

  protected _get(target: unknown, name: string): unknown {
    const { sheet } = targetOf(target);
    const f = filterOf(sheet);
    if (name === "enabled") return f !== null || !(target as { cells?: unknown }).cells;
    if (name === "isDataFiltered") return f !== null && f.hidden.size > 0;
    return fail("InvalidArgument", `AutoFilter.${name} is not modelled`);
  }

  apply(
    range: unknown,
    columnIndex: number,
    criteria: { filterOn?: string; values?: unknown[] },
  ): void {
    this._call("apply", [], (t: unknown) => {
      const { sheet, rect } = targetOf(t);
      if (criteria?.filterOn !== "Values" || !Array.isArray(criteria.values))
        fail("NotImplemented", "only a Values filter is modelled");
      void range;
      applyFilter(this._ctx.fake, sheet, rect(), columnIndex, criteria.values.map(String));
    });
  }

  clearCriteria(): void {
    this._call("clearCriteria", [], (t: unknown) => clearFilter(targetOf(t).sheet));
  }

  reapply(): void {
    this._call("reapply", [], (t: unknown) => {
      const { sheet } = targetOf(t);
      const f = filterOf(sheet);
      if (f) applyFilter(this._ctx.fake, sheet, f.rect, f.columnIndex, f.values);
    });
  }
}

defineHost(FakeAutoFilter, { scalars: ["enabled", "isDataFiltered"] });
