// A private copy of the built CLI (bin/, dist/, package.json; node_modules and assets linked), so
// a long measurement is not disturbed when someone rebuilds dist/ while it runs.
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function snapshotCli(root) {
  const dir = mkdtempSync(join(tmpdir(), "pt-cli-"));
  for (const entry of ["bin", "dist", "package.json"])
    cpSync(join(root, entry), join(dir, entry), { recursive: true });
  for (const entry of ["node_modules", "assets"]) symlinkSync(join(root, entry), join(dir, entry));
  return {
    root: dir,
    bin: join(dir, "bin", "plan-tracker.js"),
    main: join(dir, "dist", "cli", "main.js"),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
