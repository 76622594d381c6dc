/** Runs the CLI in-process with captured output and a frozen clock. */
import { run } from "../../src/cli/main";
import type { CliIo } from "../../src/cli/io";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(
  argv: string[],
  opts: { now?: string; cwd?: string } = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    now: () => new Date(opts.now ?? "2023-09-20T09:00:00"),
    cwd: opts.cwd ?? process.cwd(),
    stderrIsTTY: false,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** A stack trace line, which must never reach a user. */
export const STACK_TRACE = /\n\s+at .+\(.*:\d+:\d+\)/;
