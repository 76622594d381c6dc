/** `plan-tracker check <workbook.xlsx> [--json] [--as-of] [--sheet] [--year]` */
import { basename } from "node:path";
import { checkJson, checkWorkbook, type CheckResult } from "../../domain/check";
import { csvRow } from "../../domain/csv";
import { parseColumnMap } from "../../domain/columnMap";
import { describeLayout } from "../../domain/tableLayout";
import { formatVnDate } from "../../domain/calendar";
import type { Lang } from "../../domain/diagnostics";
import { readWorkbookData } from "../../node/readXlsx";
import { EXIT_VALIDATION, ExitError } from "../exitError";
import { writeJson } from "../jsonOut";
import { localToday, type CliIo } from "../io";
import { parseAsOf, parseYear } from "../options";

export interface CheckArgs {
  readonly workbook: string;
  readonly json?: boolean;
  readonly csv?: boolean;
  readonly asOf?: string;
  readonly sheet?: string;
  readonly year?: string;
  /** "period=C,count=D" */
  readonly map?: string;
  readonly lang: Lang;
}

export async function checkCommand(args: CheckArgs, io: CliIo): Promise<void> {
  const asOf = parseAsOf(args.asOf);
  const planYear = parseYear(args.year);
  const { data } = await readWorkbookData(args.workbook, { notify: io.stderr, lang: args.lang });
  const result = checkWorkbook(data, {
    today: localToday(io),
    asOf,
    planYear,
    sheet: args.sheet ?? null,
    columnMap: args.map === undefined ? null : parseColumnMap(args.map),
  });

  if (args.json) {
    // Written in pieces: a big plan's JSON is never one giant string (jsonOut.ts).
    writeJson(checkJson(result, args.workbook, args.lang) as Record<string, unknown>, io.stdout);
  } else if (args.csv) {
    io.stdout(findingsCsv(result, args.lang));
  } else {
    const lang = args.lang;
    const { plan, summary } = result;
    io.stdout(
      lang === "vi"
        ? `${basename(args.workbook)} — trang "${plan.sheet}", tiêu đề ở hàng ${plan.header.headerRow}, năm kế hoạch ${plan.planYear ?? "?"}, tính đến ${formatVnDate(result.asOf)}\n`
        : `${basename(args.workbook)} — sheet "${plan.sheet}", header on row ${plan.header.headerRow}, plan year ${plan.planYear ?? "?"}, as of ${formatVnDate(result.asOf)}\n`,
    );
    for (const line of describeLayout(plan.header, plan.layout, lang)) io.stdout(`  ${line}\n`);
    for (const d of result.diagnostics) {
      const tag = {
        error: lang === "vi" ? "LỖI" : "ERROR",
        warning: lang === "vi" ? "CẢNH BÁO" : "WARNING",
        info: "INFO",
      }[d.severity];
      const fix = d.suggestion
        ? lang === "vi"
          ? ` → Đề xuất: "${d.suggestion}"`
          : ` → Suggestion: "${d.suggestion}"`
        : "";
      io.stdout(`  ${tag} [${d.code}] ${d.text[lang]}${fix}\n`);
    }
    io.stdout(
      lang === "vi"
        ? `${summary.items} mục, ${summary.errors} lỗi, ${summary.warnings} cảnh báo.\n`
        : `${summary.items} items, ${summary.errors} errors, ${summary.warnings} warnings.\n`,
    );
  }
  if (result.summary.errors > 0) throw new ExitError(EXIT_VALIDATION);
}

/**
 * The findings as CSV for a spreadsheet (one per line, with the cell's own text): every text
 * field goes through csvField, so a value like "=HYPERLINK(...)" opens as text (OWASP).
 */
export function findingsCsv(result: CheckResult, lang: Lang): string {
  const header =
    lang === "vi"
      ? ["Trang", "Ô", "Hàng", "Mức", "Mã", "Trường", "Giá trị", "Thông báo", "Đề xuất"]
      : ["Sheet", "Cell", "Row", "Severity", "Code", "Field", "Value", "Message", "Suggestion"];
  // A BOM so that Excel opens the UTF-8 (Vietnamese) text correctly.
  let out = `\ufeff${csvRow(header)}`;
  for (const d of result.diagnostics)
    out += csvRow([
      d.sheet,
      d.cell,
      d.row,
      d.severity,
      d.code,
      d.field,
      d.value,
      d.detail[lang],
      d.suggestion,
    ]);
  return out;
}
