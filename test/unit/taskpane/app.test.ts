/**
 * @jest-environment jsdom
 */
/**
 * The task pane's logic (src/taskpane/app.ts) in a DOM: driven through the real Excel host on the
 * fake Excel (convert, findings grouped by severity, click to select, "Áp dụng"), and through a
 * scripted host for errors, hostile text, accessible names and the language switch. Plus the boot
 * path on an Excel that lacks ExcelApi 1.8.
 */
import { PlanTrackerError, type Diagnostic } from "../../../src/domain/diagnostics";
import { checkWorkbook, type CheckResult } from "../../../src/domain/check";
import { buildTracker, type TrackResult } from "../../../src/domain/tracker/track";
import { PaneApp } from "../../../src/taskpane/app";
import { createExcelHost } from "../../../src/taskpane/excelHost";
import type { PaneHost } from "../../../src/taskpane/host";
import { t } from "../../../src/taskpane/i18n";
import {
  createFakeWorkbook,
  fakeOffice,
  installFakeOffice,
  type FakeWorkbook,
} from "../../fakes/excel";
import { SAMPLE_HEADER } from "../../helpers/grid";
import { ENV, fakeSheetFromLayout, samplePlanSheet } from "../../helpers/officeFake";

jest.mock("../../../src/taskpane/styles.css", () => ({ __esModule: true, default: "" }));
(globalThis as unknown as { __TOOL_VERSION__: string }).__TOOL_VERSION__ = "test";

const PLAN = "Kế hoạch";
const HOSTILE = "<img src=x onerror=alert(1)>";

/** Waits for the pane to finish what a click started (its actions run asynchronously). */
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

const idle = (root: HTMLElement) => (): boolean =>
  !root.querySelector<HTMLButtonElement>("#pt-convert")?.disabled;

function click(root: HTMLElement, selector: string): void {
  const b = root.querySelector<HTMLElement>(selector);
  if (!b) throw new Error(`no ${selector}`);
  b.click();
}

function buttonsWithoutName(root: HTMLElement): string[] {
  return [...root.querySelectorAll("button")]
    .filter((b) => (b.getAttribute("aria-label") ?? b.textContent ?? "").trim() === "")
    .map((b) => b.outerHTML);
}

// ------------------------------------------------------------------ inside Excel (fake)

describe("the pane inside Excel (real Excel host on the fake workbook)", () => {
  let fake: FakeWorkbook;
  let uninstall: () => void;
  let root: HTMLElement;
  let app: PaneApp;

  beforeEach(async () => {
    fake = createFakeWorkbook({ sheets: [fakeSheetFromLayout(samplePlanSheet())] });
    uninstall = installFakeOffice(globalThis, fake);
    root = mount();
    const host = createExcelHost({
      features: ENV.features,
      toolVersion: "test",
      now: () => new Date(2023, 8, 20, 9),
      debounceMs: 0,
    });
    app = new PaneApp(root, host, { lang: "vi", storage: null });
    await app.start();
  });

  afterEach(async () => {
    await app.setLive(false);
    uninstall();
  });

  it("renders in Vietnamese, lists the plan sheet, and every button has a name", () => {
    expect(root.querySelector("h1")?.textContent).toBe("Theo dõi kế hoạch");
    expect(root.getAttribute("lang")).toBe("vi");
    expect([...root.querySelectorAll("#pt-sheet option")].map((o) => o.textContent)).toEqual([
      PLAN,
    ]);
    expect(buttonsWithoutName(root)).toEqual([]);
  });

  it("converts, and lists the two Quý VI errors under Lỗi; a click selects the cell", async () => {
    click(root, "#pt-convert");
    await until(() => root.querySelectorAll(".pt-errors li").length > 0 && idle(root)());
    expect(fake.tables()).toHaveLength(1);
    const errors = [...root.querySelectorAll(".pt-errors li")];
    expect(errors).toHaveLength(2);
    expect(errors.map((li) => li.querySelector(".pt-diag-text")?.textContent)).toEqual([
      expect.stringContaining('"VI"'),
      expect.stringContaining('"VI"'),
    ]);
    expect(root.querySelector("#pt-diagnostics h3")?.textContent).toBe("Lỗi (2)");
    expect(root.textContent).toContain("11 mục");
    // The weekly duty's quota in the summary step: no log rows yet, every week so far short.
    const duty = root.querySelector("#pt-quotas > li");
    expect(duty?.firstChild?.textContent).toBe(
      '"Cộng tác tin, phóng sự phát trên sóng Đài Phát thanh - Truyền hình tỉnh" (hằng tuần, ≥ 1/tuần): 0/37 tuần đạt; Tuần 38 (18/09–24/09): 0/1 — Đang thực hiện',
    );
    expect(
      [...root.querySelectorAll("#pt-quotas .pt-quota-periods li")].map((li) => li.className),
    ).toEqual(["pt-quota-short", "pt-quota-short", "pt-quota-short", "pt-quota-open"]);
    expect(buttonsWithoutName(root)).toEqual([]);

    click(root, ".pt-errors li:nth-child(2) button.pt-link");
    await until(() => fake.selection?.address === "C14");
    expect(fake.selection).toEqual({ sheet: PLAN, address: "C14" });
  });

  it('"Áp dụng" writes the suggestion, then checks again', async () => {
    await app.convert();
    expect(root.querySelectorAll(".pt-errors li")).toHaveLength(2);
    const apply = root.querySelector<HTMLButtonElement>(".pt-errors li:first-child .pt-small");
    expect(apply?.textContent).toBe("Áp dụng: Quý IV/2023");
    apply?.click();
    await until(() => root.querySelectorAll(".pt-errors li").length === 1 && idle(root)());
    expect(fake.cell(`'${PLAN}'!C13`)).toMatchObject({ value: "Quý IV/2023", formula: null });
    expect(fake.cell(`'${PLAN}'!N13`).value).toBeNull();
    expect(root.querySelector("#pt-error")?.textContent).toBe("");
  });

  it("shows an Excel error in the alert region, in plain words", async () => {
    await app.convert();
    // With the live re-check off the list goes stale (with it on, Microsoft's client delivers
    // the edit and the list drops C13 before a click could reach it).
    await app.setLive(false);
    // The clerk changed the cell in between: the suggestion is refused with the reason.
    await fake.simulateUserEdit(PLAN, "C13", "Quý III/2023");
    click(root, ".pt-errors li:first-child .pt-small");
    await until(() => (root.querySelector("#pt-error")?.textContent ?? "") !== "");
    expect(root.querySelector("[role=alert]")?.textContent).toMatch(/^Ô Kế hoạch!C13 đã thay đổi/);
    expect(fake.cell(`'${PLAN}'!C13`).value).toBe("Quý III/2023");
  });
});

