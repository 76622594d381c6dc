/** `plan-tracker summary <tracker.xlsx> [--pdf out.pdf] [--xlsx out.xlsx] [--as-of] [--period]` */
import { basename, dirname, extname, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { checkWorkbook, type CheckResult } from "../../domain/check";
import { PlanTrackerError, type Lang } from "../../domain/diagnostics";
import { periodLabel } from "../../domain/reportingPeriod";
import { reportPeriodWindow, summaryReport } from "../../domain/summary/report";
import { summaryWorkbookLayout } from "../../domain/summary/summaryWorkbook";
import { applyLayout } from "../../adapters/exceljs/applyLayout";
import { sameFile, writeFileAtomic } from "../../node/atomicWrite";
import { readWorkbookData } from "../../node/readXlsx";
import { renderReportPdfNode } from "../../node/reportFonts";
import { writeXlsx } from "../../node/writeXlsx";
import { localToday, type CliIo } from "../io";
import { parseAsOf, parsePeriodOption } from "../options";

export interface SummaryArgs {
  readonly tracker: string;
  readonly pdf?: string;
  readonly xlsx?: string;
  readonly asOf?: string;
  /** Q1|Q2|Q3|Q4|H1|9M|Y, any case; absent: the latest closed period as of the as-of date. */
  readonly period?: string;
  readonly lang: Lang;
}

export interface SummaryOutcome {
  readonly pdf: string | null;
  readonly xlsx: string | null;
  readonly check: CheckResult;
}

function sibling(input: string, suffix: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext).replace(/\.tracker$/, "")}.${suffix}`);
}

export async function summaryCommand(args: SummaryArgs, io: CliIo): Promise<SummaryOutcome> {
  const asOf = parseAsOf(args.asOf);
  const period = parsePeriodOption(args.period);
  const input = resolve(io.cwd, args.tracker);
  const { data } = await readWorkbookData(input, { notify: io.stderr, lang: args.lang });
  const check = checkWorkbook(data, { today: localToday(io), asOf });

  // Neither output named: write both next to the tracker.
  const both = args.pdf === undefined && args.xlsx === undefined;
  const pdf =
    args.pdf !== undefined
      ? resolve(io.cwd, args.pdf)
      : both
        ? sibling(input, "summary.pdf")
        : null;
  const xlsx =
    args.xlsx !== undefined
      ? resolve(io.cwd, args.xlsx)
      : both
        ? sibling(input, "summary.xlsx")
        : null;

  for (const out of [pdf, xlsx]) {
    if (out !== null && (await sameFile(out, input)))
      throw new PlanTrackerError("usage.output-is-input", {
        vi: `"${out}" là chính sổ theo dõi đang đọc: công cụ không ghi báo cáo đè lên nó. Chọn tên khác cho --pdf/--xlsx, ví dụ "${sibling(input, out === pdf ? "summary.pdf" : "summary.xlsx")}".`,
        en: `"${out}" is the tracker being read: the tool does not write the summary over it. Choose another name for --pdf/--xlsx, e.g. "${sibling(input, out === pdf ? "summary.pdf" : "summary.xlsx")}".`,
      });
  }

  if (pdf) {
    const bytes = await renderReportPdfNode(summaryReport(check, args.lang, { period }));
    await writeFileAtomic(pdf, bytes);
  }
  if (xlsx) {
    const out = new ExcelJS.Workbook();
    applyLayout(out, summaryWorkbookLayout(check, { period }));
    await writeXlsx(xlsx, out);
  }
  const wrote = [pdf, xlsx].filter((p): p is string => p !== null);
  const label = periodLabel(reportPeriodWindow(check, period), args.lang);
  io.stdout(
    args.lang === "vi"
      ? `Đã xuất báo cáo kết quả ${label} (tính đến ${check.asOf}): ${wrote.join(", ")}\n`
      : `Results report for ${label} written (as of ${check.asOf}): ${wrote.join(", ")}\n`,
  );
  // The recurring quotas the report states for the period.
  for (const q of summaryReport(check, args.lang, { period }).quotas)
    io.stdout(
      `  ${args.lang === "vi" ? "Chỉ tiêu định kỳ" : "Recurring quota"}: ${q.label}: ${q.value}\n`,
    );
  return { pdf, xlsx, check };
}
