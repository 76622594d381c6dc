/**
 * Plan tables as offices lay them out (issue 12), each built in code with exceljs, written to a
 * real .xlsx and read back the way `check` reads it: title rows, a merged header of two or three
 * rows, section rows carrying the period, numbered headings over sub-items, subtotal and total
 * rows, count cells that carry the type, a measure in the count column.
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import { checkJson, checkWorkbook, type CheckResult } from "../../src/domain/check";
import { readWorkbookData } from "../../src/node/readXlsx";
import { cli } from "../helpers/cli";
import { validateXlsx } from "../helpers/excelRules";
import { runTrack } from "../helpers/track";
import { tempDir } from "../helpers/xlsx";

type Cells = Record<string, ExcelJS.CellValue>;

interface Layout {
  readonly cells: Cells;
  readonly merges?: readonly string[];
}

const tmp = tempDir("pt-layout-");
afterAll(() => tmp.cleanup());
let n = 0;

async function writeLayout(layout: Layout): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("KH");
  for (const [address, value] of Object.entries(layout.cells)) ws.getCell(address).value = value;
  for (const m of layout.merges ?? []) ws.mergeCells(m);
  const path = join(tmp.dir, `layout-${++n}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

async function check(layout: Layout, asOf = "2024-01-15"): Promise<CheckResult> {
  const { data } = await readWorkbookData(await writeLayout(layout));
  return checkWorkbook(data, { today: asOf, asOf });
}

const UNIT = "Trung tâm VH-TT-DL&TT";

/** A district table: agency and date lines, a title, a two-row merged header, (1)…(9). */
const DISTRICT: Layout = {
  cells: {
    A1: "UBND HUYỆN IA H'DRAI",
    F1: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    A2: "TRUNG TÂM VH-TT-DL&TT",
    F2: "Độc lập - Tự do - Hạnh phúc",
    F3: "Ia H'Drai, ngày 05 tháng 12 năm 2023",
    A4: "KẾ HOẠCH TUYÊN TRUYỀN TRÊN SÓNG PHÁT THANH - TRUYỀN HÌNH NĂM 2024",
    A6: "STT",
    B6: "Nội dung",
    C6: "Thời gian",
    D6: "Sản phẩm",
    D7: "Số lượng",
    E7: "Thời lượng",
    F6: "Đơn vị thực hiện",
    G6: "Kinh phí",
    G7: "Dự toán",
    H7: "Thực chi",
    I6: "Ghi chú",
    ...Object.fromEntries(
      ["A", "B", "C", "D", "E", "F", "G", "H", "I"].map((c, i) => [`${c}8`, `(${i + 1})`]),
    ),
    A9: "I",
    B9: "QUÝ I",
    A10: 1,
    B10: "Kỷ niệm 09 năm Ngày thành lập huyện 11/03/2024",
    D10: "01 phóng sự",
    E10: "05 phút",
    F10: UNIT,
    G10: 15000000,
    A11: 2,
    B11: "Tuyên truyền phòng chống cháy rừng",
    D11: "02 tin",
    E11: "03 phút",
    F11: UNIT,
    G11: 6000000,
    B12: "Cộng quý I",
    G12: { formula: "SUM(G10:G11)", result: 21000000 },
    A13: "II",
    B13: "Quý II/2024",
    A14: 3,
    B14: "Tuyên truyền kỷ niệm các ngày lễ lớn",
    A15: "3.1",
    B15: "Kỷ niệm Ngày Giải phóng miền Nam",
    D15: "01 phóng sự",
    E15: "05 phút",
    F15: UNIT,
    G15: 15000000,
    A16: "3.2",
    B16: "Kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh",
    D16: "03 tin, bài",
    E16: "03 phút",
    F16: UNIT,
    G16: 9000000,
    A17: "III",
    B17: "QUÝ III-IV",
    A18: 4,
    B18: "Treo băng rôn tuyên truyền",
    D18: "95 mét băng rôn",
    F18: UNIT,
    A19: 5,
    B19: "Tọa đàm tổng kết năm",
    C19: "Tháng 12",
    D19: "01 tọa đàm",
    E19: "30 phút",
    F19: UNIT,
    G19: 20000000,
    A20: "Tổng cộng",
    G20: 60000000,
  },
  merges: [
    "A1:D1",
    "A2:D2",
    "A4:I4",
    "A6:A7",
    "B6:B7",
    "C6:C7",
    "D6:E6",
    "F6:F7",
    "G6:H6",
    "I6:I7",
    "A20:B20",
  ],
};

