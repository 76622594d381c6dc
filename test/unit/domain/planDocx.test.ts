/**
 * Plan documents whose schedule is a Word table (issue 12): each table goes through the worksheet
 * reader, and the items come out with their cells' text as written. The tables are real
 * WordprocessingML (w:tbl, w:gridSpan, w:vMerge) built in code; the text is what the converter
 * gives for the same document (its paragraphs, table cells included).
 */
import fc from "fast-check";
import type { CellValue } from "../../../src/domain/cell";
import { checkWorkbook } from "../../../src/domain/check";
import { parsePlanDocx, sourceIssue, mainDocumentPath } from "../../../src/domain/planDocx";
import { planWorkbookLayout } from "../../../src/domain/planWorkbook";
import { documentXmlOf, paragraphsXml, tableXml, type DocxCell } from "../../helpers/docx";
import { book, sheet } from "../../helpers/grid";

const UNIT = "Trung tâm VH-TT-DL&TT";
const TITLE = "KẾ HOẠCH\nTuyên truyền trên sóng phát thanh - truyền hình năm 2024";

/** The text a converter gives for the body: each paragraph and each table cell on its line. */
function textOf(paragraphs: string, tables: readonly (readonly DocxCell[])[][]): string {
  const cells = tables.flatMap((rows) =>
    rows.flatMap((r) =>
      r.map((c) => (c === null ? "" : typeof c === "string" ? c : (c.text ?? ""))),
    ),
  );
  return [paragraphs, ...cells].join("\n\n");
}

function docx(paragraphs: string, ...tables: (readonly DocxCell[])[][]) {
  const body = paragraphsXml(paragraphs) + tables.map((t) => tableXml(t)).join(paragraphsXml(""));
  return parsePlanDocx({ text: textOf(paragraphs, tables), documentXml: documentXmlOf(body) });
}

const V = { vMerge: "continue" } as const;
const start = (text: string) => ({ text, vMerge: "restart" as const });

/** A district schedule as offices lay it out in Word: merged two-row header, sections, totals. */
const DISTRICT: DocxCell[][] = [
  [
    start("STT"),
    start("Nội dung"),
    start("Thời gian"),
    { text: "Sản phẩm", span: 2 },
    start("Đơn vị thực hiện"),
    start("Kinh phí (đồng)"),
    start("Ghi chú"),
  ],
  [V, V, V, "Số lượng", "Thời lượng", V, V, V],
  ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
  ["I", { text: "QUÝ I", span: 7 }],
  [
    "1",
    "Kỷ niệm 09 năm Ngày thành lập huyện 11/03/2024",
    "",
    "01 phóng sự",
    "05 phút",
    start(UNIT),
    "15.000.000",
    "",
  ],
  ["2", "Tuyên truyền phòng chống cháy rừng", "", "02 tin", "03 phút", V, "6.000.000", "Phát lại"],
  [{ text: "Cộng quý I", span: 6 }, "21.000.000", ""],
  ["II", { text: "Quý II/2024", span: 7 }],
  ["3", "Tuyên truyền kỷ niệm các ngày lễ lớn", "", "", "", "", "", ""],
  ["3.1", "Kỷ niệm Ngày Giải phóng miền Nam", "", "01 phóng sự", "05 phút", UNIT, "15.000.000", ""],
  [
    "3.2",
    "Kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh",
    "",
    "03 tin, bài",
    "03 phút",
    UNIT,
    "9.000.000",
    "",
  ],
  ["III", { text: "QUÝ III-IV", span: 7 }],
  ["4", "Tọa đàm tổng kết năm", "Tháng 12", "01 tọa đàm", "30 phút", UNIT, "20.000.000", ""],
  [{ text: "Tổng cộng", span: 2 }, "", "", "", "", "60.000.000", ""],
];

