/**
 * The settings sheet "Cài đặt": created once, pre-filled from the plan, then the clerk's. The tool
 * writes a value there again only when asked on the command line (--as-of, --allocation, …).
 */
import { isoToSerial } from "../calendar";
import { PRODUCT_TYPES } from "../countType";
import { emptySheet, type CellSpec, type SheetSpec, type ValidationSpec } from "../layout/spec";
import {
  RATES_LABEL,
  SETTING_LABELS,
  SETTING_ORDER,
  SETTINGS_SHEET,
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

const NOTES: Readonly<Record<SettingKey, string>> = {
  planYear: "Năm của kế hoạch; ngày phát sóng phải nằm trong năm này. / The plan's year.",
  allocationVnd: "Tổng kinh phí được giao cả năm, bằng đồng. / The year's allocation, in đồng.",
  agency: "Cơ quan ban hành, in trên báo cáo. / Issuing agency, printed on the report.",
  planTitle: "Tên kế hoạch, in trên báo cáo. / Plan title, printed on the report.",
  place: "Địa danh cho dòng ngày tháng của báo cáo. / Place for the report's date line.",
  asOf: "Để trống thì tính theo ngày hôm nay. / Blank = today.",
};

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

function valueFormat(key: SettingKey): string | undefined {
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
  const ratesRow = SETTINGS_FIRST_ROW + SETTING_ORDER.length + 1;
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
  const notesRow = ratesRow + 3 + PRODUCT_TYPES.length;
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
  return {
    ...emptySheet(SETTINGS_SHEET, "create-if-missing"),
    cells,
    columns: [
      { col: 1, width: 48 },
      { col: 2, width: 34 },
      { col: 3, width: 70 },
    ],
    merges: [`A${notesRow}:C${notesRow}`, `A${notesRow + 1}:C${notesRow + 1}`],
    validations: settingValidations(),
    tabColor: "7F7F7F",
  };
}

/** Values the user asked to set on an existing sheet (e.g. --as-of), at the cells they live in. */
export function settingsPatch(
  overrides: Partial<Record<SettingKey, string | number | null>>,
  cells: Readonly<Partial<Record<SettingKey, { row: number; col: number }>>>,
): SheetSpec | null {
  const specs: CellSpec[] = [];
  for (const key of SETTING_ORDER) {
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
