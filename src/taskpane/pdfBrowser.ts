/**
 * The leaders' PDF, made in the pane with the same report code as the CLI. pdfkit (standalone
 * build) and the Tinos fonts are loaded only when the clerk asks for the PDF, so the pane opens
 * fast.
 */
import type { CheckResult } from "../domain/check";
import type { Lang } from "../domain/diagnostics";
import type { PeriodKey } from "../domain/reportingPeriod";
import { summaryReport } from "../domain/summary/report";

const FONT_BASE = "fonts/";

async function fontBytes(name: string): Promise<Uint8Array> {
  const response = await fetch(`${FONT_BASE}${name}`);
  if (!response.ok) throw new Error(`font ${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function pdfInBrowser(
  check: CheckResult,
  lang: Lang,
  period: PeriodKey | null = null,
): Promise<Uint8Array> {
  const [{ renderReportPdf }, pdfkit, regular, bold, italic, boldItalic] = await Promise.all([
    import(/* webpackChunkName: "report" */ "../report/pdf"),
    import(/* webpackChunkName: "pdfkit" */ "pdfkit-standalone"),
    fontBytes("Tinos_400Regular.ttf"),
    fontBytes("Tinos_700Bold.ttf"),
    fontBytes("Tinos_400Regular_Italic.ttf"),
    fontBytes("Tinos_700Bold_Italic.ttf"),
  ]);
  const PDFDocument = ((pdfkit as { default?: unknown }).default ??
    pdfkit) as typeof import("pdfkit");
  return renderReportPdf(summaryReport(check, lang, { period }), {
    PDFDocument,
    fonts: { regular, bold, italic, boldItalic },
  });
}
