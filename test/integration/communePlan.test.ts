/**
 * A commune's plan after 1 July 2025, through the CLI: import reads the agency from the
 * document's two-line header (not the province cited in "Căn cứ"), track fills "Cài đặt" with
 * the agency, the place and the partner station from the plan, and the results report prints
 * them: "ỦY BAN NHÂN DÂN XÃ IA TƠI", "Ia Tơi, ngày …", "Nơi nhận" for a commune. The clerk's own
 * recipients replace the default; a tracker made before the rows existed still reads them.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cli, STACK_TRACE } from "../helpers/cli";
import { excelRepairProblems, validateXlsx } from "../helpers/excelRules";
import { tempDir } from "../helpers/xlsx";

const PLAN = `ỦY BAN NHÂN DÂN
XÃ IA TƠI

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 15/KH-UBND
Ia Tơi, ngày 10 tháng 7 năm 2025

KẾ HOẠCH
Phối hợp tuyên truyền với Báo và Phát thanh, Truyền hình Quảng Ngãi năm 2025

Căn cứ Kế hoạch số 120/KH-UBND ngày 02/7/2025 của Ủy ban nhân dân tỉnh Quảng Ngãi về công tác thông tin tuyên truyền năm 2025;
Ủy ban nhân dân xã xây dựng Kế hoạch phối hợp tuyên truyền năm 2025, như sau:
I. NỘI DUNG
- Quý III/2025:
+ Kỷ niệm 80 năm Cách mạng Tháng Tám và Quốc khánh 02/9/2025 (01 phóng sự, thời lượng 05 phút).
+ Chính quyền địa phương hai cấp đi vào hoạt động (01 phóng sự, thời lượng 05 phút).
- Quý IV/2025:
+ Kết quả kinh tế - xã hội nổi bật của xã năm 2025 (01 phóng sự, thời lượng 05 phút).
* Đơn vị thực hiện: Phòng Văn hóa - Xã hội; Báo và Phát thanh, Truyền hình Quảng Ngãi.
`;

function pdfText(pdf: string): string {
  return execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"], { encoding: "utf8" })
    .normalize("NFC")
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ");
}

function pages(pdf: string): number {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
}

async function settingsOf(file: string): Promise<Map<string, ExcelJS.CellValue>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const byLabel = new Map<string, ExcelJS.CellValue>();
  wb.getWorksheet("Cài đặt")!.eachRow((row) =>
    byLabel.set(row.getCell(1).text, row.getCell(2).value),
  );
  return byLabel;
}

describe("a commune's plan (xã Ia Tơi, Quảng Ngãi, 2025)", () => {
  const tmp = tempDir("pt-commune-");
  afterAll(() => tmp.cleanup());
  const tracker = (): string => join(tmp.dir, "ia-toi.tracker.xlsx");

  beforeAll(async () => {
    const text = join(tmp.dir, "ke-hoach.txt");
    writeFileSync(text, PLAN);
    const plan = join(tmp.dir, "ia-toi.xlsx");
    const imported = await cli(["import", text, "-o", plan]);
    expect(imported.code).toBe(0);
    const tracked = await cli(["track", plan, "-o", tracker(), "--as-of", "2025-10-20"]);
    expect(tracked.code).toBe(0);
  }, 60_000);

  it("fills Cài đặt with the commune, its place and the partner station from the plan", async () => {
    const s = await settingsOf(tracker());
    expect(s.get("Cơ quan ban hành (Issuing agency)")).toBe("ỦY BAN NHÂN DÂN XÃ IA TƠI");
    expect(s.get("Địa danh (Place)")).toBe("Ia Tơi");
    expect(s.get("Đơn vị phối hợp (đài, báo) (Partner station)")).toBe(
      "Báo và Phát thanh, Truyền hình Quảng Ngãi",
    );
    // Blank: the default for the agency's level, shown in the notes.
    expect(s.get("Nơi nhận (Recipients)")).toBeNull();
    expect(s.get("ĐƠN VỊ PHỐI HỢP VÀ NƠI NHẬN — Partner and recipients")).toBeNull();
    expect(validateXlsx(tracker())).toMatchObject({ ok: true });
    expect(await excelRepairProblems(tracker())).toEqual([]);
  });

  it("check --json names the agency, its level and place (fields added, none renamed)", async () => {
    const r = await cli(["check", tracker(), "--json", "--as-of", "2025-10-20"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(json.agency).toEqual({
      name: "ỦY BAN NHÂN DÂN XÃ IA TƠI",
      source: "settings",
      level: "commune",
      place: "Ia Tơi",
      station: "Báo và Phát thanh, Truyền hình Quảng Ngãi",
    });
    for (const key of ["file", "sheet", "headerRow", "columns", "items", "diagnostics", "summary"])
      expect(json).toHaveProperty(key);
  });

  it("prints the commune's header, date line, number, signer and Nơi nhận on one page", async () => {
    const pdf = join(tmp.dir, "q3.pdf");
    const r = await cli(["summary", tracker(), "--pdf", pdf]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Quý III/2025");
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(pages(pdf)).toBe(1);
    const text = pdfText(pdf);
    for (const s of [
      "ỦY BAN NHÂN DÂN XÃ IA TƠI",
      "Số: …/BC-UBND",
      "Ia Tơi, ngày 20 tháng 10 năm 2025",
      "Nơi nhận:",
      "- Sở Văn hóa, Thể thao và Du lịch (b/c);",
      "- Thường trực Đảng ủy, HĐND xã (b/c);",
      "- Chủ tịch, các PCT UBND xã;",
      "- Phòng Kinh tế;",
      "- Báo và Phát thanh, Truyền hình Quảng Ngãi;",
      "- Lưu: VT.",
      "TM. ỦY BAN NHÂN DÂN",
      "CHỦ TỊCH",
    ])
      expect(text).toContain(s);
    expect(text).not.toMatch(/huyện/iu);
  });

  it("prints the clerk's recipients and place when Cài đặt has them", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(tracker());
    const sheet = wb.getWorksheet("Cài đặt")!;
    sheet.eachRow((row) => {
      if (row.getCell(1).text.startsWith("Nơi nhận"))
        row.getCell(2).value = "- UBND tỉnh (b/c);\n- Sở Văn hóa, Thể thao và Du lịch (b/c);";
      if (row.getCell(1).text.startsWith("Địa danh")) row.getCell(2).value = "Quảng Ngãi";
    });
    const edited = join(tmp.dir, "edited.xlsx");
    await wb.xlsx.writeFile(edited);
    const pdf = join(tmp.dir, "edited.pdf");
    const r = await cli(["summary", edited, "--pdf", pdf]);
    expect(r.code).toBe(0);
    const text = pdfText(pdf);
    expect(text).toContain("Quảng Ngãi, ngày 20 tháng 10 năm 2025");
    // The signer block sits beside the list: pdftotext interleaves them, so line by line.
    for (const line of [
      "- UBND tỉnh (b/c);",
      "- Sở Văn hóa, Thể thao và Du lịch (b/c);",
      "- Lưu: VT.",
    ])
      expect(text).toContain(line);
    expect(text).not.toContain("Phòng Kinh tế");
  });

  it("track --agency moves the place the tool derived to the new agency's", async () => {
    const moved = join(tmp.dir, "cam-thanh.tracker.xlsx");
    const r = await cli([
      "track",
      tracker(),
      "-o",
      moved,
      "--agency",
      "UBND phường Cẩm Thành",
      "--as-of",
      "2025-10-20",
    ]);
    expect(r.code).toBe(0);
    const s = await settingsOf(moved);
    expect(s.get("Cơ quan ban hành (Issuing agency)")).toBe("UBND phường Cẩm Thành");
    expect(s.get("Địa danh (Place)")).toBe("Cẩm Thành");
  });

  it("reads defaults from the plan for a tracker made before the rows existed", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(tracker());
    const sheet = wb.getWorksheet("Cài đặt")!;
    // An older tracker: no partner/recipients rows, agency and place left blank by its clerk.
    let heading = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).text.startsWith("ĐƠN VỊ PHỐI HỢP")) heading = n;
      if (/^(Cơ quan ban hành|Địa danh)/u.test(row.getCell(1).text)) row.getCell(2).value = null;
    });
    expect(heading).toBeGreaterThan(0);
    sheet.spliceRows(heading, 3);
    const older = join(tmp.dir, "older.xlsx");
    await wb.xlsx.writeFile(older);
    const r = await cli(["check", older, "--json", "--as-of", "2025-10-20"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { agency: unknown }).agency).toEqual({
      name: "ỦY BAN NHÂN DÂN XÃ IA TƠI",
      source: "plan",
      level: "commune",
      place: "Ia Tơi",
      station: "Báo và Phát thanh, Truyền hình Quảng Ngãi",
    });
    const pdf = join(tmp.dir, "older.pdf");
    expect((await cli(["summary", older, "--pdf", pdf])).code).toBe(0);
    const text = pdfText(pdf);
    expect(text).toContain("Ia Tơi, ngày 20 tháng 10 năm 2025");
    expect(text).toContain("- Thường trực Đảng ủy, HĐND xã (b/c);");
  });
});
