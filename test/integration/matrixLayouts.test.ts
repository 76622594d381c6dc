/**
 * Quarter and month matrices (issue 12): one topic per row, one column per period holding counts
 * or marks. Each workbook is built in code with exceljs, written to a real .xlsx and read back as
 * `check` and `track` read it. The tracker keeps the clerk's matrix as it is and tracks each item
 * on a derived sheet ("Hạng mục theo dõi") whose title, period and count are live formulas.
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import { checkJson, checkWorkbook, type CheckResult } from "../../src/domain/check";
import { describeLayout } from "../../src/domain/tableLayout";
import { readWorkbookData } from "../../src/node/readXlsx";
import { cli } from "../helpers/cli";
import { validateXlsx } from "../helpers/excelRules";
import { expectCachedMatches, recomputeWorkbook } from "../helpers/formulaEngine";
import { runTrack } from "../helpers/track";
import { tempDir } from "../helpers/xlsx";

jest.setTimeout(60_000);

type Cells = Record<string, ExcelJS.CellValue>;

interface Layout {
  readonly cells: Cells;
  readonly merges?: readonly string[];
}

const ITEMS = "Hạng mục theo dõi";
const tmp = tempDir("pt-matrix-");
afterAll(() => tmp.cleanup());
let n = 0;

async function writeLayout(layout: Layout, name = `matrix-${++n}.xlsx`): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("KH");
  for (const [address, value] of Object.entries(layout.cells)) ws.getCell(address).value = value;
  for (const m of layout.merges ?? []) ws.mergeCells(m);
  const path = join(tmp.dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

async function checkPath(path: string, asOf = "2024-05-02"): Promise<CheckResult> {
  const { data } = await readWorkbookData(path);
  return checkWorkbook(data, { today: asOf, asOf });
}

async function check(layout: Layout, asOf = "2024-05-02"): Promise<CheckResult> {
  return checkPath(await writeLayout(layout), asOf);
}

/** [cell, period text, quarter, due date, count, type] of every item. */
function itemsOf(r: CheckResult): unknown[][] {
  return r.plan.items.map((i) => [i.cell, i.periodText, i.quarter, i.dueDate, i.count, i.type]);
}

function codes(r: CheckResult): [string | null, string, string][] {
  return r.diagnostics.map((d) => [d.cell, d.code, d.severity]);
}

const UNIT = "Trung tâm VH-TT-DL&TT";

/** A one-row quarter matrix under a title, with counts in every form a clerk writes. */
const COUNTS: Layout = {
  cells: {
    A1: "KẾ HOẠCH TUYÊN TRUYỀN TRÊN SÓNG PHÁT THANH - TRUYỀN HÌNH NĂM 2024",
    A3: "STT",
    B3: "Nội dung tuyên truyền",
    C3: "Quý I",
    D3: "Quý II",
    E3: "Quý III",
    F3: "Quý IV",
    G3: "Đơn vị thực hiện",
    A4: 1,
    B4: "Phóng sự cải cách hành chính",
    C4: 1,
    E4: "02",
    G4: UNIT,
    A5: 2,
    B5: "Tin hoạt động của huyện",
    C5: "02 tin",
    D5: "03 tin, bài",
    E5: 2,
    F5: "2",
    G5: UNIT,
  },
};

describe("a quarter matrix with counts", () => {
  let r: CheckResult;
  beforeAll(async () => {
    r = await check(COUNTS);
  });

  it("makes each filled cell an item of its quarter, keyed by its cell; empty cells are not items", () => {
    expect(itemsOf(r)).toEqual([
      ["C4", "Quý I", 1, "2024-03-31", 1, null],
      ["E4", "Quý III", 3, "2024-09-30", 2, null],
      ["C5", "Quý I", 1, "2024-03-31", 2, "tin"],
      ["D5", "Quý II", 2, "2024-06-30", 3, "tin"],
      ["E5", "Quý III", 3, "2024-09-30", 2, null],
      ["F5", "Quý IV", 4, "2024-12-31", 2, null],
    ]);
    expect(r.plan.items.map((i) => [i.row, i.title, i.unit, i.year])).toContainEqual([
      5,
      "Tin hoạt động của huyện",
      UNIT,
      2024,
    ]);
    expect(r.summary).toEqual({ items: 6, errors: 0, warnings: 0 });
  });

  it("reports the matrix in check --json: columns, cells, items; the contract's fields stay", () => {
    const json = checkJson(r, "kh.xlsx", "vi") as {
      headerRow: number;
      columns: Record<string, string>;
      items: Record<string, unknown>[];
      layout: { matrix: unknown; columnCells: unknown };
    };
    expect(json.headerRow).toBe(3);
    expect(json.columns).toEqual({ no: "A", title: "B", unit: "G" });
    expect(json.layout.matrix).toEqual({
      columns: { C: "Quý I", D: "Quý II", E: "Quý III", F: "Quý IV" },
      headerCells: { C: "C3", D: "D3", E: "E3", F: "F3" },
      items: 6,
      topics: 2,
      budget: null,
      itemsSheet: ITEMS,
      orphans: 0,
    });
    expect(json.items[1]).toEqual({
      row: 4,
      cell: "E4",
      title: "Phóng sự cải cách hành chính",
      periodText: "Quý III",
      quarter: 3,
      year: 2024,
      dueDate: "2024-09-30",
      count: 2,
      type: null,
      durationText: null,
      durationMinutes: null,
      unit: UNIT,
      budgetVnd: null,
      status: null,
      airedOn: null,
      spentVnd: null,
      overdue: false,
      evidence: null,
      acceptanceNo: null,
      acceptedOn: null,
      invoice: null,
      paidOn: null,
    });
  });

  it("says how it read the table, in both languages", () => {
    expect(describeLayout(r.plan.header, r.plan.layout, "vi")).toContain(
      'Bảng theo kỳ: cột Quý I C3, Quý II D3, Quý III E3, Quý IV F3; mỗi ô có số lượng hoặc dấu "x" là một mục: 6 mục từ 2 nội dung (ô trống, "0", "-" không phải mục).',
    );
    expect(describeLayout(r.plan.header, r.plan.layout, "en")).toContain(
      `Each item is tracked (status, air date, spending) on the "${ITEMS}" sheet that track makes.`,
    );
  });
});

