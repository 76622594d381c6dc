/**
 * The issuing agency's administrative unit: which level it belongs to and the place it is named
 * after. Since 1 July 2025 local government has two levels, the province (tỉnh, or a centrally
 * run city, thành phố trực thuộc trung ương) and the commune (xã, phường, đặc khu); districts
 * (huyện, quận, thị xã, provincial cities) and townships (thị trấn) no longer exist but still name
 * the agencies of older plans — the bundled 2023 sample is one. Nothing here assumes a level: it
 * is read from the agency's name as written ("Ủy ban nhân dân xã Ia Tơi", "UBND phường Hải Châu",
 * "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "Đặc khu Côn Đảo").
 */
import { fold } from "./text";

export type AgencyLevel = "commune" | "ward" | "special-zone" | "province" | "district";

/** The unit words, lower-case as in running text. */
export type UnitWord =
  "xã" | "phường" | "đặc khu" | "thị trấn" | "tỉnh" | "thành phố" | "huyện" | "quận" | "thị xã";

export interface AgencyUnit {
  readonly level: AgencyLevel;
  readonly unit: UnitWord;
  /** The unit's name as written after its unit word: "Ia Tơi", "IA H'DRAI", "1". */
  readonly name: string;
  /** A unit that no longer exists since 1 July 2025: a district-level one or a township. */
  readonly historic: boolean;
}

/** Longest first: "thị xã" before "xã", "thành phố" before nothing shorter. */
const UNIT_WORDS: readonly UnitWord[] = [
  "đặc khu",
  "thị trấn",
  "thị xã",
  "thành phố",
  "phường",
  "huyện",
  "quận",
  "tỉnh",
  "xã",
];

/**
 * The centrally run cities (province level) since 12 June 2025. Any other "thành phố" was a
 * provincial city or a city inside a centrally run one (Thủ Đức): district level, now gone.
 */
const CENTRAL_CITIES: ReadonlySet<string> = new Set(
  ["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"].map((n) => fold(n)),
);

const LEVEL_OF: Readonly<Record<Exclude<UnitWord, "thành phố">, AgencyLevel>> = {
  xã: "commune",
  phường: "ward",
  "đặc khu": "special-zone",
  "thị trấn": "commune",
  tỉnh: "province",
  huyện: "district",
  quận: "district",
  "thị xã": "district",
};

const HISTORIC: ReadonlySet<UnitWord> = new Set(["thị trấn", "huyện", "quận", "thị xã"]);

interface Word {
  readonly raw: string;
  readonly text: string;
  /** The word without the punctuation around it, lower-case, NFC. */
  readonly lower: string;
  /** Punctuation after it that ends a name (",", ";", ".", ")"). */
  readonly stop: boolean;
}

function words(text: string): Word[] {
  return text
    .normalize("NFC")
    .split(/\s+/u)
    .filter((w) => w !== "")
    .map((w) => {
      const bare = w.replace(/^[("“']+|[)"”,;:.]+$/gu, "");
      return { raw: w, text: bare, lower: bare.toLocaleLowerCase("vi"), stop: /[),;:.]$/u.test(w) };
    });
}

/** The unit word starting at words[i], if any (compared with diacritics, or folded when the text has none). */
function unitAt(ws: readonly Word[], i: number, plain: boolean): UnitWord | null {
  for (const unit of UNIT_WORDS) {
    const parts = unit.split(" ");
    const match = parts.every((p, k) => {
      const w = ws[i + k];
      if (w === undefined) return false;
      return plain ? fold(w.lower) === fold(p) : w.lower === p;
    });
    // A unit word's last part must not end the word early: "xã" is not "xã," inside a name.
    if (match && parts.slice(0, -1).every((_, k) => !ws[i + k]?.stop)) return unit;
  }
  return null;
}

function isNameStart(w: Word | undefined): boolean {
  if (!w) return false;
  const first = Array.from(w.text)[0] ?? "";
  return /\p{Lu}|\p{Nd}/u.test(first);
}

/** "Xã hội" (society), "xã viên" — the word xã that names no commune. */
const NOT_A_NAME = new Set(["hội", "viên", "hoi", "vien"]);

/**
 * The first unit word followed by a name, and that name: from the word after it to a comma,
 * a parenthesis, a dash or the next unit word ("UBND xã Ia Tơi, tỉnh Quảng Ngãi" → xã "Ia Tơi").
 * A name normally starts with a capital; a name typed in lower case is taken when nothing else is.
 */
