/**
 * inspectPackage over every file of the shared corpus (../shared/corpus, MANIFEST.tsv read at
 * test time), plus small zips built here for the limits the corpus does not reach.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { PlanTrackerError } from "../../src/domain/diagnostics";
import { DEFAULT_LIMITS, inspectPackage, type LossyPart } from "../../src/node/xlsxPackage";
import { buildXlsx, buildZip, minimalParts, patchAll, SHEET } from "../helpers/zip";
import { CORPUS, corpusManifest, MANIFEST } from "../helpers/shared";

const PER_TEST_MS = 10_000;

const ROWS = corpusManifest();

/** The codes a rejection may carry (readXlsx's byte-level ones included). */
const REJECT_CODES = new Set([
  "file.corrupt",
  "file.duplicate-entries",
  "file.too-large",
  "file.xml-dtd",
  "file.encrypted",
  "file.legacy-xls",
  "file.empty",
  "file.empty-zip",
  "file.not-xlsx",
]);

/** Rejections whose reason is specific enough to pin down (the rest: any code above). */
const REJECT_EXPECTED: Record<string, { code: string; mentions?: RegExp }> = {
  "poi__clusterfuzz-testcase-minimized-POIFuzzer-5040805309710336.xlsx": {
    code: "file.corrupt",
    mentions: /Word document/,
  },
  "poi__clusterfuzz-testcase-minimized-POIXSSFFuzzer-5937385319563264.xlsx": {
    code: "file.corrupt",
    mentions: /CRC-32/,
  },
  "poi__poc-xmlbomb.xlsx": { code: "file.xml-dtd", mentions: /DOCTYPE/ },
  "poi__poc-xmlbomb-empty.xlsx": { code: "file.xml-dtd", mentions: /DOCTYPE/ },
  "poi__poc-shared-strings.xlsx": { code: "file.too-large", mentions: /shared strings/ },
  "poi__xlsx-corrupted.xlsx": { code: "file.corrupt", mentions: /outside the root element/ },
  "exceljs__invalid-xml.xlsx": { code: "file.corrupt", mentions: /outside the root element/ },
  "poi__duplicate-filename.xlsx": { code: "file.duplicate-entries" },
  "poi__duplicate-filename-case-insensitive.xlsx": {
    code: "file.duplicate-entries",
    mentions: /letter case/,
  },
  "poi__protected_passtika.xlsx": { code: "file.encrypted", mentions: /password-protected/ },
  "poi__protect.xlsx": { code: "file.encrypted", mentions: /password-protected/ },
  "poi__protected_sha512.xlsx": { code: "file.encrypted", mentions: /password-protected/ },
  "poi__invalid.xlsx": { code: "file.empty-zip" },
  "exceljs__missing-bits.xlsx": { code: "file.corrupt", mentions: /Content_Types/ },
};

/**
 * What each lossy file's notes say an exceljs rewrite drops, as LossyPart codes (exact set:
 * a code missing here and reported would be a false alarm). Where the report goes beyond the
 * note, the comment says why it is still a real loss.
 */
