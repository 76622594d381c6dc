import { isoToSerial } from "../../../src/domain/calendar";
import type { PlanItem } from "../../../src/domain/planItem";
import { reportWindow } from "../../../src/domain/reportingPeriod";
import {
  dutiesOf,
  dutyFigures,
  dutyLine,
  quotaSource,
  quotaStatus,
  recurringState,
} from "../../../src/domain/summary/quotas";
import type { LogEntry } from "../../../src/domain/tracker/logSheet";

const DUTY = "Cộng tác tin, phóng sự phát trên sóng Đài Phát thanh - Truyền hình tỉnh";

function duty(
  row: number,
  title: string | null,
  every: "week" | "month" | "quarter",
  quota: number | null,
): PlanItem {
  return {
    row,
    title,
    unit: "Trung tâm Văn hóa - Thể thao - Du lịch và Truyền thông",
    recurrence: { every, interval: 1, quota, type: null, start: "2023-01-01", end: "2023-12-31" },
  } as unknown as PlanItem;
}

function entry(row: number, airedOn: unknown, dutyText: unknown): LogEntry {
  return { row, values: { airedOn, duty: dutyText } } as LogEntry;
}

const d = (iso: string) => ({ kind: "date" as const, serial: isoToSerial(iso) });

describe("quotaStatus: the Tiến độ status formula, in its order", () => {
  const week = { start: "2023-09-11", end: "2023-09-17" };
  it.each([
    [3, 2, "2023-09-20", "ahead"],
    [2, 2, "2023-09-20", "met"],
    [1, 2, "2023-09-20", "short"],
    [1, 2, "2023-09-17", "open"],
    [0, 1, "2023-09-11", "open"],
    [0, 1, "2023-09-10", "future"],
    [1, 1, "2023-09-10", "met"],
  ] as const)("%d done of %d, as of %s → %s", (done, quota, asOf, status) => {
    expect(quotaStatus(done, quota, week, asOf)).toBe(status);
  });
});

describe("duties and their periods counted on the log", () => {
  it("labels each duty by its title, made unique the way Excel compares text", () => {
    const labels = dutiesOf(
      [
        duty(5, DUTY, "week", null),
        duty(6, DUTY.toUpperCase(), "month", 2),
        duty(7, null, "quarter", 1),
      ],
      2023,
    ).map((x) => [x.label, x.quota, x.periods.length]);
    expect(labels).toEqual([
      [DUTY, 1, 52],
      [`${DUTY.toUpperCase()} (hàng 6)`, 2, 12],
      ["Nhiệm vụ định kỳ hàng 7", 1, 4],
    ]);
  });

  it("counts log rows whose duty matches without case and whose air date is a date in the week", () => {
    const [weekly] = dutiesOf([duty(5, DUTY, "week", 2)], 2023);
    const f = dutyFigures(
      weekly!,
      [
        entry(5, d("2023-09-11"), DUTY),
        entry(6, d("2023-09-17"), DUTY.toLowerCase()),
        entry(7, isoToSerial("2023-09-13"), DUTY), // a number the cell shows as General
        entry(8, "13/09/2023", DUTY), // text: no date
        entry(9, d("2023-09-13"), `${DUTY} `), // not the same text
        entry(10, d("2023-09-18"), DUTY),
        entry(11, d("2023-09-04"), 42),
      ],
      "2023-09-20",
    );
    expect(f.results[36]).toMatchObject({ done: 3, quota: 2, status: "ahead" });
    expect(f.results[37]).toMatchObject({ done: 1, status: "open" });
    expect(f).toMatchObject({ done: 4, ended: 37, endedMet: 1, short: 36, ahead: 1 });
    expect(dutyLine(f, "2023-09-20", "vi")).toBe(
      `"${DUTY}" (hằng tuần, ≥ 2/tuần): 1/37 tuần đạt; Tuần 38 (18/09–24/09): 1/2 — Đang thực hiện`,
    );
    expect(dutyLine(f, "2023-09-20", "en")).toBe(
      `"${DUTY}" (every week, ≥ 2/week): 1/37 weeks met; Week 38 (18/09–24/09): 1/2 — in progress`,
    );
  });

  it("is null for a plan without duty or log; a log alone keeps its entries", () => {
    expect(
      recurringState([], 2023, { sheet: null, foreign: false, entries: [] }, "2023-09-20"),
    ).toBeNull();
    expect(
      recurringState(
        [],
        2023,
        { sheet: "Nhật ký phát sóng", foreign: false, entries: [entry(5, 1, "x")] },
        "2023-09-20",
      ),
    ).toMatchObject({ logSheet: "Nhật ký phát sóng", duties: [], entries: [{ row: 5 }] });
  });
});

describe("quotaSource: the quota lines of a reporting window", () => {
  const state = recurringState(
    [duty(5, DUTY, "week", null), duty(6, "Chuyên mục", "month", 1)],
    2023,
    {
      sheet: "Nhật ký phát sóng",
      foreign: false,
      entries: [
        entry(5, d("2023-09-12"), DUTY), // week 37: ends 17/09, after the Q3 window (14/09)
        entry(6, d("2023-09-08"), DUTY), // week 36: in the window
        entry(7, d("2023-06-13"), DUTY), // week 24 ends 18/06: in the window
        entry(8, d("2023-08-10"), "Chuyên mục"),
      ],
    },
    "2023-09-20",
  )!;

  it("takes the periods that ended in the window (Nghị định 09: 15/06–14/09) and by the as-of date", () => {
    const lines = quotaSource(state)(reportWindow({ key: "Q3", year: 2023 }, "nd09"), "2023-09-20");
    expect(lines).toEqual([
      {
        label: `${DUTY} (hằng tuần, ≥ 1/tuần; 2 sản phẩm)`,
        unit: "tuần đạt",
        unitEn: "weeks met",
        required: 13,
        achieved: 2,
      },
      {
        label: "Chuyên mục (hằng tháng, ≥ 1/tháng; 1 sản phẩm)",
        unit: "tháng đạt",
        unitEn: "months met",
        required: 3,
        achieved: 1,
      },
    ]);
  });

  it("counts calendar quarters by their own weeks, and only the weeks over in an open window", () => {
    const q3 = quotaSource(state)(
      reportWindow({ key: "Q3", year: 2023 }, "calendar"),
      "2023-09-20",
    );
    // Weeks 26 (ends 02/07) to 37 (ends 17/09); July and August.
    expect(q3.map((l) => [l.required, l.achieved])).toEqual([
      [12, 2],
      [2, 1],
    ]);
    const q4 = quotaSource(state)(
      reportWindow({ key: "Q4", year: 2023 }, "calendar"),
      "2023-09-20",
    );
    expect(q4).toEqual([]);
  });
});
