/**
 * Recurring duties end to end (issue 13 §1): a plan workbook with a weekly duty ("Hằng tuần",
 * "02 tin/tuần"), a monthly one and a dated item → check --json → track, which creates the
 * broadcast log "Nhật ký phát sóng" → a clerk's log rows (edge cases included) → track again in
 * place. The tracker is read back with exceljs, validated against the OOXML schemas, its cached
 * formula values compared with HyperFormula, and every log cell the clerk wrote compared before
 * and after each run.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { serialToDate } from "../../src/adapters/exceljs/cellValue";
import { cli } from "../helpers/cli";
import { excelRepairProblems, rawSheetRules, validateXlsx } from "../helpers/excelRules";
import { expectCachedMatches, recomputeWorkbook } from "../helpers/formulaEngine";
import { tempDir, writeWorkbook } from "../helpers/xlsx";

const PLAN = "Kế hoạch";
const LOG = "Nhật ký phát sóng";
const PROGRESS = "Tiến độ";
const WEEKLY = "Cộng tác tin về hoạt động của xã trên sóng Đài tỉnh";
const MONTHLY = "Chuyên mục cải cách hành chính";

/** Excel serial of a civil date, computed here independently of the product. */
const serial = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569;
const date = (iso: string): Date => serialToDate(serial(iso));

const PLAN_ROWS: ExcelJS.CellValue[][] = [
  ["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2023"],
  [],
  ["STT", "Nội dung", "Thời gian", "Số lượng", "Loại sản phẩm", "Đơn vị thực hiện"],
  [1, "Phóng sự về chuyển đổi số", "Quý III/2023", "01", "phóng sự", "Đài tỉnh"],
  [2, WEEKLY, "Hằng tuần", "02 tin/tuần", "tin", "Trung tâm Truyền thông xã"],
  [3, MONTHLY, "hằng tháng", "01 chuyên mục", "chuyên mục", "Đài tỉnh"],
];

/** Log column letters of the layout the tool creates (row 4 headers). */
const COL = {
  no: "A",
  airedOn: "B",
  title: "C",
  type: "D",
  fee: "I",
  duty: "J",
  planItem: "K",
  acceptNo: "L",
  acceptDate: "M",
  invoice: "N",
  paidOn: "O",
  check: "Q",
  list: "S",
} as const;

interface LogRowInput {
  readonly row: number;
  readonly cells: Partial<Record<keyof typeof COL, ExcelJS.CellValue>>;
}

/** What the clerk types: normal rows and the cases a log gets wrong. */
const CLERK_ROWS: readonly LogRowInput[] = [
  // Week 37 (11–17/09): two news items → ahead of the quota of 2? exactly met.
  {
    row: 5,
    cells: {
      no: 1,
      airedOn: date("2023-09-11"),
      title: "Tin 1",
      type: "tin",
      fee: 300_000,
      duty: WEEKLY,
    },
  },
  {
    row: 6,
    cells: {
      no: 2,
      airedOn: date("2023-09-14"),
      title: "Tin 2",
      type: "tin",
      duty: WEEKLY.toUpperCase(),
    },
  },
  // Week 36 (04–10/09): three → ahead.
  { row: 7, cells: { no: 3, airedOn: date("2023-09-04"), title: "Tin 3", duty: WEEKLY } },
  { row: 8, cells: { no: 4, airedOn: date("2023-09-05"), title: "Tin 4", duty: WEEKLY } },
  { row: 9, cells: { no: 5, airedOn: date("2023-09-10"), title: "Tin 5", duty: WEEKLY } },
  // Week 35: one → short. A date typed as text does not count, and is flagged.
  { row: 10, cells: { no: 6, airedOn: date("2023-08-30"), title: "Tin 6", duty: WEEKLY } },
  {
    row: 11,
    cells: { no: 7, airedOn: "31/08/2023", title: "Tin 7 (ngày gõ dạng chữ)", duty: WEEKLY },
  },
  // Paid without an acceptance record; a duty not in the list; proof of plan item 1.
  {
    row: 12,
    cells: {
      no: 8,
      airedOn: date("2023-09-01"),
      title: "Chuyên mục tháng 9",
      duty: MONTHLY,
      fee: 2_000_000,
      invoice: "0000456",
      paidOn: date("2023-09-15"),
    },
  },
  {
    row: 13,
    cells: { no: 9, airedOn: date("2023-09-02"), title: "Tin lạc", duty: "Nhiệm vụ không có" },
  },
  {
    row: 14,
    cells: {
      no: 10,
      airedOn: date("2023-09-12"),
      title: "Phóng sự chuyển đổi số",
      planItem: 1,
      acceptNo: "03/BB-NT",
      acceptDate: date("2023-09-15"),
    },
  },
  // Neither a duty nor a plan item; an air date after the as-of date; a fee in words.
  { row: 15, cells: { no: 11, airedOn: date("2023-09-13"), title: "Tin không gắn" } },
  {
    row: 16,
    cells: {
      no: 12,
      airedOn: date("2023-09-25"),
      title: "Tin tuần sau",
      duty: WEEKLY,
      fee: "ba trăm nghìn",
    },
  },
  // Far below the block the first run covered (rows 5–304): the block grows.
  { row: 420, cells: { no: 13, airedOn: date("2023-09-19"), title: "Tin 13", duty: WEEKLY } },
];

