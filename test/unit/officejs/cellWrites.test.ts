/**
 * How the Office.js adapter turns CellSpecs into range writes (src/adapters/officejs/cellWrites.ts)
 * and splits a layout into requests (chunkOps, sliceRun, sliceBlock in apply.ts). Pure functions,
 * table-driven.
 */
import { chunkOps, sliceBlock, sliceRun, widthPoints } from "../../../src/adapters/officejs/apply";
import {
  columnRuns,
  formatRuns,
  formulaInput,
  literalInput,
  needsQuote,
  styleRuns,
  utf8Bytes,
  wholeBlock,
} from "../../../src/adapters/officejs/cellWrites";
import type { CellSpec } from "../../../src/domain/layout/spec";

describe("literalInput / formulaInput: what Excel is given to type in", () => {
  it.each([
    // Text Excel would take for a formula gets the quote prefix: a user's text never executes.
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
    ["+84 912 345 678", "'+84 912 345 678"],
    ["- Việc A", "'- Việc A"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["'đã trích dẫn", "''đã trích dẫn"],
    ["\tcột", "'\tcột"],
    ["\rdòng", "'\rdòng"],
    // …and so does text Excel would turn into a number, a date, a boolean or an error.
    ["01", "'01"],
    ["5-14", "'5-14"],
    ["2023-09-20", "'2023-09-20"],
    ["Quý IV/2023", "'Quý IV/2023"],
    ["TRUE", "'TRUE"],
    ["false", "'false"],
    ["#N/A", "'#N/A"],
    // Plain text stays as it is.
    ["Phóng sự", "Phóng sự"],
    ["Đài Phát thanh - Truyền hình tỉnh", "Đài Phát thanh - Truyền hình tỉnh"],
    ["<b>đậm</b>", "<b>đậm</b>"],
    ["<img src=x onerror=alert(1)>", "'<img src=x onerror=alert(1)>"],
    ["", ""],
  ])("text %j → %j", (text, expected) => {
    expect(literalInput(text)).toBe(expected);
    expect(needsQuote(text)).toBe(expected !== text);
  });

  it.each([
    [0, 0],
    [15_000_000, 15_000_000],
    [-2.5, -2.5],
    [45_000, 45_000],
    [true, true],
    [false, false],
    [null, ""],
  ])("scalar %j → %j (numbers stay numbers, null clears)", (value, expected) => {
    expect(literalInput(value)).toBe(expected);
  });

  it.each<[Pick<CellSpec, "value" | "formula">, string | number | boolean]>([
    [{ formula: "DATE(2023,3,11)" }, "=DATE(2023,3,11)"],
    [{ formula: "TODAY()", value: "ignored" }, "=TODAY()"],
    [{ value: "=1+1" }, "'=1+1"],
    [{ value: 7 }, 7],
    [{ value: null }, ""],
    [{}, ""],
  ])("cell %j → %j", (spec, expected) => {
    expect(formulaInput(spec)).toBe(expected);
  });
});

describe("utf8Bytes", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["đ", 2],
    ["Quý", 4],
    ["ệ", 3],
    ["😀", 4],
  ])("%j is %i bytes", (s, n) => {
    expect(utf8Bytes(s)).toBe(n);
    expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, "utf8"));
  });
});

