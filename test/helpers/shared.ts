/**
 * Where the shared test material lives (corpus, schemas, the xlsx validator): next to the
 * repository as ../shared in the workspace; PLAN_TRACKER_SHARED overrides it, and a clone made
 * elsewhere on this machine still finds /work/shared. Tests that need it fail (never skip) when
 * it is missing, naming the path they looked at.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const REPO = resolve(__dirname, "../..");

function sharedDir(): string {
  const candidates = [
    process.env.PLAN_TRACKER_SHARED,
    join(REPO, "../shared"),
    "/work/shared",
  ].filter((c): c is string => typeof c === "string" && c !== "");
  return (
    candidates.find((c) => existsSync(join(c, "corpus"))) ??
    resolve(candidates[0] ?? join(REPO, "../shared"))
  );
}

export const SHARED = sharedDir();
export const CORPUS = join(SHARED, "corpus");