describe("marks, and what is not an item", () => {
  it.each<[string, ExcelJS.CellValue]>([
    ["x", "x"],
    ["X", "X"],
    ["✓", "✓"],
    ["v", "v"],
    ["√", "√"],
    ["a ticked checkbox (TRUE)", true],
  ])("%s is one item of that quarter", async (_name, mark) => {
    const r = await check({
      cells: {
        A1: "KẾ HOẠCH NĂM 2024",
        A2: "Nội dung",
        B2: "Quý I",
        C2: "Quý II",
        D2: "Quý III",
        E2: "Quý IV",
        A3: "Phóng sự an toàn giao thông",
        C3: mark,
      },
    });
    expect(itemsOf(r)).toEqual([["C3", "Quý II", 2, "2024-06-30", 1, null]]);
    expect(r.summary.errors).toBe(0);
  });

  it.each<[string, ExcelJS.CellValue]>([
    ["0", 0],
    ['"0"', "0"],
    ['"-"', "-"],
    ['"–"', "–"],
    ["FALSE", false],
    ["spaces", "   "],
  ])("%s says none: no item and no finding", async (_name, none) => {
    const r = await check({
      cells: {
        A1: "Nội dung",
        B1: "Quý I/2024",
        C1: "Quý II/2024",
        A2: "Phóng sự an toàn giao thông",
        B2: none,
        C2: "x",
      },
    });
    expect(itemsOf(r)).toEqual([["C2", "Quý II/2024", 2, "2024-06-30", 1, null]]);
    expect(r.diagnostics).toEqual([]);
    expect(r.plan.planYear).toBe(2024);
  });
});

