/**
 * The read path of check, summary and rollup (src/node/streamRead.ts) against the full exceljs
 * load it replaces: the same WorkbookData (values, dates, formulas, merges, sheet names, order and
 * states) and the same `check --json` output or refusal, on generated plans with every kind of
 * cell, the sample tracker, generated trackers and every valid file of the corpus. Where the
 * stream reader gives up, the command reads with exceljs, so those files agree by construction:
 * the test also counts that the stream reader really read the files it should.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { importCommand } from "../../src/cli/commands/import";
import { checkJson, checkWorkbook } from "../../src/domain/check";
import { PlanTrackerError } from "../../src/domain/diagnostics";
import type { WorkbookData } from "../../src/domain/workbookData";
import { workbookData } from "../../src/adapters/exceljs/readWorkbook";
import { loadExcelJs } from "../../src/node/exceljsLoad";
import { readWorkbookData } from "../../src/node/readXlsx";
import { streamWorkbookData } from "../../src/node/streamRead";
import { inspectPackage } from "../../src/node/xlsxPackage";
import { SAMPLE_HEADER } from "../helpers/grid";
import { runTrack } from "../helpers/track";
import { tempDir } from "../helpers/xlsx";
import { CORPUS, corpusManifest, MANIFEST } from "../helpers/shared";

const AS_OF = "2023-09-20";

/** What the domain sees of a workbook, in a form `toEqual` compares exactly. */
function comparable(data: WorkbookData): unknown {
  return data.sheets.map((s) => ({
    name: s.name,
    state: s.state ?? "visible",
    rows: s.rows,
    formulas: [...(s.formulas ?? new Map<string, string>())],
    merges: s.merges ?? [],
  }));
}

type Verdict = { json: unknown } | { code: string; vi: string; en: string };

function verdictOf(read: () => WorkbookData, name: string): Verdict {
  try {
    const result = checkWorkbook(read(), { today: AS_OF, asOf: AS_OF });
    return { json: checkJson(result, name, "vi") };
  } catch (err) {
    if (err instanceof PlanTrackerError) return { code: err.code, ...err.text };
    throw err;
  }
}

async function fullLoad(bytes: Buffer, name: string): Promise<WorkbookData> {
  return workbookData(await loadExcelJs(bytes, name));
}

/**
 * Both paths on one file: same data, same check verdict. Returns whether the stream reader read
 * it (false: it handed the file to exceljs).
 */
async function expectSame(bytes: Buffer, name: string): Promise<boolean> {
  const streamed = streamWorkbookData(bytes);
  if (streamed.data === null) return false;
  let full: WorkbookData | null = null;
  let fullError: PlanTrackerError | null = null;
  try {
    full = await fullLoad(bytes, name);
  } catch (err) {
    if (!(err instanceof PlanTrackerError)) throw err;
    fullError = err;
  }
  // The stream reader never reads a file exceljs refuses: the refusal must stay the same.
  expect(fullError).toBeNull();
  const fullData = full as WorkbookData;
  expect(comparable(streamed.data)).toEqual(comparable(fullData));
  const data = streamed.data;
  expect(verdictOf(() => data, name)).toEqual(verdictOf(() => fullData, name));
  return true;
}

// ---------------------------------------------------------------------------------------------
// Generated plans with every kind of cell

const HEADER = [...SAMPLE_HEADER, "Hạn hoàn thành", "Trạng thái", "Ngày phát sóng"];

/** A plan sheet with shared and inline-able strings, rich text, dates, formulas and merges. */
function planWorkbook(rows: number, opts: { date1904?: boolean } = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  if (opts.date1904) wb.properties.date1904 = true;
  const ws = wb.addWorksheet("Kế hoạch");
  ws.getCell("A1").value = "ỦY BAN NHÂN DÂN HUYỆN IA H'DRAI";
  ws.getCell("A2").value = "KẾ HOẠCH PHỐI HỢP TUYÊN TRUYỀN NĂM 2023";
  ws.mergeCells("A2:L2");
  ws.mergeCells("A3:B3");
  HEADER.forEach((h, i) => (ws.getCell(4, i + 1).value = h));
  const periods = ["Quý I/2023", "Quý II/2023", "Quý VI/2023", "tháng 3/2023", "6 tháng đầu năm"];
  for (let i = 0; i < rows; i++) {
    const r = 5 + i;
    const row = ws.getRow(r);
    row.getCell(1).value = i + 1;
    row.getCell(2).value =
      i % 7 === 3
        ? {
            richText: [
              { text: "Kỷ niệm ", font: { bold: true } },
              { text: `ngày thành lập huyện 11/03/2023 (${i})` },
            ],
          }
        : `Phóng sự số ${i + 1} — "A & B" <tin> _x000D_ dòng\r\nhai`;
    row.getCell(3).value = periods[i % periods.length] ?? null;
    row.getCell(4).value = i % 4 === 0 ? "01" : i % 4 === 1 ? 2 : i % 4 === 2 ? true : null;
    row.getCell(5).value = i % 2 ? "phóng sự" : "tin, bài";
    row.getCell(6).value = i % 3 ? "05 phút" : 0.003472222222222222;
    row.getCell(7).value = "Trung tâm VH-TT-DL&TT";
    row.getCell(8).value =
      i % 5 === 0
        ? "15.000.000"
        : i % 5 === 1
          ? 15000000
          : i % 5 === 2
            ? { formula: `D${r}*5000000`, result: 5000000 }
            : i % 5 === 3
              ? { error: "#N/A" }
              : { formula: `H${r - 1}`, result: 0 };
    ws.getCell(r, 8).numFmt = '#,##0 "đ"';
    row.getCell(9).value = i % 6 === 0 ? "Ghi chú" : null;
    // Due dates: a date, a formula giving a date, or a shared formula.
    const due = ws.getCell(r, 10);
    due.numFmt = "dd/mm/yyyy";
    if (i === 0)
      due.value = {
        formula: "DATE(2023,3,31)",
        shareType: "shared",
        ref: `J5:J8`,
        result: new Date(Date.UTC(2023, 2, 31)),
      } as ExcelJS.CellValue;
    else if (i < 4)
      due.value = {
        sharedFormula: "J5",
        result: new Date(Date.UTC(2023, 2, 31)),
      };
    else
      due.value =
        i % 2
          ? new Date(Date.UTC(2023, 5, 30))
          : { formula: "DATE(2023,6,30)", result: new Date(Date.UTC(2023, 5, 30)) };
    row.getCell(11).value = i % 3 === 0 ? "Đã phát sóng" : null;
    const aired = ws.getCell(r, 12);
    aired.numFmt = "d/m/yyyy";
    aired.value = i % 3 === 0 ? new Date(Date.UTC(2023, 2, 1 + (i % 28))) : null;
    // Styled but empty cells, and empty styled cells in merged areas.
    ws.getCell(r, 13).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
  }
  const total = ws.getRow(5 + rows);
  total.getCell(2).value = "Tổng cộng";
  total.getCell(8).value = { formula: `SUM(H5:H${4 + rows})`, result: 123 };
  const other = wb.addWorksheet("Ẩn");
  other.state = "hidden";
  other.getCell("B2").value = "x";
  wb.addWorksheet("Trống");
  return wb;
}

