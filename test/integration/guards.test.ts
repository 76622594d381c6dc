/**
 * The guards before and around exceljs (src/node/sheetGuards.ts, src/node/exceljsHost.ts): what
 * makes exceljs 4.4.0 hang, exhaust memory or write to Object.prototype is refused from the XML
 * before it parses anything, and an unknown slow or huge file ends with a clear message under a
 * time and memory limit instead of a hang or a crash.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PlanTrackerError } from "../../src/domain/diagnostics";
import { DEFAULT_GUARD_LIMITS, isReservedName, parseArea } from "../../src/node/sheetGuards";
import { inspectPackage } from "../../src/node/xlsxPackage";
import { assertBuilt, BIN } from "../helpers/built";
import { cli, STACK_TRACE } from "../helpers/cli";
import { tempDir } from "../helpers/xlsx";
import { buildXlsx, minimalParts } from "../helpers/zip";

const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;

function sheet(body: string, after = "", before = ""): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${before}<sheetData>${body}</sheetData>${after}</worksheet>`;
}

function workbook(sheetName: string, names = ""): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${NS}><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets>${names}</workbook>`;
}

const ROW1 = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c></row>`;

/** The refusal inspectPackage throws for these parts, or null when it accepts them. */
async function refusal(overrides: Record<string, string | null>): Promise<PlanTrackerError | null> {
  try {
    await inspectPackage(await buildXlsx(overrides), "test.xlsx");
    return null;
  } catch (err) {
    if (err instanceof PlanTrackerError) return err;
    throw err;
  }
}

function merges(n: number, ref = (i: number) => `A${i * 2 + 1}:B${i * 2 + 1}`): string {
  const cells = Array.from({ length: n }, (_, i) => `<mergeCell ref="${ref(i)}"/>`).join("");
  return `<mergeCells count="${n}">${cells}</mergeCells>`;
}

function validation(sqref: string): string {
  return `<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="${sqref}"><formula1>"a,b"</formula1></dataValidation></dataValidations>`;
}