const LOSSY_EXPECTED: Record<string, readonly string[]> = {
  "poi__BrNotClosed.xlsx": ["form-control"],
  "poi__Excel_file_with_trash_item.xlsx": ["custom-xml", "custom-properties"],
  "poi__60255_extra_drawingparts.xlsx": ["chartsheet", "chart", "drawing"],
  "poi__hello-world-signed.xlsx": ["signature"],
  "poi__workbookProtection_workbook_structure_protected.xlsx": ["workbook-protection"],
  "poi__DataValidations-49244.xlsx": ["validation-formula"],
  "poi__DataValidationEvaluations.xlsx": ["validation-formula", "defined-name"],
  // + defined names whose values are formulas/table references (exceljs drops them too).
  "poi__dataValidationTableRange.xlsx": [
    "chart",
    "drawing",
    "query-table",
    "connection",
    "defined-name",
  ],
  // + a manual row and column break (exceljs does not read <rowBreaks>/<colBreaks> back).
  "poi__ConditionalFormattingSamples.xlsx": [
    "drawing",
    "page-break",
    "custom-xml",
    "custom-properties",
  ],
  "poi__NewStyleConditionalFormattings.xlsx": ["x14-conditional-format"],
  "poi__conditional_formatting_cell_is.xlsx": ["defined-name", "custom-xml", "custom-properties"],
  "poi__ExcelPivotTableSample.xlsx": ["pivot", "connection"],
  "poi__WithTwoCharts.xlsx": ["chart", "drawing"],
  // the chartsheet's drawing holds the chart frame.
  "poi__WithChartSheet.xlsx": ["chartsheet", "chart", "pivot", "drawing"],
  "poi__chart_sheet.xlsx": ["chartsheet", "chart", "drawing"],
  "poi__WithDrawing.xlsx": ["drawing"],
  "poi__WithTextBox.xlsx": ["drawing"],
  "poi__commentTest.xlsx": ["orphan-comment"],
  "poi__ExcelTables.xlsx": ["defined-name"],
  "poi__StructuredRefs-lots-with-lookups.xlsx": [
    "chart",
    "drawing",
    "external-link",
    "query-table",
    "connection",
    "defined-name",
    "defined-name-scope",
  ],
  "poi__SimpleMacro.xlsm": ["vba"],
  "poi__xlmmacro.xlsm": ["macrosheet"],
  "poi__ExcelWithAttachments.xlsm": ["vba", "drawing", "ole", "custom-properties"],
  "poi__WithEmbeded.xlsx": ["ole"],
  "poi__mv-calculator-final-2-20-2013.xlsm": [
    "vba",
    "form-control",
    "validation-formula",
    "defined-name",
  ],
  "poi__right-to-left.xlsx": ["threaded-comment"],
  "poi__CustomXMLMappings-complex-type.xlsx": ["xml-map"],
  // its "drawing shape" is the drawing-layer twin of the OLE object, reported as the object.
  "poi__58325_lt.xlsx": ["ole"],
  "poi__46535.xlsx": ["external-link", "defined-name-scope", "web-publishing"],
  "poi__65016.xlsx": ["chart", "drawing"],
  "poi__CVLKRA-KYC_Download_File_Structure_V3.1.xlsx": [
    "defined-name",
    "internal-hyperlink",
    "workbook-protection",
    "custom-properties",
  ],
  "poi__xlookup.xlsx": ["metadata"],
  "poi__simple-monthly-budget.xlsx": [
    "chart",
    "drawing",
    "defined-name",
    "custom-xml",
    "custom-properties",
  ],
  "poi__stress024.xlsx": ["chartsheet", "chart", "drawing", "external-link", "defined-name"],
  "exceljs__1519293514-KRISHNAPATNAM_LINE_UP.xlsx": ["drawing", "defined-name"],
  "exceljs__bogus-defined-name.xlsx": ["defined-name"],
  "exceljs__chart-sheet.xlsx": ["chartsheet", "chart", "drawing"],
  "exceljs__test-issue-771.xlsx": ["custom-properties"],
  "exceljs__test-issue-877.xlsx": [
    "defined-name",
    "defined-name-scope",
    "header-footer-image",
    "page-break",
  ],
  "exceljs__test-issue-880.xlsx": [
    "drawing",
    "defined-name",
    "defined-name-scope",
    "header-footer-image",
    "page-break",
  ],
  "exceljs__comments.xlsx": ["custom-properties"],
  "sheetjs__AutoFilter.xlsx": ["autofilter-criteria"],
  "sheetjs__write.xlsx": ["custom-properties"],
  "sheetjs__comments_stress_test.xlsx": ["orphan-comment"],
  "sheetjs__custom_properties.xlsx": ["custom-properties"],
  "sheetjs__formula_stress_test.xlsx": ["pivot"],
  "sheetjs__hyperlink_no_rels.xlsx": ["internal-hyperlink"],
  "sheetjs__metadata_2019.xlsx": ["rich-data", "metadata"],
  "sheetjs__phonetic_text.xlsx": ["phonetic"],
  "sheetjs__pivot_table_named_range.xlsx": ["pivot", "defined-name"],
  "sheetjs__threaded_comments_none.xlsx": ["threaded-comment"],
  "sheetjs__fn.xlsx": ["rich-data", "metadata", "custom-properties"],
  "xw__macro01.xlsm": ["vba"],
  "xw__dynamic_array01.xlsx": ["metadata"],
  "xw__embed_image01.xlsx": ["rich-data", "metadata"],
  "xw__checkbox01.xlsx": ["feature-property-bag"],
};

