import fc from "fast-check";
import { findHeader } from "../../../src/domain/headers";
import { readPlan } from "../../../src/domain/plan";
import { EMPTY_SETTINGS } from "../../../src/domain/settings";
import {
  isNumberingRow,
  numberingLevel,
  sectionParseText,
  totalRow,
} from "../../../src/domain/tableLayout";
import { sheet } from "../../helpers/grid";

describe("sectionParseText: quarter spans as the months they cover", () => {
  it.each([
    ["QUÝ III-IV", "Tháng 7 – 12"],
    ["Quý III – IV/2024", "Tháng 7 – 12/2024"],
    ["Quý I và II năm 2024", "Tháng 1 – 6 năm 2024"],
    ["Qúy II, III", "Tháng 4 – 9"],
    ["quý 1-2", "Tháng 1 – 6"],
    // Not a span: returned as written, for the period parser to judge.
    ["QUÝ I", "QUÝ I"],
    ["Quý IV-III", "Quý IV-III"],
    ["Quý II-VI", "Quý II-VI"],
    ["6 THÁNG CUỐI NĂM", "6 THÁNG CUỐI NĂM"],
  ])("%j → %j", (text, expected) => {
    expect(sectionParseText(text)).toBe(expected);
  });

  it("never throws and leaves any text without a span as it is", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = sectionParseText(s);
        expect(out === s || out.startsWith("Tháng ")).toBe(true);
      }),
    );
  });
});

describe("numberingLevel", () => {
  it.each<[unknown, number | null]>([
    ["I", 0],
    ["IV.", 0],
    ["A", 0],
    [1, 1],
    ["1", 1],
    ["2.", 1],
    ["1.1", 2],
    ["1.2.3", 3],
    [1.2, 2],
    ["a", 4],
    ["b)", 4],
    ["-", 5],
    ["+", 5],
    ["Quý I", null],
    ["", null],
    [null, null],
    [0, null],
  ])("%j → %j", (value, level) => {
    expect(numberingLevel(value as never)).toBe(level);
  });
});

describe("isNumberingRow: the column numbers under a header", () => {
  it.each<[unknown[], boolean]>([
    [["(1)", "(2)", "(3)", "(4)"], true],
    [[1, 2, 3, 4, 5], true],
    [["A", "B", "1", "2", "3=1x2"], true],
    [[1, "Phóng sự A", "Quý I/2023"], false],
    [["(1)", "(2)"], false],
  ])("%j → %j", (cells, expected) => {
    expect(isNumberingRow(cells as never)).toBe(expected);
  });
});

describe("totalRow", () => {
  const header = findHeader(sheet("KH", [["STT", "Nội dung", "Thời gian", "Kinh phí"]])).map!;
  it.each<[unknown[], string | null]>([
    [[null, "Tổng cộng", null, 5], "total"],
    [[null, "TỔNG CỘNG:", null, 5], "total"],
    [["Tổng cộng", null, null, 5], "total"],
    [[null, "Cộng", null, 5], "subtotal"],
    [["I", "Cộng quý I", null, 5], "subtotal"],
    [[null, "Tổng cộng (I+II+III)", null, 5], "total"],
    [[null, "Total", null, 5], "total"],
    [[1, "Cộng đồng dân cư tham gia", null, 5], null],
    [[1, "Tổng kết phong trào", null, 5], null],
    [[null, "Tổng cộng", "Quý I/2024", 5], null],
  ])("%j → %j", (cells, kind) => {
    const grid = sheet("KH", [["STT", "Nội dung", "Thời gian", "Kinh phí"], cells as never]);
    expect(totalRow(grid, 2, header, (cells[2] ?? null) as never)?.kind ?? null).toBe(kind);
  });
});

describe("a quarter span in an item's own period cell", () => {
  it.each([
    ["QUÝ III-IV", "2024-07-01", "2024-12-31"],
    ["Quý I và II năm 2024", "2024-01-01", "2024-06-30"],
    ["Quý II, III", "2024-04-01", "2024-09-30"],
  ])("%j reads as the months it covers, as a section row's does", (text, start, end) => {
    const { plan, diagnostics } = readPlan(
      sheet("KH", [
        ["KẾ HOẠCH NĂM 2024"],
        ["Nội dung", "Thời gian"],
        ["Tuyên truyền phòng chống cháy rừng", text],
      ]),
      { asOf: "2024-01-15", settings: EMPTY_SETTINGS },
    );
    expect(diagnostics).toEqual([]);
    const item = plan!.items[0]!;
    expect([item.periodText, item.period?.start, item.period?.end, item.dueDate]).toEqual([
      text,
      start,
      end,
      end,
    ]);
  });
});
