/**
 * `plan-tracker demo [--out DIR]`: the whole pipeline on the bundled sample plan (the real 2023
 * plan of Ia H'Drai district), with a fixed as-of date so the output is the same on every machine:
 * import the plan → track it → a clerk's entries during the year → track again → check.
 */
import { promises as fs } from "node:fs";
import { basename, join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { PlanTrackerError, type Bilingual, type Lang } from "../../domain/diagnostics";
import { fileExists } from "../../node/atomicWrite";
import { fillLikeAClerk, fillLogLikeAClerk } from "../demoClerk";
import { ExitError } from "../exitError";
import type { CliIo } from "../io";
import { checkCommand } from "./check";
import { importCommand } from "./import";
import { summaryCommand } from "./summary";
import { trackCommand } from "./track";
import { writeXlsx } from "../../node/writeXlsx";

export const SAMPLE_PLAN = resolve(__dirname, "../../../assets/samples/ke-hoach-2023.txt");
/** A day late in Quý III/2023: Q1-Q2 items are due, Q3 items due within 14 days. */
export const DEMO_AS_OF = "2023-09-20";

export interface DemoArgs {
  readonly out: string;
  readonly lang: Lang;
}

export interface DemoOutcome {
  readonly planXlsx: string;
  readonly trackerXlsx: string;
  readonly summaryPdf: string;
  readonly summaryXlsx: string;
}

/** What the demo writes, listed to the user at the end; also the names it must not take over. */
const DEMO_OUTPUTS: readonly { file: string; what: Bilingual }[] = [
  {
    file: "plan.xlsx",
    what: {
      vi: "sổ kế hoạch chuẩn (nhập từ văn bản)",
      en: "the standard plan workbook (imported from the text)",
    },
  },
  {
    file: "tracker.xlsx",
    what: {
      vi: "sổ theo dõi: hàng đỏ = quá hạn, vàng = sắp đến hạn, xanh = đã phát sóng, ô cam = dữ liệu sai; trang Nhật ký phát sóng, Kinh phí và Tiến độ (có chỉ tiêu hằng tuần)",
      en: "the tracker: red rows = overdue, amber = due soon, green = aired, orange cells = invalid; the broadcast log, Budget and Progress sheets (with the weekly quota)",
    },
  },
  {
    file: "tracker.bak.xlsx",
    what: {
      vi: "sổ theo dõi trước lần chạy lại (--in-place luôn giữ một bản sao)",
      en: "the tracker before the second run (--in-place always keeps a copy)",
    },
  },
  {
    file: "summary.pdf",
    what: {
      vi: "báo cáo kết quả một trang cho lãnh đạo (kỳ đã kết thúc gần nhất)",
      en: "the leaders' one-page results report (the latest closed period)",
    },
  },
  {
    file: "summary.xlsx",
    what: {
      vi: "báo cáo kỳ và hai trang tóm tắt (chỉ giá trị) để gửi thư",
      en: "the period's report and the two summary sheets as values, for e-mailing",
    },
  },
];
/** Left in a folder the demo wrote, so a later demo may overwrite the files it lists. */
const DEMO_MARKER = ".plan-tracker-demo";

/**
 * The demo overwrites its own files on every run, so it must never take a folder where files of
 * those names are the user's (`--out .` in the office's plan folder): a folder is the demo's when
 * it is new, holds none of those names, carries the marker an earlier demo left, or is the
 * default "demo-output" (which demos before the marker wrote into).
 */
async function claimFolder(out: string): Promise<void> {
  await fs.mkdir(out, { recursive: true });
  if (basename(out) !== "demo-output" && !(await fileExists(join(out, DEMO_MARKER)))) {
    const taken: string[] = [];
    for (const { file } of DEMO_OUTPUTS) if (await fileExists(join(out, file))) taken.push(file);
    if (taken.length > 0)
      throw new PlanTrackerError("demo.folder-in-use", {
        vi: `Thư mục "${out}" đã có ${taken.join(", ")} không do bản demo tạo ra; bản demo không ghi đè tệp của bạn. Chọn thư mục khác với --out, ví dụ --out demo-output.`,
        en: `The folder "${out}" already holds ${taken.join(", ")}, not written by the demo; the demo does not overwrite your files. Choose another folder with --out, e.g. --out demo-output.`,
      });
  }
  await fs.writeFile(
    join(out, DEMO_MARKER),
    "The files named in plan-tracker's demo in this folder were written by `plan-tracker demo`, which overwrites them on every run.\n",
  );
}

export async function demoCommand(args: DemoArgs, io: CliIo): Promise<DemoOutcome> {
  const out = resolve(io.cwd, args.out);
  await claimFolder(out);
  const planXlsx = join(out, "plan.xlsx");
  const trackerXlsx = join(out, "tracker.xlsx");
  const say = (vi: string, en: string): void => io.stdout(`\n${args.lang === "vi" ? vi : en}\n`);
  const lang = args.lang;

  say(`1) Nhập kế hoạch mẫu ${SAMPLE_PLAN}`, `1) Importing the sample plan ${SAMPLE_PLAN}`);
  await importCommand({ plan: SAMPLE_PLAN, output: planXlsx, force: true, lang }, io);

  say(`2) Tạo sổ theo dõi, tính đến ${DEMO_AS_OF}`, `2) Building the tracker, as of ${DEMO_AS_OF}`);
  const first = await trackCommand(
    { plan: planXlsx, output: trackerXlsx, asOf: DEMO_AS_OF, force: true, lang },
    io,
  );

  say(
    "3) Văn thư cập nhật trong năm: trạng thái, ngày phát sóng, thực chi, nhật ký phát sóng hằng tuần; Tài chính nhập kinh phí được giao và đơn giá",
    "3) The clerk's entries during the year: status, air dates, spending, the weekly broadcast log; Finance enters the allocation and rate",
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(trackerXlsx);
  fillLikeAClerk(wb, first.summary.planSheet, first.summary.headerRow);
  fillLogLikeAClerk(wb);
  await writeXlsx(trackerXlsx, wb);

  say(
    "4) Chạy lại trên sổ theo dõi (cập nhật cột Kiểm tra)",
    "4) Tracking again (refreshes the Check column)",
  );
  // --in-place keeps tracker.bak.xlsx (the tracker before this run), as it would for a clerk.
  await trackCommand({ plan: trackerXlsx, inPlace: true, lang }, io);

  say("5) Kiểm tra sổ theo dõi", "5) Checking the tracker");
  try {
    await checkCommand({ workbook: trackerXlsx, lang }, io);
  } catch (err) {
    // The sample keeps the real plan's "Quý VI/2023" typo on purpose: errors are expected here.
    if (!(err instanceof ExitError)) throw err;
  }
  say("6) Xuất báo cáo tóm tắt cho lãnh đạo", "6) Exporting the leaders' summary");
  const summaryPdf = join(out, "summary.pdf");
  const summaryXlsx = join(out, "summary.xlsx");
  await summaryCommand({ tracker: trackerXlsx, pdf: summaryPdf, xlsx: summaryXlsx, lang }, io);

  const list = (lang: Lang): string =>
    DEMO_OUTPUTS.map((f) => `\n  ${f.file.padEnd(17)} ${f.what[lang]}`).join("");
  say(`Xong. Kết quả trong ${out}:${list("vi")}`, `Done. Output in ${out}:${list("en")}`);
  return { planXlsx, trackerXlsx, summaryPdf, summaryXlsx };
}
