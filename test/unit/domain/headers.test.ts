import { findHeader, matchHeader } from "../../../src/domain/headers";
import { sheet } from "../../helpers/grid";

describe("matchHeader", () => {
  it.each([
    ["STT", "no"],
    ["Nội dung", "title"],
    ["NỘI DUNG", "title"],
    ["noi dung", "title"],
    ["Nội dung tuyên truyền", "title"],
    ["Tên sản phẩm", "title"],
    ["Title", "title"],
    ["Topic", "title"],
    ["Thời gian", "period"],
    ["Thời gian thực hiện", "period"],
    ["Thời gian\nthực hiện", "period"],
    ["Quý", "period"],
    ["Quarter", "period"],
    ["Số lượng", "count"],
    ["SL", "count"],
    ["Qty", "count"],
    ["Loại sản phẩm", "type"],
    ["Hình thức", "type"],
    ["Thời lượng", "duration"],
    ["Thời lượng (phút)", "duration"],
    ["Duration", "duration"],
    ["Đơn vị thực hiện", "unit"],
    ["Don vi chu tri", "unit"],
    ["Owner", "unit"],
    ["Kinh phí", "budget"],
    ["Kinh phí (đồng)", "budget"],
    ["Dự toán", "budget"],
    ["Budget (VND)", "budget"],
    ["Kinh phí thực chi", "spent"],
    ["Ghi chú", "notes"],
    ["Hạn hoàn thành", "due"],
    ["Trạng thái", "status"],
    ["Ngày phát sóng", "airedOn"],
    ["Kiểm tra", "check"],
    ["Nội dung:", "title"],
  ])("%p → %s", (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it.each([["Tổng cộng"], [""], ["Ngày"], [42], [null]])("%p is not a header", (header) => {
    expect(matchHeader(header)).toBeNull();
  });
});

describe("findHeader", () => {
  it("finds a header on row 3 under a title", () => {
    const s = sheet("KH", [
      ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2023"],
      [],
      ["STT", "Nội dung", "Thời gian", "Thời lượng"],
      [1, "Phóng sự A", "Quý I/2023", "05 phút"],
    ]);
    const { map, diagnostics } = findHeader(s);
    expect(diagnostics).toEqual([]);
    expect(map?.headerRow).toBe(3);
    expect(map?.columns).toEqual({ no: 1, title: 2, period: 3, duration: 4 });
  });

  it("reads an English header", () => {
    const { map } = findHeader(
      sheet("Plan", [["No.", "Title", "Quarter", "Duration", "Budget (VND)"]]),
    );
    expect(map?.columns).toEqual({ no: 1, title: 2, period: 3, duration: 4, budget: 5 });
  });

  it("reads a header without diacritics", () => {
    const { map } = findHeader(
      sheet("KH", [["stt", "noi dung", "thoi gian", "so luong", "don vi thuc hien"]]),
    );
    expect(map?.columns).toEqual({ no: 1, title: 2, period: 3, count: 4, unit: 5 });
  });

  it("prefers the row with more headers when a title row names a column", () => {
    const s = sheet("KH", [["Nội dung"], ["STT", "Nội dung", "Thời gian", "Ghi chú"]]);
    expect(findHeader(s).map?.headerRow).toBe(2);
  });

  it("names the missing period column and the aliases it looked for", () => {
    const s = sheet("KH", [
      ["STT", "Nội dung", "Thời lượng"],
      [1, "A", "5 phút"],
    ]);
    const { map, diagnostics } = findHeader(s);
    expect(map).toBeNull();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.code).toBe("header.missing-required");
    expect(diagnostics[0]?.text.vi).toContain('"Thời gian"');
    expect(diagnostics[0]?.text.en).toContain('"Quarter"');
    expect(diagnostics[0]?.text.en).toContain("Row 1");
  });

  it("explains when no header row exists at all", () => {
    const { diagnostics } = findHeader(sheet("Data", [[1, 2, 3]]));
    expect(diagnostics[0]?.text.en).toMatch(/No header row was found in the first 20 rows/);
  });

  it("ignores a header below row 20", () => {
    const rows: (string | null)[][] = Array.from({ length: 20 }, () => [null]);
    rows.push(["Nội dung", "Thời gian"]);
    expect(findHeader(sheet("KH", rows)).map).toBeNull();
  });

  it("warns about a duplicated column and keeps the first", () => {
    const { map, diagnostics } = findHeader(
      sheet("KH", [["Nội dung", "Thời gian", "Ghi chú", "Ghi chú"]]),
    );
    expect(map?.columns.notes).toBe(3);
    expect(diagnostics.map((d) => [d.code, d.cell])).toEqual([["header.duplicate", "D1"]]);
  });
});
