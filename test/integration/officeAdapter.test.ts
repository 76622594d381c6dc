/**
 * The Office.js adapter against the fake Excel (issue 5 "Office.js adapter", issue 8 budgets):
 * converting the bundled sample in the open workbook; the CONTRACT with the exceljs adapter (same
 * cells, rules, tables, sheets and names from the same layout); idempotence; the clerk's own cells,
 * validations and conditional formats survive random plans; ≤ 3 syncs per command at 10, 1 000 and
 * 10 000 rows with no request over 5 MB; live re-check work proportional to the edit; events;
 * suggestions; requirement sets; the ribbon commands.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { applyLayout } from "../../src/adapters/exceljs/applyLayout";
import { serialToDate } from "../../src/adapters/exceljs/cellValue";
import { workbookData } from "../../src/adapters/exceljs/readWorkbook";
import { checkRequirements, REQUIRED } from "../../src/adapters/officejs/requirements";
import {
  applySuggestion,
  checkOpenWorkbook,
  convertToTracker,
  liveRecheck,
  selectCell,
} from "../../src/adapters/officejs/session";
import {
  checkCommand,
  convertCommand,
  dialogNotify,
  registerCommands,
  type RibbonDeps,
} from "../../src/commands/ribbon";
import { PlanTrackerError } from "../../src/domain/diagnostics";
import { buildTracker } from "../../src/domain/tracker/track";
import { createExcelHost } from "../../src/taskpane/excelHost";
import {
  createFakeWorkbook,
  fakeOffice,
  officeFor,
  installFakeOffice,
  type FakeWorkbook,
  type SheetSpec,
} from "../fakes/excel";
import {
  exceljsPlanWorkbook,
  nonEmptyCells,
  readExceljs,
  readFake,
  type NeutralBook,
} from "../helpers/adapterContract";
import { SAMPLE_HEADER, TRACKER_HEADERS } from "../helpers/grid";
import {
  ENV,
  fakeSheetFromLayout,
  generatedPlanRows,
  SAMPLE_TEXT,
  sampleFake,
  samplePlanSheet,
} from "../helpers/officeFake";

const PLAN = "Kế hoạch";
const Q = `'${PLAN}'`;
const SETTINGS = "Cài đặt";
const META = "_PlanTracker";
const LOG = "Nhật ký phát sóng";
/** The sample's weekly duty makes the tracker keep a broadcast log. */
const TRACKER_SHEETS = [PLAN, SETTINGS, LOG, "Kinh phí", "Tiến độ", META];
const STATUSES = ["Chưa thực hiện", "Đang thực hiện", "Đã phát sóng", "Hoãn", "Hủy"];
const DATE_FMT = "dd/mm/yyyy";
const VND_FMT = '#,##0 "đ"';
/** Excel on the web's request (and response) limit, which the fake enforces. */
const LIMIT = 5 * 1024 * 1024;

/** Excel serial of a civil date, computed here independently of the product. */
const serial = (y: number, m: number, d: number): number =>
  Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;

function convert(fake: FakeWorkbook, planSheet: string | null = null) {
  return fake.run((ctx) => convertToTracker(ctx, ENV, { planSheet }));
}

function check(fake: FakeWorkbook, planSheet: string | null = null) {
  return fake.run((ctx) => checkOpenWorkbook(ctx, ENV, { planSheet }));
}

/** Everything a user could see in a cell range: values and formulas. */
function snapshot(fake: FakeWorkbook, address: string): unknown[][] {
  return fake.formulas(address);
}

function bookState(fake: FakeWorkbook): unknown {
  const book = readFake(fake, TRACKER_SHEETS);
  return {
    ...book,
    sheets: book.sheets.map((s) => ({ ...s, cells: nonEmptyCells(s) })),
    charts: fake.charts("Tiến độ"),
    order: fake.sheetNames(),
  };
}

// ================================================================== the sample, in the open workbook

