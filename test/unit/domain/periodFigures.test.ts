/**
 * One reporting period's results from a small tracker as a clerk has it on 20/09/2023: what aired
 * in the window (by air date, whatever quarter planned it), what fell due in it, what is overdue,
 * what moved on, and the spending — under NĐ 09/2019 windows and calendar quarters.
 */
import { checkWorkbook, type CheckResult } from "../../../src/domain/check";
import { reportWindow, type PeriodKey } from "../../../src/domain/reportingPeriod";
import { periodFigures, type QuotaSource } from "../../../src/domain/summary/periodFigures";
import { periodSheet } from "../../../src/domain/summary/periodSheet";
import { summaryReport } from "../../../src/domain/summary/report";
import { summaryWorkbookLayout } from "../../../src/domain/summary/summaryWorkbook";
import { book, sheet } from "../../helpers/grid";

const HEADER = [
  "Nội dung",
  "Thời gian",
  "Số lượng",
  "Loại sản phẩm",
  "Thời lượng",
  "Đơn vị thực hiện",
  "Trạng thái",
  "Ngày phát sóng",
  "Kinh phí thực chi",
];
const DONE = "Đã phát sóng";

function tracker(rule: string | null): CheckResult {
  return checkWorkbook(
    book(
      sheet("KH", [
        HEADER,
        // A: planned in Quý I, aired 20/03 — calendar Quý I, NĐ 09 Quý II.
        [
          "A Nông thôn mới",
          "Quý I/2023",
          1,
          "phóng sự",
          "5 phút",
          "Đài",
          DONE,
          "20/03/2023",
          10_000_000,
        ],
        [
          "B Thành lập huyện",
          "11/03/2023",
          1,
          "phóng sự",
          "5 phút",
          "Đài",
          DONE,
          "11/03/2023",
          5_000_000,
        ],
        [
          "C Cải cách hành chính",
          "Quý I/2023",
          1,
          "phóng sự",
          "5 phút",
          "Trung tâm",
          "Đang thực hiện",
          null,
          null,
        ],
        ["D Chuyển đổi số", "Quý II/2023", 2, "tin", "2 phút", "Trung tâm", "Hoãn", null, null],
        // E: due 31/03, aired 10/05: late in calendar Quý I, in the window under NĐ 09.
        ["E OCOP", "Quý I/2023", 1, "phóng sự", "5 phút", "Đài", DONE, "10/05/2023", 7_000_000],
        ["F Ngày 14/03", "14/03/2023", 1, "tin", "2 phút", "Đài", DONE, "14/03/2023", 2_000_000],
        ["G Ngày 15/03", "15/03/2023", 1, "tin", "2 phút", "Đài", DONE, "15/03/2023", 3_000_000],
      ]),
      sheet("Cài đặt", [
        ["Năm kế hoạch", 2023],
        ["Kinh phí được giao (đồng)", 100_000_000],
        ["Cơ quan ban hành", "Ủy ban nhân dân xã Ia Tơi"],
        ...(rule === null ? [] : [["Kỳ báo cáo", rule]]),
      ]),
    ),
    { today: "2023-09-20" },
  );
}

const titles = (items: readonly { title: string | null }[]): string[] =>
  items.map((i) => (i.title ?? "").split(" ")[0] ?? "");

function figures(check: CheckResult, key: PeriodKey, rule: "nd09" | "calendar") {
  return periodFigures(check.plan.items, reportWindow({ key, year: 2023 }, rule), check.asOf, {
    allocation: check.settings.allocationVnd,
  });
}

