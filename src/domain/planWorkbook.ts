/**
 * The standard plan workbook `import` writes from a plan document: sheet "Kế hoạch", a title, a
 * header row of canonical Vietnamese headers, one row per item with the document's text as written.
 */
import type { PlanDocument } from "./planDocument";
import { emptySheet, type CellSpec, type SheetSpec, type WorkbookLayout } from "./layout/spec";
import { TRACKER_HEADERS, type FieldKey } from "./fields";

export const PLAN_SHEET = "Kế hoạch";
export const PLAN_HEADER_ROW = 4;

/** Columns of the standard plan, in order. */
export const PLAN_COLUMNS: readonly FieldKey[] = [
  "no",
  "title",
  "period",
  "count",
  "type",
  "duration",
  "unit",
  "budget",
  "notes",
];

const WIDTHS: Partial<Record<FieldKey, number>> = {
  no: 6,
  title: 60,
  period: 16,
  count: 10,
  type: 14,
  duration: 12,
  unit: 40,
  budget: 18,
  notes: 24,
};

const HEADER_STYLE = {
  bold: true,
  fill: "DDEBF7",
  border: true,
  wrap: true,
  align: "center",
  valign: "middle",
} as const;
const BODY_STYLE = { border: true, wrap: true, valign: "top" } as const;

export function planWorkbookLayout(
  doc: PlanDocument,
  yearOverride: number | null = null,
): WorkbookLayout {
  const cells: CellSpec[] = [];
  const lastCol = PLAN_COLUMNS.length;
  const year = yearOverride ?? doc.year;
  cells.push({ row: 1, col: 1, value: doc.agency ?? "", style: { bold: true } });
  cells.push({
    row: 2,
    col: 1,
    value: (doc.title ?? (year ? `Kế hoạch năm ${year}` : "Kế hoạch")).toUpperCase(),
    style: { bold: true, size: 14, align: "center" },
  });
  // The year known from elsewhere (--year, a Word table's own title rows) when the title has
  // none: check reads the plan year from the rows above the header.
  const titleText = doc.title ?? "";
  if (year !== null && doc.title !== null && !/\b(?:19|20)\d{2}\b/.test(titleText)) {
    cells.push({ row: 3, col: 1, value: `Năm ${year}`, style: { align: "center" } });
  }
  PLAN_COLUMNS.forEach((field, i) => {
    cells.push({
      row: PLAN_HEADER_ROW,
      col: i + 1,
      value: TRACKER_HEADERS[field].vi,
      style: HEADER_STYLE,
    });
  });
  doc.items.forEach((item, i) => {
    const row = PLAN_HEADER_ROW + 1 + i;
    const values: Partial<Record<FieldKey, string | number | null>> = {
      no: i + 1,
      title: item.title,
      period: item.periodText,
      // The count stays text ("01") as the document wrote it; the parser reads it.
      count: item.countText,
      type: item.typeText,
      duration: item.durationText,
      unit: item.unit,
      // A schedule read from a Word table brings its budget and notes cells, as written.
      budget: item.budgetText ?? null,
      notes: item.notesText ?? null,
    };
    PLAN_COLUMNS.forEach((field, c) => {
      const value = values[field] ?? null;
      cells.push({
        row,
        col: c + 1,
        value,
        style: BODY_STYLE,
        ...(field === "count" || field === "no" ? { numFmt: "@" } : {}),
      });
    });
  });
  const sheet: SheetSpec = {
    ...emptySheet(PLAN_SHEET, "replace"),
    cells,
    columns: PLAN_COLUMNS.map((f, i) => ({ col: i + 1, width: WIDTHS[f] ?? 12 })),
    merges: [`A2:${String.fromCharCode(64 + lastCol)}2`],
    freeze: { rows: PLAN_HEADER_ROW, cols: 0 },
    pageSetup: {
      orientation: "landscape",
      paperSize: "A4",
      fitToWidth: 1,
      fitToHeight: 0,
      printTitleRows: `${PLAN_HEADER_ROW}:${PLAN_HEADER_ROW}`,
    },
  };
  return { sheets: [sheet], definedNames: [], fullCalcOnLoad: false };
}
