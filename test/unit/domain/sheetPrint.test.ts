import { emptySheet, type CellSpec, type SheetSpec } from "../../../src/domain/layout/spec";
import { printOfSheet, printOfSpec } from "../../../src/domain/tracker/sheetPrint";
import type { SheetData } from "../../../src/domain/workbookData";

/** What the tool writes: a title merged over A1:D1, labels, a live formula, an amount. */
function spec(): SheetSpec {
  const cells: CellSpec[] = [
    { row: 1, col: 1, value: "KINH PHÍ" },
    { row: 3, col: 1, value: "Kinh phí được giao" },
    { row: 3, col: 2, formula: "'Cài đặt'!$B$5", result: 150000000 },
    { row: 4, col: 1, value: "Đã chi" },
    { row: 4, col: 2, formula: "SUM('Kế hoạch'!M5:M14)", result: 0 },
    { row: 5, col: 2, value: 15000000 },
    { row: 6, col: 2, style: { bold: true } },
  ];
  return { ...emptySheet("Kinh phí", "replace"), cells, merges: ["A1:D1"] };
}

/** The same sheet as exceljs reads it back: merged cells repeat the title, a 0 result is lost. */
function readBack(
  edit?: (rows: (string | number | null)[][], f: Map<string, string>) => void,
): SheetData {
  const rows: (string | number | null)[][] = [
    ["KINH PHÍ", "KINH PHÍ", "KINH PHÍ", "KINH PHÍ"],
    [],
    ["Kinh phí được giao", 150000000],
    ["Đã chi", null],
    [null, 15000000],
  ];
  const formulas = new Map([
    ["B3", "'Cài đặt'!$B$5"],
    ["B4", "SUM('Kế hoạch'!M5:M14)"],
  ]);
  edit?.(rows, formulas);
  return { name: "Kinh phí", rows, formulas, merges: ["A1:D1"] };
}

describe("sheet prints", () => {
  it("a sheet read back as the tool wrote it has the tool's print", () => {
    expect(printOfSheet(readBack())).toBe(printOfSpec(spec()));
  });

  it("ignores how hosts read formulas and cached results back", () => {
    const office = readBack((rows, f) => {
      f.set("B3", "= 'cài đặt'!B5");
      f.set("B4", "=sum( 'Kế hoạch'!$M$5:$M$14 )");
      rows[2]![1] = null; // Office's formulas array has no results at all
      rows[0] = ["KINH PHÍ", "", "", ""]; // and merged cells read empty
    });
    expect(printOfSheet(office)).toBe(printOfSpec(spec()));
    expect(printOfSheet(readBack((rows) => void (rows[2]![1] = 99)))).toBe(printOfSpec(spec()));
  });

  it.each<[string, (rows: (string | number | null)[][], f: Map<string, string>) => void]>([
    ["a note typed into an empty cell", (rows) => void (rows[5] = [null, null, "đã đối chiếu"])],
    ["a label cleared", (rows) => void (rows[3]![0] = null)],
    ["a formula replaced by a number", (rows, f) => void (f.delete("B4"), (rows[3]![1] = 12))],
  ])("notices %s", (_name, edit) => {
    expect(printOfSheet(readBack(edit))).not.toBe(printOfSpec(spec()));
  });

  it("does not tell one constant or formula typed over another (what hosts read back differs)", () => {
    const retyped = readBack((rows, f) => {
      rows[2]![0] = "Allocation";
      f.set("B3", "150000000/2");
    });
    expect(printOfSheet(retyped)).toBe(printOfSpec(spec()));
  });

  it("does not count the cells a merged range covers (exceljs repeats the title there)", () => {
    expect(printOfSheet(readBack((rows) => void (rows[0]![2] = "x")))).toBe(printOfSpec(spec()));
  });

  it("is short and safe to keep in a cell", () => {
    expect(printOfSpec(spec())).toMatch(/^\d+:[0-9a-f]{8}$/);
  });
});
