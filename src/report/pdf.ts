/**
 * The leaders' one-page A4 report as a PDF. It only lays out a SummaryReport (every label and
 * figure is already formatted in one language) and runs unchanged in Node and in the task pane:
 * pdfkit and the font bytes are passed in, nothing here touches the file system or the clock.
 *
 * Layout choices:
 * - Vietnamese (report.motto present) follows Nghị định 30/2020/NĐ-CP: issuing agency top-left
 *   (bold, upper case, short rule under it) with "Số: …/BC-…" under it, national motto top-right
 *   (bold; a rule as long as "Độc lập - Tự do - Hạnh phúc" under it), the italic place-and-date line
 *   centred under the motto, the centred title and subject, "Nơi nhận:" bottom-left and the signer
 *   block bottom-right (TM./KT./Q. lines, title, room to sign, name in bold). A4 with the decree's
 *   margins (top and bottom 20 mm, left 30 mm, right 15 mm), a Times New Roman-metric font
 *   (Tinos), and no page number: the report is one page, and the decree numbers from page 2.
 *   English gets a plainer header (agency and number left, place/date right, a rule under both).
 * - Every piece of text is drawn on one line at an explicit position: long text is cut to its cell
 *   with an ellipsis (or wrapped to a fixed number of lines), so nothing wraps into a neighbour and
 *   pdfkit never adds a page (page margins are 0 for pdfkit; ours are applied here).
 * - The page is laid out once "dry" to measure it; when it would not fit, every font size and
 *   vertical space is scaled down until it does. Rendering never pages: a second page is an error.
 * - The document's dates come from the report's as-of date, so the same report gives the same bytes.
 */
import type { IsoDate } from "../domain/calendar";
import type { SummaryReport } from "../domain/summary/report";

export interface PdfDeps {
  /** pdfkit's PDFDocument: `require("pdfkit")` in Node, `pdfkit/js/pdfkit.standalone.js` in the pane. */
  readonly PDFDocument: typeof import("pdfkit");
  /** TrueType bytes with full Vietnamese coverage (Tinos, metric-compatible with Times New Roman). */
  readonly fonts: {
    readonly regular: Uint8Array;
    readonly bold: Uint8Array;
    readonly italic?: Uint8Array;
    /** For "Nơi nhận:"; bold is used when absent. */
    readonly boldItalic?: Uint8Array;
  };
}

type Doc = InstanceType<PdfDeps["PDFDocument"]>;
type Face = "R" | "B" | "I" | "BI";
type Align = "left" | "center" | "right";

const MM = 72 / 25.4;
const PAGE_W = 595.28;
const PAGE_H = 841.89;
/** Nghị định 30/2020 margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const PAGE_MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;
const LEFT = PAGE_MARGINS_MM.left * MM;
const RIGHT = PAGE_W - PAGE_MARGINS_MM.right * MM;
const WIDTH = RIGHT - LEFT;
const TOP = PAGE_MARGINS_MM.top * MM;
const BOTTOM = PAGE_H - PAGE_MARGINS_MM.bottom * MM;

const BLACK = "#000000";
const GREY = "#595959";
const LIGHT_GREY = "#A6A6A6";
const GRID = "#808080";
const HEADER_FILL = "#E7E6E6";
const TOTAL_FILL = "#F2F2F2";
const ALERT = "#9C0006";
const PLANNED = "#9DC3E6";
const DONE = "#548235";

/** Smallest scale tried before giving up (sizes × 0.6: body text stays ≥ 4.5 pt). */
const MIN_SCALE = 0.6;
/** Defensive caps: the domain never produces more rows than this (6 quarter rows, 6 slipped). */
const MAX_TABLE_ROWS = 8;
const MAX_SLIPPED_ROWS = 8;
const MAX_SIGNER_LINES = 4;
const MAX_LIST_ROWS = 8;
const ELLIPSIS = "…";
const REPLACEMENT = "\ufffd";
/** Invisible code points (joiners, variation selectors) a font may lack without harm. */
const IGNORABLE = /^[\u200b-\u200d\u2060\ufe00-\ufe0f\u{e0100}-\u{e01ef}]$/u;

