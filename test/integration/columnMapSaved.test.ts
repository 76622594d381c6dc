/**
 * `track --map` saves the clerk's column map in the tracker (issue 12), and every later run —
 * check, track, summary, the add-in's convert and live re-check — reads the plan with it until a
 * new --map replaces it; a saved column whose header moved or is gone is said at its cell. Real
 * .xlsx written and read back; the add-in's path on the fake Excel.
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import {
  convertToTracker,
  liveRecheck,
  readTableReading,
} from "../../src/adapters/officejs/session";
import { NO_COLUMN } from "../../src/domain/columnMap";
import { META_SHEET } from "../../src/domain/tracker/metadata";
import { createExcelHost } from "../../src/taskpane/excelHost";
import { cli } from "../helpers/cli";
import { runTrack } from "../helpers/track";
import { tempDir, writeWorkbook } from "../helpers/xlsx";
import { createFakeWorkbook } from "../fakes/excel";
import { ENV } from "../helpers/officeFake";

const tmp = tempDir("pt-map-");
afterAll(() => tmp.cleanup());

/** A plan whose duration column is headed "TL": the tool cannot know it without a map. */
const ROWS: ExcelJS.CellValue[][] = [
  ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2024"],
  ["STT", "Nội dung", "Thời gian", "TL", "Đơn vị thực hiện"],
  [1, "Phóng sự kỷ niệm ngày thành lập huyện 11/03/2024", "Quý I/2024", "05 phút", "Trung tâm"],
  [2, "Tin phòng chống cháy rừng", "Quý II/2024", "10 phút", "Trung tâm"],
];

interface CheckJson {
  items: { durationMinutes: number | null }[];
  diagnostics: { code: string; cell: string | null; message: string }[];
  layout: { mapped: string[]; mapSource: string | null };
}

async function checkJson(path: string, ...extra: string[]): Promise<CheckJson> {
  const r = await cli(["check", path, "--json", "--as-of", "2024-01-15", ...extra]);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as CheckJson;
}

