/**
 * The Node side of the leaders' PDF: DejaVu Sans from the `dejavu-fonts-ttf` package (every
 * Vietnamese diacritic and "₫"; pdfkit's built-in Helvetica garbles them) and pdfkit itself.
 */
import { promises as fs } from "node:fs";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import type { SummaryReport } from "../domain/summary/report";
import { renderReportPdf, type PdfDeps } from "../report/pdf";

const FONT_FILES = {
  regular: "DejaVuSans.ttf",
  bold: "DejaVuSans-Bold.ttf",
  italic: "DejaVuSans-Oblique.ttf",
  boldItalic: "DejaVuSans-BoldOblique.ttf",
} as const;

let cached: Promise<PdfDeps["fonts"]> | null = null;

async function readFonts(): Promise<PdfDeps["fonts"]> {
  const dir = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
  const read = async (file: string): Promise<Uint8Array> => {
    try {
      return await fs.readFile(join(dir, file));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new Error(
        `The report font ${file} is missing from ${dir} (${code}): reinstall with \`npm ci\`.`,
      );
    }
  };
  const [regular, bold, italic, boldItalic] = await Promise.all([
    read(FONT_FILES.regular),
    read(FONT_FILES.bold),
    read(FONT_FILES.italic),
    read(FONT_FILES.boldItalic),
  ]);
  return { regular, bold, italic, boldItalic };
}

/** DejaVu Sans regular, bold, oblique and bold oblique (read once per process). */
export function loadReportFonts(): Promise<PdfDeps["fonts"]> {
  if (!cached) {
    cached = readFonts();
    cached.catch(() => (cached = null));
  }
  return cached;
}

/** The one-page A4 report as PDF bytes, rendered with pdfkit and DejaVu Sans. */
export async function renderReportPdfNode(report: SummaryReport): Promise<Uint8Array> {
  return renderReportPdf(report, { PDFDocument, fonts: await loadReportFonts() });
}