/** The part of a fontkit font used here (pdfkit keeps it at `doc._font.font`). */
interface GlyphCoverage {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
const MOTTO_SIZE = 10.5;

/** One line of text: control and format characters (bidi overrides, line breaks) become spaces. */
export function cleanText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]|(?![\u200c\u200d])\p{Cf}/gu, " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

let segmenter: Intl.Segmenter | null | undefined;

/** User-perceived characters (an emoji sequence, a letter with its marks), never half of one. */
function graphemes(text: string): string[] {
  if (segmenter === undefined) {
    segmenter =
      typeof Intl !== "undefined" && typeof Intl.Segmenter === "function"
        ? new Intl.Segmenter("vi", { granularity: "grapheme" })
        : null;
  }
  if (!/[^\u0000-\u02ff]/.test(text)) return text.split("");
  return segmenter ? Array.from(segmenter.segment(text), (s) => s.segment) : Array.from(text);
}

/** The PDF's CreationDate: midnight UTC of the as-of date (never the clock). */
export function reportDate(asOf: IsoDate): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : new Date(0);
}

/**
 * Draws (or, dry, only measures) with sizes multiplied by the page's scale. All text goes through
 * `text`, which cuts it to its width, so it is one line wherever it is drawn.
 */
class Painter {
  /** renderable() per font, by text. */
  private readonly substituted = new Map<object, Map<string, string>>();

  constructor(
    readonly doc: Doc,
    readonly s: number,
    readonly dry: boolean,
  ) {}

  use(face: Face, size: number): this {
    this.doc.font(face).fontSize(size * this.s);
    return this;
  }

  /** The height of one line in the current font (with room for stacked Vietnamese marks). */
  lh(): number {
    return this.doc.currentLineHeight() * 1.08;
  }

  width(text: string): number {
    return this.doc.widthOfString(this.renderable(text));
  }

  /**
   * `text` with every grapheme the current font has no glyph for shown as "�". pdfkit 0.20 writes
   * the missing-glyph box at the wrong width (unscaled), so it would overrun what was measured.
   */
  renderable(text: string): string {
    const font = (this.doc as unknown as { _font?: { font?: Partial<GlyphCoverage> } })._font?.font;
    const has = font?.hasGlyphForCodePoint?.bind(font);
    if (!font || !has || [...text].every((ch) => has(ch.codePointAt(0) ?? 0))) return text;
    let memo = this.substituted.get(font);
    if (!memo) this.substituted.set(font, (memo = new Map<string, string>()));
    const known = memo.get(text);
    if (known !== undefined) return known;
    const shown = graphemes(text)
      .map((g) => {
        const kept = [...g].filter((ch) => has(ch.codePointAt(0) ?? 0) || !IGNORABLE.test(ch));
        return kept.every((ch) => has(ch.codePointAt(0) ?? 0)) ? kept.join("") : REPLACEMENT;
      })
      .join("");
    memo.set(text, shown);
    return shown;
  }

