/**
 * What Excel does with a value written through `range.values` / `range.formulas`: it is "typed in"
 * (en-US parsing, as the API reference says): "=…" becomes a formula, so does "+…"/"-…" that is
 * not a number ("- Việc A" is the formula =- Việc A), "'…" is text without the apostrophe,
 * numeric strings become numbers ("00123" → 123), "TRUE"/"FALSE" booleans, ISO and m/d/yyyy
 * strings date serials. A cell formatted "@" (Text) keeps strings as typed. Plus the display text
 * (`range.text`) for the number formats a tracker uses.
 */
import { fail } from "./errors";

export type Scalar = string | number | boolean;

export interface CellContent {
  /** null = empty. For a formula cell, its last calculated value (null when unknown). */
  readonly value: Scalar | null;
  /** "=…" or null. */
  readonly formula: string | null;
  /** The value is an error such as "#NAME?". */
  readonly isError?: boolean;
  /** Typed with a leading apostrophe: stays text. */
  readonly quotePrefix?: boolean;
}

export const ERROR_VALUES = [
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#BUSY!",
  "#CONNECT!",
  "#UNKNOWN!",
];

export const EMPTY: CellContent = { value: null, formula: null };

/** The result of typing one input into a cell; "skip" for null (Office.js leaves the cell alone). */
export type TypedInput = "skip" | { readonly content: CellContent; readonly numberFormat?: string };

const NUMBER_RE = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function parseNumber(s: string): number | null {
  const t = s.trim();
  if (!/\d/.test(t) || !NUMBER_RE.test(t)) return null;
  const n = Number(t.replace(/,/g, ""));
  return Number.isFinite(n) ? n : null;
}

/** Checks the formula is at least balanced (quotes, brackets): Excel refuses one that is not. */
export function checkFormulaSyntax(formula: string): void {
  let depth = 0;
  let inString = false;
  let inSheetQuote = false;
  for (const ch of formula.slice(1)) {
    if (inString) {
      if (ch === '"') inString = false;
      continue;
    }
    if (inSheetQuote) {
      if (ch === "'") inSheetQuote = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "'") inSheetQuote = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    if (depth < 0) break;
  }
  if (depth !== 0 || inString || inSheetQuote || formula.length < 2) {
    fail("InvalidArgument", `"${formula}" is not a valid formula (Excel refuses it)`);
  }
}

export function typeIn(input: unknown, currentFormat: string | undefined): TypedInput {
  if (input === null || input === undefined) return "skip";
  if (typeof input === "number") {
    if (!Number.isFinite(input)) fail("InvalidArgument", `cannot write the number ${input}`);
    return { content: { value: input, formula: null } };
  }
  if (typeof input === "boolean") return { content: { value: input, formula: null } };
  if (input instanceof Date) return typeIn(JSON.stringify(input).slice(1, -1), currentFormat);
  if (typeof input !== "string") {
    fail(
      "InvalidArgument",
      `a cell value must be a string, number or boolean, got ${typeof input}`,
    );
  }
  const s = input;
  if (s === "") return { content: EMPTY };
  if (currentFormat === "@") return { content: { value: s, formula: null } };
  if (s.startsWith("'"))
    return { content: { value: s.slice(1), formula: null, quotePrefix: true } };
  if (s.startsWith("=") && s.length > 1) {
    checkFormulaSyntax(s);
    return { content: { value: null, formula: s } };
  }
  const n = parseNumber(s);
  if (n !== null) {
    return { content: { value: n, formula: null } };
  }
  if ((s.startsWith("+") || s.startsWith("-")) && s.length > 1) {
    const formula = `=${s}`;
    checkFormulaSyntax(formula);
    return { content: { value: null, formula } };
  }
  const pct = /^\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$/.exec(s);
  if (pct) {
    const decimals = (pct[1] ?? "").split(".")[1]?.length ?? 0;
    return {
      content: { value: Number(pct[1]) / 100, formula: null },
      ...(isGeneral(currentFormat)
        ? { numberFormat: decimals ? `0.${"0".repeat(decimals)}%` : "0%" }
        : {}),
    };
  }
  if (/^(true|false)$/i.test(s))
    return { content: { value: s.toUpperCase() === "TRUE", formula: null } };
  if (ERROR_VALUES.includes(s.toUpperCase())) {
    return { content: { value: s.toUpperCase(), formula: null, isError: true } };
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const ymd = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : us
      ? [Number(us[3]), Number(us[1]), Number(us[2])]
      : null;
  if (ymd) {
    const serial = dateToSerial(ymd[0] ?? 0, ymd[1] ?? 0, ymd[2] ?? 0);
    if (serial !== null) {
      return {
        content: { value: serial, formula: null },
        ...(isGeneral(currentFormat) ? { numberFormat: iso ? "yyyy-mm-dd" : "m/d/yyyy" } : {}),
      };
    }
  }
  return { content: { value: s, formula: null } };
}

function isGeneral(format: string | undefined): boolean {
  return format === undefined || format === "General";
}

// --- Dates: the 1900 date system, with Excel's phantom 29 Feb 1900 (serial 60). ---

const DAY_MS = 86400000;
const EPOCH = Date.UTC(1899, 11, 30);

export function dateToSerial(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 9999) return null;
  const t = Date.UTC(y, m - 1, d);
  const check = new Date(t);
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  const serial = Math.round((t - EPOCH) / DAY_MS);
  return serial < 61 ? serial - 1 : serial;
}