describe("convertToTracker on the bundled sample (Ia H'Drai 2023), as of 20/09/2023", () => {
  const fake = sampleFake();
  const before = snapshot(fake, `${Q}!A1:I15`);
  let result: Awaited<ReturnType<typeof convert>>;

  beforeAll(async () => {
    result = await convert(fake);
  });

  it("takes three syncs and leaves the plan sheet active", () => {
    expect(fake.stats.syncCount).toBe(3);
    expect(result.syncs).toBe(3);
    expect(fake.activeSheet.name).toBe(PLAN);
    expect(fake.stats.largestRequestBytes).toBeLessThan(LIMIT);
  });

  it("keeps every cell the clerk wrote", () => {
    expect(snapshot(fake, `${Q}!A1:I15`)).toEqual(before);
  });

  it("appends the tracker columns after Ghi chú, in order", () => {
    expect(fake.values(`${Q}!A4:V4`)[0]).toEqual([...SAMPLE_HEADER, ...TRACKER_HEADERS]);
    expect(fake.values(`${Q}!W4`)[0]).toEqual([""]);
  });

  it("writes due dates as DATE() formulas in dd/mm/yyyy; none for Quý VI", () => {
    expect(fake.cell(`${Q}!J5`).formula).toBe("=DATE(2023,3,11)");
    expect(fake.cell(`${Q}!J7`).formula).toBe("=DATE(2023,4,17)");
    for (let row = 5; row <= 12; row++) {
      expect(fake.cell(`${Q}!J${row}`).formula).toMatch(/^=DATE\(2023,\d{1,2},\d{1,2}\)$/);
      expect(fake.cell(`${Q}!J${row}`).numberFormat).toBe(DATE_FMT);
    }
    expect(fake.cell(`${Q}!J13`).formula).toBeNull();
    expect(fake.cell(`${Q}!J14`).value).toBeNull();
  });

  it("formats the clerk's input columns and the computed values", () => {
    expect(fake.numberFormats(`${Q}!L5:L15`).flat()).toEqual(Array(11).fill(DATE_FMT));
    expect(fake.numberFormats(`${Q}!M5:M15`).flat()).toEqual(Array(11).fill(VND_FMT));
    expect(fake.numberFormats(`${Q}!O5:P15`).flat()).toEqual(Array(22).fill("0.##"));
    expect(fake.numberFormats(`${Q}!Q5:Q15`).flat()).toEqual(Array(11).fill(VND_FMT));
    expect(fake.values(`${Q}!O5:P5`)).toEqual([[1, 5]]);
    // The evidence: record and invoice numbers as text ("0000123" keeps its zeros), dates.
    expect(fake.numberFormats(`${Q}!S5:S15`).flat()).toEqual(Array(11).fill("@"));
    expect(fake.numberFormats(`${Q}!U5:U15`).flat()).toEqual(Array(11).fill("@"));
    expect(fake.numberFormats(`${Q}!T5:T15`).flat()).toEqual(Array(11).fill(DATE_FMT));
    expect(fake.numberFormats(`${Q}!V5:V15`).flat()).toEqual(Array(11).fill(DATE_FMT));
  });

  it("writes the Kiểm tra text of the two Quý VI rows, and reports them with a suggestion", () => {
    expect(String(fake.cell(`${Q}!N13`).value)).toMatch(/^LỖI Thời gian: Không có quý "VI"/);
    expect(String(fake.cell(`${Q}!N14`).value)).toMatch(/^LỖI Thời gian/);
    expect(fake.cell(`${Q}!N12`).value).toBeNull();
    const errors = result.value.check.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.cell, d.suggestion])).toEqual([
      ["C13", "Quý IV/2023"],
      ["C14", "Quý IV/2023"],
    ]);
  });

  it("adds validations on bounded ranges only: status list, air date, period list, spending, duration, acceptance and payment dates", () => {
    const rules = Object.fromEntries(fake.validations(PLAN).map((v) => [v.address, v]));
    expect(Object.keys(rules).sort()).toEqual(
      ["C5:C15", "F5:F15", "K5:K15", "L5:L15", "M5:M15", "T5:T15", "V5:V15"].sort(),
    );
    for (const a of ["T5:T15", "V5:V15"]) {
      expect(rules[a]?.rule).toEqual({
        date: {
          operator: "Between",
          formula1: `=${serial(2023, 1, 1)}`,
          formula2: `=${serial(2024, 12, 31)}`,
        },
      });
      expect(rules[a]?.errorAlert.style).toBe("Warning");
    }
    expect(rules["K5:K15"]?.rule).toEqual({
      list: { inCellDropDown: true, source: STATUSES.join(",") },
    });
    expect(rules["K5:K15"]?.errorAlert.style).toBe("Stop");
    expect(rules["L5:L15"]?.rule).toEqual({
      date: {
        operator: "Between",
        formula1: `=${serial(2023, 1, 1)}`,
        formula2: `=${serial(2023, 12, 31)}`,
      },
    });
    expect(rules["L5:L15"]?.errorAlert.style).toBe("Warning");
    expect(rules["C5:C15"]?.rule).toEqual({
      list: {
        inCellDropDown: true,
        source: "Quý I/2023,Quý II/2023,Quý III/2023,Quý IV/2023",
      },
    });
    expect(rules["M5:M15"]?.rule).toEqual({
      decimal: { operator: "GreaterThanOrEqualTo", formula1: "=0" },
    });
    expect(rules["F5:F15"]?.rule).toEqual({ custom: { formula: "=OR(ISTEXT(F5),F5>0)" } });
    for (const v of Object.values(rules)) {
      expect(v.ignoreBlanks).toBe(true);
      expect(v.errorAlert.title.length).toBeLessThanOrEqual(32);
    }
  });

  it("adds the conditional formats: invalid cells, unpaid, overdue, due soon, aired, cancelled", () => {
    const cfs = fake.conditionalFormats(PLAN);
    expect(cfs).toHaveLength(16);
    const invalid = cfs.filter((c) => c.formula.startsWith("=ISNUMBER(SEARCH("));
    expect(invalid).toHaveLength(11);
    expect(invalid.map((c) => c.address)).toEqual(expect.arrayContaining(["T5:T15", "V5:V15"]));
    // Accepted more than 60 days ago and unpaid: the paid-date cell, before the row colours.
    expect(cfs[11]).toMatchObject({
      address: "V5:V15",
      formula: '=AND(ISNUMBER($T5),$T5<PT_AsOf-60,$V5="",$K5<>"Hủy")',
      fillColor: "#E4DFEC",
      fontColor: "#5B2C86",
      bold: true,
    });
    expect(invalid[1]).toMatchObject({
      address: "C5:C15",
      formula: '=ISNUMBER(SEARCH("LỖI Thời gian:",$N5))',
      fillColor: "#F4B084",
      fontColor: "#C00000",
      bold: true,
    });
    const rows = cfs.filter((c) => c.address === "A5:V15");
    expect(rows.map((c) => [c.formula, c.fillColor ?? null, c.fontColor])).toEqual([
      ['=AND($J5<>"",$J5<PT_AsOf,$K5<>"Đã phát sóng",$K5<>"Hủy")', "#FFC7CE", "#9C0006"],
      [
        '=AND($J5<>"",$J5>=PT_AsOf,$J5<=PT_AsOf+14,$K5<>"Đã phát sóng",$K5<>"Hủy")',
        "#FFEB9C",
        "#9C5700",
      ],
      ['=$K5="Đã phát sóng"', "#C6EFCE", "#006100"],
      ['=$K5="Hủy"', null, "#808080"],
    ]);
    // In the layout's order: the invalid-cell rules first.
    expect(cfs.map((c) => c.priority)).toEqual([...Array(16).keys()]);
  });

  it("makes the item block a table with filter buttons", () => {
    expect(fake.tables()).toEqual([
      {
        name: "KeHoach",
        sheet: PLAN,
        address: "A4:V15",
        style: "TableStyleLight9",
        showFilterButton: true,
        showBandedRows: true,
        columns: [...SAMPLE_HEADER, ...TRACKER_HEADERS],
      },
    ]);
  });

  it('creates "Cài đặt" pre-filled from the plan', () => {
    const s = fake.sheet(SETTINGS);
    expect(s.visibility).toBe("Visible");
    expect(fake.values(`'${SETTINGS}'!B4:B9`).flat()).toEqual([
      2023,
      "",
      "Ủy ban nhân dân huyện Ia H'Drai",
      expect.stringMatching(/^KẾ HOẠCH PHỐI HỢP TUYÊN TRUYỀN/),
      "Ia H'Drai",
      "",
    ]);
    expect(fake.validations(SETTINGS).length).toBeGreaterThan(0);
  });

  it("keeps its memory in the veryHidden _PlanTracker sheet, with the name PT_AsOf", () => {
    expect(fake.sheet(META).visibility).toBe("VeryHidden");
    expect(fake.values(`'${META}'!A2:B6`)).toEqual([
      ["formatVersion", 1],
      ["toolVersion", "test"],
      ["asOfEffective", ""],
      ["planSheet", PLAN],
      ["headerRow", 4],
    ]);
    // Text that Excel would turn into a date ("5-15", "2023-09-20") stays text.
    expect(fake.values(`'${META}'!A9:B9`)).toEqual([["writtenRows", "5-15"]]);
    expect(fake.values(`'${META}'!A11:B11`)).toEqual([["asOf", "2023-09-20"]]);
    expect(fake.cell(`'${META}'!B4`).formula).toBe(
      `=IF('${SETTINGS}'!$B$9<>"",'${SETTINGS}'!$B$9,TODAY())`,
    );
    expect(fake.names()).toEqual([
      { name: "PT_AsOf", formula: `='${META}'!$B$4`, comment: "", visible: true },
    ]);
  });

  it('builds "Kinh phí" and "Tiến độ" with live formulas, and a native chart on "Tiến độ"', () => {
    expect(fake.sheetNames()).toEqual(TRACKER_SHEETS);
    for (const name of ["Kinh phí", "Tiến độ"]) {
      const s = fake.sheet(name);
      expect(s.visibility).toBe("Visible");
      expect(s.tabColor).not.toBe("");
      expect(s.pageLayout.orientation).toBe("Landscape");
      expect(s.pageLayout.paperSize).toBe("A4");
      const formulas = [...s.cells.values()].filter((c) => c.formula !== null);
      expect(formulas.length).toBeGreaterThan(5);
      expect(formulas.some((c) => (c.formula ?? "").includes(`${Q}!`))).toBe(true);
    }
    expect(fake.charts("Tiến độ")).toEqual([
      {
        name: "TienDoTheoQuy",
        chartType: "ColumnClustered",
        source: "'Tiến độ'!A4:C8",
        seriesBy: "Columns",
        title: "Kế hoạch và đã phát sóng theo quý / Planned vs aired",
        from: "M4",
        to: "T20",
      },
    ]);
  });

  it("switches events off for its own writes, and on again", () => {
    expect(fake.eventLog).toEqual([]);
    expect(fake.suppressedEventCount).toBeGreaterThan(0);
    expect(fake.eventsEnabled).toBe(true);
  });
});