describe("cheap guards on the sheet XML (before exceljs)", () => {
  it("refuses tens of thousands of merged cells, naming the sheet and the count", async () => {
    const err = await refusal({ "xl/worksheets/sheet1.xml": sheet(ROW1, merges(5_001)) });
    expect(err?.code).toBe("file.too-complex");
    expect(err?.text.en).toMatch(/the sheet "Kế hoạch" has 5 001 merged ranges \(at most 5 000\)/);
    expect(err?.text.en).toMatch(/tens of thousands of merged cells/);
    expect(err?.text.vi).toMatch(/5 001 vùng gộp ô/);
    expect(await refusal({ "xl/worksheets/sheet1.xml": sheet(ROW1, merges(5_000)) })).toBeNull();
  });

  it("refuses a merge covering a whole sheet (exceljs would create 17 billion cells)", async () => {
    const err = await refusal({
      "xl/worksheets/sheet1.xml": sheet(
        ROW1,
        merges(1, () => "A1:XFD1048576"),
      ),
    });
    expect(err?.code).toBe("file.too-complex");
    expect(err?.text.en).toMatch(/merged ranges cover more than 1 000 000 cells/);
  });

  it("refuses whole-sheet validation ranges, accepts one whole column", async () => {
    const whole = await refusal({
      "xl/worksheets/sheet1.xml": sheet(ROW1, validation("A1:XFD1048576")),
    });
    expect(whole?.code).toBe("file.too-complex");
    expect(whole?.text.en).toMatch(/data validation rule .* on A1:XFD1048576/);
    expect(whole?.text.en).toMatch(/Data > Data Validation/);
    const two = await refusal({
      "xl/worksheets/sheet1.xml": sheet(ROW1, validation("C1:C1048576 D1:D1048576")),
    });
    expect(two?.code).toBe("file.too-complex");
    expect(
      await refusal({ "xl/worksheets/sheet1.xml": sheet(ROW1, validation("C1:C1048576")) }),
    ).toBeNull();
  });

  it("refuses rows, cells and columns outside Excel's grid as damage", async () => {
    for (const [body, before, what] of [
      [`<row r="0"><c r="A1"><v>1</v></c></row>`, "", /row number "0"/],
      [`<row r="-1"><c r="A1"><v>1</v></c></row>`, "", /row number "-1"/],
      [`<row r="1048577"><c r="A1"><v>1</v></c></row>`, "", /row number "1048577"/],
      [`<row r="1"><c r="XFE1"><v>1</v></c></row>`, "", /address "XFE1"/],
      [`<row r="1"><c r="__proto__"><v>1</v></c></row>`, "", /address "__proto__"/],
      [ROW1, `<cols><col min="1" max="2000000000" width="9"/></cols>`, /columns 1–2000000000/],
      [ROW1, `<cols><col min="5" max="2" width="9"/></cols>`, /columns 5–2/],
    ] as const) {
      const err = await refusal({ "xl/worksheets/sheet1.xml": sheet(body, "", before) });
      expect(err?.code).toBe("file.corrupt");
      expect(err?.text.en).toMatch(what);
    }
    const badMerge = await refusal({
      "xl/worksheets/sheet1.xml": sheet(
        ROW1,
        merges(1, () => "constructor"),
      ),
    });
    expect(badMerge?.text.en).toMatch(/merged range "constructor"/);
  });

  it("refuses sheet ids exceljs would walk to or silently drop a sheet over", async () => {
    const two = (a: string, b: string): string =>
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${NS}><sheets><sheet name="A" sheetId="${a}" r:id="rId1"/><sheet name="B" sheetId="${b}" r:id="rId1"/></sheets></workbook>`;
    for (const [a, b] of [
      ["1", "2147483648"],
      ["0", "1"],
      ["1", "1"],
      ["1", "x"],
    ]) {
      const err = await refusal({ "xl/workbook.xml": two(a!, b!) });
      expect(err?.code).toBe("file.corrupt");
      expect(err?.text.en).toMatch(/invalid or repeated sheet id/);
    }
    expect(await refusal({ "xl/workbook.xml": two("1", "999999") })).toBeNull();
  });

  it("accepts a huge <dimension> and a cell in the last row and column (exceljs ignores the first)", async () => {
    const far = sheet(
      `${ROW1}<row r="1048576"><c r="XFD1048576"><v>7</v></c></row>`,
      "",
      `<dimension ref="A1:XFD1048576"/>`,
    );
    expect(await refusal({ "xl/worksheets/sheet1.xml": far })).toBeNull();
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, "far.xlsx");
      writeFileSync(file, await buildXlsx({ "xl/worksheets/sheet1.xml": far }));
      // A hang would fail on the test's time limit; how fast it is belongs to the bench.
      const r = await cli(["check", file, "--lang", "en"]);
      expect(r.stderr).toMatch(/No plan table was found/);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    } finally {
      tmp.cleanup();
    }
  });

  it("counts cells against the limit", async () => {
    const bytes = await buildXlsx({});
    const limits = { ...DEFAULT_GUARD_LIMITS, maxCells: 1 };
    await expect(inspectPackage(bytes, "t.xlsx", undefined, limits)).rejects.toMatchObject({
      code: "file.too-complex",
    });
    await expect(inspectPackage(bytes, "t.xlsx")).resolves.toBeDefined();
  });

  it("reads areas the way exceljs would expand them", () => {
    expect(parseArea("B3")).toEqual({ top: 3, left: 2, bottom: 3, right: 2 });
    expect(parseArea("$C$9:A1")).toEqual({ top: 1, left: 1, bottom: 9, right: 3 });
    expect(parseArea("A1:XFD1048576")).toEqual({ top: 1, left: 1, bottom: 1048576, right: 16384 });
    for (const bad of ["", "A0", "XFE1", "A1:B2:C3", "1:1", "A:A", "__proto__"])
      expect(parseArea(bad)).toBeNull();
  });
});

describe("prototype pollution: reserved sheet, defined and table names", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  const snapshot = (): string =>
    [Object.prototype, Object, Function.prototype, Array.prototype]
      .map((o) => Object.getOwnPropertyNames(o).sort().join(","))
      .join(" | ");
  const before = snapshot();

  const tableParts = (name: string): Record<string, string> => {
    const parts = minimalParts() as Record<string, string>;
    return {
      "[Content_Types].xml": parts["[Content_Types].xml"]!.replace(
        "</Types>",
        `<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>`,
      ),
      "xl/worksheets/sheet1.xml": sheet(
        ROW1,
        `<tableParts count="1"><tablePart r:id="rId1"/></tableParts>`,
      ),
      "xl/worksheets/_rels/sheet1.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table1.xml"/></Relationships>`,
      "xl/tables/table1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="${name}" displayName="${name}" ref="A1:B1"><tableColumns count="2"><tableColumn id="1" name="a"/><tableColumn id="2" name="b"/></tableColumns></table>`,
    };
  };

  const cases: [string, Record<string, string>][] = [
    ["a sheet called __proto__", { "xl/workbook.xml": workbook("__proto__") }],
    ["a sheet called constructor", { "xl/workbook.xml": workbook("constructor") }],
    ["a sheet called prototype", { "xl/workbook.xml": workbook("prototype") }],
    [
      "a sheet name spelled with character references",
      { "xl/workbook.xml": workbook("&#95;&#95;proto&#95;&#95;") },
    ],
    [
      "a defined name called __proto__",
      {
        "xl/workbook.xml": workbook(
          "Kế hoạch",
          `<definedNames><definedName name="__proto__">'Kế hoạch'!$A$1</definedName></definedNames>`,
        ),
      },
    ],
    [
      "a defined name pointing at '__proto__'!$A$1 (pollutes exceljs's matrixMap)",
      {
        "xl/workbook.xml": workbook(
          "Kế hoạch",
          `<definedNames><definedName name="x">'__proto__'!$A$1</definedName></definedNames>`,
        ),
      },
    ],
    [
      "a print area on a sheet called __proto__",
      {
        "xl/workbook.xml": workbook(
          "__proto__",
          `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">__proto__!$A$1:$B$2</definedName></definedNames>`,
        ),
      },
    ],
    [
      "a defined name pointing at constructor!$B$2",
      {
        "xl/workbook.xml": workbook(
          "Kế hoạch",
          `<definedNames><definedName name="y">constructor!$B$2</definedName></definedNames>`,
        ),
      },
    ],
    ["a table called __proto__", tableParts("__proto__")],
  ];

  it.each(cases)("refuses %s in check and track, touching no prototype", async (_label, parts) => {
    const file = join(tmp.dir, "hostile.xlsx");
    writeFileSync(file, await buildXlsx(parts));
    const check = await cli(["check", file, "--lang", "en"]);
    const track = await cli(["track", file, "-o", join(tmp.dir, "out.xlsx"), "--lang", "en"]);
    for (const r of [check, track]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/reserved word of JavaScript/);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
    expect(({} as Record<string, unknown>).anything).toBeUndefined();
    expect(({} as Record<string, unknown>)["1"]).toBeUndefined();
    expect(snapshot()).toBe(before);
  });

  it("the next, normal file still processes", async () => {
    const plan = join(tmp.dir, "plan.xlsx");
    const imported = await cli([
      "import",
      join(__dirname, "../../assets/samples/ke-hoach-2023.txt"),
      "-o",
      plan,
    ]);
    expect(imported.code).toBe(0);
    const check = await cli(["check", plan, "--json"]);
    expect([0, 1]).toContain(check.code);
    expect(JSON.parse(check.stdout)).toMatchObject({ summary: { items: 11 } });
    const track = await cli(["track", plan, "-o", join(tmp.dir, "tracker.xlsx")]);
    expect(track.code).toBe(0);
    expect(snapshot()).toBe(before);
  });

  it("knows the reserved names", () => {
    for (const name of ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"])
      expect(isReservedName(name)).toBe(true);
    for (const name of ["Kế hoạch", "Sheet1", "Constructor", "proto", "__proto"])
      expect(isReservedName(name)).toBe(false);
  });
});

describe("the time and memory limit around exceljs (built CLI, worker thread)", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  /** A valid sheet of `rows` × 10 numbers: passes every guard, takes exceljs a while. */
  async function bigFile(rows: number): Promise<string> {
    const body: string[] = [];
    for (let r = 1; r <= rows; r++) {
      let row = `<row r="${r}">`;
      for (let c = 0; c < 10; c++)
        row += `<c r="${String.fromCharCode(65 + c)}${r}"><v>${r * c}</v></c>`;
      body.push(`${row}</row>`);
    }
    const file = join(tmp.dir, `big-${rows}.xlsx`);
    writeFileSync(file, await buildXlsx({ "xl/worksheets/sheet1.xml": sheet(body.join("")) }));
    return file;
  }

  function run(args: string[], env: Record<string, string>): ReturnType<typeof spawnSync> {
    return spawnSync(process.execPath, [BIN, ...args, "--lang", "en"], {
      encoding: "utf8",
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
  }

  beforeAll(() => assertBuilt());

  it("stops a load past PLAN_TRACKER_LOAD_TIMEOUT with a notice and a clear message", async () => {
    const file = await bigFile(30_000);
    // track always reads with exceljs (check may use the one-pass reader of streamRead.ts).
    const r = run(["track", file, "-o", join(tmp.dir, "out.xlsx")], {
      PLAN_TRACKER_LOAD_TIMEOUT: "0.4",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Reading a large workbook .* \(limit 0\.4 s\)/);
    expect(r.stderr).toMatch(/took more than 0\.4 seconds, so the tool stopped/);
    expect(r.stderr).toMatch(/PLAN_TRACKER_LOAD_TIMEOUT/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it("ends a load that exceeds the worker's heap with a message, not a crash", async () => {
    const file = await bigFile(30_000);
    const r = run(["track", file, "-o", join(tmp.dir, "out.xlsx")], {
      PLAN_TRACKER_MAX_MEMORY_MB: "24",
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs more than 24 MB of memory to read/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toMatch(/FATAL ERROR/);
  });

  it("without limits hit, the same file is read normally", async () => {
    const file = await bigFile(2_000);
    const r = run(["track", file, "-o", join(tmp.dir, "out.xlsx")], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/No plan table was found/);
  });
});
