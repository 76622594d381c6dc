/**
 * The add-in's path on an office-style table (issue 12): convert in the fake Excel, then the live
 * re-check of an edited row reads the two-row merged header as `check` does, and an item under a
 * section row keeps the section's period (before, the re-check read the row alone and wrote
 * "period empty" into its Kiểm tra cell).
 */
import { convertToTracker, liveRecheck } from "../../src/adapters/officejs/session";
import { createFakeWorkbook } from "../fakes/excel";
import { ENV } from "../helpers/officeFake";

const SHEET = "KH";

function districtFake() {
  return createFakeWorkbook({
    sheets: [
      {
        name: SHEET,
        rows: [
          ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2023"],
          [],
          ["STT", "Nội dung", "Thời gian", "Sản phẩm", null, "Kinh phí", null],
          [null, null, null, "Số lượng", "Thời lượng", "Dự toán", "Thực chi"],
          ["I", "QUÝ I"],
          [1, "Phóng sự kỷ niệm ngày thành lập huyện", null, "01 phóng sự", "05 phút", 15000000],
          [2, "Tin phòng chống cháy rừng", "Quý II/2023", "02 tin", "03 phút", 6000000],
          [null, "Tổng cộng", null, null, null, 21000000],
        ],
        merges: ["A1:G1", "A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:G3"],
      },
    ],
  });
}

describe("the add-in on a district table with a two-row header", () => {
  it("converts the two items and re-checks an edited count cell live", async () => {
    const fake = districtFake();
    const converted = await fake.run((ctx) => convertToTracker(ctx, ENV, { planSheet: SHEET }));
    expect(converted.value.check.summary.items).toBe(2);
    expect(converted.value.check.plan.header.firstHeaderRow).toBe(3);
    await fake.simulateUserEdit(SHEET, "D7", "95 mét băng rôn");
    const live = await fake.run((ctx) => liveRecheck(ctx, ENV, SHEET, [7]));
    expect(live).not.toBeNull();
    expect(live!.rowsParsed).toBe(1);
    expect(live!.diagnostics.map((d) => [d.cell, d.code])).toEqual([["D7", "count.measure"]]);
  });

  it("re-checks an item under a section row with the section's period, as check does", async () => {
    const fake = districtFake();
    const converted = await fake.run((ctx) => convertToTracker(ctx, ENV, { planSheet: SHEET }));
    const checkCol = converted.value.metadata.columns.check!;
    const dueCol = converted.value.metadata.columns.due!;
    const letter = (c: number): string => String.fromCharCode(64 + c);
    const before = fake.cell(`${SHEET}!${letter(dueCol)}6`).formula;
    expect(before).toBe("=DATE(2023,3,31)");
    // The clerk corrects the title of row 6 (its period cell stays blank: QUÝ I above gives it).
    await fake.simulateUserEdit(SHEET, "B6", "Phóng sự kỷ niệm 08 năm thành lập huyện");
    const live = await fake.run((ctx) => liveRecheck(ctx, ENV, SHEET, [6]));
    expect(live!.rowsParsed).toBe(1);
    expect(live!.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(fake.cell(`${SHEET}!${letter(dueCol)}6`).formula).toBe(before);
    expect(fake.values(`${SHEET}!${letter(checkCol)}6`)[0]?.[0]).not.toMatch(/LỖI/);
    expect(live!.syncs).toBeLessThanOrEqual(3);
  });
});
