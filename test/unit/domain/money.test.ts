import fc from "fast-check";
import { formatVnd, formatVndEn, parseMoney } from "../../../src/domain/money";

const amount = (vnd: number) => ({ vnd, perUnit: null, range: null });

describe("parseMoney", () => {
  it.each([
    [50_000_000, 50_000_000],
    [15_000_000.4, 15_000_000],
    ["50000000", 50_000_000],
    ["50.000.000", 50_000_000],
    ["50.000.000 đồng", 50_000_000],
    ["50.000.000đ", 50_000_000],
    ["50.000.000 Đ", 50_000_000],
    ["500.000 đ", 500_000],
    ["500.000 VNĐ", 500_000],
    ["500.000 vnd", 500_000],
    ["500.000₫", 500_000],
    ["500,000", 500_000],
    ["50,000,000 VND", 50_000_000],
    ["50 000 000 đồng", 50_000_000],
    ["15 triệu", 15_000_000],
    ["15tr", 15_000_000],
    ["260 triệu đồng", 260_000_000],
    ["1,110 tỷ", 1_110_000_000],
    ["1.573,1 tỷ", 1_573_100_000_000],
    ["2 tỉ", 2_000_000_000],
    ["2,5 triệu", 2_500_000],
    ["1 tỷ 200 triệu", 1_200_000_000],
    ["1 tỷ 200 triệu đồng", 1_200_000_000],
    ["500 nghìn", 500_000],
    ["500 ngàn đồng", 500_000],
    ["500k", 500_000],
    ["Kinh phí: 15.000.000 đồng", 15_000_000],
    ["khoảng 15 triệu", 15_000_000],
    ["(50.000.000 đồng)", 50_000_000],
    ["50.000.000 đồng (Năm mươi triệu đồng chẵn)", 50_000_000],
    ["50.000.000 đồng chẵn.", 50_000_000],
    ["Không", 0],
    ["không đồng", 0],
    ["0", 0],
    [0, 0],
    ["0 đ", 0],
    ["-0", 0],
    ["0,4", 0],
    ["1,5", 2],
  ])("reads %p as %p đồng", (input, vnd) => {
    expect(parseMoney(input)).toEqual({ value: amount(vnd), issues: [] });
  });

  it.each([
    ["50.000.000 – 60.000.000", 50_000_000, 60_000_000],
    ["50.000.000 - 60.000.000 đồng", 50_000_000, 60_000_000],
    ["50 - 60 triệu", 50_000_000, 60_000_000],
    ["từ 50 đến 60 triệu đồng", 50_000_000, 60_000_000],
    ["1,2 - 1,5 tỷ", 1_200_000_000, 1_500_000_000],
    ["60 triệu - 50 triệu", 50_000_000, 60_000_000],
  ])("reads the range %p as its upper bound, with a warning", (input, lo, hi) => {
    const r = parseMoney(input);
    expect(r.value).toEqual({ vnd: hi, perUnit: null, range: [lo, hi] });
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["money.range", "warning"]]);
    expect(r.issues[0]?.suggestion).toBe(formatVnd(hi));
  });

  it.each([
    ["300.000 đồng/phút", 300_000, "phút"],
    ["300.000 đ / phút", 300_000, "phút"],
    ["300.000đ/1 phút", 300_000, "phút"],
    ["300.000 đồng mỗi phút", 300_000, "phút"],
    ["(300.000 đồng/phút)", 300_000, "phút"],
    ["5 triệu/phóng sự", 5_000_000, "phóng sự"],
    ["500.000 đồng/phút (đã gồm VAT)", 500_000, "phút"],
    ["500,000 VND/minute", 500_000, "phút"],
  ])("reads the rate %p and flags it", (input, vnd, perUnit) => {
    const r = parseMoney(input);
    expect(r.value).toEqual({ vnd, perUnit, range: null });
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["money.rate", "warning"]]);
    expect(r.issues[0]?.text.vi).toContain("đơn giá");
    expect(r.issues[0]?.text.en).toContain("not an amount");
  });

  it.each([[-5], ["-5.000.000"], ["-15 triệu"], [-0.6]])("rejects the negative %p", (input) => {
    const r = parseMoney(input);
    expect(r.value).toBeNull();
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["money.negative", "error"]]);
  });

  it.each([
    ["năm mươi triệu"],
    ["abc"],
    ["1 tỷ 200"],
    ["200 triệu 1 tỷ"],
    ["50.00.000"],
    ["15 triệu USD"],
    ["1e6"],
    ["- 5 -"],
    [true],
    [Number.NaN],
    [Number.NEGATIVE_INFINITY],
    [{ kind: "error", code: "#VALUE!" }],
    [{ kind: "date", serial: 45000 }],
    [[1, 2]],
  ])("rejects %p as unreadable, saying what is valid", (input) => {
    const r = parseMoney(input);
    expect(r.value).toBeNull();
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["money.unreadable", "error"]]);
    expect(r.issues[0]?.text.vi).toContain('"15.000.000"');
    expect(r.issues[0]?.text.en).toContain('"15.000.000"');
  });

  it("quotes the received text", () => {
    const [found] = parseMoney("năm mươi triệu").issues;
    expect(found?.text.vi).toContain('Không đọc được số tiền "năm mươi triệu"');
    expect(found?.text.en).toContain('Cannot read the amount "năm mươi triệu"');
  });

  it.each([[null], [undefined], [""], ["  "]])("leaves blank %p to the rules", (input) => {
    expect(parseMoney(input)).toEqual({ value: null, issues: [] });
  });

  it("never throws, and gives a value or an error", () => {
    const check = (input: unknown): void => {
      const r = parseMoney(input);
      if (input === null || input === undefined || (typeof input === "string" && !input.trim()))
        return;
      if (r.value === null) expect(r.issues.some((i) => i.severity === "error")).toBe(true);
      else {
        expect(Number.isInteger(r.value.vnd)).toBe(true);
        expect(r.value.vnd).toBeGreaterThanOrEqual(0);
      }
    };
    fc.assert(fc.property(fc.anything(), check));
    fc.assert(fc.property(fc.string({ unit: "binary" }), check));
    fc.assert(fc.property(fc.stringMatching(/^[0-9 .,\-–/đồngtriệuỷỉphút]{0,14}$/), check));
  });

  it("reads back formatVnd and formatVndEn for any amount up to 1e13", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (n) => {
        expect(parseMoney(formatVnd(n))).toEqual({ value: amount(n), issues: [] });
        expect(parseMoney(formatVndEn(n))).toEqual({ value: amount(n), issues: [] });
      }),
    );
  });
});

describe("formatVnd", () => {
  it.each([
    [15_000_000, "15.000.000 đ", "15,000,000 VND"],
    [0, "0 đ", "0 VND"],
    [999, "999 đ", "999 VND"],
    [1_573_100_000_000, "1.573.100.000.000 đ", "1,573,100,000,000 VND"],
    [-2_500_000, "-2.500.000 đ", "-2,500,000 VND"],
    [1234.6, "1.235 đ", "1,235 VND"],
  ])("writes %p as %p and %p", (n, vi, en) => {
    expect(formatVnd(n)).toBe(vi);
    expect(formatVndEn(n)).toBe(en);
  });
});
