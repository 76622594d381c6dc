/** `plan-tracker track <plan.xlsx> [-o tracker.xlsx] [--as-of] [--year] [--in-place] [--force-lossy]` */
import { basename, dirname, extname, join, resolve } from "node:path";
import { formatVnDate } from "../../domain/calendar";
import { PlanTrackerError, type Lang } from "../../domain/diagnostics";
import { columnLetter } from "../../domain/cell";
import { NO_COLUMN, parseColumnMap } from "../../domain/columnMap";
import { FIELD_LABELS, type FieldKey } from "../../domain/fields";
import { parseMoney } from "../../domain/money";
import { keptSheetText } from "../../domain/tracker/keptSheet";
import type { TrackSummary } from "../../domain/tracker/track";
import { fileExists, sameFile, writeFileAtomic } from "../../node/atomicWrite";
import { openForTrack } from "../../node/exceljsHost";
import { assertXlsxBytes, readFileBytes } from "../../node/readXlsx";
import { inspectPackage, type LossyPart } from "../../node/xlsxPackage";
import { writeXlsxBytes } from "../../node/writeXlsx";
import { toolVersion } from "../version";
import { localToday, type CliIo } from "../io";
import { parseAsOf, parseYear } from "../options";
import { startProgress } from "../progress";

export interface TrackArgs {
  readonly plan: string;
  readonly output?: string;
  readonly asOf?: string;
  readonly year?: string;
  readonly inPlace?: boolean;
  readonly forceLossy?: boolean;
  readonly force?: boolean;
  readonly allocation?: string;
  readonly agency?: string;
  /** "period=C,count=D", saved in the tracker; "none" forgets a saved map. */
  readonly map?: string;
  readonly lang: Lang;
}

export interface TrackOutcome {
  readonly output: string;
  readonly backup: string | null;
  readonly summary: TrackSummary;
}

/** plan.xlsx → plan.tracker.xlsx, next to the input. */
export function defaultTrackerPath(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}.tracker.xlsx`);
}

export function backupPath(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}.bak.xlsx`);
}

function lossyRefusal(file: string, parts: readonly LossyPart[]): PlanTrackerError {
  return new PlanTrackerError("track.lossy", {
    vi: `Không ghi lại "${file}": khi ghi bằng dòng lệnh, những phần sau sẽ bị mất: ${parts.map((p) => p.vi).join("; ")}. Hãy dùng add-in Plan Tracker trong Excel (sửa trực tiếp, không mất gì), hoặc chạy lại với --force-lossy nếu chấp nhận mất các phần đó (tệp gốc vẫn được giữ nguyên).`,
    en: `Not rewriting "${file}": a command-line rewrite would lose: ${parts.map((p) => p.en).join("; ")}. Use the Plan Tracker add-in in Excel (it edits in place and loses nothing), or run again with --force-lossy to accept the loss (your original file is kept).`,
  });
}

function parseAllocation(text: string | undefined): number | null {
  if (text === undefined) return null;
  const money = parseMoney(text);
  if (!money.value || money.value.perUnit || money.value.range) {
    throw new PlanTrackerError("usage.allocation", {
      vi: `--allocation "${text}" không đọc được: nhập số tiền bằng đồng, ví dụ --allocation 150000000 hoặc "150 triệu".`,
      en: `--allocation "${text}" cannot be read: give an amount in đồng, e.g. --allocation 150000000 or "150 triệu".`,
    });
  }
  return money.value.vnd;
}

