/**
 * Everything a workbook on the fake host holds, as plain data without the host's ids: sheets in
 * order with their cells, formats, widths, merges, rules, charts and page setup; tables; names.
 * Two workbooks Excel would show the same compare equal.
 */
import type { FakeWorkbook } from "../fakes/excel";
import type { Rect } from "../fakes/excel/address";
import { colOf, rowOf, type SheetState } from "../fakes/excel/state";

const rect = (r: Rect | null): string | null =>
  r === null ? null : `R${r.r}C${r.c}:${r.rows}x${r.cols}`;

function sheetSnapshot(s: SheetState): unknown {
  const cells = [...s.cells.entries()]
    .filter(([, c]) => c.value !== null || c.formula !== null || c.numberFormat || c.format)
    .sort(([a], [b]) => a - b)
    .map(([k, c]) => [`R${rowOf(k)}C${colOf(k)}`, c]);
  return {
    name: s.name,
    visibility: s.visibility,
    tabColor: s.tabColor,
    freeze: s.freeze,
    showGridlines: s.showGridlines,
    cells,
    colWidths: [...s.colWidths.entries()].sort(([a], [b]) => a - b),
    rowHeights: [...s.rowHeights.entries()].sort(([a], [b]) => a - b),
    hiddenCols: [...s.hiddenCols].sort((a, b) => a - b),
    hiddenRows: [...s.hiddenRows].sort((a, b) => a - b),
    colFormats: [...s.colFormats.entries()].sort(([a], [b]) => a - b),
    rowFormats: [...s.rowFormats.entries()].sort(([a], [b]) => a - b),
    merges: s.merges.map(rect).sort(),
    validations: s.validations.map((v) => ({ ...v, rect: rect(v.rect) })),
    conditionalFormats: s.conditionalFormats.map(({ id: _id, rects, ...cf }) => ({
      ...cf,
      rects: rects.map(rect),
    })),
    charts: s.charts
      .filter((c) => !c.deleted)
      .map(({ id: _id, sheet: _sheet, sourceSheet, source, from, to, ...c }) => ({
        ...c,
        sourceSheet: sourceSheet.name,
        source: rect(source),
        from: rect(from),
        to: rect(to),
      })),
    pageLayout: s.pageLayout,
  };
}

export function fakeSnapshot(fake: FakeWorkbook): unknown {
  return {
    sheets: fake.sheets.filter((s) => !s.deleted).map(sheetSnapshot),
    tables: fake.tableStates
      .filter((t) => !t.deleted)
      .map(({ id: _id, sheet, rect: r, deleted: _d, ...t }) => ({
        ...t,
        sheet: sheet.name,
        rect: rect(r),
      })),
    names: fake.nameStates.filter((n) => !n.deleted),
    active: fake.activeSheet.name,
  };
}
