/**
 * The performance benchmark (issue 8): `npm run bench` prints ONE table. Every time and peak-RSS
 * figure is the median of several runs, each run in its own process (peak RSS is the child's own
 * `process.resourceUsage().maxRSS`, reported at exit by scripts/bench/rss.mjs), and every ratio
 * compares two medians measured in this same run, the product's and its floor's, interleaved run
 * by run. These machines are noisy: read the ratios, not the absolute times.
 *
 *   npm run bench          full sizes (1k/10k/50k rows; about 10 minutes, the first time longer:
 *                          fixtures and the production webpack build are cached in .bench/)
 *   npm run bench:smoke    smallest sizes, one run each; asserts the budgets that are COUNTS
 *                          (syncs, request bytes, rows parsed, bundle bytes) and exits 1 if one
 *                          is missed. Never asserts a time.
 *
 * Options: --smoke, --runs N (runs per figure), --only a,b (sections: track, check, domain,
 * office, bundles, pdf, rollup, startup), --json FILE (also write the raw results).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { communeTrackers, planFile, trackerFile } from "./bench/generate.mjs";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const BENCH = join(ROOT, ".bench");
const CLI = join(ROOT, "bin/plan-tracker.js");
const RSS = join(ROOT, "scripts/bench/rss.mjs");
const AS_OF = "2023-09-20";

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const SMOKE = flag("--smoke");
const RUNS = option("--runs") ? Number(option("--runs")) : SMOKE ? 1 : 5;
const ONLY = option("--only")?.split(",") ?? null;
const wanted = (section) => ONLY === null || ONLY.includes(section);

const SIZES = SMOKE
  ? {
      track: [1000],
      check: 1000,
      domain: 10_000,
      office: [10, 1000],
      live: 1000,
      pdf: 100,
      rollup: 10,
    }
  : {
      track: [1000, 10_000, 50_000],
      check: 50_000,
      domain: 100_000,
      office: [10, 1000, 10_000],
      live: 10_000,
      pdf: 1000,
      rollup: 200,
    };
/** Fewer runs where one run takes most of a minute. */
const runsFor = (rows) => (rows >= 50_000 ? Math.min(RUNS, 3) : RUNS);

if (!existsSync(join(ROOT, "dist/cli/main.js"))) {
  console.error("bench: dist/ is missing — run `npm run build:cli` first.");
  process.exit(2);
}
mkdirSync(BENCH, { recursive: true });
const scratch = join(tmpdir(), `plan-tracker-bench-${process.pid}`);
mkdirSync(scratch, { recursive: true });
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// Running children

let childNo = 0;

/**
 * Runs `node [nodeArgs] script args` in its own process; returns wall time (spawn to exit, as a
 * user waits for it), peak RSS and stdout. `ok` lists the accepted exit codes.
 */
function runNode(nodeArgs, args, { ok = [0], stdout = false } = {}) {
  const rssFile = join(scratch, `rss-${childNo++}.json`);
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", RSS, ...nodeArgs, ...args], {
      cwd: ROOT,
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
      stdio: ["ignore", stdout ? "pipe" : "ignore", "pipe"],
    });
    const out = [];
    const err = [];
    child.stdout?.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    child.on("error", fail);
    child.on("exit", (code) => {
      const ms = performance.now() - started;
      if (!ok.includes(code ?? -1)) {
        fail(
          new Error(
            `${args.join(" ")} exited ${code}:\n${Buffer.concat(err).toString().slice(-2000)}`,
          ),
        );
        return;
      }
      const rss = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, "utf8")).maxRssKb : NaN;
      done({ ms, rssMb: rss / 1024, stdout: Buffer.concat(out).toString() });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Product and floor, run alternately `runs` times (so drift hits both alike); medians of each.
 * `setup` runs before each product run (e.g. to delete the previous output).
 */
async function versus(runs, product, floor, setup = () => {}) {
  const p = [];
  const f = [];
  for (let i = 0; i < runs; i++) {
    f.push(await floor());
    setup();
    p.push(await product());
  }
  const med = (xs, k) => median(xs.map((x) => x[k]));
  return {
    product: { ms: med(p, "ms"), rssMb: med(p, "rssMb") },
    floor: { ms: med(f, "ms"), rssMb: med(f, "rssMb") },
    runs,
  };
}

// ---------------------------------------------------------------------------------------------
// The table

const rows = [];
const failures = [];
const results = {};

