/**
 * The task pane: guided steps a clerk can follow unaided (plan → convert → check → summaries →
 * export), settings, the language switch, progress and errors in plain words. It talks to a
 * PaneHost, so the same pane runs inside Excel and standalone, and is tested without Office.
 */
import { formatVnDate } from "../domain/calendar";
import type { CheckResult } from "../domain/check";
import type { ColumnMap } from "../domain/columnMap";
import { PlanTrackerError, type Diagnostic, type Lang } from "../domain/diagnostics";
import type { FieldKey } from "../domain/fields";
import { formatVnd, formatVndEn, parseMoney } from "../domain/money";
import type { PlanSettings } from "../domain/settings";
import type { TableReading } from "../domain/tableReading";
import { keptSheetText } from "../domain/tracker/keptSheet";
import type { TrackResult } from "../domain/tracker/track";
import { PERIOD_KEYS, periodLabel, type PeriodKey } from "../domain/reportingPeriod";
import { reportPeriodWindow, summaryReport } from "../domain/summary/report";
import { dutyLine, QUOTA_STATUS_LABEL } from "../domain/summary/quotas";
import { clear, downloadBytes, el } from "./dom";
import type { PaneFile, PaneHost } from "./host";
import { t, type StringKey } from "./i18n";
import { choiceNotice, ReadingChoices, readingFacts, readingFields } from "./readingStep";

export interface PaneOptions {
  readonly lang: Lang;
  /** Where the chosen language is remembered; absent in tests. */
  readonly storage?: Pick<Storage, "getItem" | "setItem"> | null;
  /** Shown before a long operation's progress bar appears (ms). */
  readonly progressDelayMs?: number;
  /** Live-check debounce (ms). */
  readonly debounceMs?: number;
}

/** How many of a duty's latest periods the pane lists. */
const QUOTA_PERIODS = 4;

type SettingsField = "pt-year" | "pt-allocation" | "pt-agency" | "pt-asof";

interface Message {
  readonly kind: "info" | "error";
  readonly text: string;
}

