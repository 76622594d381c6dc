import fc from "fast-check";
import { amountInWords, MAX_AMOUNT_IN_WORDS } from "../../src/domain/amountInWords";

describe("amountInWords", () => {
  it.each([
    [0, "Không đồng"],
    [1, "Một đồng"],
    [5, "Năm đồng"],
    [10, "Mười đồng"],
    [11, "Mười một đồng"],
    [14, "Mười bốn đồng"],
    [15, "Mười lăm đồng"],
    [20, "Hai mươi đồng"],
    [21, "Hai mươi mốt đồng"],
    [24, "Hai mươi bốn đồng"],
    [25, "Hai mươi lăm đồng"],
    [31, "Ba mươi mốt đồng"],
    [100, "Một trăm đồng"],
    [105, "Một trăm linh năm đồng"],
    [111, "Một trăm mười một đồng"],
    [115, "Một trăm mười lăm đồng"],
    [1000, "Một nghìn đồng"],
    [1010, "Một nghìn không trăm mười đồng"],
    [500_000, "Năm trăm nghìn đồng"],
    [2_500_000, "Hai triệu năm trăm nghìn đồng"],
    [15_000_000, "Mười lăm triệu đồng"],
    [30_000_000, "Ba mươi triệu đồng"],
    [101_000_000, "Một trăm linh một triệu đồng"],
    [1_005_000, "Một triệu không trăm linh năm nghìn đồng"],
    [1_000_005, "Một triệu không trăm linh năm đồng"],
    [1_000_000_000, "Một tỷ đồng"],
    [1_000_005_000, "Một tỷ không trăm linh năm nghìn đồng"],
    [1_110_000_000, "Một tỷ một trăm mười triệu đồng"],
    [1_000_000_000_000, "Một nghìn tỷ đồng"],
    [1_005_000_000_000, "Một nghìn không trăm linh năm tỷ đồng"],
    [
      MAX_AMOUNT_IN_WORDS,
      "Chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín " +
        "triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng",
    ],
  ])("writes %p as %p", (amount, words) => {
    expect(amountInWords(amount)).toBe(words);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_AMOUNT_IN_WORDS + 1])(
    "refuses %p with a RangeError that says what is valid",
    (amount) => {
      expect(() => amountInWords(amount)).toThrow(RangeError);
      expect(() => amountInWords(amount)).toThrow(/làm tròn|round it first/);
    },
  );

  it("never throws in range, is capitalised, ends in ' đồng', has single spaces, is deterministic", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_IN_WORDS }), (n) => {
        const words = amountInWords(n);
        expect(words).toMatch(/^\p{Lu}/u);
        expect(words.endsWith(" đồng")).toBe(true);
        expect(words).not.toMatch(/\s{2}/);
        expect(words).not.toMatch(/^\s|\s$/);
        expect(amountInWords(n)).toBe(words);
      }),
    );
  });
});
