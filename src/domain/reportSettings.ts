/**
 * What the periodic results report needs from the settings sheet, kept apart from the plan's own
 * settings: the reporting-window rule, the report's number ("Số: …/BC-UBND") and the signer block
 * of Nghị định 30/2020/NĐ-CP (authority TM./KT./Q., title, name). Every value may be blank — and a
 * tracker made before these rows existed has none of them: each then reads a default derived from
 * the agency, so older trackers keep working unchanged.
 */
import { cellText, isBlank, type CellValue } from "./cell";
import type { Lang } from "./diagnostics";
import { DEFAULT_WINDOW_RULE, RULE_LABELS, type WindowRule } from "./reportingPeriod";
import { fold } from "./text";

export type ReportSettingKey =
  "reportRule" | "reportNumber" | "signerAuthority" | "signerTitle" | "signerName";

export const REPORT_SETTING_ORDER: readonly ReportSettingKey[] = [
  "reportRule",
  "reportNumber",
  "signerAuthority",
  "signerTitle",
  "signerName",
];

/** Labels of the rows; reading matches their folded start, as for the other settings. */
export const REPORT_SETTING_LABELS: Readonly<
  Record<ReportSettingKey, { readonly vi: string; readonly en: string }>
> = {
  reportRule: { vi: "Kỳ báo cáo", en: "Reporting periods" },
  reportNumber: { vi: "Số báo cáo", en: "Report number" },
  signerAuthority: { vi: "Thẩm quyền ký (TM./KT./Q.)", en: "Signing authority" },
  signerTitle: { vi: "Chức vụ người ký", en: "Signer's title" },
  signerName: { vi: "Họ tên người ký", en: "Signer's name" },
};

/** The heading over the rows on the settings sheet. */
export const REPORT_SECTION_LABEL = { vi: "BÁO CÁO ĐỊNH KỲ", en: "Periodic report" } as const;

export interface ReportSettings {
  /** null: not set (blank or no row), the default rule applies. */
  readonly rule: WindowRule | null;
  /** As written: "125", "125/BC-UBND", or null for "…/BC-<agency>". */
  readonly number: string | null;
  readonly signerAuthority: string | null;
  readonly signerTitle: string | null;
  readonly signerName: string | null;
}

export const EMPTY_REPORT_SETTINGS: ReportSettings = {
  rule: null,
  number: null,
  signerAuthority: null,
  signerTitle: null,
  signerName: null,
};

export function effectiveRule(report: ReportSettings): WindowRule {
  return report.rule ?? DEFAULT_WINDOW_RULE;
}

/**
 * The rule a cell names: its label from the dropdown, or the short forms a clerk types
 * ("dương lịch", "calendar", "NĐ 09", "15-14"). Undefined when the text names neither.
 */
export function parseWindowRule(value: CellValue): WindowRule | undefined {
  const f = fold(cellText(value));
  if (f === "") return undefined;
  for (const rule of ["calendar", "nd09"] as const) {
    if (f === fold(RULE_LABELS[rule].vi) || f === fold(RULE_LABELS[rule].en) || f === rule)
      return rule;
  }
  if (/duong lich|calendar/.test(f)) return "calendar";
  if (/\bn\.?d\.?\s*0?9\b|09\/2019|\b15\b|decree/.test(f)) return "nd09";
  return undefined;
}

/** Reads one report setting's value cell; a rule the tool cannot read is an error for the caller. */
export function readReportSetting(
  key: ReportSettingKey,
  value: CellValue,
): { readonly value: string | null; readonly invalid: boolean } {
  if (isBlank(value)) return { value: null, invalid: false };
  if (key === "reportRule") {
    const rule = parseWindowRule(value);
    return rule ? { value: rule, invalid: false } : { value: null, invalid: true };
  }
  const text = cellText(value).trim();
  return { value: text === "" ? null : text, invalid: false };
}