describe("an office-style district table", () => {
  let result: CheckResult;
  beforeAll(async () => {
    result = await check(DISTRICT);
  });

  it("reads the two-row merged header and names each column's real cell", () => {
    const json = checkJson(result, "kh.xlsx", "vi") as Record<string, unknown>;
    expect(json.headerRow).toBe(7);
    expect(json.columns).toEqual({
      no: "A",
      title: "B",
      period: "C",
      count: "D",
      duration: "E",
      unit: "F",
      budget: "G",
      spent: "H",
      notes: "I",
    });
    const layout = json.layout as Record<string, unknown>;
    expect(layout.headerRows).toEqual([6, 7]);
    expect(layout.columnCells).toEqual({
      no: "A6",
      title: "B6",
      period: "C6",
      count: "D7",
      duration: "E7",
      unit: "F6",
      budget: "G7",
      spent: "H7",
      notes: "I6",
    });
    expect((layout.headerLabels as Record<string, string>).D).toBe("Sản phẩm › Số lượng");
  });

  it("takes the plan year from the KẾ HOẠCH line, not the signing date above it", () => {
    expect(result.plan.planYear).toBe(2024);
    expect(result.plan.planYearSource).toBe("title");
  });

  it("reads exactly the six items: no title, header, section, heading or total row", () => {
    expect(
      result.plan.items.map((i) => [
        i.row,
        i.periodText,
        i.quarter,
        i.year,
        i.dueDate,
        i.count,
        i.type,
        i.durationMinutes,
        i.budgetVnd,
      ]),
    ).toEqual([
      [10, "QUÝ I", 1, 2024, "2024-03-11", 1, "phóng sự", 5, 15000000],
      [11, "QUÝ I", 1, 2024, "2024-03-31", 2, "tin", 3, 6000000],
      [15, "Quý II/2024", 2, 2024, "2024-06-30", 1, "phóng sự", 5, 15000000],
      [16, "Quý II/2024", 2, 2024, "2024-06-30", 3, "tin", 3, 9000000],
      [18, "QUÝ III-IV", 4, 2024, "2024-12-31", null, null, null, null],
      [19, "Tháng 12", 4, 2024, "2024-12-31", 1, "tọa đàm", 30, 20000000],
    ]);
  });

  it("reports the sections, the heading, the totals and the column-number row it skipped", () => {
    const { layout } = result.plan;
    expect(layout.sections.map((s) => [s.row, s.text])).toEqual([
      [9, "QUÝ I"],
      [13, "Quý II/2024"],
      [17, "QUÝ III-IV"],
    ]);
    expect(layout.headings).toEqual([{ row: 14, text: "Tuyên truyền kỷ niệm các ngày lễ lớn" }]);
    expect(layout.totals).toEqual([
      { row: 12, text: "Cộng quý I", kind: "subtotal" },
      { row: 20, text: "Tổng cộng", kind: "total" },
    ]);
    expect(layout.skippedRows).toEqual([{ row: 8, reason: "column-numbers" }]);
  });

  it("flags the measure in the count column and the total that disagrees with its items", () => {
    expect(result.diagnostics.map((d) => [d.cell, d.code, d.severity])).toEqual([
      ["D18", "count.measure", "warning"],
      ["G20", "total.mismatch", "warning"],
    ]);
    const mismatch = result.diagnostics[1]!;
    expect(mismatch.text.vi).toContain("65.000.000");
    expect(mismatch.text.vi).toContain("60.000.000");
    expect(result.summary).toEqual({ items: 6, errors: 0, warnings: 2 });
  });

  it("never counts a total's money: the items' budgets add up to 65 million", () => {
    const sum = result.plan.items.reduce((s, i) => s + (i.budgetVnd ?? 0), 0);
    expect(sum).toBe(65000000);
  });
});

