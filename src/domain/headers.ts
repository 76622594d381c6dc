/**
 * Finds the header row of a plan sheet and maps its columns to canonical fields. People head
 * columns in Vietnamese or English, with or without diacritics, with units in brackets
 * ("Kinh phí (đồng)") and line breaks; the header may sit under a title on any of rows 1-20.
 */
import { cellText, isBlank } from "./cell";
import { issue, locate, type Diagnostic } from "./diagnostics";
import { FIELD_ALIASES, REQUIRED_FIELDS, FIELD_LABELS, type FieldKey } from "./fields";
import { fold } from "./text";
import type { SheetData } from "./workbookData";

export const HEADER_SEARCH_ROWS = 20;

export interface HeaderMap {
  /** 1-based row of the header. */
  readonly headerRow: number;
  /** 1-based column of each field found. */
  readonly columns: Readonly<Partial<Record<FieldKey, number>>>;
  /** The header cell's text for every non-blank cell of the header row, by column. */
  readonly headerTexts: ReadonlyMap<number, string>;
  /** The last non-blank column of the header row. */
  readonly lastColumn: number;
}

export interface HeaderResult {
  readonly map: HeaderMap | null;
  readonly diagnostics: Diagnostic[];
}

const ALIAS_INDEX: ReadonlyMap<string, FieldKey> = buildAliasIndex();

function buildAliasIndex(): Map<string, FieldKey> {
  const index = new Map<string, FieldKey>();
  for (const [field, aliases] of Object.entries(FIELD_ALIASES) as [FieldKey, readonly string[]][]) {
    for (const alias of aliases) index.set(normaliseHeader(alias), field);
  }
  return index;
}

/** Folds a header for matching: no diacritics, no case, no trailing ":" or "*", no line breaks. */
export function normaliseHeader(text: string): string {
  return fold(text)
    .replace(/[:*]+$/, "")
    .trim();
}

/** The field a header cell names, or null. Units in brackets are ignored when the whole fails. */
export function matchHeader(value: unknown): FieldKey | null {
  if (typeof value !== "string") return null;
  const folded = normaliseHeader(value);
  if (folded === "") return null;
  const exact = ALIAS_INDEX.get(folded);
  if (exact) return exact;
  const withoutBrackets = folded.replace(/\s*[([].*?[)\]]\s*/g, " ").trim();
  return ALIAS_INDEX.get(withoutBrackets) ?? null;
}

interface Candidate {
  row: number;
  columns: Partial<Record<FieldKey, number>>;
  duplicates: { field: FieldKey; col: number; first: number }[];
  score: number;
}

function scoreRow(cells: readonly unknown[], row: number): Candidate {
  const columns: Partial<Record<FieldKey, number>> = {};
  const duplicates: Candidate["duplicates"] = [];
  cells.forEach((value, i) => {
    const field = matchHeader(value);
    if (!field) return;
    const first = columns[field];
    if (first === undefined) columns[field] = i + 1;
    else duplicates.push({ field, col: i + 1, first });
  });
  return { row, columns, duplicates, score: Object.keys(columns).length };
}

function hasRequired(c: Candidate): boolean {
  return REQUIRED_FIELDS.every((f) => c.columns[f] !== undefined);
}

function aliasList(field: FieldKey): string {
  return FIELD_ALIASES[field].map((a) => `"${a}"`).join(", ");
}

/**
 * Picks the header row: the row in the first 20 with the most recognised headers among those
 * that have every required one. Without such a row, the best partial row explains what is missing.
 */
export function findHeader(sheet: SheetData): HeaderResult {
  const limit = Math.min(HEADER_SEARCH_ROWS, sheet.rows.length);
  let best: Candidate | null = null;
  let bestPartial: Candidate | null = null;
  for (let r = 1; r <= limit; r++) {
    const candidate = scoreRow(sheet.rows[r - 1] ?? [], r);
    if (hasRequired(candidate)) {
      if (!best || candidate.score > best.score) best = candidate;
    } else if (candidate.score > 0 && (!bestPartial || candidate.score > bestPartial.score)) {
      bestPartial = candidate;
    }
  }

  if (!best) return { map: null, diagnostics: [missingDiagnostic(sheet.name, bestPartial)] };

  const cells = sheet.rows[best.row - 1] ?? [];
  const headerTexts = new Map<number, string>();
  let lastColumn = 0;
  cells.forEach((value, i) => {
    if (!isBlank(value)) {
      headerTexts.set(i + 1, cellText(value));
      lastColumn = i + 1;
    }
  });
  const diagnostics = best.duplicates.map((d) =>
    locate(
      issue("header.duplicate", "warning", {
        vi: `Cột "${FIELD_LABELS[d.field].vi}" xuất hiện hai lần; công cụ dùng cột đầu tiên và bỏ qua cột này. Đổi tên một trong hai tiêu đề nếu chúng khác nhau.`,
        en: `The "${FIELD_LABELS[d.field].en}" column appears twice; the tool uses the first and ignores this one. Rename one of the headers if they differ.`,
      }),
      {
        sheet: sheet.name,
        row: best.row,
        col: d.col,
        field: d.field,
        value: headerTexts.get(d.col) ?? null,
      },
    ),
  );
  return {
    map: { headerRow: best.row, columns: best.columns, headerTexts, lastColumn },
    diagnostics,
  };
}

function missingDiagnostic(sheetName: string, partial: Candidate | null): Diagnostic {
  const missing = partial
    ? REQUIRED_FIELDS.filter((f) => partial.columns[f] === undefined)
    : REQUIRED_FIELDS;
  const lines = missing.map((f) => ({
    vi: `cột ${FIELD_LABELS[f].vi.toLowerCase()} (một trong: ${aliasList(f)})`,
    en: `a ${FIELD_LABELS[f].en.toLowerCase()} column (one of: ${aliasList(f)})`,
  }));
  const where = partial
    ? {
        vi: ` Hàng ${partial.row} giống hàng tiêu đề nhưng thiếu`,
        en: ` Row ${partial.row} looks like the header row but lacks`,
      }
    : {
        vi: " Không tìm thấy hàng tiêu đề trong 20 hàng đầu; cần",
        en: " No header row was found in the first 20 rows; it needs",
      };
  return locate(
    issue("header.missing-required", "error", {
      vi: `Đây không phải bảng kế hoạch.${where.vi} ${lines.map((l) => l.vi).join(" và ")}. Thêm tiêu đề cột rồi chạy lại.`,
      en: `This is not a plan sheet.${where.en} ${lines.map((l) => l.en).join(" and ")}. Add the column header and run again.`,
    }),
    {
      sheet: sheetName,
      row: partial?.row ?? null,
      col: partial ? 1 : null,
      field: missing[0] ?? null,
      value: null,
    },
  );
}
