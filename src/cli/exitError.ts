import type { Bilingual } from "../domain/diagnostics";

/** Thrown by commands to end with a given exit code and message; only main.ts exits. */
export class ExitError extends Error {
  readonly exitCode: number;
  readonly text: Bilingual | null;
  constructor(exitCode: number, text: Bilingual | null = null) {
    super(text?.en ?? `exit ${exitCode}`);
    this.name = "ExitError";
    this.exitCode = exitCode;
    this.text = text;
  }
}

export const EXIT_OK = 0;
export const EXIT_VALIDATION = 1;
export const EXIT_USAGE = 2;
