/**
 * Protected sheets and a protected workbook structure (issue 11, review item 11). The host refuses
 * writes the way Excel does — operation by operation, AccessDenied, what came before stays
 * applied — so each test below failed before the adapter read protection in its first sync:
 * the convert then stopped half-way with a generic error.
 */
import {
  checkOpenWorkbook,
  convertToTracker,
  liveRecheck,
} from "../../src/adapters/officejs/session";
import { PlanTrackerError } from "../../src/domain/diagnostics";
import { type FakeWorkbook } from "../fakes/excel";
import { readFake } from "../helpers/adapterContract";
import { ENV, sampleFake } from "../helpers/officeFake";

const PLAN = "Kế hoạch";
const Q = `'${PLAN}'`;
/** The sample's weekly duty gives the tracker a broadcast log. */
const TRACKER_SHEETS = [
  PLAN,
  "Cài đặt",
  "Nhật ký phát sóng",
  "Kinh phí",
  "Tiến độ",
  "_PlanTracker",
];

function convert(fake: FakeWorkbook) {
  return fake.run((ctx) => convertToTracker(ctx, ENV, {}));
}

/** All a clerk could see of the workbook: every sheet's cells and rules, sheet order, names. */
function everything(fake: FakeWorkbook): unknown {
  return {
    book: readFake(
      fake,
      fake.sheets.map((s) => s.name),
    ),
    order: fake.sheetNames(),
    visibility: fake.sheets.map((s) => s.visibility),
    names: fake.names(),
    cfs: fake.sheets.map((s) => fake.conditionalFormats(s.name)),
    tables: fake.tableStates.map((t) => [t.name, t.sheet.name]),
  };
}

async function refusal(run: Promise<unknown>): Promise<PlanTrackerError> {
  const err: unknown = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PlanTrackerError);
  return err as PlanTrackerError;
}

describe("the host models protection as Excel does", () => {
  it("refuses a write to a protected sheet with AccessDenied, after the writes before it", async () => {
    const fake = sampleFake();
    fake.sheet(PLAN).protected = true;
    const err: unknown = await fake
      .run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(PLAN);
        ws.getRange("Z1").select(); // harmless
        ws.getRange("Z2").values = [["x"]];
        await ctx.sync();
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "AccessDenied",
      message: "You cannot perform the requested operation.",
    });
    expect(fake.cell(`${Q}!Z2`).value).toBeNull();
    // Reading, selecting and the protection itself stay allowed; protecting twice is refused.
    const state = await fake.run(async (ctx) => {
      const p = ctx.workbook.worksheets.getItem(PLAN).protection;
      p.load("protected");
      await ctx.sync();
      const was = p.protected;
      p.unprotect();
      ctx.workbook.worksheets.getItem(PLAN).getRange("Z2").values = [["x"]];
      await ctx.sync();
      return was;
    });
    expect(state).toBe(true);
    expect(fake.cell(`${Q}!Z2`).value).toBe("x");
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(PLAN).protection.unprotect();
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
  });

  it("refuses adding, deleting and hiding sheets when the structure is protected", async () => {
    const fake = sampleFake();
    fake.structureProtected = true;
    for (const act of [
      (ctx: Excel.RequestContext) => void ctx.workbook.worksheets.add("Mới"),
      (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem(PLAN).delete(),
      (ctx: Excel.RequestContext) => {
        ctx.workbook.worksheets.getItem(PLAN).name = "Đổi tên";
      },
    ]) {
      await expect(
        fake.run(async (ctx) => {
          act(ctx);
          await ctx.sync();
        }),
      ).rejects.toMatchObject({ code: "AccessDenied" });
    }
    expect(fake.sheetNames()).toEqual([PLAN]);
    // Cells are the sheet's, not the structure's.
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(PLAN).getRange("Z1").values = [["ok"]];
      await ctx.sync();
    });
    expect(fake.cell(`${Q}!Z1`).value).toBe("ok");
  });
});

describe("convert on a protected sheet or workbook (review item 11)", () => {
  it("refuses a protected plan sheet after the first sync, naming it, with nothing written", async () => {
    const fake = sampleFake();
    fake.sheet(PLAN).protected = true;
    const before = everything(fake);
    fake.resetStats();
    const err = await refusal(convert(fake));
    expect(err.code).toBe("sheet.protected");
    expect(err.text.vi).toContain(`"${PLAN}"`);
    expect(err.text.vi).toContain("Bỏ bảo vệ Trang tính");
    expect(err.text.en).toContain("Review › Unprotect Sheet");
    expect(fake.stats.syncs).toHaveLength(1);
    expect(everything(fake)).toEqual(before);
  });

  it("refuses a protected summary sheet of an earlier convert before writing anything", async () => {
    const fake = sampleFake();
    await convert(fake);
    fake.sheet("Tiến độ").protected = true;
    const before = everything(fake);
    const err = await refusal(convert(fake));
    expect(err.code).toBe("sheet.protected");
    expect(err.text.en).toContain('"Tiến độ"');
    expect(everything(fake)).toEqual(before);
    // Unprotected, the same convert goes through.
    fake.sheet("Tiến độ").protected = false;
    await convert(fake);
    expect(fake.sheetNames()).toEqual(TRACKER_SHEETS);
  });

  it("refuses a protected workbook structure on the first convert and on a later one", async () => {
    for (const converted of [false, true]) {
      const fake = sampleFake();
      if (converted) await convert(fake);
      fake.structureProtected = true;
      const before = everything(fake);
      const err = await refusal(convert(fake));
      expect(err.code).toBe("workbook.structure-protected");
      expect(err.text.vi).toContain("Bảo vệ Sổ làm việc");
      expect(err.text.en).toContain('"Kinh phí"');
      expect(everything(fake)).toEqual(before);
      expect(fake.stats.syncs.every((s) => s.ok)).toBe(true);
    }
  });

  it("checks a protected tracker without writing, and says why its cells were not refreshed", async () => {
    const fake = sampleFake();
    await convert(fake);
    fake.sheet(PLAN).protected = true;
    const before = everything(fake);
    const { value } = await fake.run((ctx) => checkOpenWorkbook(ctx, ENV, {}));
    expect(everything(fake)).toEqual(before);
    const note = value.diagnostics.find((d) => d.code === "sheet.protected");
    expect(note?.severity).toBe("warning");
    expect(note?.text.vi).toMatch(/^Kế hoạch: Trang tính đang được bảo vệ/);
    // The plan's own findings are still there (the sample's two "Quý VI" rows).
    expect(value.diagnostics.filter((d) => d.code !== "sheet.protected").length).toBeGreaterThan(0);
  });

  it("the live re-check of a protected tracker writes nothing and fails with the message", async () => {
    const fake = sampleFake();
    await convert(fake);
    fake.sheet(PLAN).protected = true;
    const before = everything(fake);
    const err = await refusal(fake.run((ctx) => liveRecheck(ctx, ENV, PLAN, [13])));
    expect(err.code).toBe("sheet.protected");
    expect(everything(fake)).toEqual(before);
  });
});
