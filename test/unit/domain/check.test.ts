import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkJson, checkWorkbook } from "../../../src/domain/check";
import { PlanTrackerError } from "../../../src/domain/diagnostics";
import { parsePlanDocument } from "../../../src/domain/planDocument";
import { planWorkbookLayout } from "../../../src/domain/planWorkbook";
import type { CellValue } from "../../../src/domain/cell";
import { book, sheet, SAMPLE_HEADER } from "../../helpers/grid";

const SAMPLE = readFileSync(join(__dirname, "../../../assets/samples/ke-hoach-2023.txt"), "utf8");

/** The standard plan workbook for the sample, as a grid (what import writes). */
function sampleGrid(): CellValue[][] {
  const layout = planWorkbookLayout(parsePlanDocument(SAMPLE).document);
  const rows: CellValue[][] = [];
  for (const c of layout.sheets[0]!.cells) {
    (rows[c.row - 1] ??= [])[c.col - 1] = c.value ?? null;
  }
  return Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null));
}

const TODAY = "2023-09-20";

describe("check on the bundled sample", () => {
  const result = checkWorkbook(book(sheet("Kế hoạch", sampleGrid())), { today: TODAY });

  const dated = result.plan.items.slice(0, 10);

  it("reads ten dated items and the weekly duty on the header row 4", () => {
    expect(result.plan.header.headerRow).toBe(4);
    expect(result.plan.items).toHaveLength(11);
    expect(dated.every((i) => i.recurrence === undefined)).toBe(true);
    expect(result.plan.planYear).toBe(2023);
  });

  it("reads row 15 'Hằng tuần' as a weekly duty without a stated quota, due on no single day", () => {
    expect(result.plan.items[10]).toMatchObject({
      row: 15,
      periodText: "Hằng tuần",
      title: "Cộng tác tin, phóng sự phát trên sóng Đài Phát thanh - Truyền hình tỉnh",
      recurrence: {
        every: "week",
        interval: 1,
        quota: null,
        type: null,
        start: "2023-01-01",
        end: "2023-12-31",
      },
      count: null,
      type: "tin, phóng sự",
      dueDate: null,
      quarter: null,
      year: 2023,
      overdue: false,
      unit: "Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông",
    });
    // Counted at least once a week over the 52 ISO weeks of 2023; no log yet: none met.
    const duty = result.recurring?.duties[0];
    expect(duty?.duty.quota).toBe(1);
    expect(duty?.results).toHaveLength(52);
    expect(duty?.results[0]?.period).toMatchObject({ start: "2023-01-02", end: "2023-01-08" });
    expect(duty).toMatchObject({ ended: 37, endedMet: 0, short: 37, done: 0 });
    expect(result.recurring?.logSheet).toBeNull();
  });

  it("reports exactly the two Quý VI rows, with the suggestion Quý IV/2023", () => {
    expect(result.summary).toEqual({ items: 11, errors: 2, warnings: 0 });
    expect(result.diagnostics.map((d) => [d.code, d.cell, d.suggestion])).toEqual([
      ["period.invalid-quarter", "C13", "Quý IV/2023"],
      ["period.invalid-quarter", "C14", "Quý IV/2023"],
    ]);
  });

  it("dates item 1 by its anniversary, item 3 by its event, the others by their quarter's end", () => {
    expect(dated.map((i) => i.dueDate)).toEqual([
      "2023-03-11",
      "2023-03-31",
      "2023-04-17",
      "2023-06-30",
      "2023-06-30",
      "2023-09-30",
      "2023-09-30",
      "2023-09-30",
      null,
      null,
    ]);
  });

  it("reads every duration as 5 minutes, count 1, type phóng sự", () => {
    for (const item of dated) {
      expect([item.durationMinutes, item.count, item.type]).toEqual([5, 1, "phóng sự"]);
    }
  });

  it("marks items due before the as-of date as overdue", () => {
    expect(dated.map((i) => i.overdue)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(result.plan.items.slice(5, 8).every((i) => i.dueSoon)).toBe(true);
  });

  it("produces the check --json contract", () => {
    const json = checkJson(result, "plan.xlsx", "vi") as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        "file",
        "sheet",
        "headerRow",
        "columns",
        "items",
        "diagnostics",
        "summary",
      ]),
    );
    const items = json.items as Record<string, unknown>[];
    expect(Object.keys(items[0]!)).toEqual([
      "row",
      "title",
      "periodText",
      "quarter",
      "year",
      "dueDate",
      "count",
      "type",
      "durationText",
      "durationMinutes",
      "unit",
      "budgetVnd",
      "status",
      "airedOn",
      "spentVnd",
      "overdue",
      // Added for issue 13 §3 (after the contract's fields, none renamed).
      "evidence",
      "acceptanceNo",
      "acceptedOn",
      "invoice",
      "paidOn",
    ]);
    // Added fields only: the duty's recurrence, and the duties counted per period.
    expect(items[10]).toMatchObject({
      row: 15,
      periodText: "Hằng tuần",
      count: null,
      dueDate: null,
      recurrence: {
        every: "week",
        interval: 1,
        quota: null,
        type: null,
        from: "2023-01-01",
        to: "2023-12-31",
      },
    });
    const keys = Object.keys(items[0]!);
    expect(Object.keys(items[10]!).slice(0, keys.length)).toEqual(keys);
    expect(json.recurring).toMatchObject({
      logSheet: null,
      logEntries: 0,
      duties: [{ row: 15, every: "week", quota: 1, quotaStated: false, periodsOver: 37 }],
    });
    const diag = (json.diagnostics as Record<string, unknown>[])[0]!;
    expect(diag).toMatchObject({
      row: 13,
      cell: "C13",
      field: "period",
      severity: "error",
      code: "period.invalid-quarter",
      value: "Quý VI/2023",
      suggestion: "Quý IV/2023",
    });
    expect(typeof diag.message).toBe("string");
  });
});

