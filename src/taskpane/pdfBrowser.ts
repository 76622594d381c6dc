/**
 * The leaders' PDF, made in the pane with the same report code as the CLI. pdfkit (standalone
 * build) and the DejaVu fonts are loaded only when the clerk asks for the PDF, so the pane opens
 * fast.
 */
import type { CheckResult } from "../domain/check";
import type { Lang } from "../domain/diagnostics";
import { summaryReport } from "../domain/summary/report";

const FONT_BASE = "fonts/";

async function fontBytes(name: string): Promise<Uint8Array> {
  const response = await fetch(`${FONT_BASE}${name}`);
  if (!response.ok) throw new Error(`font ${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function pdfInBrowser(check: CheckResult, lang: Lang): Promise<Uint8Array> {
  const [{ renderReportPdf }, pdfkit, regular, bold, italic, boldItalic] = await Promise.all([
    import(/* webpackChunkName: "report" */ "../report/pdf"),
    import(/* webpackChunkName: "pdfkit" */ "pdfkit-standalone"),
    fontBytes("DejaVuSans.ttf"),
    fontBytes("DejaVuSans-Bold.ttf"),
    fontBytes("DejaVuSans-Oblique.ttf"),
    fontBytes("DejaVuSans-BoldOblique.ttf"),
  ]);
  const PDFDocument = ((pdfkit as { default?: unknown }).default ??
    pdfkit) as typeof import("pdfkit");
  return renderReportPdf(summaryReport(check, lang), {
    PDFDocument,
    fonts: { regular, bold, italic, boldItalic },
  });
}
