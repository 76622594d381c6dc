/**
 * Reporting windows: Nghị định 09/2019/NĐ-CP art. 12 (the 15th of the month before to the 14th)
 * and calendar quarters, the quarter a date is reported in, --period parsing and the latest
 * closed period.
 */
import fc from "fast-check";
import { addDays, daysToIso, isoToDays } from "../../../src/domain/calendar";
import {
  defaultPeriod,
  inWindow,
  isClosed,
  parsePeriodKey,
  PERIOD_KEYS,
  periodLabel,
  reportWindow,
  windowQuarterOf,
  windowText,
  type PeriodKey,
  type WindowRule,
} from "../../../src/domain/reportingPeriod";

describe("reportWindow", () => {
  it.each<[PeriodKey, string, string, string, string]>([
    // key, nd09 start, nd09 end, calendar start, calendar end (the 2023 report)
    ["Q1", "2022-12-15", "2023-03-14", "2023-01-01", "2023-03-31"],
    ["Q2", "2023-03-15", "2023-06-14", "2023-04-01", "2023-06-30"],
    ["Q3", "2023-06-15", "2023-09-14", "2023-07-01", "2023-09-30"],
    ["Q4", "2023-09-15", "2023-12-14", "2023-10-01", "2023-12-31"],
    ["H1", "2022-12-15", "2023-06-14", "2023-01-01", "2023-06-30"],
    ["9M", "2022-12-15", "2023-09-14", "2023-01-01", "2023-09-30"],
    ["Y", "2022-12-15", "2023-12-14", "2023-01-01", "2023-12-31"],
  ])("%s/2023: NĐ 09 %s–%s, calendar %s–%s", (key, nStart, nEnd, cStart, cEnd) => {
    const nd09 = reportWindow({ key, year: 2023 }, "nd09");
    const calendar = reportWindow({ key, year: 2023 }, "calendar");
    expect([nd09.start, nd09.end]).toEqual([nStart, nEnd]);
    expect([calendar.start, calendar.end]).toEqual([cStart, cEnd]);
    expect(nd09.rule).toBe("nd09");
  });

  it("lists the quarters a period spans", () => {
    expect(PERIOD_KEYS.map((key) => reportWindow({ key, year: 2024 }, "nd09").quarters)).toEqual([
      [1],
      [2],
      [3],
      [4],
      [1, 2],
      [1, 2, 3],
      [1, 2, 3, 4],
    ]);
  });

  it("computes a leap year (2024) the same way", () => {
    expect(reportWindow({ key: "Q1", year: 2024 }, "calendar").end).toBe("2024-03-31");
    expect(reportWindow({ key: "Q1", year: 2024 }, "nd09").start).toBe("2023-12-15");
  });
});

describe("windowQuarterOf: the reporting quarter a date falls in", () => {
  it.each<[string, WindowRule, number, number]>([
    ["2023-03-14", "nd09", 1, 2023],
    ["2023-03-15", "nd09", 2, 2023],
    // The example: aired 20/03 — calendar Quý I, but the Quý II reporting window.
    ["2023-03-20", "nd09", 2, 2023],
    ["2023-03-20", "calendar", 1, 2023],
    ["2023-03-31", "calendar", 1, 2023],
    ["2023-04-01", "calendar", 2, 2023],
    // 15/12 of the year before opens Quý I of the next report year.
    ["2022-12-15", "nd09", 1, 2023],
    ["2022-12-14", "nd09", 4, 2022],
    ["2022-12-15", "calendar", 4, 2022],
    ["2023-06-14", "nd09", 2, 2023],
    ["2023-06-15", "nd09", 3, 2023],
    ["2023-09-12", "nd09", 3, 2023],
    ["2023-09-30", "nd09", 4, 2023],
    ["2023-12-31", "nd09", 1, 2024],
    ["2023-12-31", "calendar", 4, 2023],
  ])("%s under %s → Quý %i/%i", (date, rule, quarter, year) => {
    expect(windowQuarterOf(date, rule)).toEqual({ quarter, year });
  });

  it("agrees with the windows: a date is in the window of its quarter and in no other", () => {
    const days = fc.integer({ min: isoToDays("1995-01-01"), max: isoToDays("2090-12-31") });
    fc.assert(
      fc.property(days, fc.constantFrom<WindowRule>("nd09", "calendar"), (d, rule) => {
        const date = daysToIso(d);
        const q = windowQuarterOf(date, rule);
        const own = reportWindow({ key: `Q${q.quarter}` as PeriodKey, year: q.year }, rule);
        expect(inWindow(date, own)).toBe(true);
        for (const year of [q.year - 1, q.year, q.year + 1]) {
          for (const key of ["Q1", "Q2", "Q3", "Q4"] as const) {
            if (year === q.year && key === `Q${q.quarter}`) continue;
            expect(inWindow(date, reportWindow({ key, year }, rule))).toBe(false);
          }
        }
      }),
    );
  });

  it("tiles the years: each quarter's window starts the day after the one before ends", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.constantFrom<WindowRule>("nd09", "calendar"),
        (year, rule) => {
          const q = (key: PeriodKey, y = year) => reportWindow({ key, year: y }, rule);
          expect(addDays(q("Q4", year - 1).end, 1)).toBe(q("Q1").start);
          expect(addDays(q("Q1").end, 1)).toBe(q("Q2").start);
          expect(addDays(q("Q2").end, 1)).toBe(q("Q3").start);
          expect(addDays(q("Q3").end, 1)).toBe(q("Q4").start);
          expect(q("Y").start).toBe(q("Q1").start);
          expect(q("Y").end).toBe(q("Q4").end);
        },
      ),
    );
  });
});