export const RULE_INVALID_MESSAGE = (
  value: string,
): { readonly vi: string; readonly en: string } => ({
  vi: `Kỳ báo cáo "${value}" không hợp lệ; chọn "${RULE_LABELS.calendar.vi}" hoặc "${RULE_LABELS.nd09.vi}" (để trống = ${RULE_LABELS[DEFAULT_WINDOW_RULE].vi}).`,
  en: `Reporting periods "${value}" is not valid; choose "${RULE_LABELS.calendar.vi}" (${RULE_LABELS.calendar.en}) or "${RULE_LABELS.nd09.vi}" (${RULE_LABELS.nd09.en}); blank = ${RULE_LABELS[DEFAULT_WINDOW_RULE].en}.`,
});

type AgencyKind = "ubnd" | "hdnd" | "svhttdl";

function agencyKind(agency: string | null): AgencyKind | null {
  if (!agency) return null;
  const f = fold(agency);
  if (/^(uy ban nhan dan|ubnd)\b/.test(f)) return "ubnd";
  if (/^(hoi dong nhan dan|hdnd)\b/.test(f)) return "hdnd";
  if (/^so van hoa,? the thao (va|&) du lich\b/.test(f)) return "svhttdl";
  return null;
}

const ABBREVIATIONS: Readonly<Record<AgencyKind, string>> = {
  ubnd: "UBND",
  hdnd: "HĐND",
  svhttdl: "SVHTTDL",
};

/** The agency's abbreviation in a document symbol ("BC-UBND"), when the tool knows it. */
export function agencyAbbreviation(agency: string | null): string | null {
  const kind = agencyKind(agency);
  return kind ? ABBREVIATIONS[kind] : null;
}

/**
 * "Số: 125/BC-UBND" (vi) or "No. 125/BC-UBND" (en). A bare number gets "/BC-" and the agency's
 * abbreviation; a blank one dots ("…/BC-UBND"), and an unknown agency dots too ("…/BC-…").
 */
export function reportNumberLine(
  report: ReportSettings,
  agency: string | null,
  lang: Lang,
): string {
  const abbr = agencyAbbreviation(agency) ?? "…";
  const raw = (report.number ?? "").replace(/^\s*(số|so|no\.?)\s*:?\s*/iu, "").trim();
  const symbol = raw === "" ? `…/BC-${abbr}` : /^\d+$/.test(raw) ? `${raw}/BC-${abbr}` : raw;
  return lang === "vi" ? `Số: ${symbol}` : `No. ${symbol}`;
}

export interface SignerBlock {
  /** "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH": one line each, above the title. */
  readonly authority: readonly string[];
  readonly title: string;
  /** Under the signature space; null leaves the space for the name to be written. */
  readonly name: string | null;
}

const DEFAULT_SIGNER: Readonly<
  Record<AgencyKind | "other", Record<Lang, { authority: string | null; title: string }>>
> = {
  ubnd: {
    vi: { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH" },
    en: { authority: "For the People's Committee", title: "Chairperson" },
  },
  hdnd: {
    vi: { authority: "TM. THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN", title: "CHỦ TỊCH" },
    en: { authority: "For the Standing Board of the People's Council", title: "Chairperson" },
  },
  svhttdl: {
    vi: { authority: null, title: "GIÁM ĐỐC" },
    en: { authority: null, title: "Director" },
  },
  other: {
    vi: { authority: null, title: "THỦ TRƯỞNG CƠ QUAN" },
    en: { authority: null, title: "Head of the agency" },
  },
};

/**
 * The signer block: the settings as written (authority lines split at line breaks or ";"),
 * each blank one replaced by the default for the agency. Vietnamese authority and title are in
 * capitals, as Nghị định 30/2020 lays them out; the name is printed as written.
 */
export function signerBlock(
  report: ReportSettings,
  agency: string | null,
  lang: Lang,
): SignerBlock {
  const fallback = DEFAULT_SIGNER[agencyKind(agency) ?? "other"][lang];
  const upper = (s: string): string => (lang === "vi" ? s.toLocaleUpperCase("vi") : s);
  const authority =
    report.signerAuthority !== null
      ? report.signerAuthority
          .split(/\r?\n|;/)
          .map((l) => l.trim())
          .filter((l) => l !== "")
      : fallback.authority
        ? [fallback.authority]
        : [];
  return {
    authority: authority.map(upper),
    title: upper(report.signerTitle?.trim() || fallback.title),
    name: report.signerName?.trim() || null,
  };
}