describe("a district schedule written as a Word table", () => {
  const result = docx(TITLE, DISTRICT);

  it("reads the five items with their cells as written, and their sections' periods", () => {
    expect(
      result.document.items.map((i) => [
        i.sourceLine,
        i.periodText,
        i.title,
        i.countText,
        i.durationText,
        i.unit,
        i.budgetText,
        i.notesText,
      ]),
    ).toEqual([
      [
        5,
        "QUÝ I",
        "Kỷ niệm 09 năm Ngày thành lập huyện 11/03/2024",
        "01 phóng sự",
        "05 phút",
        UNIT,
        "15.000.000",
        null,
      ],
      [
        6,
        "QUÝ I",
        "Tuyên truyền phòng chống cháy rừng",
        "02 tin",
        "03 phút",
        UNIT,
        "6.000.000",
        "Phát lại",
      ],
      [
        10,
        "Quý II/2024",
        "Kỷ niệm Ngày Giải phóng miền Nam",
        "01 phóng sự",
        "05 phút",
        UNIT,
        "15.000.000",
        null,
      ],
      [
        11,
        "Quý II/2024",
        "Kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh",
        "03 tin, bài",
        "03 phút",
        UNIT,
        "9.000.000",
        null,
      ],
      [13, "Tháng 12", "Tọa đàm tổng kết năm", "01 tọa đàm", "30 phút", UNIT, "20.000.000", null],
    ]);
    expect(result.document.items.every((i) => i.sourceTable === 1)).toBe(true);
  });

  it("keeps the title and year from the text, and says the table was used", () => {
    expect(result.document.title).toBe(
      "Kế hoạch tuyên truyền trên sóng phát thanh - truyền hình năm 2024",
    );
    expect(result.document.year).toBe(2024);
    expect(result.source).toEqual({
      kind: "tables",
      tables: [
        {
          index: 1,
          items: 5,
          headerRows: { first: 1, last: 2 },
          sections: 3,
          totals: 2,
          headings: 1,
        },
      ],
      textItems: 0,
    });
    expect(sourceIssue(result.source).text.vi).toBe(
      "Lịch thực hiện đọc từ bảng 1 (5 mục; tiêu đề hàng 1–2, 3 dòng phần (thời gian), 1 đề mục, 2 dòng tổng bỏ qua) của văn bản.",
    );
  });

  it("says where the total disagrees with its items, since the workbook will not hold the total row", () => {
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([["total.mismatch", "warning"]]);
    expect(result.issues[0]!.text.en).toMatch(
      /^Table 1, cell G14: The total row says budget \(vnd\) 60,000,000 VND but the items on rows 5–13 add up to 65,000,000 VND/,
    );
  });

  it("writes a standard plan workbook that check reads into the same items, periods and money", () => {
    const check = checkWorkbook(book(sheet("Kế hoạch", gridOf(result.document))), {
      today: "2024-01-15",
    });
    expect(check.plan.planYear).toBe(2024);
    expect(
      check.plan.items.map((i) => [
        i.periodText,
        i.quarter,
        i.dueDate,
        i.count,
        i.type,
        i.durationMinutes,
        i.budgetVnd,
      ]),
    ).toEqual([
      ["QUÝ I", 1, "2024-03-11", 1, "phóng sự", 5, 15000000],
      ["QUÝ I", 1, "2024-03-31", 2, "tin", 3, 6000000],
      ["Quý II/2024", 2, "2024-06-30", 1, "phóng sự", 5, 15000000],
      ["Quý II/2024", 2, "2024-06-30", 3, "tin", 3, 9000000],
      ["Tháng 12", 4, "2024-12-31", 1, "tọa đàm", 30, 20000000],
    ]);
    expect(check.summary.errors).toBe(0);
  });
});

/** The standard plan workbook import writes, as a grid. */
function gridOf(doc: Parameters<typeof planWorkbookLayout>[0], year: number | null = null) {
  const rows: CellValue[][] = [];
  for (const c of planWorkbookLayout(doc, year).sheets[0]!.cells)
    (rows[c.row - 1] ??= [])[c.col - 1] = c.value ?? null;
  return Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null));
}

