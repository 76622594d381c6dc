/** Stops the static server started by globalSetup.ts: its whole process group, by id. */
import type { ChildProcess } from "node:child_process";

export default function globalTeardown(): void {
  const child = (globalThis as { __PT_SERVER__?: ChildProcess }).__PT_SERVER__;
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // Already gone (it also exits when the test runner disconnects).
  }
  if (child.connected) child.disconnect();
}
