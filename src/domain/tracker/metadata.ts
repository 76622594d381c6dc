/**
 * The tracker's memory between runs, kept in a veryHidden sheet: exceljs drops custom XML parts and
 * add-in settings, but a sheet survives every path (exceljs, the Office JS API, LibreOffice). It records
 * which columns, rows and rules the tool wrote, so a re-run replaces exactly those and nothing of
 * the user's.
 */
import { readSavedColumnMap, type SavedColumnMap } from "../columnMap";
import type { FieldKey } from "../fields";
import { TRACKER_FIELDS, PLAN_FIELDS } from "../fields";
import { cellText } from "../cell";
import type { OwnedRules } from "../layout/spec";
import type { SheetData } from "../workbookData";

export const META_SHEET = "_PlanTracker";
export const FORMAT_VERSION = 1;

export interface TrackerMetadata {
  readonly formatVersion: number;
  readonly toolVersion: string;
  readonly planSheet: string;
  readonly headerRow: number;
  /** Column (1-based) of every field mapped when the tracker was written. */
  readonly columns: Readonly<Partial<Record<FieldKey, number>>>;
  /** Tracker columns the tool added (it owns their header cells, and the cells of computed ones). */
  readonly ownedColumns: readonly FieldKey[];
  /** Rows whose computed cells the tool wrote, as compact ranges ("5-14,16"). */
  readonly writtenRows: string;
  readonly rules: OwnedRules;
  readonly asOf: string;
  /** Prints of the sheets the tool rebuilds (sheetPrint.ts), by name, as it last wrote them. */
  readonly sheetPrints: Readonly<Record<string, string>>;
  /**
   * The clerk's column map (track --map, the pane's "Cách đọc bảng"), with each column's header
   * label then: every later run reads the plan with it until a new map replaces it.
   */
  readonly columnMap: SavedColumnMap;
  /**
   * "done" once a run wrote everything. In Excel a run first writes a journal (journalOf) whose
   * state says it is writing, because a batch that fails half way keeps what it wrote before:
   * the next run then knows every column, rule and table the failed one may have left, and
   * which sheets it was creating (so it creates them whole, not leaves them half-filled).
   */
  readonly state: MetadataState;
  /**
   * Rows that give the items below them their period: section rows ("I | QUÝ I") and numbered
   * headings, as compact ranges. The add-in's live re-check of an edited row must read them.
   */
  readonly contextRows: string;
}

export type MetadataState =
  | "done"
  | {
      readonly writing: true;
      readonly creating: readonly string[];
      /**
       * A sheet holding the clerk's entries (the items sheet) is renamed to a backup before its
       * new copy is written, and the backup deleted once that copy is whole: sheet → backup.
       */
      readonly backups: Readonly<Record<string, string>>;
    };

export const isWriting = (meta: TrackerMetadata | null): boolean =>
  meta !== null && meta.state !== "done";

export const EMPTY_RULES: OwnedRules = { validations: [], conditionalFormats: [], tables: [] };

const KEYS = [
  "formatVersion",
  "toolVersion",
  "asOfEffective",
  "planSheet",
  "headerRow",
  "columns",
  "ownedColumns",
  "writtenRows",
  "rules",
  "asOf",
  "sheetPrints",
  // Keys are only ever appended: each one's row is fixed by its place in this list.
  "columnMap",
  "state",
  "contextRows",
] as const;
type MetaKey = (typeof KEYS)[number];

/** Row of each key on the metadata sheet (key in column A, value in B). */
export const META_ROWS: Readonly<Record<MetaKey, number>> = Object.fromEntries(
  KEYS.map((k, i) => [k, i + 2]),
) as Record<MetaKey, number>;

/** The cell holding the effective as-of date (settings' date, else TODAY()); named PT_AsOf. */
export const AS_OF_CELL = { row: META_ROWS.asOfEffective, col: 2 } as const;
export const AS_OF_NAME = "PT_AsOf";

const KNOWN_FIELDS = new Set<string>([...PLAN_FIELDS, ...TRACKER_FIELDS]);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Copies only known fields with integer columns: a crafted "__proto__" key is simply ignored. */
function readColumns(v: unknown): Partial<Record<FieldKey, number>> {
  const out: Partial<Record<FieldKey, number>> = {};
  if (!isRecord(v)) return out;
  for (const key of Object.keys(v)) {
    const col = v[key];
    if (
      KNOWN_FIELDS.has(key) &&
      typeof col === "number" &&
      Number.isInteger(col) &&
      col >= 1 &&
      col <= 16384
    ) {
      out[key as FieldKey] = col;
    }
  }
  return out;
}

function readStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function readRules(v: unknown): OwnedRules {
  if (!isRecord(v)) return EMPTY_RULES;
  const cfs = Array.isArray(v.conditionalFormats) ? v.conditionalFormats : [];
  return {
    validations: readStrings(v.validations),
    tables: readStrings(v.tables),
    conditionalFormats: cfs
      .filter(isRecord)
      .filter((c) => typeof c.range === "string" && typeof c.formula === "string")
      .map((c) => ({ range: c.range as string, formula: c.formula as string })),
  };
}

/** Only string prints of plain names: a crafted "__proto__" key lands in a null-prototype map. */
function readPrints(v: unknown): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  if (!isRecord(v)) return out;
  for (const key of Object.keys(v)) {
    const print = v[key];
    if (typeof print === "string" && print.length <= 64) out[key] = print;
  }
  return out;
}

