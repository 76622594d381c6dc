import { createFakeWorkbook } from "../fakes/excel";

describe("smoke", () => {
  it("reads and writes through the real client", async () => {
    const fake = createFakeWorkbook({
      sheets: [
        {
          name: "Kế hoạch",
          rows: [
            ["STT", "Nội dung"],
            [1, "a"],
          ],
        },
      ],
    });
    fake.debugWire = (q, r) => console.log(JSON.stringify(q), "\n=>", JSON.stringify(r));
    const out = await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem("Kế hoạch");
      const r = ws.getRange("A1:B2");
      r.load("values, address, format/fill/color");
      ws.load("name, id");
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      ws.getRange("C1").values = [["x"]];
      const added = sheets.add("Mới");
      added.getRange("A1").values = [[5]];
      const missing = sheets.getItemOrNullObject("Không");
      await context.sync();
      r.format.fill.color = "#FF0000";
      context.runtime.load("enableEvents");
      await context.sync();
      return {
        v: r.values,
        a: r.address,
        n: sheets.items.map((s) => s.name),
        id: ws.id,
        miss: missing.isNullObject,
        ev: context.runtime.enableEvents,
      };
    });
    expect(out).toEqual({});
  });
});
