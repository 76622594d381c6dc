#!/usr/bin/env node
// `npm run reliability [-- --json] [--only <substring>] [--concurrency N] [--timeout S]`
//
// Runs `check` and `track` of the built CLI on every file of ../shared/corpus, each in a fresh
// child process with a time limit and a memory cap, on temporary copies (the corpus is never
// written), and prints one table plus totals. Exits 1 when any file crashed, hung or got the
// wrong verdict (see scripts/reliability-lib.mjs for the rules). Build first: npm run build:cli.
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  DEFAULTS,
  DEFAULT_CORPUS,
  ROOT,
  readManifest,
  runCorpus,
  totals,
} from "./reliability-lib.mjs";
import { snapshotCli } from "./snapshot-cli.mjs";

function parseArgs(argv) {
  const opts = {
    json: false,
    only: null,
    concurrency: DEFAULTS.concurrency,
    timeoutMs: DEFAULTS.timeoutMs,
    corpus: DEFAULT_CORPUS,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--json") opts.json = true;
    else if (a === "--only") opts.only = value();
    else if (a === "--concurrency") opts.concurrency = Number(value());
    else if (a === "--timeout") opts.timeoutMs = Number(value()) * 1000;
    else if (a === "--corpus") opts.corpus = value();
    else if (a === "--help" || a === "-h") {
      process.stdout.write(
        "usage: node scripts/reliability.mjs [--json] [--only <substring>] [--concurrency N] [--timeout seconds] [--corpus dir]\n",
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

function pad(s, n) {
  s = String(s);
  return s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) {
    process.stderr.write("reliability: the CLI is not built: run `npm run build:cli` first.\n");
    return 2;
  }
  let rows = readManifest(opts.corpus);
  if (rows.length === 0) {
    process.stderr.write(`reliability: no corpus at ${opts.corpus} (MANIFEST.tsv missing).\n`);
    return 2;
  }
  if (opts.only !== null) rows = rows.filter((r) => r.file.includes(opts.only));
  const started = Date.now();
  const progress = (r, i) => {
    if (!opts.json && process.stderr.isTTY)
      process.stderr.write(`\r${i + 1}/${rows.length} ${pad(r.file, 60)}`);
  };
  // Run a private copy of the build: a rebuild of dist/ during the run cannot disturb it.
  const cli = snapshotCli(ROOT);
  let results;
  try {
    results = await runCorpus(rows, {
      concurrency: opts.concurrency,
      timeoutMs: opts.timeoutMs,
      onResult: progress,
      bin: cli.bin,
    });
  } finally {
    cli.cleanup();
  }
  if (!opts.json && process.stderr.isTTY) process.stderr.write("\r".padEnd(80) + "\r");
  const sum = { ...totals(results), wallMs: Date.now() - started };

  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ totals: sum, results }, null, 2)}\n`);
  } else {
    const W = [58, 7, 6, 6, 7, 8];
    const line = (cells) => cells.map((c, i) => pad(c, W[i] ?? 20)).join(" ") + "\n";
    let out = line(["file", "expect", "check", "track", "ms", "verdict"]);
    out += line(W.map((w) => "-".repeat(w)));
    for (const r of results) {
      const code = (run) =>
        run.killedFor ? run.killedFor : run.signal ? run.signal : String(run.code);
      out += line([r.file, r.expect, code(r.check), code(r.track), r.ms, r.verdict]).trimEnd();
      out += r.verdict === "ok" ? "\n" : `  ← ${r.why}\n`;
    }
    out += "\n";
    for (const [expect, t] of Object.entries(sum.byExpect))
      out += `${pad(expect, 7)} ${t.files} files: ${t.ok} ok, ${t.wrong} wrong, ${t.crash} crashes, ${t.hang} hangs\n`;
    out += `\nTotal: ${sum.files} files, ${sum.ok} ok — crashes: ${sum.crashes}, hangs: ${sum.hangs}, wrong verdicts: ${sum.wrong}`;
    out += ` (slowest run ${(sum.slowestMs / 1000).toFixed(1)} s, wall ${(sum.wallMs / 1000).toFixed(0)} s, concurrency ${opts.concurrency})\n`;
    process.stdout.write(out);
  }
  return sum.crashes + sum.hangs + sum.wrong > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`reliability: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
