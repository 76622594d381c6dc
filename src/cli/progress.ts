/**
 * Progress on stderr for long runs, only when a person is watching (stderr is a terminal): piped
 * output and CI logs stay clean.
 */
import type { CliIo } from "./io";

export interface Progress {
  step(label: string): void;
  done(): void;
}

export async function startProgress(io: CliIo, total: number): Promise<Progress> {
  if (!io.stderrIsTTY) return { step: () => undefined, done: () => undefined };
  const { SingleBar, Presets } = await import("cli-progress");
  const bar = new SingleBar(
    {
      format: "{bar} {percentage}% | {label}",
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { label: "" });
  let n = 0;
  return {
    step: (label) => bar.update(++n, { label }),
    done: () => bar.stop(),
  };
}
