// Worker thread of the fuzzer (scripts/fuzz-lib.mjs Runner): runs the built CLI's run() on each
// request and reports its exit code, output, uncaught errors and any change to Object.prototype.
import { createRequire } from "node:module";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { ROOT } from "./fuzz-lib.mjs";

const require = createRequire(import.meta.url);
const { run } = require(workerData?.main ?? join(ROOT, "dist", "cli", "main.js"));

let uncaught = null;
process.on("uncaughtException", (err) => {
  uncaught = String(err?.stack ?? err);
});
process.on("unhandledRejection", (err) => {
  uncaught = String(err?.stack ?? err);
});

// Object.prototype, and the shared built-ins a "constructor"/"toString" key would reach.
const protoKeys = () =>
  [Object.prototype, Object, Function.prototype, Array.prototype]
    .map((o) => Object.getOwnPropertyNames(o).sort().join(","))
    .join(" | ");
const baseline = protoKeys();

parentPort.on("message", async ({ argv }) => {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    now: () => new Date("2023-09-20T09:00:00"),
    cwd: process.cwd(),
    stderrIsTTY: false,
  };
  uncaught = null;
  let code;
  try {
    code = await run(argv, io);
  } catch (err) {
    uncaught = `run() threw: ${String(err?.stack ?? err)}`;
    code = null;
  }
  // Give stray async errors of this run a moment to surface.
  await new Promise((r) => setTimeout(r, 0));
  const now = protoKeys();
  const probe = {}.fuzzProbe;
  const polluted =
    now !== baseline || probe !== undefined
      ? `built-in prototypes changed: ${now.slice(0, 300)}`
      : null;
  parentPort.postMessage({
    code,
    stdout: stdout.slice(0, 4000),
    stderr: stderr.slice(0, 4000),
    uncaught,
    polluted,
  });
});
