/**
 * Top self-time functions of a V8 CPU profile (`node --cpu-prof`), for BENCHMARKS.md:
 *   node scripts/bench/profileTop.mjs PROFILE.cpuprofile [N]
 */
import { readFileSync } from "node:fs";

const [file, n = "25"] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
if (!file) {
  console.error("usage: node scripts/bench/profileTop.mjs PROFILE.cpuprofile [N]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]);
  const f = node.callFrame;
  const where = f.url
    ? `${f.url.replace(/^.*node_modules\//, "").replace(/^.*\/work\/main\//, "")}:${f.lineNumber + 1}`
    : "";
  const key = `${f.functionName || "(anonymous)"} ${where}`;
  self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
}
// --inclusive: time with callees (each function counted once per sample).
if (process.argv.includes("--inclusive")) {
  const parent = new Map();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  self.clear();
  for (let i = 0; i < profile.samples.length; i++) {
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      const where = f.url
        ? `${f.url.replace(/^.*node_modules\//, "").replace(/^.*\/work\/main\//, "")}:${f.lineNumber + 1}`
        : "";
      const key = `${f.functionName || "(anonymous)"} ${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
    }
  }
}
const total = dt.reduce((a, b) => a + b, 0);
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(n));
console.log(`total ${(total / 1000).toFixed(0)} ms`);
for (const [key, us] of top)
  console.log(
    `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`,
  );
