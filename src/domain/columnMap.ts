/**
 * The clerk's own reading of a column, over the tool's: `check --map period=C,count=D`. Used when
 * a header says something the tool cannot know ("TL" for the duration) or reads a column wrongly;
 * the layout report names the fields set this way.
 *
 * `track --map` (and the pane's "Cách đọc bảng") saves the map in the tracker's metadata with
 * each column's header label, and every later run reads the plan with it until a new map
 * replaces it (`--map none` forgets it). A saved column whose header has moved (a column was
 * inserted on its left) is followed to its header; one whose header is gone is dropped; a mapped
 * column that is empty on every item is flagged — each said at the header cell, never silently.
 *
 * A field can also be given no column (`--map notes=none`, "(không có)" in the pane): the clerk
 * says a column the header names is not that field, and it is then read as absent.
 */
import { a1, cellText, columnLetter, columnNumber, isBlank } from "./cell";
import { issue, locate, PlanTrackerError, type Diagnostic } from "./diagnostics";
import { FIELD_LABELS, PLAN_FIELDS, type FieldKey } from "./fields";
import type { HeaderMap } from "./headers";
import { fold, squash } from "./text";
import type { SheetData } from "./workbookData";

/** Field → column (1-based), or NO_COLUMN: the clerk says the plan has no such column. */
export type ColumnMap = Readonly<Partial<Record<FieldKey, number>>>;

/**
 * "This field has no column" in a map (`notes=none`): the header's column for it is not read.
 * Saved as column 0 in the tracker's metadata, which holds plain JSON.
 */
export const NO_COLUMN = 0;

/** The map's fields that have a column (not NO_COLUMN), with that column. */
export function mappedColumns(map: ColumnMap): [FieldKey, number][] {
  return (Object.entries(map) as [FieldKey, number][]).filter(([, col]) => col !== NO_COLUMN);
}

/** The fields the map says have no column. */
export function unmappedFields(map: ColumnMap): FieldKey[] {
  return (Object.entries(map) as [FieldKey, number][])
    .filter(([, col]) => col === NO_COLUMN)
    .map(([field]) => field);
}

/** A map as the tracker keeps it: each field's column and the header label it had then. */
export type SavedColumnMap = Readonly<
  Partial<Record<FieldKey, { readonly col: number; readonly label: string }>>
>;

/** Where the columns the tool reads came from, besides the header. */
export type MapSource = "option" | "saved";

/** Fields a clerk may point at a column: the plan's and the ones a clerk fills in. */
export const MAPPABLE: readonly FieldKey[] = [...PLAN_FIELDS, "due", "status", "airedOn", "spent"];

/**
 * "period=C,count=D" → { period: 3, count: 4 }; "notes=none" → { notes: NO_COLUMN } (no column
 * is notes); "none" → {} (no map: read by the headers, and forget a saved map); anything else is a
 * usage error saying what is valid.
 */
export function parseColumnMap(text: string): ColumnMap {
  if (/^\s*(?:none|không|khong)\s*$/i.test(text)) return {};
  const map: Partial<Record<FieldKey, number>> = {};
  const used = new Map<number, FieldKey>();
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "")) {
    const m = /^([A-Za-z]+)\s*=\s*([A-Za-z]{1,3}|none|-|không|khong)$/iu.exec(part);
    const field = MAPPABLE.find((f) => f.toLowerCase() === m?.[1]?.toLowerCase());
    if (!m || !field) throw badMap(part);
    const value = m[2] ?? "";
    if (/^(?:none|-|không|khong)$/iu.test(value)) {
      map[field] = NO_COLUMN;
      continue;
    }
    const col = columnNumber(value);
    const other = used.get(col);
    if (other !== undefined && other !== field) throw badMap(part, other);
    map[field] = col;
    used.set(col, field);
  }
  if (Object.keys(map).length === 0) throw badMap(text);
  return map;
}

function badMap(part: string, taken?: FieldKey): PlanTrackerError {
  const fields = MAPPABLE.join(", ");
  if (taken !== undefined) {
    return new PlanTrackerError("usage.map", {
      vi: `--map "${part}": cột này đã gán cho ${taken}. Mỗi cột chỉ gán cho một trường.`,
      en: `--map "${part}": that column is already given to ${taken}. Give each column one field.`,
    });
  }
  return new PlanTrackerError("usage.map", {
    vi: `--map "${part}" không hợp lệ: dùng trường=cột, cách nhau bằng dấu phẩy, ví dụ --map period=C,count=D (hoặc --map none để bỏ cách gán đã lưu). Các trường: ${fields}.`,
    en: `--map "${part}" is not valid: use field=column, separated by commas, e.g. --map period=C,count=D (or --map none to drop a saved map). Fields: ${fields}.`,
  });
}