describe("columnRuns: the user's sheet is written one column run at a time", () => {
  const due = (row: number, formula?: string): CellSpec => ({
    row,
    col: 10,
    ...(formula ? { formula } : { value: null }),
    numFmt: "dd/mm/yyyy",
  });

  it("groups consecutive rows of one column with the same format and style", () => {
    const runs = columnRuns([due(5, "DATE(2023,3,11)"), due(6, "DATE(2023,3,31)"), due(7)]);
    expect(runs).toEqual([
      {
        address: "J5:J7",
        formulas: [["=DATE(2023,3,11)"], ["=DATE(2023,3,31)"], [""]],
        numFmt: "dd/mm/yyyy",
        style: undefined,
      },
    ]);
  });

  it.each<[string, CellSpec[], string[]]>([
    ["a gap in the rows", [due(5), due(7)], ["J5:J5", "J7:J7"]],
    [
      "another number format",
      [due(5), { row: 6, col: 10, value: 1, numFmt: "0.##" }],
      ["J5:J5", "J6:J6"],
    ],
    [
      "another style",
      [
        { row: 5, col: 17, value: 1, style: { italic: false } },
        { row: 6, col: 17, value: 2, style: { italic: true } },
        { row: 7, col: 17, value: 3, style: { italic: true } },
      ],
      ["Q5:Q5", "Q6:Q7"],
    ],
    [
      "several columns, listed in any order",
      [
        { row: 5, col: 14, value: "b" },
        { row: 5, col: 2, value: "a" },
        { row: 6, col: 14, value: "c" },
      ],
      ["B5:B5", "N5:N6"],
    ],
    [
      "a value next to a format-only cell",
      [
        { row: 5, col: 12, value: 45000, numFmt: "dd/mm/yyyy" },
        { row: 6, col: 12, numFmt: "dd/mm/yyyy" },
      ],
      ["L5:L5", "L6:L6"],
    ],
  ])("breaks a run at %s", (_why, cells, addresses) => {
    expect(columnRuns(cells).map((r) => r.address)).toEqual(addresses);
  });

  it("writes no values in a format-only run (the clerk's input columns)", () => {
    const runs = columnRuns([
      { row: 5, col: 13, numFmt: '#,##0 "đ"' },
      { row: 6, col: 13, numFmt: '#,##0 "đ"' },
    ]);
    expect(runs).toEqual([
      { address: "M5:M6", formulas: null, numFmt: '#,##0 "đ"', style: undefined },
    ]);
  });

  it("lets a later spec for the same cell win, as the exceljs adapter does", () => {
    const runs = columnRuns([
      { row: 5, col: 14, value: "old" },
      { row: 5, col: 14, value: "new", style: { wrap: false } },
    ]);
    expect(runs).toEqual([
      { address: "N5:N5", formulas: [["new"]], numFmt: undefined, style: { wrap: false } },
    ]);
  });

  it("quotes text in the runs it writes", () => {
    expect(columnRuns([{ row: 5, col: 14, value: "=cmd|' /C calc'!A0" }])[0]?.formulas).toEqual([
      ["'=cmd|' /C calc'!A0"],
    ]);
  });
});

describe("wholeBlock: a sheet the tool creates is one rectangle from A1", () => {
  it("fills unlisted cells with empty strings, formulas with =, text quoted when needed", () => {
    const block = wholeBlock([
      { row: 1, col: 1, value: "Tiêu đề" },
      { row: 2, col: 3, formula: "SUM(A1:B1)", numFmt: "0.##" },
      { row: 3, col: 2, value: 2023 },
      { row: 3, col: 1, value: "Quý I/2023" },
      { row: 2, col: 1, numFmt: "dd/mm/yyyy" },
    ]);
    expect(block).toEqual({
      address: "A1:C3",
      formulas: [
        ["Tiêu đề", "", ""],
        ["", "", "=SUM(A1:B1)"],
        ["'Quý I/2023", 2023, ""],
      ],
    });
  });

  it("is null for a sheet without cells", () => {
    expect(wholeBlock([])).toBeNull();
  });

  it("leaves number formats to formatRuns (no matrix of General)", () => {
    const runs = formatRuns([
      { row: 2, col: 3, formula: "A1", numFmt: "0.##" },
      { row: 3, col: 3, value: 1, numFmt: "0.##" },
      { row: 4, col: 3, value: "x" },
      { row: 5, col: 3, value: 1, numFmt: "0%" },
    ]);
    expect(runs.map((r) => [r.address, r.numFmt, r.formulas])).toEqual([
      ["C2:C3", "0.##", null],
      ["C5:C5", "0%", null],
    ]);
  });
});

describe("styleRuns: one format call per rectangle of equally styled cells", () => {
  const header = { bold: true, fill: "DDEBF7", border: true } as const;
  const body = { border: true, wrap: true } as const;

  it("joins neighbours in a row, then the same run on following rows", () => {
    const cells: CellSpec[] = [];
    for (let c = 1; c <= 3; c++) cells.push({ row: 4, col: c, value: "h", style: header });
    for (let r = 5; r <= 104; r++)
      for (let c = 1; c <= 3; c++) cells.push({ row: r, col: c, value: r, style: body });
    expect(styleRuns(cells)).toEqual([
      { address: "A4:C4", style: header },
      { address: "A5:C104", style: body },
    ]);
  });

  it.each<[string, CellSpec[], string[]]>([
    [
      "a different style in the middle of a row",
      [
        { row: 1, col: 1, style: body },
        { row: 1, col: 2, style: header },
        { row: 1, col: 3, style: body },
      ],
      ["A1:A1", "B1:B1", "C1:C1"],
    ],
    [
      "a gap between columns",
      [
        { row: 1, col: 1, style: body },
        { row: 1, col: 3, style: body },
      ],
      ["A1:A1", "C1:C1"],
    ],
    [
      "a row in between with other columns",
      [
        { row: 1, col: 1, style: body },
        { row: 2, col: 2, style: body },
        { row: 3, col: 1, style: body },
      ],
      ["A1:A1", "B2:B2", "A3:A3"],
    ],
    [
      "cells without a style",
      [
        { row: 1, col: 1, value: 1 },
        { row: 1, col: 2, style: {} },
      ],
      [],
    ],
  ])("keeps apart %s", (_why, cells, addresses) => {
    expect(styleRuns(cells).map((s) => s.address)).toEqual(addresses);
  });
});

