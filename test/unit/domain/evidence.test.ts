/**
 * Evidence for payment (issue 13 §3): the tracker's evidence columns are read (by Vietnamese or
 * English header), their dates parsed like the air date, and the rules Finance relies on warn
 * with stable codes in both languages, at the cell to fix.
 */
import { checkJson, checkWorkbook } from "../../../src/domain/check";
import type { CellValue } from "../../../src/domain/cell";
import { findHeader, matchHeader } from "../../../src/domain/headers";
import { settlementFormulas } from "../../../src/domain/summary/budgetSheet";
import { budgetFigures } from "../../../src/domain/summary/figures";
import { book, sheet } from "../../helpers/grid";

const HEADER = [
  "STT",
  "Nội dung",
  "Thời gian",
  "Kinh phí (đồng)",
  "Trạng thái",
  "Ngày phát sóng",
  "Kinh phí thực chi",
  "Link / lưu trữ",
  "Số biên bản nghiệm thu",
  "Ngày nghiệm thu",
  "Số hóa đơn",
  "Ngày thanh toán",
];
/** Column letters of the evidence columns in HEADER. */
const COL = { status: "E", airedOn: "F", acceptedOn: "J", paidOn: "L" } as const;

interface Row {
  status?: string;
  aired?: CellValue;
  link?: string;
  record?: string;
  accepted?: CellValue;
  invoice?: string;
  paid?: CellValue;
}

const date = (d: string): CellValue => ({
  kind: "date",
  serial: Date.parse(`${d}T00:00:00Z`) / 86400000 + 25569,
});

function check(rows: Row[], asOf = "2023-09-20") {
  const grid: CellValue[][] = [["KẾ HOẠCH TUYÊN TRUYỀN NĂM 2023"], HEADER];
  rows.forEach((r, i) =>
    grid.push([
      i + 1,
      `Phóng sự kỷ niệm ${i + 1}`,
      "Quý I/2023",
      15_000_000,
      r.status ?? null,
      r.aired ?? null,
      null,
      r.link ?? null,
      r.record ?? null,
      r.accepted ?? null,
      r.invoice ?? null,
      r.paid ?? null,
    ]),
  );
  return checkWorkbook(book(sheet("Kế hoạch", grid)), { today: asOf });
}

/** Codes of the evidence and air-date findings, with their cells. */
function findings(rows: Row[], asOf?: string): [string, string | null][] {
  return check(rows, asOf)
    .diagnostics.filter((d) => /^(paidOn|acceptedOn|airedOn|date)\./.test(d.code))
    .map((d) => [d.code, d.cell]);
}

