/**
 * The wire between Microsoft's client and the host: what excel-web-16.00.debug.js sends
 * (RichApi Actions + ObjectPaths) and what it needs back (PascalCase query results, Id /
 * _ReferenceId for re-addressing, null objects, errors with the failing action's index).
 */
import { createFakeWorkbook } from "../fakes/excel";

interface Body {
  Actions: { ActionType: number; Name?: string }[];
  ObjectPaths: Record<string, { ObjectPathType: number; Name?: string }>;
}

function sample() {
  return createFakeWorkbook({
    sheets: [
      {
        name: "Kế hoạch",
        rows: [
          ["STT", "Nội dung"],
          [1, "Phóng sự"],
        ],
      },
    ],
  });
}

describe("the RichApi wire", () => {
  it("reads, re-addresses objects across syncs by Id and reference id, and handles null objects", async () => {
    const fake = sample();
    const requests: Body[] = [];
    const responses: unknown[] = [];
    fake.debugWire = (q, r) => {
      requests.push(q as Body);
      responses.push(r);
    };
    const out = await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Kế hoạch");
      const range = ws.getRange("A1:B2");
      range.load("values, address, format/fill/color");
      ws.load("name, id");
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      ws.getRange("C1").values = [["Ghi chú"]];
      const missing = sheets.getItemOrNullObject("Không có");
      await context.sync();
      range.format.fill.color = "#FFF2CC"; // the range of the first sync, by its reference id
      context.runtime.load("enableEvents");
      await context.sync();
      return {
        values: range.values,
        address: range.address,
        names: sheets.items.map((s) => s.name),
        id: ws.id,
        missing: missing.isNullObject,
        events: context.runtime.enableEvents,
      };
    });
    expect(out).toEqual({
      values: [
        ["STT", "Nội dung"],
        [1, "Phóng sự"],
      ],
      address: "'Kế hoạch'!A1:B2",
      names: ["Kế hoạch"],
      id: fake.sheet("Kế hoạch").id,
      missing: true,
      events: true,
    });
    expect(fake.values("'Kế hoạch'!C1")).toEqual([["Ghi chú"]]);
    expect(fake.cell("'Kế hoạch'!A1").format?.fillColor).toBe("#FFF2CC");
    // The third request names the range by the reference id the host gave it.
    const third = requests[2]!;
    expect(Object.values(third.ObjectPaths).some((p) => p.ObjectPathType === 6)).toBe(true);
    // The query result is PascalCase, with the navigation nested.
    expect(JSON.stringify(responses[0])).toContain('"Format":{"Fill":{"Color":"#FFFFFF"}}');
    // Excel.run ends by releasing the kept ranges: one more request, not a sync.
    expect(fake.stats.syncCount).toBe(3);
    expect(fake.stats.releaseRequests).toBe(1);
  });

  it("fails at the first failing action: earlier actions stay done, the error names its place", async () => {
    const fake = sample();
    const error = await fake
      .run(async (context) => {
        const ws = context.workbook.worksheets.getItem("Kế hoạch");
        ws.getRange("C1").values = [["trước"]];
        context.workbook.worksheets.getItem("Không có").getRange("A1").values = [["x"]];
        ws.getRange("C2").values = [["sau"]];
        await context.sync();
      })
      .catch((e: unknown) => e as { code: string; debugInfo: { errorLocation?: string } });
    expect(error).toMatchObject({
      code: "ItemNotFound",
      debugInfo: { errorLocation: "WorksheetCollection.getItem" },
    });
    expect(fake.values("'Kế hoạch'!C1:C2")).toEqual([["trước"], [""]]);
  });

  it("fault injection: GeneralException at operation k, counted over requests", async () => {
    const fake = sample();
    fake.operationCount = 0;
    fake.failAtOperation = 2;
    const error = await fake
      .run(async (context) => {
        const ws = context.workbook.worksheets.getItem("Kế hoạch");
        ws.getRange("C1").values = [["một"]];
        ws.getRange("C2").values = [["hai"]];
        await context.sync();
      })
      .catch((e: unknown) => e as { code: string });
    expect(error).toMatchObject({ code: "GeneralException" });
    // Operation 1 = getRange("C1") object, 2 = its values write: nothing was written.
    expect(fake.values("'Kế hoạch'!C1:C2")).toEqual([[""], [""]]);
    expect(fake.stats.syncs.at(-1)?.detail).toMatch(/fault injected at operation 2/);
  });

  it("enableEvents belongs to one runtime: the ribbon's switch leaves the pane's events on", async () => {
    const fake = sample();
    const pane = fake.connect("taskpane");
    const ribbon = fake.connect("ribbon");
    await ribbon.run(async (context: Excel.RequestContext) => {
      context.runtime.enableEvents = false;
      await context.sync();
    });
    const paneEvents = await pane.run(async (context: Excel.RequestContext) => {
      context.runtime.load("enableEvents");
      await context.sync();
      return context.runtime.enableEvents;
    });
    expect(paneEvents).toBe(true);
    expect(fake.runtimes.map((r) => [r.name, r.enableEvents])).toEqual([
      ["taskpane", true],
      ["ribbon", false],
    ]);
  });

  it("triggerSource reaches handlers only from ExcelApi 1.14", async () => {
    for (const [apiVersion, expected] of [
      ["1.13", undefined],
      ["1.14", "Unknown"],
    ] as const) {
      const fake = createFakeWorkbook({ apiVersion, sheets: [{ name: "Kế hoạch" }] });
      const seen: unknown[] = [];
      await fake.run(async (context) => {
        context.workbook.worksheets.getItem("Kế hoạch").onChanged.add((e) => {
          seen.push((e as { triggerSource?: string }).triggerSource);
          return Promise.resolve();
        });
        await context.sync();
      });
      await fake.simulateUserEdit("Kế hoạch", "A1", "x");
      expect({ apiVersion, seen }).toEqual({ apiVersion, seen: [expected] });
    }
  });
});