// ------------------------------------------------------------------ a scripted host

function hostileCheck(): { check: CheckResult; track: TrackResult } {
  const rows = [
    ["UBND HUYỆN THỬ"],
    ["KẾ HOẠCH NĂM 2023"],
    [],
    SAMPLE_HEADER,
    [1, HOSTILE, "Quý VI/2023", "01", "Phóng sự", "05 phút", "Trung tâm", null, HOSTILE],
    [2, "Phóng sự hai", "Quý II/2023", "01", "Phóng sự", "05 phút", "Trung tâm", null, null],
  ];
  // The sheet's name is the clerk's text too (Excel allows it): it shows in every finding.
  const data = { sheets: [{ name: HOSTILE, rows }] };
  const track = buildTracker(data, { today: "2023-09-20", toolVersion: "test" });
  return { check: checkWorkbook(data, { today: "2023-09-20" }), track };
}

function scriptedHost(overrides: Partial<PaneHost> = {}): PaneHost & { calls: string[] } {
  const { check, track } = hostileCheck();
  const calls: string[] = [];
  const host: PaneHost & { calls: string[] } = {
    kind: "excel",
    calls,
    listSheets: () => Promise.resolve({ sheets: [HOSTILE], selected: HOSTILE }),
    importText: () => Promise.resolve(PLAN),
    importDocx: () => Promise.resolve(PLAN),
    convert: () => Promise.resolve(track),
    check: () => {
      calls.push("check");
      return Promise.resolve(check);
    },
    select: (d: Diagnostic) => {
      calls.push(`select ${d.cell ?? ""}`);
      return Promise.resolve();
    },
    applySuggestion: (d: Diagnostic) => {
      calls.push(`apply ${d.cell ?? ""} ${d.suggestion ?? ""}`);
      return Promise.resolve();
    },
    summaries: () => Promise.resolve(track),
    readSettings: () => Promise.resolve(null),
    saveSettings: () => Promise.resolve(),
    files: () => Promise.resolve([]),
    ...overrides,
  };
  return host;
}

