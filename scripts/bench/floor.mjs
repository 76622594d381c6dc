/**
 * The floor a command is measured against: what bare exceljs costs for the same file, in its own
 * process (run with --import ./scripts/bench/rss.mjs for the peak RSS).
 *   node scripts/bench/floor.mjs rw IN OUT     readFile + writeFile (the floor of `track`)
 *   node scripts/bench/floor.mjs read IN...    readFile of each file in turn (`check`, `rollup`)
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ExcelJS = require("exceljs");

const [mode, ...files] = process.argv.slice(2);
if (mode === "rw") {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(files[0]);
  await wb.xlsx.writeFile(files[1]);
} else if (mode === "read") {
  for (const file of files) await new ExcelJS.Workbook().xlsx.readFile(file);
} else {
  console.error("usage: floor.mjs rw IN OUT | read IN...");
  process.exit(2);
}
