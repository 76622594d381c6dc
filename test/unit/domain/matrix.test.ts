import fc from "fast-check";
import type { CellValue } from "../../../src/domain/cell";
import { isPeriodHeader, periodHeaderParseText, readMatrixCell } from "../../../src/domain/matrix";
import { parsePeriod } from "../../../src/domain/period";

describe("isPeriodHeader", () => {
  it.each([
    "Quý I",
    "QUÝ II",
    "Qúy III",
    "quý IV",
    "Quý 1",
    "Quý I/2024",
    "Quý II năm 2024",
    "Q1",
    "Q4/2024",
    "Tháng 1",
    "THÁNG 12",
    "Tháng 01",
    "Tháng 1 – 3",
    "Tháng 4-6",
    "Tháng 10 — 12",
    "T1",
    "T12",
    "t 5",
    "Quý VI",
  ])("%p heads a period column", (text) => {
    expect(isPeriodHeader(text)).toBe(true);
  });

  it.each([
    "Quý",
    "Thời gian",
    "Tháng",
    "Thời gian thực hiện",
    "TT",
    "STT",
    "Tổng",
    "T",
    "Q5",
    "Quý I và II của năm kế hoạch tuyên truyền",
    "Tin",
    "Thành tiền",
    "6 tháng đầu năm",
  ])("%p does not", (text) => {
    expect(isPeriodHeader(text)).toBe(false);
  });

  it.each([
    ["T1", "Tháng 1"],
    ["T12/2024", "Tháng 12/2024"],
    ["Quý I", "Quý I"],
    ["Tháng 1 – 3", "Tháng 1 – 3"],
  ])("%p is read as %p", (text, parse) => {
    expect(periodHeaderParseText(text)).toBe(parse);
  });

  it("every month and quarter header reads as that period of the plan year", () => {
    for (let m = 1; m <= 12; m++) {
      for (const text of [`T${m}`, `Tháng ${m}`]) {
        const p = parsePeriod(periodHeaderParseText(text), { planYear: 2024 }).value;
        expect([text, p?.start.slice(5, 7)]).toEqual([text, String(m).padStart(2, "0")]);
      }
    }
    ["I", "II", "III", "IV"].forEach((roman, i) => {
      const p = parsePeriod(periodHeaderParseText(`Quý ${roman}`), { planYear: 2024 }).value;
      expect(p?.quarter).toBe(i + 1);
    });
  });
});

describe("readMatrixCell", () => {
  it.each<[CellValue, number, string | null]>([
    [1, 1, null],
    [3, 3, null],
    ["2", 2, null],
    ["02", 2, null],
    [" 03 ", 3, null],
    ["02 tin", 2, "tin"],
    ["03 tin, bài", 3, "tin"],
    ["01 phóng sự", 1, "phóng sự"],
    ["1 tọa đàm", 1, "tọa đàm"],
  ])("reads the count %p as %p (type %p)", (value, count, type) => {
    expect(readMatrixCell(value)).toEqual({ kind: "count", count, type, issues: [] });
  });

  it.each<CellValue>(["x", "X", " x ", "✓", "✔", "√", "v", "V", "×", "☑", "có", "Có", true])(
    "%p is a mark",
    (value) => {
      expect(readMatrixCell(value)).toEqual({ kind: "mark" });
    },
  );

  it.each<CellValue>([null, "", "   ", 0, "0", "00", "-", "–", "—", "không", false])(
    "%p says none",
    (value) => {
      expect(readMatrixCell(value)).toEqual({ kind: "none" });
    },
  );

  it.each<CellValue>([
    "hai lần",
    "xx",
    "có thể",
    "2-3",
    "Quý I",
    "đã xong",
    { kind: "date", serial: 45000 },
    { kind: "error", code: "#N/A" },
  ])("%p is flagged, with what is valid", (value) => {
    const read = readMatrixCell(value);
    expect(read.kind).toBe("invalid");
    if (read.kind !== "invalid") return;
    expect(read.issue.code).toBe("matrix.cell-unreadable");
    expect(read.issue.severity).toBe("error");
    expect(read.issue.text.vi).toContain('("2", "02", "02 tin")');
    expect(read.issue.text.en).toContain('a mark "x" / "✓"');
  });

  it.each<[CellValue, string]>([
    ["95 mét băng rôn", "count.measure"],
    ["05 phút", "count.looks-like-duration"],
    [1.5, "count.not-integer"],
    ["2,5", "count.not-integer"],
    [-1, "count.non-positive"],
  ])("a number that is not a count (%p) is flagged (%s), its count unknown", (value, code) => {
    const read = readMatrixCell(value);
    expect(read.kind).toBe("count");
    if (read.kind !== "count") return;
    expect(read.count).toBeNull();
    expect(read.issues.map((i) => i.code)).toEqual([code]);
  });

  it("never throws; a count it reads is a positive whole number, else it says why", () => {
    const anyCell = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.record({ kind: fc.constant("date" as const), serial: fc.double() }),
    ) as fc.Arbitrary<CellValue>;
    fc.assert(
      fc.property(anyCell, (value) => {
        const read = readMatrixCell(value);
        if (read.kind === "count") {
          if (read.count === null) expect(read.issues.length).toBeGreaterThan(0);
          else {
            expect(Number.isInteger(read.count)).toBe(true);
            expect(read.count).toBeGreaterThan(0);
          }
        }
        if (read.kind === "invalid") expect(read.issue.severity).toBe("error");
      }),
    );
  });

  it("a count written with words after it is that count, whatever the words", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.constantFrom("", " tin", " phóng sự", " bài", " tin, bài", " chuyên mục"),
        fc.boolean(),
        (n, words, pad) => {
          const text = `${pad ? String(n).padStart(2, "0") : String(n)}${words}`;
          const read = readMatrixCell(text);
          expect(read).toMatchObject({ kind: "count", count: n, issues: [] });
        },
      ),
    );
  });
});