  /** `text` cut to `width` with an ellipsis (whole graphemes; the longest prefix that fits). */
  fit(text: string, width: number): string {
    const t = this.renderable(cleanText(text));
    if (t === "" || this.width(t) <= width) return t;
    const g = graphemes(t);
    let lo = 0;
    let hi = g.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.width(g.slice(0, mid).join("").trimEnd() + ELLIPSIS) <= width) lo = mid;
      else hi = mid - 1;
    }
    if (lo === 0) return this.width(ELLIPSIS) <= width ? ELLIPSIS : "";
    return g.slice(0, lo).join("").trimEnd() + ELLIPSIS;
  }

  /** Greedy word wrap to at most `maxLines` lines; the last one takes the rest, cut with "…". */
  wrap(text: string, width: number, maxLines: number): string[] {
    const words = this.renderable(cleanText(text))
      .split(" ")
      .filter((w) => w !== "");
    const lines: string[] = [];
    let i = 0;
    while (i < words.length && lines.length < maxLines) {
      if (lines.length === maxLines - 1) {
        lines.push(this.fit(words.slice(i).join(" "), width));
        break;
      }
      let line = words[i++] ?? "";
      while (i < words.length && this.width(`${line} ${words[i] ?? ""}`) <= width) {
        line += ` ${words[i++] ?? ""}`;
      }
      lines.push(this.fit(line, width));
    }
    return lines;
  }

  /** One line of text in the box [x, x + width], top at y. Returns the text's drawn width. */
  text(text: string, x: number, y: number, width: number, align: Align, color = BLACK): number {
    const t = this.fit(text, width);
    const w = this.width(t);
    if (!this.dry && t !== "") {
      const dx = align === "left" ? 0 : align === "right" ? width - w : (width - w) / 2;
      this.doc.fillColor(color).text(t, x + Math.max(0, dx), y, { lineBreak: false });
    }
    return w;
  }

  /** Already-fitted lines, one under the other. Returns the height used. */
  lines(
    lines: readonly string[],
    x: number,
    y: number,
    width: number,
    align: Align,
    color = BLACK,
  ): number {
    const lh = this.lh();
    lines.forEach((l, i) => this.text(l, x, y + i * lh, width, align, color));
    return lines.length * lh;
  }

  hline(x1: number, x2: number, y: number, color = BLACK, lineWidth = 0.5): void {
    if (this.dry) return;
    this.doc
      .save()
      .lineWidth(lineWidth)
      .strokeColor(color)
      .moveTo(x1, y)
      .lineTo(x2, y)
      .stroke()
      .restore();
  }

  vline(x: number, y1: number, y2: number, color = BLACK, lineWidth = 0.5): void {
    if (this.dry) return;
    this.doc
      .save()
      .lineWidth(lineWidth)
      .strokeColor(color)
      .moveTo(x, y1)
      .lineTo(x, y2)
      .stroke()
      .restore();
  }

  fill(x: number, y: number, w: number, h: number, color: string): void {
    if (this.dry || w <= 0 || h <= 0) return;
    this.doc.save().rect(x, y, w, h).fillColor(color).fill().restore();
  }

  box(x: number, y: number, w: number, h: number, color: string, lineWidth = 0.5): void {
    if (this.dry) return;
    this.doc.save().lineWidth(lineWidth).strokeColor(color).rect(x, y, w, h).stroke().restore();
  }
}

// ——— blocks: each takes the top y and returns the bottom y ———

function header(p: Painter, r: SummaryReport, y0: number): number {
  const s = p.s;
  if (r.motto) {
    // The motto column is as wide as the motto needs; the agency gets the rest (40–50 %).
    p.use("B", MOTTO_SIZE);
    const mottoW = Math.max(p.width(cleanText(r.motto[0])), p.width(cleanText(r.motto[1])) * 1.1);
    const leftW = Math.min(WIDTH * 0.5, Math.max(WIDTH * 0.4, WIDTH - mottoW - 16));
    const rightX = LEFT + leftW;
    const rightW = WIDTH - leftW;
    // Left: the issuing agency, centred in its column, with a short rule under it; on one line
    // when a slightly smaller size allows, else wrapped.
    p.use("B", MOTTO_SIZE);
    const agencyW = p.width(cleanText(r.agency));
    const room = leftW - 20;
    p.use("B", agencyW <= room ? MOTTO_SIZE : Math.max(9.5, (MOTTO_SIZE * room) / agencyW));
    const agency = p.wrap(r.agency, room, 3);
    let yl = y0 + p.lines(agency, LEFT, y0, leftW, "center");
    const last = p.width(agency[agency.length - 1] ?? "");
    const rule = Math.max(30, last * 0.4);
    yl += 3 * s;
    p.hline(LEFT + (leftW - rule) / 2, LEFT + (leftW + rule) / 2, yl, BLACK, 0.6);
    // The number and symbol, centred under the agency (regular, as the decree sets it).
    yl += 6 * s;
    p.use("R", 10);
    yl += p.lines([r.number], LEFT, yl, leftW, "center");

    // Right: the national motto; the slogan underlined by a rule of its own length.
    let motto1 = MOTTO_SIZE;
    p.use("B", motto1);
    const w1 = p.width(r.motto[0]);
    if (w1 > rightW) motto1 *= rightW / w1;
    p.use("B", motto1);
    let yr = y0 + p.lines([r.motto[0]], rightX, y0, rightW, "center");
    p.use("B", motto1 + 1);
    yr += p.lines([r.motto[1]], rightX, yr, rightW, "center");
    const w2 = Math.min(rightW, p.width(cleanText(r.motto[1])));
    yr += 2 * s;
    p.hline(rightX + (rightW - w2) / 2, rightX + (rightW + w2) / 2, yr, BLACK, 0.6);
    yr += 8 * s;
    p.use("I", 10);
    yr += p.lines([r.placeDate], rightX, yr, rightW, "center");
    return Math.max(yl, yr);
  }
  // English: agency left, place/date right, a rule under both.
  const leftW = WIDTH * 0.55;
  p.use("B", 11);
  let yl = y0 + p.lines(p.wrap(r.agency, leftW - 8, 2), LEFT, y0, leftW - 8, "left");
  p.use("R", 9.5);
  yl += p.lines([r.number], LEFT, yl, leftW - 8, "left");
  p.use("I", 10);
  const yr = y0 + p.lines([r.placeDate], LEFT + leftW, y0, WIDTH - leftW, "right");
  const y = Math.max(yl, yr) + 4 * s;
  p.hline(LEFT, RIGHT, y, GRID, 0.5);
  return y;
}

