/**
 * Evidence for payment on a real tracker (issue 13 §3), written and read back as .xlsx:
 * - the Budget sheet's committed / accepted / paid columns per quarter, unit and type are live
 *   formulas whose cached values HyperFormula confirms — with the awkward cells a clerk leaves
 *   (spending typed as text, a date typed as text, a space in a date cell, a cancelled item that
 *   was accepted and paid, an item without a due date, a blank unit);
 * - the items accepted more than 60 days ago and unpaid are listed, and warned about in check;
 * - a tracker made before the evidence columns existed gains them on the next run, to the right
 *   of everything the clerk keeps there, and no cell of the clerk's changes.
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import { EVIDENCE_FIELDS, TRACKER_HEADERS, type FieldKey } from "../../src/domain/fields";
import {
  expectCachedMatches,
  mismatches,
  recomputeWorkbook,
  unsupportedFunctions,
  type FormulaCheck,
} from "../helpers/formulaEngine";
import { cli } from "../helpers/cli";
import type { runTrack as RunTrack } from "../helpers/track";
import { runTrack } from "../helpers/track";
import { tempDir } from "../helpers/xlsx";

jest.setTimeout(120_000);

const PLAN = "Kế hoạch";
const BUDGET = "Kinh phí";
const AS_OF = "2023-09-20";
const d = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const M = 1_000_000;

const UNIT_A = "Trung tâm VH-TT-DL&TT";
const UNIT_B = "Đài PT-TH tỉnh";

/** The plan as a clerk's office writes it: six items, one with the seed's "Quý VI" typo. */
async function writePlan(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(PLAN);
  ws.getCell("A1").value = "KẾ HOẠCH TUYÊN TRUYỀN NĂM 2023";
  ws.getRow(3).values = [
    "STT",
    "Nội dung",
    "Thời gian",
    "Loại sản phẩm",
    "Đơn vị thực hiện",
    "Kinh phí (đồng)",
    "Ghi chú",
  ];
  const rows: [string, string, string, string | null, number][] = [
    ["Kỷ niệm 08 năm Ngày thành lập huyện 11/03/2023", "Quý I/2023", "phóng sự", UNIT_A, 15 * M],
    ["Tin hoạt động của huyện", "Quý I/2023", "tin", UNIT_B, 2 * M],
    ["Triển khai xây dựng Nông thôn mới", "Quý II/2023", "phóng sự", UNIT_A, 15 * M],
    ["Tọa đàm chuyển đổi số", "Quý II/2023", "tọa đàm", null, 20 * M],
    ["Phát triển sản phẩm OCOP", "Quý III/2023", "phóng sự", UNIT_B, 15 * M],
    ["Đẩy mạnh trồng rừng", "Quý VI/2023", "phóng sự", UNIT_A, 15 * M],
  ];
  rows.forEach(([title, period, type, unit, budget], i) => {
    ws.getRow(4 + i).values = [i + 1, title, period, type, unit ?? undefined, budget];
  });
  await wb.xlsx.writeFile(path);
}

type Entry = Partial<Record<"status" | "airedOn" | "spent" | FieldKey, ExcelJS.CellValue>>;

