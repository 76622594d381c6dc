import fc from "fast-check";
import { dutyPeriods, isoWeek, isoWeekMonday } from "../../../src/domain/dutyPeriods";

const YEAR = (y: number) => ({ start: `${y}-01-01`, end: `${y}-12-31` });

describe("ISO weeks (Monday to Sunday)", () => {
  it.each([
    ["2023-01-01", "2022-12-26", 52, 2022],
    ["2023-01-02", "2023-01-02", 1, 2023],
    ["2023-09-20", "2023-09-18", 38, 2023],
    ["2023-12-31", "2023-12-25", 52, 2023],
    ["2020-12-31", "2020-12-28", 53, 2020],
    ["2021-01-03", "2020-12-28", 53, 2020],
    ["2024-12-30", "2024-12-30", 1, 2025],
    ["2026-01-01", "2025-12-29", 1, 2026],
  ])("%s is in the week of Monday %s: week %d of %d", (day, monday, week, year) => {
    expect(isoWeekMonday(day)).toBe(monday);
    expect(isoWeek(day)).toEqual({ week, year });
  });
});

describe("dutyPeriods", () => {
  it("counts the 52 ISO weeks of 2023, from 02/01 to 31/12", () => {
    const weeks = dutyPeriods({ every: "week", interval: 1 }, YEAR(2023), 2023);
    expect(weeks).toHaveLength(52);
    expect(weeks[0]).toEqual({
      index: 1,
      label: { vi: "Tuần 1 (02/01–08/01)", en: "Week 1 (02/01–08/01)" },
      start: "2023-01-02",
      end: "2023-01-08",
    });
    expect(weeks[37]).toMatchObject({
      label: { vi: "Tuần 38 (18/09–24/09)" },
      start: "2023-09-18",
      end: "2023-09-24",
    });
    expect(weeks[51]).toMatchObject({ start: "2023-12-25", end: "2023-12-31" });
  });

  it.each([
    [2020, 53, "2019-12-30", "2021-01-03"],
    [2024, 52, "2024-01-01", "2024-12-29"],
    [2026, 53, "2025-12-29", "2027-01-03"],
  ])("gives %d its %d ISO weeks (%s to %s)", (year, n, first, last) => {
    const weeks = dutyPeriods({ every: "week", interval: 1 }, YEAR(year), year);
    expect(weeks).toHaveLength(n);
    expect(weeks[0]?.start).toBe(first);
    expect(weeks[n - 1]?.end).toBe(last);
  });

  it("groups '2 tuần/lần' two weeks at a time", () => {
    const p = dutyPeriods({ every: "week", interval: 2 }, YEAR(2023), 2023);
    expect(p).toHaveLength(26);
    expect(p[0]).toMatchObject({
      label: { vi: "Tuần 1–2 (02/01–15/01)" },
      start: "2023-01-02",
      end: "2023-01-15",
    });
  });

  it("takes the weeks whose Thursday is in a window (Quý III/2023)", () => {
    const p = dutyPeriods(
      { every: "week", interval: 1 },
      { start: "2023-07-01", end: "2023-09-30" },
      2023,
    );
    expect(p[0]).toMatchObject({ start: "2023-07-03", label: { vi: "Tuần 27 (03/07–09/07)" } });
    expect(p[p.length - 1]).toMatchObject({ start: "2023-09-25", end: "2023-10-01" });
    expect(p).toHaveLength(13);
  });

  it("gives months and quarters of the calendar, labelled as plans write them", () => {
    const months = dutyPeriods({ every: "month", interval: 1 }, YEAR(2023), 2023);
    expect(months.map((m) => m.label.vi)).toEqual(
      Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}/2023`),
    );
    expect(months[1]).toMatchObject({ start: "2023-02-01", end: "2023-02-28" });
    const quarters = dutyPeriods({ every: "quarter", interval: 1 }, YEAR(2024), 2024);
    expect(quarters.map((q) => [q.label.vi, q.start, q.end])).toEqual([
      ["Quý I/2024", "2024-01-01", "2024-03-31"],
      ["Quý II/2024", "2024-04-01", "2024-06-30"],
      ["Quý III/2024", "2024-07-01", "2024-09-30"],
      ["Quý IV/2024", "2024-10-01", "2024-12-31"],
    ]);
    expect(
      dutyPeriods({ every: "month", interval: 2 }, YEAR(2023), 2023).map((m) => m.label.vi),
    ).toEqual([
      "Tháng 1–2/2023",
      "Tháng 3–4/2023",
      "Tháng 5–6/2023",
      "Tháng 7–8/2023",
      "Tháng 9–10/2023",
      "Tháng 11–12/2023",
    ]);
  });

  it("has none without a frequency or a window, and clips the window to the plan year", () => {
    expect(dutyPeriods({ every: null, interval: 1 }, YEAR(2023), 2023)).toEqual([]);
    expect(dutyPeriods({ every: "week", interval: 1 }, { start: null, end: null }, 2023)).toEqual(
      [],
    );
    const clipped = dutyPeriods(
      { every: "month", interval: 1 },
      { start: "2022-06-01", end: "2025-12-31" },
      2023,
    );
    expect(clipped).toHaveLength(12);
  });

  it("stays bounded (≤ 53) and contiguous, Monday to Sunday, for any year and window", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1990, max: 2100 }),
        fc.integer({ min: 0, max: 364 }),
        (y, skip) => {
          const start = new Date(Date.UTC(y, 0, 1 + skip)).toISOString().slice(0, 10);
          const weeks = dutyPeriods(
            { every: "week", interval: 1 },
            { start, end: `${y}-12-31` },
            y,
          );
          expect(weeks.length).toBeLessThanOrEqual(53);
          for (let i = 0; i < weeks.length; i++) {
            const w = weeks[i]!;
            expect(isoWeekMonday(w.start)).toBe(w.start);
            if (i > 0) expect(Date.parse(w.start) - Date.parse(weeks[i - 1]!.end)).toBe(86_400_000);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