const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
const fmtMb = (mb) => `${Math.round(mb)} MB`;
const fmtKb = (b) => `${(b / 1024).toFixed(1)} KB`;
const fmtX = (x) => `${x.toFixed(2)}×`;

/**
 * One line of the table. `budget`: {text, ok, count} — `count` budgets (syncs, bytes, rows) are
 * asserted by the smoke form; time and memory budgets are only reported.
 */
function row(what, size, product, floor, ratio, budget) {
  const verdict = budget === undefined ? "" : budget.ok ? "✓" : "✗ missed";
  rows.push([what, size, product, floor, ratio, budget?.text ?? "", verdict]);
  if (budget && !budget.ok && (budget.count || !SMOKE))
    failures.push({ what, size, budget, count: !!budget.count });
}

function printTable() {
  const head = ["measure", "size", "product", "floor", "ratio", "budget", ""];
  const all = [head, ...rows];
  const width = head.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => String(c).padEnd(width[i])).join(" | ")} |`;
  console.log(line(head));
  console.log(`|${width.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}

const k = (n) => (n >= 1000 ? `${n / 1000}k` : String(n));

// ---------------------------------------------------------------------------------------------
// Sections

async function benchTrack() {
  for (const n of SIZES.track) {
    const plan = await planFile(BENCH, n);
    const out = join(scratch, `tracker-${n}.xlsx`);
    const floorOut = join(scratch, `floor-${n}.xlsx`);
    const r = await versus(
      runsFor(n),
      () => runNode([], [CLI, "track", plan, "-o", out, "--as-of", AS_OF, "--force"]),
      () => runNode([], [join(ROOT, "scripts/bench/floor.mjs"), "rw", plan, floorOut]),
    );
    results[`track-${n}`] = r;
    const last = n === SIZES.track[SIZES.track.length - 1] && !SMOKE;
    const tr = r.product.ms / r.floor.ms;
    const mr = r.product.rssMb / r.floor.rssMb;
    row(
      "track: time vs exceljs readFile+writeFile",
      `${k(n)} rows`,
      fmtMs(r.product.ms),
      fmtMs(r.floor.ms),
      fmtX(tr),
      last ? { text: "≤ 1.30×", ok: tr <= 1.3 } : undefined,
    );
    row(
      "track: peak RSS vs the same",
      `${k(n)} rows`,
      fmtMb(r.product.rssMb),
      fmtMb(r.floor.rssMb),
      fmtX(mr),
      last ? { text: "≤ 1.50×", ok: mr <= 1.5 } : undefined,
    );
  }
}

async function benchCheck() {
  const n = SIZES.check;
  const plan = await planFile(BENCH, n);
  const r = await versus(
    runsFor(n),
    // --json: the whole result is built and printed (to /dev/null), as a script would use it.
    () => runNode([], [CLI, "check", plan, "--json", "--as-of", AS_OF], { ok: [0, 1] }),
    () => runNode([], [join(ROOT, "scripts/bench/floor.mjs"), "read", plan]),
  );
  results[`check-${n}`] = r;
  const tr = r.product.ms / r.floor.ms;
  const mr = r.product.rssMb / r.floor.rssMb;
  const budgeted = !SMOKE;
  row(
    "check --json: time vs exceljs readFile",
    `${k(n)} rows`,
    fmtMs(r.product.ms),
    fmtMs(r.floor.ms),
    fmtX(tr),
    budgeted ? { text: "≤ 0.50×", ok: tr <= 0.5 } : undefined,
  );
  row(
    "check --json: peak RSS vs the same",
    `${k(n)} rows`,
    fmtMb(r.product.rssMb),
    fmtMb(r.floor.rssMb),
    fmtX(mr),
    budgeted ? { text: "≤ 0.30×", ok: mr <= 0.3 } : undefined,
  );
}

async function benchDomain() {
  const n = SIZES.domain;
  const { stdout } = await runNode(
    ["--expose-gc"],
    [join(ROOT, "scripts/bench/domainCheck.mjs"), String(n), String(Math.max(RUNS, 3))],
    { stdout: true },
  );
  const figures = JSON.parse(stdout);
  const rate = median(figures.rowsPerSecond);
  const cpuRate = median(figures.rowsPerCpuSecond);
  results.domain = { rows: n, rowsPerSecond: rate, rowsPerCpuSecond: cpuRate };
  row(
    "check, pure domain (checkWorkbook)",
    `${k(n)} rows`,
    `${Math.round(rate / 1000)}k rows/s (per CPU s: ${Math.round(cpuRate / 1000)}k)`,
    "",
    "",
    SMOKE ? undefined : { text: "≥ 200k rows/s", ok: rate >= 200_000 },
  );
}

