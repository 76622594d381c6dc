import { applyColumnMap, parseColumnMap } from "../../../src/domain/columnMap";
import { PlanTrackerError } from "../../../src/domain/diagnostics";
import { findHeader } from "../../../src/domain/headers";
import { sheet } from "../../helpers/grid";

describe("parseColumnMap (--map)", () => {
  it.each<[string, Record<string, number>]>([
    ["period=C,count=D", { period: 3, count: 4 }],
    ["duration = e", { duration: 5 }],
    ["title=B, period=C, budget=AA", { title: 2, period: 3, budget: 27 }],
    ["airedOn=L,spent=M", { airedOn: 12, spent: 13 }],
  ])("%s", (text, expected) => {
    expect(parseColumnMap(text)).toEqual(expected);
  });

  it.each([
    ["", /period=C,count=D/],
    ["period", /field=column/],
    ["periode=C", /Fields: no, title, period/],
    ["period=C3", /field=column/],
    ["period=C,count=C", /already given to period/],
    ["check=P", /Fields:/],
  ])("refuses %j with what is valid", (text, message) => {
    let caught: unknown = null;
    try {
      parseColumnMap(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PlanTrackerError);
    expect((caught as PlanTrackerError).code).toBe("usage.map");
    expect((caught as PlanTrackerError).text.en).toMatch(message);
  });
});

describe("applyColumnMap", () => {
  const found = findHeader(
    sheet("KH", [["STT", "Nội dung", "Thời gian", "Thời lượng", "TL"]]),
  ).map!;

  it("puts the clerk's column over the header's and takes it from the field that had it", () => {
    const mapped = applyColumnMap(found, parseColumnMap("duration=E,count=D"));
    expect(mapped.columns).toEqual({ no: 1, title: 2, period: 3, count: 4, duration: 5 });
    expect(mapped.headerCells).toEqual({
      no: "A1",
      title: "B1",
      period: "C1",
      count: "D1",
      duration: "E1",
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The map a tracker saves (track --map, the pane's "Cách đọc bảng") and every later run's use of it

import type { CellValue } from "../../../src/domain/cell";
import { checkWorkbook } from "../../../src/domain/check";
import {
  emptyMappedColumns,
  NO_COLUMN,
  readSavedColumnMap,
  resolveSavedMap,
  savedMapOf,
  type SavedColumnMap,
} from "../../../src/domain/columnMap";
import { tableReading } from "../../../src/domain/tableReading";
import { describeLayout } from "../../../src/domain/tableLayout";
import { META_SHEET, readMetadata } from "../../../src/domain/tracker/metadata";
import { buildTracker } from "../../../src/domain/tracker/track";
import type { SheetData, WorkbookData } from "../../../src/domain/workbookData";
import { book } from "../../helpers/grid";

describe("parseColumnMap: none", () => {
  it.each(["none", " NONE ", "không"])("%j is an empty map (headers only)", (text) => {
    expect(parseColumnMap(text)).toEqual({});
  });
});

describe("readSavedColumnMap (the metadata's JSON, which a user could edit)", () => {
  it.each<[string, unknown, SavedColumnMap]>([
    ["a saved map", { duration: { col: 3, label: "TL" } }, { duration: { col: 3, label: "TL" } }],
    ["not an object", [1, 2], {}],
    ["null", null, {}],
    ["an unknown field", { length: { col: 3, label: "TL" } }, {}],
    ["a computed field", { check: { col: 3, label: "" } }, {}],
    ["a column out of range", { duration: { col: 16385, label: "TL" } }, {}],
    ["a fractional column", { duration: { col: 2.5, label: "TL" } }, {}],
    ["a label that is not text", { duration: { col: 3, label: 7 } }, {}],
    [
      "two fields on one column (the second is left out)",
      { duration: { col: 3, label: "TL" }, count: { col: 3, label: "TL" } },
      { duration: { col: 3, label: "TL" } },
    ],
  ])("%s", (_name, json, expected) => {
    expect(readSavedColumnMap(json)).toEqual(expected);
  });

  it("ignores a crafted __proto__ key", () => {
    const saved = readSavedColumnMap(JSON.parse('{"__proto__":{"col":3,"label":"x"}}'));
    expect(saved).toEqual({});
    expect(({} as Record<string, unknown>).col).toBeUndefined();
  });
});

/** A plan whose duration column is headed "TL", which only a map can say. */
function tlPlan(header: readonly CellValue[], rows: readonly (readonly CellValue[])[]): SheetData {
  return sheet("KH", [["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2024"], [...header], ...rows.map((r) => [...r])]);
}

const TL_PLAN = tlPlan(
  ["Nội dung", "Thời gian", "TL", "Ghi chú"],
  [
    ["Phóng sự A", "Quý I/2024", "05 phút", ""],
    ["Phóng sự B", "Quý II/2024", "10 phút", "phát lại"],
  ],
);

describe("resolveSavedMap: a saved map against the header as it is now", () => {
  const saved: SavedColumnMap = { duration: { col: 3, label: "TL" } };

  it("keeps a column whose header is the one saved", () => {
    const header = findHeader(TL_PLAN).map!;
    expect(resolveSavedMap("KH", header, saved)).toEqual({ map: { duration: 3 }, diagnostics: [] });
  });

  it("keeps it without a word when the header now names the field itself", () => {
    const renamed = tlPlan(
      ["Nội dung", "Thời gian", "Thời lượng"],
      [["A", "Quý I/2024", "05 phút"]],
    );
    const r = resolveSavedMap("KH", findHeader(renamed).map!, saved);
    expect(r).toEqual({ map: { duration: 3 }, diagnostics: [] });
  });

  it("follows the header to the column it moved to, and says so at its cell", () => {
    const moved = tlPlan(
      ["STT", "Nội dung", "Thời gian", "TL"],
      [[1, "Phóng sự A", "Quý I/2024", "05 phút"]],
    );
    const r = resolveSavedMap("KH", findHeader(moved).map!, saved);
    expect(r.map).toEqual({ duration: 4 });
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.cell, d.field])).toEqual([
      ["map.moved", "warning", "D2", "duration"],
    ]);
    expect(r.diagnostics[0]!.text.vi).toBe(
      'KH!D2: Cách gán cột đã lưu đọc thời lượng ở cột C (tiêu đề "TL"), nhưng tiêu đề đó nay ở cột D: công cụ đọc cột D. Nếu không đúng, chạy lại với --map duration=<cột> hoặc chọn lại trong "Cách đọc bảng".',
    );
  });

  it("drops a column whose header is gone, says so at the old cell, and reads by the headers", () => {
    const gone = tlPlan(["Nội dung", "Thời gian", "Ghi chú"], [["A", "Quý I/2024", "x"]]);
    const r = resolveSavedMap("KH", findHeader(gone).map!, saved);
    expect(r.map).toEqual({});
    expect(r.diagnostics.map((d) => [d.code, d.cell, d.value])).toEqual([
      ["map.stale", "C2", "Ghi chú"],
    ]);
    expect(r.diagnostics[0]!.text.en).toBe(
      'KH!C2: The saved column map read duration from column C (header "TL"), but that column\'s header now reads "Ghi chú" and "TL" is not in another column: the tool drops that mapping and no column is read as duration now. Run again with --map duration=<column> (or choose again under "Cách đọc bảng", table reading) to map it again.',
    );
  });

  it("does not follow a header that is now in two columns, nor onto a column another field keeps", () => {
    const twice = tlPlan(["Nội dung", "Thời gian", "Ghi chú", "TL", "TL"], [["A", "Quý I/2024"]]);
    expect(resolveSavedMap("KH", findHeader(twice).map!, saved).diagnostics[0]?.code).toBe(
      "map.stale",
    );
    const onto = tlPlan(["Nội dung", "Thời gian", "SL", "TL"], [["A", "Quý I/2024", "2", "5'"]]);
    const r = resolveSavedMap("KH", findHeader(onto).map!, {
      count: { col: 4, label: "TL" },
      duration: { col: 3, label: "TL" },
    });
    // count keeps D (its header is "TL" as saved); duration's "TL" is only in D: dropped.
    expect(r.map).toEqual({ count: 4 });
    expect(r.diagnostics.map((d) => [d.code, d.field])).toEqual([["map.stale", "duration"]]);
  });
});

describe("emptyMappedColumns", () => {
  it("flags a mapped plan column empty on every item, not a tracker column that starts empty", () => {
    const header = findHeader(TL_PLAN).map!;
    const found = emptyMappedColumns(
      TL_PLAN,
      header,
      { count: 5, status: 6, duration: 3 },
      "saved",
      [3, 4],
    );
    expect(found.map((d) => [d.code, d.cell, d.field])).toEqual([
      ["map.empty-column", "E2", "count"],
    ]);
    expect(found[0]!.text.vi).toContain(
      "Cột E được gán cho số lượng (theo cách gán đã lưu) nhưng trống ở mọi mục",
    );
  });
});

/** The sheets a tracker's layout writes, as WorkbookData holds them (values; formulas' results). */
function written(
  wb: WorkbookData,
  layout: ReturnType<typeof buildTracker>["layout"],
): WorkbookData {
  const meta = layout.sheets.find((s) => s.name === META_SHEET)!;
  const rows: CellValue[][] = [];
  for (const c of meta.cells) (rows[c.row - 1] ??= [])[c.col - 1] = c.value ?? c.result ?? null;
  const metaSheet: SheetData = {
    name: META_SHEET,
    state: "veryHidden",
    rows: Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? null)),
  };
  return { sheets: [...wb.sheets.filter((s) => s.name !== META_SHEET), metaSheet] };
}

describe("a map saved by track is used on every later run until a new one replaces it", () => {
  const TODAY = "2024-01-15";
  const first = buildTracker(book(TL_PLAN), {
    today: TODAY,
    toolVersion: "test",
    columnMap: parseColumnMap("duration=C"),
  });
  const tracker = written(book(TL_PLAN), first.layout);

  it("reads with the map and keeps it, with its header label, in the metadata", () => {
    expect(first.check.plan.items.map((i) => i.durationMinutes)).toEqual([5, 10]);
    expect(first.metadata.columnMap).toEqual({ duration: { col: 3, label: "TL" } });
    expect(readMetadata(tracker.sheets.find((s) => s.name === META_SHEET))?.columnMap).toEqual({
      duration: { col: 3, label: "TL" },
    });
  });

  it("check without --map reads with the saved map and names it in the layout", () => {
    const r = checkWorkbook(tracker, { today: TODAY });
    expect(r.plan.items.map((i) => i.durationMinutes)).toEqual([5, 10]);
    expect(r.plan.layout.mapped).toEqual(["duration"]);
    expect(r.plan.layout.mapSource).toBe("saved");
    expect(r.diagnostics).toEqual([]);
  });

  it("track without --map keeps the saved map", () => {
    const again = buildTracker(tracker, { today: TODAY, toolVersion: "test" });
    expect(again.metadata.columnMap).toEqual({ duration: { col: 3, label: "TL" } });
    expect(again.check.plan.items.map((i) => i.durationMinutes)).toEqual([5, 10]);
  });

  it("a new --map replaces it for check (not saved) and for track (saved)", () => {
    const checked = checkWorkbook(tracker, { today: TODAY, columnMap: parseColumnMap("notes=C") });
    expect(checked.plan.items.map((i) => i.durationMinutes)).toEqual([null, null]);
    expect(checked.plan.layout.mapSource).toBe("option");
    const tracked = buildTracker(tracker, {
      today: TODAY,
      toolVersion: "test",
      columnMap: parseColumnMap("notes=C"),
    });
    expect(tracked.metadata.columnMap).toEqual({ notes: { col: 3, label: "TL" } });
  });

  it("--map none reads by the headers alone, and track forgets the saved map", () => {
    const checked = checkWorkbook(tracker, { today: TODAY, columnMap: parseColumnMap("none") });
    expect(checked.plan.layout.mapped).toEqual([]);
    expect(checked.diagnostics.map((d) => d.code)).toEqual(["header.unmapped-column"]);
    const tracked = buildTracker(tracker, {
      today: TODAY,
      toolVersion: "test",
      columnMap: parseColumnMap("none"),
    });
    expect(tracked.metadata.columnMap).toEqual({});
  });

  it("a map saved for the plan sheet is not used on another sheet", () => {
    const other = sheet(
      "Khác",
      TL_PLAN.rows.map((r) => [...r]),
    );
    const r = checkWorkbook(
      { sheets: [...tracker.sheets, other] },
      { today: TODAY, sheet: "Khác" },
    );
    expect(r.plan.layout.mapped).toEqual([]);
  });

  it("a map that supplies the period column lets a sheet without a recognised period header be read", () => {
    const tg = tlPlan(
      ["Nội dung", "TG"],
      [
        ["Phóng sự A", "Quý I/2024"],
        ["Phóng sự B", "Quý II/2024"],
      ],
    );
    expect(() => checkWorkbook(book(tg), { today: TODAY })).toThrow(/lacks a period column/);
    const r = checkWorkbook(book(tg), { today: TODAY, columnMap: parseColumnMap("period=B") });
    expect(r.plan.items.map((i) => i.quarter)).toEqual([1, 2]);
    expect(savedMapOf(r.plan.header, { period: 2 })).toEqual({ period: { col: 2, label: "TG" } });
  });
});

describe("tableReading: what the pane shows as Cách đọc bảng", () => {
  it("names each field's column and source, and the columns that could hold a missing one", () => {
    const reading = tableReading(book(TL_PLAN), { today: "2024-01-15" });
    const field = (f: string) => reading.fields.find((x) => x.field === f)!;
    expect(reading.sheet).toBe("KH");
    expect(reading.headerRows).toEqual({ first: 2, last: 2 });
    expect(field("title")).toMatchObject({
      column: { letter: "A", label: "Nội dung" },
      cell: "A2",
      source: "header",
    });
    expect(field("duration")).toMatchObject({
      column: null,
      source: null,
      candidates: [{ col: 3, letter: "C", label: "TL", reason: "values" }],
    });
    expect(reading.columns.map((c) => c.letter)).toEqual(["A", "B", "C", "D"]);
    expect(reading.lines.en[0]).toBe(
      "Table layout: header row 2; columns: Title A2, Period B2, Notes D2.",
    );
    expect(reading.columnMap).toEqual({});
  });

  it("shows the reading a map would give, and the saved map's marks", () => {
    const reading = tableReading(book(TL_PLAN), {
      today: "2024-01-15",
      columnMap: parseColumnMap("duration=C"),
    });
    expect(reading.fields.find((x) => x.field === "duration")).toMatchObject({
      column: { letter: "C" },
      source: "option",
    });
    expect(reading.columnMap).toEqual({ duration: 3 });
    expect(reading.lines.vi[0]).toContain("Thời lượng C2 (--map)");
  });
});

describe('"no column" (notes=none, the pane\'s "(không có)")', () => {
  const TODAY = "2024-01-15";

  it.each<[string, Record<string, number>]>([
    ["notes=none", { notes: NO_COLUMN }],
    ["notes=-,duration=C", { notes: NO_COLUMN, duration: 3 }],
    ["unit = không", { unit: NO_COLUMN }],
    ["unit=KHONG", { unit: NO_COLUMN }],
  ])("parseColumnMap(%j)", (text, expected) => {
    expect(parseColumnMap(text)).toEqual(expected);
  });

  it("takes the header's column away from the field, and leaves the others", () => {
    const header = findHeader(TL_PLAN).map!;
    const mapped = applyColumnMap(header, { notes: NO_COLUMN, duration: 3 });
    expect(mapped.columns).toEqual({ title: 1, period: 2, duration: 3 });
    expect(mapped.headerCells).toEqual({ title: "A2", period: "B2", duration: "C2" });
    expect(mapped.lastColumn).toBe(header.lastColumn);
  });

  it("reads the field as absent, says so in the layout, and warns nothing about the column", () => {
    const r = checkWorkbook(book(TL_PLAN), { today: TODAY, columnMap: { notes: NO_COLUMN } });
    expect(r.plan.header.columns.notes).toBeUndefined();
    expect(r.plan.layout.mapped).toEqual(["notes"]);
    expect(r.plan.layout.columnMap).toEqual({ notes: { col: NO_COLUMN, label: "" } });
    // The "TL" column still looks like durations: that is said, as before.
    expect(r.diagnostics.map((d) => d.code)).toEqual(["header.unmapped-column"]);
    const none = checkWorkbook(book(TL_PLAN), {
      today: TODAY,
      columnMap: { duration: NO_COLUMN },
    });
    // The clerk said the plan has no duration column: "TL" looking like one is not flagged.
    expect(none.diagnostics).toEqual([]);
    expect(describeLayout(none.plan.header, none.plan.layout, "vi")[0]).toBe(
      "Cách đọc bảng: hàng tiêu đề 2; cột: Nội dung A2, Thời gian B2, Ghi chú D2; không có cột: Thời lượng (--map).",
    );
  });

  it("a required field given no column is still looked for in the header", () => {
    expect(() =>
      checkWorkbook(book(TL_PLAN), { today: TODAY, columnMap: { period: NO_COLUMN } }),
    ).not.toThrow();
    const r = checkWorkbook(book(TL_PLAN), { today: TODAY, columnMap: { period: NO_COLUMN } });
    expect(r.plan.header.columns.period).toBeUndefined();
    expect(r.summary.errors).toBeGreaterThan(0);
  });

  it("is saved by track, kept by later runs, and read back from the metadata", () => {
    const first = buildTracker(book(TL_PLAN), {
      today: TODAY,
      toolVersion: "test",
      columnMap: { notes: NO_COLUMN, duration: 3 },
    });
    expect(first.metadata.columnMap).toEqual({
      notes: { col: NO_COLUMN, label: "" },
      duration: { col: 3, label: "TL" },
    });
    const tracker = written(book(TL_PLAN), first.layout);
    const again = checkWorkbook(tracker, { today: TODAY });
    expect(again.plan.layout.mapSource).toBe("saved");
    expect(again.plan.header.columns.notes).toBeUndefined();
    expect(again.plan.items.map((i) => i.durationMinutes)).toEqual([5, 10]);
    expect(again.diagnostics).toEqual([]);
    expect(readSavedColumnMap({ notes: { col: 0, label: "Ghi chú" } })).toEqual({
      notes: { col: NO_COLUMN, label: "" },
    });
    expect(readSavedColumnMap({ notes: { col: -1, label: "" } })).toEqual({});
  });

  it("tableReading: the field has no column, and its source is the map", () => {
    const reading = tableReading(book(TL_PLAN), { today: TODAY, columnMap: { notes: NO_COLUMN } });
    expect(reading.fields.find((f) => f.field === "notes")).toMatchObject({
      column: null,
      source: "option",
    });
    expect(reading.columnMap).toEqual({ notes: NO_COLUMN });
  });
});

describe("tableReading: the dropdown's columns", () => {
  it("adds a column without a header that holds the items' values, and a mapped one", () => {
    const plan = tlPlan(
      ["Nội dung", "Thời gian", "", "Ghi chú"],
      [
        ["Phóng sự A", "Quý I/2024", "05 phút", ""],
        ["Phóng sự B", "Quý II/2024", "10 phút", "phát lại", "", "x"],
      ],
    );
    const reading = tableReading(book(plan), { today: "2024-01-15" });
    expect(reading.columns.map((c) => [c.letter, c.label])).toEqual([
      ["A", "Nội dung"],
      ["B", "Thời gian"],
      ["C", ""],
      ["D", "Ghi chú"],
      ["F", ""],
    ]);
    const mapped = tableReading(book(plan), {
      today: "2024-01-15",
      columnMap: { duration: 3, spent: 8 },
    });
    expect(mapped.columns.map((c) => c.letter)).toEqual(["A", "B", "C", "D", "F", "H"]);
    expect(mapped.fields.find((f) => f.field === "spent")?.column).toEqual({
      col: 8,
      letter: "H",
      label: "",
    });
  });
});