// ================================================================== the contract

/** The exceljs path of the CLI: read the saved plan, build, apply (in memory). */
function exceljsTrack(wb: ExcelJS.Workbook): {
  wb: ExcelJS.Workbook;
  result: ReturnType<typeof buildTracker>;
} {
  const result = buildTracker(workbookData(wb), { today: ENV.today, toolVersion: ENV.toolVersion });
  applyLayout(wb, result.layout);
  return { wb, result };
}

/** Saves and reopens an exceljs workbook, as a clerk's file between two runs. */
async function reopen(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await wb.xlsx.writeBuffer());
  return back;
}

function expectSameBook(exceljs: NeutralBook, office: NeutralBook): void {
  expect(office.sheets.map((s) => [s.name, s.state])).toEqual(
    exceljs.sheets.map((s) => [s.name, s.state]),
  );
  exceljs.sheets.forEach((x, i) => {
    const y = office.sheets[i];
    if (!y) throw new Error(`sheet ${x.name} missing`);
    // Per sheet, so a failure names it.
    expect({ sheet: y.name, cells: nonEmptyCells(y) }).toEqual({
      sheet: x.name,
      cells: nonEmptyCells(x),
    });
    expect({ sheet: y.name, validations: y.validations }).toEqual({
      sheet: x.name,
      validations: x.validations,
    });
    expect({ sheet: y.name, cfs: y.conditionalFormats }).toEqual({
      sheet: x.name,
      cfs: x.conditionalFormats,
    });
    expect({ sheet: y.name, merges: y.merges, widths: y.widths, freeze: y.freeze }).toEqual({
      sheet: x.name,
      merges: x.merges,
      widths: x.widths,
      freeze: x.freeze,
    });
    expect({ sheet: y.name, tab: y.tabColor }).toEqual({ sheet: x.name, tab: x.tabColor });
    // Print setup where the layout sets one (the summaries); elsewhere each keeps its default.
    if (x.name === "Kinh phí" || x.name === "Tiến độ")
      expect({ sheet: y.name, page: y.page }).toEqual({ sheet: x.name, page: x.page });
  });
  expect(office.tables).toEqual(exceljs.tables);
  expect(office.names).toEqual(exceljs.names);
}