function fillLog(ws: ExcelJS.Worksheet): void {
  for (const { row, cells } of CLERK_ROWS) {
    for (const [key, value] of Object.entries(cells)) {
      const cell = ws.getCell(`${COL[key as keyof typeof COL]}${row}`);
      cell.value = value ?? null;
      if (value instanceof Date) cell.numFmt = "d/m/yy";
    }
  }
}

/** Every cell of the clerk's columns A–P on rows 5–520: value and number format. */
function clerkCells(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let r = 5; r <= 520; r++) {
    for (let c = 1; c <= 16; c++) {
      const cell = ws.getCell(r, c);
      if (cell.value !== null && cell.value !== undefined)
        out[cell.address] = { v: cell.value, f: cell.numFmt };
    }
  }
  return out;
}

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

describe("import: duties in a plan's prose become rows check reads back as recurring", () => {
  const tmp = tempDir("pt-log-import-");
  afterAll(() => tmp.cleanup());

  it("writes the frequency and the stated quota ('Hằng tuần', 'ít nhất 02 tin/tuần')", async () => {
    const text = [
      "KẾ HOẠCH",
      "Tuyên truyền trên sóng phát thanh, truyền hình năm 2024",
      "II. NỘI DUNG",
      "- Quý I/2024:",
      "+ Kỷ niệm 94 năm Ngày thành lập Đảng 03/02/2024 (01 phóng sự, thời lượng 05 phút).",
      "- Hằng tuần, Trung tâm Truyền thông xã cộng tác ít nhất 02 tin/tuần phát trên sóng Đài Phát thanh - Truyền hình tỉnh.",
      "- Đài Phát thanh - Truyền hình tỉnh phát 01 chuyên mục về xây dựng nông thôn mới hằng tháng.",
    ].join("\n");
    const txt = join(tmp.dir, "ke-hoach.txt");
    writeFileSync(txt, text, "utf8");
    const xlsx = join(tmp.dir, "ke-hoach.xlsx");
    const r = await cli(["import", txt, "-o", xlsx]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Đã nhập 3 mục");
    const ws = (await open(xlsx)).getWorksheet(PLAN)!;
    expect(
      [6, 7].map((row) => ["B", "C", "D", "E", "G"].map((c) => ws.getCell(`${c}${row}`).value)),
    ).toEqual([
      [
        "Cộng tác ít nhất 02 tin/tuần phát trên sóng Đài Phát thanh - Truyền hình tỉnh",
        "Hằng tuần",
        "ít nhất 02 tin/tuần",
        "tin",
        "Trung tâm Truyền thông xã",
      ],
      [
        "Phát 01 chuyên mục về xây dựng nông thôn mới",
        "Hằng tháng",
        "01 chuyên mục",
        "chuyên mục",
        "Đài Phát thanh - Truyền hình tỉnh",
      ],
    ]);
    const c = await cli(["check", xlsx, "--json", "--as-of", "2024-03-20"]);
    expect(c.code).toBe(0);
    const json = JSON.parse(c.stdout) as { items: { recurrence?: unknown }[]; summary: unknown };
    expect(json.summary).toEqual({ items: 3, errors: 0, warnings: 0 });
    expect(json.items.map((i) => i.recurrence ?? null)).toEqual([
      null,
      { every: "week", interval: 1, quota: 2, type: "tin", from: "2024-01-01", to: "2024-12-31" },
      {
        every: "month",
        interval: 1,
        quota: 1,
        type: "chuyên mục",
        from: "2024-01-01",
        to: "2024-12-31",
      },
    ]);
  });
});

describe("a plan with recurring duties: check --json, the log, quotas", () => {
  const tmp = tempDir("pt-log-");
  afterAll(() => tmp.cleanup());
  const planXlsx = join(tmp.dir, "plan.xlsx");
  const trackerXlsx = join(tmp.dir, "plan.tracker.xlsx");
  let before: Record<string, unknown> = {};

  beforeAll(async () => {
    await writeWorkbook(planXlsx, [{ name: PLAN, rows: PLAN_ROWS }]);
  });

  it("check --json gives each duty its recurrence and counts its periods (added fields only)", async () => {
    const r = await cli(["check", planXlsx, "--json", "--as-of", "2023-09-20"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      items: Record<string, unknown>[];
      recurring: { duties: Record<string, unknown>[] };
      summary: unknown;
    };
    expect(json.summary).toEqual({ items: 3, errors: 0, warnings: 0 });
    expect(json.items.map((i) => [i.row, i.periodText, i.count, i.dueDate, i.recurrence])).toEqual([
      [4, "Quý III/2023", 1, "2023-09-30", undefined],
      [
        5,
        "Hằng tuần",
        null,
        null,
        { every: "week", interval: 1, quota: 2, type: "tin", from: "2023-01-01", to: "2023-12-31" },
      ],
      [
        6,
        "hằng tháng",
        null,
        null,
        {
          every: "month",
          interval: 1,
          quota: 1,
          type: "chuyên mục",
          from: "2023-01-01",
          to: "2023-12-31",
        },
      ],
    ]);
    expect(json.recurring.duties.map((d) => [d.label, d.every, d.quota, d.periodsOver])).toEqual([
      [WEEKLY, "week", 2, 37],
      [MONTHLY, "month", 1, 8],
    ]);
  });

  it("flags an unreadable quota at its cell with what is valid (and a duty without one is fine)", async () => {
    const bad = join(tmp.dir, "bad.xlsx");
    await writeWorkbook(bad, [
      {
        name: PLAN,
        rows: [
          ...PLAN_ROWS.slice(0, 5),
          [3, MONTHLY, "hằng tháng", "vài chuyên mục", "chuyên mục", "Đài tỉnh"],
          [4, "Bản tin định kỳ", "định kỳ", null, "tin", "Đài tỉnh"],
          [5, "Tin hằng tuần không ghi chỉ tiêu", "hàng tuần", null, "tin", "Đài tỉnh"],
        ],
      },
    ]);
    const r = await cli(["check", bad, "--json", "--as-of", "2023-09-20", "--lang", "en"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      diagnostics: { cell: string; field: string; code: string; value: string; message: string }[];
    };
    expect(json.diagnostics.map((d) => [d.cell, d.field, d.code, d.value])).toEqual([
      ["D6", "count", "recurrence.quota-unreadable", "vài chuyên mục"],
      ["C7", "period", "recurrence.no-frequency", "định kỳ"],
    ]);
    expect(json.diagnostics[0]!.message).toMatch(
      /^Kế hoạch!D6: Cannot read the quota "vài chuyên mục"/,
    );
    expect(json.diagnostics[0]!.message).toContain('"02 tin/tuần"');
    expect(json.diagnostics[1]!.message).toContain('"Hằng tuần"');
  });

  it("track creates the log sheet: headers, the duty list, bounded rules, live Kiểm tra", async () => {
    const r = await cli(["track", planXlsx, "--as-of", "2023-09-20"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Đã thêm trang "${LOG}"`);
    expect(r.stdout).toContain(
      `Nhiệm vụ định kỳ "${WEEKLY}" (hằng tuần, ≥ 2 tin/tuần): 0/37 tuần đạt`,
    );
    const wb = await open(trackerXlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      PLAN,
      "Cài đặt",
      LOG,
      "Kinh phí",
      PROGRESS,
      "_PlanTracker",
    ]);
    const log = wb.getWorksheet(LOG)!;
    expect((log.getRow(4).values as unknown[]).slice(1, 18)).toEqual([
      "STT",
      "Ngày phát sóng",
      "Tên tin, bài / sản phẩm",
      "Loại sản phẩm",
      "Thời lượng",
      "Chương trình / kênh",
      "Đường dẫn / bản lưu",
      "Đơn vị thực hiện",
      "Nhuận bút, kinh phí (đồng)",
      "Nhiệm vụ định kỳ",
      "Mục kế hoạch (STT)",
      "Số biên bản nghiệm thu",
      "Ngày nghiệm thu",
      "Số hóa đơn",
      "Ngày thanh toán",
      "Ghi chú",
      "Kiểm tra",
    ]);
    expect([log.getCell("S5").value, log.getCell("S6").value, log.getCell("S7").value]).toEqual([
      WEEKLY,
      MONTHLY,
      null,
    ]);
    expect(log.getCell("B5").numFmt).toBe("dd/mm/yyyy");
    expect((log.getCell("Q304").value as ExcelJS.CellFormulaValue).formula).toMatch(
      /^IF\(COUNTA\(\$A304:\$P304\)=0,"",/,
    );
    expect(log.getCell("Q305").value).toBeNull();
    const { validations } = await rawSheetRules(trackerXlsx, LOG);
    expect(validations.map((v) => v.sqref).sort()).toEqual(
      [
        "B5:B304",
        "D5:D304",
        "E5:E304",
        "I5:I304",
        "J5:J304",
        "K5:K304",
        "M5:M304",
        "O5:O304",
      ].sort(),
    );
    const duty = validations.find((v) => v.sqref === "J5:J304");
    expect(duty).toMatchObject({ type: "list", formula1: "$S$5:$S$6" });
    const item = validations.find((v) => v.sqref === "K5:K304");
    expect(item).toMatchObject({ type: "list", formula1: "'Kế hoạch'!$A$4:$A$6" });
    expect(validateXlsx(trackerXlsx).ok).toBe(true);
    expect(await excelRepairProblems(trackerXlsx)).toEqual([]);
  });

  it("a second run keeps every log cell the clerk wrote, and grows the block below the last row", async () => {
    const wb = await open(trackerXlsx);
    fillLog(wb.getWorksheet(LOG)!);
    await wb.xlsx.writeFile(trackerXlsx);
    before = clerkCells((await open(trackerXlsx)).getWorksheet(LOG)!);
    expect(Object.keys(before).length).toBeGreaterThan(50);

    const r = await cli(["track", trackerXlsx, "--in-place"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Trang "${LOG}": 13 hàng.`);
    const after = await open(trackerXlsx);
    const log = after.getWorksheet(LOG)!;
    expect(clerkCells(log)).toEqual(before);
    // The block: lowest clerk row 420 + 100.
    expect((log.getCell("Q520").value as ExcelJS.CellFormulaValue).formula).toContain(
      "$A520:$P520",
    );
    expect(log.getCell("Q521").value).toBeNull();
    const { validations } = await rawSheetRules(trackerXlsx, LOG);
    expect(validations.map((v) => v.sqref).sort()).toEqual(
      [
        "B5:B520",
        "D5:D520",
        "E5:E520",
        "I5:I520",
        "J5:J520",
        "K5:K520",
        "M5:M520",
        "O5:O520",
      ].sort(),
    );
    expect(validateXlsx(trackerXlsx).ok).toBe(true);
    expect(await excelRepairProblems(trackerXlsx)).toEqual([]);
  });

  it("says what is wrong with each log row in Kiểm tra (cached = what the formula gives)", async () => {
    const log = (await open(trackerXlsx)).getWorksheet(LOG)!;
    const check = (row: number): unknown =>
      (log.getCell(`Q${row}`).value as ExcelJS.CellFormulaValue).result ?? "";
    expect([5, 6, 7, 10, 14].map(check)).toEqual(["", "", "", "", ""]);
    expect(check(11)).toBe("LỖI Ngày phát sóng: không phải ngày (dd/mm/yyyy)");
    expect(check(12)).toBe("CẢNH BÁO: đã thanh toán nhưng chưa có biên bản nghiệm thu");
    expect(check(13)).toBe("LỖI Nhiệm vụ định kỳ: không có trong danh sách");
    expect(check(15)).toBe("CẢNH BÁO: chưa gắn nhiệm vụ định kỳ hay mục kế hoạch nào");
    expect(check(16)).toBe(
      "CẢNH BÁO Ngày phát sóng: sau ngày tính; LỖI Nhuận bút, kinh phí: không phải số",
    );
    expect(check(100)).toBe("");
    for (const today of ["2023-09-20", "2031-12-31"])
      expectCachedMatches(await recomputeWorkbook(trackerXlsx, { today }));
  });

  it("check reports the log's findings at their cells, in both languages", async () => {
    const r = await cli(["check", trackerXlsx, "--json"]);
    const json = JSON.parse(r.stdout) as {
      diagnostics: { sheet: string; cell: string; code: string; severity: string }[];
      recurring: { logSheet: string; logEntries: number; proofs: unknown };
    };
    expect(json.recurring).toMatchObject({ logSheet: LOG, logEntries: 13 });
    // The dated item STT 1 (plan row 4) points to the log row that proves it aired.
    expect(json.recurring.proofs).toEqual([{ logRow: 14, planRow: 4 }]);
    expect(
      json.diagnostics.filter((d) => d.sheet === LOG).map((d) => [d.cell, d.code, d.severity]),
    ).toEqual([
      ["B11", "log.air-date-invalid", "error"],
      ["J13", "log.unknown-duty", "error"],
      ["I16", "log.fee-invalid", "error"],
      ["O12", "log.paid-without-acceptance", "warning"],
      ["J15", "log.unlinked", "warning"],
      ["B16", "log.air-date-future", "warning"],
    ]);
  });

  it("counts each week against its quota with live formulas on Tiến độ: met, short, ahead", async () => {
    const wb = await open(trackerXlsx);
    const p = wb.getWorksheet(PROGRESS)!;
    // Find the weekly duty's block by its key cell, then its weeks.
    let key = 0;
    p.eachRow((row, r) => {
      if (
        key === 0 &&
        row.getCell(1).value === WEEKLY &&
        r > 10 &&
        p.getCell(r + 1, 1).value === "Kỳ / Period"
      )
        key = r;
    });
    expect(key).toBeGreaterThan(0);
    const week = (n: number): unknown[] => {
      const r = key + 1 + n;
      const v = (c: number): unknown => {
        const x = p.getCell(r, c).value;
        return x !== null && typeof x === "object" && "formula" in x ? (x.result ?? 0) : x;
      };
      return [v(1), v(4), v(5), v(7)];
    };
    expect(week(35)).toEqual(["Tuần 35 (28/08–03/09)", 2, 1, "Thiếu"]);
    expect(week(36)).toEqual(["Tuần 36 (04/09–10/09)", 2, 3, "Vượt"]);
    expect(week(37)).toEqual(["Tuần 37 (11/09–17/09)", 2, 2, "Đạt"]);
    expect(week(38)).toEqual(["Tuần 38 (18/09–24/09)", 2, 1, "Đang thực hiện"]);
    expect(week(39)).toEqual(["Tuần 39 (25/09–01/10)", 2, 1, "Chưa đến kỳ"]);
    expect(week(40)).toEqual(["Tuần 40 (02/10–08/10)", 2, 0, "Chưa đến kỳ"]);
    const e = (p.getCell(key + 1 + 36, 5).value as ExcelJS.CellFormulaValue).formula;
    expect(e).toBe(
      `SUMPRODUCT(--('${LOG}'!$J$5:$J$520=$A$${key}),--ISNUMBER('${LOG}'!$B$5:$B$520),--('${LOG}'!$B$5:$B$520>=B${key + 37}),--('${LOG}'!$B$5:$B$520<=C${key + 37}))`,
    );
    // The colours are rules on the status cells, live without the add-in.
    const { conditionalFormats } = await rawSheetRules(trackerXlsx, PROGRESS);
    const rules = conditionalFormats.flatMap((c) => c.rules.map((x) => [c.sqref, x.formulas[0]]));
    const last = key + 1 + 52;
    for (const status of ["Thiếu", "Đạt", "Vượt", "Đang thực hiện"])
      expect(rules).toContainEqual([
        expect.stringMatching(new RegExp(`^A${key}:G\\d+$`)),
        `$G${key}="${status}"`,
      ]);
    expect(Number(/:G(\d+)$/.exec(String(rules[0]?.[0]))?.[1])).toBeGreaterThan(last);
  });

  it("the results report states the quota of Quý III (15/06–14/09): weeks that met it", async () => {
    const pdf = join(tmp.dir, "q3.pdf");
    const r = await cli(["summary", trackerXlsx, "--pdf", pdf, "--period", "Q3"]);
    expect(r.code).toBe(0);
    // Weeks 24–36 end in the window; 36 (ahead) is the only one that met 2 a week.
    expect(r.stdout).toContain(
      `Chỉ tiêu định kỳ: ${WEEKLY} (hằng tuần, ≥ 2 tin/tuần; 4 sản phẩm): 1/13 tuần đạt`,
    );
    expect(r.stdout).toContain(
      `Chỉ tiêu định kỳ: ${MONTHLY} (hằng tháng, ≥ 1 chuyên mục/tháng; 0 sản phẩm): 0/3 tháng đạt`,
    );
  });

  it("a third run changes nothing; a duty the plan drops leaves the list, its rows are flagged", async () => {
    const copy = join(tmp.dir, "third.xlsx");
    copyFileSync(trackerXlsx, copy);
    expect((await cli(["track", copy, "--in-place"])).code).toBe(0);
    const third = (await open(copy)).getWorksheet(LOG)!;
    expect(clerkCells(third)).toEqual(before);

    // The clerk turns the weekly duty into a dated item.
    const wb = await open(copy);
    wb.getWorksheet(PLAN)!.getCell("C5").value = "Quý IV/2023";
    wb.getWorksheet(PLAN)!.getCell("D5").value = "10";
    await wb.xlsx.writeFile(copy);
    expect((await cli(["track", copy, "--in-place"])).code).toBe(0);
    const log = (await open(copy)).getWorksheet(LOG)!;
    expect(clerkCells(log)).toEqual(before);
    expect([log.getCell("S5").value, log.getCell("S6").value]).toEqual([MONTHLY, null]);
    expect((log.getCell("Q5").value as ExcelJS.CellFormulaValue).result).toBe(
      "LỖI Nhiệm vụ định kỳ: không có trong danh sách",
    );
    expectCachedMatches(await recomputeWorkbook(copy, { today: "2023-09-20" }));
  });

  it("leaves a sheet of that name that is not the tool's log alone, and says so", async () => {
    const own = join(tmp.dir, "own.xlsx");
    await writeWorkbook(own, [
      { name: PLAN, rows: PLAN_ROWS },
      { name: LOG, rows: [["Sổ tay của văn thư"], ["Ngày", "Việc"], ["01/09", "họp giao ban"]] },
    ]);
    const r = await cli([
      "track",
      own,
      "-o",
      join(tmp.dir, "own.tracker.xlsx"),
      "--as-of",
      "2023-09-20",
    ]);
    expect(r.code).toBe(0);
    const wb = await open(join(tmp.dir, "own.tracker.xlsx"));
    const ws = wb.getWorksheet(LOG)!;
    expect([ws.getCell("A1").value, ws.getCell("B3").value, ws.getCell("Q5").value]).toEqual([
      "Sổ tay của văn thư",
      "họp giao ban",
      null,
    ]);
    const c = await cli(["check", join(tmp.dir, "own.tracker.xlsx"), "--json"]);
    const json = JSON.parse(c.stdout) as { diagnostics: { code: string; sheet: string }[] };
    expect(json.diagnostics.filter((d) => d.sheet === LOG).map((d) => d.code)).toEqual([
      "log.foreign-sheet",
    ]);
  });
});
