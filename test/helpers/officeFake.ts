/**
 * Plan workbooks for the Office.js adapter tests: the standard plan sheet of a plan document (or
 * any grid) as a fake Excel workbook, and the same grid as an exceljs workbook for the contract
 * test. Cells are stored raw, as a saved file holds them (never "typed in").
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SAMPLE_HEADER } from "./grid";
import { columnLetter } from "../../src/domain/cell";
import type { SheetSpec as LayoutSheet } from "../../src/domain/layout/spec";
import { parsePlanDocument } from "../../src/domain/planDocument";
import { planWorkbookLayout } from "../../src/domain/planWorkbook";
import { widthPoints } from "../../src/adapters/officejs/apply";
import type { OfficeEnv } from "../../src/adapters/officejs/session";
import {
  createFakeWorkbook,
  type CellInput,
  type FakeWorkbook,
  type FakeWorkbookOptions,
  type SheetSpec,
} from "../fakes/excel";

export const SAMPLE_TEXT = readFileSync(
  join(__dirname, "../../assets/samples/ke-hoach-2023.txt"),
  "utf8",
);

export const ENV: OfficeEnv = {
  today: "2023-09-20",
  toolVersion: "test",
  features: { pageLayout: true, mergedAreas: true, tableResize: true },
};

/** The standard plan sheet ("Kế hoạch") of the bundled sample, as the import writes it. */
export function samplePlanSheet(): LayoutSheet {
  const layout = planWorkbookLayout(parsePlanDocument(SAMPLE_TEXT).document);
  const sheet = layout.sheets[0];
  if (!sheet) throw new Error("no plan sheet");
  return sheet;
}

/** A layout sheet as a fake sheet: values (raw), number formats, bold/fill, widths, merges. */
export function fakeSheetFromLayout(sheet: LayoutSheet): SheetSpec {
  const cells: Record<string, CellInput> = {};
  for (const c of sheet.cells) {
    const input: Exclude<CellInput, null | string | number | boolean> = {};
    if (c.formula !== undefined) input.formula = `=${c.formula}`;
    if (c.value !== undefined && c.value !== null) input.value = c.value;
    if (c.numFmt !== undefined) input.numberFormat = c.numFmt;
    if (c.style?.bold) input.bold = true;
    if (c.style?.fill) input.fill = `#${c.style.fill}`;
    if (c.style?.wrap) input.wrapText = true;
    cells[`${columnLetter(c.col)}${c.row}`] = input;
  }
  const columnWidths: Record<string, number> = {};
  for (const col of sheet.columns)
    if (col.width !== undefined) columnWidths[columnLetter(col.col)] = widthPoints(col.width);
  return {
    name: sheet.name,
    cells,
    columnWidths,
    merges: [...sheet.merges],
    ...(sheet.freeze ? { freeze: sheet.freeze } : {}),
  };
}

export function sampleFake(options: Omit<FakeWorkbookOptions, "sheets"> = {}): FakeWorkbook {
  return createFakeWorkbook({ ...options, sheets: [fakeSheetFromLayout(samplePlanSheet())] });
}

/** A generated plan grid of `n` item rows in the standard layout (header on row 4). */
export function generatedPlanRows(n: number, year = 2023): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [
    ["UBND HUYỆN THỬ"],
    [`KẾ HOẠCH NĂM ${year}`],
    [],
    [...SAMPLE_HEADER],
  ];
  const quarters = ["I", "II", "III", "IV"];
  for (let i = 0; i < n; i++) {
    rows.push([
      i + 1,
      `Phóng sự số ${i + 1} về phát triển kinh tế xã hội`,
      `Quý ${quarters[i % 4]}/${year}`,
      "01",
      "Phóng sự",
      "05 phút",
      "Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông",
      null,
      null,
    ]);
  }
  return rows;
}
