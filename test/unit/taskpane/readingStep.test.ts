/**
 * @jest-environment jsdom
 */
/**
 * The pane's "Cách đọc bảng" step (src/taskpane/readingStep.ts, app.ts) before converting: the
 * header rows, sections, totals and matrix found, a dropdown per field preselected from the
 * reading, the clerk's choice marked and passed to Convert, which saves it in the tracker's
 * metadata for every later run; "Đặt lại". Driven through the real Excel host on the fake Excel
 * (Microsoft's client, the Office.js path), and through a scripted host for the timing of quick
 * changes (arrow keys) and a map the plan cannot be read with.
 */
import { NO_COLUMN, type ColumnMap } from "../../../src/domain/columnMap";
import { PlanTrackerError } from "../../../src/domain/diagnostics";
import type { FieldKey } from "../../../src/domain/fields";
import { tableReading, type TableReading } from "../../../src/domain/tableReading";
import { META_SHEET } from "../../../src/domain/tracker/metadata";
import { buildTracker } from "../../../src/domain/tracker/track";
import type { WorkbookData } from "../../../src/domain/workbookData";
import type { CellValue } from "../../../src/domain/cell";
import { PaneApp } from "../../../src/taskpane/app";
import { createExcelHost } from "../../../src/taskpane/excelHost";
import type { PaneHost } from "../../../src/taskpane/host";
import { ReadingChoices } from "../../../src/taskpane/readingStep";
import { createFakeWorkbook, installFakeOffice, type FakeWorkbook } from "../../fakes/excel";
import { ENV } from "../../helpers/officeFake";

jest.mock("../../../src/taskpane/styles.css", () => ({ __esModule: true, default: "" }));

type Row = (string | number | null)[];

/** The duration column is headed "TL": only the clerk can say what it is. */
const TL_ROWS: Row[] = [
  ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2024"],
  ["STT", "Nội dung", "Thời gian", "TL", "Đơn vị thực hiện", "Ghi chú"],
  [1, "Phóng sự kỷ niệm ngày thành lập huyện 11/03/2024", "Quý I/2024", "05 phút", "Trung tâm", ""],
  [2, "Tin phòng chống cháy rừng", "Quý II/2024", "10 phút", "Trung tâm", "phát lại"],
];

/** A district table: two header rows under a merged "Sản phẩm", sections, a subtotal, a total. */
const DISTRICT: { rows: Row[]; merges: string[] } = {
  rows: [
    ["UBND HUYỆN IA H'DRAI"],
    ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2024"],
    ["STT", "Nội dung", "Thời gian", "Sản phẩm", null, "Đơn vị thực hiện", "Kinh phí (đồng)"],
    [null, null, null, "Số lượng", "Thời lượng", null, null],
    ["I", "QUÝ I"],
    [
      1,
      "Kỷ niệm ngày thành lập huyện 11/03/2024",
      null,
      "01 phóng sự",
      "05 phút",
      "Trung tâm",
      15e6,
    ],
    [2, "Tin phòng chống cháy rừng", null, "02 tin", "03 phút", "Trung tâm", 5e6],
    [null, "Cộng quý I", null, null, null, null, 20e6],
    ["II", "QUÝ III-IV"],
    [3, "Tổng kết năm", "Tháng 12", "01 phóng sự", "05 phút", "Trung tâm", 15e6],
    ["Tổng cộng", null, null, null, null, null, 35e6],
  ],
  merges: ["D3:E3", "A3:A4", "B3:B4", "C3:C4", "F3:F4", "G3:G4"],
};

/** A quarter matrix: one topic per row, a count or "x" per quarter. */
const MATRIX: Row[] = [
  ["KẾ HOẠCH NĂM 2024"],
  ["STT", "Nội dung", "Quý I", "Quý II", "Quý III", "Quý IV", "Đơn vị thực hiện"],
  [1, "Tin hoạt động", 2, "x", null, 1, "Trung tâm"],
  [2, "Phóng sự", null, 1, null, null, "Đài"],
];

