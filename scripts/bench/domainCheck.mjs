/**
 * `check` throughput of the pure domain: checkWorkbook (dist/) on an in-memory grid of N
 * generated plan rows with realistic strings. Prints {"rowsPerSecond":[…]} — one figure per run,
 * after one warm-up run.   node scripts/bench/domainCheck.mjs ROWS RUNS
 */
import { createRequire } from "node:module";
import { planDocument } from "./generate.mjs";

const require = createRequire(import.meta.url);
const { checkWorkbook } = require("../../dist/domain/check.js");
const { planWorkbookLayout } = require("../../dist/domain/planWorkbook.js");

const rows = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 5);

/**
 * The grid `import` would write for the generated plan, budgets filled in, as SheetData — a new
 * one for every run, numbered from `first`, its strings flat and new as a file reader makes them:
 * nothing a run caches can serve the next.
 */
function grid(n, first) {
  const [sheet] = planWorkbookLayout(planDocument(n, first)).sheets;
  const budgets = ["15.000.000", "15.000.000 đồng", "500.000 đ", "2,5 triệu đồng", 12000000, null];
  const out = [];
  for (const c of sheet.cells) {
    const row = (out[c.row - 1] ??= []);
    row[c.col - 1] = c.value ?? null;
    if (c.row > 4 && c.col === 8) row[7] = budgets[(c.row - 5) % budgets.length];
  }
  for (let r = 0; r < out.length; r++) {
    out[r] ??= [];
    for (let c = 0; c < out[r].length; c++) out[r][c] ??= null;
  }
  return JSON.parse(
    JSON.stringify({ sheets: [{ name: sheet.name, rows: out, merges: [...sheet.merges] }] }),
  );
}

const opts = { today: "2023-09-20", asOf: "2023-09-20" };
const results = [];
const cpu = [];
for (let i = 0; i <= runs; i++) {
  const wb = grid(rows, i * rows);
  // The previous run's garbage is collected before the clock starts, not during this run.
  globalThis.gc?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = checkWorkbook(wb, opts);
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (result.summary.items !== rows)
    throw new Error(`read ${result.summary.items} of ${rows} items`);
  if (i > 0) {
    results.push(rows / (ms / 1000));
    // CPU time (this thread and V8's GC helpers): what other jobs on a shared machine do not
    // inflate, shown beside the wall-clock figure.
    cpu.push(rows / ((c.user + c.system) / 1e6));
  }
}
console.log(JSON.stringify({ rowsPerSecond: results, rowsPerCpuSecond: cpu }));