/** Reads the metadata sheet; null when it is missing or not ours. */
export function readMetadata(sheet: SheetData | undefined): TrackerMetadata | null {
  if (!sheet) return null;
  const value = (key: MetaKey): string => cellText(sheet.rows[META_ROWS[key] - 1]?.[1] ?? null);
  const keyAt = (key: MetaKey): string => cellText(sheet.rows[META_ROWS[key] - 1]?.[0] ?? null);
  if (keyAt("formatVersion") !== "formatVersion") return null;
  const formatVersion = Number(value("formatVersion"));
  const headerRow = Number(value("headerRow"));
  if (!Number.isInteger(formatVersion) || !Number.isInteger(headerRow) || headerRow < 1)
    return null;
  return {
    formatVersion,
    toolVersion: value("toolVersion"),
    planSheet: value("planSheet"),
    headerRow,
    columns: readColumns(safeJson(value("columns"))),
    ownedColumns: readStrings(safeJson(value("ownedColumns"))).filter((f): f is FieldKey =>
      KNOWN_FIELDS.has(f),
    ),
    writtenRows: value("writtenRows"),
    rules: readRules(safeJson(value("rules"))),
    asOf: value("asOf"),
    sheetPrints: readPrints(safeJson(value("sheetPrints"))),
    // A tracker from before the key was added has no such row: no saved map.
    columnMap:
      keyAt("columnMap") === "columnMap" ? readSavedColumnMap(safeJson(value("columnMap"))) : {},
    state: readState(value("state")),
    contextRows: value("contextRows"),
  };
}

/** A tracker from before the journal has no state row: it was written whole (exceljs or one run). */
function readState(text: string): MetadataState {
  const v = text === "" || text === "done" ? null : safeJson(text);
  if (!isRecord(v) || v.writing !== true) return "done";
  return { writing: true, creating: readStrings(v.creating), backups: readPrints(v.backups) };
}

export function metadataEntries(meta: TrackerMetadata): [MetaKey, string | number][] {
  return [
    ["formatVersion", meta.formatVersion],
    ["toolVersion", meta.toolVersion],
    ["planSheet", meta.planSheet],
    ["headerRow", meta.headerRow],
    ["columns", JSON.stringify(meta.columns)],
    ["ownedColumns", JSON.stringify(meta.ownedColumns)],
    ["writtenRows", meta.writtenRows],
    ["rules", JSON.stringify(meta.rules)],
    ["asOf", meta.asOf],
    ["sheetPrints", JSON.stringify(meta.sheetPrints)],
    ["columnMap", JSON.stringify(meta.columnMap)],
    ["state", meta.state === "done" ? "done" : JSON.stringify(meta.state)],
    ["contextRows", meta.contextRows],
  ];
}

/**
 * The journal a run writes before anything else in Excel: what the workbook may hold once any
 * prefix of the run's operations is applied — the earlier run's columns, rows and rules (the
 * failed run may not have removed them yet) together with this run's.
 */
export function journalOf(
  previous: TrackerMetadata | null,
  next: TrackerMetadata,
  creating: readonly string[],
  backups: Readonly<Record<string, string>> = {},
): TrackerMetadata {
  const before = previous?.planSheet === next.planSheet ? previous : null;
  const union = <T>(a: readonly T[], b: readonly T[], key: (x: T) => string): T[] => {
    const seen = new Map<string, T>();
    for (const x of [...a, ...b]) if (!seen.has(key(x))) seen.set(key(x), x);
    return [...seen.values()];
  };
  const same = (x: string): string => x;
  const rules = before?.rules ?? EMPTY_RULES;
  return {
    ...next,
    ownedColumns: union(before?.ownedColumns ?? [], next.ownedColumns, same),
    writtenRows: compactRows([
      ...expandRows(before?.writtenRows ?? ""),
      ...expandRows(next.writtenRows),
    ]),
    rules: {
      validations: union(rules.validations, next.rules.validations, same),
      tables: union(rules.tables, next.rules.tables, same),
      conditionalFormats: union(
        rules.conditionalFormats,
        next.rules.conditionalFormats,
        (c) => `${c.range}\u0000${c.formula}`,
      ),
    },
    sheetPrints: before?.sheetPrints ?? {},
    state: {
      writing: true,
      creating: [...creating],
      backups: { ...backups },
    },
  };
}

/** 5,6,7,9 → "5-7,9". */
export function compactRows(rows: readonly number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i] ?? 0;
    let end = start;
    while (sorted[i + 1] === end + 1) {
      end++;
      i++;
    }
    parts.push(start === end ? `${start}` : `${start}-${end}`);
    i++;
  }
  return parts.join(",");
}

/**
 * "5-7,9" → [5,6,7,9], sorted and without repeats; garbage is ignored and rows are capped at
 * Excel's row limit, so however the (user-editable) text is crafted the result has at most
 * 1 048 576 rows ("1-1048576" written 300 times once exhausted the heap).
 */
export function expandRows(text: string): number[] {
  const ranges: [number, number][] = [];
  for (const part of text.split(",")) {
    const m = /^\s*(\d+)(?:-(\d+))?\s*$/.exec(part);
    if (!m) continue;
    const a = Math.max(1, Number(m[1]));
    const b = Math.min(Number(m[2] ?? m[1]), 1_048_576);
    if (a <= b) ranges.push([a, b]);
  }
  ranges.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  let next = 1;
  for (const [a, b] of ranges)
    for (let r = Math.max(a, next); r <= b; r++) {
      out.push(r);
      next = r + 1;
    }
  return out;
}
