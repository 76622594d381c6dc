/**
 * "Cách đọc bảng" (how the table is read): the pane's step before converting. It shows the
 * header rows, sections, totals and matrix the tool found, and a dropdown per field with the
 * sheet's columns; the clerk's changes make a column map that Convert passes to the host, which
 * saves it in the tracker for every later run (domain/columnMap.ts).
 *
 * The choices are kept apart from the reading: a keyboard user arrowing through a dropdown
 * changes it once per key press, and each change reads the table again. Each choice stays as
 * made, and the latest wins a column two choices want, so passing over another field's column
 * takes nothing from it for good.
 */
import { NO_COLUMN, type ColumnMap } from "../domain/columnMap";
import type { Bilingual, Lang } from "../domain/diagnostics";
import { FIELD_LABELS, PLAN_FIELDS, type FieldKey } from "../domain/fields";
import type { ColumnChoice, FieldReading, TableReading } from "../domain/tableReading";
import { el } from "./dom";
import { t } from "./i18n";

export class ReadingChoices {
  /** The reading without the pane's choices: the headers, or the tracker's saved map. */
  private base: TableReading | null = null;
  /** Field → column (NO_COLUMN: none), in the order made; the latest wins a shared column. */
  private choices = new Map<FieldKey, number>();
  /** "Đặt lại": read by the headers alone; converting then forgets a saved map. */
  private resetToHeaders = false;

  /** A fresh reading of the plan: earlier choices no longer apply. */
  start(base: TableReading | null, resetToHeaders = false): void {
    this.base = base;
    this.choices = new Map();
    this.resetToHeaders = resetToHeaders;
  }

  /** Whether "Đặt lại" has something to undo: choices, or a map in effect. */
  canReset(reading: TableReading | null): boolean {
    return (
      this.choices.size > 0 ||
      Object.keys(reading?.columnMap ?? this.base?.columnMap ?? {}).length > 0
    );
  }

  /** Differs whenever the choices change: a re-read that ends sees whether it is stale. */
  key(): string {
    return JSON.stringify([this.resetToHeaders, [...this.choices]]);
  }

  snapshot(): { choices: Map<FieldKey, number>; reset: boolean } {
    return { choices: new Map(this.choices), reset: this.resetToHeaders };
  }

  restore(s: { choices: Map<FieldKey, number>; reset: boolean }): void {
    this.choices = new Map(s.choices);
    this.resetToHeaders = s.reset;
  }

  /**
   * The clerk picks `col` for `field`. Picking back the column the plan is read with anyway is no
   * choice at all (unless another choice holds that column, which this one must then win).
   */
  choose(field: FieldKey, col: number): void {
    this.choices.delete(field);
    const held = col !== NO_COLUMN && [...this.choices.values()].includes(col);
    if (col !== this.baseColumn(field) || held) this.choices.set(field, col);
  }

  /** The column the plan is read with for `field` before any choice. */
  private baseColumn(field: FieldKey): number {
    return this.base ? columnOf(this.base, field) : NO_COLUMN;
  }

  /**
   * Whether `field` is the clerk's choice made in the pane and not yet saved, and holds (a later
   * choice of the same column wins it).
   */
  chosen(field: FieldKey): boolean {
    const choice = this.choices.get(field);
    return choice !== undefined && this.pendingMap()?.[field] === choice;
  }

  /**
   * The map Convert passes: null when the clerk changed nothing (the host keeps a saved map);
   * {} after "Đặt lại" alone (read by the headers, forget the saved map).
   */
  pendingMap(): ColumnMap | null {
    if (!this.resetToHeaders && this.choices.size === 0) return null;
    const out: Partial<Record<FieldKey, number>> = this.resetToHeaders
      ? {}
      : { ...(this.base?.columnMap ?? {}) };
    for (const [field, col] of this.choices) {
      if (col !== NO_COLUMN)
        for (const other of Object.keys(out) as FieldKey[])
          if (other !== field && out[other] === col) delete out[other];
      out[field] = col;
    }
    return out;
  }

  /** The column a dropdown shows: the clerk's choice while it holds, else the reading's. */
  value(field: FieldKey, reading: TableReading): number {
    return this.chosen(field) ? (this.choices.get(field) as number) : columnOf(reading, field);
  }

