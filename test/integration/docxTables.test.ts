/**
 * `import <plan.docx>` on Word documents built in code (issue 12): a schedule written as a Word
 * table, with a merged two-row header, section rows, a heading over sub-items and totals, read
 * through mammoth's text and the document part, written as the standard plan workbook and checked
 * back; a bullet schedule like the bundled plan still reads as before; a document with both says
 * which it used.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parsePlanDocument, type PlanDocItem } from "../../src/domain/planDocument";
import { parsePlanDocx } from "../../src/domain/planDocx";
import { readDocx } from "../../src/node/docxText";
import { cli } from "../helpers/cli";
import { buildDocx, buildDocxBody, paragraphsXml, tableXml, type DocxCell } from "../helpers/docx";
import { tempDir } from "../helpers/xlsx";

const SAMPLE = readFileSync(join(__dirname, "../../assets/samples/ke-hoach-2023.txt"), "utf8");
const UNIT = "Đài Phát thanh - Truyền hình tỉnh";

const tmp = tempDir("pt-docx-");
afterAll(() => tmp.cleanup());
let n = 0;

function write(bytes: Buffer): string {
  const path = join(tmp.dir, `plan-${++n}.docx`);
  writeFileSync(path, bytes);
  return path;
}

const V = { vMerge: "continue" } as const;
const start = (text: string) => ({ text, vMerge: "restart" as const });

const LETTERHEAD: DocxCell[][] = [
  [
    "ỦY BAN NHÂN DÂN\nHUYỆN IA H'DRAI",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
  ],
  ["Số: 15/KH-UBND", "Ia H'Drai, ngày 05 tháng 01 năm 2024"],
];

const SCHEDULE: DocxCell[][] = [
  [
    start("TT"),
    start("Nội dung tuyên truyền"),
    { text: "Sản phẩm", span: 2 },
    start("Đơn vị thực hiện"),
    start("Kinh phí (đồng)"),
  ],
  [V, V, "Số lượng", "Thời lượng", V, V],
  ["I", { text: "QUÝ I", span: 5 }],
  [
    "1",
    "Kỷ niệm 09 năm Ngày thành lập huyện 11/03/2024",
    "01 phóng sự",
    "05 phút",
    start(UNIT),
    "15.000.000",
  ],
  ["2", "Triển khai xây dựng Nông thôn mới năm 2024", "02 tin", "03 phút", V, "6.000.000"],
  ["II", { text: "QUÝ III-IV", span: 5 }],
  [
    "3",
    "Gương điển hình tiên tiến, người tốt, việc tốt",
    "01 phóng sự",
    "05 phút",
    UNIT,
    "15.000.000",
  ],
  [{ text: "Tổng cộng", span: 4 }, "", "36.000.000"],
];

const BODY =
  paragraphsXml(
    "KẾ HOẠCH\nPhối hợp tuyên truyền trên sóng phát thanh - truyền hình năm 2024\nI. NỘI DUNG",
  ) +
  tableXml(SCHEDULE) +
  paragraphsXml("Trên đây là Kế hoạch phối hợp tuyên truyền năm 2024./.");

describe("import of a Word table schedule", () => {
  let planXlsx: string;
  let stdout: string;
  beforeAll(async () => {
    const docx = write(await buildDocxBody(tableXml(LETTERHEAD) + BODY));
    planXlsx = join(tmp.dir, "from-table.xlsx");
    const r = await cli(["import", docx, "-o", planXlsx]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    stdout = r.stdout;
  });

  it("reports the three items and that they came from the table", () => {
    expect(stdout).toContain("Đã nhập 3 mục từ");
    expect(stdout).toContain(
      "Lịch thực hiện đọc từ bảng 2 (3 mục; tiêu đề hàng 1–2, 2 dòng phần (thời gian), 1 dòng tổng bỏ qua) của văn bản.",
    );
  });

  it("writes a plan workbook that check reads exactly: periods, due dates, counts, minutes, money", async () => {
    const r = await cli(["check", planXlsx, "--json", "--as-of", "2024-01-15"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      planYear: number;
      items: Record<string, unknown>[];
      summary: unknown;
    };
    expect(json.planYear).toBe(2024);
    expect(
      json.items.map((i) => [
        i.title,
        i.periodText,
        i.dueDate,
        i.count,
        i.type,
        i.durationMinutes,
        i.unit,
        i.budgetVnd,
      ]),
    ).toEqual([
      [
        "Kỷ niệm 09 năm Ngày thành lập huyện 11/03/2024",
        "QUÝ I",
        "2024-03-11",
        1,
        "phóng sự",
        5,
        UNIT,
        15000000,
      ],
      [
        "Triển khai xây dựng Nông thôn mới năm 2024",
        "QUÝ I",
        "2024-03-31",
        2,
        "tin",
        3,
        UNIT,
        6000000,
      ],
      [
        "Gương điển hình tiên tiến, người tốt, việc tốt",
        "QUÝ III-IV",
        "2024-12-31",
        1,
        "phóng sự",
        5,
        UNIT,
        15000000,
      ],
    ]);
    expect(json.summary).toEqual({ items: 3, errors: 0, warnings: 0 });
  });

  it("prints the total that disagrees with the items on stderr, with the table's cell", async () => {
    const wrong = SCHEDULE.map((row, i) =>
      i === SCHEDULE.length - 1 ? [{ text: "Tổng cộng", span: 4 }, "", "40.000.000"] : row,
    );
    const docx = write(await buildDocxBody(paragraphsXml("KẾ HOẠCH năm 2024") + tableXml(wrong)));
    const r = await cli(["import", docx, "-o", join(tmp.dir, "wrong-total.xlsx"), "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Table 1, cell F8: The total row says budget (vnd) 40,000,000 VND");
    expect(r.stdout).toContain("The schedule was read from table 1 (3 items;");
  });
});

describe("bullet schedules in Word keep working", () => {
  it("reads the bundled plan as a .docx into the same items as the .txt (ten dated, the weekly duty), from its lines", async () => {
    const input = await readDocx(await buildDocx(SAMPLE));
    const fromDocx = parsePlanDocx(input);
    const fromTxt = parsePlanDocument(SAMPLE);
    expect(fromDocx.source).toEqual({ kind: "text", items: 10 });
    expect(fromDocx.issues).toEqual([]);
    // Line numbers differ (Word paragraphs); the weekly duty's lines too.
    const strip = (items: readonly PlanDocItem[]) =>
      items.map((i) => ({
        ...i,
        sourceLine: 0,
        ...(i.recurring ? { recurring: { lines: i.recurring.lines.length } } : {}),
      }));
    expect(strip(fromDocx.document.items)).toEqual(strip(fromTxt.document.items));
  });

  it("imports the bundled plan as a .docx with its letterhead table through the CLI", async () => {
    const body = tableXml(LETTERHEAD) + paragraphsXml(SAMPLE);
    const docx = write(await buildDocxBody(body));
    const out = join(tmp.dir, "bullets.xlsx");
    const r = await cli(["import", docx, "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Đã nhập 11 mục từ");
    expect(r.stdout).toContain("Lịch thực hiện đọc từ các dòng của văn bản (10 mục).");
    expect(r.stdout).toContain(
      'Nhiệm vụ định kỳ (hằng tuần): "Cộng tác tin, phóng sự phát trên sóng Đài Phát thanh - Truyền hình tỉnh"',
    );
  });

  it("takes a table over bullet lines in the same document and says which was used", async () => {
    const docx = write(await buildDocxBody(paragraphsXml(SAMPLE) + tableXml(SCHEDULE)));
    const r = await cli(["import", docx, "-o", join(tmp.dir, "both.xlsx"), "--lang", "en"]);
    expect(r.code).toBe(0);
    // The table's 3 items, then the weekly duty the prose states (not a schedule line).
    expect(r.stdout).toContain("Imported 4 items from");
    expect(r.stdout).toContain("Recurring duty (Hằng tuần):");
    expect(r.stdout).toContain(
      "The schedule lines in the text (10 items) were not used: the table comes first.",
    );
  });
});

describe("documents the import refuses", () => {
  it("imports a quarter matrix table as one item per filled period cell, its count from the cell and the budget once", async () => {
    const matrix: DocxCell[][] = [
      ["Nội dung", "Kinh phí", "Quý I", "Quý II", "Quý III", "Quý IV"],
      ["Phóng sự ngày thành lập huyện", "30.000.000", "1", "", "x", ""],
      ["Tin phòng chống cháy rừng", "", "", "02 tin", "", ""],
    ];
    const docx = write(await buildDocxBody(paragraphsXml("KẾ HOẠCH năm 2024") + tableXml(matrix)));
    const out = join(tmp.dir, "matrix.xlsx");
    const r = await cli(["import", docx, "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Đã nhập 3 mục");
    // The period columns are the items' periods, not columns left out.
    expect(r.stdout + r.stderr).not.toMatch(/cột "Quý/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((row: ExcelJS.Row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.flat()).toContain("KẾ HOẠCH NĂM 2024");
    const items = rows.filter((r) => typeof r[0] === "number");
    expect(items.map((r) => [r[1], r[2], r[3] ?? null, r[7] ?? null])).toEqual([
      ["Phóng sự ngày thành lập huyện", "Quý I", "1", "30.000.000"],
      ["Phóng sự ngày thành lập huyện", "Quý III", null, null],
      ["Tin phòng chống cháy rừng", "Quý II", "02 tin", null],
    ]);
  });

  it("refuses a document whose body part declares more than 64 MB before inflating it", async () => {
    const zip = await JSZip.loadAsync(await buildDocxBody(BODY));
    const part = zip.file("word/document.xml")!;
    const bytes = await zip.generateAsync({ type: "nodebuffer" });
    // Patch the central directory's uncompressed size of word/document.xml to 100 MB.
    const name = Buffer.from("word/document.xml");
    let at = -1;
    for (let i = bytes.length - 46; i >= 0; i--) {
      if (
        bytes.readUInt32LE(i) === 0x02014b50 &&
        bytes.subarray(i + 46, i + 46 + name.length).equals(name)
      ) {
        at = i;
        break;
      }
    }
    expect(at).toBeGreaterThan(0);
    bytes.writeUInt32LE(100 * 1024 * 1024, at + 24);
    expect(part.name).toBe("word/document.xml");
    const r = await cli(["import", write(bytes), "-o", join(tmp.dir, "big.xlsx"), "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("over 64 MB uncompressed");
  });
});