function titleBlock(p: Painter, r: SummaryReport, y0: number): number {
  const s = p.s;
  p.use("B", 15);
  let y = y0 + p.lines([r.title], LEFT, y0, WIDTH, "center");
  y += 2 * s;
  p.use("B", 11);
  const sub = p.wrap(r.subtitle, WIDTH * 0.9, 3);
  y += p.lines(sub, LEFT, y, WIDTH, "center");
  p.use("I", 9.5);
  y += 1 * s + p.lines(p.wrap(r.periodLine, WIDTH * 0.95, 2), LEFT, y + 1 * s, WIDTH, "center");
  y += 4 * s;
  const rule = Math.max(40, Math.min(...sub.map((l) => p.width(l))) * 0.35);
  p.hline(LEFT + (WIDTH - rule) / 2, LEFT + (WIDTH + rule) / 2, y, BLACK, 0.6);
  return y;
}

/** "a / b" as one line, or split after the slash. */
function valueParts(value: string): string[] {
  const v = cleanText(value);
  const at = v.indexOf(" / ");
  return at > 0 ? [v, v.slice(0, at + 2), v.slice(at + 3)] : [v];
}

const VALUE_SIZE = 12.5;
const LABEL_SIZE = 8;

function headline(p: Painter, r: SummaryReport, y0: number): number {
  const s = p.s;
  const items = r.headline.slice(0, 6);
  if (items.length === 0) return y0;
  const gap = 8;
  const padX = 6;
  const padY = 6 * s;
  const avail = WIDTH - gap * (items.length - 1);
  // Each box as wide as its label and (split) value need; the rest shared out evenly.
  const needs = items.map((h) => {
    const parts = valueParts(h.value);
    p.use("B", VALUE_SIZE);
    const split =
      parts.length > 1
        ? Math.max(p.width(parts[1] ?? ""), p.width(parts[2] ?? ""))
        : p.width(parts[0] ?? "");
    p.use("R", LABEL_SIZE);
    return { full: p.width(parts[0] ?? ""), split, label: p.width(cleanText(h.label)) };
  });
  // A label may take two lines (a little over half its width each); a value, one (or two at "/").
  const need = needs.map(
    (n) => Math.max(n.split, Math.min(n.label * 0.6, avail / items.length)) + 2 * padX,
  );
  const total = need.reduce((a, b) => a + b, 0);
  const widths =
    total <= avail
      ? need.map((w) => w + (avail - total) / items.length)
      : need.map(() => avail / items.length);
  // One value size for all boxes: the largest at which every value fits (one line, or split at "/").
  let valueSize = VALUE_SIZE;
  needs.forEach((n, i) => {
    const inner = (widths[i] ?? 0) - 2 * padX;
    const w = n.full <= inner ? n.full : n.split;
    if (w > inner) valueSize = Math.min(valueSize, (VALUE_SIZE * inner) / w);
  });
  valueSize = Math.max(8, valueSize);

  const laid = items.map((h, i) => {
    const inner = (widths[i] ?? 0) - 2 * padX;
    p.use("R", LABEL_SIZE);
    const label = p.wrap(h.label, inner, 2);
    const labelH = label.length * p.lh();
    p.use("B", valueSize);
    const parts = valueParts(h.value);
    const value =
      p.width(parts[0] ?? "") <= inner || parts.length === 1 ? [parts[0] ?? ""] : parts.slice(1);
    return { h, inner, label, labelH, value, valueH: value.length * p.lh() };
  });
  const labelH = Math.max(...laid.map((l) => l.labelH));
  const height = padY + labelH + 3 * s + Math.max(...laid.map((l) => l.valueH)) + padY;
  let x = LEFT;
  laid.forEach((l, i) => {
    const w = widths[i] ?? 0;
    p.fill(x, y0, w, height, l.h.alert ? "#FBEFEF" : "#F7F9FC");
    p.box(x, y0, w, height, l.h.alert ? ALERT : LIGHT_GREY, 0.6);
    p.use("R", LABEL_SIZE);
    p.lines(l.label, x + padX, y0 + padY, l.inner, "left", GREY);
    p.use("B", valueSize);
    p.lines(
      l.value,
      x + padX,
      y0 + padY + labelH + 3 * s,
      l.inner,
      "left",
      l.h.alert ? ALERT : BLACK,
    );
    x += w + gap;
  });
  return y0 + height;
}