  /** The dropdown's note: where the column came from, or why there is none. */
  note(field: FieldKey, reading: TableReading): Bilingual {
    const now = fieldOf(reading, field);
    if (this.chosen(field) && this.value(field, reading) === columnOf(reading, field))
      return {
        vi: "Bạn chọn; được lưu vào sổ theo dõi khi chuyển (bước 3).",
        en: "Your choice; saved in the tracker when you convert (step 3).",
      };
    const before = this.baseColumn(field);
    const current = columnOf(reading, field);
    if (before !== NO_COLUMN && current !== before && !this.resetToHeaders) {
      // Another field's choice took this field's column.
      const taker = reading.fields.find((f) => f.field !== field && f.column?.col === before);
      if (taker) {
        const name = FIELD_LABELS[taker.field];
        const letter = taker.column?.letter ?? "";
        return {
          vi: `Cột ${letter} nay được đọc là ${name.vi.toLowerCase()}.`,
          en: `Column ${letter} is now read as ${name.en.toLowerCase()}.`,
        };
      }
    }
    if (now?.source === "saved")
      return now.column
        ? {
            vi: "Theo cách gán đã lưu trong sổ theo dõi.",
            en: "By the column map saved in the tracker.",
          }
        : {
            vi: "Không có (theo cách gán đã lưu trong sổ theo dõi).",
            en: "None (by the column map saved in the tracker).",
          };
    if (now?.source === "header" && now.cell)
      return { vi: `Theo tiêu đề ở ô ${now.cell}.`, en: `By its header in ${now.cell}.` };
    if (now?.column) return { vi: "Cột đã chọn.", en: "The chosen column." };
    return noColumnNote(field, reading, now);
  }
}

function fieldOf(reading: TableReading, field: FieldKey): FieldReading | undefined {
  return reading.fields.find((f) => f.field === field);
}

function columnOf(reading: TableReading, field: FieldKey): number {
  return fieldOf(reading, field)?.column?.col ?? NO_COLUMN;
}

const TRACKED: readonly FieldKey[] = ["due", "status", "airedOn", "spent"];

function noColumnNote(
  field: FieldKey,
  reading: TableReading,
  now: FieldReading | undefined,
): Bilingual {
  if (field === "period" && reading.layout.matrix)
    return {
      vi: "Thời gian lấy từ các cột kỳ của bảng (bảng theo kỳ).",
      en: "The periods come from the table's period columns (a period matrix).",
    };
  if (TRACKED.includes(field))
    return {
      vi: "Chưa có: cột được thêm khi chuyển.",
      en: "None yet: added when you convert.",
    };
  const required = field === "title" || field === "period";
  const base: Bilingual = required
    ? { vi: "Bắt buộc: hãy chọn cột.", en: "Required: pick its column." }
    : { vi: "Không đọc cột nào.", en: "No column is read." };
  const hint = now?.candidates[0];
  if (!hint) return base;
  const name = FIELD_LABELS[field];
  const label = hint.label === "" ? "" : ` (${hint.label})`;
  return hint.reason === "values"
    ? {
        vi: `${base.vi} Gợi ý: cột ${hint.letter}${label}, giá trị giống ${name.vi.toLowerCase()}.`,
        en: `${base.en} Suggested: column ${hint.letter}${label}, its values look like ${name.en.toLowerCase()}.`,
      }
    : {
        vi: `${base.vi} Gợi ý: cột ${hint.letter}${label}, tiêu đề giống ${name.vi.toLowerCase()}.`,
        en: `${base.en} Suggested: column ${hint.letter}${label}, its header names ${name.en.toLowerCase()}.`,
      };
}

/** "C — Thời gian", "F — (không có tiêu đề)"; a suggested column says so. */
export function optionLabel(c: ColumnChoice, lang: Lang, suggested: boolean): string {
  const label = c.label === "" ? t("noHeader", lang) : c.label;
  return `${c.letter} — ${label}${suggested ? ` ${t("suggested", lang)}` : ""}`;
}