/**
 * `ok` files that still hold something an exceljs rewrite loses. The manifest could not see it
 * because exceljs loads the file as 0 sheets; the content itself is what makes other files lossy.
 */
const OK_BUT_LOSSY: Record<string, readonly string[]> = {
  // <hyperlink ref="A4" location="E2"/>: the same location-only link that makes
  // sheetjs__hyperlink_no_rels.xlsx lossy (exceljs keeps only links with an r:id).
  "sheetjs__wtf_path.xlsx": ["internal-hyperlink"],
};

/** What each code's English label must name, so a person knows what would be lost. */
const LABEL_MENTIONS: Record<string, RegExp> = {
  vba: /VBA/,
  macrosheet: /macro/i,
  chartsheet: /chart sheets/,
  chart: /charts/,
  pivot: /pivot/i,
  drawing: /shapes|text boxes/,
  "form-control": /form controls/,
  ole: /OLE/,
  "external-link": /other workbooks/,
  "query-table": /query tables/,
  connection: /connections/,
  "xml-map": /XML maps/,
  signature: /signatures/,
  "threaded-comment": /threaded comments/,
  "orphan-comment": /notes/,
  "rich-data": /rich values/,
  metadata: /metadata/,
  "feature-property-bag": /checkboxes/,
  "x14-conditional-format": /conditional formats/,
  "validation-formula": /NaN/,
  "defined-name": /defined names/,
  "defined-name-scope": /defined names/,
  "internal-hyperlink": /hyperlinks/,
  "autofilter-criteria": /AutoFilter/,
  phonetic: /phonetic/,
  "header-footer-image": /header\/footer/,
  "page-break": /page breaks/,
  "workbook-protection": /protection/,
  "web-publishing": /web publishing/,
  "custom-xml": /custom XML/,
  "custom-properties": /custom document properties/,
};

function corpusBytes(file: string): Buffer {
  return readFileSync(path.join(CORPUS, "xlsx", file));
}

async function outcome(bytes: Uint8Array, name: string): Promise<unknown> {
  try {
    return await inspectPackage(bytes, name);
  } catch (err) {
    return err;
  }
}

async function rejection(bytes: Uint8Array, name = "test.xlsx"): Promise<PlanTrackerError> {
  const result = await outcome(bytes, name);
  if (!(result instanceof PlanTrackerError)) {
    throw new Error(`expected a PlanTrackerError, got ${String(result)}`, { cause: result });
  }
  return result;
}

function expectRefusal(err: PlanTrackerError, name: string): void {
  expect(REJECT_CODES.has(err.code)).toBe(true);
  expect(err.text.vi.trim()).not.toBe("");
  expect(err.text.en.trim()).not.toBe("");
  // One paragraph that names the file, in both languages.
  expect(err.text.en).toContain(name);
  expect(err.text.vi).toContain(name);
  expect(err.text.en).not.toContain("\n");
}

/** ok files refused by the guards before exceljs (50 000 merges; a whole-sheet validation). */
const TOO_COMPLEX = new Set(["poi__57893-many-merges.xlsx", "exceljs__test-issue-1842.xlsx"]);

function codes(lossy: readonly LossyPart[]): string[] {
  return lossy.map((l) => l.code);
}

