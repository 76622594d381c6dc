/**
 * The periodic report's settings on "Cài đặt": read by label like the others, defaults for
 * trackers made before the rows existed, the rows' place on a new sheet (after the rates, so the
 * older cells keep their addresses), and the number and signer lines they make.
 */
import type { CellValue } from "../../../src/domain/cell";
import {
  EMPTY_REPORT_SETTINGS,
  effectiveRule,
  parseWindowRule,
  reportNumberLine,
  signerBlock,
  type ReportSettings,
} from "../../../src/domain/reportSettings";
import { EMPTY_SETTINGS, readSettings } from "../../../src/domain/settings";
import {
  newSettingsSheet,
  REPORT_SECTION_ROW,
  REPORT_SETTING_CELLS,
  SETTING_CELLS,
  settingsPatch,
} from "../../../src/domain/tracker/settingsSheet";
import type { SheetSpec } from "../../../src/domain/layout/spec";
import type { SheetData } from "../../../src/domain/workbookData";
import { sheet } from "../../helpers/grid";

const UBND = "Ủy ban nhân dân huyện Ia H'Drai";

/** The values a SheetSpec writes, as the sheet a reader gets back. */
function written(spec: SheetSpec): SheetData {
  const rows: CellValue[][] = [];
  for (const c of spec.cells) {
    const row = (rows[c.row - 1] ??= []);
    row[c.col - 1] = c.value ?? null;
  }
  return { name: spec.name, rows: Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null)) };
}

describe("parseWindowRule", () => {
  it.each<[CellValue, "calendar" | "nd09" | undefined]>([
    ["Từ ngày 15 đến ngày 14 (NĐ 09/2019)", "nd09"],
    ["Quý dương lịch", "calendar"],
    ["quy duong lich", "calendar"],
    ["dương lịch", "calendar"],
    ["calendar", "calendar"],
    ["Calendar quarters", "calendar"],
    ["nd09", "nd09"],
    ["NĐ 09", "nd09"],
    ["Nghị định 09/2019/NĐ-CP", "nd09"],
    ["15-14", "nd09"],
    ["15th to 14th (Decree 09/2019)", "nd09"],
    ["", undefined],
    ["theo tháng", undefined],
    ["Quý I", undefined],
    [2019, undefined],
  ])("%j → %s", (value, rule) => {
    expect(parseWindowRule(value)).toBe(rule);
  });
});