/** "Trang "KH", hàng tiêu đề 6–7." */
function headerFact(reading: TableReading, lang: Lang): string {
  const { first, last } = reading.headerRows;
  const rows = first === last ? `${last}` : `${first}–${last}`;
  if (lang === "vi") return `Trang "${reading.sheet}", hàng tiêu đề ${rows}.`;
  return `Sheet "${reading.sheet}", header ${first === last ? "row" : "rows"} ${rows}.`;
}

/** What the pane wrote after a choice, for the status line (read by screen readers). */
export function choiceNotice(
  field: FieldKey,
  before: TableReading | null,
  after: TableReading,
  lang: Lang,
): string {
  const name = FIELD_LABELS[field][lang];
  const f = fieldOf(after, field);
  const col = f?.column;
  const parts = [
    col ? `${name}: ${optionLabel(col, lang, false)}.` : `${name}: ${t("noColumn", lang)}.`,
  ];
  // Fields that lost their column to this choice.
  for (const other of after.fields) {
    if (other.field === field || other.column !== null) continue;
    if (before && columnOf(before, other.field) !== NO_COLUMN)
      parts.push(`${FIELD_LABELS[other.field][lang]}: ${t("noColumn", lang)}.`);
  }
  parts.push(t("savedOnConvert", lang));
  return parts.join(" ");
}

export interface ReadingViewOptions {
  readonly lang: Lang;
  /** The pane is running an action other than re-reading: the dropdowns wait. */
  readonly locked: boolean;
  readonly onChoose: (field: FieldKey, col: number) => void;
}

/** The fields' dropdowns, in two groups: the plan's columns and the tracking columns. */
export function readingFields(
  reading: TableReading,
  choices: ReadingChoices,
  opts: ReadingViewOptions,
): HTMLElement[] {
  const { lang } = opts;
  const group = (legend: string, id: string, fields: readonly FieldReading[]): HTMLElement => {
    const set = el(
      "fieldset",
      { class: "pt-map", id },
      el("legend", { class: "pt-map-legend" }, legend),
    );
    for (const f of fields) set.append(fieldRow(f));
    return set;
  };
  const fieldRow = (f: FieldReading): HTMLElement => {
    const id = `pt-map-${f.field}`;
    const value = choices.value(f.field, reading);
    const suggested = new Set(f.candidates.map((c) => c.col));
    const select = el("select", {
      id,
      class: "pt-map-select",
      disabled: opts.locked,
      "aria-describedby": `${id}-note`,
    });
    select.append(
      el("option", { value: String(NO_COLUMN), selected: value === NO_COLUMN }, t("none", lang)),
    );
    for (const c of reading.columns) {
      select.append(
        el(
          "option",
          { value: String(c.col), selected: value === c.col },
          optionLabel(c, lang, suggested.has(c.col)),
        ),
      );
    }
    select.addEventListener("change", () => opts.onChoose(f.field, Number(select.value)));
    const chosen = choices.chosen(f.field);
    return el(
      "div",
      { class: `pt-map-field${chosen ? " pt-map-chosen" : ""}` },
      el("label", { for: id, class: "pt-map-label" }, FIELD_LABELS[f.field][lang]),
      select,
      el("p", { id: `${id}-note`, class: "pt-map-note" }, choices.note(f.field, reading)[lang]),
    );
  };
  const plan = reading.fields.filter((f) => PLAN_FIELDS.includes(f.field));
  const tracked = reading.fields.filter((f) => !PLAN_FIELDS.includes(f.field));
  return [
    group(t("planColumns", lang), "pt-map-plan", plan),
    group(t("trackColumns", lang), "pt-map-tracking", tracked),
  ];
}

/** What was found besides the columns: header rows, sections, headings, totals, a matrix. */
export function readingFacts(reading: TableReading, lang: Lang): HTMLElement {
  const list = el("ul", { id: "pt-reading-facts", class: "pt-facts" });
  list.append(el("li", {}, headerFact(reading, lang)));
  // describeLayout's first line is the header and the columns, which the dropdowns show; the
  // others (sections, headings, totals, skipped rows, the matrix) are the same words `check`
  // prints.
  for (const line of reading.lines[lang].slice(1)) list.append(el("li", {}, line));
  for (const d of reading.mapDiagnostics)
    list.append(el("li", { class: "pt-fact-warning" }, d.text[lang]));
  return list;
}