async function until(done: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error("timed out waiting for the pane");
    await new Promise((r) => setTimeout(r, 5));
  }
}

function mount(): HTMLElement {
  document.body.innerHTML = "";
  const root = document.createElement("div");
  root.id = "app";
  document.body.append(root);
  return root;
}

const idle = (root: HTMLElement): Promise<void> =>
  until(() => root.getAttribute("aria-busy") === "false");

function select(root: HTMLElement, field: FieldKey): HTMLSelectElement {
  const s = root.querySelector<HTMLSelectElement>(`#pt-map-${field}`);
  if (!s) throw new Error(`no dropdown for ${field}`);
  return s;
}

/** The option text each field's dropdown shows. */
function shown(root: HTMLElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of root.querySelectorAll<HTMLSelectElement>(".pt-map-select"))
    out[s.id.replace("pt-map-", "")] = s.selectedOptions[0]?.textContent ?? "";
  return out;
}

function note(root: HTMLElement, field: FieldKey): string {
  return root.querySelector(`#pt-map-${field}-note`)?.textContent ?? "";
}

async function choose(root: HTMLElement, field: FieldKey, value: number): Promise<void> {
  const s = select(root, field);
  s.value = String(value);
  s.dispatchEvent(new Event("change"));
  await idle(root);
}

function facts(root: HTMLElement): string[] {
  return [...root.querySelectorAll("#pt-reading-facts li")].map((li) => li.textContent ?? "");
}

/** The column map the tracker's metadata sheet holds (JSON in column B of row "columnMap"). */
function savedMap(fake: FakeWorkbook): unknown {
  const rows = fake.values(`${META_SHEET}!A1:B80`);
  const row = rows.find((r) => r[0] === "columnMap");
  return row ? JSON.parse(String(row[1])) : undefined;
}

// ------------------------------------------------------------------ inside Excel (fake)

