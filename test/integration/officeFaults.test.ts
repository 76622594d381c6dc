/**
 * Excel batches are not transactional: a failure at any operation leaves the writes before it
 * (issue 11 §3). The host fails at operation k (GeneralException). Whatever k, a failed convert
 * followed by a clean one leaves exactly the workbook one clean convert leaves — every cell,
 * format, width, rule, validation, table, name, chart and sheet — because the convert writes a
 * journal first (its metadata in a "writing" state naming all it may leave behind) and the next
 * run finishes the job from it.
 */
import fc from "fast-check";
import { convertToTracker } from "../../src/adapters/officejs/session";
import { createFakeWorkbook, type FakeWorkbook } from "../fakes/excel";
import { fakeSnapshot } from "../helpers/fakeSnapshot";
import { ENV, generatedPlanRows, sampleFake } from "../helpers/officeFake";

const PLAN = "Kế hoạch";

function plan(rows: number): FakeWorkbook {
  return createFakeWorkbook({ sheets: [{ name: PLAN, rows: generatedPlanRows(rows) }] });
}

/** A tracker the clerk has worked in: a status, a spending, a fixed period. */
async function workedTracker(rows: number): Promise<FakeWorkbook> {
  const fake = plan(rows);
  await convert(fake);
  await fake.simulateUserEdit(PLAN, "K5", "Đã phát sóng");
  await fake.simulateUserEdit(PLAN, "M6", 1_500_000);
  await fake.simulateUserEdit(PLAN, "C7", "Quý IV/2023");
  return fake;
}

async function convert(fake: FakeWorkbook): Promise<void> {
  await fake.run((ctx) => convertToTracker(ctx, ENV, { planSheet: PLAN }));
}

/** Operations a clean convert makes, and what it leaves. */
async function clean(start: () => Promise<FakeWorkbook>): Promise<{ ops: number; want: unknown }> {
  const fake = await start();
  fake.operationCount = 0;
  await convert(fake);
  return { ops: fake.operationCount, want: fakeSnapshot(fake) };
}

/** Converts failing at each k of `ks` in turn (null: no failure), then once cleanly. */
async function failingThenClean(
  start: () => Promise<FakeWorkbook>,
  ks: readonly number[],
): Promise<{ failed: number; fake: FakeWorkbook }> {
  const fake = await start();
  let failed = 0;
  for (const k of ks) {
    fake.operationCount = 0;
    fake.failAtOperation = k;
    await convert(fake).catch(() => failed++);
  }
  fake.failAtOperation = null;
  await convert(fake);
  expect(fake.stats.syncs.at(-1)?.ok).toBe(true);
  return { failed, fake };
}