/** What the clerk enters during the year, by row: the awkward cells on purpose. */
const ENTRIES: Record<number, Entry> = {
  4: {
    status: "Đã phát sóng",
    airedOn: d("2023-03-11"),
    spent: 15 * M,
    evidence: "https://drive.example.vn/ps-08-nam",
    acceptanceNo: "05/BBNT-TTVH",
    acceptedOn: d("2023-03-20"),
    invoice: "0000123",
    paidOn: d("2023-04-10"),
  },
  // Spending typed as text, the acceptance date as text: accepted at the planned amount, unpaid.
  5: {
    status: "Đã phát sóng",
    airedOn: d("2023-03-15"),
    spent: "1.800.000",
    acceptedOn: "25/03/2023",
  },
  // Cancelled after it was accepted and paid: not committed, but accepted and paid.
  6: { status: "Hủy", acceptedOn: d("2023-05-10"), paidOn: d("2023-05-20") },
  // A space in the paid-date cell: Excel's <>"" counts it as filled, and so does the tool.
  7: {
    status: "Đã phát sóng",
    airedOn: d("2023-06-20"),
    spent: 18 * M,
    acceptedOn: d("2023-06-25"),
    paidOn: " ",
  },
  8: { status: "Đang thực hiện" },
  // No due date ("Quý VI"): in the Budget sheet's "no due date" row.
  9: {
    status: "Đã phát sóng",
    airedOn: d("2023-09-01"),
    spent: 15 * M,
    acceptedOn: d("2023-09-05"),
    paidOn: d("2023-09-15"),
  },
};

const HEADER_OF: Record<string, string> = {
  status: "Trạng thái",
  airedOn: "Ngày phát sóng",
  spent: "Kinh phí thực chi",
  ...Object.fromEntries(EVIDENCE_FIELDS.map((f) => [f, TRACKER_HEADERS[f].vi])),
};

function columnsByHeader(ws: ExcelJS.Worksheet, row: number): Map<string, number> {
  const out = new Map<string, number>();
  ws.getRow(row).eachCell((c, col) => {
    if (typeof c.value === "string") out.set(c.value, col);
  });
  return out;
}

function colOf(cols: Map<string, number>, header: string): number {
  const col = cols.get(header);
  if (col === undefined) throw new Error(`no column "${header}"`);
  return col;
}

async function fillLikeAClerk(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(PLAN)!;
  const cols = columnsByHeader(ws, 3);
  for (const [row, entry] of Object.entries(ENTRIES))
    for (const [field, value] of Object.entries(entry)) {
      const col = cols.get(HEADER_OF[field]!);
      if (col === undefined) throw new Error(`no column for ${field}`);
      ws.getCell(Number(row), col).value = value;
    }
  await wb.xlsx.writeFile(path);
}

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The cached value of a formula cell (or the value of a plain one). */
function cached(ws: ExcelJS.Worksheet, address: string): unknown {
  const v = ws.getCell(address).value;
  if (v !== null && typeof v === "object" && "formula" in v) return v.result ?? 0;
  return v;
}

/** The row of the first cell in column A whose text starts with `label`, at or after `from`. */
function rowOf(ws: ExcelJS.Worksheet, label: string, from = 1): number {
  for (let r = from; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, 1).value;
    if (typeof v === "string" && v.startsWith(label)) return r;
  }
  throw new Error(`no row "${label}" on ${ws.name}`);
}

