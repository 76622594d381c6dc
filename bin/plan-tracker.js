#!/usr/bin/env node
"use strict";
// Thin launcher: the CLI is compiled from src/cli by `npm run build:cli` (run by `npm ci` via prepare).
let cli;
try {
  cli = require("../dist/cli/main.js");
} catch (err) {
  if (err && err.code === "MODULE_NOT_FOUND") {
    process.stderr.write(
      "plan-tracker: chưa biên dịch — chạy `npm run build:cli` (hoặc `npm ci`) trước. / " +
        "not built yet — run `npm run build:cli` (or `npm ci`) first.\n",
    );
    process.exit(2);
  }
  throw err;
}
cli.run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
