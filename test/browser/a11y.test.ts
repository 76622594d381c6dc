/**
 * Accessibility smoke check, from Chromium's own accessibility tree (DevTools protocol): every
 * button and form control has a name, buttons are told apart, every control is reachable with Tab
 * and shows where the focus is, in both languages, standalone and in Excel. (The keyboard-only
 * walk through the steps is in standalone.test.ts.)
 */
import type { Browser, Page } from "playwright-core";
import { tempDir } from "../helpers/xlsx";
import { fakeSheetFromXlsx, samplePlanXlsx } from "./fixtures";
import { type PaneOptions, act, idle, launchBrowser, openPane } from "./harness";

interface AxNode {
  ignored: boolean;
  role?: { value?: string };
  name?: { value?: string };
  backendDOMNodeId?: number;
}

/** Roles a user operates: each needs a name a screen reader can say. */
const CONTROL_ROLES = new Set([
  "button",
  "link",
  "checkbox",
  "radio",
  "combobox",
  "listbox",
  "textbox",
  "searchbox",
  "spinbutton",
  "slider",
  "switch",
  "Date",
  "DisclosureTriangle",
]);

async function controls(page: Page): Promise<{ role: string; name: string }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AxNode[] };
    return nodes
      .filter((n) => !n.ignored && CONTROL_ROLES.has(n.role?.value ?? ""))
      .map((n) => ({ role: n.role?.value ?? "", name: (n.name?.value ?? "").trim() }));
  } finally {
    await cdp.detach();
  }
}

/** Tabs through the whole pane once from its first control; returns the ids focused, in order. */
async function tabOrder(page: Page): Promise<string[]> {
  await page.focus("#pt-lang");
  const seen = ["pt-lang"];
  for (let i = 0; i < 100; i++) {
    await page.keyboard.press("Tab");
    const id = await page.evaluate(() => {
      const e = document.activeElement;
      return e && e !== document.body ? e.id || `<${e.tagName.toLowerCase()}>` : null;
    });
    if (id === null) break;
    // A date input takes several Tabs (day, month, year, picker): the same id in a row.
    if (id === seen[seen.length - 1]) continue;
    if (seen.includes(id)) break;
    seen.push(id);
  }
  return seen;
}

async function checkPane(page: Page): Promise<void> {
  await page.click("#pt-settings summary");
  const all = await controls(page);
  expect(all.length).toBeGreaterThan(10);
  expect(all.filter((c) => c.name === "")).toEqual([]);
  const buttons = all.filter((c) => c.role === "button").map((c) => c.name);
  expect(buttons.filter((name, i) => buttons.indexOf(name) !== i)).toEqual([]);

  // Every enabled control can be reached with Tab, and the focus can be seen on it.
  const ids = await page.$$eval(
    "#app button:not([disabled]), #app select, #app input, #app textarea, #app summary",
    (es) => es.map((e) => e.id || `<${e.tagName.toLowerCase()}>`),
  );
  const order = await tabOrder(page);
  for (const id of ids) expect(order).toContain(id);
  for (const id of [
    "pt-sheet",
    "pt-text",
    "pt-map-title",
    "pt-reading-reload",
    "pt-convert",
    "pt-check",
    "pt-errors-0-go",
  ]) {
    const before = order[order.indexOf(id) - 1];
    expect(before).toBeDefined();
    await page.focus(`#${before}`);
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      return {
        id: e.id,
        visible: e.matches(":focus-visible"),
        outline: getComputedStyle(e).outlineStyle,
      };
    });
    expect(focus).toEqual({ id, visible: true, outline: expect.not.stringMatching(/^none$/) });
  }
}

describe("accessibility smoke check", () => {
  const tmp = tempDir("pt-browser-a11y-");
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

  for (const locale of ["vi-VN", "en-US"] as const) {
    it(`standalone (${locale}): names, Tab order, visible focus`, async () => {
      const pane = await openPane(browser, { locale });
      const { page } = pane;
      try {
        await idle(page);
        await page.setInputFiles("#pt-xlsx", plan);
        await page.waitForSelector("#pt-sheet option", { state: "attached" });
        await idle(page);
        await act(page, "#pt-convert");
        await checkPane(page);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale.slice(0, 2));
      } finally {
        await pane.close();
      }
    });
  }

  for (const displayLanguage of ["vi-VN", "en-US"] as const) {
    it(`in Excel (${displayLanguage}): names, Tab order, visible focus`, async () => {
      const options: PaneOptions = {
        excel: { sheets: [await fakeSheetFromXlsx(plan)], excelApi: "1.12", displayLanguage },
      };
      const pane = await openPane(browser, options);
      const { page } = pane;
      try {
        await idle(page);
        await act(page, "#pt-convert");
        await checkPane(page);
      } finally {
        await pane.close();
      }
    });
  }
});
