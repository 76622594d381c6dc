/**
 * The bundled sample, end to end: `demo` imports the real 2023 plan of Ia H'Drai, tracks it as of
 * 20/09/2023, fills in a clerk's entries and tracks again. The tracker is read back with exceljs
 * and from the raw package, and checked against what the layout promises (issue 3, "Tests that
 * must exist": columns, validations on bounded ranges only, conditional-format formulas, number
 * formats, table, settings and metadata sheets, Vietnamese text intact, no repair in Excel).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { cli } from "../helpers/cli";
import { SAMPLE_HEADER, TRACKER_HEADERS } from "../helpers/grid";
import { excelRepairProblems, rawSheetRules, validateXlsx } from "../helpers/excelRules";
import { tempDir } from "../helpers/xlsx";

const PLAN_SHEET = "Kế hoạch";
const SETTINGS = "Cài đặt";
const META = "_PlanTracker";
const STATUSES = ["Chưa thực hiện", "Đang thực hiện", "Đã phát sóng", "Hoãn", "Hủy"];
const DATE_FMT = "dd/mm/yyyy";

/** Excel serial of a civil date (1900 system), computed here independently of the product. */
function serial(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
}

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

describe("the sample tracker (demo)", () => {
  const tmp = tempDir("pt-sample-");
  const trackerXlsx = join(tmp.dir, "tracker.xlsx");
  const planXlsx = join(tmp.dir, "plan.xlsx");
  const wb = new ExcelJS.Workbook();
  const plan = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet;
  let demoOut = "";

  beforeAll(async () => {
    const r = await cli(["demo", "--out", tmp.dir]);
    expect(r.code).toBe(0);
    demoOut = r.stdout;
    await wb.xlsx.readFile(trackerXlsx);
    await plan.xlsx.readFile(planXlsx);
    ws = wb.getWorksheet(PLAN_SHEET)!;
    expect(ws).toBeDefined();
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it("writes exactly the files it lists at the end, the backup of the second run included", () => {
    const listed = demoOut
      .slice(demoOut.lastIndexOf("Xong."))
      .split("\n")
      .slice(1)
      .filter((line) => line.trim() !== "")
      .map((line) => line.trim().split(/\s+/)[0]);
    expect(listed).toEqual([
      "plan.xlsx",
      "tracker.xlsx",
      "tracker.bak.xlsx",
      "summary.pdf",
      "summary.xlsx",
    ]);
    // Besides them, only the marker that lets the next demo run overwrite them.
    expect(readdirSync(tmp.dir).sort()).toEqual([".plan-tracker-demo", ...listed].sort());
    // The second run's summary names the backup it kept.
    expect(demoOut).toContain(`Bản sao tệp gốc: ${join(tmp.dir, "tracker.bak.xlsx")}`);
  });

  it("keeps the plan's columns and appends the tracker columns after Ghi chú, in order", () => {
    const header = (ws.getRow(4).values as ExcelJS.CellValue[]).slice(1);
    expect(header).toEqual([...SAMPLE_HEADER, ...TRACKER_HEADERS]);
    expect(ws.getCell("I4").value).toBe("Ghi chú");
    expect(ws.getCell("W4").value).toBeNull();
  });

  it("writes due dates as DATE() formulas with correct cached results and dd/mm/yyyy", () => {
    const j5 = ws.getCell("J5");
    expect(j5.value).toEqual({ formula: "DATE(2023,3,11)", result: utc(2023, 3, 11) });
    expect(j5.numFmt).toBe(DATE_FMT);
    for (let row = 5; row <= 12; row++) {
      const cell = ws.getCell(row, 10);
      const v = cell.value as ExcelJS.CellFormulaValue;
      const m = /^DATE\((\d{4}),(\d{1,2}),(\d{1,2})\)$/.exec(v.formula);
      expect(m).not.toBeNull();
      // The cached result is what Excel would compute from the formula.
      expect(v.result).toEqual(utc(Number(m![1]), Number(m![2]), Number(m![3])));
      expect(cell.numFmt).toBe(DATE_FMT);
    }
    expect((ws.getCell("J7").value as ExcelJS.CellFormulaValue).formula).toBe("DATE(2023,4,17)");
  });

  it("gives the two Quý VI rows no due date and a Kiểm tra error on Thời gian", () => {
    for (const row of [13, 14]) {
      expect(ws.getCell(row, 3).value).toBe("Quý VI/2023");
      expect(ws.getCell(row, 10).value).toBeNull();
      const check = ws.getCell(row, 14).value;
      expect(typeof check).toBe("string");
      expect(check as string).toMatch(/^LỖI Thời gian:/);
      expect(check as string).toContain("Quý IV/2023");
    }
    // Valid rows carry no error text.
    for (let row = 5; row <= 12; row++) {
      const v = ws.getCell(row, 14).value;
      expect(v === null || (typeof v === "string" && !v.includes("LỖI"))).toBe(true);
    }
  });

  it("has validations only on the bounded item ranges, as the layout says", async () => {
    const { validations } = await rawSheetRules(trackerXlsx, PLAN_SHEET);
    const bySqref = new Map(validations.map((v) => [v.sqref, v]));
    expect([...bySqref.keys()].sort()).toEqual(
      ["C5:C15", "F5:F15", "K5:K15", "L5:L15", "M5:M15", "T5:T15", "V5:V15"].sort(),
    );
    // Acceptance and payment dates: the plan year or the next (Q4 is settled in January).
    for (const sqref of ["T5:T15", "V5:V15"])
      expect(bySqref.get(sqref)).toMatchObject({
        type: "date",
        errorStyle: "warning",
        formula1: String(serial(2023, 1, 1)),
        formula2: String(serial(2024, 12, 31)),
      });
    expect(bySqref.get("K5:K15")).toMatchObject({
      type: "list",
      errorStyle: "stop",
      formula1: `"${STATUSES.join(",")}"`,
    });
    expect(bySqref.get("L5:L15")).toMatchObject({
      type: "date",
      operator: null, // "between" is the default and exceljs omits it
      errorStyle: "warning",
      formula1: String(serial(2023, 1, 1)),
      formula2: String(serial(2023, 12, 31)),
    });
    expect(bySqref.get("M5:M15")).toMatchObject({
      type: "decimal",
      operator: "greaterThanOrEqual",
      formula1: "0",
    });
    expect(bySqref.get("C5:C15")).toMatchObject({
      type: "list",
      errorStyle: "warning",
      formula1: '"Quý I/2023,Quý II/2023,Quý III/2023,Quý IV/2023"',
    });
    expect(bySqref.get("F5:F15")).toMatchObject({
      type: "custom",
      formula1: "OR(ISTEXT(F5),F5>0)",
    });
    // exceljs reads the air-date bounds back as the plan year's first and last day.
    const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } })
      .dataValidations.model;
    expect((model.L5 as { formulae: unknown[] }).formulae).toEqual([
      utc(2023, 1, 1),
      utc(2023, 12, 31),
    ]);
    // Nothing on whole columns, rows or the sheet, on any sheet.
    const problems = await excelRepairProblems(trackerXlsx);
    expect(problems.filter((p) => /unbounded/.test(p))).toEqual([]);
    const settings = await rawSheetRules(trackerXlsx, SETTINGS);
    const asOfRule = settings.validations.find((v) => v.type === "date");
    expect(asOfRule).toMatchObject({
      formula1: String(serial(1990, 1, 1)),
      formula2: String(serial(2100, 12, 31)),
    });
  });

  it("colours rows from PT_AsOf and the status column, and marks invalid cells from Kiểm tra", async () => {
    const { conditionalFormats } = await rawSheetRules(trackerXlsx, PLAN_SHEET);
    const rules = conditionalFormats.flatMap((cf) =>
      cf.rules.map((r) => ({ sqref: cf.sqref, ...r })),
    );
    expect(rules.every((r) => r.type === "expression" && r.formulas.length === 1)).toBe(true);
    const rowRules = rules.filter((r) => r.sqref === "A5:V15");
    const formulas = rowRules.map((r) => r.formulas[0]);
    expect(formulas).toEqual([
      'AND($J5<>"",$J5<PT_AsOf,$K5<>"Đã phát sóng",$K5<>"Hủy")',
      'AND($J5<>"",$J5>=PT_AsOf,$J5<=PT_AsOf+14,$K5<>"Đã phát sóng",$K5<>"Hủy")',
      '$K5="Đã phát sóng"',
      '$K5="Hủy"',
    ]);
    // Accepted over 60 days ago and unpaid: the paid-date cell, before the row colours.
    const unpaid = rules.filter((r) => r.formulas[0]!.startsWith("AND(ISNUMBER($T5)"));
    expect(unpaid.map((r) => [r.sqref, r.formulas[0]])).toEqual([
      ["V5:V15", 'AND(ISNUMBER($T5),$T5<PT_AsOf-60,$V5="",$K5<>"Hủy")'],
    ]);
    expect(unpaid[0]!.priority).toBeLessThan(Math.min(...rowRules.map((r) => r.priority)));
    const invalid = rules.filter((r) => r.sqref !== "A5:V15" && !unpaid.includes(r));
    expect(invalid.length).toBeGreaterThanOrEqual(5);
    for (const r of invalid) {
      expect(r.formulas[0]).toMatch(/^ISNUMBER\(SEARCH\("LỖI [^"]+:",\$N5\)\)$/);
      expect(r.sqref).toMatch(/^([A-V])5:\1(15)$/);
    }
    expect(invalid.map((r) => r.sqref)).toEqual(expect.arrayContaining(["T5:T15", "V5:V15"]));
    expect(invalid.map((r) => r.sqref)).toContain("C5:C15");
    expect(invalid.find((r) => r.sqref === "C5:C15")!.formulas[0]!.includes("LỖI Thời gian:")).toBe(
      true,
    );
    // Every rule has its own priority, invalid cells first.
    const priorities = rules.map((r) => r.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(Math.max(...invalid.map((r) => r.priority))).toBeLessThan(
      Math.min(...rowRules.map((r) => r.priority)),
    );
    // The overdue rule fills red, done green (Excel's own light red / green).
    const cfs = (ws as unknown as { conditionalFormattings: unknown }).conditionalFormattings as {
      ref: string;
      rules: { formulae: string[]; style: { fill?: { bgColor?: { argb?: string } } } }[];
    }[];
    const fillOf = (formulaStart: string): string | undefined =>
      cfs.find((cf) => cf.rules[0]!.formulae[0]!.startsWith(formulaStart))?.rules[0]!.style.fill
        ?.bgColor?.argb;
    expect(fillOf('AND($J5<>"",$J5<PT_AsOf')).toBe("FFFFC7CE");
    expect(fillOf('$K5="Đã phát sóng"')).toBe("FFC6EFCE");
  });

  it("shows the clerk's evidence and Finance's settlement (issue 13 §3)", () => {
    // Record and invoice numbers stay text ("0000123" keeps its zeros); dates are dates.
    expect(["R5", "S5", "T5", "U5", "V5"].map((a) => ws.getCell(a).value)).toEqual([
      "Lưu trữ Đài: PS-2023-031",
      "05/BBNT-TTVH",
      utc(2023, 3, 20),
      "0000123",
      utc(2023, 4, 10),
    ]);
    expect(["S5", "U5"].map((a) => ws.getCell(a).numFmt)).toEqual(["@", "@"]);
    expect(["T5", "V5"].map((a) => ws.getCell(a).numFmt)).toEqual([DATE_FMT, DATE_FMT]);
    // Row 6 was accepted on 05/04/2023 and is still unpaid on 20/09: warned about in Kiểm tra.
    expect(ws.getCell("N6").value).toMatch(
      /^CẢNH BÁO Ngày thanh toán: Đã nghiệm thu ngày 05\/04\/2023 \(168 ngày/,
    );
    const budget = wb.getWorksheet("Kinh phí")!;
    const rowOf = (label: string): number => {
      for (let r = 1; r <= budget.rowCount; r++)
        if (budget.getCell(r, 1).text.startsWith(label)) return r;
      throw new Error(label);
    };
    const cached = (r: number, c: number): unknown => {
      const v = budget.getCell(r, c).value as ExcelJS.CellFormulaValue;
      return v.result ?? 0;
    };
    const q1 = rowOf("Quý I");
    // Committed, accepted, paid per quarter: Q1 two aired items accepted, one paid; Q2 one
    // accepted and paid (16 500 000 spent); Q3 one accepted on 13/09.
    expect([q1, q1 + 1, q1 + 2].map((r) => [5, 6, 7].map((c) => cached(r, c)))).toEqual([
      [30_000_000, 30_000_000, 15_000_000],
      [45_000_000, 16_500_000, 16_500_000],
      [45_000_000, 15_000_000, 0],
    ]);
    const total = rowOf("Cộng / Total");
    expect([5, 6, 7].map((c) => cached(total, c))).toEqual([150_000_000, 61_500_000, 31_500_000]);
    const late = rowOf("MỤC ĐÃ NGHIỆM THU QUÁ 60 NGÀY");
    expect(budget.getCell(late, 1).value).toMatch(/\(1\)$/);
    expect([1, 2, 3, 4, 5, 6].map((c) => budget.getCell(late + 2, c).value)).toEqual([
      "Triển khai xây dựng Nông thôn mới năm 2023",
      6,
      "08/BBNT-TTVH",
      utc(2023, 4, 5),
      168,
      15_000_000,
    ]);
  });

  it("defines PT_AsOf on the metadata sheet, cached at the demo's as-of date", () => {
    const names = (wb.definedNames as unknown as { model: { name: string; ranges: string[] }[] })
      .model;
    expect(names).toEqual([{ name: "PT_AsOf", ranges: ["'_PlanTracker'!$B$4"] }]);
    const meta = wb.getWorksheet(META)!;
    expect(meta.state).toBe("veryHidden");
    expect(meta.getCell("B4").value).toEqual({
      formula: "IF('Cài đặt'!$B$9<>\"\",'Cài đặt'!$B$9,TODAY())",
      result: utc(2023, 9, 20),
    });
    expect(meta.getCell("B4").numFmt).toBe(DATE_FMT);
  });

  it("asks Excel to recalculate on open (exceljs cannot calculate)", async () => {
    const zip = await JSZip.loadAsync(readFileSync(trackerXlsx));
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbookXml).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  it("makes the item block the table KeHoach, its column names equal to the header cells", async () => {
    const tables = ws.getTables() as unknown as { table: { name: string; tableRef: string } }[];
    expect(tables.map((t) => t.table.name)).toEqual(["KeHoach"]);
    const zip = await JSZip.loadAsync(readFileSync(trackerXlsx));
    const tableXml = await zip.file("xl/tables/table1.xml")!.async("string");
    expect(tableXml).toMatch(/\sname="KeHoach"/);
    expect(tableXml).toMatch(/\sref="A4:V15"/);
    const names = [...tableXml.matchAll(/<tableColumn [^>]*name="([^"]*)"/g)].map((m) => m[1]);
    expect(names).toEqual([...SAMPLE_HEADER, ...TRACKER_HEADERS]);
  });

  it("holds the plan settings on Cài đặt", () => {
    const s = wb.getWorksheet(SETTINGS)!;
    expect(s.state).toBe("visible");
    const byLabel = (start: string): ExcelJS.Cell => {
      let found: ExcelJS.Cell | null = null;
      s.eachRow((row) => {
        const label = row.getCell(1).value;
        if (!found && typeof label === "string" && label.startsWith(start)) found = row.getCell(2);
      });
      if (!found) throw new Error(`no setting "${start}"`);
      return found;
    };
    expect(byLabel("Năm kế hoạch").value).toBe(2023);
    expect(byLabel("Cơ quan ban hành").value).toBe("Ủy ban nhân dân huyện Ia H'Drai");
    expect(byLabel("Địa danh").value).toBe("Ia H'Drai");
    expect(byLabel("Ngày tính").value).toEqual(utc(2023, 9, 20));
    expect(byLabel("Ngày tính").numFmt).toBe(DATE_FMT);
    const allocation = byLabel("Kinh phí được giao");
    expect(allocation.value).toBe(150_000_000);
    expect(allocation.numFmt).toBe('#,##0 "đ"');
    expect(byLabel("phóng sự").value).toBe(3_000_000);
    expect(byLabel("Tên kế hoạch").value).toMatch(/^KẾ HOẠCH .*NĂM 2023$/);
  });

  it("keeps every plan cell and Vietnamese text byte for byte", async () => {
    const planWs = plan.getWorksheet(PLAN_SHEET)!;
    let compared = 0;
    planWs.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        const after = ws.getCell(r, c);
        expect({ at: cell.address, v: after.value, f: after.numFmt }).toEqual({
          at: cell.address,
          v: cell.value,
          f: cell.numFmt,
        });
        if (typeof cell.value === "string") {
          expect(Buffer.from(after.value as string, "utf8")).toEqual(
            Buffer.from(cell.value, "utf8"),
          );
          expect(cell.value).toBe(cell.value.normalize("NFC"));
        }
        compared++;
      }),
    );
    expect(compared).toBeGreaterThan(80);
    expect(ws.getCell("B5").value).toBe("Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023");
    const zip = await JSZip.loadAsync(readFileSync(trackerXlsx));
    const shared = Buffer.from(await zip.file("xl/sharedStrings.xml")!.async("uint8array"));
    for (const text of ["Quý VI/2023", "Kỷ niệm 08 năm Ngày thành lập huyện", "Hạn hoàn thành"]) {
      expect(shared.includes(Buffer.from(text, "utf8"))).toBe(true);
    }
  });

  it("is a package Excel opens without repair", async () => {
    const v = validateXlsx(trackerXlsx);
    expect(v.output).toMatch(/valid/);
    expect(v.ok).toBe(true);
    expect(await excelRepairProblems(trackerXlsx)).toEqual([]);
  });

  describe("the repair checker itself finds what Excel repairs", () => {
    async function patched(edit: (zip: JSZip) => Promise<void>, name: string): Promise<string[]> {
      const zip = await JSZip.loadAsync(readFileSync(trackerXlsx));
      await edit(zip);
      const out = join(tmp.dir, name);
      writeFileSync(out, await zip.generateAsync({ type: "nodebuffer" }));
      return excelRepairProblems(out);
    }
    const replaceIn = (file: string, from: RegExp | string, to: string) => async (zip: JSZip) => {
      const xml = await zip.file(file)!.async("string");
      const next = xml.replace(from, to);
      if (next === xml) throw new Error(`no ${String(from)} in ${file}`);
      zip.file(file, next);
    };

    it("a table column name that differs from its header cell", async () => {
      const p = await patched(
        replaceIn("xl/tables/table1.xml", 'name="Kiểm tra"', 'name="Kiem tra"'),
        "p1.xlsx",
      );
      expect(p.join("\n")).toMatch(/column "Kiem tra" differs from header cell N4/);
    });

    it("duplicate or empty column names, a table named like a defined name", async () => {
      const p = await patched(async (zip) => {
        await replaceIn("xl/tables/table1.xml", 'name="SL quy đổi"', 'name="sl QUY ĐỔI"')(zip);
        await replaceIn("xl/tables/table1.xml", 'name="Số phút quy đổi"', 'name="Sl quy đổi"')(zip);
        await replaceIn("xl/tables/table1.xml", 'name="Ghi chú"', 'name=" "')(zip);
        await replaceIn(
          "xl/tables/table1.xml",
          /name="KeHoach" displayName="KeHoach"/,
          'name="pt_asof" displayName="pt_asof"',
        )(zip);
      }, "p2.xlsx");
      const text = p.join("\n");
      expect(text).toMatch(/duplicate column name "Sl quy đổi"/);
      expect(text).toMatch(/column 9 is empty/);
      expect(text).toMatch(/table name "pt_asof" equals a defined name/);
    });

    it("bad or duplicate sheet names, a visible metadata sheet", async () => {
      const p = await patched(
        replaceIn(
          "xl/workbook.xml",
          /name="Cài đặt" state="visible"/,
          'name="kế HOẠCH" state="visible"',
        ),
        "p3.xlsx",
      );
      expect(p.join("\n")).toMatch(/duplicate sheet name "kế HOẠCH"/);
      const q = await patched(async (zip) => {
        await replaceIn(
          "xl/workbook.xml",
          'name="Cài đặt"',
          'name="Cài/đặt: một tên dài hơn ba mươi mốt ký tự"',
        )(zip);
        await replaceIn("xl/workbook.xml", 'state="veryHidden"', 'state="hidden"')(zip);
      }, "p4.xlsx");
      expect(q.join("\n")).toMatch(/longer than 31/);
      expect(q.join("\n")).toMatch(/\[\]:\*\?\/\\/);
      expect(q.join("\n")).toMatch(/_PlanTracker" is hidden, not veryHidden/);
    });

    it("whole-column rules and list sources over 255 characters", async () => {
      const long = `"${Array.from({ length: 60 }, (_, i) => `Mục ${i}`).join(",")}"`;
      const p = await patched(async (zip) => {
        await replaceIn(
          "xl/worksheets/sheet1.xml",
          /sqref="K5:K15"><formula1>&quot;Chưa/,
          'sqref="K:K"><formula1>&quot;Chưa',
        )(zip);
        await replaceIn(
          "xl/worksheets/sheet1.xml",
          '<conditionalFormatting sqref="B5:B15">',
          '<conditionalFormatting sqref="A1:XFD1048576">',
        )(zip);
        await replaceIn(
          "xl/worksheets/sheet1.xml",
          /<formula1>&quot;Quý I\/2023[^<]*<\/formula1>/,
          `<formula1>${long.replace(/"/g, "&quot;")}</formula1>`,
        )(zip);
      }, "p5.xlsx");
      const text = p.join("\n");
      expect(text).toMatch(/data validation on an unbounded range K:K/);
      expect(text).toMatch(/conditional format on an unbounded range A1:XFD1048576/);
      expect(text).toMatch(/list validation source over 255 characters/);
    });
  });
});
