/** `plan-tracker check <workbook.xlsx> [--json] [--as-of] [--sheet] [--year]` */
import { basename } from "node:path";
import { checkJson, checkWorkbook } from "../../domain/check";
import { formatVnDate } from "../../domain/calendar";
import type { Lang } from "../../domain/diagnostics";
import { workbookData } from "../../adapters/exceljs/readWorkbook";
import { loadXlsx } from "../../node/readXlsx";
import { EXIT_VALIDATION, ExitError } from "../exitError";
import { localToday, type CliIo } from "../io";
import { parseAsOf, parseYear } from "../options";

export interface CheckArgs {
  readonly workbook: string;
  readonly json?: boolean;
  readonly asOf?: string;
  readonly sheet?: string;
  readonly year?: string;
  readonly lang: Lang;
}

export async function checkCommand(args: CheckArgs, io: CliIo): Promise<void> {
  const asOf = parseAsOf(args.asOf);
  const planYear = parseYear(args.year);
  const { workbook } = await loadXlsx(args.workbook);
  const result = checkWorkbook(workbookData(workbook), {
    today: localToday(io),
    asOf,
    planYear,
    sheet: args.sheet ?? null,
  });

  if (args.json) {
    io.stdout(`${JSON.stringify(checkJson(result, args.workbook, args.lang), null, 2)}\n`);
  } else {
    const lang = args.lang;
    const { plan, summary } = result;
    io.stdout(
      lang === "vi"
        ? `${basename(args.workbook)} — trang "${plan.sheet}", tiêu đề ở hàng ${plan.header.headerRow}, năm kế hoạch ${plan.planYear ?? "?"}, tính đến ${formatVnDate(result.asOf)}\n`
        : `${basename(args.workbook)} — sheet "${plan.sheet}", header on row ${plan.header.headerRow}, plan year ${plan.planYear ?? "?"}, as of ${formatVnDate(result.asOf)}\n`,
    );
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
