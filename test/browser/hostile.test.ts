/**
 * Hostile cell content — markup, formulas, a 5 000-character string, right-to-left Arabic and
 * Hebrew, emoji, a sheet named like an <img> tag — is shown as text in the pane: no element is
 * created from it, no handler runs, no dialog opens, and the 360 px pane never scrolls sideways.
 * Standalone (the .xlsx opened in the page) and in Excel (the fake workbook holds the same cells).
 */
import type { Browser, Page } from "playwright-core";
import { tempDir } from "../helpers/xlsx";
import { HOSTILE, HOSTILE_PLAN, PLAN_SHEET, hostilePlanXlsx } from "./fixtures";
import {
  PANE_WIDTH,
  type Pane,
  act,
  horizontalOverflow,
  idle,
  launchBrowser,
  openPane,
  shot,
} from "./harness";

/** A second sheet whose very name is markup (allowed in Excel: no []:*?/\). */
const HOSTILE_SHEET = HOSTILE.img;

async function expectInert(pane: Pane): Promise<void> {
  const { page } = pane;
  const found = await page.evaluate(() => ({
    imgs: document.querySelectorAll("img").length,
    // The pane's own scripts have a src; anything inline would have come from content.
    inlineScripts: [...document.scripts].filter((s) => !s.src).length,
    evilLinks: document.querySelectorAll('a[href*="evil"], [href^="javascript:"]').length,
    handlers: [...document.querySelectorAll("*")].filter((e) =>
      [...e.attributes].some((a) => a.name.startsWith("on")),
    ).length,
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
  }));
  expect(found).toEqual({ imgs: 0, inlineScripts: 0, evilLinks: 0, handlers: 0, pwned: null });
  expect(pane.dialogs).toEqual([]);
  expect(pane.pageErrors).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  expect(innerWidth).toBe(PANE_WIDTH);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth + 1);
  // And nothing sticks out on its own (a wide element inside an overflow:hidden box would not
  // show in scrollWidth but would still be cut off).
  const wide = await page.evaluate(
    (width) =>
      [...document.querySelectorAll("#app *")]
        .filter((e) => e.getBoundingClientRect().right > width + 1)
        .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`),
    innerWidth,
  );
  expect(wide).toEqual([]);
}

/** Every hostile string is on the page as text (the pane showed it rather than dropping it). */
async function expectShownAsText(page: Page, texts: readonly string[]): Promise<void> {
  const body = await page.evaluate(() => document.body.innerText);
  for (const t of texts) expect(body).toContain(t);
}

describe("hostile plan content", () => {
  const tmp = tempDir("pt-browser-hostile-");
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    tmp.cleanup();
  });

  it("standalone: the .xlsx is opened, converted and checked; everything stays text", async () => {
    const file = await hostilePlanXlsx(tmp.dir, HOSTILE_SHEET);
    const pane = await openPane(browser, { locale: "vi-VN" });
    const { page } = pane;
    try {
      await idle(page);
      await page.setInputFiles("#pt-xlsx", file);
      await page.waitForSelector(`#pt-sheet option[value="${PLAN_SHEET}"]`, { state: "attached" });
      await idle(page);
      expect(await page.$$eval("#pt-sheet option", (o) => o.map((x) => x.textContent))).toEqual([
        PLAN_SHEET,
        HOSTILE_SHEET,
      ]);
      await act(page, "#pt-convert");
      await expect(page.textContent("#pt-error")).resolves.toBe("");
      await act(page, "#pt-check");
      await expectShownAsText(page, [HOSTILE.img, HOSTILE.hebrew, "Quý VI/2023"]);
      await shot(page, "hostile-standalone-vi");
      await expectInert(pane);
      await expectNoSidewaysScroll(page);

      // The tracker and report are made from the same cells: still nothing runs.
      await act(page, "#pt-summaries");
      await page.selectOption("#pt-lang", "en");
      await shot(page, "hostile-standalone-en");
      await expectInert(pane);
      await expectNoSidewaysScroll(page);
    } finally {
      await pane.close();
    }
  });

  it("standalone: hostile pasted text is refused or imported as text", async () => {
    const pane = await openPane(browser, { locale: "vi-VN" });
    const { page } = pane;
    try {
      await idle(page);
      await page.fill(
        "#pt-text",
        [
          HOSTILE.img,
          HOSTILE.script,
          HOSTILE.hyperlink,
          HOSTILE.arabic,
          HOSTILE.emoji,
          HOSTILE.long,
        ].join("\n"),
      );
      await act(page, "#pt-import");
      await expectInert(pane);
      await expectNoSidewaysScroll(page);
      await shot(page, "hostile-standalone-text");
    } finally {
      await pane.close();
    }
  });

  for (const [lang, display] of [
    ["vi", "vi-VN"],
    ["en", "en-US"],
  ] as const) {
    it(`in Excel (${lang}): the fake workbook's hostile cells stay text`, async () => {
      const pane = await openPane(browser, {
        excel: {
          sheets: [HOSTILE_PLAN, { name: HOSTILE_SHEET, rows: [[HOSTILE.img]] }],
          excelApi: "1.12",
          displayLanguage: display,
        },
      });
      const { page } = pane;
      try {
        await idle(page);
        await act(page, "#pt-convert");
        await expect(page.textContent("#pt-error")).resolves.toBe("");
        await expectShownAsText(page, [HOSTILE.img, HOSTILE.hebrew, HOSTILE.emoji]);
        // Going to a finding and applying a suggestion work on the hostile sheet too.
        await act(page, "#pt-errors-0-go");
        await shot(page, `hostile-excel-${lang}`);
        await expectInert(pane);
        await expectNoSidewaysScroll(page);
      } finally {
        await pane.close();
      }
    });
  }
});
