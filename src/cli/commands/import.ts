/** `plan-tracker import <plan.txt|plan.docx> [-o plan.xlsx] [--year N]` */
import { extname } from "node:path";
import ExcelJS from "exceljs";
import { PlanTrackerError, type Bilingual, type Lang } from "../../domain/diagnostics";
import { parsePlanDocument, type PlanDocument } from "../../domain/planDocument";
import { parsePlanDocx, sourceIssue, type PlanSource } from "../../domain/planDocx";
import { planWorkbookLayout } from "../../domain/planWorkbook";
import { applyLayout } from "../../adapters/exceljs/applyLayout";
import { readDocx } from "../../node/docxText";
import { readFileBytes } from "../../node/readXlsx";
import { writeXlsx } from "../../node/writeXlsx";
import { fileExists, sameFile } from "../../node/atomicWrite";
import type { CliIo } from "../io";
import { parseYear } from "../options";

export interface ImportArgs {
  readonly plan: string;
  readonly output?: string;
  readonly year?: string;
  readonly force?: boolean;
  readonly lang: Lang;
}

/** Plain text as people save it: UTF-8 (with or without BOM) or UTF-16 from Notepad. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString("utf16le");
  }
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export async function readPlanDocument(path: string): Promise<{
  document: PlanDocument;
  warnings: Bilingual[];
  /** Where a .docx's items came from (its tables or its text); null for plain text. */
  source: PlanSource | null;
}> {
  const bytes = await readFileBytes(path);
  const ext = extname(path).toLowerCase();
  if (ext === ".docx") {
    const { document, issues, source } = parsePlanDocx(await readDocx(bytes));
    const fatal = issues.find((i) => i.severity === "error");
    if (fatal) throw new PlanTrackerError(fatal.code, fatal.text);
    return { document, warnings: issues.map((i) => i.text), source };
  }
  let text: string;
  if (ext === ".txt" || ext === ".md" || ext === "") text = decodeText(bytes);
  else {
    throw new PlanTrackerError("import.unsupported", {
      vi: `Không nhập được "${path}": chỉ đọc văn bản .txt hoặc Word .docx. Với .doc hoặc .pdf, mở bằng Word và lưu thành .docx.`,
      en: `Cannot import "${path}": only .txt text or Word .docx is read. For .doc or .pdf, open it in Word and save it as .docx.`,
    });
  }
  const { document, issues } = parsePlanDocument(text);
  const fatal = issues.find((i) => i.severity === "error");
  if (fatal) throw new PlanTrackerError(fatal.code, fatal.text);
  return { document, warnings: issues.map((i) => i.text), source: null };
}

export function defaultOutput(input: string): string {
  const ext = extname(input);
  return `${ext ? input.slice(0, -ext.length) : input}.xlsx`;
}

export async function importCommand(
  args: ImportArgs,
  io: CliIo,
): Promise<{ output: string; items: number }> {
  const year = parseYear(args.year);
  const { document: doc, warnings, source } = await readPlanDocument(args.plan);
  const output = args.output ?? defaultOutput(args.plan);
  if (await sameFile(output, args.plan)) {
    throw new PlanTrackerError("usage.output-is-input", {
      vi: `"${output}" là chính văn bản kế hoạch đang đọc: công cụ không ghi đè lên nó, kể cả với --force. Chọn tên khác với -o, ví dụ -o ke-hoach.xlsx.`,
      en: `"${output}" is the plan document being read: the tool does not write over it, even with --force. Choose another name with -o, e.g. -o plan.xlsx.`,
    });
  }
  if (!args.force && (await fileExists(output))) {
    throw new PlanTrackerError("import.output-exists", {
      vi: `"${output}" đã có; công cụ không ghi đè tệp của bạn. Chọn tên khác với -o, hoặc thêm --force để ghi đè.`,
      en: `"${output}" already exists; the tool does not overwrite your files. Choose another name with -o, or add --force to overwrite.`,
    });
  }
  const wb = new ExcelJS.Workbook();
  applyLayout(wb, planWorkbookLayout(doc, year));
  await writeXlsx(output, wb);
  for (const w of warnings) io.stderr(`${w[args.lang]}\n`);
  io.stdout(
    args.lang === "vi"
      ? `Đã nhập ${doc.items.length} mục từ "${args.plan}" vào "${output}".\n`
      : `Imported ${doc.items.length} items from "${args.plan}" into "${output}".\n`,
  );
  if (source !== null) io.stdout(`  ${sourceIssue(source).text[args.lang]}\n`);
  for (const item of doc.items) {
    if (!item.recurring) continue;
    const lines = item.recurring.lines.join(", ");
    io.stdout(
      args.lang === "vi"
        ? `  Nhiệm vụ định kỳ (${item.periodText.toLowerCase()}): "${item.title}"${item.unit ? ` — ${item.unit}` : ""} (văn bản dòng ${lines}).\n`
        : `  Recurring duty (${item.periodText}): "${item.title}"${item.unit ? ` — ${item.unit}` : ""} (text lines ${lines}).\n`,
    );
  }
  return { output, items: doc.items.length };
}
