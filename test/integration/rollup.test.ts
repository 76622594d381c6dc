/**
 * The province's roll-up of three generated district trackers and one broken file, and the
 * e-mailable summary.xlsx: numbers agree with the domain, the files open in Excel without repair.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cli, STACK_TRACE } from "../helpers/cli";
import { excelRepairProblems, validateXlsx } from "../helpers/excelRules";
import { expectCachedMatches, recomputeWorkbook } from "../helpers/formulaEngine";
import { SAMPLE_HEADER } from "../helpers/grid";
import { runTrack } from "../helpers/track";
import { tempDir, writeWorkbook } from "../helpers/xlsx";

/** The standard header without "Ghi chú". */
const HEADER = SAMPLE_HEADER.slice(0, 8);

interface District {
  file: string;
  agency: string;
  allocation: number;
  rows: (string | number | null)[][];
}

/** Three districts: items in every quarter, one with a late item, one with an invalid period. */
const DISTRICTS: District[] = [
  {
    file: "ia-hdrai.xlsx",
    agency: "Ủy ban nhân dân huyện Ia H'Drai",
    allocation: 150_000_000,
    rows: [
      [
        1,
        "Kỷ niệm ngày thành lập huyện 11/03/2023",
        "Quý I/2023",
        "01",
        "phóng sự",
        "05 phút",
        "Trung tâm VH-TT-DL&TT",
        15_000_000,
      ],
      [
        2,
        "Đẩy mạnh cải cách hành chính",
        "Quý II/2023",
        "01",
        "phóng sự",
        "05 phút",
        "Trung tâm VH-TT-DL&TT",
        15_000_000,
      ],
      [
        3,
        "Chuyển đổi số",
        "Quý IV/2023",
        "01",
        "phóng sự",
        "05 phút",
        "Đài PT-TH tỉnh",
        15_000_000,
      ],
    ],
  },
  {
    file: "sa-thay.xlsx",
    agency: "Ủy ban nhân dân huyện Sa Thầy",
    allocation: 90_000_000,
    rows: [
      [1, "Phát triển sản phẩm OCOP", "Quý I/2023", 2, "tin", "3 phút", "Phòng Văn hóa", 6_000_000],
      [2, "Trồng rừng", "Quý VI/2023", 1, "phóng sự", "5 phút", "Phòng Văn hóa", 15_000_000],
    ],
  },
  {
    file: "dak-to.xlsx",
    agency: "Ủy ban nhân dân huyện Đắk Tô",
    allocation: 60_000_000,
    rows: [
      [
        1,
        "Gương điển hình tiên tiến",
        "Quý III/2023",
        1,
        "phóng sự",
        "10 phút",
        "Đài PT-TH tỉnh",
        20_000_000,
      ],
    ],
  },
];

const AS_OF = "2023-09-20";