describe("the pane with a scripted host", () => {
  it("renders in English and groups findings by severity", async () => {
    const root = mount();
    const app = new PaneApp(root, scriptedHost(), { lang: "en", storage: null });
    await app.start();
    expect(root.querySelector("h1")?.textContent).toBe("Plan Tracker");
    await app.runCheck();
    expect(root.querySelector(".pt-errors")?.getAttribute("aria-label")).toMatch(
      /^Errors \(\d+\)$/,
    );
    expect(root.querySelectorAll(".pt-errors li").length).toBeGreaterThan(0);
    expect(buttonsWithoutName(root)).toEqual([]);
  });

  it("clicking a finding selects it; Áp dụng applies then checks again", async () => {
    const root = mount();
    const host = scriptedHost();
    const app = new PaneApp(root, host, { lang: "vi", storage: null });
    await app.start();
    await app.runCheck();
    host.calls.length = 0;
    click(root, ".pt-errors li:first-child button.pt-link");
    await until(() => host.calls.length === 1 && idle(root)());
    expect(host.calls).toEqual(["select C5"]);
    click(root, ".pt-errors li:first-child .pt-small");
    await until(() => host.calls.length === 3 && idle(root)());
    expect(host.calls).toEqual(["select C5", "apply C5 Quý IV/2023", "check"]);
  });

  it.each([
    [
      "vi",
      'Trang "Kinh phí" đã được sửa tay sau lần chạy trước: giữ lại với tên "Kinh phí (đã sửa)"',
    ],
    ["en", 'The sheet "Kinh phí" was edited since the last run: kept as "Kinh phí (đã sửa)"'],
  ] as const)(
    "says in %s which edited summary sheet it kept, after convert and summaries",
    async (lang, words) => {
      const root = mount();
      const { track } = hostileCheck();
      const kept = { ...track, keptEdited: [{ sheet: "Kinh phí", keptAs: "Kinh phí (đã sửa)" }] };
      const app = new PaneApp(
        root,
        scriptedHost({
          convert: () => Promise.resolve(kept),
          summaries: () => Promise.resolve(kept),
        }),
        { lang, storage: null },
      );
      await app.start();
      await app.convert();
      expect(root.querySelector("#pt-status")?.textContent).toContain(words);
      await app.summaries();
      expect(root.querySelector("#pt-status")?.textContent).toContain(words);
    },
  );

  it("exports the reports for the period picked in step 5 (default: the latest closed)", async () => {
    const root = mount();
    const asked: string[] = [];
    const host = scriptedHost({
      files: (lang, period) => {
        asked.push(`${lang} ${period ?? "latest"}`);
        return Promise.resolve([
          {
            key: "pdf",
            name: "bao-cao.pdf",
            mime: "application/pdf",
            bytes: () => {
              asked.push(`bytes ${period ?? "latest"}`);
              return Promise.resolve(new Uint8Array([37, 80, 68, 70]));
            },
          },
        ]);
      },
    });
    const created: Blob[] = [];
    const url = URL as unknown as Record<string, unknown>;
    const saved = { create: url.createObjectURL, revoke: url.revokeObjectURL };
    url.createObjectURL = (b: Blob) => (created.push(b), "blob:report");
    url.revokeObjectURL = () => undefined;
    try {
      const app = new PaneApp(root, host, { lang: "vi", storage: null });
      await app.start();
      await app.convert();
      const picker = root.querySelector<HTMLSelectElement>("#pt-period");
      expect(picker).not.toBeNull();
      // 20/09/2023 under NĐ 09/2019: Quý III (15/06–14/09) is the latest closed period.
      expect(picker!.options[0]?.textContent).toBe("Kỳ đã kết thúc gần nhất (Quý III/2023)");
      expect([...picker!.options].map((o) => o.value)).toEqual([
        "",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "H1",
        "9M",
        "Y",
      ]);
      expect(root.querySelector("#pt-headline-period")?.textContent).toBe(
        "Kỳ báo cáo: Quý III/2023",
      );
      picker!.value = "H1";
      picker!.dispatchEvent(new Event("change"));
      expect(root.querySelector<HTMLSelectElement>("#pt-period")?.value).toBe("H1");
      expect(root.querySelector("#pt-headline-period")?.textContent).toBe(
        "Kỳ báo cáo: 6 tháng đầu năm 2023",
      );
      asked.length = 0;
      click(root, "#pt-file-pdf");
      await until(() => created.length === 1 && idle(root)());
      expect(asked).toEqual(["vi H1", "bytes H1"]);
      expect(buttonsWithoutName(root)).toEqual([]);
    } finally {
      url.createObjectURL = saved.create;
      url.revokeObjectURL = saved.revoke;
    }
  });

  it("inserts the clerk's text as text: a hostile title creates no element", async () => {
    const root = mount();
    const app = new PaneApp(root, scriptedHost(), { lang: "vi", storage: null });
    await app.start();
    await app.convert();
    await app.runCheck();
    expect(document.querySelectorAll("img")).toHaveLength(0);
    // It shows verbatim: in the sheet list and in every finding's cell link.
    expect(root.querySelector("#pt-sheet option")?.textContent).toBe(HOSTILE);
    const links = [...root.querySelectorAll(".pt-diag button.pt-link")];
    expect(links.length).toBeGreaterThan(0);
    for (const b of links) expect(b.textContent).toMatch(/^<img src=x onerror=alert\(1\)>!C\d+$/);
    expect(root.innerHTML).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it.each([
    ["vi", "Không có quý"],
    ["en", "There is no quarter"],
  ] as const)("shows a PlanTrackerError in %s in the alert region", async (lang, words) => {
    const root = mount();
    const error = new PlanTrackerError("test.error", {
      vi: "Không có quý VI trong năm.",
      en: "There is no quarter VI in a year.",
    });
    const log = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const app = new PaneApp(root, scriptedHost({ convert: () => Promise.reject(error) }), {
      lang,
      storage: null,
    });
    await app.start();
    await app.convert();
    const alert = root.querySelector("[role=alert]");
    expect(alert?.textContent).toContain(words);
    expect(alert?.textContent).toBe(error.text[lang]);
    log.mockRestore();
  });

  it('shows any other error with the "unexpected" prefix, in the current language', async () => {
    const root = mount();
    const app = new PaneApp(
      root,
      scriptedHost({
        check: () => Promise.reject(Object.assign(new Error("GeneralException"), { code: "E42" })),
      }),
      { lang: "vi", storage: null },
    );
    await app.start();
    await app.runCheck();
    const alert = root.querySelector("[role=alert]")?.textContent ?? "";
    expect(alert.startsWith(t("unexpected", "vi"))).toBe(true);
    expect(alert).toContain("GeneralException");
    expect(alert).toContain("E42");
    app.setLanguage("en");
    await app.runCheck();
    expect(root.querySelector("[role=alert]")?.textContent).toMatch(/^Something unexpected/);
  });

  it("the language switch re-renders and keeps the focus on the select", async () => {
    const root = mount();
    const stored = new Map<string, string>();
    const storage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    };
    const app = new PaneApp(root, scriptedHost(), { lang: "vi", storage });
    await app.start();
    await app.runCheck();
    const select = root.querySelector<HTMLSelectElement>("#pt-lang");
    select?.focus();
    if (select) select.value = "en";
    select?.dispatchEvent(new Event("change"));
    expect(root.querySelector("h1")?.textContent).toBe("Plan Tracker");
    expect(root.getAttribute("lang")).toBe("en");
    expect(root.querySelector(".pt-errors")?.getAttribute("aria-label")).toMatch(/^Errors/);
    expect(document.activeElement?.id).toBe("pt-lang");
    expect(document.activeElement).not.toBe(select); // a new element, rendered again
    expect(stored.get("plan-tracker.lang")).toBe("en");
    expect(buttonsWithoutName(root)).toEqual([]);
  });
});

// ------------------------------------------------------------------ boot

describe("boot", () => {
  it("on an Excel without ExcelApi 1.8, says so in the pane instead of starting", async () => {
    const root = mount();
    const fake = createFakeWorkbook({ apiVersion: "1.7" });
    const uninstall = installFakeOffice(
      globalThis,
      fake,
      fakeOffice({ supportedSets: { ExcelApi: "1.7" }, displayLanguage: "vi-VN" }),
    );
    try {
      const { boot } = await import("../../../src/taskpane/boot");
      const app = await boot(Office.HostType.Excel);
      expect(app).toBeNull();
      const alert = root.querySelector("[role=alert]");
      expect(alert?.textContent).toContain("ExcelApi 1.8");
      expect(alert?.textContent).toMatch(/^Phiên bản Excel này chưa hỗ trợ/);
      expect(fake.stats.syncCount).toBe(0);
    } finally {
      uninstall();
    }
  });

  it("on a current Excel, starts the pane in Office's display language", async () => {
    const root = mount();
    const fake = createFakeWorkbook({ sheets: [fakeSheetFromLayout(samplePlanSheet())] });
    const uninstall = installFakeOffice(globalThis, fake, fakeOffice({ displayLanguage: "en-US" }));
    try {
      const { boot } = await import("../../../src/taskpane/boot");
      const app = await boot(Office.HostType.Excel);
      expect(app).not.toBeNull();
      expect(app?.language).toBe("en");
      expect(root.querySelector("h1")?.textContent).toBe("Plan Tracker");
      expect(root.querySelector("#pt-sheet option")?.textContent).toBe(PLAN);
    } finally {
      uninstall();
    }
  });
});