describe("parsePeriodKey (--period)", () => {
  it.each([
    ["Q1", "Q1"],
    ["q3", "Q3"],
    [" Q4 ", "Q4"],
    ["h1", "H1"],
    ["9m", "9M"],
    ["9M", "9M"],
    ["y", "Y"],
    ["Y", "Y"],
  ])("%j → %s", (text, key) => {
    expect(parsePeriodKey(text)).toBe(key);
  });

  it.each(["", "Q5", "Q0", "6M", "H2", "Quý III", "III", "2023", "Q3/2023", "year"])(
    "%j → null",
    (text) => {
      expect(parsePeriodKey(text)).toBeNull();
    },
  );
});

describe("defaultPeriod: the latest closed period", () => {
  it.each<[string, WindowRule, number | null, string]>([
    // The demo's date: NĐ 09's Quý III closed on 14/09; the calendar's only on 30/09.
    ["2023-09-20", "nd09", 2023, "Q3/2023"],
    ["2023-09-20", "calendar", 2023, "Q2/2023"],
    // A window is closed once its last day is over.
    ["2023-09-14", "nd09", 2023, "Q2/2023"],
    ["2023-09-15", "nd09", 2023, "Q3/2023"],
    ["2023-09-30", "calendar", 2023, "Q2/2023"],
    ["2023-10-01", "calendar", 2023, "Q3/2023"],
    // Before the plan year's first window closes: Quý I (still open).
    ["2023-02-01", "nd09", 2023, "Q1/2023"],
    ["2022-12-20", "nd09", 2023, "Q1/2023"],
    // After the plan year: its Quý IV.
    ["2024-06-01", "nd09", 2023, "Q4/2023"],
    ["2023-12-15", "nd09", 2023, "Q4/2023"],
    ["2023-12-31", "calendar", 2023, "Q3/2023"],
    ["2024-01-01", "calendar", 2023, "Q4/2023"],
    // Without a plan year: the latest closed quarter of any year.
    ["2024-01-10", "nd09", null, "Q4/2023"],
    ["2024-01-10", "calendar", null, "Q4/2023"],
  ])("as of %s under %s, plan year %s → %s", (asOf, rule, planYear, expected) => {
    const p = defaultPeriod(asOf, rule, planYear);
    expect(`${p.key}/${p.year}`).toBe(expected);
  });

  it("is closed as of its date whenever a plan year's window has closed", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: isoToDays("2023-03-15"), max: isoToDays("2023-12-14") }),
        fc.constantFrom<WindowRule>("nd09", "calendar"),
        (d, rule) => {
          const asOf = daysToIso(d);
          const w = reportWindow(defaultPeriod(asOf, rule, 2023), rule);
          const firstClosed = isClosed(reportWindow({ key: "Q1", year: 2023 }, rule), asOf);
          expect(isClosed(w, asOf)).toBe(firstClosed);
          // And no later quarter of 2023 has closed.
          const next = w.quarters[0]! + 1;
          if (firstClosed && next <= 4)
            expect(
              isClosed(reportWindow({ key: `Q${next}` as PeriodKey, year: 2023 }, rule), asOf),
            ).toBe(false);
        },
      ),
    );
  });
});

describe("labels", () => {
  it.each<[PeriodKey, string, string]>([
    ["Q3", "Quý III/2023", "Q3 2023"],
    ["Q4", "Quý IV/2023", "Q4 2023"],
    ["H1", "6 tháng đầu năm 2023", "first half of 2023"],
    ["9M", "9 tháng đầu năm 2023", "first nine months of 2023"],
    ["Y", "năm 2023", "year 2023"],
  ])("%s", (key, vi, en) => {
    expect(periodLabel({ key, year: 2023 }, "vi")).toBe(vi);
    expect(periodLabel({ key, year: 2023 }, "en")).toBe(en);
  });

  it("writes the window in dd/mm/yyyy", () => {
    const w = reportWindow({ key: "Q1", year: 2023 }, "nd09");
    expect(windowText(w, "vi")).toBe("từ ngày 15/12/2022 đến ngày 14/03/2023");
    expect(windowText(w, "en")).toBe("15/12/2022 to 14/03/2023");
  });
});
