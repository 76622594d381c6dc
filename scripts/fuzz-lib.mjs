// Mutation fuzzing of the CLI's readers: mutators over valid .xlsx files, a seeded PRNG, and a
// runner thread that executes the BUILT CLI's `run()` in-process (dist/cli/main.js) and can be
// terminated when an input hangs it. Used by scripts/fuzz.mjs and test/integration/fuzz.test.ts.
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const JSZip = require("jszip");

/** mulberry32: small, fast, seedable. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (arr) => arr[int(arr.length)], chance: (p) => next() < p };
}

// ---------------------------------------------------------------------------------------------
// Byte-level mutators (no zip knowledge)

function flipBytes(bytes, r) {
  const out = Buffer.from(bytes);
  const n = 1 + r.int(16);
  for (let i = 0; i < n; i++) out[r.int(out.length)] ^= 1 << r.int(8);
  return { bytes: out, how: `flip ${n} bits` };
}

function truncate(bytes, r) {
  const at = r.int(bytes.length);
  return { bytes: Buffer.from(bytes.subarray(0, at)), how: `truncate at ${at}/${bytes.length}` };
}

function spliceGarbage(bytes, r) {
  const at = r.int(bytes.length);
  const junk = Buffer.from(Array.from({ length: 1 + r.int(64) }, () => r.int(256)));
  return {
    bytes: Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]),
    how: `insert ${junk.length} random bytes at ${at}`,
  };
}

function overwriteRun(bytes, r) {
  const out = Buffer.from(bytes);
  const at = r.int(out.length);
  const len = Math.min(out.length - at, 1 + r.int(256));
  const value = r.pick([0x00, 0xff, 0x41]);
  out.fill(value, at, at + len);
  return { bytes: out, how: `overwrite ${len} bytes at ${at} with 0x${value.toString(16)}` };
}

// ---------------------------------------------------------------------------------------------
// XML-level mutators (unzip with jszip, change one part's text, zip again)

/** Cell texts that the domain's parsers must survive. */
const ODD_TEXTS = [
  "Quý V/2023",
  "Quý I/99999",
  "tháng 13/2023",
  "31/02/2023",
  "từ 01/01/2023 đến 31/12/2022",
  "1.000.000.000.000.000.000 đồng",
  "-5 triệu",
  "99999999999 phút",
  "Đã phát sóng",
  "Hủy",
  "=HYPERLINK(&quot;http://x&quot;)",
  "+1+1",
  "@SUM(1)",
  "__proto__",
  "constructor",
  "\u202e\u0000\uffff",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
  "",
  " ",
  "x".repeat(5000),
];

