/**
 * The demo tracker as a real spreadsheet engine renders it: LibreOffice Calc converts it to PDF
 * (evaluating the conditional formats, PT_AsOf and all), poppler rasterises it, and the fill
 * behind known rows is read from the pixels. The PNGs stay in test/browser/screenshots/
 * tracker-render/ (CI keeps that folder) for a person to look at.
 *
 * Requires libreoffice-calc and poppler-utils: without them this suite FAILS, telling what to
 * install; it never skips.
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { cli } from "../helpers/cli";
import {
  dominantFillInRow,
  findPhrase,
  isCloseTo,
  pdfText,
  pdfWords,
  pdfToPngs,
  readPng,
  requireTools,
  xlsxToPdf,
  type WordBox,
} from "../helpers/render";
import { tempDir } from "../helpers/xlsx";

jest.setTimeout(120_000);

const OUT = resolve(__dirname, "../browser/screenshots/tracker-render");
const DPI = 80;
const TOLERANCE = 12;

/** Rows of the demo (as of 20/09/2023) and the fill the workbook's rules must give them. */
const EXPECTED_FILLS: { what: string; phrase: string; hex: string }[] = [
  {
    what: "overdue row (due 30/06, in progress)",
    phrase: "Phát triển sản phẩm OCOP",
    hex: "FFC7CE",
  },
  { what: "due-soon row (due 30/09)", phrase: "Gương điển hình phụ nữ", hex: "FFEB9C" },
  { what: "aired row", phrase: "Đẩy mạnh trồng rừng", hex: "C6EFCE" },
  { what: "invalid period cell", phrase: "Quý VI/2023", hex: "F4B084" },
  // Control: no due date (invalid period), no status → no rule applies to its title cell.
  { what: "row no rule applies to", phrase: "Gương điển hình tiên tiến", hex: "FFFFFF" },
];

describe("LibreOffice renders the demo tracker with its colours", () => {
  const tmp = tempDir("pt-render-");
  afterAll(() => tmp.cleanup());
  let pdf = "";
  let pngs: string[] = [];
  let words: WordBox[] = [];

  beforeAll(async () => {
    requireTools(); // throws "… install libreoffice-calc poppler-utils …" when missing
    const r = await cli(["demo", "--out", tmp.dir]);
    if (r.code !== 0) throw new Error(`demo failed (${r.code}):\n${r.stderr}`);
    pdf = await xlsxToPdf(join(tmp.dir, "tracker.xlsx"), OUT);
    pngs = await pdfToPngs(pdf, OUT, DPI);
    words = await pdfWords(pdf);
  });

  it("LibreOffice and poppler are installed", () => {
    expect(() => requireTools()).not.toThrow();
  });

  it("converts to a PDF with the plan's Vietnamese text, one PNG per page", async () => {
    expect(statSync(pdf).size).toBeGreaterThan(1000);
    const text = await pdfText(pdf);
    for (const { phrase } of EXPECTED_FILLS) expect(text).toContain(phrase);
    expect(text).toContain("Đã phát sóng");
    expect(pngs.length).toBeGreaterThanOrEqual(1);
    for (const png of pngs) expect(existsSync(png)).toBe(true);
  });

  it.each(EXPECTED_FILLS)("$what ($phrase) is filled $hex", ({ phrase, hex }) => {
    const run = findPhrase(words, phrase);
    if (!run) throw new Error(`"${phrase}" is not in the PDF's text (see ${OUT})`);
    const first = run[0]!;
    const last = run[run.length - 1]!;
    const png = readPng(pngs[first.page - 1]!);
    const scale = DPI / 72; // bbox is in PDF points
    // The phrase's own box on its first line, 1 px inside: the cell's background outnumbers the
    // glyphs' (anti-aliased, many-coloured) pixels there.
    const lineEnd = run.filter((w) => w.yMin === first.yMin).pop() ?? last;
    const fill = dominantFillInRow(
      png,
      first.yMin * scale + 1,
      first.yMax * scale - 1,
      first.xMin * scale,
      lineEnd.xMax * scale,
    );
    const where = `page ${first.page} (${pngs[first.page - 1]}), y ${Math.round(first.yMin * scale)} px`;
    if (!isCloseTo(fill.colour, hex, TOLERANCE)) {
      throw new Error(
        `"${phrase}": fill ${fill.hex} (${Math.round(fill.share * 100)}% of the box), expected ${hex} ±${TOLERANCE} — ${where}`,
      );
    }
    // The fill must be the box's most common colour by a clear margin; glyphs take a larger share
    // when the sheet prints scaled to one page wide, so the bar is a fifth, not a half.
    expect(fill.share).toBeGreaterThan(0.2);
  });
});
