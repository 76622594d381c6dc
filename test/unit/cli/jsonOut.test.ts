import fc from "fast-check";
import { prettyJsonPieces, writeJson } from "../../../src/cli/jsonOut";

const joined = (value: Record<string, unknown>): string => [...prettyJsonPieces(value)].join("");

describe("prettyJsonPieces", () => {
  it.each([
    [{}],
    [{ a: 1 }],
    [{ a: [], b: {}, c: null, d: undefined, e: "x\ny" }],
    [
      {
        items: [{ row: 4, title: "Quý I/2023", nested: [1, [2, { x: null }]] }, null],
        n: [undefined],
      },
    ],
    [{ summary: { items: 10, errors: 2, warnings: 0 }, diagnostics: [{ message: '"a" – b' }] }],
  ])("joins to JSON.stringify(%j, null, 2)", (value) => {
    expect(joined(value as Record<string, unknown>)).toBe(JSON.stringify(value, null, 2));
  });

  it("joins to JSON.stringify for any JSON object", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        expect(joined(value)).toBe(JSON.stringify(value, null, 2));
      }),
    );
  });

  it("joins to JSON.stringify for long arrays with holes, dates and nested arrays across pieces", () => {
    const items = Array.from({ length: 777 }, (_, i) =>
      i % 97 === 0
        ? undefined
        : i % 5 === 0
          ? [i, { when: new Date(Date.UTC(2023, 2, 11)) }]
          : { row: i, title: `Quý ${(i % 4) + 1}/2023`, note: i % 3 === 0 ? null : "a\nb" },
    );
    const value = { items, diagnostics: [() => 1, Symbol("s"), "x"], summary: { n: 777 } };
    expect(joined(value)).toBe(JSON.stringify(value, null, 2));
  });

  it("writes in chunks that join to the whole text and a final newline", () => {
    const value = {
      items: Array.from({ length: 3000 }, (_, i) => ({ row: i, title: `Phóng sự ${i}` })),
    };
    const chunks: string[] = [];
    writeJson(value, (t) => chunks.push(t), 1000);
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.join("")).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});