async function benchOffice() {
  const { stdout } = await runNode(
    ["--import", join(ROOT, "scripts/bench/tsRequire.mjs")],
    [join(ROOT, "scripts/bench/office.mjs"), SIZES.office.join(","), String(SIZES.live)],
    { stdout: true },
  );
  const { commands, live } = JSON.parse(stdout);
  results.office = { commands, live };
  for (const command of ["convert", "check", "summaries"]) {
    const ms = commands.filter((c) => c.command === command);
    const syncs = ms.map((c) => c.syncs);
    const constant = syncs.every((s) => s === syncs[0]);
    const largest = Math.max(...ms.map((c) => c.largestRequestBytes));
    row(
      `Office.js ${command}: context.sync() count`,
      ms.map((c) => k(c.rows)).join("/"),
      syncs.join("/"),
      "",
      "",
      { text: "≤ 3, constant", ok: constant && syncs.every((s) => s <= 3), count: true },
    );
    row(
      `Office.js ${command}: largest request`,
      ms.map((c) => k(c.rows)).join("/"),
      ms.map((c) => fmtKb(c.largestRequestBytes)).join(" / "),
      "",
      "",
      { text: "≤ 5 MB", ok: largest <= 5 * 1024 * 1024, count: true },
    );
  }
  row(
    "live re-check after a one-cell edit: rows parsed",
    `${k(live.rows)} rows`,
    `${live.rowsParsed} (${live.syncs} syncs)`,
    "",
    "",
    {
      text: `= ${live.edited} edited row`,
      ok: live.rowsParsed === live.edited && live.flagged,
      count: true,
    },
  );
}

/** Hash of what goes into the task-pane bundle: a cached build is reused while it is current. */
function bundleHash() {
  const hash = createHash("sha256");
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(ROOT, path)).update(readFileSync(path));
    }
  };
  // The Node-only code (src/node, src/cli) is never bundled: editing it keeps the cache.
  for (const dir of readdirSync(join(ROOT, "src")).sort())
    if (dir !== "node" && dir !== "cli") walk(join(ROOT, "src", dir));
  for (const f of [
    "webpack.config.js",
    "tsconfig.web.json",
    "tsconfig.base.json",
    "package-lock.json",
  ])
    hash.update(f).update(readFileSync(join(ROOT, f)));
  return hash.digest("hex").slice(0, 16);
}

async function buildBundles(mode, hash) {
  const cache = join(BENCH, `bundles-${mode}-${hash}.json`);
  if (existsSync(cache)) return { ...JSON.parse(readFileSync(cache, "utf8")), cached: true };
  const out = join(BENCH, `web-${mode}`);
  const { stdout, ms } = await runNode([], [join(ROOT, "scripts/bench/bundles.mjs"), mode, out], {
    stdout: true,
  });
  const stats = { ...JSON.parse(stdout), buildMs: ms };
  writeFileSync(cache, JSON.stringify(stats));
  return { ...stats, cached: false };
}

async function benchBundles() {
  const hash = bundleHash();
  // The budget is the production build's, in the smoke form too (cached by a hash of the
  // sources): a development build is about twice the size unminified, and once the pane's own
  // code outgrew the budget there it stopped being a useful proxy.
  const mode = "production";
  const stats = await buildBundles(mode, hash);
  results.bundles = stats;
  const initialGz = stats.initial.reduce((a, f) => a + f.gzip, 0);
  const initialRaw = stats.initial.reduce((a, f) => a + f.bytes, 0);
  const heavy = ["exceljs", "pdfkit", "mammoth"].filter((p) => stats.initialPackages.includes(p));
  row(
    `task pane initial JS, gzipped (${mode}${stats.cached ? ", cached" : ""})`,
    stats.initial.map((f) => f.file).join(", "),
    fmtKb(initialGz),
    `raw ${fmtKb(initialRaw)}`,
    "",
    {
      text: "≤ 150 KB gz, no exceljs/pdfkit/mammoth",
      ok: initialGz <= 150 * 1024 && heavy.length === 0,
      count: true,
    },
  );
  for (const chunk of stats.lazy)
    row(
      `task pane lazy chunk "${chunk.name}", gzipped`,
      chunk.packages.join(", ") || "(own code)",
      fmtKb(chunk.gzip),
      `raw ${fmtKb(chunk.bytes)}`,
      "",
      undefined,
    );
}

