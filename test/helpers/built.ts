/**
 * Tests that spawn the real CLI (bin/plan-tracker.js → dist/) need it built: `npm test` runs
 * `npm run build:cli` first. Running jest alone after editing src/ tests the previous build.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(__dirname, "../..");
export const BIN = join(ROOT, "bin/plan-tracker.js");

/** Throws a clear message when dist/ is missing. */
export function assertBuilt(): void {
  if (
    !existsSync(join(ROOT, "dist/cli/main.js")) ||
    !existsSync(join(ROOT, "dist/node/exceljsWorker.js"))
  )
    throw new Error("The CLI is not built: run `npm run build:cli` (npm test does) first.");
}
