#!/usr/bin/env node
// `npm run fuzz -- --seconds N [--seed S] [--iterations N] [--out DIR] [--json] [--worker]`
//
// Mutation fuzzer over valid tracker files made by the demo (plan.xlsx, tracker.xlsx,
// summary.xlsx): flips bytes, truncates, splices garbage, reorders/drops/duplicates zip entries,
// corrupts the XML inside parts (closing tags, garbage, duplicate attributes, huge/negative
// numbers and row indexes, reserved names, whole-sheet validations, many merges, DOCTYPEs), then
// runs the built CLI's `check` (and on three inputs in ten `track`) in-process, in a runner thread
// that is replaced when an input hangs it. A failure is an uncaught exception, a stack trace or
// "Unexpected error" on stderr, an exit code other than 0/1/2, a change to Object.prototype, or
// no answer within the hang limit. Failing inputs are saved with a note of the mutation.
// exceljs runs in the runner thread (PLAN_TRACKER_IN_THREAD=1) so that a missing guard shows as
// a hang here instead of being hidden by the CLI's own time limit; --worker uses the CLI's worker.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { failureOf, mutate, prng, ROOT, Runner } from "./fuzz-lib.mjs";
import { snapshotCli } from "./snapshot-cli.mjs";

function parseArgs(argv) {
  const opts = {
    seconds: 30,
    seed: null,
    iterations: Infinity,
    out: join(tmpdir(), "plan-tracker-fuzz-failures"),
    json: false,
    worker: false,
    hangSeconds: 20,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--seconds") opts.seconds = Number(value());
    else if (a === "--seed") opts.seed = Number(value());
    else if (a === "--iterations") opts.iterations = Number(value());
    else if (a === "--out") opts.out = value();
    else if (a === "--hang-seconds") opts.hangSeconds = Number(value());
    else if (a === "--json") opts.json = true;
    else if (a === "--worker") opts.worker = true;
    else throw new Error(`unknown option ${a}`);
  }
  if (opts.seed === null || !Number.isFinite(opts.seed))
    opts.seed = Math.floor(Math.random() * 2 ** 31);
  return opts;
}

/** Valid inputs to mutate: what the demo writes. */
function makeSeeds(dir, bin) {
  const res = spawnSync(process.execPath, [bin, "demo", "--out", dir], {
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`the demo failed (${res.status}): ${res.stderr}`);
  return ["plan.xlsx", "tracker.xlsx", "summary.xlsx"]
    .filter((f) => existsSync(join(dir, f)))
    .map((f) => ({ name: f, bytes: readFileSync(join(dir, f)) }));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, "dist", "cli", "main.js")))
    throw new Error("the CLI is not built: run `npm run build:cli` first");
  const work = mkdtempSync(join(tmpdir(), "pt-fuzz-"));
  // A private copy of the build: a rebuild of dist/ during the run cannot disturb it.
  const cli = snapshotCli(ROOT);
  const runner = new Runner({
    hangMs: opts.hangSeconds * 1000,
    inThread: !opts.worker,
    main: cli.main,
  });
  const r = prng(opts.seed);
  const started = Date.now();
  const stats = { iterations: 0, failures: 0, exitCodes: {}, kinds: {}, saved: [] };
  try {
    const seeds = makeSeeds(join(work, "seeds"), cli.bin);
    const input = join(work, "input.xlsx");
    const output = join(work, "out.xlsx");
    const deadline = started + opts.seconds * 1000;
    while (stats.iterations < opts.iterations && Date.now() < deadline) {
      const { bytes, how } = await mutate(seeds, r);
      writeFileSync(input, bytes);
      const argv = r.chance(0.3)
        ? ["track", input, "-o", output, "--force", "--lang", "en"]
        : ["check", input, "--json", "--lang", "en"];
      const outcome = await runner.exec(argv);
      rmSync(output, { force: true });
      stats.iterations++;
      const key = outcome.hang ? "hang" : String(outcome.code);
      stats.exitCodes[key] = (stats.exitCodes[key] ?? 0) + 1;
      const failure = failureOf(outcome);
      if (failure !== null) {
        stats.failures++;
        const kind = failure.split(":")[0];
        stats.kinds[kind] = (stats.kinds[kind] ?? 0) + 1;
        mkdirSync(opts.out, { recursive: true });
        const base = join(opts.out, `seed${opts.seed}-iter${stats.iterations}`);
        writeFileSync(`${base}.xlsx`, bytes);
        writeFileSync(
          `${base}.txt`,
          `command: ${argv[0]}\nmutation: ${how}\nfailure: ${failure}\n\nstderr:\n${outcome.stderr ?? ""}\n${outcome.uncaught ?? ""}\n`,
        );
        stats.saved.push(`${base}.xlsx`);
        if (!opts.json) process.stderr.write(`FAIL #${stats.iterations}: ${failure} (${how})\n`);
      }
    }
  } finally {
    await runner.close();
    rmSync(work, { recursive: true, force: true });
    cli.cleanup();
  }
  const seconds = (Date.now() - started) / 1000;
  const summary = {
    seed: opts.seed,
    seconds: Math.round(seconds),
    ...stats,
    hangRestarts: runner.restarts,
  };
  if (opts.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    process.stdout.write(
      `fuzz: seed ${opts.seed}, ${seconds.toFixed(0)} s, ${stats.iterations} iterations, ${stats.failures} failures\n` +
        `  exit codes: ${Object.entries(stats.exitCodes)
          .map(([k, v]) => `${k}×${v}`)
          .join(", ")}\n` +
        (stats.failures > 0 ? `  failing inputs saved in ${opts.out}\n` : ""),
    );
  }
  return stats.failures > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`fuzz: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