describe("chunkOps: requests under the size limit", () => {
  const op = (bytes: number, id = bytes): { bytes: number; id: number } => ({ bytes, id });

  it.each<[string, number[], number, number[][]]>([
    ["everything in one request when it fits", [100, 200, 300], 1000, [[100, 200, 300]]],
    [
      "a new request when the next op would pass the limit",
      [600, 300, 200],
      1000,
      [[600, 300], [200]],
    ],
    ["an oversized op alone", [100, 5000, 100], 1000, [[100], [5000], [100]]],
    ["exactly the limit", [500, 500, 1], 1000, [[500, 500], [1]]],
    ["nothing", [], 1000, []],
  ])("%s", (_why, sizes, limit, expected) => {
    const chunks = chunkOps(
      sizes.map((s) => op(s)),
      limit,
    );
    expect(chunks.map((c) => c.map((o) => o.bytes))).toEqual(expected);
  });

  it("keeps the order of operations", () => {
    const ops = [op(400, 1), op(400, 2), op(400, 3), op(400, 4), op(400, 5)];
    expect(
      chunkOps(ops, 1000)
        .flat()
        .map((o) => o.id),
    ).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("sliceRun / sliceBlock: one huge column or sheet becomes several writes", () => {
  it("keeps a small run whole and cuts a big one into row slices under the limit", () => {
    const formulas = Array.from({ length: 1000 }, (_, i) => [`=DATE(2023,1,${(i % 28) + 1})`]);
    const run = { address: "J5:J1004", formulas, numFmt: "dd/mm/yyyy", style: undefined };
    expect(sliceRun(run, 1_000_000)).toEqual([
      { address: "J5:J1004", rows: 1000, formulas, numFmt: "dd/mm/yyyy" },
    ]);
    const slices = sliceRun(run, 5_000);
    expect(slices.length).toBeGreaterThan(1);
    expect(slices[0]?.address).toBe("J5:J" + String(4 + (slices[0]?.rows ?? 0)));
    expect(slices.flatMap((s) => s.formulas ?? [])).toEqual(formulas);
    for (const s of slices)
      expect(utf8Bytes(JSON.stringify(s.formulas))).toBeLessThanOrEqual(5_000);
  });

  it("cuts a format-only run too", () => {
    const slices = sliceRun(
      { address: "M5:M50004", formulas: null, numFmt: "0", style: undefined },
      1000,
    );
    expect(slices.reduce((n, s) => n + s.rows, 0)).toBe(50_000);
    expect(slices.every((s) => s.formulas === null)).toBe(true);
  });

  it("bands a block by whole rows", () => {
    const formulas = Array.from({ length: 10 }, (_, i) => [`hàng ${i}`, i, ""]);
    const bands = sliceBlock({ address: "A1:C10", formulas }, 60);
    expect(bands.length).toBeGreaterThan(1);
    expect(bands[0]?.address.startsWith("A1:C")).toBe(true);
    expect(bands.at(-1)?.address.endsWith("C10")).toBe(true);
    expect(bands.flatMap((b) => b.formulas)).toEqual(formulas);
    expect(sliceBlock({ address: "A1:C10", formulas }, 1e6)).toEqual([
      { address: "A1:C10", formulas },
    ]);
  });
});

describe("widthPoints: Excel's character widths in points", () => {
  it.each([
    [8.43, 48],
    [6, 35.25],
    [60, 318.75],
  ])("%f characters = %f points", (chars, points) => {
    expect(widthPoints(chars)).toBe(points);
  });
});
