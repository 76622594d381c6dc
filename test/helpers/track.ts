/**
 * Runs `track` in-process through `trackCommand`, with captured output and a frozen clock, and
 * maps failures to exit codes as src/cli/main.ts does (a PlanTrackerError or ExitError is a clear
 * message and exit 2; anything else is a bug and is rethrown so the test fails).
 */
import { trackCommand, type TrackArgs, type TrackOutcome } from "../../src/cli/commands/track";
import { ExitError } from "../../src/cli/exitError";
import type { CliIo } from "../../src/cli/io";
import { PlanTrackerError } from "../../src/domain/diagnostics";

export interface TrackRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The stable code of the refusal, e.g. "track.lossy", when the command refused. */
  errorCode: string | null;
  outcome: TrackOutcome | null;
}

export async function runTrack(
  args: Omit<TrackArgs, "lang"> & { lang?: TrackArgs["lang"] },
  opts: { cwd?: string; now?: string } = {},
): Promise<TrackRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    now: () => new Date(opts.now ?? "2023-09-20T09:00:00"),
    cwd: opts.cwd ?? process.cwd(),
    stderrIsTTY: false,
  };
  const lang = args.lang ?? "vi";
  try {
    const outcome = await trackCommand({ ...args, lang }, io);
    return { code: 0, stdout, stderr, errorCode: null, outcome };
  } catch (err) {
    if (err instanceof PlanTrackerError) {
      stderr += `${err.text[lang]}\n`;
      return { code: 2, stdout, stderr, errorCode: err.code, outcome: null };
    }
    if (err instanceof ExitError) {
      if (err.text) stderr += `${err.text[lang]}\n`;
      return { code: err.exitCode, stdout, stderr, errorCode: null, outcome: null };
    }
    throw err;
  }
}
