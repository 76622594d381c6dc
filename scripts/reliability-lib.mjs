// The corpus classifier behind `npm run reliability` and test/integration/reliability.test.ts.
//
// For every file of ../shared/corpus (MANIFEST.tsv: file, expect = ok | lossy | reject) it runs
// the BUILT CLI (bin/plan-tracker.js) twice, each in a fresh child process, on a temporary copy:
//   check <copy> --json --lang en
//   track <copy> -o <tmp>/out.xlsx --lang en
// with a wall-clock limit, a heap cap (--max-old-space-size) and an RSS watch, and decides
// whether the behaviour is the one the manifest asks for (see `verdictFor`).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sharedDir } from "./shared-dir.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const BIN = join(ROOT, "bin", "plan-tracker.js");
export const DEFAULT_CORPUS = join(sharedDir(), "corpus");

export const DEFAULTS = Object.freeze({
  // Wall clock per child. The CLI's own exceljs limit (PLAN_TRACKER_LOAD_TIMEOUT, 60 s) is below
  // it, so a slow file must end as the CLI's clear refusal, never as this kill.
  timeoutMs: 90_000,
  heapMb: 1024,
  // The CLI's heap plus its exceljs worker's (capped at heapMb too) plus buffers.
  rssCapMb: 2600,
  concurrency: 2,
});

/** A stack frame ("    at fn (file.js:1:2)") or a Node fatal-error banner: never for a user. */
export const STACK_TRACE =
  /\n\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))|FATAL ERROR|^\s*at /m;

/** What a refusal of a corrupt / hostile file must name (English messages, --lang en). */
export const PROBLEM =
  /password-protected|encrypt|damaged|corrupt|not an? (valid )?\.?xlsx|not an Excel|is an? (Word|PowerPoint|Visio|binary)|empty zip|is empty|safety limit|too large|too complex|DOCTYPE|zip bomb|two entries|legacy|reserved word/i;
/** A valid file must never be called one of these. */
export const FALSE_ALARM =
  /password-protected|encrypt|damaged|corrupt|not a valid|zip bomb|is empty|empty zip|has no worksheets|no sheets at all/i;
/** "This is not a plan" refusals name what is missing (header row, title / period column). */
export const NOT_A_PLAN =
  /No plan table was found|not a plan sheet|no header row|lacks a .* column/i;
/** Limitations of the reader, named as such (exceljs cannot model the file, too slow, too big). */
export const LIMITATION =
  /reader \(exceljs\) (cannot read|found no sheets)|too complex to read safely|took more than \d+ seconds|needs more than \d+ MB/i;
/** track's lossy refusal: "Not rewriting ...: a command-line rewrite would lose: <parts>." */
export const LOSSY_REFUSAL = /Not rewriting .*would lose: (.+?)\. Use the Plan Tracker add-in/s;

export function readManifest(corpus = DEFAULT_CORPUS) {
  const manifest = join(corpus, "MANIFEST.tsv");
  if (!existsSync(manifest)) return [];
  const [header, ...lines] = readFileSync(manifest, "utf8").split("\n");
  const cols = (header ?? "").split("\t");
  const at = (name) => {
    const i = cols.indexOf(name);
    if (i === -1) throw new Error(`MANIFEST.tsv has no "${name}" column`);
    return i;
  };
  const [file, expect, notes] = [at("file"), at("expect"), at("notes")];
  return lines
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const f = line.split("\t");
      const e = f[expect];
      if (e !== "ok" && e !== "lossy" && e !== "reject") throw new Error(`bad expect: ${line}`);
      return {
        file: f[file] ?? "",
        expect: e,
        notes: f[notes] ?? "",
        path: join(corpus, "xlsx", f[file] ?? ""),
      };
    });
}