describe("the Budget sheet's settlement columns on a tracker a clerk filled in", () => {
  const tmp = tempDir("pt-evidence-");
  afterAll(() => tmp.cleanup());
  const plan = join(tmp.dir, "plan.xlsx");
  const tracker = join(tmp.dir, "tracker.xlsx");
  let wb: ExcelJS.Workbook;
  let budget: ExcelJS.Worksheet;
  let checks: FormulaCheck[];

  beforeAll(async () => {
    await writePlan(plan);
    expect((await runTrack({ plan, output: tracker, asOf: AS_OF })).code).toBe(0);
    await fillLikeAClerk(tracker);
    const again = await runTrack({ plan: tracker, inPlace: true, asOf: AS_OF });
    expect(again.code).toBe(0);
    wb = await load(tracker);
    budget = wb.getWorksheet(BUDGET)!;
    checks = await recomputeWorkbook(tracker, { today: AS_OF });
  });

  it("heads the quarter, unit and type tables with Committed, Accepted, Paid, and defines them", () => {
    const q = rowOf(budget, "Quý / Quarter");
    expect([5, 6, 7].map((c) => budget.getCell(q, c).value)).toEqual([
      "Cam kết / Committed",
      "Đã nghiệm thu / Accepted",
      "Đã thanh toán / Paid",
    ]);
    const u = rowOf(budget, "Đơn vị / Unit");
    expect([6, 7, 8].map((c) => budget.getCell(u, c).value)).toEqual([
      "Cam kết / Committed",
      "Đã nghiệm thu / Accepted",
      "Đã thanh toán / Paid",
    ]);
    const note = rowOf(budget, "Cam kết = ");
    expect(budget.getCell(note, 1).value).toMatch(/không Hủy.*ngày nghiệm thu.*ngày thanh toán/);
    expect(budget.getCell(note + 1, 1).value).toMatch(/^Committed = planned cost of items not/);
  });

  it("caches per quarter what the definitions give (worked out by hand)", () => {
    const q = rowOf(budget, "Quý / Quarter");
    const row = (label: string): unknown[] => {
      const r = rowOf(budget, label, q);
      return ["E", "F", "G"].map((c) => cached(budget, `${c}${r}`));
    };
    // Committed: all but the cancelled row 6. Accepted/paid: spending, else planned (row 5's
    // spending is text: its 2 000 000 planned counts; row 6 was never spent: 15 000 000).
    expect(row("Quý I")).toEqual([17 * M, 17 * M, 15 * M]);
    expect(row("Quý II")).toEqual([20 * M, 33 * M, 33 * M]);
    expect(row("Quý III")).toEqual([15 * M, 0, 0]);
    expect(row("Quý IV")).toEqual([0, 0, 0]);
    expect(row("Chưa xác định quý")).toEqual([15 * M, 15 * M, 15 * M]);
    expect(row("Cộng / Total")).toEqual([67 * M, 65 * M, 63 * M]);
  });

  it("caches per unit and type, the blank unit included", () => {
    const u = rowOf(budget, "Đơn vị / Unit");
    const group = (label: string, from: number): unknown[] => {
      const r = rowOf(budget, label, from);
      return ["F", "G", "H"].map((c) => cached(budget, `${c}${r}`));
    };
    expect(group(UNIT_A, u)).toEqual([30 * M, 45 * M, 45 * M]);
    expect(group(UNIT_B, u)).toEqual([17 * M, 2 * M, 0]);
    expect(group("(không ghi đơn vị", u)).toEqual([20 * M, 18 * M, 18 * M]);
    const t = rowOf(budget, "Loại / Type");
    expect(group("phóng sự", t)).toEqual([45 * M, 45 * M, 45 * M]);
    expect(group("tin", t)).toEqual([2 * M, 2 * M, 0]);
    expect(group("tọa đàm", t)).toEqual([20 * M, 18 * M, 18 * M]);
  });

  it("every cached value is what HyperFormula computes, with functions it implements", () => {
    expect(checks.filter((c) => c.sheet === BUDGET).length).toBeGreaterThan(40);
    expectCachedMatches(checks);
    expect(unsupportedFunctions(checks)).toEqual([]);
  });

  it("lists the item accepted over 60 days ago and unpaid; the plan sheet marks its paid cell", async () => {
    const head = rowOf(budget, "MỤC ĐÃ NGHIỆM THU QUÁ 60 NGÀY");
    expect(budget.getCell(head, 1).value).toMatch(/\(1\)$/);
    const r = head + 2;
    expect([1, 2, 5, 6].map((c) => budget.getCell(r, c).value)).toEqual([
      "Tin hoạt động của huyện",
      5,
      179,
      2 * M,
    ]);
    expect(budget.getCell(r, 4).value).toEqual(d("2023-03-25"));
    const cols = columnsByHeader(wb.getWorksheet(PLAN)!, 3);
    const letter = (h: string): string => String.fromCharCode(64 + cols.get(h)!);
    const [acc, paid] = [letter("Ngày nghiệm thu"), letter("Ngày thanh toán")];
    const cfs = (
      wb.getWorksheet(PLAN) as unknown as {
        conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[];
      }
    ).conditionalFormattings;
    const status = letter("Trạng thái");
    const unpaid = cfs.filter((cf) => cf.rules[0]?.formulae[0]?.startsWith("AND(ISNUMBER("));
    expect(unpaid.map((cf) => cf.ref)).toEqual([`${paid}4:${paid}9`]);
    expect(unpaid[0]?.rules[0]?.formulae[0]).toBe(
      `AND(ISNUMBER($${acc}4),$${acc}4<PT_AsOf-60,$${paid}4="",$${status}4<>"Hủy")`,
    );
    const json = await cli(["check", tracker, "--json"]);
    const out = JSON.parse(json.stdout) as {
      items: Record<string, unknown>[];
      diagnostics: { code: string; cell: string; severity: string }[];
    };
    expect(out.diagnostics.filter((x) => x.code.startsWith("paidOn."))).toEqual([
      expect.objectContaining({
        code: "paidOn.unpaid-after-acceptance",
        cell: `${paid}5`,
        severity: "warning",
      }),
    ]);
    expect(out.items[0]).toMatchObject({
      evidence: "https://drive.example.vn/ps-08-nam",
      acceptanceNo: "05/BBNT-TTVH",
      acceptedOn: "2023-03-20",
      invoice: "0000123",
      paidOn: "2023-04-10",
    });
    expect(out.items[1]).toMatchObject({ acceptedOn: "2023-03-25", paidOn: null });
  });

  it("stays live: a payment entered after the run moves exactly the Paid cells", async () => {
    const copy = join(tmp.dir, "paid-later.xlsx");
    const later = await load(tracker);
    const ws = later.getWorksheet(PLAN)!;
    ws.getCell(5, colOf(columnsByHeader(ws, 3), "Ngày thanh toán")).value = d("2023-09-19");
    await later.xlsx.writeFile(copy);
    const moved = mismatches(await recomputeWorkbook(copy, { today: AS_OF }));
    const q1 = rowOf(budget, "Quý I", rowOf(budget, "Quý / Quarter"));
    const total = rowOf(budget, "Cộng / Total", q1);
    const unitB = rowOf(budget, UNIT_B, q1);
    const tin = rowOf(budget, "tin", rowOf(budget, "Loại / Type"));
    expect(moved.map((c) => [c.sheet, c.address, c.computed]).sort()).toEqual(
      [
        [BUDGET, `G${q1}`, 17 * M],
        [BUDGET, `G${total}`, 65 * M],
        [BUDGET, `H${unitB}`, 2 * M],
        [BUDGET, `H${tin}`, 2 * M],
      ].sort(),
    );
  });
});

