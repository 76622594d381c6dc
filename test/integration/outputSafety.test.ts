/**
 * Outputs never contain a formula built from user text (formula injection, OWASP "CSV
 * injection" in spreadsheet form): a plan whose cells hold "=HYPERLINK(...)", "+1+1", "@SUM(1)",
 * "-2+3" goes through track, summary and rollup; every formula in every output (cells, data
 * validations, conditional formats, defined names) is one of the tool's own shapes and contains
 * none of those strings, and the strings themselves are stored as text.
 */
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { cli, STACK_TRACE } from "../helpers/cli";
import { SAMPLE_HEADER } from "../helpers/grid";
import { tempDir } from "../helpers/xlsx";

const HOSTILE = ['=HYPERLINK("http://x","click")', "+1+1", "@SUM(1)", "-2+3", "=1+2", "\t=3+4"];
/** Fragments of the hostile strings that no formula of ours contains. */
const FRAGMENTS = ["HYPERLINK", "http://x", "1+1", "SUM(1)", "2+3", "1+2", "3+4", "@"];
/** Every function the tool's formulas use (trackers, summaries, rollups, rules, validations). */
const KNOWN_FUNCTIONS = new Set([
  "AND",
  "COUNTIFS",
  "DATE",
  "IF",
  "IFERROR",
  "ISNUMBER",
  "ISTEXT",
  "N",
  "OR",
  "SEARCH",
  "SUM",
  "SUMIFS",
  "SUMPRODUCT",
  "TODAY",
]);

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&");
}

interface Scan {
  formulas: string[];
  /** Cell texts with how they are stored: "s" (shared), "inlineStr", "str" (formula result). */
  texts: { text: string; type: string }[];
}

async function scan(path: string): Promise<Scan> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const formulas: string[] = [];
  const texts: { text: string; type: string }[] = [];
  const sstXml = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
  const sst = [...sstXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    decode([...(m[1] ?? "").matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join("")),
  );
  for (const name of Object.keys(zip.files)) {
    if (!/^xl\/(worksheets\/[^/]+|workbook)\.xml$/.test(name)) continue;
    const xml = await zip.file(name)!.async("string");
    for (const m of xml.matchAll(/<(f|formula|formula1|formula2|definedName)\b[^>]*>([^<]*)</g))
      formulas.push(decode(m[2] ?? ""));
    for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const type = /\bt="(\w+)"/.exec(m[1] ?? "")?.[1] ?? "n";
      const body = m[2] ?? "";
      if (type === "s") {
        const v = /<v>(\d+)<\/v>/.exec(body);
        if (v) texts.push({ text: sst[Number(v[1])] ?? "", type });
      } else if (type === "inlineStr") {
        texts.push({ text: decode(/<t[^>]*>([^<]*)<\/t>/.exec(body)?.[1] ?? ""), type });
      } else if (type === "str") {
        texts.push({ text: decode(/<v>([^<]*)<\/v>/.exec(body)?.[1] ?? ""), type });
      }
    }
  }
  return { formulas, texts };
}