describe("a month matrix", () => {
  const months = (labels: readonly string[]): Layout => {
    const cells: Cells = { A1: "KẾ HOẠCH NĂM 2024", A2: "TT", B2: "Nội dung" };
    labels.forEach((l, i) => (cells[`${String.fromCharCode(67 + i)}2`] = l));
    cells.A3 = 1;
    cells.B3 = "Chuyên mục chuyển đổi số";
    cells.C3 = "x";
    cells.F3 = 1;
    cells.N3 = "02";
    return { cells };
  };

  it.each([
    ["T1…T12", Array.from({ length: 12 }, (_, i) => `T${i + 1}`)],
    ["Tháng 1…Tháng 12", Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}`)],
  ])("%s: each marked month is an item due at the month's end", async (_name, labels) => {
    const r = await check(months(labels));
    expect(r.plan.items.map((i) => [i.cell, i.periodText, i.quarter, i.dueDate, i.count])).toEqual([
      ["C3", labels[0], 1, "2024-01-31", 1],
      ["F3", labels[3], 2, "2024-04-30", 1],
      ["N3", labels[11], 4, "2024-12-31", 2],
    ]);
    expect(r.summary.errors).toBe(0);
  });

  it("reads a three-row header: months under quarters under a merged group", async () => {
    const r = await check({
      cells: {
        A1: "KẾ HOẠCH NĂM 2024",
        A3: "TT",
        B3: "Nội dung",
        C3: "Thời gian thực hiện",
        C4: "Quý I",
        F4: "Quý II",
        C5: "T1",
        D5: "T2",
        E5: "T3",
        F5: "T4",
        G5: "T5",
        H5: "T6",
        I3: "Ghi chú",
        A6: 1,
        B6: "Tin tuyên truyền bầu cử",
        D6: "x",
        H6: "02 tin",
      },
      merges: ["A3:A5", "B3:B5", "C3:H3", "C4:E4", "F4:H4", "I3:I5"],
    });
    expect(r.plan.header.firstHeaderRow).toBe(3);
    expect(r.plan.header.headerRow).toBe(5);
    expect(itemsOf(r)).toEqual([
      ["D6", "T2", 1, "2024-02-29", 1, null],
      ["H6", "T6", 2, "2024-06-30", 2, "tin"],
    ]);
    expect(r.diagnostics).toEqual([]);
  });

  it('reads "Tháng 1 – 3 | Tháng 4 – 6 | …" as quarters', async () => {
    const r = await check({
      cells: {
        A1: "KẾ HOẠCH NĂM 2024",
        A2: "Nội dung",
        B2: "Tháng 1 – 3",
        C2: "Tháng 4 – 6",
        D2: "Tháng 7 – 9",
        E2: "Tháng 10 – 12",
        A3: "Tọa đàm phòng chống ma túy",
        C3: "01 tọa đàm",
        E3: "x",
      },
    });
    expect(itemsOf(r)).toEqual([
      ["C3", "Tháng 4 – 6", 2, "2024-06-30", 1, "tọa đàm"],
      ["E3", "Tháng 10 – 12", 4, "2024-12-31", 1, null],
    ]);
  });
});

/** "Thời gian thực hiện" merged over the quarters; the other headers merged down; a budget. */
const GROUPED: Layout = {
  cells: {
    A1: "UBND HUYỆN IA H'DRAI",
    A2: "KẾ HOẠCH TUYÊN TRUYỀN NĂM 2024",
    A4: "STT",
    B4: "Nội dung",
    C4: "Thời gian thực hiện",
    C5: "Quý I",
    D5: "Quý II",
    E5: "Quý III",
    F5: "Quý IV",
    G4: "Thời lượng",
    H4: "Đơn vị thực hiện",
    I4: "Kinh phí",
    A6: "I",
    B6: "TUYÊN TRUYỀN TRÊN SÓNG TRUYỀN HÌNH",
    A7: 1,
    B7: "Kỷ niệm 09 năm Ngày thành lập huyện 11/03/2024",
    C7: "x",
    E7: "x",
    G7: "05 phút",
    H7: UNIT,
    I7: 30000000,
    A8: 2,
    B8: "Phóng sự xây dựng nông thôn mới",
    D8: "01 phóng sự",
    G8: "05 phút",
    H8: UNIT,
    I8: "15.000.000",
    A9: 3,
    B9: "Phóng sự về bảo vệ rừng",
    G9: "05 phút",
    A10: "Tổng cộng",
    I10: 45000000,
  },
  merges: ["A4:A5", "B4:B5", "C4:F4", "G4:G5", "H4:H5", "I4:I5", "A10:B10"],
};

describe("a merged group header over the quarter columns", () => {
  let r: CheckResult;
  beforeAll(async () => {
    r = await check(GROUPED);
  });

  it("reads the two-row header: the quarters are the sub-headers, the other columns as today", () => {
    expect(r.plan.header.firstHeaderRow).toBe(4);
    expect(r.plan.header.headerRow).toBe(5);
    expect(r.plan.header.headerCells).toEqual({
      no: "A4",
      title: "B4",
      duration: "G4",
      unit: "H4",
      budget: "I4",
    });
    expect((r.plan.header.labels.get(4) ?? "").toString()).toBe("Thời gian thực hiện › Quý II");
  });

  it("an event date in the title is the due date of the quarter that holds it, the others end", () => {
    expect(r.plan.items.map((i) => [i.cell, i.dueDate, i.dueSource, i.durationMinutes])).toEqual([
      ["C7", "2024-03-11", "title", 5],
      ["E7", "2024-09-30", "period", 5],
      ["D8", "2024-06-30", "period", 5],
    ]);
  });

  it("counts a topic's budget once, with its first item, and says so; the total agrees", () => {
    expect(r.plan.items.map((i) => [i.cell, i.budgetVnd, i.plannedVnd])).toEqual([
      ["C7", 30000000, 30000000],
      ["E7", null, null],
      ["D8", 15000000, 15000000],
    ]);
    expect(describeLayout(r.plan.header, r.plan.layout, "en")).toContain(
      "A topic's budget is counted once, with the topic's first item (not split by period): 1 topics.",
    );
    expect(r.plan.layout.totals).toEqual([{ row: 10, text: "Tổng cộng", kind: "total" }]);
  });

  it("flags the topic with no period marked; the Roman-numbered group heading is not flagged", () => {
    expect(codes(r)).toEqual([["B9", "matrix.topic-empty", "warning"]]);
    expect(r.summary).toEqual({ items: 3, errors: 0, warnings: 1 });
  });
});

describe("cells that are neither a count nor a mark", () => {
  it("are flagged at their cell with what is valid, never read as a count", async () => {
    const r = await check({
      cells: {
        A1: "KẾ HOẠCH NĂM 2024",
        A2: "Nội dung",
        B2: "Quý I",
        C2: "Quý II",
        D2: "Quý III",
        A3: "Phóng sự an toàn giao thông",
        B3: "hai lần",
        C3: "95 mét băng rôn",
        D3: "2-3",
      },
    });
    expect(codes(r)).toEqual([
      ["B3", "matrix.cell-unreadable", "error"],
      ["D3", "matrix.cell-unreadable", "error"],
      ["C3", "count.measure", "warning"],
    ]);
    expect(r.diagnostics[0]!.text.en).toBe(
      'KH!B3: The cell "hai lần" in a period column is neither a count nor a mark. Write how many products that period ("2", "02", "02 tin"), or a mark "x" / "✓" for one product; leave it empty (or "0", "-") when there is none that period. The tool does not read this cell.',
    );
    // Still items (of that period, count unknown), so the clerk sees them in the tracker.
    expect(r.plan.items.map((i) => [i.cell, i.count, i.invalidFields])).toEqual([
      ["B3", null, ["count"]],
      ["C3", null, []],
      ["D3", null, ["count"]],
    ]);
  });

  it('flags a count column that disagrees with the periods, and "Quý VI" at its header', async () => {
    const r = await check({
      cells: {
        A1: "KẾ HOẠCH NĂM 2024",
        A2: "Nội dung",
        B2: "Số lượng",
        C2: "Quý I",
        D2: "Quý II",
        E2: "Quý VI",
        A3: "Phóng sự A",
        B3: "04 phóng sự",
        C3: "x",
        D3: "x",
        A4: "Phóng sự B",
        B4: 3,
        D4: "x",
        A5: "Phóng sự C",
        E5: "x",
      },
    });
    expect(codes(r)).toEqual([
      ["E2", "period.invalid-quarter", "error"],
      ["B3", "matrix.count-total", "warning"],
    ]);
    expect(r.diagnostics[0]!.suggestion).toBe("Quý IV");
    // One marked period takes the topic's count; two marks are one each.
    expect(r.plan.items.map((i) => [i.cell, i.count, i.type, i.dueDate])).toEqual([
      ["C3", 1, "phóng sự", "2024-03-31"],
      ["D3", 1, "phóng sự", "2024-06-30"],
      ["D4", 3, null, "2024-06-30"],
      ["E5", 1, null, null],
    ]);
  });

  it("is refused, with the cells and what to add, when the header has no title column", async () => {
    const path = await writeLayout({
      cells: {
        A1: "KẾ HOẠCH TUYÊN TRUYỀN NĂM 2024",
        A3: "STT",
        B3: "Tên",
        C3: "Quý I",
        D3: "Quý II",
        E3: "Quý III",
        F3: "Quý IV",
        A4: 1,
        B4: "Phóng sự cải cách hành chính",
        C4: 1,
      },
    });
    const r = await cli(["check", path, "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'Row 3 is a period matrix (one column per quarter or month: "Quý I" C3, "Quý II" D3, "Quý III" E3, "Quý IV" F3) but no title column',
    );
  });
});

describe("check on the command line", () => {
  it("prints the matrix reading and adds it to --json, with each item's cell", async () => {
    const path = await writeLayout(GROUPED);
    const text = await cli(["check", path, "--as-of", "2024-05-02"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Cách đọc bảng: hàng tiêu đề 4–5; cột: STT A4, Nội dung B4");
    expect(text.stdout).toContain(
      'Bảng theo kỳ: cột Quý I C5, Quý II D5, Quý III E5, Quý IV F5; mỗi ô có số lượng hoặc dấu "x" là một mục: 3 mục từ 2 nội dung',
    );
    expect(text.stdout).toContain("3 mục, 0 lỗi, 1 cảnh báo.");
    const json = await cli(["check", path, "--json", "--as-of", "2024-05-02"]);
    const parsed = JSON.parse(json.stdout) as {
      items: { row: number; cell: string; periodText: string; overdue: boolean }[];
      layout: { matrix: { items: number; topics: number; budget: string } };
      summary: unknown;
    };
    expect(parsed.items.map((i) => [i.row, i.cell, i.periodText, i.overdue])).toEqual([
      [7, "C7", "Quý I", true],
      [7, "E7", "Quý III", false],
      [8, "D8", "Quý II", false],
    ]);
    expect(parsed.layout.matrix).toMatchObject({ items: 3, topics: 2, budget: "first-item" });
    expect(parsed.summary).toEqual({ items: 3, errors: 0, warnings: 1 });
  });
});

// ---------------------------------------------------------------- the tracker

async function book(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** Every cell of a sheet, as JSON of its exceljs value. */
function cellsOf(wb: ExcelJS.Workbook, sheet: string): Map<string, string> {
  const out = new Map<string, string>();
  wb.getWorksheet(sheet)!.eachRow((row) =>
    row.eachCell((c) => void out.set(c.address, JSON.stringify(c.value))),
  );
  return out;
}

function formulaOf(wb: ExcelJS.Workbook, sheet: string, address: string): string | null {
  const v = wb.getWorksheet(sheet)!.getCell(address).value as { formula?: string } | null;
  return v && typeof v === "object" && "formula" in v ? (v.formula ?? null) : null;
}

function valueOf(wb: ExcelJS.Workbook, sheet: string, address: string): unknown {
  const v = wb.getWorksheet(sheet)!.getCell(address).value;
  if (v && typeof v === "object" && "formula" in v) return (v as { result?: unknown }).result;
  return v;
}

describe("track on a quarter matrix", () => {
  let plan = "";
  let out = "";
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    plan = await writeLayout(GROUPED, "grouped.xlsx");
    out = join(tmp.dir, "grouped.tracker.xlsx");
    const r = await runTrack({ plan, output: out, asOf: "2024-05-02" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Bảng theo kỳ: 3 mục, mỗi mục một hàng ở trang "${ITEMS}" (nhập trạng thái, ngày phát sóng, thực chi ở đó; bảng kế hoạch giữ nguyên).`,
    );
    wb = await book(out);
  });

  it("never writes into the clerk's matrix", async () => {
    const before = cellsOf(await book(plan), "KH");
    expect(cellsOf(wb, "KH")).toEqual(before);
    const ws = wb.getWorksheet("KH") as unknown as {
      conditionalFormattings: unknown[];
      dataValidations: { model: Record<string, unknown> };
    };
    expect(ws.conditionalFormattings).toEqual([]);
    expect(ws.dataValidations.model).toEqual({});
  });

  it("adds the items sheet between the settings and the summaries", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "KH",
      "Cài đặt",
      ITEMS,
      "Kinh phí",
      "Tiến độ",
      "_PlanTracker",
    ]);
  });

  it("gives each item a row whose title, period and count are live formulas into the matrix", () => {
    const row = (r: number): unknown[] =>
      ["B", "C", "D", "E", "G", "H"].map((c) => formulaOf(wb, ITEMS, `${c}${r}`));
    expect(row(4)).toEqual([
      "ADDRESS(ROW(KH!$C$7),COLUMN(KH!$C$7),4)",
      'IF(KH!$B$7="","",KH!$B$7)',
      "KH!$C$5",
      'IF(KH!$C$7="","",KH!$C$7)',
      'IF(KH!$G$7="","",KH!$G$7)',
      'IF(KH!$H$7="","",KH!$H$7)',
    ]);
    expect(row(5)[0]).toBe("ADDRESS(ROW(KH!$E$7),COLUMN(KH!$E$7),4)");
    expect(row(6)[2]).toBe("KH!$D$5");
    expect(["B4", "C4", "D4", "E4", "I4", "O4", "Q4"].map((a) => valueOf(wb, ITEMS, a))).toEqual([
      "C7",
      "Kỷ niệm 09 năm Ngày thành lập huyện 11/03/2024",
      "Quý I",
      "x",
      expect.any(Date),
      1,
      30000000,
    ]);
    expect(formulaOf(wb, ITEMS, "I4")).toBe("DATE(2024,3,11)");
    // The second item of the topic: its budget stays with the first.
    expect(valueOf(wb, ITEMS, "Q5")).toBeNull();
    expect(valueOf(wb, ITEMS, "A7")).toBeNull();
  });

  it("points the summaries at the items sheet", () => {
    expect(formulaOf(wb, "Kinh phí", "B6")).toBe(`SUM('${ITEMS}'!$Q$4:$Q$6)`);
    expect(formulaOf(wb, "Tiến độ", "B5")).toContain(
      `SUMIFS('${ITEMS}'!$O$4:$O$6,'${ITEMS}'!$I$4:$I$6`,
    );
    expect(valueOf(wb, "Kinh phí", "B6")).toBe(45000000);
    expect(valueOf(wb, "Tiến độ", "B10")).toBe(3);
  });

  it("puts the status list, date and spending rules on the items sheet, bounded", () => {
    const ws = wb.getWorksheet(ITEMS)!;
    const model = (
      ws as unknown as { dataValidations: { model: Record<string, { type: string }> } }
    ).dataValidations.model;
    expect(model.J4?.type).toBe("list");
    expect(model.J6?.type).toBe("list");
    expect(model.J7).toBeUndefined();
    expect(model.K5?.type).toBe("date");
    expect(model.L4?.type).toBe("decimal");
  });

  it("writes a schema-valid file whose cached results are what the formulas give", async () => {
    expect(validateXlsx(out).ok).toBe(true);
    expectCachedMatches(await recomputeWorkbook(out, { today: "2024-05-02" }));
  });

  it("is idempotent: a second run changes nothing", async () => {
    const again = join(tmp.dir, "grouped.again.xlsx");
    const r = await runTrack({ plan: out, output: again, asOf: "2024-05-02" });
    expect(r.code).toBe(0);
    const second = await book(again);
    for (const sheet of ["KH", ITEMS, "Kinh phí", "Tiến độ", "_PlanTracker"])
      expect([sheet, cellsOf(second, sheet)]).toEqual([sheet, cellsOf(wb, sheet)]);
  });
});

