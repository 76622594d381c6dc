/**
 * Where the shared test material lives (corpus, schemas, the xlsx validator): next to the
 * repository as ../shared in the workspace; PLAN_TRACKER_SHARED overrides it, and a clone made
 * elsewhere on this machine still finds /work/shared. Tests that need it fail (never skip) when
 * it is missing, naming the path they looked at.
 */
import { existsSync, readFileSync } from "node:fs";
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

export const MANIFEST = join(CORPUS, "MANIFEST.tsv");

/** One corpus file as MANIFEST.tsv describes it. */
export interface CorpusEntry {
  readonly file: string;
  readonly sizeBytes: number;
  readonly expect: "ok" | "lossy" | "reject";
  readonly notes: string;
}

/**
 * MANIFEST.tsv's rows, read by column name; [] when the manifest is missing — each suite that
 * uses it has a test that then fails, naming MANIFEST (never a skip). scripts/reliability-lib.mjs
 * reads the same file for `npm run reliability` (plain Node, so it keeps its own reader).
 */
export function corpusManifest(): CorpusEntry[] {
  if (!existsSync(MANIFEST)) return [];
  const [header, ...lines] = readFileSync(MANIFEST, "utf8").split(/\r?\n/);
  const cols = (header ?? "").split("\t");
  const at = (name: string): number => {
    const i = cols.indexOf(name);
    if (i === -1) throw new Error(`MANIFEST.tsv has no "${name}" column`);
    return i;
  };
  const [file, size, expect, notes] = [at("file"), at("size_bytes"), at("expect"), at("notes")];
  return lines
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const f = line.split("\t");
      const e = f[expect];
      if (e !== "ok" && e !== "lossy" && e !== "reject") throw new Error(`bad expect: ${line}`);
      return { file: f[file] ?? "", sizeBytes: Number(f[size]), expect: e, notes: f[notes] ?? "" };
    });
}
