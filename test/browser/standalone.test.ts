/**
 * The task pane outside Office, in real Chromium with the REAL office.js served locally: it must
 * find "no host" through the library and offer the steps on a file the clerk picks. The sample
 * plan is opened, converted, checked (the two "Quý VI/2023" typos with their cells), fixed with the
 * suggestions — all by keyboard — and the three downloads are compared with what the CLI makes
 * from the same input. Then the same steps by mouse in English, pasted text and a .docx.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { tempDir } from "../helpers/xlsx";
import {
  FIX,
  PLAN_SHEET,
  TYPO,
  fixedPlanXlsx,
  runCli,
  samplePlanDocx,
  tablePlanDocx,
  samplePlanText,
  samplePlanXlsx,
} from "./fixtures";
import {
  type Pane,
  TODAY,
  act,
  diagnosticCells,
  download,
  idle,
  launchBrowser,
  openPane,
  shot,
} from "./harness";
import { workbookSnapshot } from "./xlsxSnapshot";

/** The page's frozen "now" (09:00 in Vietnam), for the CLI in the same time zone. */
const CLI_NOW = `${TODAY}T09:00:00+07:00`;

/** Presses Tab until `id` has the focus (fails if it is not reachable within `max` presses). */
async function tabTo(page: Page, id: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate(() => document.activeElement?.id ?? "")) === id) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`#${id} is not reachable with Tab`);
}

/** Tab to a button, press a key on it, wait for the action; the focus must stay on it. */
async function pressOn(page: Page, id: string, key: "Enter" | "Space" = "Enter"): Promise<void> {
  await tabTo(page, id);
  await page.keyboard.press(key);
  await idle(page);
}

/** Every part of an .xlsx package but the file dates, as text. */
async function packageParts(bytes: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.files[name];
    if (!f || f.dir || name.startsWith("docProps/")) continue;
    parts[name] = await f.async("string");
  }
  return parts;
}

function pdfText(path: string): string {
  return execFileSync("pdftotext", ["-enc", "UTF-8", path, "-"], { encoding: "utf8" });
}

async function openSample(page: Page, plan: string): Promise<void> {
  await page.setInputFiles("#pt-xlsx", plan);
  await page.waitForSelector(`#pt-sheet option[value="${PLAN_SHEET}"]`, { state: "attached" });
  await idle(page);
}