describe('"Cách đọc bảng" inside Excel (real Excel host on the fake workbook)', () => {
  let fake: FakeWorkbook;
  let uninstall: () => void;
  let root: HTMLElement;
  let app: PaneApp;

  async function open(rows: Row[], merges: string[] = [], lang: "vi" | "en" = "vi") {
    fake = createFakeWorkbook({ sheets: [{ name: "KH", rows, merges }] });
    uninstall = installFakeOffice(globalThis, fake);
    root = mount();
    app = await startPane(lang);
  }

  /** A pane on the same workbook (a later run: the pane opened again). */
  async function startPane(lang: "vi" | "en" = "vi"): Promise<PaneApp> {
    const host = createExcelHost({
      features: ENV.features,
      toolVersion: "test",
      now: () => new Date(2024, 0, 15, 9),
      debounceMs: 0,
    });
    const pane = new PaneApp(root, host, { lang, storage: null });
    await pane.start();
    return pane;
  }

  afterEach(async () => {
    await app?.setLive(false);
    uninstall?.();
  });

  it("shows the reading before converting: header row, each field's column and where it came from", async () => {
    await open(TL_ROWS);
    const step = root.querySelector("#pt-reading");
    expect(step?.querySelector("h2")?.textContent).toBe("2. Cách đọc bảng");
    // It comes before the Convert step.
    const ids = [...root.querySelectorAll("section")].map((s) => s.id);
    expect(ids.indexOf("pt-reading")).toBe(ids.indexOf("pt-step2") - 1);
    expect(facts(root)).toEqual(['Trang "KH", hàng tiêu đề 2.']);
    expect(shown(root)).toEqual({
      no: "A — STT",
      title: "B — Nội dung",
      period: "C — Thời gian",
      count: "(không có)",
      type: "(không có)",
      duration: "(không có)",
      unit: "E — Đơn vị thực hiện",
      budget: "(không có)",
      notes: "F — Ghi chú",
      due: "(không có)",
      status: "(không có)",
      airedOn: "(không có)",
      spent: "(không có)",
    });
    expect(note(root, "period")).toBe("Theo tiêu đề ở ô C2.");
    expect(note(root, "duration")).toBe(
      "Không đọc cột nào. Gợi ý: cột D (TL), giá trị giống thời lượng.",
    );
    expect(note(root, "status")).toBe("Chưa có: cột được thêm khi chuyển.");
    // Every column of the sheet, the suggested one marked, and "(không có)".
    expect([...select(root, "duration").options].map((o) => o.textContent)).toEqual([
      "(không có)",
      "A — STT",
      "B — Nội dung",
      "C — Thời gian",
      "D — TL (gợi ý)",
      "E — Đơn vị thực hiện",
      "F — Ghi chú",
    ]);
    // Each dropdown is named by its label and described by its note.
    const duration = select(root, "duration");
    expect(root.querySelector(`label[for="${duration.id}"]`)?.textContent).toBe("Thời lượng");
    expect(duration.getAttribute("aria-describedby")).toBe("pt-map-duration-note");
    expect(
      [...root.querySelectorAll("#pt-reading fieldset legend")].map((l) => l.textContent),
    ).toEqual(["Cột của kế hoạch", "Cột theo dõi"]);
    // Nothing to reset yet; nothing was written.
    expect(root.querySelector<HTMLButtonElement>("#pt-reading-reset")?.disabled).toBe(true);
    expect(fake.sheetNames()).toEqual(["KH"]);
  });

  it("a changed dropdown is the clerk's choice; Convert saves it in the tracker; later runs use it", async () => {
    await open(TL_ROWS);
    const duration = select(root, "duration");
    duration.focus();
    await choose(root, "duration", 4);
    expect(shown(root).duration).toBe("D — TL");
    expect(note(root, "duration")).toBe("Bạn chọn; được lưu vào sổ theo dõi khi chuyển (bước 3).");
    expect(select(root, "duration").closest(".pt-map-field")?.classList).toContain("pt-map-chosen");
    // The focus stays on the dropdown (rebuilt), and the status line says what changed.
    expect(document.activeElement?.id).toBe("pt-map-duration");
    expect(root.querySelector("#pt-status")?.textContent).toBe(
      "Thời lượng: D — TL. Lựa chọn được lưu khi chuyển thành sổ theo dõi.",
    );
    // Only a reading: the workbook is untouched until Convert.
    expect(fake.sheetNames()).toEqual(["KH"]);

    root.querySelector<HTMLButtonElement>("#pt-convert")?.click();
    await until(() => root.querySelector("#pt-converted") !== null);
    await idle(root);
    expect(savedMap(fake)).toEqual({ duration: { col: 4, label: "TL" } });
    expect(root.querySelector("#pt-status")?.textContent).toContain(
      "Cách gán cột đã được lưu trong sổ theo dõi và dùng cho mọi lần sau.",
    );
    // The step now shows the saved map; the tracker read the durations through it.
    expect(note(root, "duration")).toBe("Theo cách gán đã lưu trong sổ theo dõi.");
    expect(root.querySelector(".pt-map-chosen")).toBeNull();
    const minutes = fake.values("KH!A2:Z2")[0]!.indexOf("Số phút quy đổi") + 1;
    expect(minutes).toBeGreaterThan(0);
    const letter = String.fromCharCode(64 + minutes);
    expect(fake.values(`KH!${letter}3:${letter}4`)).toEqual([[5], [10]]);

    // The pane opened again (a later run): the saved map is read, and a convert keeps it.
    await app.setLive(false);
    root = mount();
    app = await startPane();
    expect(shown(root).duration).toBe("D — TL");
    expect(note(root, "duration")).toBe("Theo cách gán đã lưu trong sổ theo dõi.");
    await app.convert();
    expect(savedMap(fake)).toEqual({ duration: { col: 4, label: "TL" } });
  });

  it('"(không có)" reads a field as absent, and is saved as such', async () => {
    await open(TL_ROWS);
    await choose(root, "notes", NO_COLUMN);
    expect(shown(root).notes).toBe("(không có)");
    expect(note(root, "notes")).toBe("Bạn chọn; được lưu vào sổ theo dõi khi chuyển (bước 3).");
    expect(root.querySelector("#pt-status")?.textContent).toMatch(/^Ghi chú: không có cột\./);
    await app.convert();
    expect(savedMap(fake)).toEqual({ notes: { col: NO_COLUMN, label: "" } });
    expect(note(root, "notes")).toBe("Không có (theo cách gán đã lưu trong sổ theo dõi).");
  });

  it("a column taken from another field: that field says so, and gets it back when the choice moves on", async () => {
    await open(TL_ROWS);
    await choose(root, "duration", 6);
    expect(shown(root)).toMatchObject({ duration: "F — Ghi chú", notes: "(không có)" });
    expect(note(root, "notes")).toBe("Cột F nay được đọc là thời lượng.");
    expect(root.querySelector("#pt-status")?.textContent).toBe(
      "Thời lượng: F — Ghi chú. Ghi chú: không có cột. Lựa chọn được lưu khi chuyển thành sổ theo dõi.",
    );
    await choose(root, "duration", 4);
    expect(shown(root)).toMatchObject({ duration: "D — TL", notes: "F — Ghi chú" });
    expect(note(root, "notes")).toBe("Theo tiêu đề ở ô F2.");
  });

  it("picking back the column read anyway is no choice", async () => {
    await open(TL_ROWS);
    await choose(root, "unit", 6);
    await choose(root, "unit", 5);
    expect(root.querySelector(".pt-map-chosen")).toBeNull();
    expect(note(root, "unit")).toBe("Theo tiêu đề ở ô E2.");
    await app.convert();
    expect(savedMap(fake)).toEqual({});
  });

  it('"Đặt lại" reads by the headers alone, and Convert forgets the saved map', async () => {
    await open(TL_ROWS);
    await choose(root, "duration", 4);
    await app.convert();
    expect(savedMap(fake)).toEqual({ duration: { col: 4, label: "TL" } });
    const reset = root.querySelector<HTMLButtonElement>("#pt-reading-reset");
    expect(reset?.disabled).toBe(false);
    reset?.focus();
    reset?.click();
    await idle(root);
    expect(shown(root).duration).toBe("(không có)");
    expect(root.querySelector("#pt-status")?.textContent).toBe(
      "Đọc theo tiêu đề cột. Cách gán đã lưu (nếu có) được bỏ khi chuyển thành sổ theo dõi.",
    );
    // Nothing left to reset: the focus moves on to "Đọc lại bảng", not to the page's start.
    expect(root.querySelector<HTMLButtonElement>("#pt-reading-reset")?.disabled).toBe(true);
    expect(document.activeElement?.id).toBe("pt-reading-reload");
    // The map is still saved until the clerk converts.
    expect(savedMap(fake)).toEqual({ duration: { col: 4, label: "TL" } });
    await app.convert();
    expect(savedMap(fake)).toEqual({});
    expect(root.querySelector("#pt-status")?.textContent).toContain(
      "Sổ theo dõi đọc bảng theo tiêu đề cột (không còn cách gán đã lưu).",
    );
    expect(note(root, "duration")).toMatch(/^Không đọc cột nào\./);
  });

  it("a district table: the header rows, sections and totals skipped, group headers in the dropdowns", async () => {
    await open(DISTRICT.rows, DISTRICT.merges);
    expect(facts(root)).toEqual([
      'Trang "KH", hàng tiêu đề 3–4.',
      'Phần (thời gian cho các mục bên dưới): hàng 5 "QUÝ I", 9 "QUÝ III-IV".',
      'Dòng tổng bỏ qua: hàng 8 "Cộng quý I", 11 "Tổng cộng".',
    ]);
    expect(shown(root)).toMatchObject({
      count: "D — Sản phẩm › Số lượng",
      duration: "E — Sản phẩm › Thời lượng",
    });
    expect(note(root, "duration")).toBe("Theo tiêu đề ở ô E4.");
  });

  it("a quarter matrix: the matrix expanded, the periods from its columns", async () => {
    await open(MATRIX);
    expect(facts(root)).toEqual([
      'Trang "KH", hàng tiêu đề 2.',
      'Bảng theo kỳ: cột Quý I C2, Quý II D2, Quý III E2, Quý IV F2; mỗi ô có số lượng hoặc dấu "x" là một mục: 4 mục từ 2 nội dung (ô trống, "0", "-" không phải mục).',
      'Theo dõi từng mục (trạng thái, ngày phát sóng, thực chi) ở trang "Hạng mục theo dõi" mà lệnh track tạo.',
    ]);
    expect(shown(root).period).toBe("(không có)");
    expect(note(root, "period")).toBe("Thời gian lấy từ các cột kỳ của bảng (bảng theo kỳ).");
  });

  it("follows the language switch (English), with the same reading", async () => {
    await open(TL_ROWS);
    await choose(root, "duration", 4);
    app.setLanguage("en");
    expect(root.querySelector("#pt-reading h2")?.textContent).toBe("2. How the table is read");
    expect(root.querySelector("#pt-step2-title")?.textContent).toBe("3. Convert to a tracker");
    expect(facts(root)).toEqual(['Sheet "KH", header row 2.']);
    expect(shown(root)).toMatchObject({ duration: "D — TL", count: "(none)" });
    expect(root.querySelector('label[for="pt-map-airedOn"]')?.textContent).toBe("Aired on");
    expect(note(root, "duration")).toBe(
      "Your choice; saved in the tracker when you convert (step 3).",
    );
    expect(note(root, "title")).toBe("By its header in B2.");
    expect(root.querySelector("#pt-reading-reset")?.textContent).toBe("Reset to the headers");
  });

  it("a sheet that holds no plan table: says why in the step, not as an error", async () => {
    await open([["Danh sách cán bộ"], ["Họ tên", "Chức vụ"], ["Nguyễn Văn A", "Văn thư"]]);
    expect(root.querySelector("#pt-reading-failed")?.textContent).toMatch(
      /^Chưa đọc được bảng: KH: Đây không phải bảng kế hoạch\. Không tìm thấy hàng tiêu đề/,
    );
    expect(root.querySelector("#pt-error")?.textContent).toBe("");
    expect(root.querySelector(".pt-map-select")).toBeNull();
    expect(root.querySelector("#pt-reading-reload")).not.toBeNull();
  });

  it('"Đọc lại bảng" reads the sheet as it is now and keeps the choices', async () => {
    await open(TL_ROWS);
    await choose(root, "duration", 4);
    await fake.simulateUserEdit("KH", "F2", "Kinh phí");
    root.querySelector<HTMLButtonElement>("#pt-reading-reload")?.click();
    await idle(root);
    expect(shown(root)).toMatchObject({
      duration: "D — TL",
      notes: "(không có)",
      budget: "F — Kinh phí",
    });
    expect(note(root, "duration")).toBe("Bạn chọn; được lưu vào sổ theo dõi khi chuyển (bước 3).");
  });
});