export async function trackCommand(args: TrackArgs, io: CliIo): Promise<TrackOutcome> {
  const asOf = parseAsOf(args.asOf);
  const planYear = parseYear(args.year);
  const allocationVnd = parseAllocation(args.allocation);
  const columnMap = args.map === undefined ? null : parseColumnMap(args.map);
  const input = resolve(io.cwd, args.plan);
  if (args.inPlace && args.output && resolve(io.cwd, args.output) !== input) {
    throw new PlanTrackerError("usage.in-place-output", {
      vi: "--in-place ghi đè chính tệp đầu vào; không dùng cùng -o.",
      en: "--in-place rewrites the input file itself; do not combine it with -o.",
    });
  }
  const output = args.inPlace
    ? input
    : resolve(io.cwd, args.output ?? defaultTrackerPath(args.plan));
  if (!args.inPlace && (await sameFile(output, input))) {
    throw new PlanTrackerError("usage.output-is-input", {
      vi: "Tệp kết quả trùng tệp đầu vào: thêm --in-place nếu muốn cập nhật chính tệp này (công cụ giữ bản sao .bak.xlsx).",
      en: "The output is the input file: add --in-place to update this file itself (the tool keeps a .bak.xlsx copy).",
    });
  }
  if (!args.inPlace && !args.force && (await fileExists(output))) {
    throw new PlanTrackerError("track.output-exists", {
      vi: `"${output}" đã có; công cụ không ghi đè tệp của bạn. Để cập nhật sổ theo dõi đó, chạy: plan-tracker track "${output}" --in-place. Hoặc chọn tên khác với -o, hoặc thêm --force.`,
      en: `"${output}" already exists; the tool does not overwrite your files. To update that tracker, run: plan-tracker track "${output}" --in-place. Or choose another name with -o, or add --force.`,
    });
  }

  const progress = await startProgress(io, 3);
  try {
    progress.step("đọc / reading");
    const bytes = await readFileBytes(input);
    assertXlsxBytes(bytes, args.plan);
    // Refuse a lossy rewrite before exceljs parses anything: it is about the file, not the plan.
    const report = await inspectPackage(bytes, args.plan);
    if (report.lossy.length > 0 && !args.forceLossy) throw lossyRefusal(args.plan, report.lossy);
    // exceljs runs in a worker with a time and memory limit (exceljsHost.ts); the tracker is
    // built and written there, next to the workbook it changes (trackLoaded.ts).
    const workbook = await openForTrack(bytes, args.plan, { notify: io.stderr, lang: args.lang });
    let summary: TrackSummary;
    let tracker: Buffer;
    try {
      progress.step("kiểm tra, ghi / checking, writing");
      ({ bytes: tracker, summary } = await workbook.track({
        today: localToday(io),
        asOf,
        planYear,
        allocationVnd,
        agency: args.agency ?? null,
        toolVersion: toolVersion(),
        columnMap,
      }));
    } finally {
      await workbook.close();
    }
    let backup: string | null = null;
    if (args.inPlace) {
      backup = backupPath(input);
      // Atomic too: a run killed here must not leave a truncated backup over a good one.
      await writeFileAtomic(backup, bytes);
    }
    await writeXlsxBytes(output, tracker);
    progress.step("xong / done");
    progress.done();
    report.lossy.forEach((p) =>
      io.stderr(
        args.lang === "vi"
          ? `Đã bỏ (--force-lossy): ${p.vi}\n`
          : `Dropped (--force-lossy): ${p.en}\n`,
      ),
    );
    printSummary(io, args.lang, summary, output, backup);
    return { output, backup, summary };
  } finally {
    progress.done();
  }
}

