/**
 * Lets a bench child `require()` the TypeScript sources that are not compiled to dist/ (the
 * Office.js adapter and the fake Excel API under test/): each .ts file is transpiled on load with
 * TypeScript's transpileModule (no type check; `npx tsc` does that).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Module = require("node:module");
const ts = require("typescript");

Module._extensions[".ts"] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, "utf8"), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  module._compile(outputText, filename);
};
