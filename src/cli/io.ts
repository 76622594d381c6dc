/**
 * What a CLI command may touch besides files: output streams, the clock and the language. Tests
 * pass their own to capture output and freeze time.
 */
import type { Lang } from "../domain/diagnostics";
import { toIso, type IsoDate } from "../domain/calendar";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The clock, read only here in the shell: the domain takes `asOf` as a parameter. */
  readonly now: () => Date;
  readonly cwd: string;
  readonly stderrIsTTY: boolean;
}

export const processIo = (): CliIo => ({
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  now: () => new Date(),
  cwd: process.cwd(),
  stderrIsTTY: Boolean(process.stderr.isTTY),
});

/** Today in the user's own time zone: a clerk in Hanoi at 06:00 is already on the new day. */
export function localToday(io: CliIo): IsoDate {
  const d = io.now();
  return toIso(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

export interface GlobalOptions {
  readonly lang: Lang;
}
