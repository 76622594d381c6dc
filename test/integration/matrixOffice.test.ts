/**
 * The add-in's path on a quarter matrix (issue 12), in the fake Excel through Microsoft's client:
 * convert leaves the clerk's matrix as it is and builds the items sheet "Hạng mục theo dõi"; a
 * second convert keeps what the clerk entered there, on the row of the item it was entered for;
 * and the exceljs adapter (CLI) leaves the same items sheet and summaries (the contract).
 */
import ExcelJS from "exceljs";
import { applyLayout } from "../../src/adapters/exceljs/applyLayout";
import { serialToDate } from "../../src/adapters/exceljs/cellValue";
import { workbookData } from "../../src/adapters/exceljs/readWorkbook";
import {
  checkOpenWorkbook,
  convertToTracker,
  liveRecheck,
} from "../../src/adapters/officejs/session";
import { buildTracker } from "../../src/domain/tracker/track";
import { createFakeWorkbook, type FakeWorkbook } from "../fakes/excel";
import { nonEmptyCells, readExceljs, readFake, type NeutralBook } from "../helpers/adapterContract";
import { ENV } from "../helpers/officeFake";

const PLAN = "KH";
const ITEMS = "Hạng mục theo dõi";
const QI = `'${ITEMS}'`;
const SHEETS = [PLAN, ITEMS, "Kinh phí", "Tiến độ"];

/** A 2023 quarter matrix under "Thời gian thực hiện" merged over the four quarters. */
const ROWS: (string | number | null)[][] = [
  ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2023"],
  [],
  ["STT", "Nội dung", "Thời gian thực hiện", null, null, null, "Đơn vị thực hiện", "Kinh phí"],
  [null, null, "Quý I", "Quý II", "Quý III", "Quý IV"],
  [
    1,
    "Phóng sự kỷ niệm ngày thành lập huyện 11/03/2023",
    "x",
    null,
    "x",
    null,
    "Trung tâm VH",
    30000000,
  ],
  [2, "Tin phòng chống cháy rừng", "02 tin", "02", null, "✓", "Trung tâm VH", null],
];
const MERGES = ["A1:H1", "A3:A4", "B3:B4", "C3:F3", "G3:G4", "H3:H4"];

function fake(): FakeWorkbook {
  return createFakeWorkbook({ sheets: [{ name: PLAN, rows: ROWS, merges: MERGES }] });
}

function convert(f: FakeWorkbook) {
  return f.run((ctx) => convertToTracker(ctx, ENV, { planSheet: PLAN }));
}

describe("convert in Excel on a quarter matrix", () => {
  it("leaves the matrix as it is and tracks each filled cell on the items sheet", async () => {
    const f = fake();
    const before = f.formulas(`${PLAN}!A1:H6`);
    const converted = await convert(f);
    expect(converted.value.check.summary).toEqual({ items: 5, errors: 0, warnings: 0 });
    expect(converted.value.itemsSheet).toEqual({ name: ITEMS, items: 5, orphans: 0 });
    expect(converted.syncs).toBeLessThanOrEqual(3);
    expect(f.formulas(`${PLAN}!A1:H6`)).toEqual(before);
    expect(f.conditionalFormats(PLAN)).toEqual([]);
    expect(f.validations(PLAN)).toEqual([]);
    expect(f.sheetNames()).toEqual([PLAN, "Cài đặt", ITEMS, "Kinh phí", "Tiến độ", "_PlanTracker"]);
    expect(f.formulas(`${QI}!B4:E5`)).toEqual([
      [
        "=ADDRESS(ROW(KH!$C$5),COLUMN(KH!$C$5),4)",
        '=IF(KH!$B$5="","",KH!$B$5)',
        "=KH!$C$4",
        '=IF(KH!$C$5="","",KH!$C$5)',
      ],
      [
        "=ADDRESS(ROW(KH!$E$5),COLUMN(KH!$E$5),4)",
        '=IF(KH!$B$5="","",KH!$B$5)',
        "=KH!$E$4",
        '=IF(KH!$E$5="","",KH!$E$5)',
      ],
    ]);
    expect(f.cell(`${QI}!I4`).formula).toBe("=DATE(2023,3,11)");
    expect(f.cell(`${QI}!Q4`).value).toBe(30000000);
    expect(f.cell(`${QI}!Q5`).value).toBeNull();
    expect(f.validations(ITEMS).map((v) => v.address)).toEqual([
      "J4:J8",
      "K4:K8",
      "L4:L8",
      // The acceptance and payment dates (issue 13 §3).
      "T4:T8",
      "V4:V8",
    ]);
  });

  it("a second convert keeps the clerk's entries on their items' rows", async () => {
    const f = fake();
    await convert(f);
    // Status of "Tin …" Quý II (D6, row 7 of the items sheet; aired 23/06/2023, serial 45100) and
    // of the event's Quý I (row 4).
    await f.simulateUserEdit(ITEMS, "J7:L7", [["Đã phát sóng", 45100, 3000000]]);
    await f.simulateUserEdit(ITEMS, "J4", "Đang thực hiện");
    // The clerk marks Quý II of the first topic: a new item before the others.
    await f.simulateUserEdit(PLAN, "D5", "x");
    const again = await convert(f);
    expect(again.value.check.summary.items).toBe(6);
    expect(again.value.keptEdited).toEqual([]);
    expect(f.formulas(`${QI}!B4:B9`).map((r) => r[0])).toEqual([
      "=ADDRESS(ROW(KH!$C$5),COLUMN(KH!$C$5),4)",
      "=ADDRESS(ROW(KH!$D$5),COLUMN(KH!$D$5),4)",
      "=ADDRESS(ROW(KH!$E$5),COLUMN(KH!$E$5),4)",
      "=ADDRESS(ROW(KH!$C$6),COLUMN(KH!$C$6),4)",
      "=ADDRESS(ROW(KH!$D$6),COLUMN(KH!$D$6),4)",
      "=ADDRESS(ROW(KH!$F$6),COLUMN(KH!$F$6),4)",
    ]);
    expect(f.values(`${QI}!J4:L9`)).toEqual([
      ["Đang thực hiện", "", ""],
      ["", "", ""],
      ["", "", ""],
      ["", "", ""],
      ["Đã phát sóng", 45100, 3000000],
      ["", "", ""],
    ]);
    // The pane's check reads the entries back as check does.
    const checked = await f.run((ctx) => checkOpenWorkbook(ctx, ENV, { planSheet: PLAN }));
    expect(checked.value.plan.items.map((i) => [i.cell, i.status, i.airedOn])).toEqual([
      ["C5", "Đang thực hiện", null],
      ["D5", null, null],
      ["E5", null, null],
      ["C6", null, null],
      ["D6", "Đã phát sóng", "2023-06-23"],
      ["F6", null, null],
    ]);
  });
});

