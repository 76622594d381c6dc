/**
 * A filtered tracker (issue 11, review item 8). The tracker's table has filter buttons, so a
 * clerk filters it by status. Writing whole column runs through filter-hidden rows misplaces data
 * in Excel (OfficeDev/office-js#224); the host models that (filter.ts). Before the adapter asked
 * for filters in its second sync, a convert on a filtered tracker wrote its due dates and
 * Kiểm tra texts onto the wrong rows.
 */
import { checkOpenWorkbook, convertToTracker } from "../../src/adapters/officejs/session";
import { PlanTrackerError } from "../../src/domain/diagnostics";
import { type FakeWorkbook } from "../fakes/excel";
import { readFake } from "../helpers/adapterContract";
import { ENV, sampleFake } from "../helpers/officeFake";

const PLAN = "Kế hoạch";
const Q = `'${PLAN}'`;

function convert(fake: FakeWorkbook) {
  return fake.run((ctx) => convertToTracker(ctx, ENV, {}));
}

function everything(fake: FakeWorkbook): unknown {
  return {
    book: readFake(
      fake,
      fake.sheets.map((s) => s.name),
    ),
    order: fake.sheetNames(),
    cfs: fake.sheets.map((s) => fake.conditionalFormats(s.name)),
  };
}

/** The clerk picks "Đã phát sóng" in the status column's filter button (column K). */
async function filterByStatus(fake: FakeWorkbook, status: string): Promise<void> {
  const name = fake.tables()[0]!.name;
  await fake.run(async (ctx) => {
    const table = ctx.workbook.tables.getItem(name);
    table.autoFilter.apply(table.getRange(), 10, { filterOn: "Values", values: [status] });
    await ctx.sync();
  });
}

async function clearFilter(fake: FakeWorkbook): Promise<void> {
  const name = fake.tables()[0]!.name;
  await fake.run(async (ctx) => {
    ctx.workbook.tables.getItem(name).autoFilter.clearCriteria();
    await ctx.sync();
  });
}

async function filteredTracker(): Promise<FakeWorkbook> {
  const fake = sampleFake();
  await convert(fake);
  await fake.simulateUserEdit(PLAN, "K5", "Đã phát sóng");
  await fake.simulateUserEdit(PLAN, "K8", "Đã phát sóng");
  await filterByStatus(fake, "Đã phát sóng");
  return fake;
}

describe("the host: writing through a filter misplaces data, as in Excel", () => {
  it("puts a column run's values on the visible rows in order", async () => {
    const fake = await filteredTracker();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(PLAN).getRange("R5:R8").values = [["a"], ["b"], ["c"], ["d"]];
      await ctx.sync();
    });
    // Rows 5 and 8 are shown: "a" and "b" land there; the hidden rows get nothing.
    expect(fake.values(`${Q}!R5:R8`)).toEqual([["a"], [""], [""], ["b"]]);
  });
});

describe("convert and check on a filtered tracker (review item 8)", () => {
  it("convert refuses before writing, naming the sheet and what to do", async () => {
    const fake = await filteredTracker();
    const before = everything(fake);
    const err: unknown = await convert(fake).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlanTrackerError);
    const { code, text } = err as PlanTrackerError;
    expect(code).toBe("sheet.filtered");
    expect(text.vi).toContain(`"${PLAN}"`);
    expect(text.vi).toContain("Xóa bộ lọc");
    expect(text.en).toContain("Data › Clear");
    expect(everything(fake)).toEqual(before);
  });

  it("check reports the plan's findings, writes nothing, and says why", async () => {
    const fake = await filteredTracker();
    const before = everything(fake);
    const { value } = await fake.run((ctx) => checkOpenWorkbook(ctx, ENV, {}));
    expect(everything(fake)).toEqual(before);
    expect(value.diagnostics.find((d) => d.code === "sheet.filtered")?.severity).toBe("warning");
  });

  it("with the filter cleared, the same convert goes through with every due date on its row", async () => {
    const fake = await filteredTracker();
    const due = fake.formulas(`${Q}!J5:J14`);
    await clearFilter(fake);
    await convert(fake);
    expect(fake.formulas(`${Q}!J5:J14`)).toEqual(due);
  });
});
