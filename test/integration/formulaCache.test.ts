/**
 * Every formula the tool writes carries a cached result (exceljs cannot calculate, so the domain
 * computes them): Excel with fullCalcOnLoad recalculates, but previewers, mail clients, LibreOffice
 * (which by default keeps cached xlsx values) and anything reading the file show the cache. This
 * compares each cache with HyperFormula, an independent engine, on the demo tracker — and, as the
 * summary sheets ("Kinh phí", "Tiến độ") appear in the demo, on them too, with no change here.
 */
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { cli } from "../helpers/cli";
import {
  engineFormula,
  expectCachedMatches,
  mismatches,
  recomputeWorkbook,
  unsupportedFunctions,
  type FormulaCheck,
} from "../helpers/formulaEngine";
import { tempDir } from "../helpers/xlsx";

jest.setTimeout(120_000);

const PLAN = "Kế hoạch";
const META = "_PlanTracker";
/** Two days far apart: the demo fixes the as-of date in its settings, so neither may matter. */
const TODAYS = ["2023-01-02", "2031-12-31"];

/** Excel serial of an ISO date. */
const serial = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86400000 + 25569;
const at = (checks: FormulaCheck[], sheet: string, address: string): FormulaCheck | undefined =>
  checks.find((c) => c.sheet === sheet && c.address === address);

/** Formula cells per the raw package: every <c> with an <f> child (shared-formula children too). */
async function rawFormulaCount(path: string): Promise<number> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  let n = 0;
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f))) {
    const xml = await zip.file(name)!.async("string");
    n += (xml.match(/<c\b[^>]*>(?:(?!<\/c>).)*?<f\b/gs) ?? []).length;
  }
  return n;
}

describe("demo tracker: cached formula results = HyperFormula", () => {
  const tmp = tempDir("pt-formula-");
  afterAll(() => tmp.cleanup());
  let tracker = "";
  const runs: FormulaCheck[][] = [];

  beforeAll(async () => {
    const r = await cli(["demo", "--out", tmp.dir]);
    if (r.code !== 0) throw new Error(`demo failed (${r.code}):\n${r.stderr}`);
    tracker = join(tmp.dir, "tracker.xlsx");
    for (const today of TODAYS) runs.push(await recomputeWorkbook(tracker, { today }));
  });

  it("checks every formula cell of the package, due dates and the as-of cell included", async () => {
    const checks = runs[0]!;
    expect(checks).toHaveLength(await rawFormulaCount(tracker));
    expect(at(checks, PLAN, "J8")).toMatchObject({ formula: "DATE(2023,6,30)" });
    expect(at(checks, META, "B4")?.formula).toContain("TODAY()");
    const perSheet = new Map<string, number>();
    for (const c of checks) perSheet.set(c.sheet, (perSheet.get(c.sheet) ?? 0) + 1);
    // Due dates of the 8 items with a valid period (2 have "Quý VI"), the as-of cell; the summary
    // sheets add theirs.
    expect(perSheet.get(PLAN)).toBeGreaterThanOrEqual(8);
    expect(perSheet.get(META)).toBe(1);
  });

  it.each(TODAYS.map((today, i) => [today, i]))(
    "every cached value matches with TODAY() = %s",
    (_today, i) => {
      expectCachedMatches(runs[i]!);
    },
  );

  it("TODAY() does not matter: the settings' as-of date (20/09/2023) wins", () => {
    const [a, b] = runs as [FormulaCheck[], FormulaCheck[]];
    expect(b.map((c) => c.computed)).toEqual(a.map((c) => c.computed));
    expect(at(a, META, "B4")?.computed).toBe(serial("2023-09-20"));
  });

  it("uses only functions HyperFormula implements", () => {
    expect(unsupportedFunctions(runs[0]!)).toEqual([]);
  });
});