export function agencyUnit(agency: string | null | undefined): AgencyUnit | null {
  if (!agency) return null;
  const ws = words(agency);
  // Typed without diacritics ("UBND xa Ia Toi"): the unit words are compared folded.
  const plain = fold(agency) === agency.normalize("NFC").toLowerCase().replace(/\s+/gu, " ").trim();
  for (const strict of [true, false]) {
    for (let i = 0; i < ws.length; i++) {
      const unit = unitAt(ws, i, plain);
      if (unit === null) continue;
      const start = i + unit.split(" ").length;
      if (ws[start - 1]?.stop) continue;
      const first = ws[start];
      if (!first || NOT_A_NAME.has(first.lower)) continue;
      if (strict && !isNameStart(first)) continue;
      const name: string[] = [];
      for (let k = start; k < ws.length; k++) {
        const w = ws[k];
        if (!w || w.text === "" || /^[-–—(]/u.test(w.raw)) break;
        if (k > start && unitAt(ws, k, plain) !== null) break;
        name.push(w.text);
        if (w.stop) break;
      }
      if (name.length === 0) continue;
      const text = name.join(" ");
      return { ...levelOf(unit, text), unit, name: text };
    }
  }
  return null;
}

function levelOf(unit: UnitWord, name: string): { level: AgencyLevel; historic: boolean } {
  if (unit === "thành phố") {
    return CENTRAL_CITIES.has(fold(name))
      ? { level: "province", historic: false }
      : { level: "district", historic: true };
  }
  return { level: LEVEL_OF[unit], historic: HISTORIC.has(unit) };
}

/**
 * The agency's level: from its unit word, or a provincial department ("Sở Văn hóa, Thể thao và
 * Du lịch" names no place and is province level). Null when the name says neither.
 */
export function agencyLevel(agency: string | null | undefined): AgencyLevel | null {
  const unit = agencyUnit(agency);
  if (unit) return unit.level;
  if (agency && /^sở\s/u.test(agency.normalize("NFC").trim().toLocaleLowerCase("vi")))
    return "province";
  return null;
}

/** "IA H'DRAI" → "Ia H'Drai", "ĐẮK LẮK" → "Đắk Lắk": a name written in capitals, as in a header. */
function titleCase(name: string): string {
  if (name !== name.toLocaleUpperCase("vi") || !/\p{L}/u.test(name)) return name;
  return name
    .toLocaleLowerCase("vi")
    .replace(/(^|[\s'’\-])(\p{L})/gu, (_, before: string, letter: string) => {
      return before + letter.toLocaleUpperCase("vi");
    });
}

/**
 * The place for the report's date line ("Ia Tơi, ngày … tháng … năm …"): the unit's name.
 * A unit named by a number or after a person keeps its unit word, as Nghị định 30/2020 asks
 * ("Phường 12", "Quận 1", "Thành phố Hồ Chí Minh").
 */
export function placeOf(agency: string | null | undefined): string | null {
  const unit = agencyUnit(agency);
  if (!unit) return null;
  const name = titleCase(unit.name);
  const withUnit = /^\p{Nd}/u.test(name) || fold(name) === "ho chi minh";
  if (!withUnit) return name;
  const word = unit.unit;
  return `${word.charAt(0).toLocaleUpperCase("vi")}${word.slice(1)} ${name}`;
}

const AGENCY_LINE = /^(ủy ban nhân dân|uỷ ban nhân dân|ubnd)(?=\s|$)/iu;

/** A line that starts with a unit word and its name: "XÃ IA TƠI", the second line of a header. */
function unitLine(line: string): boolean {
  const unit = agencyUnit(line);
  return unit !== null && fold(line).startsWith(fold(unit.unit));
}

/**
 * The issuing agency among the lines above a plan's table (one per non-blank cell, row by row):
 * the first line that starts with "Ủy ban nhân dân"/"UBND". A header split over two rows
 * ("ỦY BAN NHÂN DÂN" / "XÃ IA TƠI", the motto's cells in between) is joined; when a superior
 * agency is written above the issuing one ("UBND TỈNH KON TUM" / "ỦY BAN NHÂN DÂN HUYỆN IA
 * H'DRAI"), the lower line is the issuer.
 */
export function agencyFrom(lines: readonly (string | null | undefined)[]): string | null {
  const texts = lines.map((l) => (l ?? "").replace(/\s+/gu, " ").trim()).filter((l) => l !== "");
  const i = texts.findIndex((l) => AGENCY_LINE.test(l));
  const line = texts[i];
  if (line === undefined) return null;
  const below = texts.slice(i + 1, i + 4);
  if (agencyUnit(line) === null) {
    const second = below.find(unitLine);
    return second === undefined ? line : `${line} ${second}`;
  }
  const issuer = below.find((l) => AGENCY_LINE.test(l) && agencyUnit(l) !== null);
  return issuer ?? line;
}

const DATE_LINE = /^(.{2,60}?),\s*ngày\s+(?:\d{1,2}|…+|\.+)\s+tháng\s/iu;

/**
 * The place of a date line above the table ("Ia H'Drai, ngày 05 tháng 12 năm 2023" → "Ia
 * H'Drai"): the plan's own place, as its clerk wrote it.
 */
export function placeFromDateLine(lines: readonly (string | null | undefined)[]): string | null {
  for (const l of lines) {
    const m = DATE_LINE.exec((l ?? "").replace(/\s+/gu, " ").trim());
    const place = m?.[1]?.trim();
    if (place && !/[.…]{2}/u.test(place)) return place;
  }
  return null;
}
