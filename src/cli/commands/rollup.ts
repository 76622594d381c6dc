/** `plan-tracker rollup <tracker.xlsx...> -o rollup.xlsx [--as-of]` */
import { basename, resolve } from "node:path";
import ExcelJS from "exceljs";
import { checkWorkbook } from "../../domain/check";
import { PlanTrackerError, type Lang } from "../../domain/diagnostics";
import {
  assertTracker,
  rollupEntry,
  rollupLayout,
  type RollupEntry,
  type RollupFailure,
} from "../../domain/summary/rollup";
import { applyLayout } from "../../adapters/exceljs/applyLayout";
import { sameFile } from "../../node/atomicWrite";
import { readWorkbookData } from "../../node/readXlsx";
import { writeXlsx } from "../../node/writeXlsx";
import { localToday, type CliIo } from "../io";
import { parseAsOf } from "../options";

export interface RollupArgs {
  readonly trackers: readonly string[];
  readonly output: string;
  readonly asOf?: string;
  readonly lang: Lang;
}

export async function rollupCommand(
  args: RollupArgs,
  io: CliIo,
): Promise<{ entries: RollupEntry[]; failures: RollupFailure[] }> {
  const asOf = parseAsOf(args.asOf) ?? localToday(io);
  const output = resolve(io.cwd, args.output);
  const entries: RollupEntry[] = [];
  const failures: RollupFailure[] = [];
  for (const file of args.trackers) {
    if (await sameFile(resolve(io.cwd, file), output))
      throw new PlanTrackerError("usage.output-is-input", {
        vi: `-o "${args.output}" là một trong các sổ theo dõi đang tổng hợp: công cụ không ghi đè lên nó. Chọn tên khác, ví dụ -o tong-hop.xlsx.`,
        en: `-o "${args.output}" is one of the trackers being rolled up: the tool does not write over it. Choose another name, e.g. -o rollup.xlsx.`,
      });
  }
  for (const file of args.trackers) {
    const path = resolve(io.cwd, file);
    try {
      const { data } = await readWorkbookData(path, { notify: io.stderr, lang: args.lang });
      assertTracker(data, basename(file));
      const check = checkWorkbook(data, { today: asOf, asOf });
      entries.push(rollupEntry(basename(file), check, asOf));
    } catch (err) {
      // One broken commune's file must not stop the province's report: list it with the reason.
      if (!(err instanceof PlanTrackerError)) throw err;
      failures.push({ file: basename(file), reason: err.text });
      io.stderr(`${basename(file)}: ${err.text[args.lang]}\n`);
    }
  }
  if (entries.length === 0) {
    throw new PlanTrackerError("rollup.nothing", {
      vi: `Không đọc được sổ theo dõi nào trong ${args.trackers.length} tệp đã cho; xem lý do ở trên.`,
      en: `None of the ${args.trackers.length} files could be read as a tracker; see the reasons above.`,
    });
  }
  const out = new ExcelJS.Workbook();
  applyLayout(out, rollupLayout(entries, failures, asOf));
  await writeXlsx(output, out);
  io.stdout(
    args.lang === "vi"
      ? `Đã tổng hợp ${entries.length} sổ theo dõi${failures.length ? ` (${failures.length} tệp không đọc được)` : ""}: ${output}\n`
      : `Rolled up ${entries.length} tracker${entries.length === 1 ? "" : "s"}${failures.length ? ` (${failures.length} file${failures.length === 1 ? "" : "s"} could not be read)` : ""}: ${output}\n`,
  );
  return { entries, failures };
}
