// Builds what the browser test suite serves (`npm run build:test-web`):
//   1. the task pane into dist-web/ — development mode, with PLAN_TRACKER_OFFICE_JS=local so the
//      pages load the REAL office.js from a local copy (the production build keeps the CDN);
//   2. the fake Excel API (test/fakes/excel/browser.ts) as one plain script for the page, into
//      test/.tmp/browser/fake-excel.js — a test artefact, never part of dist-web/.
// Both compile in parallel through webpack's Node API. Exits non-zero on any build error.
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const OUT = join(ROOT, "test/.tmp/browser");

process.env.PLAN_TRACKER_OFFICE_JS = "local";
const webpack = require(join(ROOT, "node_modules/webpack"));
const paneConfig = await require(join(ROOT, "webpack.config.js"))({}, { mode: "development" });

const fakeConfig = {
  name: "fake-excel",
  mode: "development",
  target: "web",
  devtool: false,
  context: ROOT,
  entry: { "fake-excel": "./test/fakes/excel/browser.ts" },
  output: { path: OUT, filename: "[name].js", clean: false },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: {
          loader: "ts-loader",
          options: {
            // Type-checked by `tsc -p tsconfig.json`; here it only needs to become JavaScript.
            transpileOnly: true,
            configFile: join(ROOT, "tsconfig.web.json"),
          },
        },
      },
    ],
  },
  performance: { hints: false },
};

mkdirSync(OUT, { recursive: true });
const started = Date.now();
const stats = await new Promise((resolvePromise, reject) => {
  webpack([paneConfig, fakeConfig], (err, result) => (err ? reject(err) : resolvePromise(result)));
});
if (stats.hasErrors()) {
  console.error(stats.toString({ all: false, errors: true, warnings: true, colors: false }));
  process.exit(1);
}
console.log(
  `build:test-web: dist-web/ (office.js local) and test/.tmp/browser/fake-excel.js ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