describe("header blocks", () => {
  it.each([
    ["merged", ["A3:A4", "B3:B4", "C3:D3", "E3:E4"]],
    ["typed over the first column only, not merged", []],
  ])(
    'reads "Thời gian" over "Bắt đầu | Kết thúc" (%s): the item is due at the end',
    async (_how, merges) => {
      const r = await check({
        cells: {
          A1: "KẾ HOẠCH NĂM 2024",
          A3: "TT",
          B3: "Nội dung công việc",
          C3: "Thời gian",
          C4: "Bắt đầu",
          D4: "Kết thúc",
          E3: "Kinh phí (đồng)",
          A5: 1,
          B5: "Phóng sự về xây dựng nông thôn mới",
          C5: "01/02/2024",
          D5: "15/03/2024",
          E5: "12.000.000",
          A6: 2,
          B6: "Chuyên mục cải cách hành chính",
          C6: "01/04/2024",
          D6: "30/05/2024",
          E6: "8.000.000",
        },
        merges,
      });
      const json = checkJson(r, "x.xlsx", "vi") as {
        columns: unknown;
        layout: { columnCells: unknown };
      };
      expect(json.columns).toEqual({ no: "A", title: "B", period: "D", budget: "E" });
      expect(json.layout.columnCells).toEqual({
        no: "A3",
        title: "B3",
        period: "D4",
        budget: "E3",
      });
      expect(r.plan.items.map((i) => [i.row, i.dueDate, i.quarter, i.budgetVnd])).toEqual([
        [5, "2024-03-15", 1, 12000000],
        [6, "2024-05-30", 2, 8000000],
      ]);
      expect(r.summary).toEqual({ items: 2, errors: 0, warnings: 0 });
    },
  );

  it("reads a three-row header: a group over groups over the sub-headers", async () => {
    const r = await check({
      cells: {
        A1: "STT",
        B1: "Nội dung",
        C1: "Thời gian thực hiện",
        D1: "Nội dung thực hiện",
        D2: "Sản phẩm",
        D3: "Số lượng",
        E3: "Thời lượng",
        F2: "Kinh phí",
        F3: "Dự toán",
        G3: "Thực chi",
        A4: 1,
        B4: "Phóng sự chuyển đổi số",
        C4: "Quý III/2024",
        D4: "02 phóng sự",
        E4: "10 phút",
        F4: "30 triệu đồng",
        G4: 25000000,
      },
      merges: ["A1:A3", "B1:B3", "C1:C3", "D1:G1", "D2:E2", "F2:G2"],
    });
    expect(r.plan.header.firstHeaderRow).toBe(1);
    expect(r.plan.header.headerRow).toBe(3);
    expect(r.plan.items).toHaveLength(1);
    expect(r.plan.items[0]).toMatchObject({
      row: 4,
      count: 2,
      type: "phóng sự",
      durationMinutes: 10,
      budgetVnd: 30000000,
      spentVnd: 25000000,
      quarter: 3,
    });
  });

  it("keeps a one-row header under a title merged right above it (and the title's year)", async () => {
    const r = await check({
      cells: {
        A1: "KẾ HOẠCH TUYÊN TRUYỀN NĂM 2024",
        A2: "STT",
        B2: "Nội dung",
        C2: "Thời gian",
        D2: "Số lượng",
        A3: 1,
        B3: "Tin hoạt động",
        C3: "Quý I",
        D3: "02 tin",
      },
      merges: ["A1:D1"],
    });
    expect(r.plan.header.firstHeaderRow).toBe(2);
    expect(r.plan.header.headerRow).toBe(2);
    expect(r.plan.planYear).toBe(2024);
    expect(r.plan.items.map((i) => [i.row, i.year, i.count, i.type])).toEqual([
      [3, 2024, 2, "tin"],
    ]);
  });

  it('keeps "Kinh phí" alone a budget column when the header has one row', async () => {
    const r = await check({
      cells: {
        A1: "STT",
        B1: "Nội dung",
        C1: "Quý",
        D1: "Kinh phí",
        A2: 1,
        B2: "Tin hoạt động",
        C2: "Quý I/2024",
        D2: 500000,
      },
    });
    expect(r.plan.header.firstHeaderRow).toBe(1);
    expect(r.plan.header.headerCells).toEqual({
      no: "A1",
      title: "B1",
      period: "C1",
      budget: "D1",
    });
  });
});