describe("period figures", () => {
  const nd09 = tracker(null);
  const calendar = tracker("Quý dương lịch");

  it("reads the rule from the settings (default NĐ 09/2019)", () => {
    expect(nd09.settings.report.rule).toBeNull();
    expect(calendar.settings.report.rule).toBe("calendar");
    expect(nd09.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("NĐ 09 Quý I (15/12/2022–14/03/2023): B and F; 14/03 is in, 15/03 and 20/03 are not", () => {
    const f = figures(nd09, "Q1", "nd09");
    expect(titles(f.doneItems)).toEqual(["B", "F"]);
    expect([f.planned, f.plannedDone, f.done]).toEqual([2, 2, 2]);
    expect(f.carriedOver).toEqual([]);
    expect(f.slipped).toEqual([]);
    expect([f.spent, f.spentYearToDate]).toEqual([7_000_000, 7_000_000]);
    expect(f.closed).toBe(true);
  });

  it("NĐ 09 Quý II (15/03–14/06): A aired 20/03, E aired late but inside, C moved on", () => {
    const f = figures(nd09, "Q2", "nd09");
    expect(titles(f.doneItems)).toEqual(["A", "E", "G"]);
    // Due in the window: A, C, E (31/03) and G (15/03).
    expect([f.planned, f.plannedDone, f.done]).toEqual([4, 3, 3]);
    expect(titles(f.overdue)).toEqual(["C"]);
    expect(titles(f.carriedOver)).toEqual(["C"]);
    expect(f.slipped.map((s) => [s.item.title?.[0], s.kind, s.daysLate])).toEqual([
      ["C", "carried", 173],
    ]);
    expect([f.spent, f.spentYearToDate]).toEqual([20_000_000, 27_000_000]);
  });

  it("calendar Quý I: A, B, F, G aired in it; E aired in Quý II (slipped); C moved on", () => {
    const f = figures(calendar, "Q1", "calendar");
    expect(titles(f.doneItems)).toEqual(["A", "B", "F", "G"]);
    expect([f.planned, f.plannedDone, f.done]).toEqual([6, 5, 4]);
    expect(f.slipped.map((s) => [s.item.title?.[0], s.kind, s.airedIn])).toEqual([
      ["C", "carried", null],
      ["E", "aired-later", { quarter: 2, year: 2023 }],
    ]);
    expect([f.spent, f.spentYearToDate]).toEqual([20_000_000, 20_000_000]);
  });

  it("calendar Quý II: D postponed moves on; Quý I's C is earlier backlog", () => {
    const f = figures(calendar, "Q2", "calendar");
    expect(titles(f.doneItems)).toEqual(["E"]);
    expect(titles(f.overdue)).toEqual(["C", "D"]);
    expect(titles(f.carriedOver)).toEqual(["D"]);
    expect(f.slipped.map((s) => [s.item.title?.[0], s.kind])).toEqual([
      ["D", "carried"],
      ["C", "backlog"],
    ]);
    expect([f.spent, f.spentYearToDate]).toEqual([7_000_000, 27_000_000]);
  });

  it("a period not over yet is open, and its items not yet due are not moved on", () => {
    const f = figures(nd09, "Q4", "nd09");
    expect(f.closed).toBe(false);
    expect(f.carriedOver).toEqual([]);
    const h1 = figures(nd09, "H1", "nd09");
    expect(h1.window.start).toBe("2022-12-15");
    expect([h1.done, h1.spent]).toEqual([5, 27_000_000]);
  });

  it("shows recurring quotas only from a source, asking it for the window", () => {
    expect(figures(nd09, "Q3", "nd09").quotas).toEqual([]);
    const asked: string[] = [];
    const quotas: QuotaSource = (w, asOf) => {
      asked.push(`${w.key} ${w.start}–${w.end} ${asOf}`);
      return [{ label: "Tin cộng tác hằng tuần", unit: "tin", required: 26, achieved: 20 }];
    };
    const report = summaryReport(nd09, "vi", { period: "Q3", quotas });
    expect(asked).toEqual(["Q3 2023-06-15–2023-09-14 2023-09-20"]);
    expect(report.quotas).toEqual([
      { label: "Tin cộng tác hằng tuần", value: "20/26 tin", alert: true },
    ]);
    const cells = periodSheet(report.figures.period).cells;
    expect(cells.some((c) => c.value === "Tin cộng tác hằng tuần")).toBe(true);
  });
});

describe("the report for a period", () => {
  const calendar = tracker("Quý dương lịch");

  it("defaults to the latest closed period of the tracker's rule", () => {
    expect(summaryReport(tracker(null), "vi").period.label).toBe("Quý III/2023");
    expect(summaryReport(calendar, "vi").period.label).toBe("Quý II/2023");
    expect(summaryReport(calendar, "vi").periodLine).toBe(
      "(Số liệu từ ngày 01/04/2023 đến ngày 30/06/2023, theo quý dương lịch)",
    );
  });

  it("says when the period is not over", () => {
    const r = summaryReport(calendar, "vi", { period: "Q3" });
    expect(r.period.closed).toBe(false);
    expect(r.periodLine).toBe(
      "(Số liệu từ ngày 01/07/2023 đến ngày 30/09/2023, theo quý dương lịch; kỳ chưa kết thúc, số liệu đến ngày 20/09/2023)",
    );
  });

  it("lists what slipped with its plan quarter, due date and what became of it", () => {
    const r = summaryReport(calendar, "vi", { period: "Q1" });
    expect(r.slipped.map((s) => [s.title, s.planQuarter, s.due, s.state])).toEqual([
      ["C Cải cách hành chính", "Quý I/2023", "31/03/2023", "Đang thực hiện, trễ 173 ngày"],
      ["E OCOP", "Quý I/2023", "31/03/2023", "Đã phát 10/05/2023 (kỳ Quý II)"],
    ]);
    const en = summaryReport(calendar, "en", { period: "Q2" });
    expect(en.slipped.map((s) => s.state)).toEqual([
      "Hoãn, 82 days late",
      "Earlier period: Đang thực hiện, 173 days late",
    ]);
  });

  it("writes the period's spending in words under it, Vietnamese only", () => {
    const r = summaryReport(calendar, "vi", { period: "Q1" });
    const spent = r.budget.find((b) => b.label === "Đã chi trong kỳ");
    expect(spent).toEqual({
      label: "Đã chi trong kỳ",
      value: "20.000.000 đ",
      alert: false,
      note: "Bằng chữ: Hai mươi triệu đồng.",
    });
    expect(r.budget.find((b) => b.label === "Lũy kế từ đầu năm")?.value).toBe("20.000.000 đ");
    expect(r.budget.find((b) => b.label === "Còn lại")?.value).toBe("80.000.000 đ");
    const en = summaryReport(calendar, "en", { period: "Q1" });
    expect(en.budget.every((b) => !b.note)).toBe(true);
  });

  it("puts the period's sheet first in the values-only summary workbook", () => {
    const layout = summaryWorkbookLayout(calendar, { period: "Q1" });
    // (and a note: this small sheet has no due-date or check column, so it is no tracker yet)
    expect(layout.sheets.map((s) => s.name)).toEqual([
      "Báo cáo kỳ",
      "Tiến độ",
      "Kinh phí",
      "Ghi chú",
    ]);
    const cells = layout.sheets[0]!.cells;
    const valueOf = (label: RegExp) =>
      cells.find(
        (c) =>
          c.row === cells.find((l) => l.col === 1 && label.test(String(l.value)))?.row &&
          c.col === 2,
      )?.value;
    expect(valueOf(/^Phát sóng trong kỳ/)).toBe(4);
    expect(valueOf(/^Đã chi trong kỳ/)).toBe(20_000_000);
    expect(valueOf(/^Bằng chữ/)).toBe("Hai mươi triệu đồng");
    expect(cells.filter((c) => c.formula !== undefined)).toEqual([]);
  });
});
