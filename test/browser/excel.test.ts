/**
 * The task pane inside "Excel": the fake Excel API (test/fakes/excel) is the page's `Excel` and
 * `Office` before any pane script runs, holding the sample plan sheet. Convert, go to a finding
 * (the fake records the selection), live check after the clerk's own edit, apply a suggestion,
 * summaries, the PDF, the language switch — and an Excel too old for the pane.
 */
import { execFileSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { tempDir } from "../helpers/xlsx";
import { FIX, PLAN_SHEET, TYPO, fakeSheetFromXlsx, samplePlanXlsx } from "./fixtures";
import {
  type FakeSheet,
  type Pane,
  act,
  diagnosticCells,
  download,
  idle,
  launchBrowser,
  openPane,
  shot,
} from "./harness";

interface FakeHandle {
  selection: { sheet: string; address: string } | null;
  sheetNames(): string[];
  values(address: string): unknown[][];
  simulateUserEdit(sheet: string, address: string, value: unknown): Promise<void>;
}

/** Reads the fake workbook behind the page (window.__fake); `read` runs in the page. */
async function fake<T>(page: Page, read: (f: FakeHandle) => T): Promise<T> {
  const value: unknown = await page.evaluate(`(${read.toString()})(window.__fake)`);
  return value as T;
}

describe("Excel mode (fake Excel API injected into the page)", () => {
  const tmp = tempDir("pt-browser-excel-");
  let browser: Browser;
  let planSheet: FakeSheet;

  beforeAll(async () => {
    browser = await launchBrowser();
    planSheet = await fakeSheetFromXlsx(samplePlanXlsx(tmp.dir));
  });
  afterAll(async () => {
    await browser?.close();
    tmp.cleanup();
  });

  describe("Vietnamese Excel (ExcelApi 1.12)", () => {
    let pane: Pane;
    let page: Page;

    beforeAll(async () => {
      pane = await openPane(browser, {
        locale: "en-US", // the pane follows Office's display language, not the browser's
        excel: { sheets: [planSheet], excelApi: "1.12", displayLanguage: "vi-VN" },
      });
      page = pane.page;
      await idle(page);
    });
    afterAll(() => pane?.close());

    it("starts on the open workbook, in Office's language, with the fake in place", async () => {
      // office.js was asked for and answered with an empty script: the fake stayed.
      expect(pane.officeJsRequests).toBeGreaterThan(0);
      expect(await page.evaluate(() => Office.context.displayLanguage)).toBe("vi-VN");
      expect(await page.getAttribute("#app", "lang")).toBe("vi");
      expect(await page.$(".pt-note")).toBeNull();
      expect(await page.$("#pt-xlsx")).toBeNull();
      expect(await page.$$eval("#pt-sheet option", (o) => o.map((x) => x.textContent))).toEqual([
        PLAN_SHEET,
      ]);
      expect(await page.isChecked("#pt-live")).toBe(true);
      await shot(page, "excel-vi-0-start");
    });

    it("converts the plan sheet in the workbook and lists the two errors", async () => {
      await act(page, "#pt-convert");
      await expect(page.textContent("#pt-error")).resolves.toBe("");
      expect(await diagnosticCells(page, "errors")).toEqual([
        `${PLAN_SHEET}!C13`,
        `${PLAN_SHEET}!C14`,
      ]);
      await expect(page.textContent("#pt-converted")).resolves.toMatch(/^11 mục, /);
      const sheets = await fake(page, (f) => f.sheetNames());
      expect(sheets).toEqual(
        expect.arrayContaining([PLAN_SHEET, "Cài đặt", "Kinh phí", "Tiến độ"]),
      );
      const header = await fake(page, (f) => f.values("'Kế hoạch'!J4:N4"));
      expect(header[0]).toEqual([
        "Hạn hoàn thành",
        "Trạng thái",
        "Ngày phát sóng",
        "Kinh phí thực chi",
        "Kiểm tra",
      ]);
      await shot(page, "excel-vi-1-convert");
    });

    it("a click on a finding selects its cell in Excel", async () => {
      await act(page, "#pt-errors-1-go");
      expect(await fake(page, (f) => f.selection)).toEqual({ sheet: PLAN_SHEET, address: "C14" });
      await page.focus("#pt-errors-0-go");
      await page.keyboard.press("Enter");
      await idle(page);
      expect(await fake(page, (f) => f.selection)).toEqual({ sheet: PLAN_SHEET, address: "C13" });
      await shot(page, "excel-vi-2-select");
    });

    it("live check: the clerk's own edit clears the finding without clicking Check", async () => {
      await page.evaluate(
        ([sheet, fix]) =>
          (
            window as unknown as {
              __fake: { simulateUserEdit(s: string, a: string, v: string): Promise<void> };
            }
          ).__fake.simulateUserEdit(sheet, "C13", fix),
        [PLAN_SHEET, FIX] as const,
      );
      await page.waitForFunction(
        (cell) =>
          ![...document.querySelectorAll("#pt-diagnostics .pt-errors .pt-link")].some(
            (a) => a.textContent === cell,
          ),
        `${PLAN_SHEET}!C13`,
        { timeout: 10000 },
      );
      expect(await diagnosticCells(page, "errors")).toEqual([`${PLAN_SHEET}!C14`]);
      await shot(page, "excel-vi-3-live");
    });

    it("applies the suggestion into the cell; the re-check is clean", async () => {
      expect(await fake(page, (f) => f.values("'Kế hoạch'!C14"))).toEqual([[TYPO]]);
      await act(page, "#pt-errors-0-apply");
      expect(await fake(page, (f) => f.values("'Kế hoạch'!C14"))).toEqual([[FIX]]);
      expect(await diagnosticCells(page, "errors")).toEqual([]);
      await act(page, "#pt-check");
      await expect(page.textContent("#pt-diagnostics")).resolves.toContain(
        "Không có lỗi hay cảnh báo.",
      );
      await shot(page, "excel-vi-4-fixed");
    });

    it("updates the summaries and downloads the PDF report", async () => {
      await act(page, "#pt-summaries");
      await expect(page.textContent("#pt-headline")).resolves.toContain("0/10");
      const file = await download(page, () => page.click("#pt-file-pdf"), tmp.dir);
      await idle(page);
      expect(file.name).toMatch(/\.pdf$/);
      const text = execFileSync("pdftotext", ["-enc", "UTF-8", file.path, "-"], {
        encoding: "utf8",
      });
      expect(text).toContain("BÁO CÁO");
      expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      await shot(page, "excel-vi-5-summaries");
    });

    it("switches to English and back; the focus stays on the language select", async () => {
      await page.focus("#pt-lang");
      await page.selectOption("#pt-lang", "en");
      await expect(page.textContent("h1")).resolves.toBe("Plan Tracker");
      await expect(page.textContent("#pt-step3-title")).resolves.toBe("4. Check");
      expect(await page.getAttribute("#app", "lang")).toBe("en");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("pt-lang");
      await shot(page, "excel-en-5-summaries");
      // By keyboard: the arrow keys move through the options of a focused select.
      await page.keyboard.press("ArrowUp");
      await expect(page.textContent("h1")).resolves.toBe("Theo dõi kế hoạch");
      await expect(page.textContent("#pt-step3-title")).resolves.toBe("4. Kiểm tra");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("pt-lang");
    });

    it("ran nothing unexpected", () => {
      expect(pane.dialogs).toEqual([]);
      expect(pane.pageErrors).toEqual([]);
    });
  });

  describe("English Excel: the steps, for the screenshots", () => {
    it("walks convert → select → live check → apply in English", async () => {
      const pane = await openPane(browser, {
        locale: "vi-VN",
        excel: { sheets: [planSheet], excelApi: "1.12", displayLanguage: "en-US" },
      });
      const { page } = pane;
      try {
        await idle(page);
        expect(await page.getAttribute("#app", "lang")).toBe("en");
        await shot(page, "excel-en-0-start");
        await act(page, "#pt-convert");
        expect(await diagnosticCells(page, "errors")).toEqual([
          `${PLAN_SHEET}!C13`,
          `${PLAN_SHEET}!C14`,
        ]);
        await shot(page, "excel-en-1-convert");
        await act(page, "#pt-errors-0-go");
        expect(await fake(page, (f) => f.selection)).toEqual({ sheet: PLAN_SHEET, address: "C13" });
        await shot(page, "excel-en-2-select");
        await page.evaluate(() =>
          (
            window as unknown as {
              __fake: { simulateUserEdit(s: string, a: string, v: string): Promise<void> };
            }
          ).__fake.simulateUserEdit("Kế hoạch", "C14", "Quý IV/2023"),
        );
        await page.waitForFunction(
          () => document.querySelectorAll("#pt-diagnostics .pt-errors li").length === 1,
        );
        await shot(page, "excel-en-3-live");
        await act(page, "#pt-errors-0-apply");
        await act(page, "#pt-check");
        await expect(page.textContent("#pt-diagnostics")).resolves.toContain(
          "No errors or warnings.",
        );
        await shot(page, "excel-en-4-fixed");
        expect(pane.dialogs).toEqual([]);
        expect(pane.pageErrors).toEqual([]);
      } finally {
        await pane.close();
      }
    });
  });

  describe("an Excel without ExcelApi 1.8", () => {
    for (const [lang, display, expected] of [
      ["vi", "vi-VN", "chưa hỗ trợ ExcelApi 1.8"],
      ["en", "en-US", "does not support ExcelApi 1.8"],
    ] as const) {
      it(`says what it lacks (${lang})`, async () => {
        const pane = await openPane(browser, {
          excel: { sheets: [planSheet], excelApi: "1.7", displayLanguage: display },
        });
        const { page } = pane;
        try {
          await page.waitForSelector("#app [role=alert]");
          await expect(page.textContent("#app [role=alert]")).resolves.toContain(expected);
          // Nothing else to click: no step can work without the APIs.
          expect(await page.$("#pt-convert")).toBeNull();
          await shot(page, `excel-${lang}-requirements`);
          expect(pane.pageErrors).toEqual([]);
        } finally {
          await pane.close();
        }
      });
    }
  });
});
