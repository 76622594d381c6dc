/**
 * Merged cells and the table (issue 11, review item 5). Excel refuses tables.add over merged
 * cells (MergedRangeConflict) after the operations before it; merged cells can be read only from
 * ExcelApi 1.13, getMergedAreasOrNullObject fails past 512 areas, and it reports only merges whose
 * top-left cell is in the range it is asked about. The host models all three; before the fixes
 * each case below left a half-converted sheet (rules and columns written, no metadata) or failed.
 */
import { convertToTracker } from "../../src/adapters/officejs/session";
import { type FakeWorkbook } from "../fakes/excel";
import { ENV, sampleFake } from "../helpers/officeFake";

const PLAN = "Kế hoạch";
/** The sample's weekly duty gives the tracker a broadcast log. */
const TRACKER_SHEETS = [
  PLAN,
  "Cài đặt",
  "Nhật ký phát sóng",
  "Kinh phí",
  "Tiến độ",
  "_PlanTracker",
];
const OLD = { ...ENV.features, mergedAreas: false };

function convert(fake: FakeWorkbook, features = ENV.features) {
  return fake.run((ctx) => convertToTracker(ctx, { ...ENV, features }, {}));
}

/** "H6:I6" as the host's 0-based rectangle. */
function merge(fake: FakeWorkbook, r: number, c: number, rows: number, cols: number): void {
  fake.sheet(PLAN).merges.push({ r: r - 1, c: c - 1, rows, cols });
}

/** What one clean convert of the unmerged sample leaves, to compare rule counts with. */
async function cleanCounts(apiVersion: string, features = ENV.features) {
  const fake = sampleFake({ apiVersion });
  await convert(fake, features);
  return {
    cfs: fake.conditionalFormats(PLAN).length,
    validations: fake.validations(PLAN).length,
  };
}

describe("merged cells in the item block (review item 5)", () => {
  it("below ExcelApi 1.13: the table alone is skipped, the rest is whole; unmerged, the next convert adds it", async () => {
    const clean = await cleanCounts("1.12", OLD);
    const fake = sampleFake({ apiVersion: "1.12" });
    merge(fake, 6, 8, 1, 2); // H6:I6, a unit written over two cells
    const first = await convert(fake, OLD);
    expect(fake.tables()).toEqual([]);
    expect(first.value.tableSkipped).toMatch(/merged cells/);
    expect(fake.sheetNames()).toEqual(TRACKER_SHEETS);
    expect(fake.conditionalFormats(PLAN)).toHaveLength(clean.cfs);
    expect(fake.validations(PLAN)).toHaveLength(clean.validations);
    // One request more than a convert without a table, only on such an Excel.
    expect(first.syncs).toBe(4);
    expect(fake.eventsEnabled).toBe(true);

    fake.sheet(PLAN).merges.length = 0;
    const second = await convert(fake, OLD);
    expect(second.value.tableSkipped).toBeNull();
    expect(fake.tables()).toHaveLength(1);
    // Exactly one copy of every rule: the skipped run's metadata knew its rules.
    expect(fake.conditionalFormats(PLAN)).toHaveLength(clean.cfs);
    expect(fake.validations(PLAN)).toHaveLength(clean.validations);
  });

  it("past 512 merged areas (the query fails): read again without them, and the table is tried on its own", async () => {
    const clean = await cleanCounts("1.17");
    const fake = sampleFake();
    for (let i = 0; i < 600; i++) merge(fake, 20 + i, 19, 1, 2); // S21:T21 … far from the plan
    merge(fake, 6, 8, 1, 2);
    const result = await convert(fake);
    expect(fake.stats.syncs.some((s) => /512/.test(s.detail ?? ""))).toBe(true);
    expect(result.value.tableSkipped).toMatch(/merged cells/);
    expect(fake.tables()).toEqual([]);
    expect(fake.sheetNames()).toEqual(TRACKER_SHEETS);
    expect(fake.conditionalFormats(PLAN)).toHaveLength(clean.cfs);
  });

  it("finds a merge whose top-left cell lies outside the values (a blank merged cell above the header)", async () => {
    const fake = sampleFake();
    merge(fake, 3, 10, 3, 1); // J3:J5: blank, right of the plan's values
    const result = await convert(fake);
    expect(result.value.tableSkipped).toBe("merged cells inside the item block");
    expect(fake.tables()).toEqual([]);
    expect(fake.sheetNames()).toEqual(TRACKER_SHEETS);
    expect(fake.stats.syncs.every((s) => s.ok)).toBe(true);
  });
});