describe("section rows carry the period for the items under them", () => {
  const table = (section: Cells): Layout => ({
    cells: {
      A1: "KẾ HOẠCH TUYÊN TRUYỀN NĂM 2024",
      A3: "STT",
      B3: "Nội dung",
      C3: "Thời gian",
      D3: "Số lượng",
      ...section,
      A5: 1,
      B5: "Tin tuyên truyền",
      D5: "02 tin",
    },
    merges: section.A4 === "II. QUÝ II" ? ["A4:D4"] : [],
  });

  it.each<[string, Cells, string, string]>([
    ["I | QUÝ I", { A4: "I", B4: "QUÝ I" }, "QUÝ I", "2024-03-31"],
    ["I. Quý I/2024 in the title column", { B4: "I. Quý I/2024" }, "Quý I/2024", "2024-03-31"],
    ["merged across the row", { A4: "II. QUÝ II" }, "QUÝ II", "2024-06-30"],
    ["QUÝ III-IV", { A4: "III", B4: "QUÝ III-IV" }, "QUÝ III-IV", "2024-12-31"],
    ["6 THÁNG CUỐI NĂM", { B4: "6 THÁNG CUỐI NĂM" }, "6 THÁNG CUỐI NĂM", "2024-12-31"],
    ["Tháng 3", { A4: "A", B4: "Tháng 3" }, "Tháng 3", "2024-03-31"],
  ])("%s", async (_name, section, periodText, due) => {
    const r = await check(table(section));
    expect(r.plan.items.map((i) => [i.row, i.periodText, i.dueDate, i.count, i.type])).toEqual([
      [5, periodText, due, 2, "tin"],
    ]);
    expect(r.plan.layout.sections.map((s) => s.row)).toEqual([4]);
    expect(r.summary.errors).toBe(0);
  });

  it("reads lettered sub-items under a heading that has no period of its own", async () => {
    const r = await check({
      cells: {
        A1: "STT",
        B1: "Nội dung",
        C1: "Thời gian",
        A2: "I",
        B2: "TUYÊN TRUYỀN TRÊN SÓNG TRUYỀN HÌNH",
        A3: 1,
        B3: "Phóng sự chuyên đề",
        A4: "a",
        B4: "Phóng sự về an toàn giao thông",
        C4: "Quý I/2024",
        A5: "b",
        B5: "Phóng sự về bảo vệ rừng",
        C5: "Quý II/2024",
        A6: 2,
        B6: "Tọa đàm về chuyển đổi số",
        C6: "Quý III/2024",
      },
    });
    expect(r.plan.items.map((i) => i.row)).toEqual([4, 5, 6]);
    expect(r.plan.layout.headings.map((h) => h.row)).toEqual([2, 3]);
    expect(r.summary.errors).toBe(0);
  });

  it("gives a heading's period to its sub-items, and not to the next item", async () => {
    const r = await check({
      cells: {
        A1: "STT",
        B1: "Nội dung",
        C1: "Thời gian",
        A2: 1,
        B2: "Kỷ niệm các ngày lễ",
        C2: "Quý II/2024",
        A3: "1.1",
        B3: "Phóng sự 30/4",
        A4: "1.2",
        B4: "Phóng sự 1/5",
        A5: 2,
        B5: "Tin hoạt động",
        C5: "Quý IV/2024",
      },
    });
    expect(r.plan.items.map((i) => [i.row, i.periodText])).toEqual([
      [3, "Quý II/2024"],
      [4, "Quý II/2024"],
      [5, "Quý IV/2024"],
    ]);
  });
});

