/**
 * Excel batches are not transactional: a failure at any operation leaves the writes before it
 * (issue 11 §3). The host fails at operation k (GeneralException); whatever k, the clerk's cells
 * are untouched and the next convert succeeds. (That the retry also gives exactly the tracker of
 * one clean convert does NOT hold yet — see the issue note: the failed run's partial rules and
 * columns are not in any metadata.)
 */
import fc from "fast-check";
import { convertToTracker } from "../../src/adapters/officejs/session";
import { createFakeWorkbook, type FakeWorkbook } from "../fakes/excel";
import { ENV, generatedPlanRows } from "../helpers/officeFake";

const PLAN = "Kế hoạch";

function plan(rows: number): FakeWorkbook {
  return createFakeWorkbook({ sheets: [{ name: PLAN, rows: generatedPlanRows(rows) }] });
}

async function convert(fake: FakeWorkbook): Promise<void> {
  await fake.run((ctx) => convertToTracker(ctx, ENV, { planSheet: PLAN }));
}

/** Operations a clean convert of `rows` items makes (the range of k to try). */
async function operationsOf(rows: number): Promise<number> {
  const fake = plan(rows);
  fake.operationCount = 0;
  await convert(fake);
  return fake.operationCount;
}

async function failThenRetry(
  rows: number,
  k: number,
): Promise<{ failed: boolean; fake: FakeWorkbook }> {
  const fake = plan(rows);
  fake.operationCount = 0;
  fake.failAtOperation = k;
  let failed = false;
  try {
    await convert(fake);
  } catch {
    failed = true;
  }
  fake.failAtOperation = null;
  await convert(fake);
  return { failed, fake };
}

describe("a failed convert (fault injection at every operation k)", () => {
  it.each([10, 1_000, 10_000])(
    "at %i rows: the clerk's cells stay as they were, and the next convert succeeds",
    async (rows) => {
      const total = await operationsOf(rows);
      expect(total).toBeGreaterThan(20);
      const before = plan(rows).formulas(`'${PLAN}'!A1:I${rows + 4}`);
      // On the small plan every 8th k (all of them take minutes); the first, the last and a
      // sample on the big ones.
      const ks =
        rows === 10
          ? Array.from({ length: Math.ceil(total / 8) }, (_, i) => 1 + i * 8)
          : [
              1,
              total,
              ...fc.sample(fc.integer({ min: 1, max: total }), {
                numRuns: rows === 1_000 ? 25 : 6,
                seed: rows,
              }),
            ];
      let failures = 0;
      for (const k of ks) {
        const { failed, fake } = await failThenRetry(rows, k);
        // A fault in a read is retried in slices (GeneralException may mean "too big"), so
        // that convert can still succeed; a fault in a write fails it.
        if (failed) failures++;
        expect({ k, cells: fake.formulas(`'${PLAN}'!A1:I${rows + 4}`) }).toEqual({
          k,
          cells: before,
        });
        expect(fake.stats.syncs.at(-1)?.ok).toBe(true);
      }
      expect(failures).toBeGreaterThan(ks.length / 2);
    },
    600_000,
  );
});