describe("standalone pane (real office.js, no Office host)", () => {
  const tmp = tempDir("pt-browser-standalone-");
  let browser: Browser;
  let plan: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    plan = samplePlanXlsx(tmp.dir);
  });
  afterAll(async () => {
    await browser?.close();
    tmp.cleanup();
  });

  describe("Vietnamese, by keyboard: open → convert → check → fix → summaries → downloads", () => {
    let pane: Pane;
    let page: Page;
    const out = join(tmp.dir, "vi");

    beforeAll(async () => {
      execFileSync("mkdir", ["-p", out]);
      pane = await openPane(browser, { locale: "vi-VN" });
      page = pane.page;
      await idle(page);
    });
    afterAll(() => pane?.close());

    it("starts in standalone mode through the real office.js", async () => {
      expect(pane.officeJsRequests).toBeGreaterThan(0);
      expect(await page.evaluate(() => typeof Office.onReady)).toBe("function");
      await expect(page.textContent(".pt-note")).resolves.toContain("Đang chạy ngoài Excel");
      expect(await page.getAttribute("#app", "lang")).toBe("vi");
      expect(await page.$("#pt-xlsx")).not.toBeNull();
      // Nothing to watch in a downloaded file: no live-check switch.
      expect(await page.$("#pt-live")).toBeNull();
      await shot(page, "standalone-vi-0-start");
    });

    it("opens the sample plan .xlsx", async () => {
      await openSample(page, plan);
      expect(await page.$$eval("#pt-sheet option", (o) => o.map((x) => x.textContent))).toEqual([
        PLAN_SHEET,
      ]);
      await expect(page.textContent("#pt-error")).resolves.toBe("");
      await shot(page, "standalone-vi-1-open");
    });

    it("converts by keyboard and lists the two Quý VI/2023 errors with their cells", async () => {
      await page.focus("#pt-xlsx");
      await pressOn(page, "pt-convert");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("pt-convert");
      await expect(page.textContent("#pt-converted")).resolves.toMatch(/^11 mục, /);
      expect(await diagnosticCells(page, "errors")).toEqual([
        `${PLAN_SHEET}!C13`,
        `${PLAN_SHEET}!C14`,
      ]);
      const texts = await page.$$eval(".pt-errors .pt-diag-text", (s) =>
        s.map((x) => x.textContent),
      );
      for (const text of texts) expect(text).toContain(TYPO);
      await shot(page, "standalone-vi-2-convert");
    });

    it("checks by keyboard (Space) with the same result", async () => {
      await pressOn(page, "pt-check", "Space");
      expect(await diagnosticCells(page, "errors")).toEqual([
        `${PLAN_SHEET}!C13`,
        `${PLAN_SHEET}!C14`,
      ]);
      await shot(page, "standalone-vi-3-check");
    });

    it("applies both suggestions by keyboard; the re-check shows no errors", async () => {
      const apply = await page.textContent("#pt-errors-0-apply");
      expect(apply).toContain(FIX);
      await pressOn(page, "pt-errors-0-apply");
      expect(await diagnosticCells(page, "errors")).toEqual([`${PLAN_SHEET}!C14`]);
      await page.focus("#pt-check");
      await pressOn(page, "pt-errors-0-apply");
      expect(await diagnosticCells(page, "errors")).toEqual([]);
      await pressOn(page, "pt-check");
      expect(await diagnosticCells(page, "errors")).toEqual([]);
      await expect(page.textContent("#pt-diagnostics")).resolves.toContain(
        "Không có lỗi hay cảnh báo.",
      );
      await shot(page, "standalone-vi-4-fixed");
    });

    it("updates the summaries", async () => {
      await pressOn(page, "pt-summaries");
      const headline = await page.textContent("#pt-headline");
      expect(headline).toContain("0/10");
      await expect(page.textContent("#pt-converted")).resolves.toMatch(/^11 mục, /);
      await shot(page, "standalone-vi-5-summaries");
    });

    it("downloads tracker.xlsx equal, cell for cell, to the CLI's tracker of the fixed plan", async () => {
      await tabTo(page, "pt-file-tracker");
      const file = await download(page, () => page.keyboard.press("Enter"), out);
      await idle(page);
      expect(file.name).toBe("plan.tracker.xlsx");

      // The CLI on the same plan with the two suggestions typed in, on the same day.
      const fixed = await fixedPlanXlsx(plan, tmp.dir);
      const cliTracker = join(tmp.dir, "cli.tracker.xlsx");
      const r = runCli(["track", fixed, "-o", cliTracker], CLI_NOW);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);

      const fromPage = await workbookSnapshot(readFileSync(file.path));
      const fromCli = await workbookSnapshot(readFileSync(cliTracker));
      expect(fromPage.sheets.map((s) => [s.name, s.state])).toEqual(
        fromCli.sheets.map((s) => [s.name, s.state]),
      );
      for (const [i, sheet] of fromPage.sheets.entries()) expect(sheet).toEqual(fromCli.sheets[i]);
      expect(fromPage).toEqual(fromCli);
      // It really is a tracker: rules, table, formulas are there to compare.
      const planSheet = fromPage.sheets.find((s) => s.name === PLAN_SHEET)!;
      expect(planSheet.conditionalFormats).not.toEqual([]);
      expect(planSheet.validations).not.toEqual({});
      expect(planSheet.tables).not.toEqual([]);
      expect(planSheet.cells.C13).toMatchObject({ value: FIX });
      // And byte for byte, part by part (only the file dates in docProps may differ).
      expect(await packageParts(readFileSync(file.path))).toEqual(
        await packageParts(readFileSync(cliTracker)),
      );
    });

    it("downloads summary.pdf with the Vietnamese headings", async () => {
      await tabTo(page, "pt-file-pdf");
      const file = await download(page, () => page.keyboard.press("Enter"), out);
      await idle(page);
      expect(file.name).toBe("plan.summary.pdf");
      const text = pdfText(file.path);
      for (const heading of ["BÁO CÁO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nơi nhận:"]) {
        expect(text).toContain(heading);
      }
      // The same report as the CLI's `summary` of its tracker (text of every page).
      const cliTracker = join(tmp.dir, "cli.tracker.xlsx");
      const cliPdf = join(tmp.dir, "cli.summary.pdf");
      const r = runCli(["summary", cliTracker, "--pdf", cliPdf], CLI_NOW);
      expect(r.code).toBe(0);
      expect(text).toBe(pdfText(cliPdf));
      await shot(page, "standalone-vi-6-export");
    });

    it("downloads summary.xlsx with the Tiến độ and Kinh phí sheets as values", async () => {
      await tabTo(page, "pt-file-summaryXlsx");
      const file = await download(page, () => page.keyboard.press("Space"), out);
      await idle(page);
      expect(file.name).toBe("plan.summary.xlsx");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file.path);
      const names = wb.worksheets.map((w) => w.name);
      expect(names).toEqual(expect.arrayContaining(["Tiến độ", "Kinh phí"]));
      for (const ws of wb.worksheets) {
        let cells = 0;
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            cells++;
            expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          }),
        );
        expect(cells).toBeGreaterThan(0);
      }
      const cliSummary = join(tmp.dir, "cli.summary.xlsx");
      const r = runCli(
        ["summary", join(tmp.dir, "cli.tracker.xlsx"), "--xlsx", cliSummary],
        CLI_NOW,
      );
      expect(r.code).toBe(0);
      expect(await workbookSnapshot(readFileSync(file.path))).toEqual(
        await workbookSnapshot(readFileSync(cliSummary)),
      );
    });

    it("the PDF follows the language chosen after conversion", async () => {
      await page.selectOption("#pt-lang", "en");
      const file = await download(page, () => page.click("#pt-file-pdf"), out);
      await idle(page);
      const text = pdfText(file.path);
      expect(text).toContain("RESULTS REPORT");
      expect(text).not.toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      await page.selectOption("#pt-lang", "vi");
    });

    it("ran nothing unexpected", () => {
      expect(pane.dialogs).toEqual([]);
      expect(pane.pageErrors).toEqual([]);
    });
  });

  describe("English, by mouse, with screenshots of every step", () => {
    let pane: Pane;
    let page: Page;

    beforeAll(async () => {
      pane = await openPane(browser, { locale: "en-US" });
      page = pane.page;
      await idle(page);
    });
    afterAll(() => pane?.close());

    it("walks the steps in English", async () => {
      expect(await page.getAttribute("#app", "lang")).toBe("en");
      await expect(page.textContent(".pt-note")).resolves.toContain("Running outside Excel");
      await shot(page, "standalone-en-0-start");
      await openSample(page, plan);
      await shot(page, "standalone-en-1-open");
      await act(page, "#pt-convert");
      await expect(page.textContent("#pt-converted")).resolves.toMatch(/^11 items, /);
      expect(await diagnosticCells(page, "errors")).toEqual([
        `${PLAN_SHEET}!C13`,
        `${PLAN_SHEET}!C14`,
      ]);
      await expect(page.textContent(".pt-errors")).resolves.toContain('There is no quarter "VI"');
      await shot(page, "standalone-en-2-convert");
      await act(page, "#pt-check");
      await shot(page, "standalone-en-3-check");
      await act(page, "#pt-errors-0-apply");
      await act(page, "#pt-errors-0-apply");
      await act(page, "#pt-check");
      await expect(page.textContent("#pt-diagnostics")).resolves.toContain(
        "No errors or warnings.",
      );
      await shot(page, "standalone-en-4-fixed");
      await act(page, "#pt-summaries");
      await shot(page, "standalone-en-5-summaries");
      await page.click("#pt-settings summary");
      await shot(page, "standalone-en-6-settings");
      expect(pane.dialogs).toEqual([]);
      expect(pane.pageErrors).toEqual([]);
    });
  });

  describe("other ways in", () => {
    let pane: Pane;
    let page: Page;

    beforeEach(async () => {
      pane = await openPane(browser, { locale: "vi-VN" });
      page = pane.page;
      await idle(page);
    });
    afterEach(() => pane?.close());

    it("pasted plan text imports the same 11 items (ten dated, the weekly duty)", async () => {
      await page.fill("#pt-text", samplePlanText());
      await act(page, "#pt-import");
      await expect(page.textContent("#pt-error")).resolves.toBe("");
      expect(await page.$$eval("#pt-sheet option", (o) => o.map((x) => x.textContent))).toEqual([
        PLAN_SHEET,
      ]);
      await act(page, "#pt-convert");
      await expect(page.textContent("#pt-converted")).resolves.toMatch(/^11 mục, /);
      expect(await diagnosticCells(page, "errors")).toEqual([
        `${PLAN_SHEET}!C13`,
        `${PLAN_SHEET}!C14`,
      ]);
      await shot(page, "standalone-vi-7-text");
    });

    it("a .docx imports the same 11 items (ten dated, the weekly duty)", async () => {
      const docx = await samplePlanDocx(tmp.dir);
      await page.setInputFiles("#pt-docx", docx);
      await page.waitForSelector(`#pt-sheet option[value="${PLAN_SHEET}"]`, { state: "attached" });
      await idle(page);
      await expect(page.textContent("#pt-error")).resolves.toBe("");
      await act(page, "#pt-convert");
      await expect(page.textContent("#pt-converted")).resolves.toMatch(/^11 mục, /);
      expect(await diagnosticCells(page, "errors")).toEqual([
        `${PLAN_SHEET}!C13`,
        `${PLAN_SHEET}!C14`,
      ]);
      await shot(page, "standalone-vi-8-docx");
    });

    it("a .docx whose schedule is a Word table imports the table's 3 items", async () => {
      const docx = await tablePlanDocx(tmp.dir);
      await page.setInputFiles("#pt-docx", docx);
      await page.waitForSelector(`#pt-sheet option[value="${PLAN_SHEET}"]`, { state: "attached" });
      await idle(page);
      await expect(page.textContent("#pt-error")).resolves.toBe("");
      await act(page, "#pt-convert");
      await expect(page.textContent("#pt-converted")).resolves.toMatch(/^3 mục, /);
      // The section row's "Quý VI/2024" reaches its item, where the check flags it.
      expect(await diagnosticCells(page, "errors")).toEqual([`${PLAN_SHEET}!C7`]);
    });

    it("a failed import or settings save keeps what the clerk typed", async () => {
      await page.fill("#pt-text", "không phải kế hoạch");
      await act(page, "#pt-import");
      await expect(page.textContent("#pt-error")).resolves.not.toBe("");
      expect(await page.inputValue("#pt-text")).toBe("không phải kế hoạch");

      await openSample(page, plan);
      await act(page, "#pt-convert");
      await page.click("#pt-settings summary");
      await page.fill("#pt-year", "20x3");
      await page.fill("#pt-agency", "UBND huyện Ia H'Drai");
      await act(page, "#pt-save-settings");
      await expect(page.textContent("#pt-error")).resolves.toContain('"20x3"');
      expect(await page.$eval("#pt-settings", (d) => (d as HTMLDetailsElement).open)).toBe(true);
      expect(await page.inputValue("#pt-year")).toBe("20x3");
      expect(await page.inputValue("#pt-agency")).toBe("UBND huyện Ia H'Drai");
      // The clerk is at the bottom of the pane: the message is still in sight.
      const box = await page.$eval("#pt-error", (e) => {
        const r = e.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: window.innerHeight };
      });
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(box.height);
      await shot(page, "standalone-vi-10-settings-error", false);

      await page.fill("#pt-year", "2023");
      await page.fill("#pt-allocation", "150 triệu");
      await act(page, "#pt-save-settings");
      await expect(page.textContent("#pt-error")).resolves.toBe("");
      expect(await page.inputValue("#pt-allocation")).toBe("150.000.000");
      expect(await page.inputValue("#pt-agency")).toBe("UBND huyện Ia H'Drai");
      await act(page, "#pt-summaries");
      await expect(page.textContent("#pt-headline")).resolves.toContain("150.000.000");
    });

    it("starts standalone even when office.js cannot be loaded (offline)", async () => {
      const offline = await openPane(browser, { locale: "vi-VN", withoutOfficeJs: true });
      try {
        await idle(offline.page);
        expect(offline.officeJsRequests).toBeGreaterThan(0);
        expect(
          await offline.page.evaluate(() => typeof (window as { Office?: unknown }).Office),
        ).toBe("undefined");
        await openSample(offline.page, plan);
        await act(offline.page, "#pt-convert");
        expect(await diagnosticCells(offline.page, "errors")).toHaveLength(2);
        expect(offline.pageErrors).toEqual([]);
      } finally {
        await offline.close();
      }
    });

    it("a file that is not a workbook gets a plain message, not a crash", async () => {
      await page.setInputFiles("#pt-xlsx", {
        name: "not-a-workbook.xlsx",
        mimeType: "application/octet-stream",
        buffer: Buffer.from("this is not a zip file"),
      });
      await page.waitForFunction(() => document.querySelector("#pt-error")?.textContent !== "");
      await idle(page);
      const message = await page.textContent("#pt-error");
      expect(message).toContain("not-a-workbook.xlsx");
      expect(message).not.toMatch(/\n\s+at /);
      await shot(page, "standalone-vi-9-bad-file");
    });
  });
});
