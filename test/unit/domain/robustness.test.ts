/**
 * Property tests for the readers that take a whole grid from the user's workbook and had none:
 * header mapping (findHeader / matchHeader), the settings sheet (readSettings) and the tracker's
 * metadata sheet (readMetadata, expandRows). For ANY grid they must not throw, must return a
 * result or a diagnostic, and must not touch Object.prototype.
 */
import fc from "fast-check";
import type { CellValue } from "../../../src/domain/cell";
import { FIELD_ALIASES } from "../../../src/domain/fields";
import { findHeader, HEADER_SEARCH_ROWS, matchHeader } from "../../../src/domain/headers";
import { RATES_LABEL, readSettings, SETTING_LABELS } from "../../../src/domain/settings";
import { expandRows, META_ROWS, readMetadata } from "../../../src/domain/tracker/metadata";
import type { SheetData } from "../../../src/domain/workbookData";
import { SAMPLE_HEADER } from "../../helpers/grid";

const aliases = Object.values(FIELD_ALIASES).flat();
const labels = [
  ...Object.values(SETTING_LABELS).flatMap((l) => [l.vi, l.en]),
  RATES_LABEL.vi,
  RATES_LABEL.en,
];
const metaKeys = Object.keys(META_ROWS);

/** What a cell can hold, biased towards the words the readers look for. */
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...aliases, ...SAMPLE_HEADER, ...labels, ...metaKeys) },
  { weight: 3, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme" }) },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "toString") },
  { weight: 1, arbitrary: fc.json() },
  { weight: 2, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 1_100_000 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.double().map((serial) => ({ kind: "date" as const, serial })) },
  { weight: 1, arbitrary: fc.string().map((code) => ({ kind: "error" as const, code })) },
);

const grid = fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: HEADER_SEARCH_ROWS + 6 });
const sheetOf = (name: string) => grid.map((rows): SheetData => ({ name, rows }));

const protoKeys = (): string => Object.getOwnPropertyNames(Object.prototype).sort().join(",");
const before = protoKeys();
afterEach(() => {
  expect(protoKeys()).toBe(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe("header mapping on arbitrary grids", () => {
  it("matchHeader never throws and returns a field or null, for anything", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), cell), (value) => {
        const field = matchHeader(value);
        return field === null || field in FIELD_ALIASES;
      }),
    );
  });

  it("findHeader never throws and returns a header map or a diagnostic", () => {
    fc.assert(
      fc.property(sheetOf("Kế hoạch"), (sheet) => {
        const r = findHeader(sheet);
        if (r.map === null) return r.diagnostics.length > 0;
        const m = r.map;
        return (
          m.headerRow >= 1 &&
          m.headerRow <= HEADER_SEARCH_ROWS &&
          Object.values(m.columns).every((c) => Number.isInteger(c) && c >= 1 && c <= m.lastColumn)
        );
      }),
      { numRuns: 300 },
    );
  });

  it("finds the sample header wherever it sits in the first 20 rows, among noise", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: HEADER_SEARCH_ROWS - 1 }),
        fc.array(
          fc.array(fc.oneof(fc.string(), fc.double(), fc.constant(null)), { maxLength: 6 }),
          {
            minLength: HEADER_SEARCH_ROWS,
            maxLength: HEADER_SEARCH_ROWS,
          },
        ),
        (at, noise) => {
          const rows: CellValue[][] = noise.map((r) => [...r]);
          rows[at] = [...SAMPLE_HEADER];
          const r = findHeader({ name: "S", rows });
          return r.map !== null && r.map.columns.title !== undefined;
        },
      ),
    );
  });
});

describe("readSettings on arbitrary grids", () => {
  it("never throws; every setting is typed or null, every problem is a diagnostic", () => {
    fc.assert(
      fc.property(sheetOf("Cài đặt"), (sheet) => {
        const { settings, diagnostics, cells } = readSettings(sheet);
        const s = settings as unknown as Record<string, unknown>;
        for (const d of diagnostics) if (typeof d.text.vi !== "string") return false;
        for (const at of Object.values(cells))
          if (!at || !Number.isInteger(at.row) || !Number.isInteger(at.col)) return false;
        return (
          (s.planYear === null || Number.isInteger(s.planYear)) &&
          (s.allocationVnd === null || typeof s.allocationVnd === "number")
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe("readMetadata and expandRows on arbitrary input", () => {
  it("readMetadata never throws: null, or metadata with sane types", () => {
    const metaSheet = fc
      .tuple(
        grid,
        fc.dictionary(
          fc.constantFrom(...metaKeys),
          fc.oneof(cell, fc.json(), fc.constant('{"__proto__":{"polluted":1},"title":2}')),
        ),
      )
      .map(([rows, values]): SheetData => {
        const out = rows.map((r) => [...r]);
        for (const [key, value] of Object.entries(values)) {
          const row = META_ROWS[key as keyof typeof META_ROWS] - 1;
          while (out.length <= row) out.push([]);
          out[row] = [key, value];
        }
        return { name: "_PlanTracker", rows: out };
      });
    fc.assert(
      fc.property(metaSheet, (sheet) => {
        const meta = readMetadata(sheet);
        if (meta === null) return true;
        return (
          Number.isInteger(meta.headerRow) &&
          meta.headerRow >= 1 &&
          Array.isArray(meta.ownedColumns) &&
          Object.values(meta.columns).every((c) => typeof c === "number")
        );
      }),
      { numRuns: 300 },
    );
  });

  it("expandRows returns sorted, distinct rows inside Excel's grid, for any text", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^(\d{1,8}(-\d{1,8})?,){0,6}\d{1,8}(-\d{1,8})?$/)),
        (text) => {
          const rows = expandRows(text);
          return rows.every(
            (r, i) =>
              Number.isInteger(r) && r >= 1 && r <= 1_048_576 && (i === 0 || r > rows[i - 1]!),
          );
        },
      ),
    );
  });

  it("expandRows stays bounded on a crafted list of whole-sheet ranges", () => {
    const rows = expandRows("1-1048576,".repeat(300));
    expect(rows.length).toBe(1_048_576);
    expect(expandRows("9,5-7,6,0,-3,x")).toEqual([5, 6, 7, 9]);
  });
});