describe("a re-run keeps the clerk's entries on the items sheet", () => {
  let out = "";
  beforeAll(async () => {
    const plan = await writeLayout(COUNTS, "entries.xlsx");
    out = join(tmp.dir, "entries.tracker.xlsx");
    expect((await runTrack({ plan, output: out, asOf: "2024-05-02" })).code).toBe(0);
    // The clerk's entries, on C5 (Quý I) and D5 (Quý II) of "Tin hoạt động", and on E4.
    const wb = await book(out);
    const ws = wb.getWorksheet(ITEMS)!;
    expect(valueOf(wb, ITEMS, "B6")).toBe("C5");
    expect(valueOf(wb, ITEMS, "B7")).toBe("D5");
    ws.getCell("J6").value = "Đã phát sóng";
    ws.getCell("K6").value = new Date(Date.UTC(2024, 2, 20));
    ws.getCell("L6").value = 6000000;
    ws.getCell("M6").value = "phát 2 lần";
    ws.getCell("J7").value = "Đang thực hiện";
    ws.getCell("J5").value = "Hoãn";
    // Meanwhile the plan changes: a new item before them (Quý II of the first topic), and the
    // Quý III count of the first topic is deleted.
    const kh = wb.getWorksheet("KH")!;
    kh.getCell("D4").value = "x";
    kh.getCell("E4").value = null;
    await wb.xlsx.writeFile(out);
    expect((await runTrack({ plan: out, inPlace: true, asOf: "2024-05-02" })).code).toBe(0);
  });

  it("writes each entry back on its item's row, however the rows moved", async () => {
    const wb = await book(out);
    const rows = [4, 5, 6, 7, 8, 9].map((r) =>
      ["B", "J", "K", "L", "M"].map((c) => valueOf(wb, ITEMS, `${c}${r}`)),
    );
    expect(rows).toEqual([
      ["C4", null, null, null, null],
      ["D4", null, null, null, null],
      ["C5", "Đã phát sóng", new Date(Date.UTC(2024, 2, 20)), 6000000, "phát 2 lần"],
      ["D5", "Đang thực hiện", null, null, null],
      ["E5", null, null, null, null],
      ["F5", null, null, null, null],
    ]);
  });

  it("keeps the entry of the deleted cell at the end, reported, and reads the rest", async () => {
    const wb = await book(out);
    expect(valueOf(wb, ITEMS, "B12")).toBe("(E4)");
    expect(valueOf(wb, ITEMS, "C12")).toBe("Phóng sự cải cách hành chính");
    expect(valueOf(wb, ITEMS, "J12")).toBe("Hoãn");
    const r = await cli(["check", out, "--json", "--as-of", "2024-05-02"]);
    const json = JSON.parse(r.stdout) as {
      items: {
        cell: string;
        status: string | null;
        airedOn: string | null;
        spentVnd: number | null;
      }[];
      diagnostics: { sheet: string; cell: string; code: string }[];
      layout: { matrix: { orphans: number; itemsSheet: string } };
    };
    expect(json.items.map((i) => [i.cell, i.status, i.airedOn, i.spentVnd])).toEqual([
      ["C4", null, null, null],
      ["D4", null, null, null],
      ["C5", "Đã phát sóng", "2024-03-20", 6000000],
      ["D5", "Đang thực hiện", null, null],
      ["E5", null, null, null],
      ["F5", null, null, null],
    ]);
    expect(json.diagnostics.map((d) => [d.sheet, d.cell, d.code])).toEqual([
      [ITEMS, "J12", "items.orphan-entry"],
    ]);
    expect(json.layout.matrix).toMatchObject({ orphans: 1, itemsSheet: ITEMS });
  });

  it("counts the entries in the summaries", async () => {
    const wb = await book(out);
    expect(valueOf(wb, "Tiến độ", "C5")).toBe(2);
    expect(valueOf(wb, "Kinh phí", "B7")).toBe(6000000);
    expectCachedMatches(await recomputeWorkbook(out, { today: "2024-05-02" }));
  });
});

