/**
 * The Office.js adapter on the fake Excel API (test/fakes/excel): context.sync() round trips and
 * the largest request payload of each command, and the rows the live re-check parses after a
 * one-cell edit. Counts, not times: they are exact and the same on every machine.
 *   node --import ./scripts/bench/tsRequire.mjs scripts/bench/office.mjs SIZES LIVE_ROWS
 * Prints {"commands":[{rows,command,syncs,largestRequestBytes}],"live":{rows,edited,rowsParsed}}.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createFakeWorkbook } = require("../../test/fakes/excel/index.ts");
const { ENV, generatedPlanRows } = require("../../test/helpers/officeFake.ts");
const session = require("../../src/adapters/officejs/session.ts");

const sizes = (process.argv[2] ?? "10,1000,10000").split(",").map(Number);
const liveRows = Number(process.argv[3] ?? 10000);
const SHEET = "Kế hoạch";

async function measure(fake, command, run) {
  fake.resetStats();
  await fake.run((ctx) => run(ctx));
  return {
    command,
    syncs: fake.stats.syncCount,
    largestRequestBytes: fake.stats.largestRequestBytes,
  };
}

const commands = [];
for (const rows of sizes) {
  const fake = createFakeWorkbook({ sheets: [{ name: SHEET, rows: generatedPlanRows(rows) }] });
  for (const m of [
    await measure(fake, "convert", (ctx) => session.convertToTracker(ctx, ENV)),
    await measure(fake, "check", (ctx) => session.checkOpenWorkbook(ctx, ENV)),
    // The pane's "summaries" step converts again: it rebuilds only what the tool owns.
    await measure(fake, "summaries", (ctx) => session.convertToTracker(ctx, ENV)),
  ])
    commands.push({ rows, ...m });
}

// Live re-check: a converted tracker, one period cell edited by the clerk.
const fake = createFakeWorkbook({ sheets: [{ name: SHEET, rows: generatedPlanRows(liveRows) }] });
await fake.run((ctx) => session.convertToTracker(ctx, ENV));
const edited = 4 + Math.ceil(liveRows / 2);
await fake.run(async (ctx) => {
  ctx.workbook.worksheets.getItem(SHEET).getRange(`C${edited}`).values = [["Quý VI/2023"]];
  await ctx.sync();
});
fake.resetStats();
const live = await fake.run((ctx) => session.liveRecheck(ctx, ENV, SHEET, [edited]));
if (!live) throw new Error("the live re-check did not run on the converted tracker");
const flagged = live.diagnostics.some((d) => d.code === "period.invalid-quarter");
console.log(
  JSON.stringify({
    commands,
    live: {
      rows: liveRows,
      edited: 1,
      rowsParsed: live.rowsParsed,
      syncs: fake.stats.syncCount,
      flagged,
    },
  }),
);