function sectionTitle(p: Painter, title: string, x: number, y: number, width: number): number {
  p.use("B", 9.5);
  return y + p.lines([title], x, y, width, "left") + 2 * p.s;
}

interface Column {
  readonly header: string;
  readonly align: Align;
  /** Minimum width, or a share of the width left after the minimums. */
  readonly min: number;
  readonly grow: number;
}

interface TableStyle {
  readonly size: number;
  readonly boldLastRow: boolean;
  readonly headerLines: number;
}

/** A grid table with a grey header row; every cell is one line, cut to its column. */
function table(
  p: Painter,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  y0: number,
  style: TableStyle,
): number {
  const s = p.s;
  const padX = 3;
  const padY = 2.5 * s;
  const minSum = columns.reduce((a, c) => a + c.min, 0);
  const growSum = columns.reduce((a, c) => a + c.grow, 0) || 1;
  const free = Math.max(0, WIDTH - minSum);
  const shrink = minSum > WIDTH ? WIDTH / minSum : 1;
  const widths = columns.map((c) => c.min * shrink + (free * c.grow) / growSum);
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w), LEFT);

  p.use("B", style.size - 0.5);
  const headerLines = columns.map((c, i) =>
    p.wrap(c.header, (widths[i] ?? 0) - 2 * padX, style.headerLines),
  );
  const headH = Math.max(1, ...headerLines.map((l) => l.length)) * p.lh() + 2 * padY;
  p.fill(LEFT, y0, WIDTH, headH, HEADER_FILL);
  headerLines.forEach((lines, i) => {
    const x = (xs[i] ?? LEFT) + padX;
    const w = (widths[i] ?? 0) - 2 * padX;
    const top = y0 + (headH - lines.length * p.lh()) / 2;
    p.lines(lines, x, top, w, "center");
  });
  let y = y0 + headH;
  const rowTops: number[] = [y0, y];
  rows.forEach((row, r) => {
    const bold = style.boldLastRow && r === rows.length - 1;
    p.use(bold ? "B" : "R", style.size);
    const h = p.lh() + 2 * padY;
    if (bold) p.fill(LEFT, y, WIDTH, h, TOTAL_FILL);
    columns.forEach((c, i) => {
      p.text(row[i] ?? "", (xs[i] ?? LEFT) + padX, y + padY, (widths[i] ?? 0) - 2 * padX, c.align);
    });
    y += h;
    rowTops.push(y);
  });
  for (const ty of rowTops) p.hline(LEFT, RIGHT, ty, GRID, 0.4);
  for (const x of [...xs, RIGHT]) p.vline(x, y0, y, GRID, 0.4);
  return y;
}