describe("check on other workbook shapes", () => {
  it("reads an English header without a title row", () => {
    const r = checkWorkbook(
      book(
        sheet("Plan", [
          ["No.", "Title", "Quarter", "Count", "Duration", "Budget (VND)", "Status"],
          [1, "Report A", "Q2/2024", 2, "10 phút", "30.000.000", "Done"],
        ]),
      ),
      { today: "2024-12-01" },
    );
    expect(r.plan.items[0]).toMatchObject({
      quarter: 2,
      year: 2024,
      count: 2,
      durationMinutes: 10,
      budgetVnd: 30000000,
      status: "Đã phát sóng",
      overdue: false,
    });
  });

  it("takes the period of a section row for the items under it", () => {
    const r = checkWorkbook(
      book(
        sheet("KH", [
          ["TT", "Nội dung", "Thời gian"],
          ["I", "Quý I/2023"],
          [1, "Phóng sự A", null],
          ["II", "Quý II/2023"],
          [2, "Phóng sự B", null],
        ]),
      ),
      { today: "2023-01-01" },
    );
    expect(r.plan.items.map((i) => [i.row, i.quarter, i.periodText])).toEqual([
      [3, 1, "Quý I/2023"],
      [5, 2, "Quý II/2023"],
    ]);
    expect(r.summary.errors).toBe(0);
  });

  it("skips blank rows and a total row", () => {
    const r = checkWorkbook(
      book(
        sheet("KH", [
          SAMPLE_HEADER,
          [1, "A", "Quý I/2023"],
          [],
          [2, "B", "Quý II/2023"],
          [null, "Tổng cộng", null, null, null, null, null, 30000000],
        ]),
      ),
      { today: "2023-01-01" },
    );
    expect(r.plan.items.map((i) => i.row)).toEqual([2, 4]);
  });

  it("flags a missing title, an unknown status and an unreadable air date on their cells", () => {
    const r = checkWorkbook(
      book(
        sheet("KH", [
          ["Nội dung", "Thời gian", "Trạng thái", "Ngày phát sóng"],
          [null, "Quý I/2023", "xong rồi?", "hôm qua"],
        ]),
      ),
      { today: "2023-06-01" },
    );
    const cells = r.diagnostics.map((d) => [d.code, d.cell]);
    expect(cells).toEqual(
      expect.arrayContaining([
        ["title.empty", "A2"],
        ["date.unreadable", "D2"],
      ]),
    );
    expect(r.diagnostics.find((d) => d.cell === "C2")?.severity).toBe("error");
  });

  it("flags a broadcast time in the duration column on its cell, and keeps no length", () => {
    const r = checkWorkbook(
      book(
        sheet("KH", [
          ["Nội dung", "Thời gian", "Thời lượng"],
          ["Bản tin sáng", "Quý I/2023", "5h00’"],
          ["Phim tài liệu", "Quý I/2023", "1h30"],
          ["Phóng sự", "Quý I/2023", "thời lượng mỗi chương trình 20 phút"],
        ]),
      ),
      { today: "2023-01-01" },
    );
    expect(r.diagnostics.map((d) => [d.code, d.sheet, d.cell, d.severity])).toEqual([
      ["duration.time-slot", "KH", "C2", "error"],
      ["duration.maybe-time-slot", "KH", "C3", "warning"],
    ]);
    expect(r.diagnostics[0]?.text.vi).toMatch(/^KH!C2: .*khung giờ phát sóng/);
    expect(r.plan.items.map((i) => i.durationMinutes)).toEqual([null, 90, 20]);
  });

  it("warns when a year differs from the plan year given with --year", () => {
    const r = checkWorkbook(
      book(
        sheet("KH", [
          ["Nội dung", "Thời gian"],
          ["A", "Quý I/2022"],
        ]),
      ),
      {
        today: "2023-01-01",
        planYear: 2023,
      },
    );
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ["period.other-year", "warning"],
    ]);
  });

  it("uses the as-of date from the settings sheet, and --as-of over it", () => {
    const wb = book(
      sheet("KH", [
        ["Nội dung", "Thời gian"],
        ["A", "Quý I/2023"],
      ]),
      sheet("Cài đặt", [
        ["Năm kế hoạch", 2023],
        ["Ngày tính (để trống = hôm nay)", "15/02/2023"],
      ]),
    );
    expect(checkWorkbook(wb, { today: "2024-01-01" }).asOf).toBe("2023-02-15");
    expect(checkWorkbook(wb, { today: "2024-01-01" }).plan.items[0]?.overdue).toBe(false);
    expect(
      checkWorkbook(wb, { today: "2024-01-01", asOf: "2023-05-01" }).plan.items[0]?.overdue,
    ).toBe(true);
  });

  it.each([
    ["an empty workbook", book(), "workbook.no-sheets"],
    [
      "a sheet without a period column",
      book(
        sheet("KH", [
          ["STT", "Nội dung"],
          [1, "A"],
        ]),
      ),
      "workbook.not-a-plan",
    ],
    ["an empty sheet", book(sheet("Sheet1", [])), "workbook.not-a-plan"],
  ])("refuses %s with one clear sentence", (_name, wb, code) => {
    let error: unknown;
    try {
      checkWorkbook(wb, { today: "2023-01-01" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanTrackerError);
    expect((error as PlanTrackerError).code).toBe(code);
    expect((error as PlanTrackerError).text.vi.length).toBeGreaterThan(20);
  });

  it("names the sheets when --sheet is wrong", () => {
    expect(() =>
      checkWorkbook(book(sheet("KH", [["Nội dung", "Thời gian"]])), {
        today: "2023-01-01",
        sheet: "Plan",
      }),
    ).toThrow(/There is no sheet named "Plan". The workbook has: "KH"/);
  });
});