describe("totals, counts and columns the tool cannot read", () => {
  it('skips "Cộng" and "Tổng cộng (I+II)" rows and keeps "Cộng đồng …" as an item', async () => {
    const r = await check({
      cells: {
        A1: "STT",
        B1: "Nội dung",
        C1: "Thời gian",
        D1: "Kinh phí",
        A2: 1,
        B2: "Cộng đồng chung tay bảo vệ môi trường",
        C2: "Quý I/2024",
        D2: 5000000,
        B3: "Cộng",
        D3: 5000000,
        B4: "Tổng cộng (I+II)",
        D4: 5000000,
      },
    });
    expect(r.plan.items.map((i) => i.row)).toEqual([2]);
    expect(r.plan.layout.totals.map((t) => [t.row, t.kind])).toEqual([
      [3, "subtotal"],
      [4, "total"],
    ]);
    expect(r.summary).toEqual({ items: 1, errors: 0, warnings: 0 });
  });

  it("flags a length written in the count column instead of reading it as a count", async () => {
    const r = await check({
      cells: {
        A1: "Nội dung",
        B1: "Thời gian",
        C1: "Số lượng",
        A2: "Phóng sự A",
        B2: "Quý I/2024",
        C2: "05 phút",
      },
    });
    expect(r.plan.items[0]!.count).toBeNull();
    expect(r.diagnostics.map((d) => [d.cell, d.code])).toEqual([
      ["C2", "count.looks-like-duration"],
    ]);
  });

  it("says so when a column it did not recognise holds durations", async () => {
    const r = await check({
      cells: {
        A1: "Nội dung",
        B1: "Thời gian",
        C1: "TL",
        A2: "Phóng sự A",
        B2: "Quý I/2024",
        C2: "05 phút",
        A3: "Phóng sự B",
        B3: "Quý II/2024",
        C3: "10 phút",
      },
    });
    expect(r.diagnostics.map((d) => [d.cell, d.code, d.field])).toEqual([
      ["C1", "header.unmapped-column", "duration"],
    ]);
    expect(r.diagnostics[0]!.text.vi).toContain('Đổi tiêu đề thành "Thời lượng"');
  });
});

