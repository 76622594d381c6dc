/**
 * The Node side of the leaders' PDF: Tinos from the `@expo-google-fonts/tinos` package — Google's
 * font metric-compatible with Times New Roman (Liberation Serif 2 is built from it), the typeface
 * Nghị định 30/2020/NĐ-CP asks of administrative documents, with every Vietnamese diacritic and
 * "₫" (pdfkit's built-in Times and Helvetica garble them) — and pdfkit itself.
 */
import { promises as fs } from "node:fs";
import { dirname, join } from "node:path";
import PDFDocument from "pdfkit";
import type { SummaryReport } from "../domain/summary/report";
import { renderReportPdf, type PdfDeps } from "../report/pdf";

/** The package's TTF files, by face (also copied into the task pane's fonts/ by webpack). */
export const REPORT_FONT_FILES = {
  regular: "400Regular/Tinos_400Regular.ttf",
  bold: "700Bold/Tinos_700Bold.ttf",
  italic: "400Regular_Italic/Tinos_400Regular_Italic.ttf",
  boldItalic: "700Bold_Italic/Tinos_700Bold_Italic.ttf",
} as const;

export const REPORT_FONT_PACKAGE = "@expo-google-fonts/tinos";

let cached: Promise<PdfDeps["fonts"]> | null = null;

async function readFonts(): Promise<PdfDeps["fonts"]> {
  const dir = dirname(require.resolve(`${REPORT_FONT_PACKAGE}/package.json`));
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
    read(REPORT_FONT_FILES.regular),
    read(REPORT_FONT_FILES.bold),
    read(REPORT_FONT_FILES.italic),
    read(REPORT_FONT_FILES.boldItalic),
  ]);
  return { regular, bold, italic, boldItalic };
}

/** Tinos regular, bold, italic and bold italic (read once per process). */
export function loadReportFonts(): Promise<PdfDeps["fonts"]> {
  if (!cached) {
    cached = readFonts();
    cached.catch(() => (cached = null));
  }
  return cached;
}

/** The one-page A4 report as PDF bytes, rendered with pdfkit and Tinos. */
export async function renderReportPdfNode(report: SummaryReport): Promise<Uint8Array> {
  return renderReportPdf(report, { PDFDocument, fonts: await loadReportFonts() });
}