/**
 * The header with the clerk's columns put over the tool's: a field mapped here leaves the column
 * it was read from, and a column given to a field here is no longer read as another.
 */
export function applyColumnMap(header: HeaderMap, map: ColumnMap): HeaderMap {
  const columns: Partial<Record<FieldKey, number>> = { ...header.columns };
  const cells: Partial<Record<FieldKey, string>> = { ...header.headerCells };
  const given = mappedColumns(map);
  const taken = new Set(given.map(([, col]) => col));
  for (const [field, col] of Object.entries(columns) as [FieldKey, number][]) {
    if ((taken.has(col) && map[field] !== col) || map[field] === NO_COLUMN) {
      delete columns[field];
      delete cells[field];
    }
  }
  for (const [field, col] of given) {
    columns[field] = col;
    cells[field] = a1(header.headerRow, col);
  }
  const lastColumn = Math.max(header.lastColumn, ...given.map(([, col]) => col));
  return { ...header, columns, headerCells: cells, lastColumn };
}

/** The map to save: each field's column with its header label ("" for a column without one). */
export function savedMapOf(header: HeaderMap, map: ColumnMap): SavedColumnMap {
  const out: Partial<Record<FieldKey, { col: number; label: string }>> = {};
  for (const [field, col] of Object.entries(map) as [FieldKey, number][])
    out[field] = { col, label: col === NO_COLUMN ? "" : (header.labels.get(col) ?? "") };
  return out;
}

/** The plain map of a saved one. */
export function plainMap(saved: SavedColumnMap): ColumnMap {
  const out: Partial<Record<FieldKey, number>> = {};
  for (const [field, entry] of Object.entries(saved) as [FieldKey, { col: number }][])
    out[field] = entry.col;
  return out;
}

/**
 * A saved map as the metadata sheet holds it (JSON the user could edit): only mappable fields,
 * integer columns in Excel's range and short string labels; anything else is left out.
 */
export function readSavedColumnMap(v: unknown): SavedColumnMap {
  const out: Partial<Record<FieldKey, { col: number; label: string }>> = {};
  if (typeof v !== "object" || v === null || Array.isArray(v)) return out;
  const used = new Set<number>();
  for (const key of Object.keys(v)) {
    const field = MAPPABLE.find((f) => f === key);
    const entry = (v as Record<string, unknown>)[key];
    if (field === undefined || typeof entry !== "object" || entry === null) continue;
    const { col, label } = entry as { col?: unknown; label?: unknown };
    if (typeof col !== "number" || !Number.isInteger(col) || col < 0 || col > 16384) continue;
    if (typeof label !== "string" || label.length > 255 || used.has(col)) continue;
    if (col !== NO_COLUMN) used.add(col);
    out[field] = { col, label: col === NO_COLUMN ? "" : label };
  }
  return out;
}

function sameLabel(a: string, b: string): boolean {
  return fold(squash(a)) === fold(squash(b));
}

/**
 * A saved map against the header as it is now: each field keeps its column while the column's
 * header is the one saved (or now names the field itself); follows its header to the one other
 * column that has it; else is dropped, said at the header cell with what to do.
 */
