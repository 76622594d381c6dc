/**
 * The browser suite's harness: Debian's Chromium through playwright-core, one context per pane
 * with a frozen clock, Vietnam's time zone, no outside network, and records of dialogs, page errors
 * and blocked requests. In Excel mode the fake Excel API (test/fakes/excel, bundled by build.mjs)
 * is installed as the page's `Excel`/`Office` before any pane script runs, and office.js is
 * answered with an empty script so the real library cannot replace the fake.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Download,
  type Page,
} from "playwright-core";
import { CHROMIUM, EXCEL_CLIENT, FAKE_BUNDLE, SCREENSHOTS } from "./paths";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The pane's "today" in every test: 20 September 2023, 09:00 in Vietnam. */
export const TODAY = "2023-09-20";
export const FIXED_NOW = new Date("2023-09-20T09:00:00+07:00");
export const TIMEZONE = "Asia/Ho_Chi_Minh";
/** A task pane is about 320–350 px wide in Excel. */
export const PANE_WIDTH = 360;

export function baseUrl(): string {
  const url = process.env.PT_BROWSER_BASE_URL;
  if (!url) throw new Error("PT_BROWSER_BASE_URL is not set: run through jest.browser.config.js");
  return url;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** A plan sheet for the fake workbook (test/fakes/excel SheetSpec, as plain data). */
export interface FakeSheet {
  name: string;
  rows: (string | number | boolean | null)[][];
  merges?: string[];
}

export interface ExcelMode {
  sheets: FakeSheet[];
  /** Highest ExcelApi set, e.g. "1.12" (the fake Office and the workbook agree). */
  excelApi: string;
  displayLanguage: string;
  /** Delay per sync, to see the pane's progress state. */
  syncDelayMs?: number;
}

export interface PaneOptions {
  /** The browser's language (standalone: the pane's starting language). */
  locale?: "vi-VN" | "en-US";
  width?: number;
  height?: number;
  excel?: ExcelMode;
  /** office.js cannot be loaded (offline, CDN blocked): the request fails. */
  withoutOfficeJs?: boolean;
}

export interface Pane {
  readonly context: BrowserContext;
  readonly page: Page;
  /** alert/confirm/prompt the page tried to open (dismissed): must stay empty. */
  readonly dialogs: string[];
  readonly pageErrors: string[];
  /** Requests to anything but the test server (aborted). */
  readonly blocked: string[];
  /** Whether the page asked for office.js. */
  officeJsRequests: number;
  close(): Promise<void>;
}

let clientSource: string | undefined;

function excelClientSource(): string {
  clientSource ??= readFileSync(EXCEL_CLIENT, "utf8");
  return clientSource;
}

/** Runs in the page before its scripts: installs the fake once Microsoft's client has loaded. */
function deferInstall(mode: ExcelMode): void {
  (window as unknown as { __planTrackerInstall: () => void }).__planTrackerInstall = () =>
    installFakeExcel(mode);
  /** The fake workbook becomes Excel's, window.__fake the handle. */
  function installFakeExcel(mode: ExcelMode): void {
    type FakeApi = {
      createFakeWorkbook(o: unknown): unknown;
      fakeOffice(o: unknown): unknown;
      installFakeOffice(target: unknown, fake: unknown, office: unknown): void;
    };
    const w = window as unknown as { PlanTrackerFake: FakeApi; __fake: unknown };
    const fake = w.PlanTrackerFake.createFakeWorkbook({
      name: "Kế hoạch 2023.xlsx",
      sheets: mode.sheets,
      apiVersion: mode.excelApi,
      syncDelayMs: mode.syncDelayMs ?? 0,
    });
    const office = w.PlanTrackerFake.fakeOffice({
      supportedSets: { ExcelApi: mode.excelApi },
      displayLanguage: mode.displayLanguage,
    });
    w.PlanTrackerFake.installFakeOffice(window, fake, office);
    w.__fake = fake;
  }
}

export async function openPane(browser: Browser, options: PaneOptions = {}): Promise<Pane> {
  const base = baseUrl();
  const context = await browser.newContext({
    viewport: { width: options.width ?? PANE_WIDTH, height: options.height ?? 900 },
    locale: options.locale ?? "vi-VN",
    timezoneId: TIMEZONE,
    acceptDownloads: true,
  });
  const pane: Pane = {
    context,
    page: await context.newPage(),
    dialogs: [],
    pageErrors: [],
    blocked: [],
    officeJsRequests: 0,
    close: () => context.close(),
  };
  const { page } = pane;
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (!url.startsWith(base)) {
      // No outside network: office.js outside Office tries Microsoft's telemetry, for one.
      pane.blocked.push(url);
      await route.abort("blockedbyclient");
      return;
    }
    if (new URL(url).pathname.endsWith("/office.js")) {
      pane.officeJsRequests++;
      if (options.withoutOfficeJs) {
        await route.abort("internetdisconnected");
        return;
      }
      if (options.excel) {
        // office.js becomes Microsoft's Excel client (as a classic script, so its namespaces are
        // globals, as in Excel), followed by the fake host's installation.
        await route.fulfill({
          contentType: "text/javascript; charset=utf-8",
          body: `${excelClientSource()}\n;window.__planTrackerInstall();\n`,
        });
        return;
      }
    }
    await route.continue();
  });
  page.on("dialog", (dialog) => {
    pane.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on("pageerror", (error) => pane.pageErrors.push(error.message));
  await page.clock.setFixedTime(FIXED_NOW);
  if (options.excel) {
    await page.addInitScript({ path: FAKE_BUNDLE });
    await page.addInitScript(deferInstall, options.excel);
  }
  await page.goto(`${base}taskpane.html`);
  return pane;
}

/** Waits until the pane has started and finished whatever it was doing. */
export async function idle(page: Page): Promise<void> {
  await page.waitForSelector('#app[aria-busy="false"]', { state: "attached" });
}

/** Clicks (or presses Enter on) a pane button and waits for the action to finish. */
export async function act(page: Page, selector: string): Promise<void> {
  await page.click(selector);
  await idle(page);
}

/** test/browser/screenshots/<name>.png: the whole pane, or only what is in view. */
export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** Runs `trigger`, waits for the download it starts and saves it into `dir`. */
export async function download(
  page: Page,
  trigger: () => Promise<void>,
  dir: string,
): Promise<{ name: string; path: string }> {
  const [d]: [Download, void] = await Promise.all([page.waitForEvent("download"), trigger()]);
  const path = join(dir, d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), path };
}

/** Texts of the diagnostics list: "Kế hoạch!C13" per item, errors first. */
export function diagnosticCells(page: Page, group: "errors" | "warnings"): Promise<string[]> {
  return page.$$eval(`#pt-diagnostics .pt-${group} li .pt-link`, (links) =>
    links.map((a) => a.textContent ?? ""),
  );
}

/** No horizontal scrolling of the pane. */
export function horizontalOverflow(
  page: Page,
): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}