describe("track --map saves the map in the tracker", () => {
  const plan = join(tmp.dir, "plan.xlsx");
  const tracker = join(tmp.dir, "plan.tracker.xlsx");

  beforeAll(async () => {
    await writeWorkbook(plan, [{ name: "KH", rows: ROWS }]);
  });

  it("writes a tracker that read the durations from the mapped column, and says the map is kept", async () => {
    const r = await runTrack({ plan, asOf: "2024-01-15", map: "duration=D" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Cách gán cột lưu trong sổ theo dõi (dùng cho các lần chạy sau; đổi bằng --map, bỏ bằng --map none): Thời lượng = D ("TL").',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(tracker);
    const meta = wb.getWorksheet(META_SHEET)!;
    const row = [...Array(meta.rowCount).keys()]
      .map((i) => meta.getRow(i + 1))
      .find((x) => x.getCell(1).value === "columnMap");
    expect(JSON.parse(row?.getCell(2).text ?? "")).toEqual({
      duration: { col: 4, label: "TL" },
    });
  });

  it("check on the tracker without --map reads with the saved map", async () => {
    const json = await checkJson(tracker);
    expect(json.items.map((i) => i.durationMinutes)).toEqual([5, 10]);
    expect(json.layout.mapped).toEqual(["duration"]);
    expect(json.layout.mapSource).toBe("saved");
    expect(json.diagnostics).toEqual([]);
    const text = await cli(["check", tracker, "--as-of", "2024-01-15"]);
    expect(text.stdout).toContain("Thời lượng D2 (cách gán đã lưu)");
  });

  it("track --in-place without --map keeps the map, and summary reads with it", async () => {
    const again = await runTrack({ plan: tracker, inPlace: true, asOf: "2024-01-15" });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Thời lượng = D ("TL")');
    expect((await checkJson(tracker)).items.map((i) => i.durationMinutes)).toEqual([5, 10]);
    const summaryXlsx = join(tmp.dir, "summary.xlsx");
    const summary = await cli(["summary", tracker, "--xlsx", summaryXlsx, "--as-of", "2024-01-15"]);
    expect(summary.code).toBe(0);
    // The progress sheet's whole-year minutes planned: 5 + 10, read through the saved map.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(summaryXlsx);
    const progress = wb.getWorksheet("Tiến độ")!;
    expect(progress.getCell("A10").value).toBe("Cả năm / Whole year");
    const minutes = progress.getCell("J10").value;
    expect(
      typeof minutes === "object" && minutes !== null && "result" in minutes
        ? minutes.result
        : minutes,
    ).toBe(15);
  });

  it("check --map overrides the saved map for one run; --map none reads by the headers", async () => {
    const over = await checkJson(tracker, "--map", "notes=D");
    expect(over.items.map((i) => i.durationMinutes)).toEqual([null, null]);
    expect(over.layout.mapSource).toBe("option");
    const none = await checkJson(tracker, "--map", "none");
    expect(none.layout.mapped).toEqual([]);
    expect(none.diagnostics.map((d) => d.code)).toEqual(["header.unmapped-column"]);
    // check never writes: the saved map is still there.
    expect((await checkJson(tracker)).layout.mapSource).toBe("saved");
  });
});

describe("a saved map that no longer fits is said at its cell, never silently", () => {
  async function trackerWith(rows: ExcelJS.CellValue[][], name: string): Promise<string> {
    const plan = join(tmp.dir, `${name}.xlsx`);
    await writeWorkbook(plan, [{ name: "KH", rows }]);
    const out = join(tmp.dir, `${name}.tracker.xlsx`);
    expect(
      (await runTrack({ plan, output: out, asOf: "2024-01-15", map: "duration=D" })).code,
    ).toBe(0);
    return out;
  }

  it("a column inserted left of the mapped one: the map follows its header, with a warning", async () => {
    const out = await trackerWith(ROWS, "moved");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    wb.getWorksheet("KH")!.spliceColumns(2, 0, ["", "Mã", "A1", "A2"]);
    await wb.xlsx.writeFile(out);
    const json = await checkJson(out);
    expect(json.items.map((i) => i.durationMinutes)).toEqual([5, 10]);
    expect(json.diagnostics.map((d) => [d.code, d.cell])).toEqual([["map.moved", "E2"]]);
    expect(json.diagnostics[0]!.message).toContain(
      'Cách gán cột đã lưu đọc thời lượng ở cột D (tiêu đề "TL"), nhưng tiêu đề đó nay ở cột E',
    );
  });

  it("the mapped column emptied: flagged at its header cell", async () => {
    const out = await trackerWith(ROWS, "emptied");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("KH")!;
    ws.getCell("D3").value = null;
    ws.getCell("D4").value = null;
    await wb.xlsx.writeFile(out);
    const json = await checkJson(out);
    expect(json.diagnostics.map((d) => [d.code, d.cell])).toEqual([["map.empty-column", "D2"]]);
  });

  it("the mapped column's header replaced: the mapping is dropped, with a warning, and track forgets it", async () => {
    const out = await trackerWith(ROWS, "stale");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    wb.getWorksheet("KH")!.getCell("D2").value = "Ghi chú";
    await wb.xlsx.writeFile(out);
    const json = await checkJson(out);
    expect(json.items.map((i) => i.durationMinutes)).toEqual([null, null]);
    expect(json.diagnostics.map((d) => [d.code, d.cell])).toEqual([["map.stale", "D2"]]);
    const r = await runTrack({ plan: out, inPlace: true, asOf: "2024-01-15" });
    expect(r.stdout).toContain('KH!D2: Cách gán cột đã lưu đọc thời lượng ở cột D (tiêu đề "TL")');
    expect(r.stdout).not.toContain("Cách gán cột lưu trong sổ theo dõi");
    expect((await checkJson(out)).diagnostics).toEqual([]);
  });

  it("--map unit=none: the tracker reads no unit column, and says the map it keeps", async () => {
    const plan = join(tmp.dir, "none.xlsx");
    await writeWorkbook(plan, [{ name: "KH", rows: ROWS }]);
    const out = join(tmp.dir, "none.tracker.xlsx");
    const r = await runTrack({
      plan,
      output: out,
      asOf: "2024-01-15",
      map: "duration=D,unit=none",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Thời lượng = D ("TL"), Đơn vị thực hiện = không có.');
    const json = await checkJson(out);
    expect(json.layout.mapped).toEqual(["duration", "unit"]);
    expect(
      (
        JSON.parse((await cli(["check", out, "--json"])).stdout) as {
          items: { unit: string | null }[];
        }
      ).items.map((i) => i.unit),
    ).toEqual([null, null]);
    const text = await cli(["check", out, "--as-of", "2024-01-15", "--lang", "en"]);
    expect(text.stdout).toContain("; no column: Unit (saved map).");
  });

  it("a bad --map on track is refused with exit 2 before anything is written", async () => {
    const plan = join(tmp.dir, "bad.xlsx");
    await writeWorkbook(plan, [{ name: "KH", rows: ROWS }]);
    const r = await runTrack({ plan, map: "length=D", lang: "en" });
    expect([r.code, r.errorCode]).toEqual([2, "usage.map"]);
    expect(r.stderr).toContain("e.g. --map period=C,count=D (or --map none to drop a saved map)");
  });
});

describe("the add-in keeps the pane's map in the tracker (fake Excel)", () => {
  function fake() {
    return createFakeWorkbook({
      sheets: [
        { name: "KH", rows: ROWS.map((r) => r.map((v) => (v ?? null) as string | number | null)) },
      ],
    });
  }

  it("shows the reading, converts with the chosen map, keeps it on the next convert and the live re-check", async () => {
    const book = fake();
    const before = await book.run((ctx) => readTableReading(ctx, ENV, { planSheet: "KH" }));
    const duration = before.value.fields.find((f) => f.field === "duration")!;
    expect(duration.column).toBeNull();
    expect(duration.candidates.map((c) => [c.letter, c.label, c.reason])).toEqual([
      ["D", "TL", "values"],
    ]);
    const tried = await book.run((ctx) =>
      readTableReading(ctx, ENV, { planSheet: "KH", columnMap: { duration: 4 } }),
    );
    expect(tried.value.fields.find((f) => f.field === "duration")?.source).toBe("option");
    // The reading writes nothing.
    expect(book.sheetNames()).toEqual(["KH"]);

    const first = await book.run((ctx) =>
      convertToTracker(ctx, ENV, { planSheet: "KH", columnMap: { duration: 4 } }),
    );
    expect(first.value.check.plan.items.map((i) => i.durationMinutes)).toEqual([5, 10]);
    expect(first.value.metadata.columnMap).toEqual({ duration: { col: 4, label: "TL" } });

    const second = await book.run((ctx) => convertToTracker(ctx, ENV, { planSheet: "KH" }));
    expect(second.value.check.plan.layout.mapSource).toBe("saved");
    expect(second.value.check.plan.items.map((i) => i.durationMinutes)).toEqual([5, 10]);
    const saved = await book.run((ctx) => readTableReading(ctx, ENV, { planSheet: "KH" }));
    expect(saved.value.columnMap).toEqual({ duration: 4 });

    await book.simulateUserEdit("KH", "D4", "1 giờ 30 phút");
    const live = await book.run((ctx) => liveRecheck(ctx, ENV, "KH", [4]));
    expect(live?.diagnostics).toEqual([]);
    const minutesCol = second.value.metadata.columns.minutesValue!;
    const letter = String.fromCharCode(64 + minutesCol);
    expect(book.values(`KH!${letter}4`)).toEqual([[90]]);
  });
});

describe("the pane's Excel host: reading and convert with the clerk's map (fake Excel)", () => {
  it("reads without writing, converts with a map that gives one field a column and one none, and keeps it", async () => {
    const rows = [
      ...ROWS.slice(0, 1),
      [...(ROWS[1] as string[]), "Ghi chú"],
      ...ROWS.slice(2).map((r, i) => [...r, i === 0 ? "" : "phát lại"]),
    ];
    const book = createFakeWorkbook({
      sheets: [
        { name: "KH", rows: rows.map((r) => r.map((v) => (v ?? null) as string | number | null)) },
      ],
    });
    const host = createExcelHost({
      features: ENV.features,
      toolVersion: "test",
      now: () => new Date(2024, 0, 15, 9),
      run: book.connection().run,
    });
    const first = await host.reading!("KH");
    expect(first.fields.find((f) => f.field === "notes")?.column?.letter).toBe("F");
    const tried = await host.reading!("KH", { duration: 4, notes: NO_COLUMN });
    expect(tried.fields.find((f) => f.field === "notes")).toMatchObject({
      column: null,
      source: "option",
    });
    expect(book.sheetNames()).toEqual(["KH"]);

    const converted = await host.convert("KH", { duration: 4, notes: NO_COLUMN });
    expect(converted.metadata.columnMap).toEqual({
      duration: { col: 4, label: "TL" },
      notes: { col: NO_COLUMN, label: "" },
    });
    // A later convert without a map (the ribbon's button, the pane opened again) keeps it.
    const again = await host.convert("KH");
    expect(again.check.plan.layout.mapSource).toBe("saved");
    expect(again.metadata.columnMap).toEqual(converted.metadata.columnMap);
    const saved = await host.reading!("KH");
    expect(saved.columnMap).toEqual({ duration: 4, notes: NO_COLUMN });
    expect(saved.lines.vi[0]).toContain("không có cột: Ghi chú (cách gán đã lưu)");
    // "Đặt lại" then Convert: the empty map forgets it.
    const reset = await host.convert("KH", {});
    expect(reset.metadata.columnMap).toEqual({});
  });
});
