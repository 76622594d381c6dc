/**
 * Plan settings: what a clerk enters once per plan (year, allocation, agency, an optional as-of
 * date, rates per minute). The tracker writes them on a settings sheet it creates; the tool reads
 * them back from there by label, so a clerk may reorder rows or add notes without breaking it.
 */
import type { IsoDate } from "./calendar";
import { cellText, isBlank, isDateValue, type CellValue } from "./cell";
import { issue, locate, type Diagnostic } from "./diagnostics";
import { parseMoney } from "./money";
import { parsePeriod } from "./period";
import { fold } from "./text";
import { normalizeType } from "./countType";
import {
  EMPTY_REPORT_SETTINGS,
  readReportSetting,
  REPORT_SECTION_LABEL,
  REPORT_SETTING_LABELS,
  REPORT_SETTING_ORDER,
  RULE_INVALID_MESSAGE,
  type ReportSettingKey,
  type ReportSettings,
} from "./reportSettings";
import type { WindowRule } from "./reportingPeriod";
import { parseRecipients } from "./recipients";
import type { SheetData } from "./workbookData";

export const SETTINGS_SHEET = "Cài đặt";

export interface PlanSettings {
  readonly planYear: number | null;
  readonly allocationVnd: number | null;
  readonly agency: string | null;
  readonly planTitle: string | null;
  /** Place name for the report's date line ("Ia H'Drai, ngày …"). */
  readonly place: string | null;
  /** Fixed evaluation date; null means "today" (TODAY() in the workbook). */
  readonly asOf: IsoDate | null;
  /** Planned cost per minute by canonical product type, in đồng. */
  readonly ratesPerMinute: Readonly<Record<string, number>>;
  /** The periodic report's rule, number and signer (src/domain/reportSettings.ts). */
  readonly report: ReportSettings;
  /**
   * The partner station ("Đài Phát thanh - Truyền hình tỉnh", "Báo và Phát thanh, Truyền hình
   * Quảng Ngãi"); null: not set, the one the plan names is used.
   */
  readonly station?: string | null;
  /** "Nơi nhận" as the clerk wrote it, one entry each; null: the default for the agency's level. */
  readonly recipients?: readonly string[] | null;
}

export const EMPTY_SETTINGS: PlanSettings = {
  planYear: null,
  allocationVnd: null,
  agency: null,
  planTitle: null,
  place: null,
  asOf: null,
  ratesPerMinute: {},
  report: EMPTY_REPORT_SETTINGS,
  station: null,
  recipients: null,
};

export type SettingKey = "planYear" | "allocationVnd" | "agency" | "planTitle" | "place" | "asOf";

/** Labels the settings sheet is written with; reading matches their folded start. */
export const SETTING_LABELS: Readonly<Record<SettingKey, { vi: string; en: string }>> = {
  planYear: { vi: "Năm kế hoạch", en: "Plan year" },
  allocationVnd: { vi: "Kinh phí được giao (đồng)", en: "Yearly allocation (VND)" },
  agency: { vi: "Cơ quan ban hành", en: "Issuing agency" },
  planTitle: { vi: "Tên kế hoạch", en: "Plan title" },
  place: { vi: "Địa danh", en: "Place" },
  asOf: { vi: "Ngày tính (để trống = hôm nay)", en: "As-of date (blank = today)" },
};

export const SETTING_ORDER: readonly SettingKey[] = [
  "planYear",
  "allocationVnd",
  "agency",
  "planTitle",
  "place",
  "asOf",
];

/** Who the report goes to and who the plan is made with: rows after the periodic report's. */
export type PartySettingKey = "station" | "recipients";

export const PARTY_SETTING_ORDER: readonly PartySettingKey[] = ["station", "recipients"];

export const PARTY_SETTING_LABELS: Readonly<
  Record<PartySettingKey, { readonly vi: string; readonly en: string }>
> = {
  station: { vi: "Đơn vị phối hợp (đài, báo)", en: "Partner station" },
  recipients: { vi: "Nơi nhận", en: "Recipients" },
};

/** The heading over those rows on the settings sheet. */
export const PARTY_SECTION_LABEL = {
  vi: "ĐƠN VỊ PHỐI HỢP VÀ NƠI NHẬN",
  en: "Partner and recipients",
} as const;

export const RATES_LABEL = { vi: "Đơn giá theo phút (đồng/phút)", en: "Rate per minute (VND/min)" };

/** A plan setting or a periodic-report setting: every row the settings sheet is read by. */
export type AnySettingKey = SettingKey | ReportSettingKey | PartySettingKey;

const ALL_LABELS: Readonly<Record<AnySettingKey, { vi: string; en: string }>> = {
  ...SETTING_LABELS,
  ...REPORT_SETTING_LABELS,
  ...PARTY_SETTING_LABELS,
};
const ALL_KEYS: readonly AnySettingKey[] = [
  ...SETTING_ORDER,
  ...REPORT_SETTING_ORDER,
  ...PARTY_SETTING_ORDER,
];