describe("reading the report settings", () => {
  it("reads defaults from a settings sheet made before the rows existed", () => {
    const read = readSettings(
      sheet("Cài đặt", [
        ["CÀI ĐẶT KẾ HOẠCH — Plan settings"],
        [],
        ["Mục / Setting", "Giá trị / Value"],
        ["Năm kế hoạch (Plan year)", 2023],
        ["Kinh phí được giao (đồng) (Yearly allocation (VND))", 150_000_000],
        ["Cơ quan ban hành (Issuing agency)", UBND],
      ]),
    );
    expect(read.diagnostics).toEqual([]);
    expect(read.settings.report).toEqual(EMPTY_REPORT_SETTINGS);
    expect(effectiveRule(read.settings.report)).toBe("nd09");
    expect(read.cells.reportRule).toBeUndefined();
    expect(EMPTY_SETTINGS.report).toEqual(EMPTY_REPORT_SETTINGS);
  });

  it("reads the rows by label wherever they are, below the rates too", () => {
    const read = readSettings(
      sheet("Cài đặt", [
        ["Năm kế hoạch", 2023],
        ["Đơn giá theo phút (đồng/phút) — Rate per minute (VND/min)"],
        ["Loại sản phẩm", "Đơn giá (đồng/phút)"],
        ["phóng sự", 3_000_000],
        ["BÁO CÁO ĐỊNH KỲ — Periodic report"],
        // Under the heading the rates table is over: "tin" here is not a rate.
        ["tin", 1_000_000],
        ["Kỳ báo cáo (Reporting periods)", "Quý dương lịch"],
        ["Số báo cáo (Report number)", 125],
        ["Thẩm quyền ký (TM./KT./Q.) (Signing authority)", "TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH"],
        ["Chức vụ người ký (Signer's title)", "Phó Chủ tịch"],
        ["Họ tên người ký (Signer's name)", "Nguyễn Văn An"],
      ]),
    );
    expect(read.diagnostics).toEqual([]);
    expect(read.settings.ratesPerMinute).toEqual({ "phóng sự": 3_000_000 });
    expect(read.settings.report).toEqual({
      rule: "calendar",
      number: "125",
      signerAuthority: "TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH",
      signerTitle: "Phó Chủ tịch",
      signerName: "Nguyễn Văn An",
    });
    expect(read.cells.reportRule).toEqual({ row: 7, col: 2 });
    expect(read.cells.signerName).toEqual({ row: 11, col: 2 });
  });

  it("reports a rule it cannot read at its cell, in both languages, and uses the default", () => {
    const read = readSettings(
      sheet("Cài đặt", [
        ["Năm kế hoạch", 2023],
        ["Kỳ báo cáo", "theo tháng"],
      ]),
    );
    expect(read.settings.report.rule).toBeNull();
    expect(read.diagnostics).toHaveLength(1);
    const d = read.diagnostics[0]!;
    expect(d).toMatchObject({
      code: "settings.reportRule-invalid",
      severity: "error",
      sheet: "Cài đặt",
      cell: "B2",
      value: "theo tháng",
    });
    expect(d.detail.vi).toContain('"Quý dương lịch"');
    expect(d.detail.vi).toContain('"Từ ngày 15 đến ngày 14 (NĐ 09/2019)"');
    expect(d.detail.en).toContain("Calendar quarters");
  });
});

describe("the settings sheet a tracker is created with", () => {
  const spec = newSettingsSheet({
    ...EMPTY_SETTINGS,
    planYear: 2023,
    agency: UBND,
    ratesPerMinute: { "phóng sự": 3_000_000 },
  });
  const data = written(spec);

  it("keeps the plan settings and the rates where older trackers have them", () => {
    expect(SETTING_CELLS.planYear).toEqual({ row: 4, col: 2 });
    expect(SETTING_CELLS.asOf).toEqual({ row: 9, col: 2 });
    expect(data.rows[10]?.[0]).toBe("Đơn giá theo phút (đồng/phút) — Rate per minute (VND/min)");
  });

  it("puts the report rows under their own heading after the notes, the rule spelled out", () => {
    expect(data.rows[REPORT_SECTION_ROW - 1]?.[0]).toBe("BÁO CÁO ĐỊNH KỲ — Periodic report");
    expect(REPORT_SETTING_CELLS.reportRule.row).toBe(REPORT_SECTION_ROW + 1);
    expect(data.rows[REPORT_SETTING_CELLS.reportRule.row - 1]?.slice(0, 2)).toEqual([
      "Kỳ báo cáo (Reporting periods)",
      "Từ ngày 15 đến ngày 14 (NĐ 09/2019)",
    ]);
    const read = readSettings(data);
    expect(read.diagnostics).toEqual([]);
    expect(read.settings.planYear).toBe(2023);
    expect(read.settings.ratesPerMinute).toEqual({ "phóng sự": 3_000_000 });
    expect(read.settings.report).toEqual({ ...EMPTY_REPORT_SETTINGS, rule: "nd09" });
    for (const [key, at] of Object.entries(REPORT_SETTING_CELLS))
      expect(read.cells[key as keyof typeof REPORT_SETTING_CELLS]).toEqual(at);
  });

  it("offers the two rules as a dropdown on the rule's cell only", () => {
    const v = spec.validations.find((x) => x.type === "list");
    expect(v).toMatchObject({
      range: `B${REPORT_SETTING_CELLS.reportRule.row}`,
      formulae: ['"Từ ngày 15 đến ngày 14 (NĐ 09/2019),Quý dương lịch"'],
    });
  });

  it("writes a report setting asked for where the sheet has it, and nothing where it has none", () => {
    const patch = settingsPatch(
      { reportNumber: "125/BC-UBND", signerName: "Nguyễn Văn An" },
      { reportNumber: { row: 30, col: 2 } },
    );
    expect(patch?.mode).toBe("patch");
    expect(patch?.cells).toEqual([{ row: 30, col: 2, value: "125/BC-UBND" }]);
    expect(settingsPatch({ signerName: "Nguyễn Văn An" }, {})).toBeNull();
  });
});

