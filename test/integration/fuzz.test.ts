/**
 * A short, fixed-seed pass of the mutation fuzzer (`npm run fuzz`, scripts/fuzz.mjs): mutated
 * trackers through the built CLI's check (and track), with 0 failures — no uncaught exception,
 * no stack trace, no exit code other than 0/1/2, no hang, no change to Object.prototype.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertBuilt, ROOT } from "../helpers/built";

interface FuzzSummary {
  seed: number;
  iterations: number;
  failures: number;
  exitCodes: Record<string, number>;
  saved: string[];
}

it("150 mutated inputs, seed 20231, 0 failures", async () => {
  assertBuilt();
  const out = mkdtempSync(join(tmpdir(), "pt-fuzz-fail-"));
  try {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, "scripts/fuzz.mjs"),
        ...["--iterations", "150", "--seconds", "240", "--seed", "20231", "--out", out, "--json"],
      ],
      { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    const summary = JSON.parse(stdout) as FuzzSummary;
    expect({ failures: summary.failures, saved: summary.saved }).toEqual({
      failures: 0,
      saved: [],
    });
    expect(summary.iterations).toBe(150);
    // The mutations reach every outcome: accepted (0/1) and refused (2).
    expect(summary.exitCodes["2"]).toBeGreaterThan(0);
    expect((summary.exitCodes["0"] ?? 0) + (summary.exitCodes["1"] ?? 0)).toBeGreaterThan(0);
    expect(code).toBe(0);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 300_000);