export function serialToParts(serial: number): {
  y: number;
  m: number;
  d: number;
  weekday: number;
  h: number;
  min: number;
  s: number;
} {
  const whole = Math.floor(serial);
  // Serial 60 is 29 Feb 1900, a day that never was (Lotus 1-2-3 compatibility).
  const adjusted = whole < 60 ? whole + 1 : whole;
  const t = new Date(EPOCH + adjusted * DAY_MS);
  const secs = Math.round((serial - whole) * 86400);
  const phantom = whole === 60;
  return {
    y: phantom ? 1900 : t.getUTCFullYear(),
    m: phantom ? 2 : t.getUTCMonth() + 1,
    d: phantom ? 29 : t.getUTCDate(),
    weekday: t.getUTCDay(),
    h: Math.floor(secs / 3600),
    min: Math.floor(secs / 60) % 60,
    s: secs % 60,
  };
}

// --- Display text ---

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_LONG = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function formatGeneral(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9)) {
    const [mant = "", exp = "0"] = n.toExponential(5).split("e");
    const e = Number(exp);
    return `${mant.replace(/\.?0+$/, "")}E${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return String(Number(n.toPrecision(10)));
}

/** Splits a format into sections on ";" outside quotes. */
function sections(format: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] ?? "";
    if (ch === "\\" && !quoted) {
      cur += ch + (format[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ";" && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Tokenises a section into literals and codes, dropping [colour]/[$-locale] and *fill. */
function tokens(section: string): { lit: boolean; text: string }[] {
  const out: { lit: boolean; text: string }[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i] ?? "";
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      out.push({ lit: true, text: section.slice(i + 1, end < 0 ? undefined : end) });
      i = end < 0 ? section.length : end;
    } else if (ch === "\\") {
      out.push({ lit: true, text: section[i + 1] ?? "" });
      i++;
    } else if (ch === "[") {
      const end = section.indexOf("]", i);
      i = end < 0 ? section.length : end;
    } else if (ch === "_") {
      out.push({ lit: true, text: " " });
      i++;
    } else if (ch === "*") {
      i++;
    } else out.push({ lit: false, text: ch });
  }
  return out;
}

function isDateSection(codes: string): boolean {
  return /[dyhs]/i.test(codes) || (/m/i.test(codes) && !/[0#?]/.test(codes));
}

function formatDate(serial: number, toks: { lit: boolean; text: string }[]): string {
  const p = serialToParts(serial);
  // Group repeated codes into runs ("dd", "mmm", "yyyy"); an "m" run right after an "h" run or
  // right before an "s" run means minutes, as in Excel.
  const runs: { lit: boolean; text: string }[] = [];
  for (const t of toks) {
    const last = runs[runs.length - 1];
    const code = t.text.toLowerCase();
    if (
      !t.lit &&
      last &&
      !last.lit &&
      "dmyhs".includes(code) &&
      last.text[0]?.toLowerCase() === code
    ) {
      last.text += t.text;
    } else runs.push({ ...t });
  }
  // Only the date/time codes count as neighbours (":" between "hh" and "mm" does not).
  const codeRuns = runs
    .filter((r) => !r.lit)
    .map((r) => r.text.toLowerCase())
    .map((t) => ("dmyhs".includes(t[0] ?? "") ? t : ""));
  const neighbour = (i: number, step: number): string => {
    for (let k = i + step; k >= 0 && k < codeRuns.length; k += step)
      if (codeRuns[k]) return codeRuns[k] ?? "";
    return "";
  };
  let ci = -1;
  return runs
    .map((run) => {
      if (run.lit) return run.text;
      ci++;
      const code = run.text.toLowerCase();
      const n = code.length;
      const pad = (x: number): string => (n >= 2 ? String(x).padStart(2, "0") : String(x));
      switch (code[0]) {
        case "d":
          return n <= 2
            ? pad(p.d)
            : n === 3
              ? (DAYS[p.weekday] ?? "").slice(0, 3)
              : (DAYS[p.weekday] ?? "");
        case "m": {
          const minutes = neighbour(ci, -1).startsWith("h") || neighbour(ci, 1).startsWith("s");
          if (minutes && n <= 2) return pad(p.min);
          return n <= 2
            ? pad(p.m)
            : n === 3
              ? (MONTHS[p.m - 1] ?? "")
              : (MONTHS_LONG[p.m - 1] ?? "");
        }
        case "y":
          return n <= 2 ? String(p.y % 100).padStart(2, "0") : String(p.y);
        case "h":
          return pad(p.h);
        case "s":
          return pad(p.s);
        default:
          return run.text;
      }
    })
    .join("");
}

function formatNumberSection(n: number, toks: { lit: boolean; text: string }[]): string {
  const codes = toks
    .filter((t) => !t.lit)
    .map((t) => t.text)
    .join("");
  const percent = codes.includes("%");
  const value = percent ? n * 100 : n;
  const dot = codes.indexOf(".");
  const decimals = dot < 0 ? 0 : (codes.slice(dot + 1).match(/[0#?]/g) ?? []).length;
  const intPart = dot < 0 ? codes : codes.slice(0, dot);
  const minInt = (intPart.match(/0/g) ?? []).length;
  const grouping = /[0#?],[0#?]/.test(codes);
  let digits = Math.abs(value).toFixed(decimals);
  let [whole = "0", frac = ""] = digits.split(".");
  if (whole === "0" && minInt === 0) whole = "";
  whole = whole.padStart(minInt, "0");
  if (grouping) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const optional = dot < 0 ? "" : codes.slice(dot + 1).replace(/[^0#?]/g, "");
  while (frac.length > 0 && optional[frac.length - 1] === "#" && frac.endsWith("0"))
    frac = frac.slice(0, -1);
  digits = frac ? `${whole}.${frac}` : dot >= 0 && decimals > 0 ? `${whole}.` : whole;
  // Rebuild: literals before the first digit code, the number, then the literals after it.
  let before = "";
  let after = "";
  let seenDigit = false;
  for (const t of toks) {
    if (!t.lit && /[0#?.,]/.test(t.text)) {
      seenDigit = true;
      continue;
    }
    const text = t.lit ? t.text : t.text === "%" ? "%" : t.text;
    if (seenDigit) after += text;
    else before += text;
  }
  return `${before}${digits}${after}`;
}

/** The text Excel displays for a value under a number format (a tracker's formats, not all). */
export function displayText(content: CellContent, numberFormat: string | undefined): string {
  const v = content.value;
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  const format = numberFormat ?? "General";
  const secs = sections(format);
  if (typeof v === "string") {
    const textSection =
      secs[3] ?? (secs.length === 1 && secs[0]?.includes("@") ? secs[0] : undefined);
    if (!textSection || content.isError) return v;
    return tokens(textSection)
      .map((t) => (t.lit ? t.text : t.text === "@" ? v : t.text))
      .join("");
  }
  if (format === "General" || format === "@") return formatGeneral(v);
  let section = secs[0] ?? "General";
  let n = v;
  if (v < 0 && secs.length > 1) {
    section = secs[1] ?? section;
    n = -v;
  } else if (v === 0 && secs.length > 2) section = secs[2] ?? section;
  const toks = tokens(section);
  const codes = toks
    .filter((t) => !t.lit)
    .map((t) => t.text)
    .join("");
  if (/^general$/i.test(codes.trim())) return formatGeneral(n);
  if (isDateSection(codes)) return formatDate(n, toks);
  const text = formatNumberSection(n, toks);
  return n < 0 && secs.length === 1 ? `-${text}` : text;
}

export function valueType(
  content: CellContent,
): "Empty" | "String" | "Double" | "Boolean" | "Error" {
  const v = content.value;
  if (content.isError) return "Error";
  if (v === null) return content.formula ? "Empty" : "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "String";
}

// --- Colours: "#RRGGBB", "RRGGBB" or an HTML colour name, read back as "#RRGGBB". ---

const NAMED_COLORS: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  lime: "#00FF00",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  gray: "#808080",
  grey: "#808080",
  silver: "#C0C0C0",
  purple: "#800080",
  navy: "#000080",
  teal: "#008080",
  maroon: "#800000",
  olive: "#808000",
  pink: "#FFC0CB",
  brown: "#A52A2A",
  lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3",
  darkgreen: "#006400",
  darkred: "#8B0000",
};

export function normalizeColor(input: unknown, what: string): string {
  if (typeof input !== "string")
    fail("InvalidArgument", `${what} must be a colour string, got ${String(input)}`);
  const s = input.trim();
  const hex = /^#?([0-9a-fA-F]{6})$/.exec(s);
  if (hex) return `#${(hex[1] ?? "").toUpperCase()}`;
  const short = /^#([0-9a-fA-F]{3})$/.exec(s);
  if (short) {
    return `#${[...(short[1] ?? "")]
      .map((ch) => ch + ch)
      .join("")
      .toUpperCase()}`;
  }
  const named = NAMED_COLORS[s.toLowerCase()];
  if (named) return named;
  return fail(
    "InvalidArgument",
    `${what}: "${s}" is not a colour (#RRGGBB or an HTML colour name)`,
  );
}
