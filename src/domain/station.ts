/**
 * The partner station a plan is made with, as the plan names it: "Đài Phát thanh - Truyền hình
 * tỉnh" (the seed), "Đài PT-TH tỉnh Kon Tum", or, since the 2025 mergers of provincial press
 * agencies, "Báo và Phát thanh, Truyền hình Quảng Ngãi". Read from the plan's title lines or its
 * units, never assumed: a plan that names none has none.
 */
import { fold } from "./text";

const STATION =
  /(Báo và Phát thanh,?\s+Truyền hình|Đài Phát thanh(?:\s*[-–]\s*|\s+và\s+|\s*,\s*)Truyền hình|Đài PT\s*[-–&]?\s*TH|Đài PTTH)(?=[\s,;.)]|$)/giu;

/** Words that end a station's name: "… tỉnh Kon Tum và Báo Kon Tum", "… TỈNH NĂM 2023". */
const NAME_STOP = new Set(
  [
    "năm",
    "và",
    "với",
    "về",
    "trong",
    "trên",
    "tại",
    "của",
    "các",
    "theo",
    "giai",
    "phối",
    "để",
    "thực",
    "cung",
    "liên",
    "phát",
  ].map(fold),
);

const UNIT = /^(tỉnh|thành phố|tp\.?)$/iu;

function isUpper(text: string): boolean {
  return text === text.toLocaleUpperCase("vi") && text !== text.toLocaleLowerCase("vi");
}

function capitalized(word: string): boolean {
  const first = Array.from(word)[0] ?? "";
  return first !== first.toLocaleLowerCase("vi");
}

/** "KON TUM" → "Kon Tum", "H'DRAI" → "H'Drai". */
function titleCase(name: string): string {
  return name
    .toLocaleLowerCase("vi")
    .replace(/(^|[\s'’\-])(\p{L})/gu, (_, b: string, l: string) => b + l.toLocaleUpperCase("vi"));
}

/** The stem in the usual letter case ("ĐÀI PHÁT THANH - TRUYỀN HÌNH" → "Đài Phát thanh - Truyền hình"). */
function stemCase(stem: string): string {
  const lower = stem.toLocaleLowerCase("vi").replace(/\s+/gu, " ");
  if (/^đài pt/u.test(lower)) return `Đài ${stem.slice(4).replace(/\s+/gu, "").toUpperCase()}`;
  return lower
    .replace(/^(đài|báo)/u, (w) => w.charAt(0).toLocaleUpperCase("vi") + w.slice(1))
    .replace(/phát thanh/u, "Phát thanh")
    .replace(/truyền hình/u, "Truyền hình");
}

interface Found {
  readonly text: string;
  readonly upper: boolean;
}

function findIn(line: string): Found | null {
  const text = line.normalize("NFC").replace(/\s+/gu, " ");
  STATION.lastIndex = 0;
  const m = STATION.exec(text);
  if (!m) return null;
  const stem = m[0];
  const upper = isUpper(stem);
  const rest = text
    .slice(m.index + stem.length)
    .split(" ")
    .filter((w) => w !== "");
  const parts: string[] = [];
  let unit: string | null = null;
  for (const raw of rest) {
    const word = raw.replace(/[,;:.)]+$/u, "");
    if (word === "") break;
    if (unit === null && parts.length === 0 && UNIT.test(word)) {
      unit = word;
    } else {
      if (NAME_STOP.has(fold(word)) || /^\p{Nd}/u.test(word) || !capitalized(word)) break;
      parts.push(word);
    }
    if (raw !== word || parts.length >= 4) break;
  }
  const name = parts.join(" ");
  if (!upper) {
    return { text: [stem, unit, name].filter((p) => p).join(" "), upper };
  }
  return {
    text: [stemCase(stem), unit?.toLocaleLowerCase("vi"), name ? titleCase(name) : ""]
      .filter((p) => p)
      .join(" "),
    upper,
  };
}

/**
 * The station the plan names, as written (the first one in ordinary letter case; a title in
 * capitals gives it in the usual case: "ĐÀI PHÁT THANH - TRUYỀN HÌNH TỈNH" → "Đài Phát thanh -
 * Truyền hình tỉnh"). Null when no line names one.
 */
export function stationFrom(lines: readonly (string | null | undefined)[]): string | null {
  let capitals: string | null = null;
  for (const line of lines) {
    if (!line) continue;
    const found = findIn(line);
    if (!found) continue;
    if (!found.upper) return found.text;
    capitals ??= found.text;
  }
  return capitals;
}
