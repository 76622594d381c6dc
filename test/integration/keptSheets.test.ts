/**
 * The tool rebuilds "Kinh phí" and "Tiến độ" on every run. A sheet someone worked on since the
 * tool wrote it — or a sheet of their own with that name before the first run — is kept under
 * "<name> (đã sửa)" with everything in it, and the tool builds a fresh one beside it. A sheet
 * nobody touched is simply rebuilt (no copies pile up).
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import { SAMPLE_HEADER } from "../helpers/grid";
import { validateXlsx } from "../helpers/excelRules";
import { runTrack } from "../helpers/track";
import { tempDir, writeWorkbook } from "../helpers/xlsx";

const AS_OF = "2023-09-20";
const ROWS = [
  [1, "Phóng sự Nông thôn mới", "Quý I/2023", "01", "phóng sự", "05 phút", "Đài tỉnh", 15000000],
  [2, "Phóng sự OCOP", "Quý IV/2023", "01", "phóng sự", "05 phút", "Đài tỉnh", 15000000],
];

async function sheetNames(file: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((w) => w.name);
}

async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  change(wb);
  await wb.xlsx.writeFile(file);
}

describe("sheets the tool rebuilds, edited by someone", () => {
  const tmp = tempDir("pt-kept-");
  afterAll(() => tmp.cleanup());

  it("are rebuilt silently when nobody touched them", async () => {
    const plan = join(tmp.dir, "untouched.xlsx");
    await writeWorkbook(plan, [{ name: "Kế hoạch", rows: [SAMPLE_HEADER, ...ROWS] }]);
    expect((await runTrack({ plan, inPlace: true, asOf: AS_OF })).code).toBe(0);
    const again = await runTrack({ plan, inPlace: true, asOf: AS_OF });
    expect(again.code).toBe(0);
    expect(again.outcome?.summary.keptEdited).toEqual([]);
    expect(again.stdout).not.toMatch(/đã sửa/);
    expect(await sheetNames(plan)).toEqual([
      "Kế hoạch",
      "Cài đặt",
      "Kinh phí",
      "Tiến độ",
      "_PlanTracker",
    ]);
  });

  it("are kept as '<name> (đã sửa)' when edited, with the edits, next to a fresh one", async () => {
    const plan = join(tmp.dir, "edited.xlsx");
    await writeWorkbook(plan, [{ name: "Kế hoạch", rows: [SAMPLE_HEADER, ...ROWS] }]);
    expect((await runTrack({ plan, inPlace: true, asOf: AS_OF })).code).toBe(0);
    const note = "Phòng Tài chính: đã đối chiếu với kho bạc 30/9";
    await edit(plan, (wb) => {
      wb.getWorksheet("Kinh phí")!.getCell("H3").value = note;
    });

    const r = await runTrack({ plan, inPlace: true, asOf: AS_OF, lang: "en" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `The sheet "Kinh phí" was edited since the last run: kept as "Kinh phí (đã sửa)"; a fresh "Kinh phí" was built.`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(plan);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Kế hoạch",
      "Cài đặt",
      "Kinh phí (đã sửa)",
      "Kinh phí",
      "Tiến độ",
      "_PlanTracker",
    ]);
    expect(wb.getWorksheet("Kinh phí (đã sửa)")!.getCell("H3").value).toBe(note);
    expect(wb.getWorksheet("Kinh phí")!.getCell("H3").value).toBeNull();
    expect(validateXlsx(plan)).toMatchObject({ ok: true });

    // The fresh sheet is the tool's again: the next run keeps nothing more.
    const third = await runTrack({ plan, inPlace: true, asOf: AS_OF });
    expect(third.outcome?.summary.keptEdited).toEqual([]);

    // Edited again, with "(đã sửa)" taken: the next name is "(đã sửa 2)".
    await edit(plan, (wb2) => {
      const ws = wb2.getWorksheet("Tiến độ")!;
      ws.getCell("B2").value = null;
      wb2.getWorksheet("Kinh phí")!.getCell("J60").value = 42;
    });
    const fourth = await runTrack({ plan, inPlace: true, asOf: AS_OF });
    expect(fourth.outcome?.summary.keptEdited).toEqual([
      { sheet: "Kinh phí", keptAs: "Kinh phí (đã sửa 2)" },
      { sheet: "Tiến độ", keptAs: "Tiến độ (đã sửa)" },
    ]);
    expect(fourth.stdout).toContain(`giữ lại với tên "Kinh phí (đã sửa 2)"`);
    expect(await sheetNames(plan)).toEqual([
      "Kế hoạch",
      "Cài đặt",
      "Kinh phí (đã sửa)",
      "Kinh phí (đã sửa 2)",
      "Tiến độ (đã sửa)",
      "Kinh phí",
      "Tiến độ",
      "_PlanTracker",
    ]);
  });

  it("keeps a sheet of the user's own that happens to have the name, on the first run", async () => {
    const plan = join(tmp.dir, "own.xlsx");
    await writeWorkbook(plan, [
      { name: "Kế hoạch", rows: [SAMPLE_HEADER, ...ROWS] },
      { name: "Tiến độ", rows: [["Tiến độ giải ngân của xã"], ["Tháng 9", 0.4]] },
    ]);
    const r = await runTrack({ plan, output: join(tmp.dir, "own.tracker.xlsx"), asOf: AS_OF });
    expect(r.code).toBe(0);
    expect(r.outcome?.summary.keptEdited).toEqual([
      { sheet: "Tiến độ", keptAs: "Tiến độ (đã sửa)" },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp.dir, "own.tracker.xlsx"));
    expect(wb.getWorksheet("Tiến độ (đã sửa)")!.getCell("A1").value).toBe(
      "Tiến độ giải ngân của xã",
    );
    expect(wb.getWorksheet("Tiến độ")!.getCell("A1").value).not.toBe("Tiến độ giải ngân của xã");
  });
});