function expectSameSheets(exceljs: NeutralBook, office: NeutralBook): void {
  expect(office.sheets.map((s) => [s.name, s.state])).toEqual(
    exceljs.sheets.map((s) => [s.name, s.state]),
  );
  exceljs.sheets.forEach((x, i) => {
    const y = office.sheets[i]!;
    expect({ sheet: y.name, cells: nonEmptyCells(y) }).toEqual({
      sheet: x.name,
      cells: nonEmptyCells(x),
    });
    expect({ sheet: y.name, v: y.validations, cf: y.conditionalFormats }).toEqual({
      sheet: x.name,
      v: x.validations,
      cf: x.conditionalFormats,
    });
    expect({ sheet: y.name, widths: y.widths, freeze: y.freeze, tab: y.tabColor }).toEqual({
      sheet: x.name,
      widths: x.widths,
      freeze: x.freeze,
      tab: x.tabColor,
    });
  });
}

/** The CLI's path: build the tracker of a workbook, apply it with exceljs, save and reopen. */
async function exceljsTrack(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const result = buildTracker(workbookData(wb), { today: ENV.today, toolVersion: ENV.toolVersion });
  applyLayout(wb, result.layout);
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await wb.xlsx.writeBuffer());
  return back;
}

function exceljsPlan(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(PLAN);
  ROWS.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null) ws.getCell(r + 1, c + 1).value = v;
    }),
  );
  for (const m of MERGES) ws.mergeCells(m);
  return wb;
}

describe("the live re-check of an edited matrix row", () => {
  it("reports the edited cell's finding and writes nothing into the matrix", async () => {
    const f = fake();
    await convert(f);
    await f.simulateUserEdit(PLAN, "D6", "hai lần");
    const before = f.formulas(`${PLAN}!A1:H6`);
    const live = await f.run((ctx) => liveRecheck(ctx, ENV, PLAN, [6]));
    expect(live?.diagnostics.map((d) => [d.cell, d.code])).toEqual([
      ["D6", "matrix.cell-unreadable"],
    ]);
    expect(live?.rowsParsed).toBe(3);
    expect(f.formulas(`${PLAN}!A1:H6`)).toEqual(before);
  });
});

describe("contract: both adapters leave the same matrix tracker", () => {
  it("for the first conversion: the matrix, the items sheet and the summaries", async () => {
    const f = fake();
    await convert(f);
    const back = await exceljsTrack(exceljsPlan());

    const office = readFake(f, SHEETS);
    expectSameSheets(readExceljs(back, SHEETS), office);
    // Not vacuous: the items sheet holds its rows, rules and formulas.
    const items = office.sheets[1]!;
    expect(Object.keys(items.validations)).toHaveLength(25);
    expect(items.conditionalFormats).toHaveLength(15);
    // Key, title, period, count, unit and due date of each of the 5 items (no duration column).
    expect(Object.values(nonEmptyCells(items)).filter((c) => c.formula !== null).length).toBe(
      5 * 6,
    );
  });

  it("for a second run after the clerk's entries and a new mark in the matrix", async () => {
    const f = fake();
    await convert(f);
    await f.simulateUserEdit(ITEMS, "J7:L7", [["Đã phát sóng", 45100, 3000000]]);
    await f.simulateUserEdit(ITEMS, "M4", "quay lại");
    await f.simulateUserEdit(PLAN, "D5", "x");
    await convert(f);

    const wb = await exceljsTrack(exceljsPlan());
    const ws = wb.getWorksheet(ITEMS)!;
    ws.getCell("J7").value = "Đã phát sóng";
    ws.getCell("K7").value = serialToDate(45100);
    ws.getCell("L7").value = 3000000;
    ws.getCell("M4").value = "quay lại";
    wb.getWorksheet(PLAN)!.getCell("D5").value = "x";
    const back = await exceljsTrack(wb);

    expectSameSheets(readExceljs(back, SHEETS), readFake(f, SHEETS));
    expect(f.cell(`${QI}!J8`).value).toBe("Đã phát sóng");
    expect(f.cell(`${QI}!M4`).value).toBe("quay lại");
  });
});
