/**
 * "Cách đọc bảng" (how the table is read) in real Chromium at a 320 px pane: standalone on an
 * opened .xlsx (the real office.js finds no host) and inside "Excel" (the fake Excel API behind
 * Microsoft's client). The clerk picks the duration column by keyboard (arrow keys: one change
 * and one re-read per key) or by mouse, converts, and the map is in the tracker's metadata: the
 * downloaded tracker opened again, the CLI's `check` on it, and the fake workbook all read it.
 * Screenshots of the step (test/browser/screenshots/reading-*.png) show the layout at 320 px.
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { tempDir } from "../helpers/xlsx";
import { runCli } from "./fixtures";
import {
  type FakeSheet,
  type Pane,
  act,
  download,
  horizontalOverflow,
  idle,
  launchBrowser,
  openPane,
  shot,
} from "./harness";
import { SCREENSHOTS } from "./paths";

const WIDTH = 320;

type Row = (string | number | null)[];

/** The duration column is headed "TL": the tool cannot know it; the clerk can. */
const TL_ROWS: Row[] = [
  ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2024"],
  ["STT", "Nội dung", "Thời gian", "TL", "Đơn vị thực hiện", "Ghi chú"],
  [1, "Phóng sự kỷ niệm ngày thành lập huyện 11/03/2024", "Quý I/2024", "05 phút", "Trung tâm", ""],
  [2, "Tin phòng chống cháy rừng", "Quý II/2024", "10 phút", "Trung tâm", "phát lại"],
];

/** Two header rows under a merged "Sản phẩm", sections carrying the period, a subtotal, a total. */
const DISTRICT: FakeSheet = {
  name: "KH",
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

/** A quarter matrix with a long header group, for the layout at 320 px. */
const MATRIX: Row[] = [
  ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2024"],
  ["STT", "Nội dung tuyên truyền", "Thời gian thực hiện", null, null, null, "Đơn vị thực hiện"],
  [null, null, "Quý I", "Quý II", "Quý III", "Quý IV", null],
  [1, "Tin hoạt động của huyện", 2, "x", null, 1, "Trung tâm VH-TT-DL&TT"],
  [2, "Phóng sự gương điển hình", null, 1, null, null, "Đài Phát thanh - Truyền hình tỉnh"],
];

async function writeXlsx(path: string, rows: Row[], merges: string[] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("KH");
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== "") ws.getCell(r + 1, c + 1).value = v;
    }),
  );
  for (const m of merges) ws.mergeCells(m);
  await wb.xlsx.writeFile(path);
  return path;
}

async function shown(page: Page): Promise<Record<string, string>> {
  return page.$$eval(".pt-map-select", (selects) =>
    Object.fromEntries(
      (selects as HTMLSelectElement[]).map((s) => [
        s.id.replace("pt-map-", ""),
        s.selectedOptions[0]?.textContent ?? "",
      ]),
    ),
  );
}

function note(page: Page, field: string): Promise<string | null> {
  return page.textContent(`#pt-map-${field}-note`);
}

function facts(page: Page): Promise<string[]> {
  return page.$$eval("#pt-reading-facts li", (lis) => lis.map((li) => li.textContent ?? ""));
}