export function resolveSavedMap(
  sheet: string,
  header: HeaderMap,
  saved: SavedColumnMap,
): { map: ColumnMap; diagnostics: Diagnostic[] } {
  const map: Partial<Record<FieldKey, number>> = {};
  const taken = new Set<number>();
  const diagnostics: Diagnostic[] = [];
  const entries = Object.entries(saved) as [FieldKey, { col: number; label: string }][];
  // The columns that keep their header first: a moved one must not land on them. "No column"
  // has no header to lose: it stays until the clerk maps the field again.
  const kept = entries.filter(
    ([field, e]) =>
      e.col === NO_COLUMN ||
      sameLabel(header.labels.get(e.col) ?? "", e.label) ||
      header.columns[field] === e.col,
  );
  for (const [field, e] of kept) {
    map[field] = e.col;
    if (e.col !== NO_COLUMN) taken.add(e.col);
  }
  for (const [field, e] of entries) {
    if (map[field] !== undefined) continue;
    const name = FIELD_LABELS[field];
    const now = header.labels.get(e.col) ?? "";
    const elsewhere =
      e.label === ""
        ? []
        : [...header.labels].filter(([c, l]) => c !== e.col && sameLabel(l, e.label));
    const moved = elsewhere.length === 1 ? elsewhere[0]?.[0] : undefined;
    if (moved !== undefined && !taken.has(moved)) {
      map[field] = moved;
      taken.add(moved);
      diagnostics.push(
        locate(
          issue("map.moved", "warning", {
            vi: `Cách gán cột đã lưu đọc ${name.vi.toLowerCase()} ở cột ${columnLetter(e.col)} (tiêu đề "${e.label}"), nhưng tiêu đề đó nay ở cột ${columnLetter(moved)}: công cụ đọc cột ${columnLetter(moved)}. Nếu không đúng, chạy lại với --map ${field}=<cột> hoặc chọn lại trong "Cách đọc bảng".`,
            en: `The saved column map read ${name.en.toLowerCase()} from column ${columnLetter(e.col)} (header "${e.label}"), but that header is now in column ${columnLetter(moved)}: the tool reads column ${columnLetter(moved)}. If that is wrong, run again with --map ${field}=<column> or choose again under "Cách đọc bảng" (table reading).`,
          }),
          { sheet, row: header.headerRow, col: moved, field, value: e.label },
        ),
      );
      continue;
    }
    const fallback = header.columns[field];
    const instead =
      fallback === undefined
        ? {
            vi: `không còn cột ${name.vi.toLowerCase()} nào được đọc`,
            en: `no column is read as ${name.en.toLowerCase()} now`,
          }
        : {
            vi: `đọc ${name.vi.toLowerCase()} theo tiêu đề bảng (cột ${columnLetter(fallback)})`,
            en: `reads ${name.en.toLowerCase()} by the table's headers (column ${columnLetter(fallback)})`,
          };
    const shown =
      now === ""
        ? { vi: "nay trống", en: "is now empty" }
        : { vi: `nay là "${now}"`, en: `now reads "${now}"` };
    diagnostics.push(
      locate(
        issue("map.stale", "warning", {
          vi: `Cách gán cột đã lưu đọc ${name.vi.toLowerCase()} ở cột ${columnLetter(e.col)} (tiêu đề "${e.label}"), nhưng tiêu đề cột đó ${shown.vi} và không thấy "${e.label}" ở cột khác: công cụ bỏ cách gán này và ${instead.vi}. Chạy lại với --map ${field}=<cột> (hoặc chọn lại trong "Cách đọc bảng") để gán lại.`,
          en: `The saved column map read ${name.en.toLowerCase()} from column ${columnLetter(e.col)} (header "${e.label}"), but that column's header ${shown.en} and "${e.label}" is not in another column: the tool drops that mapping and ${instead.en}. Run again with --map ${field}=<column> (or choose again under "Cách đọc bảng", table reading) to map it again.`,
        }),
        { sheet, row: header.headerRow, col: e.col, field, value: now === "" ? null : now },
      ),
    );
  }
  return { map, diagnostics };
}

/**
 * Mapped plan columns that are empty on every item: a map pointing at the wrong column (or at one
 * emptied since) would read every item's field as blank. Tracker columns (status, air date,
 * spending, due) start empty and are not flagged.
 */
export function emptyMappedColumns(
  sheet: SheetData,
  header: HeaderMap,
  map: ColumnMap,
  source: MapSource,
  itemRows: readonly number[],
): Diagnostic[] {
  if (itemRows.length === 0) return [];
  const out: Diagnostic[] = [];
  for (const [field, col] of mappedColumns(map)) {
    if (!PLAN_FIELDS.includes(field)) continue;
    if (itemRows.some((r) => !isBlank(sheet.rows[r - 1]?.[col - 1]))) continue;
    const name = FIELD_LABELS[field];
    const how =
      source === "option"
        ? { vi: "bằng --map", en: "with --map" }
        : { vi: "theo cách gán đã lưu", en: "by the saved column map" };
    const label = header.labels.get(col) ?? cellText(sheet.rows[header.headerRow - 1]?.[col - 1]);
    out.push(
      locate(
        issue("map.empty-column", "warning", {
          vi: `Cột ${columnLetter(col)} được gán cho ${name.vi.toLowerCase()} (${how.vi}) nhưng trống ở mọi mục, nên ${name.vi.toLowerCase()} của các mục được coi là trống. Kiểm tra lại cột (có thể đã bị xóa hoặc dời chỗ) rồi gán lại với --map ${field}=<cột> hoặc trong "Cách đọc bảng".`,
          en: `Column ${columnLetter(col)} is mapped to ${name.en.toLowerCase()} (${how.en}) but is empty on every item, so the items' ${name.en.toLowerCase()} is taken as empty. Check the column (it may have been deleted or moved) and map it again with --map ${field}=<column> or under "Cách đọc bảng" (table reading).`,
        }),
        {
          sheet: sheet.name,
          row: header.headerRow,
          col,
          field,
          value: label === "" ? null : label,
        },
      ),
    );
  }
  return out;
}
