/**
 * The clerk's own reading of a column, over the tool's: `check --map period=C,count=D`. Used when
 * a header says something the tool cannot know ("TL" for the duration) or reads a column wrongly;
 * the layout report names the fields set this way.
 */
import { a1, columnNumber } from "./cell";
import { PlanTrackerError } from "./diagnostics";
import { PLAN_FIELDS, type FieldKey } from "./fields";
import type { HeaderMap } from "./headers";

export type ColumnMap = Readonly<Partial<Record<FieldKey, number>>>;

/** Fields a clerk may point at a column: the plan's and the ones a clerk fills in. */
const MAPPABLE: readonly FieldKey[] = [...PLAN_FIELDS, "due", "status", "airedOn", "spent"];

/** "period=C,count=D" → { period: 3, count: 4 }; anything else is a usage error saying what is valid. */
export function parseColumnMap(text: string): ColumnMap {
  const map: Partial<Record<FieldKey, number>> = {};
  const used = new Map<number, FieldKey>();
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "")) {
    const m = /^([A-Za-z]+)\s*=\s*([A-Za-z]{1,3})$/.exec(part);
    const field = MAPPABLE.find((f) => f.toLowerCase() === m?.[1]?.toLowerCase());
    if (!m || !field) throw badMap(part);
    const col = columnNumber(m[2] ?? "");
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
    vi: `--map "${part}" không hợp lệ: dùng trường=cột, cách nhau bằng dấu phẩy, ví dụ --map period=C,count=D. Các trường: ${fields}.`,
    en: `--map "${part}" is not valid: use field=column, separated by commas, e.g. --map period=C,count=D. Fields: ${fields}.`,
  });
}

/**
 * The header with the clerk's columns put over the tool's: a field mapped here leaves the column
 * it was read from, and a column given to a field here is no longer read as another.
 */
export function applyColumnMap(header: HeaderMap, map: ColumnMap): HeaderMap {
  const columns: Partial<Record<FieldKey, number>> = { ...header.columns };
  const cells: Partial<Record<FieldKey, string>> = { ...header.headerCells };
  const taken = new Set(Object.values(map));
  for (const [field, col] of Object.entries(columns) as [FieldKey, number][]) {
    if (taken.has(col) && map[field] !== col) {
      delete columns[field];
      delete cells[field];
    }
  }
  for (const [field, col] of Object.entries(map) as [FieldKey, number][]) {
    columns[field] = col;
    cells[field] = a1(header.headerRow, col);
  }
  const lastColumn = Math.max(header.lastColumn, ...Object.values(map));
  return { ...header, columns, headerCells: cells, lastColumn };
}