describe("the checker can fail (negative controls)", () => {
  const tmp = tempDir("pt-formula-neg-");
  afterAll(() => tmp.cleanup());
  let tracker = "";

  beforeAll(async () => {
    const r = await cli(["demo", "--out", tmp.dir]);
    if (r.code !== 0) throw new Error(`demo failed (${r.code}):\n${r.stderr}`);
    tracker = join(tmp.dir, "tracker.xlsx");
  });

  async function tamper(edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
    const copy = join(tmp.dir, `tampered-${Math.random().toString(36).slice(2)}.xlsx`);
    copyFileSync(tracker, copy);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy);
    edit(wb);
    await wb.xlsx.writeFile(copy);
    return copy;
  }

  it("a wrong cached due date is reported, and only that one", async () => {
    const copy = await tamper((wb) => {
      const cell = wb.getWorksheet(PLAN)!.getCell("J8");
      expect(cell.formula).toBe("DATE(2023,6,30)");
      cell.value = { formula: "DATE(2023,6,30)", result: new Date(Date.UTC(2023, 6, 1)) };
    });
    const checks = await recomputeWorkbook(copy, { today: "2023-09-20" });
    expect(mismatches(checks)).toEqual([
      {
        sheet: PLAN,
        address: "J8",
        formula: "DATE(2023,6,30)",
        cached: serial("2023-07-01"),
        computed: serial("2023-06-30"),
      },
    ]);
    expect(() => expectCachedMatches(checks)).toThrow(
      /1 of \d+ formula cells[\s\S]*'Kế hoạch'!J8 +\| =DATE\(2023,6,30\) +\| 45108 \(2023-07-01\) +\| 45107 \(2023-06-30\)/,
    );
  });

  it("an input changed without recalculating is caught at the formula that depends on it", async () => {
    const copy = await tamper((wb) => {
      wb.getWorksheet("Cài đặt")!.getCell("B9").value = new Date(Date.UTC(2023, 11, 1));
    });
    const checks = await recomputeWorkbook(copy, { today: "2023-09-20" });
    const bad = mismatches(checks).map((c) => [c.sheet, c.address, c.cached, c.computed]);
    expect(bad).toContainEqual([META, "B4", serial("2023-09-20"), serial("2023-12-01")]);
    // The plan sheet's formulas (due dates) do not depend on the as-of date; summary sheets do.
    expect(bad.filter(([sheet]) => sheet === PLAN)).toEqual([]);
  });
});

