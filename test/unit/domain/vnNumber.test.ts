import fc from "fast-check";
import { formatVnNumber, readVnNumber } from "../../../src/domain/vnNumber";

describe("readVnNumber", () => {
  it.each([
    ["5", 5],
    ["05", 5],
    ["2,5", 2.5],
    ["50.000.000", 50_000_000],
    ["1.573,1", 1573.1],
    ["1.500", 1500],
    ["1.5", 1.5],
    ["0.500", 0.5],
    ["1234.567", 1234.567],
    ["1,110", 1.11],
    ["1.000.000,25", 1_000_000.25],
    ["1,573.1", 1573.1],
    ["1,000,000", 1_000_000],
    ["-3", -3],
    [" 7 ", 7],
  ])("reads %p as %p", (text, expected) => {
    expect(readVnNumber(text)).toBe(expected);
  });

  it.each([
    ["500,000", 500_000],
    ["1,110", 1110],
    ["2,5", 2.5],
    ["0,500", 0.5],
    ["1,5000", 1.5],
  ])("with English thousands allowed, reads %p as %p", (text, expected) => {
    expect(readVnNumber(text, "thousands-if-grouped")).toBe(expected);
  });

  it.each([
    [""],
    ["abc"],
    ["1.5.3"],
    ["50.00.000"],
    ["1,2,3"],
    ["1.573,1,2"],
    ["5 phút"],
    ["1e5"],
    ["."],
  ])("rejects %p", (text) => {
    expect(readVnNumber(text)).toBeNull();
  });
});

describe("formatVnNumber", () => {
  it.each([
    [15_000_000, {}, "15.000.000"],
    [15_000_000, { lang: "en" as const }, "15,000,000"],
    [1573.1, { maxDecimals: 2 }, "1.573,1"],
    [1573.1, { maxDecimals: 2, lang: "en" as const }, "1,573.1"],
    [2.5, { maxDecimals: 2, group: false }, "2,5"],
    [-1500, {}, "-1.500"],
    [-0.2, {}, "0"],
    [999, {}, "999"],
    [1e21, {}, "1.000.000.000.000.000.000.000"],
  ])("writes %p with %p as %p", (n, format, expected) => {
    expect(formatVnNumber(n, format)).toBe(expected);
  });

  it("reads back what it writes, in both languages", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e15, max: 1e15 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom("vi" as const, "en" as const),
        (whole, cents, lang) => {
          const n = whole + Math.sign(whole || 1) * (cents / 100);
          const text = formatVnNumber(n, { lang, maxDecimals: 2 });
          const back = readVnNumber(text, lang === "en" ? "thousands-if-grouped" : "decimal");
          expect(back).toBeCloseTo(Number(n.toFixed(2)), 2);
        },
      ),
    );
  });

  it("never throws on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const n = readVnNumber(s);
        expect(n === null || Number.isFinite(n)).toBe(true);
      }),
    );
  });
});