describe("evidence for payment on the items sheet (issue 13 §3)", () => {
  let out = "";
  const day = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
  beforeAll(async () => {
    const plan = await writeLayout(COUNTS, "evidence.xlsx");
    out = join(tmp.dir, "evidence.tracker.xlsx");
    expect((await runTrack({ plan, output: out, asOf: "2024-05-02" })).code).toBe(0);
    const wb = await book(out);
    const ws = wb.getWorksheet(ITEMS)!;
    expect(["R3", "S3", "T3", "U3", "V3"].map((a) => ws.getCell(a).value)).toEqual([
      "Link / lưu trữ",
      "Số biên bản nghiệm thu",
      "Ngày nghiệm thu",
      "Số hóa đơn",
      "Ngày thanh toán",
    ]);
    // C5 (Quý I of "Tin hoạt động"): aired, accepted, paid. D5: a payment date, no acceptance.
    expect(valueOf(wb, ITEMS, "B6")).toBe("C5");
    ws.getCell("J6").value = "Đã phát sóng";
    ws.getCell("K6").value = day(2024, 3, 20);
    ws.getCell("L6").value = 6000000;
    ws.getCell("R6").value = "https://drive.example.vn/tin-quy-1";
    ws.getCell("S6").value = "03/BBNT";
    ws.getCell("T6").value = day(2024, 3, 25);
    ws.getCell("U6").value = "0000456";
    ws.getCell("V6").value = day(2024, 4, 5);
    ws.getCell("V7").value = day(2024, 4, 20);
    // E4 (Quý III of the first topic): a record number; its cell is then deleted from the plan.
    expect(valueOf(wb, ITEMS, "B5")).toBe("E4");
    ws.getCell("S5").value = "09/BBNT";
    wb.getWorksheet("KH")!.getCell("E4").value = null;
    await wb.xlsx.writeFile(out);
    expect((await runTrack({ plan: out, inPlace: true, asOf: "2024-05-02" })).code).toBe(0);
  });

  it("keeps each item's evidence on its row, and an orphan's at the end", async () => {
    const wb = await book(out);
    const row = (r: number): unknown[] =>
      ["B", "R", "S", "T", "U", "V"].map((c) => valueOf(wb, ITEMS, `${c}${r}`));
    expect(row(5)).toEqual([
      "C5",
      "https://drive.example.vn/tin-quy-1",
      "03/BBNT",
      day(2024, 3, 25),
      "0000456",
      day(2024, 4, 5),
    ]);
    expect(row(6)).toEqual(["D5", null, null, null, null, day(2024, 4, 20)]);
    expect(row(11)).toEqual(["(E4)", null, "09/BBNT", null, null, null]);
  });

  it("reads it in check --json and warns at the items sheet's cell", async () => {
    const r = await cli(["check", out, "--json", "--as-of", "2024-05-02"]);
    const json = JSON.parse(r.stdout) as {
      items: Record<string, unknown>[];
      diagnostics: { sheet: string; cell: string; code: string }[];
    };
    expect(json.items.find((i) => i.cell === "C5")).toMatchObject({
      evidence: "https://drive.example.vn/tin-quy-1",
      acceptanceNo: "03/BBNT",
      acceptedOn: "2024-03-25",
      invoice: "0000456",
      paidOn: "2024-04-05",
    });
    expect(json.diagnostics.map((d) => [d.sheet, d.cell, d.code])).toEqual(
      expect.arrayContaining([[ITEMS, "V6", "paidOn.without-acceptance"]]),
    );
  });

  it("counts it on the Budget sheet, with cached values HyperFormula confirms", async () => {
    const wb = await book(out);
    const ws = wb.getWorksheet("Kinh phí")!;
    let total = 0;
    for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === "Cộng / Total") total = r;
    // Accepted: C5's 6 000 000 spent; paid: C5 and D5 (no spending, no planned amount: 0).
    expect(["F", "G"].map((c) => valueOf(wb, "Kinh phí", `${c}${total}`))).toEqual([
      6000000, 6000000,
    ]);
    expectCachedMatches(await recomputeWorkbook(out, { today: "2024-05-02" }));
  });
});

