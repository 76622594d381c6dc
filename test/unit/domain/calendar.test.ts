import {
  addDays,
  daysBetween,
  isoToSerial,
  quarterEnd,
  quarterOf,
  serialToIso,
  formatVnDate,
  parseIso,
} from "../../../src/domain/calendar";

describe("calendar", () => {
  it.each([
    ["1900-01-01", 1],
    ["1900-02-28", 59],
    ["1900-03-01", 61],
    ["2023-03-11", 44996],
    ["2023-12-31", 45291],
    ["2024-02-29", 45351],
  ])("%s is Excel serial %d, and back", (iso, serial) => {
    expect(isoToSerial(iso)).toBe(serial);
    expect(serialToIso(serial)).toBe(iso);
  });

  it.each([[0], [60], [-3], [Number.NaN], [2958466]])("serial %d has no civil date", (s) => {
    expect(serialToIso(s)).toBeNull();
  });

  it("drops the time of day from a serial", () => {
    expect(serialToIso(44996.75)).toBe("2023-03-11");
  });

  it.each([
    [2023, 1, "2023-03-31"],
    [2023, 2, "2023-06-30"],
    [2023, 3, "2023-09-30"],
    [2023, 4, "2023-12-31"],
  ] as const)("quarter %d/%d ends %s", (y, q, end) => {
    expect(quarterEnd(y, q)).toBe(end);
    expect(quarterOf(end)).toBe(q);
  });

  it("adds days across a leap day and a year end", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
    expect(daysBetween("2023-03-11", "2023-04-17")).toBe(37);
  });

  it.each([["2023-02-29"], ["2023-13-01"], ["11/03/2023"], [""]])("rejects %p as ISO", (t) => {
    expect(parseIso(t)).toBeNull();
  });

  it("formats dd/mm/yyyy", () => {
    expect(formatVnDate("2023-03-11")).toBe("11/03/2023");
  });
});