function printSummary(
  io: CliIo,
  lang: Lang,
  r: TrackSummary,
  output: string,
  backup: string | null,
): void {
  const lines =
    lang === "vi"
      ? [
          backup ? `Đã cập nhật sổ theo dõi: ${output}` : `Đã tạo sổ theo dõi: ${output}`,
          `  ${r.items} mục, ${r.errors} lỗi, ${r.warnings} cảnh báo; tính đến ${formatVnDate(r.asOf)}: ${r.overdue} quá hạn, ${r.dueSoon} sắp đến hạn (14 ngày).`,
          ...(backup ? [`  Bản sao tệp gốc: ${backup}`] : []),
          ...(r.settingsCreated
            ? [`  Đã thêm trang "Cài đặt": điền kinh phí được giao và đơn giá nếu có.`]
            : []),
          ...(r.itemsSheet
            ? [
                `  Bảng theo kỳ: ${r.itemsSheet.items} mục, mỗi mục một hàng ở trang "${r.itemsSheet.name}" (nhập trạng thái, ngày phát sóng, thực chi ở đó; bảng kế hoạch giữ nguyên).`,
                ...(r.itemsSheet.orphans > 0
                  ? [
                      `  ${r.itemsSheet.orphans} hàng có thông tin theo dõi không còn ô tương ứng trong bảng kế hoạch: giữ lại ở cuối trang "${r.itemsSheet.name}".`,
                    ]
                  : []),
              ]
            : []),
          ...logLines(r, "vi"),
          ...r.keptEdited.map((k) => `  ${keptSheetText(k).vi}`),
          ...(r.tableSkipped
            ? [`  Không tạo bảng Excel (${r.tableSkipped}); các cột và quy tắc vẫn được thêm.`]
            : []),
          ...mapLines(r, "vi"),
          ...(r.errors > 0
            ? [`  Xem cột "Kiểm tra" hoặc chạy: plan-tracker check "${output}"`]
            : []),
        ]
      : [
          backup ? `Tracker updated: ${output}` : `Tracker written: ${output}`,
          `  ${r.items} items, ${r.errors} errors, ${r.warnings} warnings; as of ${formatVnDate(r.asOf)}: ${r.overdue} overdue, ${r.dueSoon} due within 14 days.`,
          ...(backup ? [`  Backup of the original: ${backup}`] : []),
          ...(r.settingsCreated
            ? [`  Added the "Cài đặt" (settings) sheet: fill in the allocation and rates if any.`]
            : []),
          ...(r.itemsSheet
            ? [
                `  Period matrix: ${r.itemsSheet.items} items, one row each on the "${r.itemsSheet.name}" sheet (enter status, air date and spending there; the plan sheet is left as it is).`,
                ...(r.itemsSheet.orphans > 0
                  ? [
                      `  ${r.itemsSheet.orphans} rows hold entries whose cell is no longer in the plan: kept at the end of "${r.itemsSheet.name}".`,
                    ]
                  : []),
              ]
            : []),
          ...logLines(r, "en"),
          ...r.keptEdited.map((k) => `  ${keptSheetText(k).en}`),
          ...(r.tableSkipped
            ? [`  No Excel table was made (${r.tableSkipped}); columns and rules were added.`]
            : []),
          ...mapLines(r, "en"),
          ...(r.errors > 0
            ? [`  See the "Kiểm tra" column or run: plan-tracker check "${output}" --lang en`]
            : []),
        ];
  io.stdout(`${lines.join("\n")}\n`);
}

/** The broadcast log and each recurring duty's quota so far. */
function logLines(r: TrackSummary, lang: Lang): string[] {
  const log = r.log;
  if (!log) return [];
  const head =
    lang === "vi"
      ? log.created
        ? `  Đã thêm trang "${log.sheet}": mỗi lần phát sóng hoặc cộng tác một hàng (công cụ không ghi đè các hàng này).`
        : `  Trang "${log.sheet}": ${log.entries} hàng.`
      : log.created
        ? `  Added the "${log.sheet}" sheet (broadcast log): one row per broadcast or contribution (the tool never rewrites them).`
        : `  "${log.sheet}" (broadcast log): ${log.entries} rows.`;
  const duties = log.duties.map((d) =>
    lang === "vi" ? `  Nhiệm vụ định kỳ ${d.vi}.` : `  Recurring duty ${d.en}.`,
  );
  return [head, ...duties];
}

/**
 * The column map the tracker keeps (so the clerk knows later runs read the plan this way), and
 * what was said about a saved map that no longer fits.
 */
function mapLines(r: TrackSummary, lang: Lang): string[] {
  const entries = Object.entries(r.columnMap) as [FieldKey, { col: number; label: string }][];
  const lines: string[] = [];
  if (entries.length > 0) {
    const list = entries
      .map(
        ([f, e]) =>
          `${FIELD_LABELS[f][lang]} = ${
            e.col === NO_COLUMN
              ? lang === "vi"
                ? "không có"
                : "none"
              : `${columnLetter(e.col)}${e.label ? ` ("${e.label}")` : ""}`
          }`,
      )
      .join(", ");
    lines.push(
      lang === "vi"
        ? `  Cách gán cột lưu trong sổ theo dõi (dùng cho các lần chạy sau; đổi bằng --map, bỏ bằng --map none): ${list}.`
        : `  Column map saved in the tracker (used on later runs; change it with --map, drop it with --map none): ${list}.`,
    );
  }
  for (const d of r.mapDiagnostics) lines.push(`  ${d.text[lang]}`);
  return lines;
}