/** Minimum column width: its widest cell, and its header on at most two lines. */
function minWidth(
  p: Painter,
  header: string,
  cells: readonly string[],
  size: number,
  cap: number,
): number {
  p.use("B", size - 0.5);
  // The narrowest split of the header's words into two lines.
  const words = p.renderable(cleanText(header)).split(" ");
  let word = p.width(words.join(" "));
  for (let k = 1; k < words.length; k++) {
    const split = Math.max(p.width(words.slice(0, k).join(" ")), p.width(words.slice(k).join(" ")));
    word = Math.min(word, split);
  }
  p.use("B", size);
  const cell = Math.max(0, ...cells.map((c) => p.width(cleanText(c))));
  return Math.min(cap, Math.max(word, cell)) + 6 + 1;
}

function quarterTable(p: Painter, r: SummaryReport, y0: number): number {
  const size = 8.5;
  const header = r.quarterTable.header;
  const all = r.quarterTable.rows;
  const rows =
    all.length > MAX_TABLE_ROWS ? [...all.slice(0, MAX_TABLE_ROWS - 1), all[all.length - 1]!] : all;
  const grid = rows.map((row) => [row.label, ...row.cells]);
  const n = Math.max(header.length, ...grid.map((g) => g.length));
  const columns: Column[] = [];
  for (let i = 0; i < n; i++) {
    const cells = grid.map((g) => g[i] ?? "");
    columns.push({
      header: header[i] ?? "",
      align: i === 0 ? "left" : "right",
      min: minWidth(p, header[i] ?? "", cells, size, WIDTH / 4),
      grow: 1,
    });
  }
  return table(p, columns, grid, y0, { size, boldLastRow: true, headerLines: 2 });
}

function niceStep(max: number): number {
  if (max <= 0) return 1;
  for (let e = 0; ; e++) {
    for (const m of [1, 2, 5]) {
      const step = m * 10 ** e;
      if (max / step <= 5) return step;
    }
  }
}

function formatNumber(v: number, lang: SummaryReport["lang"]): string {
  const t = Number.isInteger(v) ? String(v) : v.toFixed(1);
  return lang === "vi" ? t.replace(".", ",") : t;
}

function chart(p: Painter, r: SummaryReport, x0: number, y0: number, width: number): number {
  const s = p.s;
  let y = sectionTitle(p, r.chart.title, x0, y0, width);
  // Legend.
  p.use("R", 7.5);
  const lh = p.lh();
  const sw = 8 * s;
  let lx = x0;
  const legendW = width / r.chart.legend.length - sw - 3 - 12;
  r.chart.legend.forEach((label, i) => {
    p.fill(lx, y + (lh - sw) / 2, sw, sw, i === 0 ? PLANNED : DONE);
    const w = p.text(label, lx + sw + 3, y, legendW, "left");
    lx += sw + 3 + w + 12;
  });
  y += lh + 4 * s;

  const bars = r.chart.bars.slice(0, 8);
  const max = Math.max(0, ...bars.flatMap((b) => [b.planned, b.done]).filter(Number.isFinite));
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= top + 1e-9; t += step) ticks.push(t);
  p.use("R", 7);
  const tickLh = p.lh();
  const axisW = Math.max(...ticks.map((t) => p.width(formatNumber(t, r.lang)))) + 4;
  const plotX = x0 + axisW;
  const plotW = width - axisW - 2;
  const plotTop = y + tickLh / 2 + 6 * s;
  const plotH = 130 * s;
  const plotBottom = plotTop + plotH;
  const yOf = (v: number): number => plotBottom - (Math.max(0, Math.min(v, top)) / top) * plotH;

  for (const t of ticks) {
    const ty = yOf(t);
    p.hline(plotX, plotX + plotW, ty, t === 0 ? BLACK : "#D9D9D9", t === 0 ? 0.6 : 0.4);
    p.text(formatNumber(t, r.lang), x0, ty - tickLh / 2, axisW - 3, "right", GREY);
  }
  p.vline(plotX, plotTop, plotBottom, BLACK, 0.6);

  const group = bars.length > 0 ? plotW / bars.length : plotW;
  const barW = Math.min(group * 0.3, 24);
  bars.forEach((b, i) => {
    const cx = plotX + group * (i + 0.5);
    const pairs: [number, string][] = [
      [b.planned, PLANNED],
      [b.done, DONE],
    ];
    pairs.forEach(([v, color], k) => {
      const bx = cx - barW - 1 + k * (barW + 2);
      const value = Number.isFinite(v) ? v : 0;
      const by = yOf(value);
      p.fill(bx, by, barW, plotBottom - by, color);
      p.use("R", 6.5);
      p.text(formatNumber(value, r.lang), bx - 4, by - p.lh() - 1 * s, barW + 8, "center", GREY);
    });
    p.use("R", 7.5);
    p.text(b.label, cx - group / 2, plotBottom + 3 * s, group, "center");
  });
  p.use("R", 7.5);
  return plotBottom + 3 * s + p.lh();
}

