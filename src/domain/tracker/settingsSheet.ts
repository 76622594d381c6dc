/**
 * The settings sheet "Cài đặt": created once, pre-filled from the plan, then the clerk's. The tool
 * writes a value there again only when asked on the command line (--as-of, --allocation, …).
 */
import { isoToSerial } from "../calendar";
import { PRODUCT_TYPES } from "../countType";
import { emptySheet, type CellSpec, type SheetSpec, type ValidationSpec } from "../layout/spec";
import { RULE_LABELS } from "../reportingPeriod";
import {
  effectiveRule,
  REPORT_SECTION_LABEL,
  REPORT_SETTING_LABELS,
  REPORT_SETTING_ORDER,
  type ReportSettingKey,
} from "../reportSettings";
import {
  PARTY_SECTION_LABEL,
  PARTY_SETTING_LABELS,
  PARTY_SETTING_ORDER,
  RATES_LABEL,
  SETTING_LABELS,
  SETTING_ORDER,
  SETTINGS_SHEET,
  type AnySettingKey,
  type PartySettingKey,
  type PlanSettings,
  type SettingKey,
} from "../settings";
import { COLORS, DATE_FORMAT, VND_FORMAT } from "./styles";

export const SETTINGS_FIRST_ROW = 4;
/** Where each setting's value sits on a sheet the tool created. */
export const SETTING_CELLS: Readonly<Record<SettingKey, { row: number; col: number }>> =
  Object.fromEntries(
    SETTING_ORDER.map((k, i) => [k, { row: SETTINGS_FIRST_ROW + i, col: 2 }]),
  ) as Record<SettingKey, { row: number; col: number }>;

/** The rates table's heading, the notes under it, then the periodic report's heading. */
const RATES_ROW = SETTINGS_FIRST_ROW + SETTING_ORDER.length + 1;
const NOTES_ROW = RATES_ROW + 3 + PRODUCT_TYPES.length;
/** Row of the "BÁO CÁO ĐỊNH KỲ" heading on a sheet the tool creates (below the rates and notes). */
export const REPORT_SECTION_ROW = NOTES_ROW + 3;

const NOTES: Readonly<Record<SettingKey, string>> = {
  planYear: "Năm của kế hoạch; ngày phát sóng phải nằm trong năm này. / The plan's year.",
  allocationVnd: "Tổng kinh phí được giao cả năm, bằng đồng. / The year's allocation, in đồng.",
  agency: "Cơ quan ban hành, in trên báo cáo. / Issuing agency, printed on the report.",
  planTitle: "Tên kế hoạch, in trên báo cáo. / Plan title, printed on the report.",
  place: "Địa danh cho dòng ngày tháng của báo cáo. / Place for the report's date line.",
  asOf: "Để trống thì tính theo ngày hôm nay. / Blank = today.",
};

const REPORT_NOTES: Readonly<Record<ReportSettingKey, string>> = {
  reportRule: `Cách chia kỳ của báo cáo kết quả: "${RULE_LABELS.nd09.vi}" theo điều 12 Nghị định 09/2019/NĐ-CP (Quý I = 15/12 năm trước – 14/03) hoặc "${RULE_LABELS.calendar.vi}" (Quý I = 01/01 – 31/03). / The results report's periods: the 15th-to-14th cut-off of Decree 09/2019 or calendar quarters.`,
  reportNumber:
    'Số và ký hiệu in ở dòng "Số:", ví dụ 125 hoặc 125/BC-UBND; để trống = "…/BC-…" để ghi tay. / The number printed on the "Số:" line; blank leaves dots.',
  signerAuthority:
    'TM., KT. hoặc Q., ví dụ "TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH" (mỗi dòng cách nhau bằng dấu ;); để trống = theo cơ quan ban hành. / On whose behalf the signer signs; lines separated by ";", blank = from the agency.',
  signerTitle:
    "Ví dụ CHỦ TỊCH, PHÓ CHỦ TỊCH, GIÁM ĐỐC; để trống = theo cơ quan ban hành. / The signer's title; blank = from the agency.",
  signerName:
    "In đậm dưới chỗ ký; để trống thì để chỗ ghi tay. / Printed in bold under the signature; blank leaves room to write it.",
};

