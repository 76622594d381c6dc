/**
 * `plan-tracker demo [--out DIR]`: the whole pipeline on the bundled sample plan (the real 2023
 * plan of Ia H'Drai district), with a fixed as-of date so the output is the same on every machine.
 */
import { promises as fs } from "node:fs";
import { join, resolve } from "node:path";
import type { Lang } from "../../domain/diagnostics";
import type { CliIo } from "../io";
import { importCommand } from "./import";
import { checkCommand } from "./check";
import { ExitError } from "../exitError";

export const SAMPLE_PLAN = resolve(__dirname, "../../../assets/samples/ke-hoach-2023.txt");
/** A day in late Quý III/2023: Q1-Q2 items are due, Q3 items due soon. */
export const DEMO_AS_OF = "2023-09-20";

export interface DemoArgs {
  readonly out: string;
  readonly lang: Lang;
}

export async function demoCommand(args: DemoArgs, io: CliIo): Promise<void> {
  const out = resolve(io.cwd, args.out);
  await fs.mkdir(out, { recursive: true });
  const planXlsx = join(out, "plan.xlsx");
  const say = (vi: string, en: string): void => io.stdout(`${args.lang === "vi" ? vi : en}\n`);

  say(`1) Nhập kế hoạch mẫu ${SAMPLE_PLAN}`, `1) Importing the sample plan ${SAMPLE_PLAN}`);
  await importCommand({ plan: SAMPLE_PLAN, output: planXlsx, force: true, lang: args.lang }, io);

  say(
    `2) Kiểm tra ${planXlsx} (tính đến ${DEMO_AS_OF})`,
    `2) Checking ${planXlsx} (as of ${DEMO_AS_OF})`,
  );
  try {
    await checkCommand({ workbook: planXlsx, asOf: DEMO_AS_OF, lang: args.lang }, io);
  } catch (err) {
    // The sample keeps the real plan's "Quý VI/2023" typo on purpose: errors are expected here.
    if (!(err instanceof ExitError)) throw err;
  }
  say(
    `Xong. Kết quả trong ${out}: plan.xlsx (sổ kế hoạch chuẩn).`,
    `Done. Output in ${out}: plan.xlsx (the standard plan workbook).`,
  );
}