const XML_MUTATIONS = [
  [
    "odd text in a shared string",
    (s, r) => {
      const ts = [...s.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)];
      if (ts.length === 0) return null;
      const m = r.pick(ts);
      const text = r
        .pick(ODD_TEXTS)
        .replace(/&(?!quot;)/g, "&amp;")
        .replace(/</g, "&lt;");
      return s.slice(0, m.index) + m[0].replace(m[1], text) + s.slice(m.index + m[0].length);
    },
  ],
  [
    "odd cell value",
    (s, r) => {
      const vs = [...s.matchAll(/<v>([^<]*)<\/v>/g)];
      if (vs.length === 0) return null;
      const m = r.pick(vs);
      const value = r.pick([
        "-1",
        "0",
        "1e308",
        "-1e308",
        "45000.5",
        "2958466",
        "NaN",
        "Infinity",
        "1.5",
        "99999999",
        "abc",
        "",
      ]);
      return s.slice(0, m.index) + `<v>${value}</v>` + s.slice(m.index + m[0].length);
    },
  ],
  [
    "change a cell's type",
    (s, r) => {
      const cs = [...s.matchAll(/<c r="[A-Z]+\d+"([^>]*?)(\/?)>/g)];
      if (cs.length === 0) return null;
      const m = r.pick(cs);
      const t = r.pick(["s", "n", "b", "e", "str", "inlineStr", "d"]);
      const attrs = m[1].replace(/\s*t="[^"]*"/, "");
      return (
        s.slice(0, m.index) +
        m[0].replace(m[1], `${attrs} t="${t}"`) +
        s.slice(m.index + m[0].length)
      );
    },
  ],
  [
    "delete a row",
    (s, r) => {
      const rows = [...s.matchAll(/<row [^>]*>[\s\S]*?<\/row>/g)];
      if (rows.length === 0) return null;
      const m = r.pick(rows);
      return s.slice(0, m.index) + s.slice(m.index + m[0].length);
    },
  ],
  [
    "duplicate a row",
    (s, r) => {
      const rows = [...s.matchAll(/<row [^>]*>[\s\S]*?<\/row>/g)];
      if (rows.length === 0) return null;
      const m = r.pick(rows);
      return s.slice(0, m.index) + m[0] + s.slice(m.index);
    },
  ],

  [
    "delete a closing tag",
    (s, r) => {
      const tags = [...s.matchAll(/<\/[\w:]+>/g)];
      if (tags.length === 0) return null;
      const m = r.pick(tags);
      return s.slice(0, m.index) + s.slice(m.index + m[0].length);
    },
  ],
  [
    "insert garbage",
    (s, r) => {
      const at = r.int(s.length);
      const junk = r.pick([
        "<",
        "&",
        "&bogus;",
        "<<>>",
        "\u0000",
        "]]>",
        "<!--",
        "<?x",
        "\"'",
        "<a b=>",
        "&#xFFFFFFF;",
        "</x>",
      ]);
      return s.slice(0, at) + junk + s.slice(at);
    },
  ],
  [
    "duplicate an attribute",
    (s, r) => {
      const attrs = [...s.matchAll(/\s([\w:]+)="[^"]*"/g)];
      if (attrs.length === 0) return null;
      const m = r.pick(attrs);
      const end = m.index + m[0].length;
      return s.slice(0, end) + m[0] + s.slice(end);
    },
  ],
  [
    "huge or odd number",
    (s, r) => {
      const nums = [...s.matchAll(/(?<=[">])-?\d+(\.\d+)?(?=["<])/g)];
      if (nums.length === 0) return null;
      const m = r.pick(nums);
      const value = r.pick([
        "99999999999999999999",
        "-1",
        "0",
        "1e308",
        "-0",
        "NaN",
        "4294967296",
        "1048577",
        "16385",
        "2147483648",
        "-2147483649",
        "0x10",
        "1.7976931348623157e309",
      ]);
      return s.slice(0, m.index) + value + s.slice(m.index + m[0].length);
    },
  ],
  [
    "negative or huge row index",
    (s, r) => {
      const rows = [...s.matchAll(/<row r="(\d+)"/g)];
      if (rows.length === 0) return null;
      const m = r.pick(rows);
      return s.replace(m[0], `<row r="${r.pick(["-1", "0", "1048577", "99999999", "abc"])}"`);
    },
  ],
  [
    "odd cell reference",
    (s, r) => {
      const cells = [...s.matchAll(/<c r="([A-Z]+\d+)"/g)];
      if (cells.length === 0) return null;
      const m = r.pick(cells);
      return s.replace(
        m[0],
        `<c r="${r.pick(["A0", "XFE1", "ZZZZ1", "A-1", "A1048577", "__proto__", "", "1A"])}"`,
      );
    },
  ],
  [
    "reserved name",
    (s, r) => {
      const names = [...s.matchAll(/\b(name|displayName)="([^"]*)"/g)];
      if (names.length === 0) return null;
      const m = r.pick(names);
      return s.replace(
        m[0],
        `${m[1]}="${r.pick(["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"])}"`,
      );
    },
  ],
  [
    "defined name to __proto__",
    (s) => {
      if (!s.includes("</workbook>")) return null;
      const names = `<definedNames><definedName name="x">'__proto__'!$A$1</definedName></definedNames>`;
      return s.includes("<definedNames>")
        ? s.replace(
            "<definedNames>",
            `<definedNames><definedName name="y">__proto__!$B$2</definedName>`,
          )
        : s.replace("</workbook>", `${names}</workbook>`);
    },
  ],
  [
    "whole-sheet validation",
    (s) => {
      if (!s.includes("</sheetData>")) return null;
      return s.replace(
        "</sheetData>",
        `</sheetData><dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>`,
      );
    },
  ],
  [
    "many merges",
    (s, r) => {
      if (!s.includes("</sheetData>")) return null;
      const n = r.pick([6000, 20000]);
      const merges = Array.from(
        { length: n },
        (_, i) => `<mergeCell ref="Z${i * 2 + 1}:AA${i * 2 + 1}"/>`,
      ).join("");
      return s.replace(
        /<mergeCells[^>]*>[\s\S]*?<\/mergeCells>|(?=<\/worksheet>)/,
        `<mergeCells count="${n}">${merges}</mergeCells>`,
      );
    },
  ],
  [
    "huge dimension and columns",
    (s, r) => {
      if (!s.includes("<sheetData")) return null;
      return r.chance(0.5)
        ? s.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
        : s.replace(
            /<cols>|(?=<sheetData)/,
            `<cols><col min="1" max="${r.pick(["16385", "2000000000", "0"])}" width="9"/>`,
          );
    },
  ],
  [
    "DOCTYPE",
    (s) => s.replace(/^(<\?xml[^>]*\?>)?/, (m) => `${m}<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>`),
  ],
  ["empty the part", () => ""],
  [
    "shared formula over the sheet",
    (s) => {
      const m = /<c r="[A-Z]+\d+"[^>]*[^/]>/.exec(s);
      if (!m) return null;
      return s.replace(m[0], `${m[0]}<f t="shared" ref="A1:XFD1048576" si="0">1+1</f>`);
    },
  ],
];