describe("inspectPackage over the shared corpus", () => {
  it("finds the corpus and its manifest", () => {
    if (!existsSync(MANIFEST)) {
      throw new Error(
        `The xlsx corpus is missing: expected ${MANIFEST} (the repo's sibling folder ../shared/corpus). These tests need it; they must not be skipped.`,
      );
    }
    expect(ROWS.length).toBeGreaterThanOrEqual(147);
    for (const row of ROWS) expect(existsSync(path.join(CORPUS, "xlsx", row.file))).toBe(true);
  });

  const rejects = ROWS.filter((r) => r.expect === "reject");
  const lossies = ROWS.filter((r) => r.expect === "lossy");
  const oks = ROWS.filter((r) => r.expect === "ok");

  if (rejects.length > 0)
    it.each(rejects)(
      "refuses $file",
      async ({ file, notes }) => {
        const result = await outcome(corpusBytes(file), file);
        // POI recovers these with its streaming reader: recovering is allowed, crashing is not.
        const lenient = /lenient recovery|POI opens it|POI reads it/i.test(notes);
        if (lenient && !(result instanceof Error)) return;
        if (!(result instanceof PlanTrackerError)) throw result;
        expectRefusal(result, file);
        const specific = REJECT_EXPECTED[file];
        if (specific !== undefined) {
          expect(result.code).toBe(specific.code);
          if (specific.mentions) expect(result.text.en).toMatch(specific.mentions);
        }
      },
      PER_TEST_MS,
    );

  if (lossies.length > 0)
    it.each(lossies)(
      "lists what a rewrite of $file would lose",
      async ({ file }) => {
        const report = await inspectPackage(corpusBytes(file), file);
        expect(report.lossy.length).toBeGreaterThanOrEqual(1);
        const expected = LOSSY_EXPECTED[file];
        if (expected === undefined) throw new Error(`add ${file} to LOSSY_EXPECTED`);
        expect(codes(report.lossy).sort()).toEqual([...expected].sort());
        for (const part of report.lossy) {
          expect(part.vi.trim()).not.toBe("");
          expect(part.en).toMatch(LABEL_MENTIONS[part.code] ?? /./);
        }
        expect(new Set(codes(report.lossy)).size).toBe(report.lossy.length);
      },
      PER_TEST_MS,
    );

  if (oks.length > 0)
    it.each(oks)(
      "accepts $file with nothing to lose",
      async ({ file }) => {
        if (TOO_COMPLEX.has(file)) {
          // Valid, but exceljs 4.4.0 does not finish loading them: sheetGuards.ts refuses them.
          await expect(inspectPackage(corpusBytes(file), file)).rejects.toMatchObject({
            code: "file.too-complex",
          });
          return;
        }
        const report = await inspectPackage(corpusBytes(file), file);
        expect(codes(report.lossy)).toEqual(OK_BUT_LOSSY[file] ?? []);
        expect(report.entries).toBeGreaterThan(0);
        expect(report.uncompressedBytes).toBeGreaterThan(0);
      },
      PER_TEST_MS,
    );

  it(
    "inspects the whole corpus twice with the same answers (its speed is in the bench, not here)",
    async () => {
      const first: string[] = [];
      for (const row of ROWS) {
        const r = await outcome(corpusBytes(row.file), row.file);
        first.push(JSON.stringify(r instanceof PlanTrackerError ? r.code : r));
      }
      const second: string[] = [];
      for (const row of ROWS) {
        const r = await outcome(corpusBytes(row.file), row.file);
        second.push(JSON.stringify(r instanceof PlanTrackerError ? r.code : r));
      }
      expect(second).toEqual(first);
    },
    PER_TEST_MS,
  );

  it("labels counts in both languages", async () => {
    const report = await inspectPackage(corpusBytes("poi__WithTwoCharts.xlsx"), "two-charts.xlsx");
    expect(report.lossy.find((l) => l.code === "chart")).toEqual({
      code: "chart",
      vi: "biểu đồ (2)",
      en: "charts (2)",
    });
  });
});

