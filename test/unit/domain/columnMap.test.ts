import { applyColumnMap, parseColumnMap } from "../../../src/domain/columnMap";
import { PlanTrackerError } from "../../../src/domain/diagnostics";
import { findHeader } from "../../../src/domain/headers";
import { sheet } from "../../helpers/grid";

describe("parseColumnMap (--map)", () => {
  it.each<[string, Record<string, number>]>([
    ["period=C,count=D", { period: 3, count: 4 }],
    ["duration = e", { duration: 5 }],
    ["title=B, period=C, budget=AA", { title: 2, period: 3, budget: 27 }],
    ["airedOn=L,spent=M", { airedOn: 12, spent: 13 }],
  ])("%s", (text, expected) => {
    expect(parseColumnMap(text)).toEqual(expected);
  });

  it.each([
    ["", /period=C,count=D/],
    ["period", /field=column/],
    ["periode=C", /Fields: no, title, period/],
    ["period=C3", /field=column/],
    ["period=C,count=C", /already given to period/],
    ["check=P", /Fields:/],
  ])("refuses %j with what is valid", (text, message) => {
    let caught: unknown = null;
    try {
      parseColumnMap(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PlanTrackerError);
    expect((caught as PlanTrackerError).code).toBe("usage.map");
    expect((caught as PlanTrackerError).text.en).toMatch(message);
  });
});

describe("applyColumnMap", () => {
  const found = findHeader(
    sheet("KH", [["STT", "Nội dung", "Thời gian", "Thời lượng", "TL"]]),
  ).map!;

  it("puts the clerk's column over the header's and takes it from the field that had it", () => {
    const mapped = applyColumnMap(found, parseColumnMap("duration=E,count=D"));
    expect(mapped.columns).toEqual({ no: 1, title: 2, period: 3, count: 4, duration: 5 });
    expect(mapped.headerCells).toEqual({
      no: "A1",
      title: "B1",
      period: "C1",
      count: "D1",
      duration: "E1",
    });
  });
});
