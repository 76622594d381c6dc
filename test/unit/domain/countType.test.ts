import fc from "fast-check";
import {
  normalizeType,
  parseCount,
  parseCountAndType,
  PRODUCT_TYPE_EN,
  PRODUCT_TYPES,
} from "../../../src/domain/countType";

describe("parseCount", () => {
  it.each([
    [1, 1],
    [12, 12],
    ["1", 1],
    ["01", 1],
    [" 03 ", 3],
    ["01 phóng sự", 1],
    ["02 tin, bài", 2],
    ["(01 phóng sự, thời lượng 05 phút)", 1],
    ["10 phóng sự.", 10],
    ["Số lượng: 4", 4],
    ["hai phóng sự", 2],
    ["Một", 1],
    ["1.000", 1000],
  ])("reads %p as %p", (input, count) => {
    expect(parseCount(input)).toEqual({ value: count, issues: [] });
  });

  it.each([
    [0, "count.non-positive"],
    ["0", "count.non-positive"],
    ["00 phóng sự", "count.non-positive"],
    [-2, "count.non-positive"],
    ["-2", "count.non-positive"],
    [1.5, "count.not-integer"],
    ["1,5", "count.not-integer"],
    ["2,5 bài", "count.not-integer"],
    ["phóng sự", "count.unreadable"],
    ["abc", "count.unreadable"],
    ["2-3", "count.unreadable"],
    ["năm 2023", "count.unreadable"],
    [true, "count.unreadable"],
    [Number.NaN, "count.unreadable"],
    [{ kind: "error", code: "#REF!" }, "count.unreadable"],
    [{ kind: "date", serial: 45000 }, "count.unreadable"],
  ])("rejects %p with %s", (input, code) => {
    const r = parseCount(input);
    expect(r.value).toBeNull();
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([[code, "error"]]);
    expect(r.issues[0]?.text.vi).toContain("01 phóng sự");
    expect(r.issues[0]?.text.en).toContain("whole number");
  });

  it("quotes the value it could not read", () => {
    const [found] = parseCount("mấy cái").issues;
    expect(found?.text.vi).toContain('"mấy cái"');
    expect(found?.text.vi).toContain("Không đọc được số lượng");
    expect(found?.text.en).toContain('"mấy cái"');
  });

  it.each([[null], [undefined], [""], [" "]])("leaves blank %p to the default", (input) => {
    expect(parseCount(input)).toEqual({ value: null, issues: [] });
  });

  it("never throws, and gives a positive integer or an error", () => {
    const check = (input: unknown): void => {
      const r = parseCount(input);
      if (input === null || input === undefined || (typeof input === "string" && !input.trim()))
        return;
      if (r.value !== null) expect(Number.isInteger(r.value) && r.value > 0).toBe(true);
      else expect(r.issues.some((i) => i.severity === "error")).toBe(true);
    };
    fc.assert(fc.property(fc.anything(), check));
    fc.assert(fc.property(fc.string({ unit: "binary" }), check));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (n) => {
        expect(parseCount(String(n).padStart(2, "0") + " phóng sự").value).toBe(n);
      }),
    );
  });
});

describe("normalizeType", () => {
  it.each([
    ["Phóng sự", "phóng sự"],
    ["PHÓNG SỰ", "phóng sự"],
    ["phong su", "phóng sự"],
    ["PS", "phóng sự"],
    ["report", "phóng sự"],
    ["Tin", "tin"],
    ["tin, bài", "tin"],
    ["Tin bài", "tin"],
    ["news", "tin"],
    ["Bài", "bài"],
    ["bài viết", "bài"],
    ["Article", "bài"],
    ["Chuyên mục", "chuyên mục"],
    ["Ký sự", "ký sự"],
    ["Kí sự", "ký sự"],
    ["Phim tài liệu", "phim tài liệu"],
    ["Tọa đàm", "tọa đàm"],
    ["Toạ đàm", "tọa đàm"],
    ["TOẠ ĐÀM", "tọa đàm"],
    ["Tiểu phẩm", "tiểu phẩm"],
    ["Spot", "spot"],
    ["  Phóng   sự\n", "phóng sự"],
    ["Phóng sự.", "phóng sự"],
  ])("maps %p to %p", (input, type) => {
    expect(normalizeType(input)).toBe(type);
  });

  it.each([
    ["Clip ngắn", "Clip ngắn"],
    ["  Trò  chơi\ntruyền hình ", "Trò chơi truyền hình"],
    [5, "5"],
  ])("keeps the unknown type %p as written: %p", (input, type) => {
    expect(normalizeType(input)).toBe(type);
  });

  it.each([[null], [undefined], [""], ["  "], [{ kind: "error", code: "#N/A" }]])(
    "gives null for %p",
    (input) => {
      expect(normalizeType(input)).toBeNull();
    },
  );

  it("is idempotent and has an English name for each canonical type", () => {
    for (const t of PRODUCT_TYPES) {
      expect(normalizeType(t)).toBe(t);
      expect(PRODUCT_TYPE_EN[t]).toMatch(/^[a-z ]+$/);
    }
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const t = normalizeType(v);
        if (t !== null) expect(normalizeType(t)).toBe(t);
      }),
    );
  });
});

describe("parseCountAndType", () => {
  it.each([
    ["(01 phóng sự, thời lượng 05 phút)", 1, "phóng sự"],
    ["01 phóng sự thời lượng 05 phút", 1, "phóng sự"],
    ["02 tin", 2, "tin"],
    ["01 chuyên mục", 1, "chuyên mục"],
    ["02 tin, bài", 2, "tin"],
    ["03 Toạ đàm", 3, "tọa đàm"],
    [
      "+ Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023 (01 phóng sự, thời lượng 05 phút).",
      1,
      "phóng sự",
    ],
    ["01 clip ngắn, thời lượng 3 phút", 1, "clip ngắn"],
    ["phóng sự", null, "phóng sự"],
    ["(0 phóng sự)", null, "phóng sự"],
  ])("reads %p as %p × %p", (text, count, type) => {
    expect(parseCountAndType(text)).toEqual({ count, type });
  });

  it.each([["Kỷ niệm 08 năm Ngày thành lập huyện"], [""], ["thời lượng 05 phút"]])(
    "finds no product in %p",
    (text) => {
      expect(parseCountAndType(text)).toEqual({ count: null, type: null });
    },
  );

  it("never throws", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const r = parseCountAndType(s);
        if (r.count !== null) expect(Number.isInteger(r.count) && r.count > 0).toBe(true);
      }),
    );
  });
});