function sha256(path) {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs the CLI in a fresh process; never throws. */
export function runCli(args, opts = {}) {
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
  const heapMb = opts.heapMb ?? DEFAULTS.heapMb;
  const rssCapMb = opts.rssCapMb ?? DEFAULTS.rssCapMb;
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${heapMb}`, opts.bin ?? BIN, ...args],
      {
        cwd: opts.cwd ?? ROOT,
        env: {
          ...process.env,
          PLAN_TRACKER_DEBUG: "",
          PLAN_TRACKER_MAX_MEMORY_MB: String(heapMb),
          ...(opts.env ?? {}),
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    let killedFor = null;
    let peakRss = 0;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      killedFor = "timeout";
      child.kill("SIGKILL");
    }, timeoutMs);
    const watch = setInterval(() => {
      peakRss = Math.max(peakRss, rssMb(child.pid));
      if (peakRss > rssCapMb) {
        killedFor = "memory";
        child.kill("SIGKILL");
      }
    }, 100);
    const finish = (code, signal, error) => {
      clearTimeout(timer);
      clearInterval(watch);
      done({
        code,
        signal: signal ?? null,
        killedFor,
        error: error ? String(error) : null,
        ms: Date.now() - started,
        peakRssMb: Math.round(peakRss),
        stdout,
        stderr,
      });
    };
    child.on("error", (err) => finish(null, null, err));
    child.on("close", (code, signal) => finish(code, signal, null));
  });
}

/** What went wrong with one process, regardless of the file: crash / hang, or null. */
export function processFault(run) {
  if (run.killedFor === "timeout") return { kind: "hang", why: "no exit within the time limit" };
  if (run.killedFor === "memory")
    return { kind: "crash", why: `RSS above the cap (${run.peakRssMb} MB)` };
  if (run.error) return { kind: "crash", why: `could not run: ${run.error}` };
  if (run.signal) return { kind: "crash", why: `killed by ${run.signal}` };
  if (![0, 1, 2].includes(run.code)) return { kind: "crash", why: `exit code ${run.code}` };
  if (STACK_TRACE.test(run.stderr)) return { kind: "crash", why: "stack trace on stderr" };
  if (/Unexpected error|Lỗi không mong đợi/.test(run.stderr))
    return { kind: "crash", why: `an unexpected error reached the top: ${firstLine(run.stderr)}` };
  return null;
}

function firstLine(text) {
  return (text.trim().split("\n")[0] ?? "").slice(0, 200);
}

/**
 * The verdict for one corpus row, from its check and track runs:
 * { verdict: "ok" | "wrong" | "crash" | "hang", why }.
 */
export function verdictFor(expect, check, track, files) {
  for (const [label, run] of [
    ["check", check],
    ["track", track],
  ]) {
    const fault = processFault(run);
    if (fault) return { verdict: fault.kind, why: `${label}: ${fault.why}` };
  }
  if (files.inputChanged) return { verdict: "wrong", why: "the input file was modified" };
  const wrong = (why) => ({ verdict: "wrong", why });

  if (expect === "reject") {
    for (const [label, run] of [
      ["check", check],
      ["track", track],
    ]) {
      if (run.code !== 2) return wrong(`${label} exited ${run.code}, a rejected file needs exit 2`);
      if (!PROBLEM.test(run.stderr))
        return wrong(`${label}'s message does not name the problem: ${firstLine(run.stderr)}`);
    }
    if (files.outputWritten) return wrong("track wrote an output for a rejected file");
    return { verdict: "ok", why: firstLine(check.stderr) };
  }

  if (expect === "lossy") {
    if (check.code === 2 && FALSE_ALARM.test(check.stderr))
      return wrong(`check calls a valid file broken: ${firstLine(check.stderr)}`);
    if (track.code !== 2)
      return wrong(`track exited ${track.code}: it must refuse without --force-lossy`);
    const m = LOSSY_REFUSAL.exec(track.stderr);
    if (!m || m[1].trim() === "")
      return wrong(`track's refusal does not name the dropped parts: ${firstLine(track.stderr)}`);
    if (files.outputWritten) return wrong("track wrote an output despite refusing");
    return { verdict: "ok", why: `refused; would lose: ${m[1].slice(0, 120)}` };
  }

  // ok: processed, or a clear "not a plan" / named-limitation refusal; never a false alarm.
  for (const [label, run] of [
    ["check", check],
    ["track", track],
  ]) {
    if (run.code === 2) {
      if (FALSE_ALARM.test(run.stderr))
        return wrong(`${label} calls a valid file broken: ${firstLine(run.stderr)}`);
      // track may also refuse, naming them, to drop parts exceljs cannot keep (never silently).
      const lossyRefusal = label === "track" && LOSSY_REFUSAL.test(run.stderr);
      if (!NOT_A_PLAN.test(run.stderr) && !LIMITATION.test(run.stderr) && !lossyRefusal)
        return wrong(`${label} refused without saying what is missing: ${firstLine(run.stderr)}`);
    }
  }
  if (check.code !== 2 && check.stdout.trim() !== "") {
    try {
      JSON.parse(check.stdout);
    } catch {
      return wrong("check --json printed something that is not JSON");
    }
  }
  if (track.code === 0 && !files.outputWritten) return wrong("track succeeded but wrote no output");
  if (track.code !== 0 && files.outputWritten) return wrong("track failed but left an output");
  const how =
    check.code === 2
      ? NOT_A_PLAN.test(check.stderr)
        ? "not a plan"
        : "reader limitation"
      : `checked (exit ${check.code})`;
  return {
    verdict: "ok",
    why: `${how}: ${firstLine(check.code === 2 ? check.stderr : track.stdout)}`,
  };
}

/** check and track on a temporary copy of one corpus file. */
export async function runRow(row, opts = {}) {
  const dir = mkdtempSync(join(tmpdir(), "pt-rel-"));
  try {
    const copy = join(dir, basename(row.file));
    copyFileSync(row.path, copy);
    const before = sha256(copy);
    const out = join(dir, "out.xlsx");
    const check = await runCli(["check", copy, "--json", "--lang", "en"], { ...opts, cwd: dir });
    const track = await runCli(["track", copy, "-o", out, "--lang", "en"], { ...opts, cwd: dir });
    const files = {
      inputChanged: sha256(copy) !== before,
      outputWritten: existsSync(out) && statSync(out).size > 0,
    };
    const { verdict, why } = verdictFor(row.expect, check, track, files);
    const brief = (r) => ({
      code: r.code,
      signal: r.signal,
      killedFor: r.killedFor,
      ms: r.ms,
      peakRssMb: r.peakRssMb,
      stderr: r.stderr.slice(0, 2000),
    });
    return {
      file: row.file,
      expect: row.expect,
      check: brief(check),
      track: brief(track),
      ms: check.ms + track.ms,
      verdict,
      why,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every row, `concurrency` at a time, in manifest order in the result. */
export async function runCorpus(rows, opts = {}) {
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULTS.concurrency);
  const results = new Array(rows.length);
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const i = next++;
      results[i] = await runRow(rows[i], opts);
      opts.onResult?.(results[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
  return results;
}

export function totals(results) {
  const count = (v) => results.filter((r) => r.verdict === v).length;
  const byExpect = {};
  for (const r of results) {
    const e = (byExpect[r.expect] ??= { files: 0, ok: 0, wrong: 0, crash: 0, hang: 0 });
    e.files++;
    e[r.verdict]++;
  }
  return {
    files: results.length,
    ok: count("ok"),
    crashes: count("crash"),
    hangs: count("hang"),
    wrong: count("wrong"),
    byExpect,
    slowestMs: Math.max(0, ...results.map((r) => Math.max(r.check.ms, r.track.ms))),
  };
}
