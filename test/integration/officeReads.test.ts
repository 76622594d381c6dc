/**
 * Reads that Excel answers without the cells (issue 11, review item 6): past its five-million-cell
 * limit "Range.values returns null instead" on some builds. The host models that with
 * `bigRead: "null"` (here at a low limit, so the test stays small). Before the guard, the
 * adapter called `values.map` on null and the convert died with a TypeError.
 */
import { convertToTracker } from "../../src/adapters/officejs/session";
import { PlanTrackerError } from "../../src/domain/diagnostics";
import { createFakeWorkbook, type FakeWorkbook } from "../fakes/excel";
import { ENV, generatedPlanRows } from "../helpers/officeFake";

const PLAN = "Kế hoạch";
const Q = `'${PLAN}'`;

function convert(fake: FakeWorkbook, features = ENV.features) {
  return fake.run((ctx) => convertToTracker(ctx, { ...ENV, features }, {}));
}

describe("Range.values null past the cell limit (review item 6)", () => {
  it.each([
    ["with getSpecialCells (ExcelApi 1.9)", ENV.features],
    [
      "without getSpecialCells (ExcelApi 1.8)",
      { ...ENV.features, specialCells: false, pageLayout: false },
    ],
  ])("reads the plan in slices %s, and converts every row", async (_label, features) => {
    const n = 3_000;
    const fake = createFakeWorkbook({
      sheets: [{ name: PLAN, rows: generatedPlanRows(n) }],
      maxCellsPerRead: 12_000,
      bigRead: "null",
    });
    await convert(fake, features);
    expect(fake.cell(`${Q}!J${4 + n}`).formula).toMatch(/^=DATE\(2023,/);
    expect(fake.cell(`${Q}!J5`).formula).toMatch(/^=DATE\(2023,/);
    expect(fake.sheetNames()).toContain("Tiến độ");
  });

  it("names the sheet and what to do when a small read is withheld too", async () => {
    const fake = createFakeWorkbook({
      sheets: [
        { name: PLAN, rows: generatedPlanRows(5) },
        // A stray value far from the settings table makes its used range huge.
        { name: "Cài đặt", rows: [["Năm kế hoạch", 2023]] },
      ],
      maxCellsPerRead: 12_000,
      bigRead: "null",
    });
    // The sheet exists; a stray cell at Z900 (26 × 900 cells, over the limit).
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Cài đặt").getRange("Z900").values = [["x"]];
      await ctx.sync();
    });
    const err: unknown = await convert(fake).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlanTrackerError);
    const { code, text } = err as PlanTrackerError;
    expect(code).toBe("read.values-withheld");
    expect(text.vi).toContain('"Cài đặt"');
    expect(text.vi).toContain("Ctrl+End");
    expect(text.en).toContain("over 5 million cells");
  });
});
