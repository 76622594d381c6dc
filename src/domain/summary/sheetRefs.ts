/**
 * References from the summary sheets to the tracker's columns: absolute A1 ranges over exactly the
 * item rows, so the sheets stay live formulas (SUMIFS/SUMPRODUCT) any spreadsheet evaluates.
 */
import { a1Abs, sheetRef } from "../cell";
import type { FieldKey } from "../fields";

export interface TrackerRefs {
  /** `'Kế hoạch'!$H$5:$H$14` for a field, or null when the tracker has no such column. */
  readonly range: (field: FieldKey) => string | null;
  /** `'Kế hoạch'!$H$7` for one item's cell. */
  readonly cell: (field: FieldKey, row: number) => string | null;
  /** `'Cài đặt'!$B$5`, or null when the settings sheet has no allocation row. */
  readonly allocation: string | null;
  readonly asOfName: string;
  readonly hasItems: boolean;
}

export function trackerRefs(
  planSheet: string,
  columns: Readonly<Partial<Record<FieldKey, number>>>,
  firstRow: number,
  lastRow: number,
  allocation: string | null,
  asOfName: string,
): TrackerRefs {
  const sheet = sheetRef(planSheet);
  const hasItems = lastRow >= firstRow;
  return {
    range: (field) => {
      const c = columns[field];
      return c === undefined || !hasItems
        ? null
        : `${sheet}!${a1Abs(firstRow, c)}:${a1Abs(lastRow, c)}`;
    },
    cell: (field, row) => {
      const c = columns[field];
      return c === undefined ? null : `${sheet}!${a1Abs(row, c)}`;
    },
    allocation,
    asOfName,
    hasItems,
  };
}
