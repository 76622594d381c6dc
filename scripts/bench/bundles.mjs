/**
 * Task-pane bundle sizes from a webpack build (webpack's Node API, output in .bench/, never in
 * dist-web/ where the dev server and the browser tests build). Reports every emitted JS file of
 * the taskpane entry (initial) and the lazy chunks, raw and gzipped (zlib.gzipSync, level 9).
 *   node scripts/bench/bundles.mjs production|development OUT_DIR
 * Prints {"mode","initial":[{file,bytes,gzip}],"lazy":[{name,file,bytes,gzip,modules}],…}.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const [mode = "production", outDir = join(ROOT, ".bench/web")] = process.argv.slice(2);

const webpack = require(join(ROOT, "node_modules/webpack"));
const config = await require(join(ROOT, "webpack.config.js"))({}, { mode });
config.output = { ...config.output, path: resolve(outDir), clean: true };
config.infrastructureLogging = { level: "error" };

const stats = await new Promise((ok, fail) =>
  webpack(config, (err, result) => (err ? fail(err) : ok(result))),
);
if (stats.hasErrors()) {
  console.error(stats.toString({ all: false, errors: true }));
  process.exit(1);
}
const json = stats.toJson({ all: false, chunks: true, chunkModules: true, entrypoints: true });
const size = (file) => {
  const bytes = readFileSync(join(outDir, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const js = (files) => files.filter((f) => f.endsWith(".js"));
const initialFiles = js(json.entrypoints.taskpane.assets.map((a) => a.name));
const lazy = json.chunks
  .filter((c) => !c.initial)
  .map((c) => ({
    name: (c.names ?? [])[0] ?? String(c.id),
    ...size(js(c.files)[0]),
    // Which packages the chunk holds, to prove e.g. that exceljs is not in the initial script.
    packages: [
      ...new Set(
        (c.modules ?? [])
          .map((m) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(m.name ?? "")?.[1])
          .filter(Boolean),
      ),
    ],
  }));
const initialChunk = json.chunks.find((c) => c.initial && (c.names ?? []).includes("taskpane"));
const initialPackages = [
  ...new Set(
    (initialChunk?.modules ?? [])
      .map((m) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(m.name ?? "")?.[1])
      .filter(Boolean),
  ),
];
console.log(
  JSON.stringify({
    mode,
    initial: initialFiles.map(size),
    initialPackages,
    lazy,
  }),
);
