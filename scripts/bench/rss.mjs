/**
 * Preloaded into every measured child (`node --import ./scripts/bench/rss.mjs …`): at exit, writes
 * the process's peak resident set size to $BENCH_RSS_FILE. One process per measured run, so the
 * peak is that run's own, not the bench's.
 */
import { writeFileSync } from "node:fs";

const out = process.env.BENCH_RSS_FILE;
if (out) {
  process.on("exit", () => {
    // resourceUsage().maxRSS is in kilobytes.
    writeFileSync(out, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
  });
}