describe("a failed convert, then a clean one, leaves exactly one clean convert's tracker", () => {
  it("at 10 rows, first convert: for every 5th operation k", async () => {
    const start = (): Promise<FakeWorkbook> => Promise.resolve(plan(10));
    const { ops, want } = await clean(start);
    expect(ops).toBeGreaterThan(500);
    let failures = 0;
    for (let k = 1; k <= ops; k += 5) {
      const { failed, fake } = await failingThenClean(start, [k]);
      failures += failed;
      expect({ k, tracker: fakeSnapshot(fake) }).toEqual({ k, tracker: want });
    }
    // A fault in a read is retried in slices (GeneralException may mean "too big"), so that
    // convert can still succeed; a fault in a write fails it.
    expect(failures).toBeGreaterThan(ops / 5 / 2);
  }, 600_000);

  it("at 10 rows, a re-convert of a tracker the clerk worked in: random k", async () => {
    const start = (): Promise<FakeWorkbook> => workedTracker(10);
    const { ops, want } = await clean(start);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: ops }), async (k) => {
        const { fake } = await failingThenClean(start, [k]);
        expect(fakeSnapshot(fake)).toEqual(want);
      }),
      { numRuns: 30, seed: 11 },
    );
  }, 600_000);

  it("at 10 rows, two failed converts in a row (the second failing too), then a clean one", async () => {
    const start = (): Promise<FakeWorkbook> => workedTracker(10);
    const { ops, want } = await clean(start);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: ops }),
        fc.integer({ min: 1, max: ops }),
        async (k1, k2) => {
          const { fake } = await failingThenClean(start, [k1, k2]);
          expect(fakeSnapshot(fake)).toEqual(want);
        },
      ),
      { numRuns: 25, seed: 12 },
    );
  }, 600_000);

  it.each([
    [1_000, 12],
    [10_000, 2],
  ])(
    "at %i rows: the first and last operation and %i random ones",
    async (rows, samples) => {
      const start = (): Promise<FakeWorkbook> => Promise.resolve(plan(rows));
      const { ops, want } = await clean(start);
      const ks = [
        1,
        ops,
        ...fc.sample(fc.integer({ min: 1, max: ops }), { numRuns: samples, seed: rows }),
      ];
      for (const k of ks) {
        const { fake } = await failingThenClean(start, [k]);
        expect({ k, same: JSON.stringify(fakeSnapshot(fake)) === JSON.stringify(want) }).toEqual({
          k,
          same: true,
        });
      }
    },
    900_000,
  );

  it("at a quarter matrix whose items sheet holds the clerk's entries: every k around its replacement and random ones — entries never lost", async () => {
    // The items sheet is rebuilt on each convert with the clerk's entries carried over: in Excel
    // its old copy is kept under a backup name until the new one is whole (SheetSpec.backup).
    const rows: (string | number | null)[][] = [
      ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2023"],
      [],
      ["STT", "Nội dung", "Thời gian thực hiện", null, null, null, "Đơn vị thực hiện", "Kinh phí"],
      [null, null, "Quý I", "Quý II", "Quý III", "Quý IV"],
      [1, "Phóng sự kỷ niệm ngày thành lập huyện 11/03/2023", "x", null, "x", null, "TT VH", 3e7],
      [2, "Tin phòng chống cháy rừng", "02 tin", "02", null, "✓", "Trung tâm VH", null],
    ];
    const merges = ["A1:H1", "A3:A4", "B3:B4", "C3:F3", "G3:G4", "H3:H4"];
    const start = async (): Promise<FakeWorkbook> => {
      const fake = createFakeWorkbook({ sheets: [{ name: "KH", rows, merges }] });
      const run = (): Promise<unknown> =>
        fake.run((ctx) => convertToTracker(ctx, ENV, { planSheet: "KH" }));
      await run();
      await fake.simulateUserEdit("Hạng mục theo dõi", "J7:L7", [["Đã phát sóng", 45100, 3e6]]);
      await fake.simulateUserEdit("Hạng mục theo dõi", "J4", "Đang thực hiện");
      // A new item in the matrix moves the rows of the items sheet on the next convert.
      await fake.simulateUserEdit("KH", "D5", "x");
      return fake;
    };
    const convertKH = (fake: FakeWorkbook): Promise<unknown> =>
      fake.run((ctx) => convertToTracker(ctx, ENV, { planSheet: "KH" }));
    const cleanFake = await start();
    cleanFake.operationCount = 0;
    cleanFake.operationLog = [];
    await convertKH(cleanFake);
    const ops = cleanFake.operationCount;
    const want = fakeSnapshot(cleanFake);
    // Where the items sheet is replaced: the operation that takes the old one away (renamed to
    // its backup; deleted, before the fix), then the new one's add and first writes.
    const log = cleanFake.operationLog;
    const swap = log.findIndex(
      (what, i) =>
        (what === "Worksheet.name" || what === "Worksheet.delete") &&
        log[i + 1] === "WorksheetCollection.add",
    );
    expect(swap).toBeGreaterThan(0);
    const ks = [
      ...Array.from({ length: 6 }, (_, i) => swap + 1 + i),
      ...fc.sample(fc.integer({ min: 1, max: ops }), { numRuns: 20, seed: 13 }),
    ];
    for (const k of ks) {
      const fake = await start();
      fake.operationCount = 0;
      fake.failAtOperation = k;
      await convertKH(fake).catch(() => undefined);
      fake.failAtOperation = null;
      await convertKH(fake);
      expect({ k, tracker: fakeSnapshot(fake) }).toEqual({ k, tracker: want });
    }
  }, 600_000);

  it("on the sample, whose weekly duty makes the broadcast log: every k just after a sheet is added, and random ones", async () => {
    // A sheet the run creates (settings, the log) is half-made when it fails right after adding
    // it: the journal names it, and the next run creates it again, whole.
    const start = (): Promise<FakeWorkbook> => Promise.resolve(sampleFake());
    const cleanFake = await start();
    cleanFake.operationCount = 0;
    cleanFake.operationLog = [];
    await convert(cleanFake);
    expect(cleanFake.sheetNames()).toContain("Nhật ký phát sóng");
    const ops = cleanFake.operationCount;
    const want = fakeSnapshot(cleanFake);
    const adds = cleanFake.operationLog.flatMap((what, i) =>
      what === "WorksheetCollection.add" ? [i + 2, i + 3] : [],
    );
    expect(adds.length).toBeGreaterThanOrEqual(8);
    const ks = [...adds, ...fc.sample(fc.integer({ min: 1, max: ops }), { numRuns: 12, seed: 14 })];
    for (const k of ks) {
      const { fake } = await failingThenClean(start, [k]);
      expect({ k, tracker: fakeSnapshot(fake) }).toEqual({ k, tracker: want });
    }
  }, 600_000);
});