async function benchPdf() {
  const n = SIZES.pdf;
  const tracker = await trackerFile(BENCH, n);
  const out = join(scratch, "summary.pdf");
  const r = await versus(
    RUNS,
    () => runNode([], [CLI, "summary", tracker, "--pdf", out, "--as-of", AS_OF]),
    () => runNode([], [join(ROOT, "scripts/bench/floor.mjs"), "read", tracker]),
  );
  results.pdf = r;
  row(
    "summary --pdf: time vs exceljs readFile",
    `${k(n)} items`,
    fmtMs(r.product.ms),
    fmtMs(r.floor.ms),
    fmtX(r.product.ms / r.floor.ms),
    undefined,
  );
  row(
    "summary --pdf: peak RSS vs the same",
    `${k(n)} items`,
    fmtMb(r.product.rssMb),
    fmtMb(r.floor.rssMb),
    fmtX(r.product.rssMb / r.floor.rssMb),
    undefined,
  );
}

async function benchRollup() {
  const n = SIZES.rollup;
  const files = await communeTrackers(BENCH, n);
  const out = join(scratch, "rollup.xlsx");
  const r = await versus(
    Math.min(RUNS, 3),
    () => runNode([], [CLI, "rollup", ...files, "-o", out, "--as-of", AS_OF]),
    () => runNode([], [join(ROOT, "scripts/bench/floor.mjs"), "read", ...files]),
    () => rmSync(out, { force: true }),
  );
  results.rollup = r;
  row(
    "rollup: time vs exceljs readFile of each",
    `${n} trackers`,
    fmtMs(r.product.ms),
    fmtMs(r.floor.ms),
    fmtX(r.product.ms / r.floor.ms),
    undefined,
  );
  row(
    "rollup: peak RSS vs the same",
    `${n} trackers`,
    fmtMb(r.product.rssMb),
    fmtMb(r.floor.rssMb),
    fmtX(r.product.rssMb / r.floor.rssMb),
    undefined,
  );
}

async function benchStartup() {
  const r = await versus(
    Math.max(RUNS, 5),
    () => runNode([], [CLI, "--help"]),
    () => runNode([], ["-e", "0"]),
  );
  results.startup = r;
  row(
    "start-up: plan-tracker --help vs node -e 0",
    "",
    fmtMs(r.product.ms),
    fmtMs(r.floor.ms),
    fmtX(r.product.ms / r.floor.ms),
    undefined,
  );
}

// ---------------------------------------------------------------------------------------------

const sections = [
  ["track", benchTrack],
  ["check", benchCheck],
  ["domain", benchDomain],
  ["office", benchOffice],
  ["bundles", benchBundles],
  ["pdf", benchPdf],
  ["rollup", benchRollup],
  ["startup", benchStartup],
];
const started = Date.now();
const crashed = [];
for (const [name, run] of sections) {
  if (!wanted(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  try {
    await run();
  } catch (err) {
    // One broken section must not lose the others' figures.
    crashed.push(name);
    row(`${name}: FAILED`, "", "", "", "", {
      text: String(err.message).split("\n")[0],
      ok: false,
      count: true,
    });
    process.stderr.write(`bench: ${name} failed: ${err.stack ?? err}\n`);
  }
}
console.log(
  `Plan Tracker bench${SMOKE ? " (smoke)" : ""} — node ${process.version}, ${RUNS} run(s) per figure ` +
    `(fewer at 50k rows), medians; ratio = product median / floor median, same run.`,
);
printTable();
const json = option("--json");
if (json) writeFileSync(resolve(json), JSON.stringify({ smoke: SMOKE, results, rows }, null, 2));
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
const counted = failures.filter((f) => f.count);
const timed = failures.filter((f) => !f.count);
if (timed.length > 0)
  console.log(
    `Missed time/memory budgets: ${timed.map((f) => `${f.what} (${f.size})`).join("; ")}`,
  );
if (counted.length > 0) {
  console.error(
    `bench: count budgets missed: ${counted.map((f) => `${f.what} (${f.size})`).join("; ")}`,
  );
  process.exit(1);
}