describe("other table shapes", () => {
  it("gives a unit merged down to each item, and a budget merged over two items once, flagged", () => {
    const result = docx(TITLE, [
      ["Nội dung", "Thời gian", "Đơn vị thực hiện", "Kinh phí"],
      ["Tin A", "Quý I/2024", start(UNIT), start("10.000.000")],
      ["Tin B", "Quý II/2024", V, V],
      ["Tin C", "Quý III/2024", V, "4.000.000"],
    ]);
    expect(result.document.items.map((i) => [i.title, i.unit, i.budgetText])).toEqual([
      ["Tin A", UNIT, "10.000.000"],
      ["Tin B", UNIT, null],
      ["Tin C", UNIT, "4.000.000"],
    ]);
    expect(result.issues.map((i) => i.code)).toEqual(["merged.shared-amount"]);
    expect(result.issues[0]!.text.vi).toMatch(
      /^Bảng 1, ô D2: Ô kinh phí \(đồng\) gộp D2:D3 dùng chung cho các hàng 2–3/,
    );
  });

  it('reads the end column under "Thời gian" over "Bắt đầu | Kết thúc", and the year in the table\'s title row', () => {
    const result = docx("ỦY BAN NHÂN DÂN HUYỆN IA H'DRAI", [
      [{ text: "KẾ HOẠCH TUYÊN TRUYỀN NĂM 2025", span: 4 }],
      [start("Nội dung"), { text: "Thời gian", span: 2 }, start("Số lượng")],
      [V, "Bắt đầu", "Kết thúc", V],
      ["Phóng sự ngày thành lập huyện", "01/3", "11/3", "01"],
      ["Tin cải cách hành chính", "01/4", "30/6", "02"],
    ]);
    expect(result.document.items.map((i) => [i.title, i.periodText, i.countText])).toEqual([
      ["Phóng sự ngày thành lập huyện", "11/3", "01"],
      ["Tin cải cách hành chính", "30/6", "02"],
    ]);
    expect(result.document.year).toBe(2025);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([
      ["import.column-not-read", "info"],
    ]);
    expect(result.issues[0]!.text.en).toContain('Table 1, column "Thời gian › Bắt đầu"');
    // The year reaches the workbook: the checked plan reads 11/3 as 11/03/2025.
    const check = checkWorkbook(book(sheet("Kế hoạch", gridOf(result.document))), {
      today: "2025-01-15",
    });
    expect(check.plan.items.map((i) => i.dueDate)).toEqual(["2025-03-11", "2025-06-30"]);
  });

  it("takes the periods from section rows when the table has no period column", () => {
    const result = docx(TITLE, [
      ["STT", "Nội dung", "Số lượng"],
      ["I", { text: "6 THÁNG ĐẦU NĂM", span: 2 }],
      ["1", "Tin cải cách hành chính", "02 tin"],
      ["II", { text: "Quý III/2024", span: 2 }],
      ["2", "Phóng sự chuyển đổi số", "01 phóng sự"],
    ]);
    expect(result.document.items.map((i) => [i.periodText, i.title, i.countText])).toEqual([
      ["6 THÁNG ĐẦU NĂM", "Tin cải cách hành chính", "02 tin"],
      ["Quý III/2024", "Phóng sự chuyển đổi số", "01 phóng sự"],
    ]);
    expect(result.issues).toEqual([]);
  });

  it("does not take a table without a period column or section rows for a plan", () => {
    const result = docx(TITLE, [
      ["STT", "Nội dung", "Số lượng"],
      ["1", "Tin cải cách hành chính", "02 tin"],
    ]);
    expect(result.document.items).toEqual([]);
    expect(result.issues[0]?.code).toBe("header.missing-required");
    expect(result.issues[0]?.text.en).toMatch(
      /^Table 1, cell A1: This is not a plan sheet\. Row 1 looks like the header row but lacks a period column/,
    );
  });

  it("says which column it could not place when its values look like a field", () => {
    const result = docx(TITLE, [
      ["Nội dung", "Thời gian", "TL"],
      ["Phóng sự A", "Quý I/2024", "05 phút"],
      ["Phóng sự B", "Quý II/2024", "10 phút"],
    ]);
    expect(result.document.items).toHaveLength(2);
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([
      ["import.column-not-read", "warning"],
    ]);
    expect(result.issues[0]!.text.vi).toContain(
      'Bảng 1, cột "TL": tiêu đề không được nhận ra nhưng giá trị giống thời lượng (ô C2: "05 phút")',
    );
  });

  it("reads the items of every plan table, one after the other, and leaves layout tables alone", () => {
    const letterhead: DocxCell[][] = [
      ["ỦY BAN NHÂN DÂN HUYỆN IA H'DRAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
      ["Số: 15/KH-UBND", "Ia H'Drai, ngày 05 tháng 01 năm 2024"],
    ];
    const result = docx(
      TITLE,
      letterhead,
      [
        ["Nội dung", "Thời gian"],
        ["Tin A", "Quý I/2024"],
      ],
      [
        ["Nội dung", "Thời gian"],
        ["Tin B", "Quý III/2024"],
      ],
    );
    expect(result.document.items.map((i) => [i.sourceTable, i.title])).toEqual([
      [2, "Tin A"],
      [3, "Tin B"],
    ]);
    expect(sourceIssue(result.source).text.en).toBe(
      "The schedule was read from table 2 (1 items; header row 1), table 3 (1 items; header row 1) of the document.",
    );
  });
});

describe("text, table, or both", () => {
  const BULLETS = `${TITLE}\n- Quý I/2024:\n+ Kỷ niệm 09 năm Ngày thành lập huyện 11/03/2024 (01 phóng sự, thời lượng 05 phút).`;

  it("takes the table's items over the text's bullet lines, and says so", () => {
    const result = docx(BULLETS, [
      ["Nội dung", "Thời gian", "Số lượng"],
      ["Tin A", "Quý I/2024", "02 tin"],
      ["Tin B", "Quý II/2024", "01 tin"],
    ]);
    expect(result.document.items.map((i) => i.title)).toEqual(["Tin A", "Tin B"]);
    expect(result.source).toMatchObject({ kind: "tables", textItems: 1 });
    expect(sourceIssue(result.source).text.vi).toContain(
      "Các dòng lịch trong phần văn bản (1 mục) không được dùng: bảng được ưu tiên.",
    );
  });

  it("reads the bullet lines when the only table is the letterhead", () => {
    const result = docx(BULLETS, [
      ["ỦY BAN NHÂN DÂN HUYỆN IA H'DRAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ]);
    expect(result.document.items.map((i) => [i.periodText, i.countText, i.durationText])).toEqual([
      ["Quý I/2024", "01", "05 phút"],
    ]);
    expect(result.source).toEqual({ kind: "text", items: 1 });
    expect(result.issues).toEqual([]);
    expect(sourceIssue(result.source).text.en).toBe(
      "The schedule was read from the document's lines (1 items).",
    );
  });

  it("reads a quarter matrix as one item per filled period cell (a mark counts one)", () => {
    const result = docx(TITLE, [
      ["Nội dung", "Quý I", "Quý II", "Quý III", "Quý IV"],
      ["Phóng sự", "1", "", "x", ""],
    ]);
    expect(
      result.document.items.map((i) => [i.title, i.periodText, i.countText, i.sourceLine]),
    ).toEqual([
      ["Phóng sự", "Quý I", "1", 2],
      ["Phóng sự", "Quý III", null, 2],
    ]);
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("still reads the text when the document part is not XML it can read, and says so", () => {
    const result = parsePlanDocx({ text: BULLETS, documentXml: "<w:document><w:body>" });
    expect(result.document.items).toHaveLength(1);
    expect(result.issues.map((i) => i.code)).toEqual(["import.docx-tables-unreadable"]);
  });
});

describe("mainDocumentPath", () => {
  it.each([
    [null, "word/document.xml"],
    [
      `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/></Relationships>`,
      "word/document2.xml",
    ],
    [
      `<Relationships><Relationship Target="/word/document.xml" Id="r" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"/></Relationships>`,
      "word/document.xml",
    ],
    [`<Relationships/>`, "word/document.xml"],
  ])("%s → %s", (rels, path) => {
    expect(mainDocumentPath(rels)).toBe(path);
  });
});

describe("parsePlanDocx: properties", () => {
  const WORDS = [
    "STT",
    "Nội dung",
    "Thời gian",
    "Số lượng",
    "Thời lượng",
    "Sản phẩm",
    "Kinh phí",
    "Đơn vị thực hiện",
    "I",
    "1",
    "1.1",
    "QUÝ I",
    "Quý II/2024",
    "QUÝ III-IV",
    "6 THÁNG CUỐI NĂM",
    "Tổng cộng",
    "Cộng quý I",
    "02 tin",
    "05 phút",
    "15.000.000",
    "Phóng sự kỷ niệm",
    "",
  ];
  const cellArb: fc.Arbitrary<DocxCell> = fc.oneof(
    fc.constantFrom(...WORDS),
    fc.record({
      text: fc.constantFrom(...WORDS),
      span: fc.integer({ min: 1, max: 3 }),
    }),
    fc.constantFrom<DocxCell>({ vMerge: "continue" }, { text: "Trung tâm", vMerge: "restart" }),
  );
  const tableArb = fc.array(fc.array(cellArb, { minLength: 1, maxLength: 7 }), {
    minLength: 1,
    maxLength: 9,
  });

  it("never throws, and every item comes from a row of the table it names", () => {
    fc.assert(
      fc.property(fc.array(tableArb, { minLength: 1, maxLength: 3 }), (tables) => {
        const result = docx(TITLE, ...tables);
        for (const item of result.document.items) {
          const table = tables[(item.sourceTable ?? 0) - 1];
          expect(table).toBeDefined();
          expect(item.sourceLine).toBeGreaterThanOrEqual(1);
          expect(item.sourceLine).toBeLessThanOrEqual(table!.length);
        }
        expect(result.source.kind === "tables").toBe(
          result.document.items.some((i) => i.sourceTable !== undefined),
        );
      }),
      { numRuns: 200 },
    );
  });
});
