/** Where the browser suite finds its pieces. */
import { join, resolve } from "node:path";

export const ROOT = resolve(__dirname, "../..");
/** Debian's chromium (installed by .ci/run); playwright's own browser downloads are not used. */
export const CHROMIUM = "/usr/bin/chromium";
/** The fake Excel API bundled for the page by test/browser/build.mjs. */
export const FAKE_BUNDLE = join(ROOT, "test/.tmp/browser/fake-excel.js");
/** Kept by CI: one picture per step and language. */
export const SCREENSHOTS = join(ROOT, "test/browser/screenshots");
export const SAMPLE_PLAN_TEXT = join(ROOT, "assets/samples/ke-hoach-2023.txt");
export const CLI = join(ROOT, "bin/plan-tracker.js");
/** Microsoft's Excel JavaScript client, loaded into the page before the fake host. */
export const EXCEL_CLIENT = join(
  ROOT,
  "node_modules/@microsoft/office-js/dist/excel-web-16.00.debug.js",
);