describe("evidence headers", () => {
  it.each([
    ["Link / lưu trữ", "evidence"],
    ["Link/lưu trữ", "evidence"],
    ["LINK / LƯU TRỮ", "evidence"],
    ["Lưu trữ", "evidence"],
    ["Minh chứng", "evidence"],
    ["Link / archive", "evidence"],
    ["Recording reference", "evidence"],
    ["Số biên bản nghiệm thu", "acceptanceNo"],
    ["So bien ban nghiem thu", "acceptanceNo"],
    ["Biên bản nghiệm thu", "acceptanceNo"],
    ["Số BBNT", "acceptanceNo"],
    ["Acceptance record no.", "acceptanceNo"],
    ["Ngày nghiệm thu", "acceptedOn"],
    ["Ngày nghiệm thu (dd/mm/yyyy)", "acceptedOn"],
    ["Accepted on", "acceptedOn"],
    ["Acceptance date", "acceptedOn"],
    ["Hóa đơn", "invoice"],
    ["Hoá đơn", "invoice"],
    ["Số hóa đơn", "invoice"],
    ["Invoice no.", "invoice"],
    ["Ngày thanh toán", "paidOn"],
    ["Ngày\nthanh toán", "paidOn"],
    ["Paid on", "paidOn"],
    ["Payment date", "paidOn"],
    ["Date paid", "paidOn"],
  ])("%p → %s", (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it.each([["Ngày"], ["Số"], ["Biên bản"], ["Thanh toán"], ["Paid"]])(
    "%p alone names no column",
    (header) => {
      expect(matchHeader(header)).toBeNull();
    },
  );

  it('reads "Biên bản nghiệm thu" over "Số | Ngày" and "Thanh toán" over "Hóa đơn | Ngày"', () => {
    const grid = sheet("KH", [
      ["STT", "Nội dung", "Thời gian", "Biên bản nghiệm thu", null, "Thanh toán", null],
      [null, null, null, "Số", "Ngày", "Hóa đơn", "Ngày"],
      [1, "Phóng sự A", "Quý I/2023", "05/BBNT", "20/03/2023", "0000123", "10/04/2023"],
    ]);
    const found = findHeader({ ...grid, merges: ["A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:G1"] });
    expect(found.diagnostics).toEqual([]);
    expect(found.map?.headerRow).toBe(2);
    expect(found.map?.columns).toEqual({
      no: 1,
      title: 2,
      period: 3,
      acceptanceNo: 4,
      acceptedOn: 5,
      invoice: 6,
      paidOn: 7,
    });
  });

  it("reads the evidence columns of a tracker and reports them in check --json", () => {
    const r = check([
      {
        status: "Đã phát sóng",
        aired: date("2023-03-11"),
        link: "https://drive.example.vn/ps-08-nam",
        record: "05/BBNT-TTVH",
        accepted: date("2023-03-20"),
        invoice: "0000123",
        paid: "10/04/2023",
      },
    ]);
    expect(r.plan.header.columns).toMatchObject({
      evidence: 8,
      acceptanceNo: 9,
      acceptedOn: 10,
      invoice: 11,
      paidOn: 12,
    });
    const json = checkJson(r, "tracker.xlsx", "vi") as {
      columns: Record<string, string>;
      items: Record<string, unknown>[];
    };
    expect(json.columns).toMatchObject({
      evidence: "H",
      acceptanceNo: "I",
      acceptedOn: "J",
      invoice: "K",
      paidOn: "L",
    });
    expect(json.items[0]).toMatchObject({
      airedOn: "2023-03-11",
      evidence: "https://drive.example.vn/ps-08-nam",
      acceptanceNo: "05/BBNT-TTVH",
      acceptedOn: "2023-03-20",
      invoice: "0000123",
      paidOn: "2023-04-10",
    });
    expect(r.summary.warnings).toBe(0);
  });

  it("gives null evidence for a plan without the columns (the contract's fields stay)", () => {
    const r = checkWorkbook(
      book(
        sheet("KH", [
          ["Nội dung", "Thời gian"],
          ["Phóng sự A", "Quý II/2023"],
        ]),
      ),
      { today: "2023-09-20" },
    );
    const item = (checkJson(r, "plan.xlsx", "en") as { items: Record<string, unknown>[] }).items[0];
    expect(item).toMatchObject({
      evidence: null,
      acceptanceNo: null,
      acceptedOn: null,
      invoice: null,
      paidOn: null,
    });
  });
});

describe("evidence rules", () => {
  it.each<[string, Row, [string, string][]]>([
    [
      "aired, accepted and paid in order: nothing to say",
      {
        status: "Đã phát sóng",
        aired: date("2023-03-11"),
        record: "05/BBNT",
        accepted: date("2023-03-20"),
        paid: date("2023-04-10"),
      },
      [],
    ],
    [
      '"Đã phát sóng" without an air date',
      { status: "Đã phát sóng" },
      [["airedOn.missing", `${COL.airedOn}3`]],
    ],
    [
      "paid without acceptance",
      { status: "Đã phát sóng", aired: date("2023-03-11"), paid: date("2023-04-10") },
      [["paidOn.without-acceptance", `${COL.paidOn}3`]],
    ],
    [
      "accepted before the air date",
      {
        status: "Đã phát sóng",
        aired: date("2023-03-11"),
        accepted: date("2023-03-01"),
        paid: date("2023-03-15"),
      },
      [["acceptedOn.before-air-date", `${COL.acceptedOn}3`]],
    ],
    [
      "paid before acceptance",
      {
        status: "Đã phát sóng",
        aired: date("2023-03-11"),
        accepted: date("2023-03-20"),
        paid: date("2023-03-18"),
      },
      [["paidOn.before-acceptance", `${COL.paidOn}3`]],
    ],
    [
      "a record number without its date",
      { status: "Đã phát sóng", aired: date("2023-03-11"), record: "05/BBNT-TTVH" },
      [["acceptedOn.missing", `${COL.acceptedOn}3`]],
    ],
    [
      "accepted 61 days before the as-of date, unpaid",
      { status: "Đã phát sóng", aired: date("2023-07-10"), accepted: date("2023-07-21") },
      [["paidOn.unpaid-after-acceptance", `${COL.paidOn}3`]],
    ],
    [
      "accepted 60 days before the as-of date, unpaid: not yet",
      { status: "Đã phát sóng", aired: date("2023-07-10"), accepted: date("2023-07-22") },
      [],
    ],
    [
      "accepted long ago, unpaid, but cancelled",
      { status: "Hủy", accepted: date("2023-03-20") },
      [],
    ],
    [
      "dates typed as text (dd/mm/yyyy) are read",
      { status: "Đã phát sóng", aired: "11/03/2023", accepted: "20/3/2023", paid: "10/04/2023" },
      [],
    ],
    [
      "an acceptance date in another year",
      {
        status: "Đã phát sóng",
        aired: date("2023-03-11"),
        accepted: date("2022-03-20"),
        paid: date("2022-04-10"),
      },
      [
        ["acceptedOn.before-air-date", `${COL.acceptedOn}3`],
        ["acceptedOn.other-year", `${COL.acceptedOn}3`],
        ["paidOn.other-year", `${COL.paidOn}3`],
      ],
    ],
    [
      "a payment date after the as-of date",
      {
        status: "Đã phát sóng",
        aired: date("2023-03-11"),
        accepted: date("2023-03-20"),
        paid: date("2023-10-05"),
      },
      [["paidOn.future", `${COL.paidOn}3`]],
    ],
    [
      "an unreadable acceptance date is an error, and no other rule speaks of it",
      {
        status: "Đã phát sóng",
        aired: date("2023-03-11"),
        record: "05/BBNT",
        accepted: "đầu tháng 4",
        paid: date("2023-04-10"),
      },
      [["date.unreadable", `${COL.acceptedOn}3`]],
    ],
  ])("%s", (_name, row, expected) => {
    expect(findings([row]).sort()).toEqual([...expected].sort());
  });

  it("says what is wrong, where, and what to do, in Vietnamese and English", () => {
    const r = check([
      { status: "Đã phát sóng", aired: date("2023-03-28"), accepted: date("2023-04-05") },
    ]);
    const d = r.diagnostics.find((x) => x.code === "paidOn.unpaid-after-acceptance")!;
    expect(d).toMatchObject({
      severity: "warning",
      field: "paidOn",
      cell: "L3",
      sheet: "Kế hoạch",
    });
    expect(d.text.vi).toBe(
      "Kế hoạch!L3: Đã nghiệm thu ngày 05/04/2023 (168 ngày trước ngày tính 20/09/2023, quá 60 ngày) nhưng chưa thanh toán: nhập ngày thanh toán nếu đã chi, hoặc đề nghị Tài chính thanh toán.",
    );
    expect(d.text.en).toBe(
      "Kế hoạch!L3: Accepted on 05/04/2023 (168 days before the as-of date 20/09/2023, over 60) but not paid: enter the payment date if paid, or ask Finance to pay.",
    );
    const paid = check([{ aired: date("2023-03-11"), paid: date("2023-04-10") }]).diagnostics.find(
      (x) => x.code === "paidOn.without-acceptance",
    )!;
    expect(paid.text.vi).toContain("chưa có ngày nghiệm thu");
    expect(paid.text.en).toContain("no acceptance date");
  });

  it("an unpaid item is late once paid is blank, not once the paid cell holds anything", () => {
    // A note in the paid cell ("chờ KBNN") is not a date: an error there, not a late payment.
    expect(
      findings([
        {
          status: "Đã phát sóng",
          aired: date("2023-03-11"),
          accepted: date("2023-03-20"),
          paid: "chờ KBNN",
        },
      ]),
    ).toEqual([["date.unreadable", `${COL.paidOn}3`]]);
  });
});

describe("settlement figures and formulas", () => {
  it.each<[string, Row & { spent?: CellValue }, [number, number, number, number | null]]>([
    // [committed, accepted, paid, days unpaid]
    ["planned, nothing yet", {}, [15_000_000, 0, 0, null]],
    [
      "accepted and paid, spending entered",
      {
        status: "Đã phát sóng",
        spent: 14_000_000,
        accepted: date("2023-03-20"),
        paid: date("2023-04-01"),
      },
      [15_000_000, 14_000_000, 14_000_000, null],
    ],
    [
      "accepted, spending typed as text: settled at the planned amount",
      { status: "Đã phát sóng", spent: "14.000.000", accepted: date("2023-09-01") },
      [15_000_000, 15_000_000, 0, null],
    ],
    [
      "cancelled after acceptance: not committed, still accepted",
      { status: "Hủy", accepted: date("2023-03-20") },
      [0, 15_000_000, 0, null],
    ],
    [
      'a space in the paid cell is filled, as Excel\'s <>"" sees it',
      { status: "Đã phát sóng", accepted: date("2023-03-20"), paid: " " },
      [15_000_000, 15_000_000, 15_000_000, null],
    ],
    [
      "accepted 100 days ago, unpaid",
      { status: "Đã phát sóng", accepted: date("2023-06-12") },
      [15_000_000, 15_000_000, 0, 100],
    ],
  ])("%s", (_name, row, [committed, accepted, paid, days]) => {
    const grid: CellValue[][] = [
      HEADER,
      [
        1,
        "Phóng sự A",
        "Quý I/2023",
        15_000_000,
        row.status ?? null,
        null,
        row.spent ?? null,
        null,
        null,
        row.accepted ?? null,
        null,
        row.paid ?? null,
      ],
    ];
    const r = checkWorkbook(book(sheet("KH", grid)), { today: "2023-09-20" });
    const fig = budgetFigures(r.plan.items, 2023, null, "2023-09-20");
    expect([fig.committed, fig.accepted, fig.paid]).toEqual([committed, accepted, paid]);
    expect(fig.unpaid.map((u) => u.days)).toEqual(days === null ? [] : [days]);
    expect(fig.quarters[0]).toMatchObject({ committed, accepted, paid });
  });

  it("writes SUMPRODUCT formulas without IF (Excel before dynamic arrays), and 0 without a column", () => {
    const refs = {
      pv: "'KH'!$Q$5:$Q$14",
      spent: "'KH'!$M$5:$M$14",
      status: "'KH'!$K$5:$K$14",
      accepted: "'KH'!$T$5:$T$14",
      paid: "'KH'!$V$5:$V$14",
    };
    expect(settlementFormulas.committed(refs, null)).toBe(
      `SUMPRODUCT(('KH'!$K$5:$K$14<>"Hủy"),'KH'!$Q$5:$Q$14)`,
    );
    expect(settlementFormulas.settled(refs, refs.accepted, "(X)")).toBe(
      `SUMPRODUCT((X)*('KH'!$T$5:$T$14<>""),'KH'!$M$5:$M$14)+SUMPRODUCT((X)*('KH'!$T$5:$T$14<>"")*(1-ISNUMBER('KH'!$M$5:$M$14)),'KH'!$Q$5:$Q$14)`,
    );
    expect(settlementFormulas.settled(refs, null, null)).toBe("0");
    expect(settlementFormulas.committed({ ...refs, pv: null }, null)).toBe("0");
    for (const f of [
      settlementFormulas.committed(refs, "(X)"),
      settlementFormulas.settled(refs, refs.paid, "(X)"),
    ])
      expect(f).not.toMatch(/\bIF\(/);
  });
});
