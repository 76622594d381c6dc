/**
 * The `plan-tracker` command line. Commands are functions in ./commands, loaded only when run
 * (start-up stays fast); this file maps outcomes to exit codes and is the only place that knows
 * about them. No stack trace ever reaches the user unless PLAN_TRACKER_DEBUG is set.
 */
import { Command, CommanderError, Option } from "commander";
import { PlanTrackerError, type Lang } from "../domain/diagnostics";
import { EXIT_USAGE, ExitError } from "./exitError";
import { processIo, type CliIo } from "./io";
import { toolVersion } from "./version";
import type { TrackArgs } from "./commands/track";

function langOf(cmd: Command): Lang {
  const opts = cmd.optsWithGlobals<{ lang?: string }>();
  return opts.lang === "en" ? "en" : "vi";
}

export function buildProgram(io: CliIo): Command {
  const program = new Command("plan-tracker")
    .description(
      "Theo dõi kế hoạch — biến kế hoạch năm thành sổ theo dõi Excel / turns a yearly plan into an Excel tracker",
    )
    .version(toolVersion(), "-V, --version")
    .addOption(
      new Option("--lang <lang>", "ngôn ngữ thông báo / message language")
        .choices(["vi", "en"])
        .default("vi"),
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(plan-tracker --help)");

  program
    .command("import")
    .description(
      "văn bản kế hoạch (.txt/.docx) → sổ kế hoạch chuẩn (.xlsx) / plan document → standard plan workbook",
    )
    .argument("<plan>", "plan.txt hoặc plan.docx")
    .option("-o, --output <file>", "tệp .xlsx kết quả / output workbook")
    .option("--year <N>", "năm kế hoạch / plan year")
    .option("--force", "ghi đè tệp kết quả đã có / overwrite an existing output")
    .action(
      async (
        plan: string,
        opts: { output?: string; year?: string; force?: boolean },
        cmd: Command,
      ) => {
        const { importCommand } = await import("./commands/import");
        await importCommand({ plan, ...opts, lang: langOf(cmd) }, io);
      },
    );

  program
    .command("check")
    .description("kiểm tra sổ kế hoạch / validate a plan workbook")
    .argument("<workbook>", "workbook.xlsx")
    .option("--json", "in kết quả JSON / print JSON")
    .option("--csv", "in danh sách lỗi dạng CSV / print the findings as CSV")
    .option("--as-of <YYYY-MM-DD>", "ngày tính / evaluation date")
    .option("--sheet <name>", "trang kế hoạch / plan sheet")
    .option("--year <N>", "năm kế hoạch / plan year")
    .option(
      "--map <field=col,...>",
      "gán cột cho trường, ví dụ period=C,count=D (thay cách gán đã lưu; none: bỏ) / assign columns to fields (over a saved map; none: headers only)",
    )
    .action(
      async (
        workbook: string,
        opts: {
          json?: boolean;
          csv?: boolean;
          asOf?: string;
          sheet?: string;
          year?: string;
          map?: string;
        },
        cmd: Command,
      ) => {
        const { checkCommand } = await import("./commands/check");
        await checkCommand({ workbook, ...opts, lang: langOf(cmd) }, io);
      },
    );

  program
    .command("track")
    .description("tạo sổ theo dõi từ sổ kế hoạch / plan workbook → tracker")
    .argument("<plan>", "plan.xlsx")
    .option("-o, --output <file>", "tệp kết quả / output (mặc định <tên>.tracker.xlsx)")
    .option("--as-of <YYYY-MM-DD>", "ngày tính / evaluation date")
    .option("--year <N>", "năm kế hoạch / plan year")
    .option(
      "--in-place",
      "ghi đè tệp gốc (giữ bản .bak.xlsx) / rewrite the input, keeping a backup",
    )
    .option(
      "--force-lossy",
      "ghi dù mất nội dung exceljs không giữ được / write even if parts would be lost",
    )
    .option("--force", "ghi đè tệp kết quả đã có / overwrite an existing output")
    .option("--allocation <VND>", "kinh phí được giao cả năm / yearly allocation")
    .option("--agency <name>", "cơ quan ban hành / issuing agency")
    .option(
      "--map <field=col,...>",
      "gán cột cho trường và lưu vào sổ theo dõi (none: bỏ) / assign columns to fields, saved in the tracker (none: forget)",
    )
    .action(async (plan: string, opts: Omit<TrackArgs, "plan" | "lang">, cmd: Command) => {
      const { trackCommand } = await import("./commands/track");
      await trackCommand({ plan, ...opts, lang: langOf(cmd) }, io);
    });

  program
    .command("summary")
    .description("xuất báo cáo tóm tắt / export the leaders' summary")
    .argument("<tracker>", "tracker.xlsx")
    .option("--pdf <file>", "tệp PDF")
    .option("--xlsx <file>", "tệp .xlsx")
    .option("--as-of <YYYY-MM-DD>", "ngày tính / evaluation date")
    .option(
      "--period <Q1|Q2|Q3|Q4|H1|9M|Y>",
      "kỳ báo cáo (mặc định: kỳ đã kết thúc gần nhất) / reporting period (default: the latest closed one)",
    )
    .action(
      async (
        tracker: string,
        opts: { pdf?: string; xlsx?: string; asOf?: string; period?: string },
        cmd: Command,
      ) => {
        const { summaryCommand } = await import("./commands/summary");
        await summaryCommand({ tracker, ...opts, lang: langOf(cmd) }, io);
      },
    );

  program
    .command("rollup")
    .description("tổng hợp nhiều sổ theo dõi / roll up many trackers")
    .argument("<trackers...>", "tracker.xlsx ...")
    .requiredOption("-o, --output <file>", "rollup.xlsx")
    .option("--as-of <YYYY-MM-DD>", "ngày tính chung / common evaluation date")
    .action(async (trackers: string[], opts: { output: string; asOf?: string }, cmd: Command) => {
      const { rollupCommand } = await import("./commands/rollup");
      await rollupCommand({ trackers, ...opts, lang: langOf(cmd) }, io);
    });

  program
    .command("demo")
    .description(
      "chạy toàn bộ quy trình trên kế hoạch mẫu / the whole pipeline on the bundled sample",
    )
    .option("--out <dir>", "thư mục kết quả / output folder", "demo-output")
    .action(async (opts: { out: string }, cmd: Command) => {
      const { demoCommand } = await import("./commands/demo");
      await demoCommand({ out: opts.out, lang: langOf(cmd) }, io);
    });

  return program;
}

function argvLang(argv: readonly string[]): Lang {
  const i = argv.indexOf("--lang");
  if (i >= 0 && argv[i + 1] === "en") return "en";
  return argv.includes("--lang=en") ? "en" : "vi";
}

/** Runs the CLI and returns the exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  const lang = argvLang(argv);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof ExitError) {
      if (err.text) io.stderr(`${err.text[lang]}\n`);
      return err.exitCode;
    }
    if (err instanceof PlanTrackerError) {
      io.stderr(`${err.text[lang]}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof CommanderError) {
      // Help and --version end with code 0; every parse error is bad usage (2).
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    const detail = err instanceof Error ? err.message : String(err);
    io.stderr(
      lang === "vi"
        ? `Lỗi không mong đợi: ${detail}. Hãy báo lỗi này kèm tệp đầu vào (đặt PLAN_TRACKER_DEBUG=1 để xem chi tiết).\n`
        : `Unexpected error: ${detail}. Please report it with the input file (set PLAN_TRACKER_DEBUG=1 for details).\n`,
    );
    if (process.env.PLAN_TRACKER_DEBUG && err instanceof Error && err.stack)
      io.stderr(`${err.stack}\n`);
    return EXIT_USAGE;
  }
}
