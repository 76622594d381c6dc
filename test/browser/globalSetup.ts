/**
 * Starts the static server (test/browser/server.mjs) for the browser suite in its own process
 * group, after checking that what it serves was built (`npm run build:test-web`) and that
 * Chromium is installed. The URL goes to the tests in PT_BROWSER_BASE_URL.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CHROMIUM, FAKE_BUNDLE, ROOT } from "./paths";

export default async function globalSetup(): Promise<void> {
  const missing = [
    join(ROOT, "dist-web/taskpane.html"),
    join(ROOT, "dist-web/office.js"),
    join(ROOT, "dist-web/o15apptofilemappingtable.js"),
    FAKE_BUNDLE,
  ].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(
      `The browser suite needs the test build (${missing.join(", ")} missing): ` +
        "run `npm run build:test-web`, or `npm run test:browser` which builds first.",
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (apt-get install chromium); ` +
        "`npx playwright install` is not used.",
    );
  }
  const child = spawn(process.execPath, [join(ROOT, "test/browser/server.mjs"), "0"], {
    cwd: ROOT,
    // Its own process group, so teardown can kill it (and anything it started) as a group.
    detached: true,
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("static server did not start in 10 s")), 10000);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`static server exited (code ${code})`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const m = /listening (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  child.removeAllListeners("exit");
  child.stdout?.destroy();
  child.unref();
  child.channel?.unref();
  process.env.PT_BROWSER_BASE_URL = url;
  (globalThis as { __PT_SERVER__?: typeof child }).__PT_SERVER__ = child;
}
