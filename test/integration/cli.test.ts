import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import ExcelJS from "exceljs";
import { cli, STACK_TRACE } from "../helpers/cli";
import { tempDir, writeWorkbook } from "../helpers/xlsx";

const SAMPLE = join(__dirname, "../../assets/samples/ke-hoach-2023.txt");
const BIN = join(__dirname, "../../bin/plan-tracker.js");
const SAMPLE_XLSX = join(__dirname, "../../assets/samples/ke-hoach-2023.xlsx");

/** Every sheet's cells as [address, value, number format], for comparing two workbooks. */
async function cellsOf(file: string): Promise<Record<string, [string, unknown, string][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Record<string, [string, unknown, string][]> = {};
  wb.eachSheet((ws) => {
    const cells: [string, unknown, string][] = [];
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => cells.push([c.address, c.value, c.numFmt])),
    );
    out[ws.name] = cells;
  });
  return out;
}

describe("import → check on the bundled sample", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const planXlsx = join(tmp.dir, "plan.xlsx");

  it("imports ten dated items and the weekly duty into a standard plan workbook", async () => {
    const r = await cli(["import", SAMPLE, "-o", planXlsx]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("Đã nhập 11 mục");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(planXlsx);
    const ws = wb.getWorksheet("Kế hoạch")!;
    expect(ws.getCell("B4").value).toBe("Nội dung");
    expect(ws.getCell("C13").value).toBe("Quý VI/2023");
    expect(ws.getCell("B5").value).toBe("Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023");
    // The weekly duty: period "Hằng tuần", no quota stated (the count cell stays empty).
    expect(["B15", "C15", "D15", "E15"].map((a) => ws.getCell(a).value)).toEqual([
      "Cộng tác tin, phóng sự phát trên sóng Đài Phát thanh - Truyền hình tỉnh",
      "Hằng tuần",
      null,
      "tin, phóng sự",
    ]);
  });

  it("the bundled assets/samples/ke-hoach-2023.xlsx is what import makes of the sample today", async () => {
    // The committed workbook must not drift from the importer: regenerate it with
    // `npx plan-tracker import assets/samples/ke-hoach-2023.txt -o assets/samples/ke-hoach-2023.xlsx --force`.
    expect(await cellsOf(SAMPLE_XLSX)).toEqual(await cellsOf(planXlsx));
    const r = await cli(["check", SAMPLE_XLSX, "--json", "--as-of", "2023-09-20"]);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { summary: unknown }).summary).toEqual({
      items: 11,
      errors: 2,
      warnings: 0,
    });
  });

  it("refuses to overwrite an existing output without --force", async () => {
    const r = await cli(["import", SAMPLE, "-o", planXlsx]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--force");
  });

  it("check --json: 11 items, exactly the two Quý VI errors, exit 1", async () => {
    const r = await cli(["check", planXlsx, "--json", "--as-of", "2023-09-20"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      summary: unknown;
      items: { dueDate: string }[];
      diagnostics: { cell: string; suggestion: string; message: string }[];
    };
    expect(json.summary).toEqual({ items: 11, errors: 2, warnings: 0 });
    expect(json.items[0]!.dueDate).toBe("2023-03-11");
    expect(json.items[2]!.dueDate).toBe("2023-04-17");
    expect(json.diagnostics.map((d) => [d.cell, d.suggestion])).toEqual([
      ["C13", "Quý IV/2023"],
      ["C14", "Quý IV/2023"],
    ]);
    expect(json.diagnostics[0]!.message).toMatch(/Quý/);
  });

  it("speaks English with --lang en", async () => {
    const r = await cli(["check", planXlsx, "--lang", "en", "--as-of", "2023-09-20"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("11 items, 2 errors, 0 warnings.");
    expect(r.stdout).toMatch(/ERROR \[period.invalid-quarter\] Kế hoạch!C13: /);
  });

  it("prints human-readable Vietnamese by default", async () => {
    const r = await cli(["check", planXlsx, "--as-of", "2023-09-20"]);
    expect(r.stdout).toContain("11 mục, 2 lỗi, 0 cảnh báo.");
  });
});

describe("bad input: exit 2 and one clear sentence, never a stack trace", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it.each([
    ["an empty file", (p: string) => writeFileSync(p, ""), /empty|rỗng/],
    [
      "a text file renamed .xlsx",
      (p: string) => writeFileSync(p, "Nội dung\tThời gian\n"),
      /not an Excel \.xlsx file|không phải tệp Excel/,
    ],
    ["a missing file", () => undefined, /does not exist|Không tìm thấy/],
  ])("%s", async (_name, make, pattern) => {
    const p = join(tmp.dir, `${_name.replace(/\W/g, "_")}.xlsx`);
    make(p);
    for (const lang of ["vi", "en"]) {
      const r = await cli(["check", p, "--lang", lang]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("a workbook without a period column", async () => {
    const p = join(tmp.dir, "no-period.xlsx");
    await writeWorkbook(p, [
      {
        name: "KH",
        rows: [
          ["STT", "Nội dung"],
          [1, "Phóng sự A"],
        ],
      },
    ]);
    const r = await cli(["check", p, "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/period column \(one of: "Thời gian"/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it.each([
    [["check", "x.xlsx", "--as-of", "20/09/2023"], /YYYY-MM-DD/],
    [["check", "x.xlsx", "--year", "23"], /four-digit year/],
    [["frobnicate"], /unknown command/],
    [["check"], /missing required argument/],
  ])("bad usage %p", async (argv, pattern) => {
    const r = await cli([...argv, "--lang", "en"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
  });
});

describe("the real bin", () => {
  it("prints help listing every command and exits 0", () => {
    const r = spawnSync(process.execPath, [BIN, "--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    for (const name of ["import", "check", "track", "summary", "rollup", "demo"])
      expect(r.stdout).toContain(name);
  });

  it("exits 2 on a missing file, with no stack trace", () => {
    const r = spawnSync(process.execPath, [BIN, "check", "/nonexistent/plan.xlsx"], {
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});
