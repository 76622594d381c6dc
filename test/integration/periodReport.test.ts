/**
 * The demo's Quý III/2023 results report (as of 20/09/2023, NĐ 09/2019 windows: 15/06–14/09)
 * through the CLI: `summary` with and without --period, its errors, the PDF's new blocks read back
 * with pdftotext, the period sheet of summary.xlsx, and a tracker whose clerk switched to calendar
 * quarters and named the signer on "Cài đặt".
 */
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { workbookData } from "../../src/adapters/exceljs/readWorkbook";
import { checkWorkbook, type CheckResult } from "../../src/domain/check";
import { summaryReport } from "../../src/domain/summary/report";
import { loadXlsx } from "../../src/node/readXlsx";
import { cli, STACK_TRACE } from "../helpers/cli";
import { tempDir } from "../helpers/xlsx";

function pdfText(pdf: string): string {
  try {
    return execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"], { encoding: "utf8" })
      .normalize("NFC")
      .replace(/\u00a0/g, " ");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT")
      throw new Error("pdftotext is not installed: apt-get install -y poppler-utils");
    throw err;
  }
}

function pages(pdf: string): number {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
}

/** Whitespace-insensitive: pdftotext -layout spaces columns out. */
const squash = (t: string): string => t.replace(/\s+/g, " ");