function reportSettingValue(key: ReportSettingKey, s: PlanSettings): CellSpec["value"] {
  switch (key) {
    case "reportRule":
      return RULE_LABELS[effectiveRule(s.report)].vi;
    case "reportNumber":
      return s.report.number;
    case "signerAuthority":
      return s.report.signerAuthority;
    case "signerTitle":
      return s.report.signerTitle;
    case "signerName":
      return s.report.signerName;
  }
}

function settingValue(key: SettingKey, s: PlanSettings): CellSpec["value"] {
  switch (key) {
    case "planYear":
      return s.planYear;
    case "allocationVnd":
      return s.allocationVnd;
    case "agency":
      return s.agency;
    case "planTitle":
      return s.planTitle;
    case "place":
      return s.place;
    case "asOf":
      return s.asOf ? isoToSerial(s.asOf) : null;
  }
}

function valueFormat(key: AnySettingKey): string | undefined {
  if (key === "asOf") return DATE_FORMAT;
  if (key === "allocationVnd") return VND_FORMAT;
  return undefined;
}

function settingValidations(): ValidationSpec[] {
  const at = (k: SettingKey): string => `B${SETTING_CELLS[k].row}`;
  return [
    {
      range: at("planYear"),
      type: "whole",
      operator: "between",
      formulae: ["1990", "2100"],
      allowBlank: true,
      errorStyle: "stop",
      errorTitle: "Năm kế hoạch / Plan year",
      error: "Nhập năm bốn chữ số, ví dụ 2023. / Enter a four-digit year, e.g. 2023.",
    },
    {
      range: at("allocationVnd"),
      type: "decimal",
      operator: "greaterThanOrEqual",
      formulae: ["0"],
      allowBlank: true,
      errorStyle: "stop",
      errorTitle: "Kinh phí / Allocation",
      error: "Nhập số tiền bằng đồng (số ≥ 0), ví dụ 150000000. / Enter an amount in đồng (≥ 0).",
    },
    {
      range: at("asOf"),
      type: "date",
      operator: "between",
      formulae: [String(isoToSerial("1990-01-01")), String(isoToSerial("2100-12-31"))],
      allowBlank: true,
      errorStyle: "stop",
      errorTitle: "Ngày tính / As-of date",
      error: "Nhập ngày dd/mm/yyyy hoặc để trống. / Enter a date (dd/mm/yyyy) or leave blank.",
    },
  ];
}