describe("rollup of three district trackers and one broken file", () => {
  const tmp = tempDir("pt-rollup-");
  afterAll(() => tmp.cleanup());
  const trackers: string[] = [];

  beforeAll(async () => {
    for (const d of DISTRICTS) {
      const plan = join(tmp.dir, d.file);
      await writeWorkbook(plan, [
        {
          name: "Kế hoạch",
          rows: [[d.agency], ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2023"], [], HEADER, ...d.rows],
        },
      ]);
      const out = join(tmp.dir, d.file.replace(".xlsx", ".tracker.xlsx"));
      const r = await runTrack({
        plan,
        output: out,
        asOf: AS_OF,
        allocation: String(d.allocation),
      });
      expect(r.code).toBe(0);
      trackers.push(out);
    }
    writeFileSync(join(tmp.dir, "broken.xlsx"), "this is not a workbook");
  });

  it("rolls up the readable trackers, lists the broken one with its reason", async () => {
    const output = join(tmp.dir, "rollup.xlsx");
    const r = await cli([
      "rollup",
      ...trackers,
      join(tmp.dir, "broken.xlsx"),
      "-o",
      output,
      "--as-of",
      AS_OF,
      "--lang",
      "en",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Rolled up 3 trackers (1 file could not be read)");
    expect(r.stderr).toMatch(/broken\.xlsx: .*not an Excel \.xlsx file/);
    expect(r.stderr).not.toMatch(STACK_TRACE);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Quá hạn", "Không đọc được"]);
    const sum = wb.getWorksheet("Tổng hợp")!;
    const rows = [5, 6, 7].map((r2) => [1, 3, 4, 6, 7].map((c) => sum.getCell(r2, c).value));
    // Sorted by the unit's name (Vietnamese order: Đ after D, before I), not by argument order.
    expect(rows).toEqual([
      ["Ủy ban nhân dân huyện Đắk Tô", 1, 0, 0, 60_000_000],
      ["Ủy ban nhân dân huyện Ia H'Drai", 3, 0, 2, 150_000_000],
      ["Ủy ban nhân dân huyện Sa Thầy", 3, 0, 1, 90_000_000],
    ]);
    expect(sum.getCell(4, 1).value).toBe("Đơn vị / Agency");
    const total = sum.getRow(8);
    expect(total.getCell(1).value).toBe("Cộng / Total");
    expect((total.getCell(3).value as ExcelJS.CellFormulaValue).result).toBe(7);
    expect((total.getCell(6).value as ExcelJS.CellFormulaValue).result).toBe(3);
    expect((total.getCell(7).value as ExcelJS.CellFormulaValue).result).toBe(300_000_000);

    // The combined overdue list: most days late first, across districts.
    const overdue = wb.getWorksheet("Quá hạn")!;
    const late = [5, 6, 7].map((r2) => [
      overdue.getCell(r2, 1).value,
      overdue.getCell(r2, 2).value,
      overdue.getCell(r2, 5).value,
    ]);
    expect(late).toEqual([
      ["Ủy ban nhân dân huyện Ia H'Drai", "Kỷ niệm ngày thành lập huyện 11/03/2023", 193],
      ["Ủy ban nhân dân huyện Sa Thầy", "Phát triển sản phẩm OCOP", 173],
      ["Ủy ban nhân dân huyện Ia H'Drai", "Đẩy mạnh cải cách hành chính", 82],
    ]);
    expect(overdue.getCell(8, 1).value).toBeNull();

    const failures = wb.getWorksheet("Không đọc được")!;
    expect(failures.getCell(4, 1).value).toBe("broken.xlsx");
    expect(failures.getCell(4, 2).value as string).toMatch(/không phải tệp Excel/);

    expect(validateXlsx(output)).toMatchObject({ ok: true });
    expect(await excelRepairProblems(output, { tracker: false })).toEqual([]);
    expectCachedMatches(await recomputeWorkbook(output, { today: AS_OF }));
  });

  it("lists a plan that was never tracked with what to do, and rolls up the rest", async () => {
    // The first district's plan itself (no statuses, no metadata) sent instead of its tracker.
    const plan = join(tmp.dir, DISTRICTS[0]!.file);
    const output = join(tmp.dir, "rollup-with-plan.xlsx");
    const r = await cli([
      "rollup",
      trackers[1]!,
      plan,
      "-o",
      output,
      "--as-of",
      AS_OF,
      "--lang",
      "en",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Rolled up 1 tracker (1 file could not be read)");
    expect(r.stderr).toContain(`is not a tracker yet`);
    expect(r.stderr).toContain(`run plan-tracker track "${DISTRICTS[0]!.file}"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    const failures = wb.getWorksheet("Không đọc được")!;
    expect(failures.getCell(4, 1).value).toBe(DISTRICTS[0]!.file);
    expect(failures.getCell(4, 2).value as string).toMatch(/chưa phải sổ theo dõi/);
    expect(wb.getWorksheet("Tổng hợp")!.getCell(5, 1).value).toBe("Ủy ban nhân dân huyện Sa Thầy");
  });

  it("exits 2 when no file can be read", async () => {
    const r = await cli([
      "rollup",
      join(tmp.dir, "broken.xlsx"),
      "-o",
      join(tmp.dir, "none.xlsx"),
      "--lang",
      "en",
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/None of the 1 files could be read as a tracker/);
  });

  it("writes a summary.xlsx of values only that opens without repair, and a one-page PDF", async () => {
    const xlsx = join(tmp.dir, "s.xlsx");
    const pdf = join(tmp.dir, "s.pdf");
    const r = await cli(["summary", trackers[0]!, "--xlsx", xlsx, "--pdf", pdf, "--as-of", AS_OF]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    // The period's results report first, then the two summary sheets (as values).
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Báo cáo kỳ", "Tiến độ", "Kinh phí"]);
    let formulas = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((c) => {
          if (typeof c.value === "object" && c.value !== null && "formula" in c.value) formulas++;
        }),
      ),
    );
    expect(formulas).toBe(0);
    // Allocation, planned and spent of the Ia H'Drai tracker, as values.
    const budget = wb.getWorksheet("Kinh phí")!;
    expect([5, 6, 7].map((r2) => budget.getCell(r2, 2).value)).toEqual([
      150_000_000, 45_000_000, 0,
    ]);
    expect(validateXlsx(xlsx)).toMatchObject({ ok: true });
    expect(await excelRepairProblems(xlsx, { tracker: false })).toEqual([]);
  });
});

/**
 * A province after July 2025: about a hundred commune-level trackers (wards, communes, special
 * zones). One tracker is made with `track`; the hundred are that file with the agency and the
 * allocation changed on its "Cài đặt" sheet (building each with track would only slow the test).
 */
describe("rollup of a province's 100 commune trackers", () => {
  const tmp = tempDir("pt-rollup-communes-");
  afterAll(() => tmp.cleanup());
  const FIRST = ["An", "Bình", "Đăk", "Ea", "Hòa", "Ia", "Krông", "Phú", "Sơn", "Tân"];
  const SECOND = ["Châu", "Grai", "Hà", "Hiệp", "Lâm", "Lộc", "Mỹ", "Phước", "Thạnh", "Tơi"];
  const names = FIRST.flatMap((a) => SECOND.map((b) => `${a} ${b}`));
  /** Every tenth a ward, two special zones, the rest communes; three ways of writing the agency. */
  const agencyOf = (i: number): string => {
    const name = names[i]!;
    if (i % 10 === 3) return `Ủy ban nhân dân phường ${name}`;
    if (i === 42 || i === 97) return `UBND đặc khu ${name}`;
    return i % 3 === 0 ? `ỦY BAN NHÂN DÂN XÃ ${name.toLocaleUpperCase("vi")}` : `UBND xã ${name}`;
  };
  /** Communes whose settings name no agency: read from the plan's first line, or the file name. */
  const FROM_PLAN = 5;
  const FROM_FILE = 8;
  const files: string[] = [];

  beforeAll(async () => {
    const plan = join(tmp.dir, "mau.xlsx");
    await writeWorkbook(plan, [
      {
        name: "Kế hoạch",
        rows: [
          ["Ủy ban nhân dân xã Ia Tơi"],
          ["KẾ HOẠCH PHỐI HỢP TUYÊN TRUYỀN VỚI BÁO VÀ PHÁT THANH, TRUYỀN HÌNH QUẢNG NGÃI NĂM 2025"],
          [],
          HEADER,
          [
            1,
            "Kỷ niệm 80 năm Cách mạng Tháng Tám",
            "Quý III/2025",
            1,
            "phóng sự",
            "05 phút",
            "Phòng Văn hóa - Xã hội",
            15_000_000,
          ],
          [
            2,
            "Chuyển đổi số ở xã",
            "Quý II/2025",
            2,
            "tin",
            "03 phút",
            "Phòng Văn hóa - Xã hội",
            6_000_000,
          ],
        ],
      },
    ]);
    const tracker = join(tmp.dir, "mau.tracker.xlsx");
    const r = await runTrack({ plan, output: tracker, asOf: "2025-09-20" });
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(tracker);
    const settings = wb.getWorksheet("Cài đặt")!;
    const planSheet = wb.getWorksheet("Kế hoạch")!;
    const rowOf = (label: string): number => {
      let found = 0;
      settings.eachRow((row, n) => {
        if (row.getCell(1).text.startsWith(label)) found = n;
      });
      return found;
    };
    const agencyRow = rowOf("Cơ quan ban hành");
    const allocationRow = rowOf("Kinh phí được giao");
    const placeRow = rowOf("Địa danh");
    for (let i = 0; i < names.length; i++) {
      const file = join(tmp.dir, `don-vi-${String(i + 1).padStart(3, "0")}.xlsx`);
      const fromSettings = i !== FROM_PLAN && i !== FROM_FILE;
      settings.getCell(agencyRow, 2).value = fromSettings ? agencyOf(i) : null;
      settings.getCell(placeRow, 2).value = null;
      settings.getCell(allocationRow, 2).value = 100_000_000 + i * 1_000_000;
      planSheet.getCell("A1").value =
        i === FROM_PLAN
          ? agencyOf(i)
          : i === FROM_FILE
            ? "Kế hoạch năm 2025"
            : "Ủy ban nhân dân xã Ia Tơi";
      await wb.xlsx.writeFile(file);
      files.push(file);
    }
  });

  it("names each by its agency, wards then communes then special zones, by name, with totals", async () => {
    const output = join(tmp.dir, "tong-hop.xlsx");
    const r = await cli(["rollup", ...files, "-o", output, "--as-of", "2025-09-20"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Đã tổng hợp 100 sổ theo dõi");
    expect(r.stderr).toBe("");

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    const sum = wb.getWorksheet("Tổng hợp")!;
    expect(sum.getCell(2, 1).value).toMatch(
      /100 sổ theo dõi: 10 phường, 87 xã, 2 đặc khu, 1 đơn vị khác\./,
    );
    const agencies = Array.from({ length: 100 }, (_, i) => sum.getCell(5 + i, 1).text);
    const collator = new Intl.Collator("vi", { sensitivity: "base" });
    const wards = agencies.slice(0, 10);
    const communes = agencies.slice(10, 97);
    const zones = agencies.slice(97, 99);
    expect(wards.every((a) => a.startsWith("Ủy ban nhân dân phường "))).toBe(true);
    expect(communes.every((a) => /^(UBND xã|ỦY BAN NHÂN DÂN XÃ) /u.test(a))).toBe(true);
    expect(zones).toEqual(["UBND đặc khu Hòa Hà", "UBND đặc khu Tân Phước"]);
    // By the commune's name, whatever the letter case of "UBND xã" / "ỦY BAN NHÂN DÂN XÃ".
    const communeNames = communes.map((a) => a.replace(/^(UBND xã|ỦY BAN NHÂN DÂN XÃ) /u, ""));
    expect(communeNames).toEqual([...communeNames].sort(collator.compare));
    // Vietnamese order: "Đăk …" after "Bình …", before "Ea …".
    const firstDak = communeNames.findIndex((n) => /^đăk /iu.test(n));
    expect(communeNames[firstDak - 1]).toMatch(/^Bình /u);
    expect(communeNames.findIndex((n) => /^ea /iu.test(n))).toBeGreaterThan(firstDak);
    // No agency in the settings: the plan's first line, else the file name (last: level unknown).
    expect(communes).toContain(agencyOf(FROM_PLAN));
    expect(agencies[99]).toBe("don-vi-009.xlsx");

    const total = sum.getRow(105);
    expect(total.getCell(1).value).toBe("Cộng / Total");
    expect(total.getCell(2).value).toBe("100");
    expect((total.getCell(3).value as ExcelJS.CellFormulaValue).result).toBe(300);
    const allocation = Array.from({ length: 100 }, (_, i) => 100_000_000 + i * 1_000_000).reduce(
      (a, b) => a + b,
    );
    expect((total.getCell(7).value as ExcelJS.CellFormulaValue).result).toBe(allocation);
    // Item 2 (Quý II) is late everywhere: 100 rows on the overdue sheet, each named by agency.
    const overdue = wb.getWorksheet("Quá hạn")!;
    expect(overdue.getCell(1, 1).value).toBe(
      "CÁC MỤC QUÁ HẠN CỦA TẤT CẢ ĐƠN VỊ / Overdue items, all agencies (100)",
    );
    expect(validateXlsx(output)).toMatchObject({ ok: true });
    expectCachedMatches(await recomputeWorkbook(output, { today: "2025-09-20" }));
  });
});
