import { checkWorkbook } from "../../../src/domain/check";
import { budgetFigures, progressFigures, bucketOf } from "../../../src/domain/summary/figures";
import { summaryReport } from "../../../src/domain/summary/report";
import { book, sheet } from "../../helpers/grid";

const HEADER = [
  "Nội dung",
  "Thời gian",
  "Số lượng",
  "Loại sản phẩm",
  "Thời lượng",
  "Đơn vị thực hiện",
  "Kinh phí",
  "Trạng thái",
  "Ngày phát sóng",
  "Kinh phí thực chi",
];

/** Six items over the year, with every status, as a clerk would have them on 20/09/2023. */
function sample() {
  return checkWorkbook(
    book(
      sheet("KH", [
        HEADER,
        [
          "A",
          "Quý I/2023",
          1,
          "phóng sự",
          "5 phút",
          "Đài PT-TH",
          15_000_000,
          "Đã phát sóng",
          "10/03/2023",
          15_000_000,
        ],
        [
          "B",
          "Quý II/2023",
          2,
          "tin",
          "3 phút",
          "Trung tâm",
          10_000_000,
          "Đang thực hiện",
          null,
          4_000_000,
        ],
        ["C", "Quý II/2023", 1, "phóng sự", "5 phút", "đài pt-th", 15_000_000, null, null, null],
        ["D", "Quý III/2023", 1, "phóng sự", "5 phút", "Đài PT-TH", null, "Hoãn", null, null],
        ["E", "Quý IV/2023", 1, "tin", "2 phút", null, 5_000_000, "Hủy", null, null],
        [
          "F",
          "Quý VI/2023",
          1,
          "phóng sự",
          "5 phút",
          "Trung tâm",
          15_000_000,
          null,
          null,
          "15 triệu",
        ],
      ]),
      sheet("Cài đặt", [["Kinh phí được giao (đồng)", 50_000_000]]),
    ),
    { today: "2023-09-20" },
  );
}

describe("progress figures", () => {
  const check = sample();
  const fig = progressFigures(check.plan.items, 2023, "2023-09-20");

  it("buckets items by the quarter of their due date; no due date → other", () => {
    expect(check.plan.items.map((i) => bucketOf(i, 2023))).toEqual([1, 2, 2, 3, 4, "other"]);
  });

  it("counts by status, summing counts", () => {
    expect(
      fig.rows.map((r) => [
        r.bucket,
        r.planned,
        r.done,
        r.inProgress,
        r.notStarted,
        r.postponed,
        r.cancelled,
      ]),
    ).toEqual([
      [1, 1, 1, 0, 0, 0, 0],
      [2, 3, 0, 2, 1, 0, 0],
      [3, 1, 0, 0, 0, 1, 0],
      [4, 1, 0, 0, 0, 0, 1],
      ["other", 1, 0, 0, 1, 0, 0],
    ]);
    expect(fig.total).toMatchObject({
      planned: 7,
      done: 1,
      pctDone: 1 / 7,
      minutesPlanned: 5 + 6 + 5 + 5 + 2 + 5,
      minutesAired: 5,
    });
  });

  it("lists overdue items (not aired, not cancelled, due before as-of), most late first", () => {
    // B and C are due 30/06; D (postponed) due 30/09 is not yet late.
    expect(fig.overdue.map((o) => [o.item.title, o.daysLate])).toEqual([
      ["B", 82],
      ["C", 82],
    ]);
    expect(fig.rows.find((r) => r.bucket === 2)?.overdue).toBe(2);
  });
});

describe("budget figures", () => {
  const check = sample();
  const fig = budgetFigures(check.plan.items, 2023, check.settings.allocationVnd);

  it("totals planned and spent; text in the spending column is not added (as SUM would not)", () => {
    expect(fig).toMatchObject({
      allocation: 50_000_000,
      planned: 60_000_000,
      spent: 19_000_000,
      remaining: 31_000_000,
    });
    expect(fig.disbursed).toBeCloseTo(0.38);
    expect(fig.overAllocated).toBe(true);
    expect(fig.plannedOverAllocation).toBe(10_000_000);
  });

  it("groups units the way Excel's = compares them: case-insensitive, blank last", () => {
    expect(fig.byUnit.map((g) => [g.key, g.items, g.planned])).toEqual([
      ["Đài PT-TH", 3, 30_000_000],
      ["Trung tâm", 2, 25_000_000],
      [null, 1, 5_000_000],
    ]);
  });

  it("lists items without a planned amount and spending without an air date", () => {
    expect(fig.noPlannedAmount.map((i) => i.title)).toEqual(["D"]);
    expect(fig.spentWithoutAirDate.map((i) => i.title)).toEqual(["B"]);
  });
});

describe("the leaders' report model", () => {
  it.each(["vi", "en"] as const)("has every section in %s", (lang) => {
    const check = sample();
    const r = summaryReport(check, lang);
    expect(r.quarterTable.rows.map((x) => x.label)).toEqual(
      lang === "vi"
        ? ["Quý I", "Quý II", "Quý III", "Quý IV", "Chưa xác định", "Cả năm"]
        : ["Q1", "Q2", "Q3", "Q4", "Undated", "Year"],
    );
    // The latest closed period on 20/09/2023 under the default rule (NĐ 09/2019): Quý III,
    // 15/06–14/09. B and C (Quý II, due 30/06) fall in it and are still open: moved on.
    expect(r.period.label).toBe(lang === "vi" ? "Quý III/2023" : "Q3 2023");
    expect(r.slipped.map((x) => x.title)).toEqual(["B", "C"]);
    expect(r.chart.bars).toHaveLength(4);
    if (lang === "vi") {
      expect(r.motto).toEqual([
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
      ]);
      expect(r.placeDate).toMatch(/ngày 20 tháng 9 năm 2023$/);
      expect(r.headline.map((h) => [h.label, h.value])).toEqual([
        ["Phát sóng trong kỳ", "0"],
        ["Đến hạn trong kỳ: đã phát", "0/3"],
        ["Quá hạn", "2"],
        ["Chuyển kỳ sau", "2"],
        ["Đã chi trong kỳ", "4.000.000 đ"],
        ["Lỗi dữ liệu cần sửa", String(check.summary.errors)],
      ]);
      expect(r.number).toBe("Số: …/BC-…");
      expect(r.signer).toEqual({ authority: [], title: "THỦ TRƯỞNG CƠ QUAN", name: null });
    } else {
      expect(r.motto).toBeNull();
    }
  });
});