describe("the stream reader reads what exceljs reads", () => {
  const { dir, cleanup } = tempDir("stream-");
  afterAll(cleanup);

  it.each([
    ["shared strings", { useSharedStrings: true }, {}],
    ["inline strings", { useSharedStrings: false }, {}],
    ["1904 dates", { useSharedStrings: true }, { date1904: true }],
  ])("a generated plan (%s)", async (_label, write, make) => {
    const bytes = Buffer.from(
      await planWorkbook(60, make).xlsx.writeBuffer(write as ExcelJS.XlsxWriteOptions),
    );
    await inspectPackage(bytes, "plan.xlsx");
    expect(await expectSame(bytes, "plan.xlsx")).toBe(true);
  });

  it("a plan with a hyperlink is read by exceljs (the stream reader does not model links)", async () => {
    const wb = planWorkbook(5);
    wb.getWorksheet("Kế hoạch")!.getCell("B5").value = {
      text: "trang",
      hyperlink: "https://example.org",
    };
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await expectSame(bytes, "link.xlsx")).toBe(false);
  });

  it("the sample tracker, and a generated tracker, read the same; check --json is the same", async () => {
    const plan = join(dir, "sample.xlsx");
    await importCommand(
      { plan: join(__dirname, "../../assets/samples/ke-hoach-2023.txt"), output: plan, lang: "vi" },
      {
        stdout: () => undefined,
        stderr: () => undefined,
        now: () => new Date(),
        cwd: dir,
        stderrIsTTY: false,
      },
    );
    const sample = await runTrack({ plan, output: join(dir, "sample.tracker.xlsx") }, { cwd: dir });
    expect(sample.code).toBe(0);
    const generated = join(dir, "generated.xlsx");
    await planWorkbook(200).xlsx.writeFile(generated);
    const tracked = await runTrack(
      { plan: generated, output: join(dir, "generated.tracker.xlsx"), forceLossy: true },
      { cwd: dir },
    );
    expect(tracked.code).toBe(0);
    for (const file of ["sample.tracker.xlsx", "generated.tracker.xlsx"]) {
      const bytes = readFileSync(join(dir, file));
      expect(await expectSame(bytes, file)).toBe(true);
      // And through the command's own read path (inspectPackage first, then the stream reader).
      const viaCommand = await readWorkbookData(join(dir, file));
      expect(comparable(viaCommand.data)).toEqual(comparable(await fullLoad(bytes, file)));
    }
  });

  const corpus = corpusManifest()
    .filter((e) => (e.expect === "ok" || e.expect === "lossy") && e.sizeBytes < 3_000_000)
    .map((e) => e.file);

  it("every valid corpus file: same data and same verdict, or read by exceljs", async () => {
    // Fail, not skip: without the corpus this comparison would prove nothing.
    if (corpus.length === 0) throw new Error(`The shared corpus is missing: expected ${MANIFEST}`);
    let streamed = 0;
    let refusedFirst = 0;
    for (const file of corpus) {
      const bytes = readFileSync(join(CORPUS, "xlsx", file));
      try {
        // Both paths run the package checks first: what they refuse never reaches a reader.
        await inspectPackage(bytes, file);
      } catch (err) {
        if (!(err instanceof PlanTrackerError)) throw err;
        refusedFirst++;
        continue;
      }
      try {
        if (await expectSame(bytes, file)) streamed++;
      } catch (err) {
        throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    // Most valid workbooks are read without exceljs (the rest fall back, agreeing by design).
    expect(streamed).toBeGreaterThan(corpus.length / 2);
    expect(streamed + refusedFirst).toBeLessThanOrEqual(corpus.length);
  }, 600_000);

  it("the corpus directory layout is what the test expects", () => {
    expect(existsSync(MANIFEST)).toBe(true);
    expect(readdirSync(join(CORPUS, "xlsx")).length).toBeGreaterThan(100);
  });
});