describe("no formula is ever built from user text", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const plan = join(tmp.dir, "plan.xlsx");
  const tracker = join(tmp.dir, "tracker.xlsx");
  const outputs: string[] = [];

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Kế hoạch");
    ws.addRow([...SAMPLE_HEADER]);
    HOSTILE.forEach((text, i) => {
      ws.addRow([
        i + 1,
        text, // the title
        i % 3 === 0 ? text : `Quý ${["I", "II", "III", "IV"][i % 4]}/2023`, // some unreadable
        "01",
        i % 2 === 0 ? text : "phóng sự", // the product type: some invalid, quoted back in Kiểm tra
        "05 phút",
        text, // the unit: summaries group by it
        1_000_000,
        text, // a note
      ]);
    });
    await wb.xlsx.writeFile(plan);

    const run = async (argv: string[]): Promise<void> => {
      const r = await cli(argv);
      expect({ argv, code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
      expect(r.stderr).not.toMatch(STACK_TRACE);
    };
    await run(["track", plan, "-o", tracker, "--as-of", "2023-09-20"]);
    const summary = ["--xlsx", join(tmp.dir, "summary.xlsx"), "--pdf", join(tmp.dir, "s.pdf")];
    await run(["summary", tracker, ...summary]);
    // A district file whose NAME looks like a formula too: rollups list file names.
    const oddName = join(tmp.dir, "+1+1.xlsx");
    copyFileSync(tracker, oddName);
    await run(["rollup", tracker, oddName, "-o", join(tmp.dir, "rollup.xlsx")]);
    outputs.push(tracker, join(tmp.dir, "summary.xlsx"), join(tmp.dir, "rollup.xlsx"));
  });

  it("every formula in every output is one of the tool's own shapes", async () => {
    const offending: string[] = [];
    const unknown = new Set<string>();
    let count = 0;
    for (const path of outputs) {
      const { formulas } = await scan(path);
      count += formulas.length;
      for (const f of formulas) {
        if (FRAGMENTS.some((x) => f.includes(x))) offending.push(`${path}: ${f}`);
        for (const m of f.matchAll(/([A-Z][A-Z0-9.]*)\(/g))
          if (!KNOWN_FUNCTIONS.has(m[1] ?? "")) unknown.add(`${m[1]} in ${f}`);
      }
    }
    expect(count).toBeGreaterThan(20);
    expect(offending).toEqual([]);
    expect([...unknown]).toEqual([]);
  });

  it("the user's strings are stored as text cells, in the tracker and the summaries", async () => {
    const { texts } = await scan(tracker);
    for (const text of HOSTILE) {
      const cells = texts.filter((t) => t.text === text);
      expect({ text, stored: cells.length > 0 }).toEqual({ text, stored: true });
      for (const c of cells) expect(["s", "inlineStr"]).toContain(c.type);
    }
    for (const path of [join(tmp.dir, "summary.xlsx"), join(tmp.dir, "rollup.xlsx")]) {
      const { texts: out } = await scan(path);
      for (const t of out.filter((x) => HOSTILE.includes(x.text) || x.text === "+1+1.xlsx"))
        expect(["s", "inlineStr"]).toContain(t.type);
    }
    const { texts: summary } = await scan(join(tmp.dir, "summary.xlsx"));
    expect(summary.some((t) => HOSTILE.includes(t.text))).toBe(true);
    const { texts: rollup } = await scan(join(tmp.dir, "rollup.xlsx"));
    expect(rollup.some((t) => t.text.startsWith("+1+1"))).toBe(true);
  });

  it("exceljs reads those cells back as strings, not formulas", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(tracker);
    const ws = wb.getWorksheet("Kế hoạch")!;
    const found: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string" && HOSTILE.includes(cell.value)) {
          expect(cell.type).toBe(ExcelJS.ValueType.String);
          found.push(cell.value);
        }
      }),
    );
    expect(new Set(found)).toEqual(new Set(HOSTILE));
  });

  it("check --csv escapes every text field that could start a formula (OWASP)", async () => {
    const r = await cli(["check", plan, "--csv", "--lang", "en"]);
    expect([0, 1]).toContain(r.code);
    const lines = r.stdout
      .replace(/^\ufeff/, "")
      .split("\r\n")
      .filter((l) => l !== "");
    expect(lines[0]).toBe(
      '"Sheet","Cell","Row","Severity","Code","Field","Value","Message","Suggestion"',
    );
    expect(lines.length).toBeGreaterThan(1);
    // No field, quoted or not, starts with = + - @ tab or CR.
    for (const line of lines)
      for (const field of line.match(/"(?:[^"]|"")*"|[^,]+/g) ?? []) {
        const text = field.startsWith('"') ? field.slice(1, -1) : field;
        if (field.startsWith('"')) expect(text).not.toMatch(/^[=+\-@\t\r]/);
      }
    expect(r.stdout).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
  });
});