describe("inspectPackage on packages built in the test", () => {
  it("accepts a minimal workbook and reports nothing lost", async () => {
    const bytes = await buildXlsx();
    const report = await inspectPackage(bytes, "minimal.xlsx");
    expect(report.lossy).toEqual([]);
    expect(report.entries).toBe(6);
    expect(report.uncompressedBytes).toBeGreaterThan(0);
  });

  it("accepts a Uint8Array view into a larger buffer", async () => {
    const bytes = await buildXlsx();
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 8);
    const report = await inspectPackage(padded.subarray(8, 8 + bytes.length), "view.xlsx");
    expect(report.lossy).toEqual([]);
  });

  it(
    "refuses a zip bomb by its inflate ratio before inflating it",
    async () => {
      const zeros = new Uint8Array(50 * 1024 * 1024);
      const bytes = await buildXlsx({ "xl/media/image1.png": zeros });
      expect(bytes.length).toBeLessThan(1024 * 1024);
      const err = await rejection(bytes, "bomb.xlsx");
      expectRefusal(err, "bomb.xlsx");
      expect(err.code).toBe("file.too-large");
      expect(err.text.en).toMatch(/xl\/media\/image1\.png.*ratio 1:\d+/);
    },
    PER_TEST_MS,
  );

  it(
    "refuses 20 000 entries",
    async () => {
      const parts: Record<string, string> = {};
      for (let i = 0; i < 20_000; i++) parts[`xl/empty/${i}.bin`] = "";
      const err = await rejection(await buildXlsx(parts, { store: true }), "many.xlsx");
      expectRefusal(err, "many.xlsx");
      expect(err.code).toBe("file.too-large");
      expect(err.text.en).toMatch(/20006 entries/);
    },
    PER_TEST_MS,
  );

  it("refuses a total size over the limit, and a shared strings part over its own", async () => {
    const bytes = await buildXlsx({ "xl/media/image1.png": randomBytes(300_000) });
    const total = await inspectPackage(bytes, "t.xlsx", {
      ...DEFAULT_LIMITS,
      maxUncompressedBytes: 200_000,
    }).catch((e: unknown) => e);
    expect(total).toBeInstanceOf(PlanTrackerError);
    expect((total as PlanTrackerError).code).toBe("file.too-large");

    const sst = await inspectPackage(await buildXlsx(), "s.xlsx", {
      ...DEFAULT_LIMITS,
      maxSharedStringsBytes: 100,
    }).catch((e: unknown) => e);
    expect(sst).toBeInstanceOf(PlanTrackerError);
    expect((sst as PlanTrackerError).text.en).toMatch(
      /shared strings part "xl\/sharedStrings\.xml"/,
    );
  });

  it("refuses shared strings that expand past the limit when cells repeat them", async () => {
    const long = "x".repeat(100_000);
    const cells = Array.from({ length: 200 }, (_, i) => `<c r="A${i + 1}" t="s"><v>0</v></c>`);
    const bytes = await buildXlsx({
      "xl/sharedStrings.xml": `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${long}</t></si></sst>`,
      "xl/worksheets/sheet1.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cells.join("")}</row></sheetData></worksheet>`,
    });
    const limits = { ...DEFAULT_LIMITS, maxUncompressedBytes: 10_000_000 };
    const err = await inspectPackage(bytes, "amp.xlsx", limits).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlanTrackerError);
    expect((err as PlanTrackerError).code).toBe("file.too-large");
    await expect(inspectPackage(bytes, "amp.xlsx")).resolves.toBeDefined();
  });

  it("refuses any XML part with a DOCTYPE", async () => {
    const sst = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>`;
    const err = await rejection(await buildXlsx({ "xl/sharedStrings.xml": sst }), "xxe.xlsx");
    expectRefusal(err, "xxe.xlsx");
    expect(err.code).toBe("file.xml-dtd");
    expect(err.text.en).toContain("xl/sharedStrings.xml");

    const vml = `<!DOCTYPE x SYSTEM "file:///etc/passwd"><xml></xml>`;
    const inVml = await rejection(await buildXlsx({ "xl/drawings/vmlDrawing1.vml": vml }));
    expect(inVml.code).toBe("file.xml-dtd");
  });

  it("refuses two entries with the same name, or names differing only by case", async () => {
    const parts = { ...minimalParts(), "xl/worksheets/sheet2.xml": SHEET };
    const twice = patchAll(await buildZip(parts), "sheet2.xml", "sheet1.xml");
    const err = await rejection(twice, "dup.xlsx");
    expectRefusal(err, "dup.xlsx");
    expect(err.code).toBe("file.duplicate-entries");
    expect(err.text.en).toContain('"xl/worksheets/sheet1.xml"');

    const cased = patchAll(await buildZip(parts), "sheet2.xml", "Sheet1.xml");
    const caseErr = await rejection(cased, "case.xlsx");
    expect(caseErr.code).toBe("file.duplicate-entries");
    expect(caseErr.text.en).toMatch(/letter case/);
  });

  it("refuses an entry whose CRC-32 does not match (a flipped byte in a stored part)", async () => {
    const stored = await buildXlsx({}, { store: true });
    const flipped = patchAll(stored, "<v>42</v>", "<v>43</v>");
    const err = await rejection(flipped, "crc.xlsx");
    expectRefusal(err, "crc.xlsx");
    expect(err.code).toBe("file.corrupt");
    expect(err.text.en).toMatch(/xl\/worksheets\/sheet1\.xml.*CRC-32/);
  });

  it("refuses a truncated file, wherever it is cut", async () => {
    const bytes = await buildXlsx();
    for (const keep of [0.2, 0.5, 0.9, 0.99]) {
      const cut = bytes.subarray(0, Math.floor(bytes.length * keep));
      const err = await rejection(cut, "cut.xlsx");
      expectRefusal(err, "cut.xlsx");
      expect(err.code).toBe("file.corrupt");
    }
  });

  it("refuses damaged compressed data", async () => {
    const bytes = await buildXlsx({ "xl/media/image1.png": randomBytes(4096) });
    // The first entry ([Content_Types].xml) starts at 0: overwrite part of its deflate stream.
    const damaged = Buffer.from(bytes);
    damaged.fill(0xff, 120, 180);
    const err = await rejection(damaged, "damaged.xlsx");
    expectRefusal(err, "damaged.xlsx");
    expect(err.code).toBe("file.corrupt");
  });

  it("never inflates more than the central directory declares", async () => {
    const bytes = Buffer.from(await buildXlsx());
    // Shrink the declared size of sheet1.xml in its central-directory record.
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    let record = -1;
    for (let at = bytes.indexOf("PK\x01\x02", 0, "latin1"); at !== -1;) {
      if (bytes.subarray(at + 46, at + 46 + name.length).equals(name)) record = at;
      at = bytes.indexOf("PK\x01\x02", at + 4, "latin1");
    }
    expect(record).toBeGreaterThan(0);
    bytes.writeUInt32LE(10, record + 24);
    const err = await rejection(bytes, "liar.xlsx");
    expect(err.code).toBe("file.corrupt");
    expect(err.text.en).toMatch(/sheet1\.xml" inflates to more than its declared 10 bytes/);
  });

  it(
    "inflates a large binary part as a stream and still checks its CRC-32",
    async () => {
      const big = randomBytes(9 * 1024 * 1024);
      const good = await buildXlsx({ "xl/media/image1.png": big }, { store: true });
      const report = await inspectPackage(good, "big.xlsx");
      expect(report.uncompressedBytes).toBeGreaterThan(9 * 1024 * 1024);
      const deflated = await buildXlsx({ "xl/media/image1.png": big });
      await expect(inspectPackage(deflated, "big.xlsx")).resolves.toBeDefined();
      // Random data is kept in stored deflate blocks: a flipped byte inside one leaves the
      // stream valid, so only the CRC-32 can tell.
      const flipped = Buffer.from(deflated);
      flipped[4 * 1024 * 1024] = (flipped[4 * 1024 * 1024] ?? 0) ^ 0x01;
      const err = await rejection(flipped, "big.xlsx");
      expect(err.code).toBe("file.corrupt");
      expect(err.text.en).toMatch(/image1\.png.*CRC-32/);
    },
    PER_TEST_MS,
  );

  it("refuses malformed XML: text after the root, an unclosed root", async () => {
    const after = await rejection(await buildXlsx({ "xl/worksheets/sheet1.xml": `${SHEET}x` }));
    expect(after.code).toBe("file.corrupt");
    expect(after.text.en).toMatch(/sheet1\.xml.*outside the root element/);
    const unclosed = await rejection(await buildXlsx({ "xl/workbook.xml": "<workbook><sheets>" }));
    expect(unclosed.code).toBe("file.corrupt");
    expect(unclosed.text.en).toMatch(/never closed/);
  });

  it("refuses packages without [Content_Types].xml or without a workbook part", async () => {
    const noTypes = await rejection(await buildXlsx({ "[Content_Types].xml": null }));
    expect(noTypes.code).toBe("file.corrupt");
    expect(noTypes.text.en).toContain("[Content_Types].xml");
    const noWorkbook = await rejection(await buildXlsx({ "xl/workbook.xml": null }));
    expect(noWorkbook.code).toBe("file.corrupt");
    expect(noWorkbook.text.en).toMatch(/main workbook part/);
  });

  it("says a Word document is a Word document", async () => {
    const bytes = await buildZip({
      "[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
      "word/document.xml": "<w:document/>",
    });
    const err = await rejection(bytes, "ke-hoach.xlsx");
    expect(err.code).toBe("file.corrupt");
    expect(err.text.en).toMatch(/is a Word document/);
    expect(err.text.vi).toMatch(/tài liệu Word/);
  });

  it("lists x14 validations, internal links, filters and comments on empty cells", async () => {
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">
      <sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>
      <autoFilter ref="A1:A5"><filterColumn colId="0"><filters><filter val="1"/></filters></filterColumn></autoFilter>
      <dataValidations count="2">
        <dataValidation type="whole" sqref="A2"><formula1>$B$1</formula1></dataValidation>
        <dataValidation type="whole" sqref="A3"><formula1>10</formula1></dataValidation>
      </dataValidations>
      <hyperlinks><hyperlink ref="A1" location="'Kế hoạch'!A5"/></hyperlinks>
      <extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations count="1"><x14:dataValidation type="list"><x14:formula1><xm:f>Other!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>A4</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>
    </worksheet>`;
    const bytes = await buildXlsx({
      "xl/worksheets/sheet1.xml": sheet,
      "xl/worksheets/_rels/sheet1.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/></Relationships>`,
      "xl/comments1.xml": `<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>A</author></authors><commentList><comment ref="A1" authorId="0"><text><t>kept</t></text></comment><comment ref="C9" authorId="0"><text><t>lost</t></text></comment></commentList></comments>`,
      "[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>`,
    });
    const report = await inspectPackage(bytes, "features.xlsx");
    expect(report.lossy).toEqual([
      expect.objectContaining({
        code: "orphan-comment",
        en: "notes on cells that hold nothing (1)",
      }),
      expect.objectContaining({ code: "x14-data-validation" }),
      expect.objectContaining({ code: "validation-formula", en: expect.stringMatching(/\(1\)$/) }),
      expect.objectContaining({ code: "internal-hyperlink" }),
      expect.objectContaining({ code: "autofilter-criteria" }),
    ]);
  });

  it("keeps a drawing of pictures only, and lists one with a shape", async () => {
    const drawing = (body: string): string =>
      `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor><xdr:from/><xdr:to/>${body}<xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
    const types = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`;
    const pictures = await buildXlsx({
      "[Content_Types].xml": types,
      "xl/drawings/drawing1.xml": drawing("<xdr:pic><xdr:blipFill/></xdr:pic>"),
    });
    expect((await inspectPackage(pictures, "p.xlsx")).lossy).toEqual([]);
    const shape = await buildXlsx({
      "[Content_Types].xml": types,
      "xl/drawings/drawing1.xml": drawing("<xdr:sp><xdr:txBody/></xdr:sp>"),
    });
    expect(codes((await inspectPackage(shape, "s.xlsx")).lossy)).toEqual(["drawing"]);
  });
});
