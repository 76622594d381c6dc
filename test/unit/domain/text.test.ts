import fc from "fast-check";
import { fold, plainPunctuation, squash } from "../../../src/domain/text";

// The definitions fold and squash are single-pass rewrites of (issue 8): they must stay equal.
function foldReference(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function plainPunctuationReference(text: string): string {
  return text
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019\u2032\u00b4`]/g, "'")
    .replace(/[\u201c\u201d\u2033]/g, '"');
}

function squashReference(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\s\u00a0\u2000-\u200b\u202f\u3000]+/g, " ")
    .trim();
}

/** Characters where the rewrites could differ: marks, spaces of every kind, đ, İ, Σ, surrogates. */
const tricky = fc.constantFrom(
  ..." \t\n\r\u000b\u000c\u00a0\u1680\u2000\u2005\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff",
  ..."aAzZ09đĐİıΣσςẞ",
  ..."ẠạẦầỆệỐốỮữƯưƠơĂăÂâÊêÔôÝýỳỹ",
  "\u0300",
  "\u0301",
  "\u0323",
  "\u0309",
  "\u036f",
  "\u1dc0",
  "Å",
  "\u212b",
  "\ud83d\ude00",
  "\ud800",
);
const text = fc.oneof(
  fc.string({ unit: tricky, maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ maxLength: 40 }),
);

describe("fold and squash", () => {
  it.each([
    ["Quý  IV/2023 ", "quy iv/2023"],
    ["ĐẨY MẠNH\ncải cách", "day manh cai cach"],
    ["  Phóng\u00a0sự ", "phong su"],
  ])("fold(%j) = %j", (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it("fold equals NFD, strip marks, đ → d, lower-case, collapse spaces, trim", () => {
    fc.assert(
      fc.property(text, (t) => fold(t) === foldReference(t)),
      { numRuns: 20_000 },
    );
  });

  it("plainPunctuation commutes with fold without a Σ (the due-date reader relies on it)", () => {
    const withPunctuation = fc.string({
      unit: fc.oneof(
        tricky,
        fc.constantFrom(..."\u2010\u2013\u2014\u2212\u2018\u2019\u2032\u00b4`\u201c\u201d\u2033"),
      ),
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        withPunctuation.filter((t) => !t.includes("\u03a3")),
        (t) => fold(plainPunctuation(t)) === plainPunctuation(fold(t)),
      ),
      { numRuns: 20_000 },
    );
  });

  it("plainPunctuation equals its three replacements", () => {
    const punctuated = fc.string({
      unit: fc.oneof(
        tricky,
        fc.constantFrom(
          ..."\u2010\u2013\u2014\u2015\u2212\u2018\u2019\u2032\u00b4`\u201c\u201d\u2033'\"-",
        ),
      ),
      maxLength: 30,
    });
    fc.assert(
      fc.property(punctuated, (t) => plainPunctuation(t) === plainPunctuationReference(t)),
      { numRuns: 20_000 },
    );
  });

  it("squash equals NFC, collapse every kind of space, trim", () => {
    fc.assert(
      fc.property(text, (t) => squash(t) === squashReference(t)),
      { numRuns: 20_000 },
    );
  });
});
