// Where the shared test material lives (corpus, schemas): ../shared next to the repository,
// PLAN_TRACKER_SHARED to override, and /work/shared for a clone made elsewhere on this machine.
// Same rule as test/helpers/shared.ts.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export function sharedDir() {
  const candidates = [
    process.env.PLAN_TRACKER_SHARED,
    join(REPO, "../shared"),
    "/work/shared",
  ].filter((c) => typeof c === "string" && c !== "");
  return candidates.find((c) => existsSync(join(c, "corpus"))) ?? resolve(candidates[0]);
}