describe("summary and rollup of a matrix tracker", () => {
  it("read the items sheet's entries: done items counted, no 'not a tracker yet' note", async () => {
    const plan = await writeLayout(COUNTS, "summary.xlsx");
    const out = join(tmp.dir, "summary.tracker.xlsx");
    expect((await runTrack({ plan, output: out, asOf: "2024-05-02" })).code).toBe(0);
    const wb = await book(out);
    // Quý I of "Tin hoạt động" (02 tin, row 6) aired.
    wb.getWorksheet(ITEMS)!.getCell("J6").value = "Đã phát sóng";
    wb.getWorksheet(ITEMS)!.getCell("K6").value = new Date(Date.UTC(2024, 2, 28));
    await wb.xlsx.writeFile(out);

    const xlsx = join(tmp.dir, "summary.summary.xlsx");
    const s = await cli(["summary", out, "--xlsx", xlsx, "--as-of", "2024-05-02"]);
    expect(s.code).toBe(0);
    const summary = await book(xlsx);
    expect(summary.worksheets.map((w) => w.name)).toEqual(["Báo cáo kỳ", "Tiến độ", "Kinh phí"]);
    // Quý I: 1 + 2 planned, 2 aired.
    expect(["B5", "C5"].map((a) => valueOf(summary, "Tiến độ", a))).toEqual([3, 2]);

    const rollup = join(tmp.dir, "rollup.xlsx");
    const r = await cli(["rollup", out, "-o", rollup, "--as-of", "2024-05-02", "--lang", "en"]);
    expect(r.code).toBe(0);
    const rolled = await book(rollup);
    const row = rolled.worksheets[0]!.getRow(5).values as unknown[];
    // Planned 3 + 9 products, 2 aired.
    expect(row.slice(3, 5)).toEqual([12, 2]);
  });
});