/** The whole sheet, for a workbook that has none yet. */
export function newSettingsSheet(settings: PlanSettings): SheetSpec {
  const cells: CellSpec[] = [
    {
      row: 1,
      col: 1,
      value: "CÀI ĐẶT KẾ HOẠCH — Plan settings",
      style: { bold: true, size: 14, color: COLORS.title },
    },
    {
      row: 2,
      col: 1,
      value:
        "Điền cột B; công cụ đọc lại các giá trị này mỗi lần chạy. / Fill in column B; the tool reads these values on every run.",
      style: { italic: true },
    },
    ...["Mục / Setting", "Giá trị / Value", "Ghi chú / Notes"].map((value, i) => ({
      row: 3,
      col: i + 1,
      value,
      style: { bold: true, fill: COLORS.planHeader, border: true },
    })),
  ];
  for (const key of SETTING_ORDER) {
    const { row } = SETTING_CELLS[key];
    const label = SETTING_LABELS[key];
    const numFmt = valueFormat(key);
    cells.push({ row, col: 1, value: `${label.vi} (${label.en})`, style: { border: true } });
    cells.push({
      row,
      col: 2,
      value: settingValue(key, settings),
      style: { border: true },
      ...(numFmt ? { numFmt } : {}),
    });
    cells.push({ row, col: 3, value: NOTES[key], style: { italic: true, color: "595959" } });
  }
  const ratesRow = RATES_ROW;
  cells.push({
    row: ratesRow,
    col: 1,
    value: `${RATES_LABEL.vi} — ${RATES_LABEL.en}`,
    style: { bold: true },
  });
  cells.push({
    row: ratesRow,
    col: 3,
    value:
      "Dùng khi một mục không ghi kinh phí: số lượng × thời lượng × đơn giá. / Used when an item has no budget: count × minutes × rate.",
    style: { italic: true, color: "595959" },
  });
  cells.push({
    row: ratesRow + 1,
    col: 1,
    value: "Loại sản phẩm",
    style: { bold: true, fill: COLORS.planHeader, border: true },
  });
  cells.push({
    row: ratesRow + 1,
    col: 2,
    value: "Đơn giá (đồng/phút)",
    style: { bold: true, fill: COLORS.planHeader, border: true },
  });
  PRODUCT_TYPES.forEach((type, i) => {
    const row = ratesRow + 2 + i;
    cells.push({ row, col: 1, value: type, style: { border: true } });
    const rate = settings.ratesPerMinute[type];
    cells.push({ row, col: 2, value: rate ?? null, numFmt: VND_FORMAT, style: { border: true } });
  });
  const notesRow = NOTES_ROW;
  cells.push({
    row: notesRow,
    col: 1,
    value:
      'Cột Hạn hoàn thành, Kiểm tra và các cột "quy đổi" trên trang kế hoạch do công cụ tính lại mỗi lần chạy. Muốn đặt hạn riêng cho một mục, gõ ngày vào ô Hạn hoàn thành của mục đó: công cụ giữ nguyên ngày bạn gõ.',
    style: { italic: true, wrap: true },
  });
  cells.push({
    row: notesRow + 1,
    col: 1,
    value:
      'The Due date, Check and "quy đổi" (value) columns of the plan sheet are recomputed on every run. To set your own due date for an item, type it in its Due date cell: the tool keeps what you type.',
    style: { italic: true, wrap: true },
  });
  const report = reportSection(settings, REPORT_SECTION_ROW);
  cells.push(...report.cells);
  cells.push(...partySection(settings));
  return {
    ...emptySheet(SETTINGS_SHEET, "create-if-missing"),
    cells,
    columns: [
      { col: 1, width: 48 },
      { col: 2, width: 34 },
      { col: 3, width: 70 },
    ],
    merges: [`A${notesRow}:C${notesRow}`, `A${notesRow + 1}:C${notesRow + 1}`],
    validations: [...settingValidations(), report.validation],
    tabColor: "7F7F7F",
  };
}

/** Where each report setting's value sits on a sheet the tool created. */
export const REPORT_SETTING_CELLS: Readonly<
  Record<ReportSettingKey, { row: number; col: number }>
> = Object.fromEntries(
  REPORT_SETTING_ORDER.map((k, i) => [k, { row: REPORT_SECTION_ROW + 1 + i, col: 2 }]),
) as Record<ReportSettingKey, { row: number; col: number }>;

/**
 * The periodic report's rows, after everything else on the sheet, so the plan settings and the
 * rates keep the cells older trackers (and their formulas) have them in.
 */
function reportSection(
  settings: PlanSettings,
  headingRow: number,
): { cells: CellSpec[]; validation: ValidationSpec } {
  const cells: CellSpec[] = [
    {
      row: headingRow,
      col: 1,
      value: `${REPORT_SECTION_LABEL.vi} — ${REPORT_SECTION_LABEL.en}`,
      style: { bold: true },
    },
  ];
  for (const key of REPORT_SETTING_ORDER) {
    const { row } = REPORT_SETTING_CELLS[key];
    const label = REPORT_SETTING_LABELS[key];
    cells.push({ row, col: 1, value: `${label.vi} (${label.en})`, style: { border: true } });
    cells.push({
      row,
      col: 2,
      value: reportSettingValue(key, settings),
      style: { border: true },
    });
    cells.push({ row, col: 3, value: REPORT_NOTES[key], style: { italic: true, color: "595959" } });
  }
  const choices = [RULE_LABELS.nd09.vi, RULE_LABELS.calendar.vi];
  return {
    cells,
    validation: {
      range: `B${REPORT_SETTING_CELLS.reportRule.row}`,
      type: "list",
      formulae: [`"${choices.join(",")}"`],
      allowBlank: true,
      errorStyle: "stop",
      errorTitle: "Kỳ báo cáo / Reporting periods",
      error: `Chọn trong danh sách: ${choices.join("; ")}. / Choose from the list.`,
    },
  };
}