// ------------------------------------------------------------------ a scripted host

/** The TL plan as WorkbookData (the domain reads it as the hosts do). */
const TL_BOOK: WorkbookData = {
  sheets: [{ name: "KH", rows: TL_ROWS.map((r) => r.map((v) => v as CellValue)) }],
};

interface Gate {
  readonly maps: (ColumnMap | null)[];
  /** Readings waiting for release(). */
  readonly waiting: (() => void)[];
}

/** A host whose readings wait until released: the clerk's keys arrive while one is running. */
function gatedHost(gate: Gate, overrides: Partial<PaneHost> = {}): PaneHost {
  const track = buildTracker(TL_BOOK, { today: "2024-01-15", toolVersion: "test" });
  return {
    kind: "excel",
    listSheets: () => Promise.resolve({ sheets: ["KH"], selected: "KH" }),
    importText: () => Promise.resolve("KH"),
    importDocx: () => Promise.resolve("KH"),
    convert: (_sheet, map) => {
      gate.maps.push(map === undefined ? null : map);
      return Promise.resolve(track);
    },
    reading: (_sheet, map) => {
      gate.maps.push(map ?? null);
      const r = tableReading(TL_BOOK, { today: "2024-01-15", sheet: "KH", columnMap: map ?? null });
      return new Promise<TableReading>((resolve) => gate.waiting.push(() => resolve(r)));
    },
    check: () => Promise.resolve(track.check),
    select: () => Promise.resolve(),
    applySuggestion: () => Promise.resolve(),
    summaries: () => Promise.resolve(track),
    readSettings: () => Promise.resolve(null),
    saveSettings: () => Promise.resolve(),
    files: () => Promise.resolve([]),
    ...overrides,
  };
}