describe("a tracker made before the evidence columns existed", () => {
  const tmp = tempDir("pt-evidence-old-");
  afterAll(() => tmp.cleanup());
  const plan = join(tmp.dir, "plan.xlsx");
  const tracker = join(tmp.dir, "old.tracker.xlsx");
  let before: Map<string, unknown>;

  /** Every non-empty cell of the plan sheet, by address (formulas by their text). */
  function cells(ws: ExcelJS.Worksheet): Map<string, unknown> {
    const out = new Map<string, unknown>();
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        const v = c.value;
        out.set(
          c.address,
          v !== null && typeof v === "object" && "formula" in v ? `=${v.formula}` : v,
        );
      }),
    );
    return out;
  }

  beforeAll(async () => {
    await writePlan(plan);
    // The tool as it was: the same code without the evidence columns among the tracker's.
    // Async isolation: track loads some modules lazily, and they must come from the same registry.
    await jest.isolateModulesAsync(async () => {
      jest.doMock("../../src/domain/fields", () => {
        const actual =
          jest.requireActual<typeof import("../../src/domain/fields")>("../../src/domain/fields");
        return {
          ...actual,
          TRACKER_FIELDS: actual.TRACKER_FIELDS.filter((f) => !actual.EVIDENCE_FIELDS.includes(f)),
        };
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a require inside the isolated registry is what loads the tool with the mocked fields
      const old = (require("../helpers/track") as { runTrack: typeof RunTrack }).runTrack;
      expect((await old({ plan, output: tracker, asOf: AS_OF })).code).toBe(0);
    });
    jest.dontMock("../../src/domain/fields");

    // The clerk's year on the old tracker: status, air dates, spending, and a column of their own
    // ("Người phụ trách") right of the tool's.
    const wb = await load(tracker);
    const ws = wb.getWorksheet(PLAN)!;
    const cols = columnsByHeader(ws, 3);
    expect(cols.has("Ngày nghiệm thu")).toBe(false);
    // The plan's 7 columns and the old tool's 8 (A–O).
    expect(Math.max(...cols.values())).toBe(15);
    ws.getCell(4, colOf(cols, "Trạng thái")).value = "Đã phát sóng";
    ws.getCell(4, colOf(cols, "Ngày phát sóng")).value = d("2023-03-11");
    ws.getCell(4, colOf(cols, "Kinh phí thực chi")).value = 15 * M;
    ws.getCell("P3").value = "Người phụ trách";
    ws.getCell("P4").value = "Chị Hoa";
    ws.getCell("P6").value = "Anh Nam";
    ws.getCell("P9").value = "Đã đối chiếu với Phòng TC-KH";
    await wb.xlsx.writeFile(tracker);
    before = cells(ws);
  });

  it("gains the five columns right of the clerk's own, and changes none of the clerk's cells", async () => {
    const r = await runTrack({ plan: tracker, inPlace: true, asOf: AS_OF });
    expect(r.code).toBe(0);
    const ws = (await load(tracker)).getWorksheet(PLAN)!;
    expect(["Q3", "R3", "S3", "T3", "U3"].map((a) => ws.getCell(a).value)).toEqual(
      EVIDENCE_FIELDS.map((f) => TRACKER_HEADERS[f].vi),
    );
    // Every cell as it was — the clerk's, and the tool's own, which the same data leaves alone.
    const after = cells(ws);
    for (const [address, value] of before)
      expect({ address, value: after.get(address) }).toEqual({ address, value });
    expect(ws.getCell("P4").value).toBe("Chị Hoa");
    expect(ws.getCell("I4").value).toBe("Đã phát sóng");
    // The only new values: the evidence columns' header cells (the tool's).
    expect([...after.keys()].filter((a) => !before.has(a))).toEqual(["Q3", "R3", "S3", "T3", "U3"]);
  });

  it("is then idempotent: a second run changes no cell", async () => {
    const once = cells((await load(tracker)).getWorksheet(PLAN)!);
    expect((await runTrack({ plan: tracker, inPlace: true, asOf: AS_OF })).code).toBe(0);
    expect(cells((await load(tracker)).getWorksheet(PLAN)!)).toEqual(once);
  });

  it("reads the evidence a clerk then enters, and the Budget sheet counts it", async () => {
    const wb = await load(tracker);
    const ws = wb.getWorksheet(PLAN)!;
    ws.getCell("R4").value = "05/BBNT";
    ws.getCell("S4").value = d("2023-03-20");
    ws.getCell("U4").value = d("2023-04-10");
    await wb.xlsx.writeFile(tracker);
    const r = await runTrack({ plan: tracker, inPlace: true, asOf: AS_OF });
    expect(r.code).toBe(0);
    const budget = (await load(tracker)).getWorksheet(BUDGET)!;
    const total = rowOf(budget, "Cộng / Total", rowOf(budget, "Quý / Quarter"));
    expect(["F", "G"].map((c) => cached(budget, `${c}${total}`))).toEqual([15 * M, 15 * M]);
    expectCachedMatches(await recomputeWorkbook(tracker, { today: AS_OF }));
  });
});