/** Row of the "ĐƠN VỊ PHỐI HỢP VÀ NƠI NHẬN" heading: after the periodic report's rows. */
export const PARTY_SECTION_ROW = REPORT_SECTION_ROW + 1 + REPORT_SETTING_ORDER.length + 1;

/** Where the partner station and the recipients sit on a sheet the tool created. */
export const PARTY_SETTING_CELLS: Readonly<Record<PartySettingKey, { row: number; col: number }>> =
  Object.fromEntries(
    PARTY_SETTING_ORDER.map((k, i) => [k, { row: PARTY_SECTION_ROW + 1 + i, col: 2 }]),
  ) as Record<PartySettingKey, { row: number; col: number }>;

const PARTY_NOTES: Readonly<Record<PartySettingKey, string>> = {
  station:
    'Đài hoặc báo cùng thực hiện kế hoạch, ví dụ "Đài Phát thanh - Truyền hình tỉnh" hay "Báo và Phát thanh, Truyền hình tỉnh"; điền sẵn theo văn bản kế hoạch, để trống = theo văn bản. / The partner station, as the plan names it; blank = from the plan.',
  recipients:
    'Nơi nhận của báo cáo, mỗi nơi một dòng hoặc cách nhau bằng dấu ;, ví dụ "Sở Văn hóa, Thể thao và Du lịch (b/c); Thường trực Đảng ủy, HĐND xã (b/c); Lưu: VT". Để trống = danh sách theo cấp của cơ quan ban hành (xã, phường, đặc khu, tỉnh); "Lưu: VT" luôn được thêm. / The report\'s recipients, one per line or separated by ";"; blank = a list for the agency\'s level.',
};

/** The partner station and the recipients, after the periodic report's rows (older cells stay put). */
function partySection(settings: PlanSettings): CellSpec[] {
  const cells: CellSpec[] = [
    {
      row: PARTY_SECTION_ROW,
      col: 1,
      value: `${PARTY_SECTION_LABEL.vi} — ${PARTY_SECTION_LABEL.en}`,
      style: { bold: true },
    },
  ];
  for (const key of PARTY_SETTING_ORDER) {
    const { row } = PARTY_SETTING_CELLS[key];
    const label = PARTY_SETTING_LABELS[key];
    const value =
      key === "station" ? (settings.station ?? null) : (settings.recipients?.join("; ") ?? null);
    cells.push({ row, col: 1, value: `${label.vi} (${label.en})`, style: { border: true } });
    cells.push({ row, col: 2, value, style: { border: true, wrap: true } });
    cells.push({ row, col: 3, value: PARTY_NOTES[key], style: { italic: true, color: "595959" } });
  }
  return cells;
}

/** Values the user asked to set on an existing sheet (e.g. --as-of), at the cells they live in. */
export function settingsPatch(
  overrides: Partial<Record<AnySettingKey, string | number | null>>,
  cells: Readonly<Partial<Record<AnySettingKey, { row: number; col: number }>>>,
): SheetSpec | null {
  const specs: CellSpec[] = [];
  for (const key of [...SETTING_ORDER, ...REPORT_SETTING_ORDER, ...PARTY_SETTING_ORDER]) {
    if (!(key in overrides)) continue;
    const at = cells[key];
    if (!at) continue;
    const raw = overrides[key] ?? null;
    const value = key === "asOf" && typeof raw === "string" ? isoToSerial(raw) : raw;
    const numFmt = valueFormat(key);
    specs.push({ row: at.row, col: at.col, value, ...(numFmt ? { numFmt } : {}) });
  }
  return specs.length > 0 ? { ...emptySheet(SETTINGS_SHEET, "patch"), cells: specs } : null;
}