/** A titled list of label/value rows (budget, quotas); a row's note goes under it in italics. */
function listBlock(
  p: Painter,
  title: string,
  entries: SummaryReport["budget"],
  x0: number,
  y0: number,
  width: number,
): number {
  const s = p.s;
  let y = sectionTitle(p, title, x0, y0, width);
  p.hline(x0, x0 + width, y, GRID, 0.6);
  for (const b of entries.slice(0, MAX_LIST_ROWS)) {
    p.use("B", 9);
    const valueW = Math.min(width * 0.6, p.width(cleanText(b.value)));
    p.use("R", 9);
    const h = p.lh() + 6 * s;
    const color = b.alert ? ALERT : BLACK;
    p.text(b.label, x0, y + 3 * s, width - valueW - 6, "left", b.alert ? ALERT : GREY);
    p.use("B", 9);
    p.text(b.value, x0 + width - valueW, y + 3 * s, valueW, "right", color);
    y += h;
    if (b.note) {
      p.use("I", 8.5);
      y += p.lines(p.wrap(b.note, width, 2), x0, y - 2 * s, width, "left") - 1 * s;
    }
    p.hline(x0, x0 + width, y, "#D9D9D9", 0.4);
  }
  return y;
}

function slippedBlock(p: Painter, r: SummaryReport, y0: number): number {
  const s = p.s;
  let y = sectionTitle(p, r.slippedTitle, LEFT, y0, WIDTH);
  const size = 8.5;
  const rows = r.slipped
    .slice(0, MAX_SLIPPED_ROWS)
    .map((o) => [o.title, o.planQuarter, o.due, o.state, o.unit]);
  if (rows.length > 0) {
    const h = r.slippedHeader;
    const col = (i: number): string[] => rows.map((row) => row[i] ?? "");
    const columns: Column[] = [
      { header: h[0] ?? "", align: "left", min: 60, grow: 6 },
      {
        header: h[1] ?? "",
        align: "left",
        min: minWidth(p, h[1] ?? "", col(1), size, 70),
        grow: 0,
      },
      {
        header: h[2] ?? "",
        align: "center",
        min: minWidth(p, h[2] ?? "", col(2), size, 60),
        grow: 0,
      },
      { header: h[3] ?? "", align: "left", min: 60, grow: 4 },
      { header: h[4] ?? "", align: "left", min: 40, grow: 2 },
    ];
    y = table(p, columns, rows, y, { size, boldLastRow: false, headerLines: 2 });
  }
  if (r.slippedMore !== null) {
    y += 2 * s;
    p.use("I", 8.5);
    y += p.lines([r.slippedMore], LEFT, y, WIDTH, "left", GREY);
  }
  return y;
}