async function mutateXml(bytes, r) {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files).filter((n) => !zip.files[n].dir && /\.(xml|rels)$/i.test(n));
  if (parts.length === 0) return null;
  // Prefer the parts that matter: sheets, the workbook, shared strings, tables.
  const interesting = parts.filter((n) =>
    /worksheets\/|workbook\.xml$|sharedStrings|tables\//i.test(n),
  );
  // Not every mutation applies to every part: try a few pairs before giving up.
  for (let attempt = 0; attempt < 8; attempt++) {
    const part = r.chance(0.8) && interesting.length > 0 ? r.pick(interesting) : r.pick(parts);
    const text = await zip.file(part).async("string");
    const [label, fn] = r.pick(XML_MUTATIONS);
    const changed = fn(text, r);
    if (changed === null || changed === text) continue;
    zip.file(part, changed);
    return {
      bytes: await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }),
      how: `${label} in ${part}`,
    };
  }
  return null;
}

async function reorderEntries(bytes, r) {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  for (let i = names.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [names[i], names[j]] = [names[j], names[i]];
  }
  const out = new JSZip();
  for (const n of names) out.file(n, await zip.file(n).async("uint8array"));
  return {
    bytes: await out.generateAsync({
      type: "nodebuffer",
      compression: r.chance(0.5) ? "STORE" : "DEFLATE",
    }),
    how: "reorder zip entries",
  };
}

async function dropOrDuplicatePart(bytes, r) {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const victim = r.pick(names);
  if (r.chance(0.5)) {
    zip.remove(victim);
    return {
      bytes: await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }),
      how: `remove ${victim}`,
    };
  }
  zip.file(
    victim.toUpperCase() === victim ? victim.toLowerCase() : victim.toUpperCase(),
    await zip.file(victim).async("uint8array"),
  );
  return {
    bytes: await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }),
    how: `duplicate ${victim} under another case`,
  };
}