describe("the duplicate rule: the same title in the same period", () => {
  /** [title, period] rows → the duplicate warnings as [row, row of the first]. */
  function duplicatesOf(rows: [string, string][]): [number, number][] {
    const r = checkWorkbook(
      book(sheet("KH", [["Nội dung", "Thời gian"], ...rows.map(([t, p]) => [t, p])])),
      { today: "2023-01-01" },
    );
    return r.diagnostics
      .filter((d) => d.code === "item.duplicate")
      .map((d) => {
        expect(d.cell).toBe(`A${d.row}`);
        expect(d.severity).toBe("warning");
        return [d.row as number, Number(/row (\d+)/.exec(d.detail.en)?.[1])];
      });
  }

  it.each<[string, [string, string][], [number, number][]]>([
    [
      "no repeat",
      [
        ["Phóng sự OCOP", "Quý I/2023"],
        ["Chuyển đổi số", "Quý I/2023"],
      ],
      [],
    ],
    [
      "the same title and period",
      [
        ["Phóng sự OCOP", "Quý I/2023"],
        ["Phóng sự OCOP", "Quý I/2023"],
      ],
      [[3, 2]],
    ],
    [
      "case, diacritics and spacing differ",
      [
        ["Phóng sự OCOP", "Quý I/2023"],
        ["phong su  ocop", "quý i/2023"],
      ],
      [[3, 2]],
    ],
    [
      "the same title in other quarters is a series, not a copy",
      [
        ["Phóng sự OCOP", "Quý I/2023"],
        ["Phóng sự OCOP", "Quý II/2023"],
      ],
      [],
    ],
    [
      "a third and fourth row after two periods: each names the first of its own period",
      [
        ["Phóng sự OCOP", "Quý I/2023"],
        ["Phóng sự OCOP", "Quý II/2023"],
        ["Phóng sự OCOP", "Quý I/2023"],
        ["Phóng sự OCOP", "Quý II/2023"],
        ["Phóng sự OCOP", "Quý III/2023"],
      ],
      [
        [4, 2],
        [5, 3],
      ],
    ],
    [
      "titles with a | are keyed whole",
      [
        ["A | B", "Quý I/2023"],
        ["A", "B | Quý I/2023"],
        ["A | B", "Quý I/2023"],
      ],
      [[4, 2]],
    ],
  ])("%s", (_name, rows, expected) => {
    expect(duplicatesOf(rows)).toEqual(expected);
  });
});