describe("contract: the exceljs and Office.js adapters leave the same workbook", () => {
  it("for the plan sheet the import writes (pane import vs CLI import)", async () => {
    const fake = createFakeWorkbook({ sheets: [{ name: "Sheet1" }] });
    const uninstall = installFakeOffice(globalThis, fake);
    try {
      const host = createExcelHost({
        features: ENV.features,
        toolVersion: "test",
        now: () => new Date(2023, 8, 20),
      });
      expect(await host.importText(SAMPLE_TEXT)).toBe(PLAN);
    } finally {
      uninstall();
    }
    const wb = await exceljsPlanWorkbook(samplePlanSheet());
    expectSameBook(readExceljs(wb, [PLAN]), readFake(fake, [PLAN]));
    // The count stays the text the document wrote ("01"); the freeze keeps column A free.
    expect(fake.cell(`${Q}!D5`)).toMatchObject({ value: "01", numberFormat: "@" });
    expect(fake.sheet(PLAN).freeze).toEqual({ rows: 4, cols: 0 });
    expect(fake.activeSheet.name).toBe(PLAN);
  });

  it("for the first conversion of the sample", async () => {
    const fake = sampleFake();
    await convert(fake);
    const { wb } = exceljsTrack(await exceljsPlanWorkbook(samplePlanSheet()));
    const exceljs = readExceljs(wb, TRACKER_SHEETS);
    const office = readFake(fake, TRACKER_SHEETS);
    expectSameBook(exceljs, office);
    // The comparison is not vacuous.
    const plan = office.sheets[0];
    expect(Object.keys(plan?.validations ?? {}).length).toBe(77);
    // The broadcast log: its header, 300 rows of Kiểm tra formulas and bounded rules.
    const log = office.sheets.find((x) => x.name === LOG)!;
    expect(log.cells.Q4?.value).toBe("Kiểm tra");
    expect(log.cells.Q304?.formula).toMatch(/^IF\(COUNTA\(\$A304:\$P304\)=0,"",MID\(/);
    expect(log.validations.J5?.formulae).toEqual(["$S$5:$S$5"]);
    expect(Object.keys(log.validations).length).toBe(8 * 300);
    expect(plan?.conditionalFormats).toHaveLength(16);
    expect(office.tables).toHaveLength(1);
    expect(Object.keys(nonEmptyCells(office.sheets[2]!)).length).toBeGreaterThan(20);
  });

  it("for a second run after the clerk's entries (status, air date, spending, a fixed period)", async () => {
    const fake = sampleFake();
    await convert(fake);
    await fake.simulateUserEdit(PLAN, "K5:M5", [["Đã phát sóng", serial(2023, 3, 12), 15_000_000]]);
    await fake.simulateUserEdit(PLAN, "K6", "Đang thực hiện");
    await fake.simulateUserEdit(PLAN, "C13", "Quý IV/2023");
    await convert(fake);

    let { wb } = exceljsTrack(await exceljsPlanWorkbook(samplePlanSheet()));
    wb = await reopen(wb);
    const ws = wb.getWorksheet(PLAN)!;
    ws.getCell("K5").value = "Đã phát sóng";
    ws.getCell("L5").value = serialToDate(serial(2023, 3, 12));
    ws.getCell("M5").value = 15_000_000;
    ws.getCell("K6").value = "Đang thực hiện";
    ws.getCell("C13").value = "Quý IV/2023";
    ({ wb } = exceljsTrack(await reopen(wb)));

    expectSameBook(readExceljs(wb, TRACKER_SHEETS), readFake(fake, TRACKER_SHEETS));
    expect(fake.cell(`${Q}!J13`).formula).toBe("=DATE(2023,12,31)");
    expect(fake.cell(`${Q}!N13`).value).toBeNull();
  });
});

describe("contract: the broadcast log, created once and never cleared (issue 13)", () => {
  const DUTY = "Cộng tác tin, phóng sự phát trên sóng Đài Phát thanh - Truyền hình tỉnh";
  /** The clerk's log rows: air date, title, type, fee, duty, plan item, acceptance, paid on. */
  const ROWS: [string, unknown[]][] = [
    ["B5:D5", [serial(2023, 9, 12), "Tin về trồng rừng", "tin"]],
    ["J5", [DUTY]],
    ["B6:D6", [serial(2023, 9, 19), "Tin chuyển đổi số", "tin"]],
    ["I6:J6", [500_000, DUTY]],
    ["O6", [serial(2023, 9, 20)]],
    ["B7:C7", [serial(2023, 9, 12), "Phóng sự trồng rừng"]],
    ["K7:M7", [6, "05/BB-NT", serial(2023, 9, 15)]],
  ];

  it("gives the same log, Kiểm tra and quotas in both adapters after the clerk's rows, and keeps them", async () => {
    const fake = sampleFake();
    await convert(fake);
    for (const [address, values] of ROWS) await fake.simulateUserEdit(LOG, address, [values]);
    const typed = fake.formulas(`'${LOG}'!A5:P8`);
    fake.resetStats();
    const second = await convert(fake);
    expect(fake.stats.syncCount).toBe(3);
    // The rows are the clerk's: not one cell changed, not cleared, not rebuilt.
    expect(fake.formulas(`'${LOG}'!A5:P8`)).toEqual(typed);
    expect(second.value.log).toMatchObject({ sheet: LOG, created: false, entries: 3 });
    // Read as the domain reads it (the fake does not calculate the Kiểm tra formulas).
    expect(
      second.value.check.diagnostics.filter((d) => d.sheet === LOG).map((d) => [d.cell, d.code]),
    ).toEqual([["O6", "log.paid-without-acceptance"]]);
    expect(fake.formulas(`'${LOG}'!Q6`)[0]?.[0]).toMatch(/^=IF\(COUNTA\(\$A6:\$P6\)=0,/);
    expect(second.value.log?.duties[0]?.vi).toContain("1/37 tuần đạt");

    let { wb } = exceljsTrack(await exceljsPlanWorkbook(samplePlanSheet()));
    wb = await reopen(wb);
    const ws = wb.getWorksheet(LOG)!;
    for (const [address, values] of ROWS) {
      const [from] = address.split(":");
      const start = ws.getCell(from!);
      values.forEach((v, i) => {
        const cell = ws.getCell(Number(start.row), Number(start.col) + i);
        const isDate = typeof v === "number" && v > 40_000 && cell.numFmt === DATE_FMT;
        cell.value = isDate ? serialToDate(v) : (v as ExcelJS.CellValue);
      });
    }
    ({ wb } = exceljsTrack(await reopen(wb)));
    expectSameBook(readExceljs(wb, TRACKER_SHEETS), readFake(fake, TRACKER_SHEETS));
  });
});

// ================================================================== idempotence

describe("converting twice in Office", () => {
  it("changes no user cell and leaves exactly one copy of every rule, table, name and chart", async () => {
    const fake = sampleFake();
    await convert(fake);
    const first = bookState(fake);
    const userCells = snapshot(fake, `${Q}!A1:I15`);
    fake.resetStats();
    await convert(fake);
    expect(fake.stats.syncCount).toBe(3);
    expect(snapshot(fake, `${Q}!A1:I15`)).toEqual(userCells);
    expect(fake.conditionalFormats(PLAN)).toHaveLength(16);
    expect(fake.validations(PLAN)).toHaveLength(7);
    expect(fake.tables()).toHaveLength(1);
    expect(fake.names()).toHaveLength(1);
    expect(fake.charts("Tiến độ")).toHaveLength(1);
    expect(bookState(fake)).toEqual(first);
    // A third time, from another sheet (the ribbon), finds the tracker through its metadata.
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Tiến độ").activate();
      await ctx.sync();
    });
    fake.resetStats();
    await convert(fake);
    expect(fake.stats.syncCount).toBe(3);
    expect(bookState(fake)).toEqual(first);
  });
});

describe("a clerk's second and third convert (review item 1: VeryHidden sheets cannot be deleted)", () => {
  it("rewrites _PlanTracker and PT_AsOf in place: no '(đã sửa)' sheet, metadata current each time", async () => {
    const fake = sampleFake();
    await convert(fake);
    const metaId = fake.sheet(META).id;
    const edits: [string, unknown][] = [
      ["K5:M5", [["Đã phát sóng", serial(2023, 3, 12), 15_000_000]]],
      ["K6:M6", [["Đã phát sóng", serial(2023, 4, 20), 9_500_000]]],
    ];
    for (const [round, [address, value]] of edits.entries()) {
      await fake.simulateUserEdit(PLAN, address, value);
      fake.resetStats();
      await convert(fake);
      expect(fake.stats.syncs.every((s) => s.ok)).toBe(true);
      expect(fake.sheetNames()).toEqual(TRACKER_SHEETS);
      expect(fake.sheetNames().filter((n) => n.includes("(đã sửa)"))).toEqual([]);
      // The same hidden sheet, rewritten, not a new one.
      expect(fake.sheet(META).id).toBe(metaId);
      expect(fake.sheet(META).visibility).toBe("VeryHidden");
      expect(fake.values(`'${META}'!A11:B11`)).toEqual([["asOf", "2023-09-20"]]);
      expect(fake.names()).toHaveLength(1);
      // Every colour rule still points at the name (not at #REF! or #NAME?).
      for (const cf of fake.conditionalFormats(PLAN)) expect(cf.formula).not.toMatch(/#REF|#NAME/);
      // The clerk's spending stays as typed, and the summaries were rebuilt (not kept as edited).
      expect(fake.values(`${Q}!M5:M6`)).toEqual([[15_000_000], [round === 0 ? "" : 9_500_000]]);
      expect(fake.sheet("Kinh phí").visibility).toBe("Visible");
    }
  });
});

describe("sheet names compare case-insensitively, as in Excel (review item 9)", () => {
  it("converts next to the clerk's own 'CÀI ĐẶT' and 'KINH PHÍ' sheets without adding a twin", async () => {
    const fake = createFakeWorkbook({
      sheets: [
        fakeSheetFromLayout(samplePlanSheet()),
        { name: "CÀI ĐẶT", rows: [["Ghi chú của văn thư", "giữ nguyên"]] },
      ],
    });
    const result = await convert(fake);
    expect(fake.stats.syncs.every((s) => s.ok)).toBe(true);
    const upper = fake.sheetNames().map((n) => n.toLocaleUpperCase("vi"));
    expect(new Set(upper).size).toBe(upper.length);
    expect(fake.sheetNames()).toContain("CÀI ĐẶT");
    expect(fake.sheetNames()).not.toContain(SETTINGS);
    expect(result.value.check.plan.sheet).toBe(PLAN);
  });
});

describe("a conditional format's priority is set last (review item 10)", () => {
  it("no action of the request touches a rule (or its parts) after its Priority was set", async () => {
    const fake = sampleFake();
    const late: string[] = [];
    let priorities = 0;
    fake.debugWire = (request) => {
      const body = request as {
        Actions: { ActionType: number; Name?: string; ObjectPathId: number }[];
        ObjectPaths: Record<string, { ParentObjectPathId?: number }>;
      };
      const under = (id: number, root: number): boolean => {
        for (let p: number | undefined = id; p !== undefined;) {
          if (p === root) return true;
          p = body.ObjectPaths[String(p)]?.ParentObjectPathId;
        }
        return false;
      };
      body.Actions.forEach((a, i) => {
        if (a.ActionType !== 4 || a.Name !== "Priority") return;
        priorities++;
        for (const b of body.Actions.slice(i + 1)) {
          if (b.ActionType !== 1 && under(b.ObjectPathId, a.ObjectPathId))
            late.push(`${b.Name ?? ""} after Priority`);
        }
      });
    };
    await convert(fake);
    // 16 on the plan sheet, 4 on the weekly quota's periods ("Tiến độ").
    expect(priorities).toBe(20);
    expect(late).toEqual([]);
  });
});

// ================================================================== the clerk's data is safe

const userText = fc.oneof(
  fc.constantFrom(
    "Phóng sự",
    '=HYPERLINK("http://x","bấm")',
    "+84 912 345 678",
    "- Việc A",
    "@tên",
    "01",
    "5-14",
    "TRUE",
    "#N/A",
    "<img src=x onerror=alert(1)>",
    "",
  ),
  fc.string({ maxLength: 12 }),
);
const period = fc.constantFrom(
  "Quý I/2023",
  "Quý II/2023",
  "Quý VI/2023",
  "15/03/2023",
  "tháng 5",
  "",
);

interface RandomPlan {
  sheet: SheetSpec;
  items: number;
}

const randomPlan: fc.Arbitrary<RandomPlan> = fc
  .record({
    items: fc.integer({ min: 1, max: 12 }),
    extraCols: fc.integer({ min: 0, max: 2 }),
    seedRows: fc.array(
      fc.record({
        title: userText,
        period,
        count: fc.oneof(fc.constant("01"), fc.integer({ min: 1, max: 9 })),
        budget: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 50_000_000 })),
        note: userText,
        extra: userText,
      }),
      { minLength: 12, maxLength: 12 },
    ),
  })
  .map(({ items, extraCols, seedRows }) => {
    const header = [...SAMPLE_HEADER, "Người phụ trách", "Ghi chú 2"].slice(0, 9 + extraCols);
    const rows: (string | number | null)[][] = [
      ["UBND HUYỆN THỬ"],
      ["KẾ HOẠCH NĂM 2023"],
      [],
      header,
    ];
    seedRows.slice(0, items).forEach((r, i) => {
      rows.push([
        i + 1,
        r.title || `Mục ${i + 1}`,
        r.period,
        r.count,
        "Phóng sự",
        "05 phút",
        "Trung tâm",
        r.budget,
        r.note,
        ...(extraCols > 0 ? [r.extra] : []),
        ...(extraCols > 1 ? [r.title] : []),
      ]);
    });
    const last = 4 + items;
    const cells: SheetSpec["cells"] = {};
    // A formula of the clerk's in an extra column (or the budget's neighbour).
    cells[`${extraCols > 0 ? "J" : "H"}${last + 2}`] = { formula: `=SUM(H5:H${last})`, value: 0 };
    const sheet: SheetSpec = {
      name: PLAN,
      rows,
      cells,
      validations: [
        { range: `I5:I${last}`, rule: { list: { inCellDropDown: true, source: "Có,Không" } } },
        { range: `C5:C${last}`, rule: { list: { inCellDropDown: true, source: "Quý I,Quý II" } } },
      ],
      conditionalFormats: [{ range: `G5:G${last}`, formula: "=LEN($G5)>50", fill: "#FFFF00" }],
    };
    return { sheet, items };
  });

