/**
 * Two runtimes of the add-in on one workbook (issue 11, review item 3): the task pane watching
 * the plan sheet and a ribbon command converting in its own runtime. enableEvents is per
 * runtime, so the ribbon's writes reach the pane's onChanged handler; below ExcelApi 1.14 no
 * triggerSource tells them apart. Before the pane filtered changes by column, a ribbon convert at
 * 1.13 made the pane re-check every row the ribbon wrote — and write them again.
 */
import { convertToTracker } from "../../src/adapters/officejs/session";
import { createExcelHost } from "../../src/taskpane/excelHost";
import { computedColumns, onlyComputedColumns } from "../../src/taskpane/changeFilter";
import { readMetadata } from "../../src/domain/tracker/metadata";
import { type FakeWorkbook } from "../fakes/excel";
import { ENV, sampleFake } from "../helpers/officeFake";

const PLAN = "Kế hoạch";
const Q = `'${PLAN}'`;

async function until(done: () => boolean, ms = 10_000): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function watchingPane(fake: FakeWorkbook) {
  const pane = fake.connect("taskpane");
  const host = createExcelHost({
    features: ENV.features,
    toolVersion: "test",
    now: () => new Date(2023, 8, 20),
    debounceMs: 1,
    run: pane.run,
  });
  const calls: number[][] = [];
  const stop = await host.watch!(PLAN, (rows) => calls.push([...rows]));
  return { calls, stop, pane };
}

describe("which changes the pane re-checks (changeFilter)", () => {
  const computed = new Set([10, 14, 15, 16, 17]); // J, N, O, P, Q
  it.each([
    ["'Kế hoạch'!J5:J200", true],
    ["N7", true],
    ["J5:J9, N5:N9", true],
    ["O5:Q5", true],
    ["K5", false], // status: the clerk's
    ["J5:K5", false],
    ["C13", false],
    ["5:5", false], // a whole row
    ["A1:XFD1048576", false],
    ["", false],
  ])("%s → only the tool's columns: %s", (address, expected) => {
    expect(onlyComputedColumns(address, computed)).toBe(expected);
  });

  it("reads the computed columns from the tracker's metadata; none without one", async () => {
    const fake = sampleFake();
    await fake.run((ctx) => convertToTracker(ctx, ENV, {}));
    const meta = readMetadata({
      name: "_PlanTracker",
      rows: fake.values("'_PlanTracker'!A1:B40"),
    });
    const cols = [...computedColumns(meta)].sort((a, b) => a - b);
    // Hạn (J), Kiểm tra (N) and the values the tool computes (O–Q) of the sample's tracker.
    expect(cols).toEqual([10, 14, 15, 16, 17]);
    expect(computedColumns(null).size).toBe(0);
  });
});

describe("a ribbon convert while the pane watches (review item 3)", () => {
  it.each(["1.13", "1.17"])(
    "at ExcelApi %s: the pane neither re-checks nor writes; a clerk's edit after still re-checks",
    async (apiVersion) => {
      const fake = sampleFake({ apiVersion });
      await fake.run((ctx) => convertToTracker(ctx, ENV, {}));
      const { calls, stop } = await watchingPane(fake);
      // The clerk fixes a period, then presses the ribbon's Convert (its own runtime).
      await fake.simulateUserEdit(PLAN, "C13", "Quý IV/2023");
      await until(() => calls.length > 0);
      calls.length = 0;
      fake.resetStats();
      const ribbon = fake.connect("ribbon");
      await ribbon.run((ctx: Excel.RequestContext) => convertToTracker(ctx, ENV, {}));
      await fake.flushEvents();
      await new Promise((r) => setTimeout(r, 30));
      expect(calls).toEqual([]);
      expect(fake.stats.syncs.filter((s) => s.runtime === "taskpane")).toEqual([]);
      // The filter is on columns, not a blanket mute: the clerk's next edit is re-checked.
      await fake.simulateUserEdit(PLAN, "C14", "Quý IV/2023");
      await until(() => calls.length > 0);
      expect(calls).toEqual([[14]]);
      expect(fake.cell(`${Q}!J14`).formula).toBe("=DATE(2023,12,31)");
      stop();
    },
  );
});

describe("events raised by the tool's own writes (review item 3, the flag read at dispatch)", () => {
  it.each(["1.13", "1.17"])(
    "at ExcelApi %s: the pane's convert raises its own events, and the pane ignores them: no storm, no write",
    async (apiVersion) => {
      // Excel may read enableEvents when it dispatches an event, after the request that switched
      // it off, wrote, and switched it on again: the tool's own writes then reach its handler.
      const fake = sampleFake({ apiVersion, eventFlagAt: "dispatch" });
      await fake.run((ctx) => convertToTracker(ctx, ENV, {}));
      await fake.simulateUserEdit(PLAN, "K5", "Đã phát sóng");
      const { calls, stop, pane } = await watchingPane(fake);
      await fake.flushEvents();
      calls.length = 0;
      fake.resetStats();
      const before = fake.eventLog.length;
      await pane.run((ctx: Excel.RequestContext) => convertToTracker(ctx, ENV, {}));
      await fake.flushEvents();
      await new Promise((r) => setTimeout(r, 30));
      const own = fake.eventLog.slice(before);
      expect(own.some((e) => e.deliveredTo?.includes("taskpane"))).toBe(true);
      expect(calls).toEqual([]);
      // Only the convert's three requests: nothing the handler sent after.
      expect(fake.stats.syncs).toHaveLength(3);
      stop();
    },
  );
});