function closing(p: Painter, r: SummaryReport, y0: number): number {
  const s = p.s;
  const leftW = WIDTH * 0.5 - 8;
  const rightX = LEFT + WIDTH * 0.5 + 8;
  p.use("BI", 9);
  let yl = y0 + p.lines([r.recipientsTitle], LEFT, y0, leftW, "left");
  p.use("R", 8);
  yl += p.lines(r.recipients.slice(0, MAX_LIST_ROWS), LEFT, yl, leftW, "left");
  // The signer block: authority lines and title in bold capitals, room to sign, the name in bold.
  const w = RIGHT - rightX;
  p.use("B", 10);
  const head = [...r.signer.authority, r.signer.title]
    .filter((l) => cleanText(l) !== "")
    .slice(-MAX_SIGNER_LINES)
    .map((l) => p.fit(l, w));
  let yr = y0 + p.lines(head, rightX, y0, w, "center") + 46 * s;
  if (r.signer.name !== null) {
    p.use("B", 10);
    yr += p.lines([r.signer.name], rightX, yr, w, "center");
  }
  return Math.max(yl, yr);
}

function footer(p: Painter, r: SummaryReport): number {
  p.use("R", 6.5);
  const y = BOTTOM - p.lh();
  p.hline(LEFT, RIGHT, y - 3, "#D9D9D9", 0.4);
  p.text(r.footer, LEFT, y, WIDTH, "left", LIGHT_GREY);
  return y - 3;
}

/** Lays the whole page out at scale s; returns how far the body reaches and where it must end. */
function page(p: Painter, r: SummaryReport): { bottom: number; limit: number } {
  const s = p.s;
  const gap = 14 * s;
  let y = header(p, r, TOP);
  y = titleBlock(p, r, y + gap);
  y = headline(p, r, y + gap);
  y = quarterTable(p, r, y + gap);
  const chartW = WIDTH * 0.58;
  const budgetX = LEFT + chartW + 16;
  const yc = chart(p, r, LEFT, y + gap, chartW);
  const yb = listBlock(p, r.budgetTitle, r.budget, budgetX, y + gap, RIGHT - budgetX);
  y = Math.max(yc, yb);
  y = slippedBlock(p, r, y + gap);
  if (r.quotas.length > 0) y = listBlock(p, r.quotaTitle, r.quotas, LEFT, y + gap, WIDTH);
  y = closing(p, r, y + gap * 1.2);
  const limit = footer(p, r) - 4;
  return { bottom: y, limit };
}

/** Renders the report as a one-page A4 PDF. Same report and fonts → same bytes. */
export function renderReportPdf(report: SummaryReport, deps: PdfDeps): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    const created = reportDate(report.asOf);
    const doc = new deps.PDFDocument({
      size: "A4",
      layout: "portrait",
      // Positions are explicit; zero margins keep pdfkit from ever breaking text onto a new page.
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      compress: true,
      // No default font: pdfkit would load Helvetica, which cannot write Vietnamese.
      font: null as unknown as string,
      lang: report.lang === "vi" ? "vi-VN" : "en",
      displayTitle: true,
      info: {
        Title: cleanText(`${report.title} — ${report.subtitle}`),
        Author: cleanText(report.agency),
        Subject: cleanText(report.subtitle),
        Creator: "Plan Tracker",
        CreationDate: created,
        ModDate: created,
      },
    });
    const chunks: Uint8Array[] = [];
    let extraPages = 0;
    doc.on("pageAdded", () => void extraPages++);
    doc.on("data", (chunk: Uint8Array) => void chunks.push(chunk));
    doc.on("error", reject);
    doc.on("end", () => {
      if (extraPages > 0) {
        reject(new Error(`The report ran onto ${extraPages + 1} pages; it must fit on one.`));
        return;
      }
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      resolve(out);
    });

    try {
      doc.registerFont("R", deps.fonts.regular);
      doc.registerFont("B", deps.fonts.bold);
      doc.registerFont("I", deps.fonts.italic ?? deps.fonts.regular);
      doc.registerFont("BI", deps.fonts.boldItalic ?? deps.fonts.bold);
      doc.font("R");

      let scale = 1;
      for (;;) {
        const { bottom, limit } = page(new Painter(doc, scale, true), report);
        if (bottom <= limit) break;
        const next = Math.max(
          MIN_SCALE,
          Math.min(scale - 0.02, scale * ((limit - TOP) / (bottom - TOP))),
        );
        if (scale <= MIN_SCALE) {
          throw new Error("The report does not fit on one A4 page even with the smallest fonts.");
        }
        scale = next;
      }
      page(new Painter(doc, scale, false), report);
      doc.end();
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
