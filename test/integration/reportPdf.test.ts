/**
 * The leaders' one-page PDF for the bundled sample (demo → tracker.xlsx → check → report), read
 * back with poppler: one A4 page with the margins of Nghị định 30/2020, Tinos (Times New Roman
 * metrics) embedded, the Vietnamese headings with their diacritics, "Số: …/BC-UBND", the signer
 * block, the Quý III results and "Bằng chữ", no page number. The PDFs and 80 dpi PNGs go to
 * test/browser/screenshots/report/ for a person to look at.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { workbookData } from "../../src/adapters/exceljs/readWorkbook";
import { checkWorkbook, type CheckResult } from "../../src/domain/check";
import { formatVnd, formatVndEn } from "../../src/domain/money";
import { summaryReport, type SummaryReport } from "../../src/domain/summary/report";
import { loadReportFonts, renderReportPdfNode } from "../../src/node/reportFonts";
import { loadXlsx } from "../../src/node/readXlsx";
import { renderReportPdf, type PdfDeps } from "../../src/report/pdf";
import { cli } from "../helpers/cli";
import { tempDir } from "../helpers/xlsx";

const OUT = join(__dirname, "../browser/screenshots/report");

/** Runs a poppler tool; a missing tool fails the test with what to install (never a skip). */
function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(
        `${tool} is not installed: the PDF tests need poppler-utils (apt-get install -y poppler-utils).`,
      );
    }
    throw err;
  }
}

function pageCount(pdf: string): number {
  const m = /^Pages:\s+(\d+)$/m.exec(poppler("pdfinfo", [pdf]));
  if (!m) throw new Error(`pdfinfo printed no page count for ${pdf}`);
  return Number(m[1]);
}

/**
 * pdftotext, NFC, no-break spaces as spaces: "-layout" (the page as it looks) or "-raw" (drawing
 * order: one table row per line, a headline's label then its value).
 */
function pdfText(pdf: string, mode: "-layout" | "-raw" = "-layout"): string {
  return poppler("pdftotext", [mode, "-enc", "UTF-8", pdf, "-"])
    .normalize("NFC")
    .replace(/\u00a0/g, " ");
}

function fontRows(pdf: string): { name: string; emb: string }[] {
  const lines = poppler("pdffonts", [pdf]).split("\n");
  const rule = lines.findIndex((l) => l.startsWith("----"));
  return lines
    .slice(rule + 1)
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type… encoding emb sub uni object ID: emb is the 5th column from the end.
      return { name: cols[0] ?? "", emb: cols[cols.length - 5] ?? "" };
    });
}

interface WordBox {
  readonly text: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Every word pdftotext finds, with its box in points. */
function wordBoxes(pdf: string): WordBox[] {
  const html = poppler("pdftotext", ["-bbox", "-enc", "UTF-8", pdf, "-"]);
  const re =
    /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  return [...html.matchAll(re)].map((m) => ({
    text: m[5]!,
    x1: Number(m[1]),
    y1: Number(m[2]),
    x2: Number(m[3]),
    y2: Number(m[4]),
  }));
}

/** A4 with Nghị định 30/2020 margins: left 30 mm, right 15 mm, top and bottom 20 mm (points). */
const MM = 72 / 25.4;
const PAGE = { left: 30 * MM, right: 595.28 - 15 * MM, top: 20 * MM, bottom: 841.89 - 20 * MM };

/** No word outside the margins, and no two words drawn over each other. */
function expectTidy(pdf: string): void {
  const words = wordBoxes(pdf);
  expect(words.length).toBeGreaterThan(20);
  const outside = words.filter(
    (w) =>
      w.x1 < PAGE.left - 0.5 ||
      w.x2 > PAGE.right + 0.5 ||
      w.y1 < PAGE.top - 2 ||
      w.y2 > PAGE.bottom + 0.5,
  );
  expect(outside).toEqual([]);
  const overlaps: string[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i]!;
      const b = words[j]!;
      const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
      const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
      // More than a sliver (diacritics reach into the line above): two texts on top of each other.
      if (w > 1 && h > 0.35 * Math.min(a.y2 - a.y1, b.y2 - b.y1))
        overlaps.push(`${a.text} × ${b.text}`);
    }
  }
  expect(overlaps).toEqual([]);
}

