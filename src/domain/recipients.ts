/**
 * "Nơi nhận" of the results report: what the clerk wrote on the settings sheet, or a list that
 * fits the issuing agency's level. Since 1 July 2025 a commune (xã, phường, đặc khu) reports to
 * the province; press management sits with the Ministry and the provincial departments of
 * Culture, Sports and Tourism (Sở Văn hóa, Thể thao và Du lịch), so a commune's results report
 * on a press plan goes to the Sở for its information (b/c), with the partner station.
 * Finance for a commune is its Phòng Kinh tế (Phòng Kinh tế, Hạ tầng và Đô thị for a ward and
 * the Phú Quốc special zone), under Nghị định 150/2025/NĐ-CP.
 * A district-level agency (a plan from before July 2025, as the bundled sample) keeps the list
 * such reports had then. The list always ends with "Lưu: VT." (the office's own copy).
 */
import { agencyLevel, agencyUnit, type UnitWord } from "./agency";
import type { Lang } from "./diagnostics";
import { fold } from "./text";

/** The Party committee of a district-level unit, by its unit word. */
const DISTRICT_PARTY: Partial<Record<UnitWord, string>> = {
  huyện: "Huyện ủy",
  quận: "Quận ủy",
  "thị xã": "Thị ủy",
  "thành phố": "Thành ủy",
};

/** The lines without "- " and the closing ";"/"." (added when the report prints them). */
function defaultEntries(
  agency: string | null,
  station: string | null,
  lang: Lang,
): readonly string[] {
  const unit = agencyUnit(agency);
  const level = agencyLevel(agency);
  const vi = lang === "vi";
  const partner = station ? [station] : [];
  const isSo = agency !== null && level === "province" && unit === null;
  if (isSo) {
    // A provincial department (Sở Văn hóa, Thể thao và Du lịch) reports to the province.
    return vi
      ? ["UBND tỉnh (b/c)", "Bộ Văn hóa, Thể thao và Du lịch (b/c)", ...partner, "Lưu: VT"]
      : [
          "Provincial People's Committee (for information)",
          "Ministry of Culture, Sports and Tourism (for information)",
          ...partner,
          "File",
        ];
  }
  if (unit === null || level === null) {
    // Nothing known about the agency: a line to fill in by hand.
    return vi ? ["……………………", ...partner, "Lưu: VT"] : ["……………………", ...partner, "File"];
  }
  const u = unit.unit;
  switch (level) {
    case "district":
      return vi
        ? [
            `Thường trực ${DISTRICT_PARTY[u] ?? "Huyện ủy"}, HĐND ${u} (b/c)`,
            `Chủ tịch, các PCT UBND ${u}`,
            "Phòng Tài chính - Kế hoạch",
            "Lưu: VT",
          ]
        : [
            "District Party Committee and People's Council",
            "Chair and Vice-chairs of the People's Committee",
            "Finance-Planning Office",
            "File",
          ];
    case "province":
      return vi
        ? [
            "Bộ Văn hóa, Thể thao và Du lịch (b/c)",
            `Thường trực ${u === "thành phố" ? "Thành ủy" : "Tỉnh ủy"}, HĐND ${u} (b/c)`,
            `Chủ tịch, các PCT UBND ${u}`,
            "Sở Tài chính",
            ...partner,
            "Lưu: VT",
          ]
        : [
            "Ministry of Culture, Sports and Tourism (for information)",
            "Provincial Party Committee and People's Council (for information)",
            "Chair and Vice-chairs of the People's Committee",
            "Department of Finance",
            ...partner,
            "File",
          ];
    case "commune":
    case "ward":
    case "special-zone": {
      const phuQuoc = level === "special-zone" && fold(unit.name) === "phu quoc";
      const finance =
        level === "ward" || phuQuoc ? "Phòng Kinh tế, Hạ tầng và Đô thị" : "Phòng Kinh tế";
      return vi
        ? [
            "Sở Văn hóa, Thể thao và Du lịch (b/c)",
            `Thường trực Đảng ủy, HĐND ${u} (b/c)`,
            `Chủ tịch, các PCT UBND ${u}`,
            finance,
            ...partner,
            "Lưu: VT",
          ]
        : [
            "Department of Culture, Sports and Tourism (for information)",
            "Party Committee and People's Council (for information)",
            "Chair and Vice-chairs of the People's Committee",
            level === "ward" || phuQuoc
              ? "Economy, Infrastructure and Urban Affairs Office"
              : "Economy Office",
            ...partner,
            "File",
          ];
    }
  }
}

/**
 * The settings cell as entries: one per line or per ";" ("Sở VHTTDL (b/c); Đài PT-TH tỉnh;
 * Lưu: VT"), each without its "- " and closing punctuation. Null when the cell is blank.
 */
export function parseRecipients(text: string | null): readonly string[] | null {
  if (text === null) return null;
  const entries = text
    .split(/\r?\n|;/u)
    .map((l) =>
      l
        .trim()
        .replace(/^[-–•+*]\s*/u, "")
        .replace(/[.;,]\s*$/u, "")
        .trim(),
    )
    .filter((l) => l !== "");
  return entries.length > 0 ? entries : null;
}

function isFileCopy(entry: string): boolean {
  return /^(luu|file)\b/u.test(fold(entry));
}

/**
 * The "Nơi nhận" lines as printed: "- entry;" each and "- Lưu: VT." last. The clerk's list as
 * written (with "Lưu: VT" added when it has none), else the default for the agency's level,
 * naming the partner station when the plan names one.
 */
export function recipientLines(
  written: readonly string[] | null,
  agency: string | null,
  station: string | null,
  lang: Lang,
): readonly string[] {
  const entries = written ?? defaultEntries(agency, station, lang);
  const all = entries.some(isFileCopy) ? entries : [...entries, lang === "vi" ? "Lưu: VT" : "File"];
  return all.map((e, i) => `- ${e}${i === all.length - 1 ? "." : ";"}`);
}