describe("the number line (Số: …/BC-…)", () => {
  const with_ = (number: string | null): ReportSettings => ({ ...EMPTY_REPORT_SETTINGS, number });
  it.each<[string | null, string | null, string, string]>([
    [null, UBND, "Số: …/BC-UBND", "No. …/BC-UBND"],
    [null, "UBND xã Ia Tơi", "Số: …/BC-UBND", "No. …/BC-UBND"],
    [null, "Hội đồng nhân dân tỉnh Kon Tum", "Số: …/BC-HĐND", "No. …/BC-HĐND"],
    [
      null,
      "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi",
      "Số: …/BC-SVHTTDL",
      "No. …/BC-SVHTTDL",
    ],
    [null, "Trung tâm Văn hóa - Thể thao", "Số: …/BC-…", "No. …/BC-…"],
    [null, null, "Số: …/BC-…", "No. …/BC-…"],
    ["125", UBND, "Số: 125/BC-UBND", "No. 125/BC-UBND"],
    ["125/BC-UBND", null, "Số: 125/BC-UBND", "No. 125/BC-UBND"],
    ["Số: 07/BC-TTVHTT", UBND, "Số: 07/BC-TTVHTT", "No. 07/BC-TTVHTT"],
    ["  ", UBND, "Số: …/BC-UBND", "No. …/BC-UBND"],
  ])("number %j, agency %j → %s", (number, agency, vi, en) => {
    expect(reportNumberLine(with_(number), agency, "vi")).toBe(vi);
    expect(reportNumberLine(with_(number), agency, "en")).toBe(en);
  });
});

describe("the signer block", () => {
  it("defaults from the agency: a People's Committee signs TM. with its chair", () => {
    expect(signerBlock(EMPTY_REPORT_SETTINGS, UBND, "vi")).toEqual({
      authority: ["TM. ỦY BAN NHÂN DÂN"],
      title: "CHỦ TỊCH",
      name: null,
    });
    expect(signerBlock(EMPTY_REPORT_SETTINGS, UBND, "en")).toEqual({
      authority: ["For the People's Committee"],
      title: "Chairperson",
      name: null,
    });
    expect(signerBlock(EMPTY_REPORT_SETTINGS, "Trung tâm VH-TT-DL&TT", "vi")).toEqual({
      authority: [],
      title: "THỦ TRƯỞNG CƠ QUAN",
      name: null,
    });
  });

  it("prints what the clerk wrote: authority lines split at ';', capitals, the name as written", () => {
    const report: ReportSettings = {
      ...EMPTY_REPORT_SETTINGS,
      signerAuthority: "TM. Ủy ban nhân dân;KT. Chủ tịch",
      signerTitle: "Phó Chủ tịch",
      signerName: "Nguyễn Văn An",
    };
    expect(signerBlock(report, UBND, "vi")).toEqual({
      authority: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
      title: "PHÓ CHỦ TỊCH",
      name: "Nguyễn Văn An",
    });
    expect(
      signerBlock(
        { ...EMPTY_REPORT_SETTINGS, signerAuthority: "Q. Giám đốc\nGiám đốc" },
        null,
        "vi",
      ).authority,
    ).toEqual(["Q. GIÁM ĐỐC", "GIÁM ĐỐC"]);
  });
});