async function releaseAll(gate: Gate, root: HTMLElement): Promise<void> {
  // Release readings as they come until the pane is idle.
  for (let i = 0; i < 20 && root.getAttribute("aria-busy") !== "false"; i++) {
    await until(() => gate.waiting.length > 0 || root.getAttribute("aria-busy") === "false");
    gate.waiting.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  }
  await idle(root);
}

describe('"Cách đọc bảng" with a scripted host', () => {
  it("arrow keys over the dropdown: each change re-reads, the last choice wins, and another field's column is not lost", async () => {
    const gate: Gate = { maps: [], waiting: [] };
    const root = mount();
    const app = new PaneApp(root, gatedHost(gate), { lang: "vi", storage: null });
    const started = app.start();
    await releaseAll(gate, root);
    await started;
    // A first choice: notes is F by its header; duration now D.
    const first = app.chooseColumn("duration", 4);
    await releaseAll(gate, root);
    await first;
    gate.maps.length = 0;
    // The clerk arrows "Số lượng" from (none) over D, E, F (notes' column) and on to... E.
    select(root, "count").focus();
    for (const col of [1, 2, 3, 4, 5, 6, 5]) {
      // The element with the focus: the pane rebuilds the dropdown (and keeps the focus on it).
      const s = document.activeElement as HTMLSelectElement;
      expect(s.id).toBe("pt-map-count");
      s.value = String(col);
      s.dispatchEvent(new Event("change"));
      // The dropdown stays usable while its reading runs (the next key press must land).
      expect(select(root, "count").disabled).toBe(false);
    }
    await releaseAll(gate, root);
    // One reading ran with the first key's choice, then one more with the last.
    expect(gate.maps).toEqual([
      { duration: 4, count: 1 },
      { duration: 4, count: 5 },
    ]);
    expect(shown(root)).toMatchObject({
      count: "E — Đơn vị thực hiện",
      unit: "(không có)",
      notes: "F — Ghi chú",
      duration: "D — TL",
    });
    expect(document.activeElement?.id).toBe("pt-map-count");
    gate.maps.length = 0;
    const converted = app.convert();
    await releaseAll(gate, root);
    await converted;
    expect(gate.maps[0]).toEqual({ duration: 4, count: 5 });
  });

  it("a choice the plan cannot be read with is undone, and said in the alert line", async () => {
    const gate: Gate = { maps: [], waiting: [] };
    const failing = gatedHost(gate);
    const root = mount();
    const app = new PaneApp(
      root,
      {
        ...failing,
        reading: (sheet, map) =>
          map && map.title === NO_COLUMN
            ? Promise.reject(
                new PlanTrackerError("workbook.not-a-plan", {
                  vi: "Không tìm thấy bảng kế hoạch.",
                  en: "No plan table was found.",
                }),
              )
            : failing.reading!(sheet, map),
      },
      { lang: "vi", storage: null },
    );
    const started = app.start();
    await releaseAll(gate, root);
    await started;
    const chosen = app.chooseColumn("title", NO_COLUMN);
    await releaseAll(gate, root);
    await chosen;
    expect(root.querySelector("[role=alert]")?.textContent).toBe("Không tìm thấy bảng kế hoạch.");
    expect(shown(root).title).toBe("B — Nội dung");
    expect(root.querySelector(".pt-map-chosen")).toBeNull();
    gate.maps.length = 0;
    const converted = app.convert();
    await releaseAll(gate, root);
    await converted;
    expect(gate.maps[0]).toBeNull();
  });

  it("shows header labels as text: a hostile header creates no element", async () => {
    const hostile = "<img src=x onerror=alert(1)>";
    const book: WorkbookData = {
      sheets: [
        {
          name: "KH",
          rows: TL_ROWS.map((r, i) => (i === 1 ? r.map((v) => (v === "TL" ? hostile : v)) : r)),
        },
      ],
    };
    const root = mount();
    const app = new PaneApp(
      root,
      gatedHost(
        { maps: [], waiting: [] },
        {
          reading: (_s, map) =>
            Promise.resolve(tableReading(book, { today: "2024-01-15", columnMap: map ?? null })),
        },
      ),
      { lang: "vi", storage: null },
    );
    await app.start();
    expect(document.querySelectorAll("img")).toHaveLength(0);
    expect([...select(root, "duration").options].map((o) => o.textContent)).toContain(
      `D — ${hostile} (gợi ý)`,
    );
  });

  it("a host without a reading (an older one) shows no such step", async () => {
    const root = mount();
    const host: PaneHost = { ...gatedHost({ maps: [], waiting: [] }) };
    delete host.reading;
    const app = new PaneApp(root, host, { lang: "vi", storage: null });
    await app.start();
    expect(root.querySelector("#pt-reading")).toBeNull();
  });
});