describe("a summary sheet someone edited in Excel", () => {
  it("is kept as '<name> (đã sửa)' with the edit, a fresh one is built, in the same 3 syncs", async () => {
    const fake = sampleFake();
    await convert(fake);
    await fake.simulateUserEdit("Kinh phí", "H3", "Phòng Tài chính: đã đối chiếu 30/9");
    fake.resetStats();
    const result = await convert(fake);
    expect(fake.stats.syncCount).toBe(3);
    expect(result.value.keptEdited).toEqual([{ sheet: "Kinh phí", keptAs: "Kinh phí (đã sửa)" }]);
    expect(fake.sheetNames()).toEqual([
      PLAN,
      "Cài đặt",
      LOG,
      "Kinh phí (đã sửa)",
      "Kinh phí",
      "Tiến độ",
      "_PlanTracker",
    ]);
    expect(fake.formulas("'Kinh phí (đã sửa)'!H3")).toEqual([
      ["Phòng Tài chính: đã đối chiếu 30/9"],
    ]);
    expect(fake.formulas("'Kinh phí'!H3")).toEqual([[""]]);
    // Nobody touched the fresh one: the next convert keeps nothing more.
    const again = await convert(fake);
    expect(again.value.keptEdited).toEqual([]);
    expect(fake.sheetNames()).toHaveLength(7);
  });
});

describe("the clerk's data is safe (random plans, fixed seed)", () => {
  it("keeps every cell, formula, validation and conditional format of the clerk's", async () => {
    await fc.assert(
      fc.asyncProperty(randomPlan, async ({ sheet, items }) => {
        const fake = createFakeWorkbook({ sheets: [sheet] });
        const used = fake.usedRange(PLAN) ?? "A1";
        const before = snapshot(fake, `${Q}!${used}`);
        const userRules = fake.validations(PLAN);
        const userCfs = fake.conditionalFormats(PLAN);
        await convert(fake);
        expect(snapshot(fake, `${Q}!${used}`)).toEqual(before);
        const after = fake.validations(PLAN);
        for (const rule of userRules) expect(after).toContainEqual(rule);
        // The tool never stacks its period list on the clerk's.
        expect(after.filter((v) => v.address.startsWith("C"))).toEqual(
          userRules.filter((v) => v.address.startsWith("C")),
        );
        const cfs = fake.conditionalFormats(PLAN);
        for (const cf of userCfs) {
          expect(cfs).toContainEqual({ ...cf, priority: expect.any(Number) as number });
        }
        expect(items).toBeGreaterThan(0);
        // And again: still nothing of the clerk's changed, nothing of the tool's doubled.
        const rulesOnce = fake.validations(PLAN).length;
        const cfsOnce = fake.conditionalFormats(PLAN).length;
        await convert(fake);
        expect(snapshot(fake, `${Q}!${used}`)).toEqual(before);
        expect(fake.validations(PLAN)).toHaveLength(rulesOnce);
        expect(fake.conditionalFormats(PLAN)).toHaveLength(cfsOnce);
        for (const rule of userRules) expect(fake.validations(PLAN)).toContainEqual(rule);
      }),
      { numRuns: 20, seed: 20230920 },
    );
  }, 120_000);
});