function toPng(pdf: string, base: string): string {
  poppler("pdftoppm", ["-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, base]);
  const png = `${base}.png`;
  expect(readFileSync(png).subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  return png;
}

function write(name: string, bytes: Uint8Array): string {
  const path = join(OUT, name);
  writeFileSync(path, bytes);
  return path;
}

/** The line that starts with `label`, its cells separated by single spaces. */
function rowOf(text: string, label: string): string | undefined {
  return text
    .split("\n")
    .map((l) => l.trim().replace(/\s+/g, " "))
    .find((l) => l.startsWith(`${label} `));
}

describe("leaders' PDF report of the bundled sample", () => {
  const tmp = tempDir("pt-pdf-");
  afterAll(() => tmp.cleanup());
  let check: CheckResult;
  const reports: Partial<Record<"vi" | "en", SummaryReport>> = {};
  const pdfs: Partial<Record<"vi" | "en", string>> = {};

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const demo = await cli(["demo", "--out", tmp.dir]);
    expect(demo.stderr).toBe("");
    expect(demo.code).toBe(0);
    const { workbook } = await loadXlsx(join(tmp.dir, "tracker.xlsx"));
    check = checkWorkbook(workbookData(workbook), { today: "2023-09-20" });
    for (const lang of ["vi", "en"] as const) {
      const report = summaryReport(check, lang);
      reports[lang] = report;
      pdfs[lang] = write(`summary-${lang}.pdf`, await renderReportPdfNode(report));
    }
  });

  it("is one A4 page with Tinos (Times New Roman metrics) embedded, no Helvetica", () => {
    for (const pdf of [pdfs.vi!, pdfs.en!]) {
      expect(pageCount(pdf)).toBe(1);
      expect(poppler("pdfinfo", [pdf])).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
      const fonts = fontRows(pdf);
      expect(fonts.length).toBeGreaterThanOrEqual(3);
      for (const f of fonts) {
        expect(f.name).toMatch(/Tinos-(Regular|Bold|Italic|BoldItalic)$/);
        expect(f.emb).toBe("yes");
      }
    }
  });

  it("keeps the decree's margins: text starts 30 mm from the left and 20 mm from the top", () => {
    const words = wordBoxes(pdfs.vi!);
    const left = Math.min(...words.map((w) => w.x1));
    const top = Math.min(...words.map((w) => w.y1));
    const right = Math.max(...words.map((w) => w.x2));
    const bottom = Math.max(...words.map((w) => w.y2));
    // The table's text sits a few points inside its grid, which starts at the margin.
    expect(left).toBeGreaterThanOrEqual(PAGE.left - 0.5);
    expect(left).toBeLessThan(PAGE.left + 6);
    expect(right).toBeLessThanOrEqual(PAGE.right + 0.5);
    expect(right).toBeGreaterThan(PAGE.right - 6);
    expect(top).toBeGreaterThanOrEqual(PAGE.top - 2);
    expect(top).toBeLessThan(PAGE.top + 6);
    expect(bottom).toBeLessThanOrEqual(PAGE.bottom + 0.5);
  });

  it("has no page number on its one page (the decree numbers pages from 2)", () => {
    for (const pdf of [pdfs.vi!, pdfs.en!]) {
      const words = wordBoxes(pdf);
      // Nothing in the top margin, and along the bottom only the footer line.
      expect(words.filter((w) => w.y2 < PAGE.top)).toEqual([]);
      const footerTop = Math.max(...words.map((w) => w.y1)) - 1;
      const band = words.filter((w) => w.y2 > footerTop);
      expect(band.map((w) => w.text).join(" ")).toMatch(/^(Lập bằng|Made with) Plan Tracker .*\.$/);
      expect(band.filter((w) => /^(Trang|Page|\d+(\/\d+)?)$/.test(w.text))).toEqual([]);
    }
  });

  it("dates the document with the as-of date, not the clock", () => {
    expect(reports.vi!.asOf).toBe("2023-09-20");
    expect(poppler("pdfinfo", ["-isodates", pdfs.vi!])).toMatch(
      /CreationDate:\s+2023-09-20T00:00:00Z/,
    );
  });

  it("Vietnamese: administrative headings with diacritics and the sample's figures", () => {
    const text = pdfText(pdfs.vi!);
    const raw = pdfText(pdfs.vi!, "-raw");
    const report = reports.vi!;
    for (const heading of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "ỦY BAN NHÂN DÂN HUYỆN IA H'DRAI",
      "Số: …/BC-UBND",
      "Ia H'Drai, ngày 20 tháng 9 năm 2023",
      "BÁO CÁO",
      "Quý III/2023",
      "(Số liệu từ ngày 15/06/2023 đến ngày 14/09/2023, kỳ báo cáo theo Nghị định 09/2019/NĐ-CP)",
      "Nơi nhận:",
      "Cả năm",
      "TM. ỦY BAN NHÂN DÂN",
      "CHỦ TỊCH",
      "Bằng chữ: Hai mươi triệu đồng.",
      report.chart.title,
      report.slippedTitle,
    ]) {
      expect(text).toContain(heading);
    }
    // Nghị định 30/2020 layout: the number under the agency (left), the signer block right of
    // "Nơi nhận:", authority over title, both in the right half of the page.
    const words = wordBoxes(pdfs.vi!);
    const at = (word: string): WordBox => {
      const w = words.find((x) => x.text === word);
      if (!w) throw new Error(`no word ${word}`);
      return w;
    };
    expect(at("Số:").x2).toBeLessThan(595.28 / 2);
    expect(at("Số:").y1).toBeGreaterThan(at("IA").y2);
    expect(at("Số:").y1).toBeLessThan(at("BÁO").y1);
    const tm = at("TM.");
    const nhan = words.filter((w) => w.text === "nhận:").pop()!;
    expect(tm.x1).toBeGreaterThan(595.28 / 2);
    expect(Math.abs(tm.y1 - nhan.y1)).toBeLessThan(3);
    expect(words.filter((w) => w.text === "TỊCH").pop()!.y1).toBeGreaterThan(tm.y2);

    const { progress, budget, period } = report.figures;
    const t = progress.total;
    // The whole year stays in the per-quarter table: 4/10 aired, 2 overdue, …
    expect(`${t.done}/${t.planned}`).toBe("4/10");
    expect(t.overdue).toBe(2);
    // The period's results in the headline boxes: 1 aired in the window, 2 overdue, 2 moved on.
    expect(period.done).toBe(1);
    expect(raw).toContain(`Quá hạn\n${period.overdue.length}\n`);
    expect(raw).toContain("Chuyển kỳ sau\n2\n");
    // Every headline box: its label, then its value (split after " / " when long).
    for (const h of report.headline) {
      // A long label wraps onto a second line.
      const esc = (v: string): string => v.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      const label = h.label.split(" ").map(esc).join("[ \n]");
      const oneLine = new RegExp(`${label}\n${esc(h.value)}\n`).test(raw);
      const split = new RegExp(`${label}\n${esc(h.value).replace(" \\/ ", " \\/\n")}\n`).test(raw);
      expect({ headline: h.label, shown: oneLine || split }).toEqual({
        headline: h.label,
        shown: true,
      });
    }
    expect(text).toContain(formatVnd(budget.spent));
    expect(formatVnd(budget.spent)).toBe("66.500.000 đ");
    expect(formatVnd(period.spent)).toBe("20.000.000 đ");
    // "Bằng chữ" right under the period's spending.
    expect(raw).toContain("\nĐã chi trong kỳ 20.000.000 đ\nBằng chữ: Hai mươi triệu đồng.\n");
    expect(text).toContain(formatVnd(budget.allocation!));
    expect(text).toContain(formatVnd(budget.remaining!));

    // Every row of the per-quarter table, cell for cell, on one line.
    for (const row of report.quarterTable.rows) {
      expect(rowOf(raw, row.label)).toBe([row.label, ...row.cells].join(" "));
    }
    // What moved to a later quarter: plan quarter, due date and state of every item.
    expect(report.slipped.map((o) => [o.planQuarter, o.due, o.state])).toEqual([
      ["Quý II/2023", "30/06/2023", "Đang thực hiện, trễ 82 ngày"],
      ["Quý II/2023", "30/06/2023", "Chưa thực hiện, trễ 82 ngày"],
    ]);
    for (const o of report.slipped) {
      const line = raw.split("\n").find((l) => l.startsWith(o.title.slice(0, 24)));
      expect(line).toContain(` ${o.planQuarter} ${o.due} ${o.state} `);
    }
    for (const b of report.budget) expect(raw).toContain(`\n${b.label} ${b.value}\n`);
    // The weekly duty's quota (issue 13): the 13 weeks ending in the window, 8 with a log row.
    expect(report.quotas).toEqual([
      {
        label:
          "Cộng tác tin, phóng sự phát trên sóng Đài Phát thanh - Truyền hình tỉnh (hằng tuần, ≥ 1/tuần; 9 sản phẩm)",
        value: "8/13 tuần đạt",
        alert: true,
      },
    ]);
    expect(text).toContain(report.quotaTitle);
    expect(raw).toContain("8/13 tuần đạt");
  });

  it("English: the same body with English labels", () => {
    const text = pdfText(pdfs.en!);
    const report = reports.en!;
    for (const s of [
      "RESULTS REPORT",
      "No. …/BC-UBND",
      "Q3 2023",
      "Overdue",
      "Allocation",
      "Distribution:",
      "For the People's Committee",
      "Year",
    ]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain("CỘNG HÒA");
    expect(text).not.toContain("Bằng chữ");
    expect(report.quotas.map((q) => q.value)).toEqual(["8/13 weeks met"]);
    expect(text).toContain("Recurring quotas in the period");
    expect(text).toContain(formatVndEn(report.figures.budget.allocation!));
    expect(text).toContain(formatVndEn(report.figures.budget.spent));
    const raw = pdfText(pdfs.en!, "-raw");
    for (const row of report.quarterTable.rows) {
      expect(rowOf(raw, row.label)).toBe([row.label, ...row.cells].join(" "));
    }
  });

  it("keeps every word inside the margins and off every other word", () => {
    expectTidy(pdfs.vi!);
    expectTidy(pdfs.en!);
  });

  it("renders page 1 of each to an 80 dpi PNG for a person to look at", () => {
    for (const lang of ["vi", "en"] as const) {
      toPng(pdfs[lang]!, join(OUT, `summary-${lang}`));
    }
  });

  it("gives byte-identical output for the same report", async () => {
    const a = await renderReportPdfNode(reports.vi!);
    const b = await renderReportPdfNode(reports.vi!);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    expect(Buffer.compare(Buffer.from(a), readFileSync(pdfs.vi!))).toBe(0);
  });

  it("runs as the task pane runs it: pdfkit's standalone build and plain Uint8Array fonts", async () => {
    // pdfkit's "exports" do not list js/pdfkit.standalone.js: reach it next to the main file.
    const path = join(dirname(require.resolve("pdfkit")), "pdfkit.standalone.js");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const standalone = require(path) as PdfDeps["PDFDocument"];
    const fonts = await loadReportFonts();
    const plain = (b: Uint8Array | undefined): Uint8Array | undefined =>
      b === undefined ? undefined : new Uint8Array(b);
    const bytes = await renderReportPdf(reports.vi!, {
      PDFDocument: standalone,
      fonts: {
        regular: plain(fonts.regular)!,
        bold: plain(fonts.bold)!,
        italic: plain(fonts.italic),
      },
    });
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    const pdf = join(tmp.dir, "standalone.pdf");
    writeFileSync(pdf, bytes);
    expect(pageCount(pdf)).toBe(1);
    const text = pdfText(pdf);
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Nơi nhận:");
  });

  it("keeps a hostile report on one page: 600-char titles, emoji, RTL, markup", async () => {
    const vi = reports.vi!;
    const long = (s: string, n: number): string => s.repeat(Math.ceil(n / s.length)).slice(0, n);
    const nasty = `📺 مرحبا <img src=x onerror=alert(1)> ${long("Tuyên truyền dài ", 600)}`;
    const hostile: SummaryReport = {
      ...vi,
      agency: long("ỦY BAN NHÂN DÂN HUYỆN 📺 مرحبا ", 300),
      placeDate: long("Ia H'Drai 📺, ", 200),
      subtitle: long(`${nasty} `, 1000),
      headline: vi.headline.map((h) => ({
        ...h,
        label: nasty,
        value: `${long("9", 60)} / ${nasty}`,
      })),
      quarterTable: {
        header: vi.quarterTable.header.map((h) => `${h} ${nasty}`),
        rows: vi.quarterTable.rows.map((r) => ({
          label: `${r.label} ${nasty}`,
          cells: r.cells.map((c) => `${c}${long("8", 40)}`),
        })),
      },
      chart: {
        ...vi.chart,
        title: nasty,
        legend: [nasty, nasty],
        bars: vi.chart.bars.map((b, i) => ({
          label: nasty,
          planned: b.planned * 1e6 + i,
          done: b.done,
        })),
      },
      number: long("Số: 📺 مرحبا ", 300),
      periodLine: long(`${nasty} `, 800),
      slippedTitle: nasty,
      slippedHeader: [nasty, nasty, nasty, nasty, nasty],
      slipped: Array.from({ length: 6 }, (_, i) => ({
        title: `${i} ${nasty}\n<script>alert(1)</script>\u202e${long("x", 600)}`,
        planQuarter: nasty,
        due: nasty,
        state: long("7", 50),
        unit: long("Đơn vị 📺 مرحبا ", 500),
      })),
      slippedMore: nasty,
      budget: Array.from({ length: 6 }, (_, i) => ({
        label: nasty,
        value: long("1", 80),
        alert: i % 2 === 0,
        note: long(`Bằng chữ: ${nasty} `, 700),
      })),
      quotaTitle: nasty,
      quotas: Array.from({ length: 8 }, (_, i) => ({
        label: nasty,
        value: long("5", 60),
        alert: i % 2 === 1,
      })),
      recipients: Array.from({ length: 8 }, () => nasty),
      recipientsTitle: nasty,
      signer: {
        authority: Array.from({ length: 6 }, () => long(`TM. ${nasty} `, 300)),
        title: long(`CHỦ TỊCH ${nasty} `, 300),
        name: long(`Nguyễn Văn A ${nasty} `, 300),
      },
      footer: nasty,
    };
    const bytes = await renderReportPdfNode(hostile);
    const pdf = write("summary-hostile.pdf", bytes);
    expect(pageCount(pdf)).toBe(1);
    expectTidy(pdf);
    toPng(pdf, join(OUT, "summary-hostile"));
    const text = pdfText(pdf);
    expect(text).toContain("…");
    // Cut per cell: no extracted line is longer than a line of the page can hold.
    for (const line of text.split("\n")) expect(line.length).toBeLessThan(400);
    // Deterministic for hostile input too.
    const again = await renderReportPdfNode(hostile);
    expect(Buffer.compare(Buffer.from(bytes), Buffer.from(again))).toBe(0);
  });
});