const MUTATORS = [
  [3, flipBytes],
  [1, truncate],
  [1, spliceGarbage],
  [1, overwriteRun],
  [14, mutateXml],
  [1, reorderEntries],
  [1, dropOrDuplicatePart],
];

/** One mutated input from one of the seeds: { bytes, how }. Stacks 1-2 mutations. */
export async function mutate(seeds, r) {
  const seed = r.pick(seeds);
  let current = { bytes: seed.bytes, how: seed.name };
  const rounds = r.chance(0.2) ? 2 : 1;
  for (let k = 0; k < rounds; k++) {
    const total = MUTATORS.reduce((n, [w]) => n + w, 0);
    let pick = r.int(total);
    let fn = MUTATORS[0][1];
    for (const [w, m] of MUTATORS) {
      if (pick < w) {
        fn = m;
        break;
      }
      pick -= w;
    }
    let next = null;
    try {
      next = await fn(current.bytes, r);
    } catch {
      next = null; // jszip could not read an already-broken input: flip bytes instead
    }
    if (next === null) next = flipBytes(current.bytes, r);
    current = { bytes: next.bytes, how: `${current.how} → ${next.how}` };
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// The runner thread

export const RUNNER = join(ROOT, "scripts", "fuzz-runner.mjs");

/**
 * A worker thread running dist/cli/main.js `run()`; `exec(argv)` resolves to the outcome, or to
 * { hang: true } after `hangMs` (the thread is then replaced).
 */
export class Runner {
  constructor({
    hangMs = 20_000,
    inThread = true,
    main = join(ROOT, "dist", "cli", "main.js"),
  } = {}) {
    this.hangMs = hangMs;
    this.inThread = inThread;
    this.main = main;
    this.worker = null;
    this.restarts = 0;
  }

  start() {
    this.worker = new Worker(RUNNER, {
      workerData: { main: this.main },
      env: {
        ...process.env,
        PLAN_TRACKER_IN_THREAD: this.inThread ? "1" : "",
        PLAN_TRACKER_LOAD_TIMEOUT: String(Math.max(1, Math.floor(this.hangMs / 2000))),
      },
      stdout: true,
      stderr: true,
    });
    this.worker.stdout.resume();
    this.worker.stderr.resume();
  }

  exec(argv) {
    if (this.worker === null) this.start();
    const worker = this.worker;
    return new Promise((done) => {
      let finished = false;
      const finish = (outcome) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        done(outcome);
      };
      const onMessage = (m) => finish(m);
      const onError = (err) => {
        this.worker = null;
        finish({ crash: `runner thread died: ${err?.message ?? err}` });
      };
      const onExit = (code) => {
        this.worker = null;
        finish({ crash: `runner thread exited (${code})` });
      };
      const timer = setTimeout(() => {
        this.worker = null;
        this.restarts++;
        void worker.terminate();
        finish({ hang: true });
      }, this.hangMs);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.postMessage({ argv });
    });
  }

  async close() {
    if (this.worker) await this.worker.terminate();
    this.worker = null;
  }
}

const STACK = /\n\s+at .+:\d+:\d+\)?/;

/** Why an outcome is a failure, or null: exit codes 0/1/2 with a clean stderr are fine. */
export function failureOf(outcome) {
  if (outcome.hang) return "hang";
  if (outcome.crash) return outcome.crash;
  if (outcome.uncaught) return `uncaught exception: ${outcome.uncaught}`;
  if (outcome.polluted) return `Object.prototype polluted: ${outcome.polluted}`;
  if (![0, 1, 2].includes(outcome.code)) return `exit code ${outcome.code}`;
  if (STACK.test(outcome.stderr)) return "stack trace on stderr";
  if (/Unexpected error|Lỗi không mong đợi/.test(outcome.stderr))
    return `unexpected error: ${outcome.stderr.split("\n")[0].slice(0, 200)}`;
  return null;
}