describe("the key follows the topic when Excel moves it", () => {
  it("an entry stays with its topic after a row is inserted above it in the plan", async () => {
    const plan = await writeLayout(COUNTS, "moved.xlsx");
    const out = join(tmp.dir, "moved.tracker.xlsx");
    expect((await runTrack({ plan, output: out, asOf: "2024-05-02" })).code).toBe(0);
    const wb = await book(out);
    const ws = wb.getWorksheet(ITEMS)!;
    ws.getCell("J6").value = "Đã phát sóng";
    // What Excel does when the clerk inserts a topic at row 4: the rows move down and every
    // reference into them follows (exceljs does not adjust other sheets' formulas: done here).
    const kh = wb.getWorksheet("KH")!;
    kh.spliceRows(4, 0, [3, "Tọa đàm mới chèn thêm", "x"]);
    for (let r = 4; r <= 9; r++)
      for (const c of ["B", "C", "E", "H"]) {
        const cell = ws.getCell(`${c}${r}`);
        const v = cell.value as { formula?: string; result?: unknown } | null;
        if (v && typeof v === "object" && typeof v.formula === "string")
          cell.value = {
            formula: v.formula.replace(/KH!\$([A-Z]+)\$(\d+)/g, (_m, col: string, row: string) =>
              Number(row) >= 4 ? `KH!$${col}$${Number(row) + 1}` : `KH!$${col}$${row}`,
            ),
            result: v.result,
          } as ExcelJS.CellFormulaValue;
      }
    await wb.xlsx.writeFile(out);
    expect((await runTrack({ plan: out, inPlace: true, asOf: "2024-05-02" })).code).toBe(0);
    const back = await book(out);
    const status = [4, 5, 6, 7, 8, 9, 10].map((r) => [
      valueOf(back, ITEMS, `B${r}`),
      valueOf(back, ITEMS, `C${r}`),
      valueOf(back, ITEMS, `J${r}`),
    ]);
    expect(status).toContainEqual(["C6", "Tin hoạt động của huyện", "Đã phát sóng"]);
    expect(status.filter((s) => s[2] !== null)).toHaveLength(1);
    expect(status[0]).toEqual(["C4", "Tọa đàm mới chèn thêm", null]);
  });
});

