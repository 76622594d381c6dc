/** csvField: OWASP's rule for CSV injection, and RFC 4180 quoting. */
import fc from "fast-check";
import { csvField, csvRow } from "../../../src/domain/csv";

/** Reads one RFC 4180 field back (the inverse of the quoting). */
function unquote(field: string): string {
  if (!field.startsWith('"')) return field;
  return field.slice(1, -1).replace(/""/g, '"');
}

describe("csvField", () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ["+1+1", `"'+1+1"`],
    ["-2+3", `"'-2+3"`],
    ["@SUM(1)", `"'@SUM(1)"`],
    ["\t=1", `"'\t=1"`],
    ["\r=1", `"'\r=1"`],
    ["Phóng sự", `"Phóng sự"`],
    ['a "quoted", text', `"a ""quoted"", text"`],
    ["", `""`],
  ])("%j → %s", (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it("keeps numbers and booleans as values, blanks as empty", () => {
    expect(csvRow([1500000, -2, 0.5, true, null, undefined, Number.NaN])).toBe(
      "1500000,-2,0.5,TRUE,,,\r\n",
    );
  });

  it("never lets a text field start with a formula character, and loses nothing else", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const back = unquote(csvField(text));
        const dangerous = /^[=+\-@\t\r]/.test(text);
        return dangerous ? back === `'${text}` : back === text && !/^[=+\-@\t\r]/.test(back);
      }),
    );
  });
});