describe("ReadingChoices", () => {
  const base = tableReading(TL_BOOK, { today: "2024-01-15", columnMap: { duration: 4 } });

  it.each<[string, [FieldKey, number][], ColumnMap | null]>([
    ["nothing chosen: no map (a saved one is kept)", [], null],
    ["a choice joins the map in effect", [["count", 1]], { duration: 4, count: 1 }],
    ["the latest choice wins a column", [["notes", 4]], { notes: 4 }],
    [
      "a later choice that moves on gives the column back",
      [
        ["notes", 4],
        ["notes", 2],
      ],
      { duration: 4, notes: 2 },
    ],
    ["(không có)", [["unit", NO_COLUMN]], { duration: 4, unit: NO_COLUMN }],
    ["the column read anyway is no choice", [["title", 2]], null],
  ])("%s", (_name, picks, expected) => {
    const c = new ReadingChoices();
    c.start(base);
    for (const [field, col] of picks) c.choose(field, col);
    expect(c.pendingMap()).toEqual(expected);
  });

  it("a choice whose column a later choice took is not marked, and holds again when it is free", () => {
    const c = new ReadingChoices();
    c.start(base);
    c.choose("count", 5);
    c.choose("notes", 5);
    expect([c.chosen("count"), c.chosen("notes")]).toEqual([false, true]);
    expect(c.value("count", base)).toBe(NO_COLUMN);
    expect(c.pendingMap()).toEqual({ duration: 4, notes: 5 });
    c.choose("notes", 2);
    expect([c.chosen("count"), c.chosen("notes")]).toEqual([true, true]);
    expect(c.pendingMap()).toEqual({ duration: 4, count: 5, notes: 2 });
  });

  it("after Đặt lại the map is empty (read by the headers, forget the saved one)", () => {
    const c = new ReadingChoices();
    c.start(tableReading(TL_BOOK, { today: "2024-01-15", columnMap: {} }), true);
    expect(c.pendingMap()).toEqual({});
    c.choose("duration", 4);
    expect(c.pendingMap()).toEqual({ duration: 4 });
  });
});
