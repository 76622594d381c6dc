/**
 * The corpus run of `npm run reliability`, as a test: the same script and classifier
 * (scripts/reliability-lib.mjs), run once with --json — every corpus file through `check` and
 * `track` of the built CLI, each in a fresh process with a time limit, a heap cap and an RSS
 * watch, on temporary copies — then one assertion per file so a failure names it.
 *
 * Takes 1.5–4 minutes on 2 cores (two processes at a time; exceljs loads dominate).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { assertBuilt, ROOT } from "../helpers/built";
import { corpusManifest } from "../helpers/shared";

interface RunInfo {
  code: number | null;
  signal: string | null;
  killedFor: string | null;
  ms: number;
  stderr: string;
}
interface Result {
  file: string;
  expect: "ok" | "lossy" | "reject";
  check: RunInfo;
  track: RunInfo;
  verdict: "ok" | "wrong" | "crash" | "hang";
  why: string;
}
interface Report {
  totals: { files: number; crashes: number; hangs: number; wrong: number };
  results: Result[];
}

const files = corpusManifest().map((entry) => entry.file);

let report: Report | null = null;
let failure = "";

beforeAll(async () => {
  if (files.length === 0) return;
  assertBuilt();
  const child = spawn(
    process.execPath,
    [join(ROOT, "scripts/reliability.mjs"), "--json", "--concurrency", "2"],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (failure += d.toString()));
  await new Promise<void>((resolve) => child.on("close", () => resolve()));
  try {
    report = JSON.parse(stdout) as Report;
  } catch {
    failure += `\nno JSON report: ${stdout.slice(0, 500)}`;
  }
}, 15 * 60_000);

describe("the corpus (../shared/corpus)", () => {
  it("is present", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it("ran every file", () => {
    expect(failure).toBe("");
    expect(report?.results.map((r) => r.file)).toEqual(files);
  });

  it("0 crashes, 0 hangs, 0 wrong verdicts", () => {
    const bad = (report?.results ?? [])
      .filter((r) => r.verdict !== "ok")
      .map((r) => `${r.file} [${r.expect}] ${r.verdict}: ${r.why}`);
    expect(bad).toEqual([]);
    expect(report?.totals).toMatchObject({ crashes: 0, hangs: 0, wrong: 0 });
  });

  it.each(files)("%s", (file) => {
    const r = report?.results.find((x) => x.file === file);
    expect(r).toBeDefined();
    expect({ verdict: r?.verdict, why: r?.why }).toEqual({
      verdict: "ok",
      why: expect.any(String),
    });
    // Every process ended by itself, well inside the limit.
    for (const run of [r!.check, r!.track]) {
      expect(run.killedFor).toBeNull();
      expect(run.signal).toBeNull();
      expect(run.ms).toBeLessThan(60_000);
    }
  });

  it("refuses the two files exceljs cannot finish, quickly and by name", () => {
    for (const file of ["poi__57893-many-merges.xlsx", "exceljs__test-issue-1842.xlsx"]) {
      const r = report?.results.find((x) => x.file === file);
      expect(r?.check.code).toBe(2);
      expect(r?.check.stderr).toMatch(/too complex to read safely/);
      expect(r?.check.ms).toBeLessThan(15_000);
    }
    const merges = report?.results.find((x) => x.file === "poi__57893-many-merges.xlsx");
    expect(merges?.check.stderr).toMatch(/50 000 merged ranges.*tens of thousands of merged cells/);
    const dv = report?.results.find((x) => x.file === "exceljs__test-issue-1842.xlsx");
    expect(dv?.check.stderr).toMatch(/data validation rule .* on A1:XFD1048576/);
  });
});