export class PaneApp {
  private lang: Lang;
  private sheets: string[] = [];
  private sheet: string | null = null;
  private check: CheckResult | null = null;
  private diagnostics: Diagnostic[] = [];
  /** The plan has been converted: step 2 shows the counts of the current check. */
  private converted = false;
  private settings: PlanSettings | null = null;
  private message: Message | null = null;
  private busy = false;
  private showProgress = false;
  private live = true;
  private stopWatching: (() => void) | null = null;
  private files: readonly PaneFile[] = [];
  /** The reporting period of the exported reports; null: the latest closed one. */
  private period: PeriodKey | null = null;
  /**
   * What the clerk typed but has not used yet: the pane is rebuilt on every render, and a live
   * check (an edit in Excel) or a failed action must not wipe pasted text or half-typed settings.
   */
  private pastedText = "";
  private settingsDraft: Partial<Record<SettingsField, string>> = {};
  private settingsOpen = false;
  /** Standalone: what the clerk opened (the file input itself is rebuilt and shows nothing). */
  private source: string | null = null;
  /** "Cách đọc bảng": how the plan sheet is read, with the clerk's choices; or why it cannot be. */
  private reading: TableReading | null = null;
  private readingFailure: unknown = null;
  private readonly choices = new ReadingChoices();
  /** The choices of the last reading that succeeded (a choice that makes reading fail is undone). */
  private readingGood = this.choices.snapshot();
  /** A re-read with the clerk's choices is running: the dropdowns stay usable (arrow keys). */
  private rereading = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: PaneHost,
    private readonly options: PaneOptions,
  ) {
    const saved = options.storage?.getItem("plan-tracker.lang");
    this.lang = saved === "vi" || saved === "en" ? saved : options.lang;
  }

  async start(): Promise<void> {
    this.render();
    await this.run(async () => {
      await this.refreshSheets();
      await this.loadSettings();
      await this.loadReading();
    }, false);
  }

  get language(): Lang {
    return this.lang;
  }

  setLanguage(lang: Lang): void {
    this.lang = lang;
    try {
      this.options.storage?.setItem("plan-tracker.lang", lang);
    } catch {
      // Storage can be blocked (private mode, policy): the choice then lasts for this session.
    }
    this.render();
    this.root.querySelector<HTMLSelectElement>("#pt-lang")?.focus();
  }

  private tx(key: StringKey): string {
    return t(key, this.lang);
  }

  // ---- actions -----------------------------------------------------------------------------

  /** Runs one user action: busy state, delayed progress, errors shown in the pane. */
  private async run(action: () => Promise<string | void>, announce = true): Promise<void> {
    if (this.busy) return;
    // The control that started the action is disabled (and so loses the focus) while it runs.
    const focusId = (document.activeElement as HTMLElement | null)?.id || null;
    this.busy = true;
    this.message = null;
    const timer = setTimeout(() => {
      this.showProgress = true;
      this.render();
    }, this.options.progressDelayMs ?? 300);
    this.render();
    try {
      const info = await action();
      this.message = info
        ? { kind: "info", text: info }
        : announce
          ? { kind: "info", text: this.tx("done") }
          : null;
    } catch (err) {
      this.message = { kind: "error", text: this.describe(err) };
    } finally {
      clearTimeout(timer);
      this.busy = false;
      this.showProgress = false;
      this.render();
      this.restoreFocus(focusId);
    }
  }

  /**
   * Gives the focus back to the control a keyboard user acted on, or — when it is gone (the last
   * finding fixed) — to the next finding or the Check button, never to the page's start.
   */
  private restoreFocus(id: string | null): void {
    const active = document.activeElement;
    if (!id || (active && active !== document.body && this.root.contains(active))) return;
    const byId = (x: string): HTMLElement | null => document.getElementById(x);
    const usable = (e: HTMLElement | null): e is HTMLElement =>
      e !== null && this.root.contains(e) && !(e as HTMLButtonElement).disabled;
    let target = byId(id);
    if (!usable(target) && /^pt-(errors|warnings)-/.test(id)) {
      target =
        this.root.querySelector<HTMLElement>("#pt-diagnostics button:not([disabled])") ??
        byId("pt-check");
    }
    // "Đặt lại" has nothing left to undo once pressed: the focus moves to its neighbour.
    if (!usable(target) && id.startsWith("pt-reading-")) target = byId("pt-reading-reload");
    if (usable(target)) target.focus();
  }

  private describe(err: unknown): string {
    if (err instanceof PlanTrackerError) return err.text[this.lang];
    const e = err as { code?: unknown; message?: unknown };
    const detail = typeof e?.message === "string" ? e.message : String(err);
    const code = typeof e?.code === "string" ? ` (${e.code})` : "";
    return `${this.tx("unexpected")} ${detail}${code}`;
  }

  /** The workbook's settings, replacing whatever was typed into the form. */
  private async loadSettings(): Promise<void> {
    this.settings = await this.host.readSettings();
    this.settingsDraft = {};
  }

  private async refreshSheets(): Promise<void> {
    const { sheets, selected } = await this.host.listSheets();
    this.sheets = sheets;
    this.sheet = this.sheet && sheets.includes(this.sheet) ? this.sheet : selected;
  }

  /** A new plan (opened or imported): earlier results, files and live checking no longer apply. */
  private resetResults(): void {
    this.check = null;
    this.diagnostics = [];
    this.converted = false;
    this.files = [];
    this.stopWatching?.();
    this.stopWatching = null;
  }

  async importText(text: string): Promise<void> {
    await this.run(async () => {
      this.sheet = await this.host.importText(text);
      this.pastedText = "";
      this.resetResults();
      this.source = this.tx("pastedText");
      await this.refreshSheets();
      await this.loadReading();
    });
  }

  async importDocx(bytes: Uint8Array, name: string | null = null): Promise<void> {
    await this.run(async () => {
      this.sheet = await this.host.importDocx(bytes);
      this.resetResults();
      this.source = name;
      await this.refreshSheets();
      await this.loadReading();
    });
  }

  async openXlsx(bytes: Uint8Array, name: string): Promise<void> {
    await this.run(async () => {
      await this.host.openXlsx?.(bytes, name);
      this.sheet = null;
      this.resetResults();
      this.source = name;
      await this.refreshSheets();
      await this.loadSettings();
      await this.loadReading();
    });
  }

  async convert(): Promise<void> {
    await this.run(async () => {
      // The clerk's choices in "Cách đọc bảng" (null: none, a saved map is kept).
      const map = this.host.reading ? this.choices.pendingMap() : null;
      const result = map
        ? await this.host.convert(this.sheet, map)
        : await this.host.convert(this.sheet);
      this.sheet = result.check.plan.sheet;
      this.setCheck(result.check);
      this.converted = true;
      await this.loadSettings();
      await this.refreshSheets();
      await this.startWatching();
      this.files = await this.host.files(this.lang);
      // The reading as saved: the choices are now the tracker's map.
      await this.loadReading();
      const notes = [
        this.keptNotice(result),
        map === null ? null : this.tx(Object.keys(map).length > 0 ? "mapSaved" : "mapDropped"),
      ].filter((n): n is string => typeof n === "string");
      return notes.length > 0 ? notes.join(" ") : undefined;
    });
  }

  // ---- "Cách đọc bảng" -----------------------------------------------------------------------

  /**
   * Reads the plan sheet afresh, without the pane's choices: by the headers, or with the
   * tracker's saved map (`resetToHeaders`: by the headers alone). Why it cannot be read is kept
   * for the step to show, never thrown: the clerk may not have picked the plan sheet yet.
   */
  private async loadReading(resetToHeaders = false): Promise<void> {
    this.reading = null;
    this.readingFailure = null;
    this.choices.start(null, resetToHeaders);
    this.readingGood = this.choices.snapshot();
    if (!this.host.reading || this.sheet === null) return;
    try {
      this.reading = await this.host.reading(this.sheet, resetToHeaders ? {} : null);
      this.choices.start(this.reading, resetToHeaders);
      this.readingGood = this.choices.snapshot();
    } catch (err) {
      this.readingFailure = err;
    }
  }

  /** The reading with the choices as they are now (again if they change while it runs). */
  private async readWithChoices(): Promise<void> {
    const read = this.host.reading?.bind(this.host);
    if (!read) return;
    try {
      let key: string;
      do {
        key = this.choices.key();
        const map: ColumnMap | null = this.choices.pendingMap();
        this.reading = await read(this.sheet, map);
      } while (key !== this.choices.key());
      this.readingFailure = null;
      this.readingGood = this.choices.snapshot();
    } catch (err) {
      // A map the plan cannot be read with: back to the last one that could.
      this.choices.restore(this.readingGood);
      throw err;
    }
  }

  /** The clerk picked `col` (NO_COLUMN: "(không có)") for `field`. */
  async chooseColumn(field: FieldKey, col: number): Promise<void> {
    this.choices.choose(field, col);
    // A re-read already running reads these choices too when it ends (see readWithChoices).
    if (this.rereading) return;
    this.rereading = true;
    const before = this.reading;
    try {
      await this.run(async () => {
        await this.readWithChoices();
        return this.reading ? choiceNotice(field, before, this.reading, this.lang) : undefined;
      });
    } finally {
      this.rereading = false;
    }
    this.render();
  }

  /** "Đặt lại": the plan read by its headers alone; converting then forgets a saved map. */
  async resetReading(): Promise<void> {
    await this.run(async () => {
      await this.loadReading(true);
      return this.reading ? this.tx("resetNotice") : undefined;
    });
  }

  /** "Đọc lại bảng": the sheet as it is now (headers edited in Excel), the choices kept. */
  async reloadReading(): Promise<void> {
    await this.run(async () => {
      const kept = this.reading?.sheet === this.sheet ? this.choices.snapshot() : null;
      await this.loadReading(kept?.reset ?? false);
      if (kept && this.reading && kept.choices.size > 0) {
        this.choices.restore(kept);
        await this.readWithChoices();
      }
    }, false);
  }

  /** Says which edited summary sheets were kept under another name, if any (track.ts). */
  private keptNotice(result: TrackResult): string | void {
    if (result.keptEdited.length === 0) return;
    return result.keptEdited.map((k) => keptSheetText(k)[this.lang]).join(" ");
  }

  async runCheck(): Promise<void> {
    await this.run(async () => {
      this.setCheck(await this.host.check(this.sheet));
      await this.startWatching();
    });
  }

  async summaries(): Promise<void> {
    await this.run(async () => {
      const result = await this.host.summaries(this.sheet);
      this.setCheck(result.check);
      this.files = await this.host.files(this.lang);
      return this.keptNotice(result);
    });
  }

  async select(d: Diagnostic): Promise<void> {
    await this.run(() => this.host.select(d), false);
  }

  async applySuggestion(d: Diagnostic): Promise<void> {
    await this.run(async () => {
      await this.host.applySuggestion(d);
      // Re-check so the list reflects the cell as it now is.
      this.setCheck(await this.host.check(this.sheet));
    });
  }

  async saveSettings(form: {
    planYear: string;
    allocation: string;
    agency: string;
    asOf: string;
  }): Promise<void> {
    await this.run(async () => {
      const year = form.planYear.trim() === "" ? null : Number(form.planYear);
      if (year !== null && (!Number.isInteger(year) || year < 1990 || year > 2100)) {
        throw new PlanTrackerError("settings.year", {
          vi: `Năm kế hoạch "${form.planYear}" không hợp lệ: nhập năm bốn chữ số, ví dụ 2023.`,
          en: `Plan year "${form.planYear}" is not valid: enter a four-digit year, e.g. 2023.`,
        });
      }
      const money = form.allocation.trim() === "" ? null : parseMoney(form.allocation);
      if (money && (!money.value || money.value.perUnit || money.value.range)) {
        throw new PlanTrackerError("settings.allocation", {
          vi: `Kinh phí "${form.allocation}" không đọc được: nhập số tiền bằng đồng, ví dụ 150.000.000.`,
          en: `Allocation "${form.allocation}" cannot be read: enter an amount in đồng, e.g. 150.000.000.`,
        });
      }
      const asOf = form.asOf.trim() === "" ? null : form.asOf.trim();
      if (asOf !== null && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
        throw new PlanTrackerError("settings.as-of", {
          vi: "Ngày tính không hợp lệ: chọn một ngày hoặc để trống.",
          en: "The as-of date is not valid: pick a date or leave it blank.",
        });
      }
      await this.host.saveSettings({
        planYear: year,
        allocationVnd: money?.value?.vnd ?? null,
        agency: form.agency.trim() === "" ? null : form.agency.trim(),
        asOf,
      });
      await this.loadSettings();
    });
  }

  async download(file: PaneFile): Promise<void> {
    await this.run(async () => {
      // Asked again at the click: the report follows the pane's language now, not at conversion.
      // And for the period chosen in step 5.
      const current =
        (await this.host.files(this.lang, this.period)).find((f) => f.key === file.key) ?? file;
      downloadBytes(current.name, current.mime, await current.bytes());
    });
  }

  private setCheck(check: CheckResult): void {
    this.check = check;
    this.diagnostics = [...check.diagnostics];
  }

  private async startWatching(): Promise<void> {
    this.stopWatching?.();
    this.stopWatching = null;
    if (!this.live || !this.host.watch || !this.check) return;
    this.stopWatching = await this.host.watch(
      this.check.plan.sheet,
      (rows, fresh) => {
        const set = new Set(rows);
        this.diagnostics = [
          ...this.diagnostics.filter((d) => d.row === null || !set.has(d.row)),
          ...fresh,
        ].sort((a, b) =>
          a.severity === b.severity ? (a.row ?? 0) - (b.row ?? 0) : a.severity === "error" ? -1 : 1,
        );
        // Keep the summary's "data errors to fix" in step with the list it sits under.
        if (this.check) {
          const errors = this.diagnostics.filter((d) => d.severity === "error").length;
          this.check = {
            ...this.check,
            diagnostics: this.diagnostics,
            summary: { ...this.check.summary, errors, warnings: this.diagnostics.length - errors },
          };
        }
        this.render();
      },
      (trouble) => {
        // A live re-check that keeps failing is said in the alert line, in the pane's language.
        if (trouble) this.message = { kind: "error", text: trouble[this.lang] };
        else if (this.message?.kind === "error") this.message = null;
        this.render();
      },
    );
  }

  async setLive(on: boolean): Promise<void> {
    this.live = on;
    if (on) await this.startWatching();
    else {
      this.stopWatching?.();
      this.stopWatching = null;
    }
    this.render();
  }

  // ---- view --------------------------------------------------------------------------------

  render(): void {
    const focusedId = (document.activeElement as HTMLElement | null)?.id ?? null;
    clear(this.root);
    this.root.setAttribute("lang", this.lang);
    document.documentElement.lang = this.lang;
    document.title = this.tx("appTitle");
    // The pane is rebuilt while an action runs: assistive technology (and the browser tests) wait.
    this.root.setAttribute("aria-busy", String(this.busy));
    this.root.append(
      this.header(),
      this.status(),
      ...(this.host.kind === "standalone"
        ? [el("p", { class: "pt-note" }, this.tx("standaloneNote"))]
        : []),
      this.stepPlan(),
      ...(this.host.reading ? [this.stepReading()] : []),
      this.stepConvert(),
      this.stepCheck(),
      this.stepSummaries(),
      this.stepExport(),
      this.settingsPanel(),
    );
    if (focusedId) this.root.querySelector<HTMLElement>(`#${focusedId}`)?.focus();
  }

  private button(
    id: string,
    label: string,
    onClick: () => void,
    extra: Record<string, string | boolean> = {},
  ): HTMLButtonElement {
    const b = el(
      "button",
      { id, type: "button", class: "pt-button", disabled: this.busy, ...extra },
      label,
    );
    b.addEventListener("click", onClick);
    return b;
  }

  private header(): HTMLElement {
    const select = el("select", { id: "pt-lang", "aria-label": this.tx("language") });
    for (const [value, label] of [
      ["vi", "Tiếng Việt"],
      ["en", "English"],
    ] as const) {
      select.append(el("option", { value, selected: this.lang === value }, label));
    }
    select.addEventListener("change", () => this.setLanguage(select.value === "en" ? "en" : "vi"));
    return el(
      "header",
      { class: "pt-header" },
      el("h1", {}, this.tx("appTitle")),
      el("label", { for: "pt-lang", class: "pt-visually-hidden" }, this.tx("language")),
      select,
    );
  }

  private status(): HTMLElement {
    const box = el("div", { class: "pt-status" });
    box.append(
      el(
        "div",
        { id: "pt-status", role: "status", "aria-live": "polite" },
        this.busy ? this.tx("working") : this.message?.kind === "info" ? this.message.text : "",
      ),
    );
    if (this.showProgress) box.append(el("progress", { "aria-label": this.tx("working") }));
    box.append(
      el(
        "div",
        { id: "pt-error", role: "alert", class: "pt-error" },
        this.message?.kind === "error" ? this.message.text : "",
      ),
    );
    return box;
  }

  private section(id: string, title: string, ...body: HTMLElement[]): HTMLElement {
    return el(
      "section",
      { id, class: "pt-step", "aria-labelledby": `${id}-title` },
      el("h2", { id: `${id}-title` }, title),
      ...body,
    );
  }

  private stepPlan(): HTMLElement {
    const select = el("select", { id: "pt-sheet", disabled: this.busy });
    for (const name of this.sheets)
      select.append(el("option", { value: name, selected: name === this.sheet }, name));
    select.addEventListener("change", () => {
      this.sheet = select.value;
      void this.run(() => this.loadReading(), false);
    });
    const text = el("textarea", { id: "pt-text", rows: "4", class: "pt-text" });
    text.value = this.pastedText;
    text.addEventListener("input", () => {
      this.pastedText = text.value;
    });
    const docx = el("input", {
      id: "pt-docx",
      type: "file",
      accept: ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      class: "pt-file",
    });
    docx.addEventListener("change", () => {
      const file = docx.files?.[0];
      if (file) void file.arrayBuffer().then((b) => this.importDocx(new Uint8Array(b), file.name));
    });
    const parts: HTMLElement[] = [el("p", { class: "pt-help" }, this.tx("step1Help"))];
    if (this.host.kind === "standalone") {
      const xlsx = el("input", {
        id: "pt-xlsx",
        type: "file",
        accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        class: "pt-file",
      });
      xlsx.addEventListener("change", () => {
        const file = xlsx.files?.[0];
        if (file) void file.arrayBuffer().then((b) => this.openXlsx(new Uint8Array(b), file.name));
      });
      parts.push(el("label", { for: "pt-xlsx", class: "pt-label" }, this.tx("pickXlsx")), xlsx);
      if (this.source) {
        parts.push(
          el(
            "p",
            { id: "pt-source", class: "pt-help" },
            `${this.tx("currentFile")} `,
            el("span", { class: "pt-source-name" }, this.source),
          ),
        );
      }
    }
    parts.push(
      el("label", { for: "pt-sheet", class: "pt-label" }, this.tx("planSheet")),
      el(
        "div",
        { class: "pt-row" },
        select,
        this.button(
          "pt-refresh",
          this.tx("refresh"),
          () =>
            void this.run(async () => {
              const before = this.sheet;
              await this.refreshSheets();
              if (this.sheet !== before || this.reading === null) await this.loadReading();
            }, false),
        ),
      ),
      el("label", { for: "pt-text", class: "pt-label" }, this.tx("pasteLabel")),
      text,
      this.button("pt-import", this.tx("importText"), () => void this.importText(text.value)),
      el("label", { for: "pt-docx", class: "pt-label" }, this.tx("pickDocx")),
      docx,
    );
    return this.section("pt-step1", this.tx("step1"), ...parts);
  }

  /** "Cách đọc bảng", before converting: what was found, and a column per field to change. */
  private stepReading(): HTMLElement {
    const parts: HTMLElement[] = [el("p", { class: "pt-help" }, this.tx("readingHelp"))];
    const reload = this.button("pt-reading-reload", this.tx("reloadReading"), () => {
      void this.reloadReading();
    });
    if (this.reading) {
      parts.push(
        readingFacts(this.reading, this.lang),
        ...readingFields(this.reading, this.choices, {
          lang: this.lang,
          locked: this.busy && !this.rereading,
          onChoose: (field, col) => void this.chooseColumn(field, col),
        }),
        el(
          "div",
          { class: "pt-row" },
          this.button("pt-reading-reset", this.tx("resetReading"), () => void this.resetReading(), {
            disabled: this.busy || !this.choices.canReset(this.reading),
          }),
          reload,
        ),
      );
    } else if (this.readingFailure !== null) {
      parts.push(
        el(
          "p",
          { id: "pt-reading-failed", class: "pt-reading-failed" },
          `${this.tx("readingFailed")} ${this.describe(this.readingFailure)}`,
        ),
        reload,
      );
    } else {
      parts.push(el("p", { id: "pt-reading-none", class: "pt-help" }, this.tx("readingNoSheet")));
    }
    return this.section("pt-reading", this.tx("stepReading"), ...parts);
  }

  private stepConvert(): HTMLElement {
    return this.section(
      "pt-step2",
      this.tx("step2"),
      el("p", { class: "pt-help" }, this.tx("step2Help")),
      this.button("pt-convert", this.tx("convert"), () => void this.convert(), {
        class: "pt-button pt-primary",
      }),
      ...(this.converted && this.check
        ? [el("p", { id: "pt-converted" }, this.counts(this.check))]
        : []),
    );
  }

  /** "10 items, 8 overdue, 0 due soon." for the current check (not the one at conversion). */
  private counts(check: CheckResult): string {
    const items = check.plan.items;
    return `${items.length} ${this.tx("items")}, ${items.filter((i) => i.overdue).length} ${this.tx("overdue")}, ${items.filter((i) => i.dueSoon).length} ${this.tx("dueSoon")}.`;
  }

  private stepCheck(): HTMLElement {
    const live = el("input", { id: "pt-live", type: "checkbox", checked: this.live });
    live.addEventListener("change", () => void this.setLive(live.checked));
    const list = el("div", { id: "pt-diagnostics" });
    const errors = this.diagnostics.filter((d) => d.severity === "error");
    const warnings = this.diagnostics.filter((d) => d.severity === "warning");
    if (this.check && errors.length + warnings.length === 0)
      list.append(el("p", {}, this.tx("noProblems")));
    for (const [label, group, cls] of [
      [this.tx("errors"), errors, "pt-errors"],
      [this.tx("warnings"), warnings, "pt-warnings"],
    ] as const) {
      if (group.length === 0) continue;
      const ul = el("ul", {
        class: `pt-diag-list ${cls}`,
        "aria-label": `${label} (${group.length})`,
      });
      group.forEach((d, i) => ul.append(this.diagnosticItem(d, `${cls}-${i}`)));
      list.append(el("h3", {}, `${label} (${group.length})`), ul);
    }
    return this.section(
      "pt-step3",
      this.tx("step3"),
      el(
        "div",
        { class: "pt-row" },
        this.button("pt-check", this.tx("check"), () => void this.runCheck()),
        // Only where edits can happen under the pane (Excel); a downloaded file is not watched.
        this.host.watch
          ? el("label", { for: "pt-live", class: "pt-inline" }, live, ` ${this.tx("liveCheck")}`)
          : null,
      ),
      list,
    );
  }

  private diagnosticItem(d: Diagnostic, id: string): HTMLElement {
    const where = d.cell ? `${d.sheet ?? ""}!${d.cell}` : (d.sheet ?? "");
    const go = this.button(`${id}-go`, `${where}`, () => void this.select(d), {
      class: "pt-link",
      "aria-label": `${this.tx("goTo")} ${where}`,
      disabled: this.busy || d.cell === null,
    });
    const li = el(
      "li",
      { class: `pt-diag pt-${d.severity}` },
      go,
      el("span", { class: "pt-diag-text" }, d.detail[this.lang]),
    );
    if (d.suggestion !== null && d.cell !== null) {
      li.append(
        this.button(
          `${id}-apply`,
          `${this.tx("apply")}: ${d.suggestion}`,
          () => void this.applySuggestion(d),
          {
            class: "pt-button pt-small",
            // Several findings can suggest the same text: say which cell each button writes.
            "aria-label": `${this.tx("apply")} "${d.suggestion}" ${this.tx("applyTo")} ${where}`,
          },
        ),
      );
    }
    return li;
  }

  private stepSummaries(): HTMLElement {
    const parts: HTMLElement[] = [
      this.button("pt-summaries", this.tx("summaries"), () => void this.summaries()),
    ];
    if (this.check) {
      const report = summaryReport(this.check, this.lang, { period: this.period });
      parts.push(
        el(
          "p",
          { id: "pt-headline-period", class: "pt-help" },
          `${this.tx("reportPeriod")}: ${report.period.label}`,
        ),
      );
      const dl = el("dl", { id: "pt-headline", class: "pt-headline" });
      for (const h of [...report.headline, ...report.yearHeadline])
        dl.append(el("dt", {}, h.label), el("dd", { class: h.alert ? "pt-alert" : "" }, h.value));
      parts.push(dl);
      const quotas = this.quotaList(this.check);
      if (quotas) parts.push(quotas);
    }
    return this.section("pt-step4", this.tx("step4"), ...parts);
  }

  /**
   * Each recurring duty's quota: periods met so far, then its latest periods (met / short /
   * ahead / in progress), the current one last. Kept short: the whole table is on "Tiến độ".
   */
  private quotaList(check: CheckResult): HTMLElement | null {
    const duties = check.recurring?.duties ?? [];
    if (duties.length === 0) return null;
    const list = el("ul", { id: "pt-quotas", class: "pt-quotas" });
    for (const f of duties) {
      const recent = f.results.filter((x) => x.period.start <= check.asOf).slice(-QUOTA_PERIODS);
      const periods = el("ul", { class: "pt-quota-periods" });
      for (const x of recent)
        periods.append(
          el(
            "li",
            { class: `pt-quota-${x.status}` },
            `${x.period.label[this.lang]}: ${x.done}/${x.quota} — ${QUOTA_STATUS_LABEL[x.status][this.lang]}`,
          ),
        );
      list.append(el("li", {}, dutyLine(f, check.asOf, this.lang), periods));
    }
    return el("div", {}, el("p", { class: "pt-help" }, this.tx("recurringQuotas")), list);
  }

  private stepExport(): HTMLElement {
    const labels: Record<PaneFile["key"], StringKey> = {
      pdf: "exportPdf",
      tracker: "downloadTracker",
      summaryXlsx: "downloadSummary",
    };
    const buttons = this.files.map((f) =>
      this.button(`pt-file-${f.key}`, this.tx(labels[f.key]), () => void this.download(f)),
    );
    return this.section(
      "pt-step5",
      this.tx("step5"),
      ...(buttons.length > 0
        ? [this.periodPicker(), ...buttons]
        : [el("p", { class: "pt-help" }, this.tx("exportHelp"))]),
    );
  }

  /** The reporting period of the exports: the latest closed one (named), or one the clerk picks. */
  private periodPicker(): HTMLElement {
    const select = el("select", { id: "pt-period", disabled: this.busy });
    const latest = this.check
      ? ` (${periodLabel(reportPeriodWindow(this.check, null), this.lang)})`
      : "";
    select.append(
      el(
        "option",
        { value: "", selected: this.period === null },
        `${this.tx("latestClosed")}${latest}`,
      ),
    );
    for (const key of PERIOD_KEYS) {
      select.append(
        el("option", { value: key, selected: this.period === key }, this.tx(`period${key}`)),
      );
    }
    select.addEventListener("change", () => {
      this.period = (PERIOD_KEYS as readonly string[]).includes(select.value)
        ? (select.value as PeriodKey)
        : null;
      this.render();
      this.root.querySelector<HTMLSelectElement>("#pt-period")?.focus();
    });
    return el(
      "div",
      { class: "pt-field" },
      el("label", { for: "pt-period", class: "pt-label" }, this.tx("reportPeriod")),
      select,
    );
  }

  private settingsPanel(): HTMLElement {
    const s = this.settings;
    const field = (
      id: SettingsField,
      label: StringKey,
      value: string,
      type = "text",
    ): HTMLElement => {
      const input = el("input", { id, type, class: "pt-input" });
      input.value = this.settingsDraft[id] ?? value;
      input.addEventListener("input", () => {
        this.settingsDraft[id] = input.value;
      });
      return el(
        "div",
        { class: "pt-field" },
        el("label", { for: id, class: "pt-label" }, this.tx(label)),
        input,
      );
    };
    const money = (v: number | null): string =>
      v === null
        ? ""
        : this.lang === "vi"
          ? formatVnd(v).replace(/ đ$/, "")
          : formatVndEn(v).replace(/ VND$/, "");
    const details = el(
      "details",
      { id: "pt-settings", class: "pt-settings", open: this.settingsOpen },
      el("summary", {}, this.tx("settings")),
      field("pt-year", "planYear", s?.planYear?.toString() ?? ""),
      field("pt-allocation", "allocation", money(s?.allocationVnd ?? null)),
      field("pt-agency", "agency", s?.agency ?? ""),
      field("pt-asof", "asOf", s?.asOf ?? "", "date"),
    );
    details.addEventListener("toggle", () => {
      this.settingsOpen = details.open;
    });
    details.append(
      this.button("pt-save-settings", this.tx("saveSettings"), () => {
        const v = (id: string): string =>
          this.root.querySelector<HTMLInputElement>(`#${id}`)?.value ?? "";
        void this.saveSettings({
          planYear: v("pt-year"),
          allocation: v("pt-allocation"),
          agency: v("pt-agency"),
          asOf: v("pt-asof"),
        });
      }),
    );
    if (s?.asOf) details.append(el("p", { class: "pt-help" }, formatVnDate(s.asOf)));
    return details;
  }
}