describe("loader: the formula shapes the summary sheets use", () => {
  const tmp = tempDir("pt-formula-syn-");
  afterAll(() => tmp.cleanup());
  const file = join(tmp.dir, "summary-like.xlsx");
  const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

  // Cached results are worked out by hand for TODAY() = 2023-09-20 (no as-of override is set).
  const CASES: { sheet: string; cell: string; formula: string; result: ExcelJS.CellValue }[] = [
    {
      sheet: META,
      cell: "B4",
      formula: `IF('Cài đặt'!$B$9<>"",'Cài đặt'!$B$9,TODAY())`,
      result: d("2023-09-20"),
    },
    {
      // planned in Quý I by due date: 10 + 20
      sheet: "Kinh phí",
      cell: "B2",
      formula: `SUMIFS('Kế hoạch'!$H$5:$H$14,'Kế hoạch'!$J$5:$J$14,">="&DATE(2023,1,1),'Kế hoạch'!$J$5:$J$14,"<"&DATE(2023,4,1))`,
      result: 30,
    },
    {
      // overdue on PT_AsOf: due before 20/09 and not aired/cancelled → rows 6, 7
      sheet: "Kinh phí",
      cell: "B3",
      formula: `COUNTIFS('Kế hoạch'!$J$5:$J$14,"<"&PT_AsOf,'Kế hoạch'!$K$5:$K$14,"<>Đã phát sóng",'Kế hoạch'!$K$5:$K$14,"<>Hủy")`,
      result: 2,
    },
    {
      // accent-sensitive: "Huy" is not "Hủy"; case-insensitive: "hủy" is
      sheet: "Kinh phí",
      cell: "B4",
      formula: `COUNTIFS('Kế hoạch'!$K$5:$K$14,"hủy")`,
      result: 1,
    },
    { sheet: "Kinh phí", cell: "B5", formula: `IFERROR(B2/'Tiến độ'!$D$1,"—")`, result: "—" },
    { sheet: "Kinh phí", cell: "B6", formula: `IFERROR(B2/B3,0)`, result: 15 },
    // "01" is text in the plan (as the tracker keeps it): COUNT ignores it, COUNTA does not
    { sheet: "Kinh phí", cell: "B7", formula: `COUNT('Kế hoạch'!$D$5:$D$14)`, result: 0 },
    { sheet: "Kinh phí", cell: "B8", formula: `COUNTA('Kế hoạch'!$D$5:$D$14)`, result: 5 },
    {
      sheet: "Kinh phí",
      cell: "B9",
      formula: `COUNTIFS('Kế hoạch'!$C$5:$C$14,"Quý I/*")`,
      result: 2,
    },
    { sheet: "Kinh phí", cell: "B10", formula: `1/0`, result: { error: "#DIV/0!" } },
    { sheet: "Kinh phí", cell: "B11", formula: `PT_AsOf+14`, result: d("2023-10-04") },
    // a merged A1:B1 holds one 5, not two
    { sheet: "Tiến độ", cell: "C1", formula: `SUM(A1:B1)`, result: 5 },
    { sheet: "Tiến độ", cell: "C2", formula: `'Kế hoạch'!$Z$99`, result: 0 },
    {
      sheet: "Tiến độ",
      cell: "C3",
      formula: `IF(TODAY()>=DATE(2023,12,31),"hết năm","")`,
      result: "",
    },
  ];

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const plan = wb.addWorksheet(PLAN);
    const rows: [string, string, number, string, string | null][] = [
      ["Quý I/2023", "01", 10, "2023-03-11", "Đã phát sóng"],
      ["Quý I/2023", "01", 20, "2023-03-31", "Đang thực hiện"],
      ["Quý II/2023", "01", 40, "2023-06-30", null],
      ["Quý III/2023", "01", 80, "2023-09-30", "Huy"],
      ["Quý II/2023", "01", 160, "2023-06-30", "Hủy"],
    ];
    rows.forEach(([period, count, budget, due, status], i) => {
      const r = 5 + i;
      plan.getCell(`C${r}`).value = period;
      plan.getCell(`D${r}`).value = count;
      plan.getCell(`H${r}`).value = budget;
      plan.getCell(`J${r}`).value = d(due);
      plan.getCell(`J${r}`).numFmt = "dd/mm/yyyy";
      if (status) plan.getCell(`K${r}`).value = status;
    });
    wb.addWorksheet("Cài đặt").getCell("A9").value = "Ngày tính";
    const meta = wb.addWorksheet(META, { state: "veryHidden" });
    meta.getCell("A4").value = "asOfEffective";
    wb.definedNames.add(`'${META}'!$B$4`, "PT_AsOf");
    wb.addWorksheet("Kinh phí");
    const progress = wb.addWorksheet("Tiến độ");
    progress.getCell("A1").value = 5;
    progress.mergeCells("A1:B1");
    progress.getCell("D1").value = 0;
    for (const c of CASES) {
      const cell = wb.getWorksheet(c.sheet)!.getCell(c.cell);
      cell.value = { formula: c.formula, result: c.result } as ExcelJS.CellFormulaValue;
      if (c.result instanceof Date) cell.numFmt = "dd/mm/yyyy";
    }
    await wb.xlsx.writeFile(file);
  });

  it("SUMIFS/COUNTIFS with built criteria, quoted Vietnamese sheet names, IFERROR, names", async () => {
    const checks = await recomputeWorkbook(file, { today: "2023-09-20" });
    expect(checks.map((c) => `${c.sheet}!${c.address}`).sort()).toEqual(
      CASES.map((c) => `${c.sheet}!${c.cell}`).sort(),
    );
    expectCachedMatches(checks);
    expect(unsupportedFunctions(checks)).toEqual([]);
  });

  it("TODAY() is opts.today: another day changes exactly the cells that depend on it", async () => {
    const checks = await recomputeWorkbook(file, { today: "2023-12-31" });
    expect(mismatches(checks).map((c) => [c.sheet, c.address, c.computed])).toEqual([
      [META, "B4", serial("2023-12-31")],
      ["Kinh phí", "B3", 3], // row 8 (due 30/09, "Huy" is not "Hủy") is overdue too
      ["Kinh phí", "B6", 10],
      ["Kinh phí", "B11", serial("2024-01-14")],
      ["Tiến độ", "C3", "hết năm"],
    ]);
  });

  it("TODAY inside a string literal or a sheet name is left alone", () => {
    expect(engineFormula(`IF(A1="TODAY()",'TODAY() sheet'!A1,today ( ))`, "DATE(2023,9,20)")).toBe(
      `IF(A1="TODAY()",'TODAY() sheet'!A1,DATE(2023,9,20))`,
    );
    expect(engineFormula(`_xlfn.MAXIFS(A:A,B:B,">0")+NOW()`, "DATE(2023,9,20)")).toBe(
      `MAXIFS(A:A,B:B,">0")+DATE(2023,9,20)`,
    );
  });
});