function labelKey(value: CellValue): AnySettingKey | "rates" | "section" | null {
  if (typeof value !== "string") return null;
  const f = fold(value);
  if (f.startsWith(fold(RATES_LABEL.vi)) || f.startsWith(fold(RATES_LABEL.en))) return "rates";
  if (f.startsWith(fold(REPORT_SECTION_LABEL.vi)) || f.startsWith(fold(PARTY_SECTION_LABEL.vi)))
    return "section";
  for (const key of ALL_KEYS) {
    const label = ALL_LABELS[key];
    // Labels are matched on their first words, so "Năm kế hoạch (Plan year)" still reads.
    const vi = fold(label.vi).replace(/\s*\(.*$/, "");
    const en = fold(label.en).replace(/\s*\(.*$/, "");
    if (f.startsWith(vi) || f.startsWith(en)) return key;
  }
  return null;
}

export interface SettingsRead {
  readonly settings: PlanSettings;
  readonly diagnostics: Diagnostic[];
  /** Where each setting's value cell is (1-based), for formulas and defined names. */
  readonly cells: Readonly<Partial<Record<AnySettingKey, { row: number; col: number }>>>;
}

export function readSettings(sheet: SheetData): SettingsRead {
  const diagnostics: Diagnostic[] = [];
  const cells: Partial<Record<AnySettingKey, { row: number; col: number }>> = {};
  let planYear: number | null = null;
  let allocationVnd: number | null = null;
  let agency: string | null = null;
  let planTitle: string | null = null;
  let place: string | null = null;
  let asOf: IsoDate | null = null;
  let station: string | null = null;
  let recipients: readonly string[] | null = null;
  const ratesPerMinute: Record<string, number> = {};
  const report: { -readonly [K in keyof ReportSettings]: ReportSettings[K] } = {
    ...EMPTY_REPORT_SETTINGS,
  };
  let inRates = false;

  const bad = (row: number, key: AnySettingKey, value: CellValue, vi: string, en: string): void => {
    diagnostics.push(
      locate(issue(`settings.${key}-invalid`, "error", { vi, en }), {
        sheet: sheet.name,
        row,
        col: 2,
        field: null,
        value: cellText(value),
      }),
    );
  };

  sheet.rows.forEach((cells_, i) => {
    const row = i + 1;
    const label = cells_[0] ?? null;
    const value = cells_[1] ?? null;
    const key = labelKey(label);
    if (key === "rates") {
      inRates = true;
      return;
    }
    if (key === "section") {
      inRates = false;
      return;
    }
    if (key !== null) {
      inRates = false;
      cells[key] = { row, col: 2 };
      if (isBlank(value)) return;
      switch (key) {
        case "planYear": {
          const year = typeof value === "number" ? value : Number(cellText(value).trim());
          if (Number.isInteger(year) && year >= 1990 && year <= 2100) planYear = year;
          else
            bad(
              row,
              key,
              value,
              `Năm kế hoạch "${cellText(value)}" không hợp lệ; nhập năm bốn chữ số, ví dụ 2023.`,
              `Plan year "${cellText(value)}" is not valid; enter a four-digit year, e.g. 2023.`,
            );
          break;
        }
        case "allocationVnd": {
          const money = parseMoney(value);
          if (money.value && money.value.perUnit === null && money.value.range === null)
            allocationVnd = money.value.vnd;
          else
            bad(
              row,
              key,
              value,
              `Kinh phí được giao "${cellText(value)}" không đọc được; nhập số tiền bằng đồng, ví dụ 150.000.000.`,
              `Yearly allocation "${cellText(value)}" cannot be read; enter an amount in đồng, e.g. 150.000.000.`,
            );
          break;
        }
        case "asOf": {
          const date = readDate(value);
          if (date) asOf = date;
          else
            bad(
              row,
              key,
              value,
              `Ngày tính "${cellText(value)}" không phải ngày; nhập dd/mm/yyyy hoặc để trống (= hôm nay).`,
              `As-of date "${cellText(value)}" is not a date; enter dd/mm/yyyy or leave it blank (= today).`,
            );
          break;
        }
        case "agency":
          agency = cellText(value).trim();
          break;
        case "planTitle":
          planTitle = cellText(value).trim();
          break;
        case "place":
          place = cellText(value).trim();
          break;
        case "station":
          station = cellText(value).trim() || null;
          break;
        case "recipients":
          recipients = parseRecipients(cellText(value));
          break;
        default: {
          const read = readReportSetting(key, value);
          if (read.invalid) {
            const text = RULE_INVALID_MESSAGE(cellText(value));
            bad(row, key, value, text.vi, text.en);
          } else if (key === "reportRule") report.rule = read.value as WindowRule | null;
          else if (key === "reportNumber") report.number = read.value;
          else if (key === "signerAuthority") report.signerAuthority = read.value;
          else if (key === "signerTitle") report.signerTitle = read.value;
          else report.signerName = read.value;
        }
      }
      return;
    }
    if (inRates && !isBlank(label) && !isBlank(value)) {
      const type = normalizeType(label);
      const money = parseMoney(value);
      if (type && money.value && money.value.range === null) ratesPerMinute[type] = money.value.vnd;
      else if (type && fold(cellText(label)) !== fold("Loại sản phẩm"))
        diagnostics.push(
          locate(
            issue("settings.rate-invalid", "error", {
              vi: `Đơn giá "${cellText(value)}" cho "${cellText(label)}" không đọc được; nhập số đồng cho mỗi phút, ví dụ 3.000.000.`,
              en: `Rate "${cellText(value)}" for "${cellText(label)}" cannot be read; enter đồng per minute, e.g. 3.000.000.`,
            }),
            { sheet: sheet.name, row, col: 2, field: null, value: cellText(value) },
          ),
        );
    }
  });

  return {
    settings: {
      planYear,
      allocationVnd,
      agency,
      planTitle,
      place,
      asOf,
      ratesPerMinute,
      report,
      station,
      recipients,
    },
    diagnostics,
    cells,
  };
}

function readDate(value: CellValue): IsoDate | null {
  if (isDateValue(value) || typeof value === "number" || typeof value === "string") {
    const parsed = parsePeriod(value, { planYear: null });
    if (parsed.value && parsed.value.kind === "date") return parsed.value.end;
  }
  return null;
}