// ================================================================== sync budget and payloads

interface Measure {
  syncs: number;
  largestRequest: number;
  largestResponse: number;
}

async function measure(fake: FakeWorkbook, run: () => Promise<unknown>): Promise<Measure> {
  fake.resetStats();
  await run();
  return {
    syncs: fake.stats.syncCount,
    largestRequest: fake.stats.largestRequestBytes,
    largestResponse: Math.max(
      0,
      ...fake.stats.syncs.filter((s) => s.ok).map((s) => s.responseBytes),
    ),
  };
}

describe("sync budget: ≤ 3 syncs per command, the same for every plan size; no request over 5 MB", () => {
  const results: Record<string, Record<number, Measure>> = {
    convert: {},
    check: {},
    summaries: {},
  };

  it.each([10, 1_000, 10_000])(
    "%i rows",
    async (n) => {
      const fake = createFakeWorkbook({ sheets: [{ name: PLAN, rows: generatedPlanRows(n) }] });
      results.convert![n] = await measure(fake, () => convert(fake));
      results.check![n] = await measure(fake, () => check(fake));
      // "Summaries" rebuilds through the same command, on the tracker.
      results.summaries![n] = await measure(fake, () => convert(fake));
      for (const m of Object.values(results).map((r) => r[n]!)) {
        expect(m.syncs).toBeLessThanOrEqual(3);
        expect(m.largestRequest).toBeLessThanOrEqual(LIMIT);
        expect(m.largestResponse).toBeLessThanOrEqual(LIMIT);
      }
      expect(fake.values(`${Q}!J${4 + n}`)[0]?.[0]).toBe("");
      expect(fake.cell(`${Q}!J${4 + n}`).formula).toMatch(/^=DATE\(2023,/);
    },
    300_000,
  );

  it("uses the same number of syncs at every size (the 10 000-row write is one request)", () => {
    for (const command of Object.keys(results)) {
      const counts = [10, 1_000, 10_000].map((n) => results[command]![n]?.syncs);
      expect({ command, counts }).toEqual({ command, counts: [3, 3, 3] });
    }
    // For the record (issue 8): syncs and bytes per command and size.
    process.stdout.write(`Office.js adapter on the fake: ${JSON.stringify(results)}\n`);
  });

  it.each([
    ["ResponsePayloadSizeLimitExceeded", "documented"],
    ["GeneralException", "GeneralException"],
  ] as const)(
    "reads a plan too big for one response in slices when Excel says %s (review item 6)",
    async (code, oversizeError) => {
      const n = 20_000;
      const fake = createFakeWorkbook({
        sheets: [{ name: PLAN, rows: generatedPlanRows(n) }],
        maxResponseBytes: 1024 * 1024,
        oversizeError,
      });
      await convert(fake);
      expect(fake.stats.syncs.some((s) => s.error === code)).toBe(true);
      expect(fake.cell(`${Q}!J${4 + n}`).formula).toMatch(/^=DATE\(2023,/);
    },
    600_000,
  );

  it("splits a 50 000-row plan into requests under 5 MB, and still succeeds", async () => {
    const n = 50_000;
    const fake = createFakeWorkbook({ sheets: [{ name: PLAN, rows: generatedPlanRows(n) }] });
    const m = await measure(fake, () => convert(fake));
    const writes = fake.stats.syncs.filter((s) => s.requestBytes > 100_000);
    expect(writes.length).toBeGreaterThan(1);
    expect(m.largestRequest).toBeLessThanOrEqual(LIMIT);
    expect(
      fake.stats.syncs.every((s) => s.ok || s.error === "ResponsePayloadSizeLimitExceeded"),
    ).toBe(true);
    expect(fake.cell(`${Q}!J${4 + n}`).formula).toMatch(/^=DATE\(2023,/);
    expect(fake.tables()[0]?.address).toBe(`A4:V${4 + n}`);
    process.stdout.write(
      `50 000 rows: ${m.syncs} syncs, largest request ${m.largestRequest} B, largest response ${m.largestResponse} B\n`,
    );
  }, 600_000);
});

// ================================================================== events and the live check

/** Waits until `done()` holds (timers and the fake's event handlers run in between). */
async function until(done: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("events and the live re-check", () => {
  it("the add-in's own writes never reach its live-check handler", async () => {
    const fake = sampleFake();
    const uninstall = installFakeOffice(globalThis, fake);
    try {
      const host = createExcelHost({
        features: ENV.features,
        toolVersion: "test",
        now: () => new Date(2023, 8, 20),
        debounceMs: 0,
      });
      const calls: number[][] = [];
      const stop = await host.watch!(PLAN, (rows) => calls.push([...rows]));
      await host.convert(PLAN);
      await fake.flushEvents();
      await new Promise((r) => setTimeout(r, 30));
      expect(fake.eventLog).toEqual([]);
      expect(calls).toEqual([]);
      stop();
    } finally {
      uninstall();
    }
  });

  it("re-checks only the edited row of a 10 000-row tracker, in ≤ 3 syncs", async () => {
    const n = 10_000;
    const fake = createFakeWorkbook({ sheets: [{ name: PLAN, rows: generatedPlanRows(n) }] });
    await convert(fake);
    const row = 5_000;
    const dueBefore = fake.formulas(`${Q}!J5:J${4 + n}`);
    const checkBefore = fake.values(`${Q}!N5:N${4 + n}`);
    await fake.simulateUserEdit(PLAN, `C${row}`, "Quý VI/2023");
    fake.resetStats();
    const live = await fake.run((ctx) => liveRecheck(ctx, ENV, PLAN, [row]));
    expect(live).not.toBeNull();
    expect(live!.rowsParsed).toBe(1);
    expect(live!.rows).toEqual([row]);
    expect(live!.diagnostics.map((d) => [d.cell, d.code])).toEqual([
      [`C${row}`, expect.stringMatching(/period/) as string],
    ]);
    expect(fake.stats.syncCount).toBeLessThanOrEqual(3);
    expect(fake.stats.largestRequestBytes).toBeLessThan(20_000);
    // Only that row's due date and Kiểm tra changed.
    const dueAfter = fake.formulas(`${Q}!J5:J${4 + n}`);
    const checkAfter = fake.values(`${Q}!N5:N${4 + n}`);
    const changed = (a: unknown[][], b: unknown[][]): number[] =>
      a.flatMap((v, i) => (JSON.stringify(v) === JSON.stringify(b[i]) ? [] : [i + 5]));
    expect(changed(dueBefore, dueAfter)).toEqual([row]);
    expect(changed(checkBefore, checkAfter)).toEqual([row]);
    expect(String(fake.cell(`${Q}!N${row}`).value)).toMatch(/^LỖI Thời gian/);
  }, 120_000);

  it("through the pane's watch: a Local edit re-checks its rows; a Remote one writes nothing", async () => {
    const fake = sampleFake();
    await convert(fake);
    const uninstall = installFakeOffice(globalThis, fake);
    try {
      const host = createExcelHost({
        features: ENV.features,
        toolVersion: "test",
        now: () => new Date(2023, 8, 20),
        debounceMs: 0,
      });
      const calls: { rows: number[]; codes: string[] }[] = [];
      const stop = await host.watch!(PLAN, (rows, diags) =>
        calls.push({ rows: [...rows], codes: diags.map((d) => d.code) }),
      );
      fake.resetStats();
      await fake.simulateUserEdit(PLAN, "C13", "Quý IV/2023");
      await until(() => calls.length > 0);
      expect(calls).toEqual([{ rows: [13], codes: [] }]);
      expect(fake.cell(`${Q}!N13`).value).toBeNull();
      expect(fake.cell(`${Q}!J13`).formula).toBe("=DATE(2023,12,31)");
      expect(fake.stats.syncCount).toBeLessThanOrEqual(3);

      fake.resetStats();
      await fake.simulateRemoteEdit(PLAN, "C14", "Quý IV/2023");
      await new Promise((r) => setTimeout(r, 50));
      await fake.flushEvents();
      expect(fake.stats.syncCount).toBe(0);
      expect(calls).toHaveLength(1);
      expect(String(fake.cell(`${Q}!N14`).value)).toMatch(/^LỖI Thời gian/);
      stop();
      await new Promise((r) => setTimeout(r, 10));
      expect(fake.handlerCount).toBe(0);
    } finally {
      uninstall();
    }
  });
});

describe("the live re-check never loses an edit (review item 2)", () => {
  async function watching(fake: FakeWorkbook, retries = 2) {
    const host = createExcelHost({
      features: ENV.features,
      toolVersion: "test",
      now: () => new Date(2023, 8, 20),
      debounceMs: 1,
      liveRetries: retries,
      run: fake.connection().run,
    });
    const calls: number[][] = [];
    const troubles: (string | null)[] = [];
    const stop = await host.watch!(
      PLAN,
      (rows) => calls.push([...rows]),
      (t) => troubles.push(t ? t.vi : null),
    );
    return { calls, troubles, stop };
  }

  it("waits while the clerk is typing in a cell (delayForCellEdit), then re-checks", async () => {
    const fake = sampleFake();
    await convert(fake);
    const { calls, stop } = await watching(fake);
    fake.cellEditMode = true;
    await fake.simulateUserEdit(PLAN, "C13", "Quý IV/2023").catch(() => undefined);
    await until(() => fake.waitingForCellEdit > 0);
    expect(calls).toEqual([]);
    fake.cellEditMode = false;
    await until(() => calls.length > 0);
    expect(calls).toEqual([[13]]);
    expect(fake.cell(`${Q}!J13`).formula).toBe("=DATE(2023,12,31)");
    expect(fake.stats.syncs.some((s) => s.error === "InvalidOperationInCellEditMode")).toBe(false);
    stop();
  });

  it("keeps the rows of a failed re-check and retries them", async () => {
    const fake = sampleFake();
    await convert(fake);
    const { calls, troubles, stop } = await watching(fake);
    fake.operationCount = 0;
    fake.failAtOperation = 1;
    await fake.simulateUserEdit(PLAN, "C13", "Quý IV/2023");
    await until(() => calls.length > 0);
    expect(fake.stats.syncs.some((s) => !s.ok)).toBe(true);
    expect(calls).toEqual([[13]]);
    expect(troubles).toEqual([]);
    expect(fake.cell(`${Q}!N13`).value).toBeNull();
    stop();
  });

  it("says so in the pane when the re-check keeps failing, and clears it when one succeeds", async () => {
    const fake = sampleFake();
    await convert(fake);
    const { calls, troubles, stop } = await watching(fake, 1);
    fake.maxResponseBytes = 10; // every read refused
    await fake.simulateUserEdit(PLAN, "C13", "Quý IV/2023");
    await until(() => troubles.length > 0);
    expect(troubles[0]).toMatch(/^Chưa tự kiểm tra lại được 1 dòng vừa sửa/);
    fake.maxResponseBytes = 5 * 1024 * 1024;
    await fake.simulateUserEdit(PLAN, "C14", "Quý IV/2023");
    await until(() => calls.length > 0);
    // The failed row comes back with the next edit.
    expect(calls).toEqual([[13, 14]]);
    expect(troubles).toEqual([troubles[0], null]);
    stop();
  });
});

// ================================================================== suggestions and selection

describe("applySuggestion and selectCell", () => {
  const apply = (
    fake: FakeWorkbook,
    cell: string,
    expected: string | null,
    suggestion: string,
  ): Promise<void> => fake.run((ctx) => applySuggestion(ctx, PLAN, cell, expected, suggestion));

  it('writes "Quý IV/2023" over "Quý VI/2023" as a literal', async () => {
    const fake = sampleFake();
    await convert(fake);
    await apply(fake, "C13", "Quý VI/2023", "Quý IV/2023");
    expect(fake.cell(`${Q}!C13`)).toMatchObject({ value: "Quý IV/2023", formula: null });
    expect(fake.selection).toEqual({ sheet: PLAN, address: "C13" });
    // A suggestion that looks like a formula stays text too.
    await apply(fake, "C14", "Quý VI/2023", "=1+1");
    expect(fake.cell(`${Q}!C14`)).toMatchObject({ value: "=1+1", formula: null });
  });

  it("refuses when the cell changed since the check", async () => {
    const fake = sampleFake();
    await convert(fake);
    await fake.simulateUserEdit(PLAN, "C13", "Quý III/2023");
    const err: unknown = await apply(fake, "C13", "Quý VI/2023", "Quý IV/2023").catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PlanTrackerError);
    expect((err as PlanTrackerError).code).toBe("suggestion.stale");
    expect(fake.cell(`${Q}!C13`).value).toBe("Quý III/2023");
  });

  it("selectCell activates the sheet and records the selection", async () => {
    const fake = sampleFake();
    await convert(fake);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Kinh phí").activate();
      await ctx.sync();
    });
    fake.resetStats();
    await fake.run((ctx) => selectCell(ctx, PLAN, "C14"));
    expect(fake.selection).toEqual({ sheet: PLAN, address: "C14" });
    expect(fake.activeSheet.name).toBe(PLAN);
    expect(fake.stats.syncCount).toBe(1);
  });
});

// ================================================================== requirement sets

describe("requirement sets", () => {
  it("names ExcelApi 1.8 in both languages when the host has only 1.7", () => {
    const req = checkRequirements(
      fakeOffice({ supportedSets: { ExcelApi: "1.7" } }).context.requirements,
    );
    expect(req.ok).toBe(false);
    expect(req.message?.vi).toContain(`ExcelApi ${REQUIRED.version}`);
    expect(req.message?.en).toContain("ExcelApi 1.8");
    expect(req.message?.vi).toMatch(/Phiên bản Excel này chưa hỗ trợ/);
    // Review item 7: volume-licensed Office 2019 stops at ExcelApi 1.7 (Office 2021 has 1.8),
    // so the message must not send an Excel 2019 user to Excel 2019.
    for (const text of [req.message?.vi ?? "", req.message?.en ?? ""]) {
      expect(text).not.toMatch(/2019 (trở lên|or later)/);
      expect(text).toMatch(/2021/);
      expect(text).toMatch(/Microsoft 365/);
      expect(text).toMatch(/2016 (và|and) Excel 2019/);
    }
    expect(req.message?.vi).toMatch(/trang độc lập/);
    expect(req.message?.en).toMatch(/standalone page/);
    expect(req.features).toEqual({
      pageLayout: false,
      mergedAreas: false,
      tableResize: false,
      specialCells: false,
    });
  });

  it("reports the optional features of a newer Excel, and survives a host that throws", () => {
    expect(
      checkRequirements(fakeOffice({ supportedSets: { ExcelApi: "1.9" } }).context.requirements),
    ).toEqual({
      ok: true,
      message: null,
      features: { pageLayout: true, mergedAreas: false, tableResize: false, specialCells: true },
    });
    const broken = checkRequirements({
      isSetSupported: () => {
        throw new Error("not ready");
      },
    });
    expect(broken.ok).toBe(false);
  });

  it("converts on an ExcelApi 1.8 host (no getSpecialCells: one more read for validations)", async () => {
    const fake = sampleFake({ apiVersion: "1.8" });
    const features = checkRequirements(
      fakeOffice({ supportedSets: { ExcelApi: "1.8" } }).context.requirements,
    ).features;
    fake.resetStats();
    await fake.run((ctx) => convertToTracker(ctx, { ...ENV, features }));
    expect(fake.stats.syncCount).toBe(4);
    expect(fake.validations(PLAN)).toHaveLength(7);
    expect(fake.tables()).toHaveLength(1);

    // Re-converting reads the summary sheets' formulas instead of their special cells: an
    // untouched sheet is rebuilt, an edited one kept.
    const again = await fake.run((ctx) => convertToTracker(ctx, { ...ENV, features }));
    expect(again.value.keptEdited).toEqual([]);
    await fake.simulateUserEdit("Tiến độ", "J2", "ghi chú");
    const edited = await fake.run((ctx) => convertToTracker(ctx, { ...ENV, features }));
    expect(edited.value.keptEdited).toEqual([{ sheet: "Tiến độ", keptAs: "Tiến độ (đã sửa)" }]);
    expect(fake.formulas("'Tiến độ (đã sửa)'!J2")).toEqual([["ghi chú"]]);
  });
});

// ================================================================== ribbon commands

describe("ribbon commands", () => {
  function deps(
    fake: FakeWorkbook,
    extra: Partial<RibbonDeps> = {},
  ): RibbonDeps & { notes: string[] } {
    const notes: string[] = [];
    return {
      run: fake.connect("ribbon").run,
      requirements: fakeOffice().context.requirements,
      lang: "vi",
      toolVersion: "test",
      now: () => new Date(2023, 8, 20, 9),
      notify: (text) => {
        notes.push(text);
        return Promise.resolve();
      },
      notes,
      ...extra,
    };
  }

  it("waits for the message dialog before event.completed() (review item 4)", async () => {
    const fake = sampleFake();
    const office = officeFor(fake);
    registerCommands(office, () => ({
      run: fake.connect("ribbon", office).run,
      requirements: office.context.requirements,
      lang: "vi",
      toolVersion: "test",
      now: () => new Date(2023, 8, 20, 9),
      notify: dialogNotify(office, "https://localhost/commands.html"),
    }));
    await office.invokeCommand("convertToTracker");
    expect(office.dialogs).toHaveLength(1);
    expect(office.dialogs[0]?.url).toMatch(/\?notice=.*Qu%C3%BD%20VI/);
    expect(office.dialogs[0]?.shown).toBe(true);
    await office.invokeCommand("checkPlan");
    expect(office.dialogs.map((d) => d.shown)).toEqual([true, true]);
  });

  it("convert selects the first invalid cell and tells its message", async () => {
    const fake = sampleFake();
    const d = deps(fake);
    await convertCommand(d);
    expect(fake.tables()).toHaveLength(1);
    expect(fake.selection).toEqual({ sheet: PLAN, address: "C13" });
    expect(d.notes).toHaveLength(1);
    expect(d.notes[0]).toMatch(/Quý VI/);
  });

  it("check on a clean tracker says so, in English too", async () => {
    const fake = sampleFake();
    await convert(fake);
    await fake.simulateUserEdit(PLAN, "C13:C14", [["Quý IV/2023"], ["Quý IV/2023"]]);
    const d = deps(fake, { lang: "en" });
    await checkCommand(d);
    expect(d.notes).toEqual(["No errors (11 items)."]);
    expect(fake.selection).toEqual({ sheet: PLAN, address: "A4" });
  });

  it("tells a domain error in plain words and an unexpected one with its prefix, never throws", async () => {
    const empty = createFakeWorkbook({ sheets: [{ name: "Trống", rows: [["chỉ có chữ"]] }] });
    const d1 = deps(empty);
    await expect(convertCommand(d1)).resolves.toBeUndefined();
    expect(d1.notes).toHaveLength(1);
    expect(d1.notes[0]).not.toMatch(/không mong đợi/);

    const d2 = deps(empty, {
      run: (() => Promise.reject(new Error("mạng hỏng"))) as unknown as typeof Excel.run,
    });
    await expect(checkCommand(d2)).resolves.toBeUndefined();
    expect(d2.notes).toEqual(["Có lỗi không mong đợi: mạng hỏng"]);
  });

  it("on an Excel without ExcelApi 1.8, says what is missing and touches nothing", async () => {
    const fake = sampleFake();
    let runs = 0;
    const d = deps(fake, {
      requirements: fakeOffice({ supportedSets: { ExcelApi: "1.7" } }).context.requirements,
      run: (() => {
        runs++;
        return Promise.resolve();
      }) as unknown as typeof Excel.run,
    });
    await convertCommand(d);
    expect(runs).toBe(0);
    expect(d.notes).toHaveLength(1);
    expect(d.notes[0]).toContain("ExcelApi 1.8");
  });
});