/** The step alone, for looking at its layout. */
async function stepShot(page: Page, name: string): Promise<void> {
  await page.locator("#pt-reading").screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The column map in a tracker file's metadata sheet. */
async function savedMapIn(path: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const meta = wb.getWorksheet("_PlanTracker");
  let json: string | null = null;
  meta?.eachRow((row) => {
    if (row.getCell(1).value === "columnMap") json = row.getCell(2).text;
  });
  return json === null ? undefined : JSON.parse(json);
}

describe("Cách đọc bảng at 320 px", () => {
  const tmp = tempDir("pt-browser-reading-");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    tmp.cleanup();
  });

  describe("standalone, Vietnamese, by keyboard", () => {
    let pane: Pane;
    let page: Page;
    let tracker: string;

    beforeAll(async () => {
      pane = await openPane(browser, { locale: "vi-VN", width: WIDTH });
      page = pane.page;
      await idle(page);
    });
    afterAll(() => pane?.close());

    it("before a plan is opened, says where to start", async () => {
      await expect(page.textContent("#pt-reading h2")).resolves.toBe("2. Cách đọc bảng");
      await expect(page.textContent("#pt-reading-none")).resolves.toBe(
        "Chọn hoặc nhập kế hoạch ở bước 1 để xem cách đọc bảng.",
      );
    });

    it("shows how the opened .xlsx is read, with a dropdown per field", async () => {
      const plan = await writeXlsx(join(tmp.dir, "tl.xlsx"), TL_ROWS);
      await page.setInputFiles("#pt-xlsx", plan);
      await page.waitForSelector("#pt-map-duration");
      await idle(page);
      expect(await facts(page)).toEqual(['Trang "KH", hàng tiêu đề 2.']);
      expect(await shown(page)).toMatchObject({
        title: "B — Nội dung",
        period: "C — Thời gian",
        duration: "(không có)",
        notes: "F — Ghi chú",
        status: "(không có)",
      });
      await expect(note(page, "duration")).resolves.toBe(
        "Không đọc cột nào. Gợi ý: cột D (TL), giá trị giống thời lượng.",
      );
      expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(WIDTH);
      await stepShot(page, "reading-vi-320-standalone-0-read");
    });

    it("the arrow keys pick the column, one re-read per key; the focus stays on the dropdown", async () => {
      await page.focus("#pt-map-duration");
      for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown");
      await idle(page);
      expect((await shown(page)).duration).toBe("D — TL");
      // The arrows passed over B, C (title's, period's): they keep their columns.
      expect(await shown(page)).toMatchObject({ title: "B — Nội dung", period: "C — Thời gian" });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("pt-map-duration");
      await expect(note(page, "duration")).resolves.toBe(
        "Bạn chọn; được lưu vào sổ theo dõi khi chuyển (bước 3).",
      );
      await expect(page.textContent("#pt-status")).resolves.toBe(
        "Thời lượng: D — TL. Lựa chọn được lưu khi chuyển thành sổ theo dõi.",
      );
      expect(await page.$$eval(".pt-map-chosen select", (s) => s.map((x) => x.id))).toEqual([
        "pt-map-duration",
      ]);
      expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(WIDTH);
      await stepShot(page, "reading-vi-320-standalone-1-chosen");
      await shot(page, "reading-vi-320-standalone-1-pane");
    });

    it("Convert saves the map in the tracker; the file, opened again, and the CLI read with it", async () => {
      await page.focus("#pt-convert");
      await page.keyboard.press("Enter");
      await idle(page);
      await expect(page.textContent("#pt-status")).resolves.toContain(
        "Cách gán cột đã được lưu trong sổ theo dõi và dùng cho mọi lần sau.",
      );
      await expect(note(page, "duration")).resolves.toBe("Theo cách gán đã lưu trong sổ theo dõi.");
      const file = await download(page, () => page.click("#pt-file-tracker"), tmp.dir);
      tracker = file.path;
      expect(await savedMapIn(tracker)).toEqual({ duration: { col: 4, label: "TL" } });

      const cli = runCli(
        ["check", tracker, "--json", "--as-of", "2024-01-15"],
        "2024-01-15T09:00:00+07:00",
      );
      expect(cli.stderr).toBe("");
      const json = JSON.parse(cli.stdout) as {
        items: { durationMinutes: number | null }[];
        layout: { mapped: string[]; mapSource: string | null };
      };
      expect(json.items.map((i) => i.durationMinutes)).toEqual([5, 10]);
      expect(json.layout).toMatchObject({ mapped: ["duration"], mapSource: "saved" });
    });

    it("the tracker opened in a new pane shows the saved map", async () => {
      const again = await openPane(browser, { locale: "vi-VN", width: WIDTH });
      try {
        await idle(again.page);
        await again.page.setInputFiles("#pt-xlsx", tracker);
        await again.page.waitForSelector("#pt-map-duration");
        await idle(again.page);
        expect((await shown(again.page)).duration).toBe("D — TL");
        await expect(note(again.page, "duration")).resolves.toBe(
          "Theo cách gán đã lưu trong sổ theo dõi.",
        );
        // The tracker's own columns are now read by their headers.
        expect((await shown(again.page)).status).toMatch(/^[G-Z] — Trạng thái$/);
        expect(again.pageErrors).toEqual([]);
      } finally {
        await again.close();
      }
    });

    it("ran nothing unexpected", () => {
      expect(pane.dialogs).toEqual([]);
      expect(pane.pageErrors).toEqual([]);
    });
  });

  describe("inside Excel (fake), English, by mouse", () => {
    it("picks by mouse, marks the choice, converts, and the workbook's metadata holds the map", async () => {
      const pane = await openPane(browser, {
        locale: "vi-VN",
        width: WIDTH,
        excel: {
          sheets: [{ name: "KH", rows: TL_ROWS }],
          excelApi: "1.12",
          displayLanguage: "en-US",
        },
      });
      const { page } = pane;
      try {
        await idle(page);
        await expect(page.textContent("#pt-reading h2")).resolves.toBe("2. How the table is read");
        expect(await facts(page)).toEqual(['Sheet "KH", header row 2.']);
        await page.selectOption("#pt-map-duration", "4");
        await idle(page);
        await page.selectOption("#pt-map-notes", "0");
        await idle(page);
        expect(await shown(page)).toMatchObject({ duration: "D — TL", notes: "(none)" });
        await expect(note(page, "notes")).resolves.toBe(
          "Your choice; saved in the tracker when you convert (step 3).",
        );
        expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(WIDTH);
        await stepShot(page, "reading-en-320-excel-chosen");
        await act(page, "#pt-convert");
        const meta = await page.evaluate(() =>
          (window as unknown as { __fake: { values(a: string): unknown[][] } }).__fake.values(
            "_PlanTracker!A1:B80",
          ),
        );
        const row = meta.find((r) => r[0] === "columnMap");
        expect(JSON.parse(String(row?.[1]))).toEqual({
          duration: { col: 4, label: "TL" },
          notes: { col: 0, label: "" },
        });
        await expect(note(page, "notes")).resolves.toBe(
          "None (by the column map saved in the tracker).",
        );
        // "Reset to the headers", by keyboard.
        await page.focus("#pt-reading-reset");
        await page.keyboard.press("Enter");
        await idle(page);
        expect(await shown(page)).toMatchObject({ duration: "(none)", notes: "F — Ghi chú" });
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("pt-reading-reload");
        expect(pane.dialogs).toEqual([]);
        expect(pane.pageErrors).toEqual([]);
      } finally {
        await pane.close();
      }
    });
  });

  describe("what was found, for the screenshots", () => {
    it("a district table in Excel (Vietnamese): header rows, sections, totals", async () => {
      const pane = await openPane(browser, {
        width: WIDTH,
        excel: { sheets: [DISTRICT], excelApi: "1.12", displayLanguage: "vi-VN" },
      });
      const { page } = pane;
      try {
        await idle(page);
        await page.waitForSelector("#pt-reading-facts");
        expect(await facts(page)).toEqual([
          'Trang "KH", hàng tiêu đề 3–4.',
          'Phần (thời gian cho các mục bên dưới): hàng 5 "QUÝ I", 9 "QUÝ III-IV".',
          'Dòng tổng bỏ qua: hàng 8 "Cộng quý I", 11 "Tổng cộng".',
        ]);
        expect(await shown(page)).toMatchObject({
          count: "D — Sản phẩm › Số lượng",
          duration: "E — Sản phẩm › Thời lượng",
        });
        expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(WIDTH);
        await stepShot(page, "reading-vi-320-excel-district");
        expect(pane.pageErrors).toEqual([]);
      } finally {
        await pane.close();
      }
    });

    it("a quarter matrix, standalone (English): the matrix expanded", async () => {
      const plan = await writeXlsx(join(tmp.dir, "matrix.xlsx"), MATRIX, [
        "C2:F2",
        "A2:A3",
        "B2:B3",
        "G2:G3",
      ]);
      const pane = await openPane(browser, { locale: "en-US", width: WIDTH });
      const { page } = pane;
      try {
        await idle(page);
        await page.setInputFiles("#pt-xlsx", plan);
        await page.waitForSelector("#pt-reading-facts");
        await idle(page);
        const found = await facts(page);
        expect(found[0]).toBe('Sheet "KH", header rows 2–3.');
        expect(found[1]).toMatch(
          /^Period matrix: columns Quý I C3, Quý II D3, Quý III E3, Quý IV F3; .*: 4 items from 2 topics/,
        );
        await expect(note(page, "period")).resolves.toBe(
          "The periods come from the table's period columns (a period matrix).",
        );
        expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(WIDTH);
        await stepShot(page, "reading-en-320-standalone-matrix");
        expect(pane.pageErrors).toEqual([]);
      } finally {
        await pane.close();
      }
    });
  });
});