describe("the demo's Quý III results report", () => {
  const tmp = tempDir("pt-period-");
  afterAll(() => tmp.cleanup());
  const tracker = (): string => join(tmp.dir, "tracker.xlsx");
  let check: CheckResult;

  beforeAll(async () => {
    const demo = await cli(["demo", "--out", tmp.dir]);
    expect(demo.code).toBe(0);
    const { workbook } = await loadXlsx(tracker());
    check = checkWorkbook(workbookData(workbook), { today: "2023-09-20" });
  }, 60_000);

  it("holds the Quý III window's figures", () => {
    const r = summaryReport(check, "vi");
    expect(r.period.label).toBe("Quý III/2023");
    expect([r.period.window.start, r.period.window.end]).toEqual(["2023-06-15", "2023-09-14"]);
    const f = r.figures.period;
    // Aired 12/09: "Đẩy mạnh trồng rừng…", planned for Quý III, reported in this window.
    expect(f.doneItems.map((i) => i.row)).toEqual([10]);
    // Due 30/06 (Quý II items): in this window under NĐ 09, not done → overdue, moved on.
    expect(f.carriedOver.map((i) => i.row)).toEqual([8, 9]);
    expect(f.overdue.map((i) => i.row)).toEqual([8, 9]);
    expect(f.slipped.map((s) => [s.item.row, s.kind, s.daysLate])).toEqual([
      [8, "carried", 82],
      [9, "carried", 82],
    ]);
    // Row 8's 5.000.000 (due 30/06, no air date) and row 10's 15.000.000.
    expect([f.spent, f.spentYearToDate]).toEqual([20_000_000, 66_500_000]);
    expect(r.number).toBe("Số: …/BC-UBND");
    expect(r.signer).toEqual({ authority: ["TM. ỦY BAN NHÂN DÂN"], title: "CHỦ TỊCH", name: null });
  });

  it("`summary` defaults to the latest closed period and says which", async () => {
    const pdf = join(tmp.dir, "q3.pdf");
    const xlsx = join(tmp.dir, "q3.xlsx");
    const r = await cli(["summary", tracker(), "--pdf", pdf, "--xlsx", xlsx]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("báo cáo kết quả Quý III/2023 (tính đến 2023-09-20)");
    expect(pages(pdf)).toBe(1);
    const text = squash(pdfText(pdf));
    for (const s of [
      "Số: …/BC-UBND",
      "Quý III/2023",
      "(Số liệu từ ngày 15/06/2023 đến ngày 14/09/2023, kỳ báo cáo theo Nghị định 09/2019/NĐ-CP)",
      "Sản phẩm chưa hoàn thành trong kỳ, chuyển sang kỳ sau",
      "Đẩy mạnh cải cách hành chính Quý II/2023 30/06/2023 Chưa thực hiện, trễ 82 ngày",
      "Đã chi trong kỳ 20.000.000 đ",
      "Bằng chữ: Hai mươi triệu đồng.",
      "Lũy kế từ đầu năm 66.500.000 đ",
      "TM. ỦY BAN NHÂN DÂN",
    ])
      expect(text).toContain(s);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Báo cáo kỳ", "Tiến độ", "Kinh phí"]);
    const sheet = wb.getWorksheet("Báo cáo kỳ")!;
    const byLabel = new Map<string, ExcelJS.CellValue>();
    sheet.eachRow((row) => byLabel.set(row.getCell(1).text, row.getCell(2).value));
    expect(sheet.getCell("A1").text).toBe("BÁO CÁO KẾT QUẢ QUÝ III/2023 — Results report, Q3 2023");
    expect(byLabel.get("Phát sóng trong kỳ (sản phẩm) / Aired in the period (items)")).toBe(1);
    expect(byLabel.get("Chuyển kỳ sau (mục) / Moved to a later quarter (rows)")).toBe(2);
    expect(byLabel.get("Đã chi trong kỳ / Spent in the period")).toBe(20_000_000);
    expect(byLabel.get("Bằng chữ / In words")).toBe("Hai mươi triệu đồng");
    expect(byLabel.get("Lũy kế từ đầu năm / Year to date")).toBe(66_500_000);
    // The slipped list: tracker row, title, plan quarter, due date (a real date).
    const slipped: ExcelJS.CellValue[][] = [];
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 8 || row.getCell(1).value === 9)
        slipped.push([1, 3, 4, 6].map((c) => row.getCell(c).value));
    });
    expect(slipped).toEqual([
      [8, "Quý II/2023", new Date(Date.UTC(2023, 5, 30)), 82],
      [9, "Quý II/2023", new Date(Date.UTC(2023, 5, 30)), 82],
    ]);
  });

  it.each([
    ["q1", "Quý I/2023", "từ ngày 15/12/2022 đến ngày 14/03/2023"],
    ["H1", "6 tháng đầu năm 2023", "từ ngày 15/12/2022 đến ngày 14/06/2023"],
    ["9m", "9 tháng đầu năm 2023", "từ ngày 15/12/2022 đến ngày 14/09/2023"],
    ["Y", "năm 2023", "từ ngày 15/12/2022 đến ngày 14/12/2023"],
  ])("--period %s → %s (%s), one page", async (period, label, window) => {
    const pdf = join(tmp.dir, `p-${period}.pdf`);
    const r = await cli(["summary", tracker(), "--pdf", pdf, "--period", period]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`báo cáo kết quả ${label} `);
    expect(pages(pdf)).toBe(1);
    expect(squash(pdfText(pdf))).toContain(`(Số liệu ${window}, kỳ báo cáo theo Nghị định`);
  });

  it("--period Q1: 11/03 is in the window, 28/03 is in Quý II's", () => {
    const f = summaryReport(check, "vi", { period: "Q1" }).figures.period;
    expect(f.doneItems.map((i) => [i.row, i.airedOn])).toEqual([[5, "2023-03-11"]]);
    const q2 = summaryReport(check, "vi", { period: "Q2" }).figures.period;
    expect(q2.doneItems.map((i) => [i.row, i.airedOn])).toEqual([
      [6, "2023-03-28"],
      [7, "2023-04-17"],
    ]);
  });

  it("English: --lang en names the period in English", async () => {
    const pdf = join(tmp.dir, "en.pdf");
    const r = await cli(["summary", tracker(), "--pdf", pdf, "--period", "Q2", "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Results report for Q2 2023 written (as of 2023-09-20)");
    const text = squash(pdfText(pdf));
    expect(text).toContain("No. …/BC-UBND");
    expect(text).toContain(
      "(Figures from 15/03/2023 to 14/06/2023, periods of Decree 09/2019/NĐ-CP)",
    );
  });

  it.each([
    [
      "Q5",
      "vi",
      /--period "Q5" không hợp lệ: dùng Q1, Q2, Q3, Q4 \(quý\), H1 \(6 tháng đầu năm\), 9M \(9 tháng\), Y \(cả năm\)/,
    ],
    [
      "Quý III",
      "en",
      /--period "Quý III" is not valid: use Q1, Q2, Q3, Q4 \(quarters\), H1 \(first half\), 9M \(nine months\), Y \(year\)/,
    ],
    ["", "en", /--period "" is not valid/],
  ])("--period %j exits 2 with the valid values (%s)", async (period, lang, message) => {
    const pdf = join(tmp.dir, "never.pdf");
    const r = await cli(["summary", tracker(), "--pdf", pdf, "--period", period, "--lang", lang]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stdout).toBe("");
  });

  it("follows the clerk's settings: calendar quarters, a number and a named signer", async () => {
    const edited = join(tmp.dir, "edited.xlsx");
    copyFileSync(tracker(), edited);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(edited);
    const ws = wb.getWorksheet("Cài đặt")!;
    const set = (label: string, value: string | number): void => {
      let done = false;
      ws.eachRow((row) => {
        if (row.getCell(1).text.startsWith(label)) {
          row.getCell(2).value = value;
          done = true;
        }
      });
      if (!done) throw new Error(`no row ${label}`);
    };
    set("Kỳ báo cáo", "Quý dương lịch");
    set("Số báo cáo", 125);
    set("Thẩm quyền ký", "TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH");
    set("Chức vụ người ký", "Phó Chủ tịch");
    set("Họ tên người ký", "Nguyễn Văn An");
    await wb.xlsx.writeFile(edited);

    const pdf = join(tmp.dir, "edited.pdf");
    const r = await cli(["summary", edited, "--pdf", pdf]);
    expect(r.code).toBe(0);
    // Calendar Quý III closes on 30/09: on 20/09 the latest closed is Quý II.
    expect(r.stdout).toContain("báo cáo kết quả Quý II/2023 ");
    expect(pages(pdf)).toBe(1);
    const text = pdfText(pdf);
    const lines = text.split("\n").map((l) => l.trim());
    expect(squash(text)).toContain("Số: 125/BC-UBND");
    expect(squash(text)).toContain(
      "(Số liệu từ ngày 01/04/2023 đến ngày 30/06/2023, theo quý dương lịch)",
    );
    // The signer block, each line under the one before, room to sign, the name last.
    const at = (s: string): number => lines.findIndex((l) => l.endsWith(s));
    const order = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"].map(at);
    expect(order[0]).toBeGreaterThan(0);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(new Set(order).size).toBe(4);
  });
});
