import fc from "fast-check";
import { cellRef, isCellRef } from "../../../src/node/sheetGuards";

describe("sheet guards: cell addresses", () => {
  it.each([
    ["A1", true],
    ["XFD1048576", true],
    ["XFE1", false],
    ["A1048577", false],
    ["A0", false],
    ["A01", true],
    ["$B$3", true],
    ["b3", true],
    ["AAAA1", false],
    ["A1B", false],
    ["1A", false],
    ["", false],
    ["A", false],
    ["A12345678", false],
    ["Ạ1", false],
  ])("%j is a cell inside the grid: %s", (ref, ok) => {
    expect(isCellRef(ref)).toBe(ok);
    expect(cellRef(ref) !== null).toBe(ok);
  });

  it("the fast check agrees with the full parser on any string", () => {
    const refLike = fc
      .tuple(
        fc.constantFrom("", "$"),
        fc.stringMatching(/^[A-Za-z]{0,4}$/),
        fc.constantFrom("", "$"),
        fc.stringMatching(/^[0-9]{0,9}$/),
        fc.string({ maxLength: 2 }),
      )
      .map(([a, b, c, d, e]) => a + b + c + d + e);
    fc.assert(
      fc.property(fc.oneof(refLike, fc.string()), (ref) => {
        expect(isCellRef(ref)).toBe(cellRef(ref) !== null);
      }),
      { numRuns: 20_000 },
    );
  });
});