describe("an items sheet someone changed outside the entry columns", () => {
  it("is kept as '(đã sửa)', and the entries are carried over to the fresh one", async () => {
    const plan = await writeLayout(COUNTS, "edited.xlsx");
    const out = join(tmp.dir, "edited.tracker.xlsx");
    expect((await runTrack({ plan, output: out, asOf: "2024-05-02" })).code).toBe(0);
    const wb = await book(out);
    const ws = wb.getWorksheet(ITEMS)!;
    ws.getCell("J4").value = "Hủy";
    // Column W: right of the last column the tool writes (R–V are the evidence, the clerk's).
    ws.getCell("W4").value = "Phòng VH: đã duyệt";
    await wb.xlsx.writeFile(out);
    const r = await runTrack({ plan: out, inPlace: true, asOf: "2024-05-02" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`giữ lại với tên "${ITEMS} (đã sửa)"`);
    const back = await book(out);
    expect(valueOf(back, `${ITEMS} (đã sửa)`, "W4")).toBe("Phòng VH: đã duyệt");
    expect(valueOf(back, ITEMS, "J4")).toBe("Hủy");
    expect(valueOf(back, ITEMS, "W4")).toBeNull();
    // Filling in the entry columns is what the sheet is for: no copy then.
    back.getWorksheet(ITEMS)!.getCell("J5").value = "Đã phát sóng";
    await back.xlsx.writeFile(out);
    const again = await runTrack({ plan: out, inPlace: true, asOf: "2024-05-02" });
    expect(again.stdout).not.toContain("đã sửa");
  });

  it("a sheet of the clerk's own with that name is never read as the tracker's, and is kept", async () => {
    const path = join(tmp.dir, "own-sheet.xlsx");
    const wb = new ExcelJS.Workbook();
    const kh = wb.addWorksheet("KH");
    for (const [a, v] of Object.entries(COUNTS.cells)) kh.getCell(a).value = v;
    const own = wb.addWorksheet(ITEMS);
    own.getCell("B4").value = "C4";
    own.getCell("J4").value = "Đã phát sóng";
    await wb.xlsx.writeFile(path);
    const r = await checkPath(path);
    expect(r.plan.items.every((i) => i.status === null)).toBe(true);
    const out = join(tmp.dir, "own-sheet.tracker.xlsx");
    const t = await runTrack({ plan: path, output: out, asOf: "2024-05-02" });
    expect(t.code).toBe(0);
    const back = await book(out);
    expect(valueOf(back, `${ITEMS} (đã sửa)`, "J4")).toBe("Đã phát sóng");
    expect(valueOf(back, ITEMS, "J4")).toBeNull();
  });
});