describe("a quarter matrix", () => {
  // Read since the matrix reading (matrixLayouts.test.ts has the whole of it): each filled cell
  // is an item, no longer a refusal.
  it("is read: each filled cell an item of its quarter, keyed by its cell", async () => {
    const path = await writeLayout({
      cells: {
        A1: "KẾ HOẠCH TUYÊN TRUYỀN NĂM 2024",
        A3: "STT",
        B3: "Nội dung tuyên truyền",
        C3: "Quý I",
        D3: "Quý II",
        E3: "Quý III",
        F3: "Quý IV",
        A4: 1,
        B4: "Phóng sự cải cách hành chính",
        C4: 1,
        E4: "x",
      },
    });
    const r = await cli(["check", path, "--json", "--lang", "en"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { items: { cell: string; periodText: string }[] };
    expect(json.items.map((i) => [i.cell, i.periodText])).toEqual([
      ["C4", "Quý I"],
      ["E4", "Quý III"],
    ]);
  });
});

describe("check shows the reading", () => {
  it("prints the layout in text and adds it to --json", async () => {
    const path = await writeLayout(DISTRICT);
    const text = await cli(["check", path, "--as-of", "2024-01-15"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Cách đọc bảng: hàng tiêu đề 6–7; cột: STT A6, Nội dung B6");
    expect(text.stdout).toContain("Số lượng D7, Thời lượng E7");
    expect(text.stdout).toContain('Phần (thời gian cho các mục bên dưới): hàng 9 "QUÝ I"');
    expect(text.stdout).toContain('Dòng tổng bỏ qua: hàng 12 "Cộng quý I", 20 "Tổng cộng"');
    expect(text.stdout).toContain("6 mục, 0 lỗi, 2 cảnh báo.");
    const en = await cli(["check", path, "--as-of", "2024-01-15", "--lang", "en"]);
    expect(en.stdout).toContain("Table layout: header rows 6–7; columns: No. A6, Title B6");
    const json = await cli(["check", path, "--json", "--as-of", "2024-01-15"]);
    const parsed = JSON.parse(json.stdout) as {
      headerRow: number;
      layout: { headerRows: number[] };
    };
    expect(parsed.headerRow).toBe(7);
    expect(parsed.layout.headerRows).toEqual([6, 7]);
  });
});

describe("merged cells spanning item rows", () => {
  it("give a merged unit or period to each item, and count a merged budget once, flagged", async () => {
    const r = await check({
      cells: {
        A1: "STT",
        B1: "Nội dung",
        C1: "Thời gian",
        D1: "Đơn vị thực hiện",
        E1: "Kinh phí",
        A2: 1,
        B2: "Phóng sự A",
        C2: "Quý II/2024",
        D2: UNIT,
        E2: 10000000,
        A3: 2,
        B3: "Phóng sự B",
        A4: 3,
        B4: "Phóng sự C",
        C4: "Quý III/2024",
        E4: 4000000,
      },
      merges: ["C2:C3", "D2:D4", "E2:E3"],
    });
    expect(r.plan.items.map((i) => [i.row, i.periodText, i.quarter, i.unit, i.budgetVnd])).toEqual([
      [2, "Quý II/2024", 2, UNIT, 10000000],
      [3, "Quý II/2024", 2, UNIT, null],
      [4, "Quý III/2024", 3, UNIT, 4000000],
    ]);
    // Excel's formulas see a covered cell as empty: the summaries group by the cell as written.
    expect(r.plan.items.map((i) => i.unitText)).toEqual([UNIT, null, null]);
    expect(r.diagnostics.map((d) => [d.cell, d.code])).toEqual([["E2", "merged.shared-amount"]]);
    expect(r.summary.errors).toBe(0);
  });
});

describe("check --map: the clerk's reading of a column", () => {
  const TL: Layout = {
    cells: {
      A1: "Nội dung",
      B1: "Thời gian",
      C1: "TL",
      A2: "Phóng sự A",
      B2: "Quý I/2024",
      C2: "05 phút",
      A3: "Phóng sự B",
      B3: "Quý II/2024",
      C3: "10 phút",
    },
  };

  it("reads the column given with --map and reports it in the layout", async () => {
    const path = await writeLayout(TL);
    const r = await cli(["check", path, "--json", "--as-of", "2024-01-15", "--map", "duration=C"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      items: { durationMinutes: number | null }[];
      diagnostics: unknown[];
      columns: Record<string, string>;
      layout: { mapped: string[]; columnCells: Record<string, string> };
    };
    expect(json.items.map((i) => i.durationMinutes)).toEqual([5, 10]);
    expect(json.diagnostics).toEqual([]);
    expect(json.columns.duration).toBe("C");
    expect(json.layout.mapped).toEqual(["duration"]);
    expect(json.layout.columnCells.duration).toBe("C1");
    const text = await cli(["check", path, "--as-of", "2024-01-15", "--map", "duration=C"]);
    expect(text.stdout).toContain("Thời lượng C1 (--map)");
  });

  it("refuses a bad --map with exit 2 and what is valid", async () => {
    const path = await writeLayout(TL);
    const r = await cli(["check", path, "--map", "length=C", "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "use field=column, separated by commas, e.g. --map period=C,count=D",
    );
  });
});

describe("track on the district table", () => {
  async function cellsOf(path: string): Promise<Map<string, unknown>> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const out = new Map<string, unknown>();
    wb.getWorksheet("KH")!.eachRow((row) =>
      row.eachCell((c) => void out.set(c.address, JSON.stringify(c.value))),
    );
    return out;
  }

  it("keeps every cell of the clerk's, writes due dates for the six items only, and is idempotent", async () => {
    const plan = await writeLayout(DISTRICT);
    const out = join(tmp.dir, "district.tracker.xlsx");
    const first = await runTrack({ plan, output: out, asOf: "2024-05-01" });
    expect(first.code).toBe(0);
    expect(validateXlsx(out).ok).toBe(true);
    const before = await cellsOf(plan);
    const after = await cellsOf(out);
    for (const [address, value] of before)
      expect([address, after.get(address)]).toEqual([address, value]);
    // The due column the tracker added (J, right of the header block), on item rows only.
    const due = [...after.keys()].filter((a) => /^J\d+$/.test(a)).map((a) => Number(a.slice(1)));
    expect(due.sort((a, b) => a - b)).toEqual([7, 10, 11, 15, 16, 18, 19]);
    const again = await runTrack({ plan: out, inPlace: true, asOf: "2024-05-01" });
    expect(again.code).toBe(0);
    expect(await cellsOf(out)).toEqual(after);
  });
});
