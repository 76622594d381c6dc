/**
 * "Kinh phí": the Finance office's sheet. Live formulas over the tracker (allocation, planned,
 * spent, remaining, per quarter, unit and type) with the values the domain computed cached in
 * them; lists of items that need a look. Rebuilt on every run: the sheet belongs to the tool.
 */
import {
  formatVnDate,
  isoToSerial,
  quarterEnd,
  quarterStart,
  type IsoDate,
  type Quarter,
} from "../calendar";
import { columnLetter } from "../cell";
import { emptySheet, type SheetSpec } from "../layout/spec";
import type { PlanItem } from "../planItem";
import { DATE_FORMAT, PERCENT_FORMAT, VND_FORMAT } from "../tracker/styles";
import { settledValueOf, UNPAID_AFTER_DAYS } from "../settlement";
import { STATUS_CANCELLED, type BudgetFigures, type GroupRow, type UnpaidEntry } from "./figures";
import {
  ALERT_STYLE,
  CELL_STYLE,
  HEAD_STYLE,
  LABEL_STYLE,
  NOTE_STYLE,
  SECTION_STYLE,
  SheetBuilder,
  TITLE_STYLE,
  TOTAL_STYLE,
} from "./sheetBuilder";
import type { TrackerRefs } from "./sheetRefs";
import type { QuotaSectionInput } from "./quotaSection";

export const BUDGET_SHEET = "Kinh phí";
const ROMAN = ["I", "II", "III", "IV"];

export interface SummarySheetInput {
  readonly refs: TrackerRefs;
  readonly planYear: number | null;
  readonly planTitle: string | null;
  readonly asOf: IsoDate;
  /** Recurring duties and their log: the Progress sheet adds their quotas per period. */
  readonly quotas?: QuotaSectionInput;
}

/** SUMIFS criteria over the due-date column for one quarter of the plan year. */
export function quarterCriteria(due: string, year: number, q: Quarter): string {
  const s = quarterStart(year, q).split("-").map(Number);
  const e = quarterEnd(year, q).split("-").map(Number);
  return `${due},">="&DATE(${s.join(",")}),${due},"<="&DATE(${e.join(",")})`;
}

/** The same quarter as a 1/0 array over the due-date column, for SUMPRODUCT. */
export function quarterTerm(due: string, year: number, q: Quarter): string {
  const s = quarterStart(year, q).split("-").map(Number);
  const e = quarterEnd(year, q).split("-").map(Number);
  return `(${due}>=DATE(${s.join(",")}))*(${due}<=DATE(${e.join(",")}))`;
}

/** Ranges of the columns the settlement formulas read (null: the tracker has no such column). */
interface SettlementRefs {
  readonly pv: string | null;
  readonly spent: string | null;
  readonly status: string | null;
  readonly accepted: string | null;
  readonly paid: string | null;
}

/**
 * Live formulas of settlement.ts's definitions over the items selected by `cond` (a 1/0 array
 * term such as a quarter's or a unit's, or null for all items). No IF inside SUMPRODUCT: Excel
 * before dynamic arrays does not evaluate it over arrays there.
 */
export const settlementFormulas = {
  /** Planned amount of the items not cancelled. */
  committed(r: SettlementRefs, cond: string | null): string {
    if (!r.pv) return "0";
    const notCancelled = r.status ? `(${r.status}<>"${STATUS_CANCELLED}")` : null;
    const terms = [cond, notCancelled].filter((t): t is string => t !== null);
    return terms.length === 0 ? `SUM(${r.pv})` : `SUMPRODUCT(${terms.join("*")},${r.pv})`;
  },
  /** Settled value (spending when a number, else planned) of the items whose `dated` is filled. */
  settled(r: SettlementRefs, dated: string | null, cond: string | null): string {
    if (!dated) return "0";
    const filled = `(${dated}<>"")`;
    const where = cond ? `${cond}*${filled}` : filled;
    const parts: string[] = [];
    if (r.spent) parts.push(`SUMPRODUCT(${where},${r.spent})`);
    if (r.pv)
      parts.push(
        r.spent
          ? `SUMPRODUCT(${where}*(1-ISNUMBER(${r.spent})),${r.pv})`
          : `SUMPRODUCT(${where},${r.pv})`,
      );
    return parts.length === 0 ? "0" : parts.join("+");
  },
};

export function budgetSheet(fig: BudgetFigures, input: SummarySheetInput): SheetSpec {
  const { refs, planYear } = input;
  const b = new SheetBuilder();
  const pv = refs.range("plannedValue");
  const spent = refs.range("spent");
  const due = refs.range("due");
  const sum = (range: string | null): string => (range ? `SUM(${range})` : "0");
  const settle: SettlementRefs = {
    pv,
    spent,
    status: refs.range("status"),
    accepted: refs.range("acceptedOn"),
    paid: refs.range("paidOn"),
  };

  b.value(
    1,
    1,
    `BẢNG THEO DÕI KINH PHÍ${input.planTitle ? ` — ${input.planTitle}` : ""}`,
    TITLE_STYLE,
  );
  b.value(2, 1, "Tính đến ngày / As of:", { bold: true });
  b.formula(
    2,
    2,
    refs.asOfName,
    isoToSerial(input.asOf),
    { bold: true, align: "left" },
    DATE_FORMAT,
  );
  b.value(
    2,
    3,
    "Số liệu cập nhật trực tiếp từ trang kế hoạch; trang này do công cụ tạo lại mỗi lần chạy.",
    NOTE_STYLE,
  );

  // Totals
  let r = 4;
  b.value(r, 1, "TỔNG HỢP / Totals", SECTION_STYLE);
  const alloc = refs.allocation ? `IF(${refs.allocation}="","",${refs.allocation})` : '""';
  const rows: [string, string, number | string | null, string][] = [
    ["Kinh phí được giao / Allocation", alloc, fig.allocation ?? "", VND_FORMAT],
    ["Kinh phí kế hoạch / Planned cost", sum(pv), fig.planned, VND_FORMAT],
    ["Đã chi / Spent", sum(spent), fig.spent, VND_FORMAT],
    [
      "Còn lại (được giao − đã chi) / Remaining",
      `IF(B5="","",B5-B7)`,
      fig.remaining ?? "",
      VND_FORMAT,
    ],
    ["Tỷ lệ giải ngân / Disbursed", `IF(N(B5)>0,B7/B5,"")`, fig.disbursed ?? "", PERCENT_FORMAT],
    [
      "Kế hoạch so với được giao / Planned − allocation",
      `IF(B5="","",B6-B5)`,
      fig.plannedOverAllocation ?? "",
      VND_FORMAT,
    ],
  ];
  rows.forEach(([label, formula, result, numFmt], i) => {
    b.value(5 + i, 1, label, LABEL_STYLE);
    b.formula(5 + i, 2, formula, result, CELL_STYLE, numFmt);
  });
  b.formula(
    10,
    3,
    `IF(AND(B5<>"",B6>B5),"VƯỢT KINH PHÍ ĐƯỢC GIAO / over the allocation","")`,
    fig.overAllocated ? "VƯỢT KINH PHÍ ĐƯỢC GIAO / over the allocation" : "",
    ALERT_STYLE,
  );

  // Per quarter
  r = 12;
  b.value(r, 1, "THEO QUÝ / By quarter (theo hạn hoàn thành)", SECTION_STYLE);
  r++;
  [
    "Quý / Quarter",
    "Kế hoạch / Planned",
    "Đã chi / Spent",
    "Còn lại (KH − chi) / Variance",
    ...SETTLEMENT_HEADERS,
  ].forEach((h, i) => b.value(r, i + 1, h, HEAD_STYLE));
  const q0 = r + 1;
  fig.quarters.forEach((q, i) => {
    const row = q0 + i;
    if (q.bucket === "other") {
      b.value(row, 1, "Chưa xác định quý / No due date", LABEL_STYLE);
      b.formula(row, 2, `B6-SUM(B${q0}:B${row - 1})`, q.planned, CELL_STYLE, VND_FORMAT);
      b.formula(row, 3, `B7-SUM(C${q0}:C${row - 1})`, q.spent, CELL_STYLE, VND_FORMAT);
      // The items no quarter holds: all items' less the quarters', as for the planned column.
      const totals = [
        settlementFormulas.committed(settle, null),
        settlementFormulas.settled(settle, settle.accepted, null),
        settlementFormulas.settled(settle, settle.paid, null),
      ];
      const values = [q.committed, q.accepted, q.paid];
      totals.forEach((total, k) => {
        const L = columnLetter(5 + k);
        b.formula(
          row,
          5 + k,
          `${total}-SUM(${L}${q0}:${L}${row - 1})`,
          values[k] ?? 0,
          CELL_STYLE,
          VND_FORMAT,
        );
      });
    } else {
      b.value(row, 1, `Quý ${ROMAN[q.bucket - 1]}`, LABEL_STYLE);
      const crit = due && planYear !== null ? quarterCriteria(due, planYear, q.bucket) : null;
      b.formula(
        row,
        2,
        pv && crit ? `SUMIFS(${pv},${crit})` : "0",
        q.planned,
        CELL_STYLE,
        VND_FORMAT,
      );
      b.formula(
        row,
        3,
        spent && crit ? `SUMIFS(${spent},${crit})` : "0",
        q.spent,
        CELL_STYLE,
        VND_FORMAT,
      );
      const term = due && planYear !== null ? quarterTerm(due, planYear, q.bucket) : null;
      if (term === null) {
        // No due-date column (a plan summarised before it is tracked: the sheet is written as
        // values) or no plan year: the figures stand as computed, as for the planned column.
        [q.committed, q.accepted, q.paid].forEach((v, k) =>
          b.formula(row, 5 + k, "0", v, CELL_STYLE, VND_FORMAT),
        );
      } else {
        b.formula(
          row,
          5,
          settlementFormulas.committed(settle, term),
          q.committed,
          CELL_STYLE,
          VND_FORMAT,
        );
        b.formula(
          row,
          6,
          settlementFormulas.settled(settle, settle.accepted, term),
          q.accepted,
          CELL_STYLE,
          VND_FORMAT,
        );
        b.formula(
          row,
          7,
          settlementFormulas.settled(settle, settle.paid, term),
          q.paid,
          CELL_STYLE,
          VND_FORMAT,
        );
      }
    }
    b.formula(row, 4, `B${row}-C${row}`, q.variance, CELL_STYLE, VND_FORMAT);
  });
  const qTotal = q0 + fig.quarters.length;
  b.value(qTotal, 1, "Cộng / Total", TOTAL_STYLE);
  for (const [c, v] of [
    [2, fig.planned],
    [3, fig.spent],
    [4, fig.planned - fig.spent],
    [5, fig.committed],
    [6, fig.accepted],
    [7, fig.paid],
  ] as const) {
    const L = columnLetter(c);
    b.formula(qTotal, c, `SUM(${L}${q0}:${L}${qTotal - 1})`, v, TOTAL_STYLE, VND_FORMAT);
  }
  b.value(qTotal + 1, 1, SETTLEMENT_NOTE.vi, NOTE_STYLE);
  b.value(qTotal + 2, 1, SETTLEMENT_NOTE.en, NOTE_STYLE);

  r = qTotal + 4;
  r = groupTable(
    b,
    r,
    "THEO ĐƠN VỊ THỰC HIỆN / By producing unit",
    "Đơn vị / Unit",
    refs.range("unit"),
    settle,
    fig.byUnit,
    "(không ghi đơn vị / none)",
  );
  r = groupTable(
    b,
    r + 1,
    "THEO LOẠI SẢN PHẨM / By product type",
    "Loại / Type",
    refs.range("type"),
    settle,
    fig.byType,
    "(không ghi loại / none)",
  );

  r = unpaidList(b, r + 1, fig.unpaid, input.asOf);
  r = itemList(
    b,
    r + 1,
    "MỤC CHI VƯỢT KINH PHÍ KẾ HOẠCH / Spending above plan",
    fig.overPlan,
    input.asOf,
  );
  r = itemList(
    b,
    r + 1,
    "MỤC ĐÃ CHI NHƯNG CHƯA CÓ NGÀY PHÁT SÓNG / Spending without an air date",
    fig.spentWithoutAirDate,
    input.asOf,
  );
  r = itemList(
    b,
    r + 1,
    "MỤC CHƯA CÓ KINH PHÍ KẾ HOẠCH / No planned amount",
    fig.noPlannedAmount,
    input.asOf,
  );
  itemList(
    b,
    r + 1,
    "MỤC CÓ KINH PHÍ TÍNH THEO ĐƠN GIÁ (SL × phút × đơn giá) / Cost derived from the rate",
    fig.derivedCost,
    input.asOf,
  );

  return {
    ...emptySheet(BUDGET_SHEET, "replace"),
    cells: b.cells,
    merges: b.merges,
    columns: [
      { col: 1, width: 48 },
      { col: 2, width: 20 },
      { col: 3, width: 20 },
      { col: 4, width: 22 },
      { col: 5, width: 20 },
      { col: 6, width: 20 },
      { col: 7, width: 20 },
      { col: 8, width: 20 },
    ],
    pageSetup: {
      orientation: "landscape",
      paperSize: "A4",
      fitToWidth: 1,
      fitToHeight: 0,
      header: `Kinh phí — tính đến ${formatVnDate(input.asOf)}`,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.6 },
    },
    tabColor: "548235",
  };
}

function groupTable(
  b: SheetBuilder,
  start: number,
  title: string,
  keyHeader: string,
  keyRange: string | null,
  settle: SettlementRefs,
  groups: readonly GroupRow[],
  blankLabel: string,
): number {
  const { pv, spent } = settle;
  b.value(start, 1, title, SECTION_STYLE);
  if (!keyRange) {
    b.value(
      start + 1,
      1,
      "Trang kế hoạch không có cột này. / The plan has no such column.",
      NOTE_STYLE,
    );
    return start + 2;
  }
  const head = start + 1;
  [
    keyHeader,
    "Số mục / Items",
    "Kế hoạch / Planned",
    "Đã chi / Spent",
    "Còn lại / Variance",
    ...SETTLEMENT_HEADERS,
  ].forEach((h, i) => b.value(head, i + 1, h, HEAD_STYLE));
  groups.forEach((g, i) => {
    const row = head + 1 + i;
    // A blank cell compares equal to "" in Excel; the label cell holds the user's text as a value.
    const match = g.key === null ? `--(${keyRange}="")` : `--(${keyRange}=$A${row})`;
    b.value(
      row,
      1,
      g.key ?? blankLabel,
      g.key === null ? { ...LABEL_STYLE, italic: true } : LABEL_STYLE,
    );
    b.formula(row, 2, `SUMPRODUCT(${match})`, g.items, CELL_STYLE);
    b.formula(row, 3, pv ? `SUMPRODUCT(${match},${pv})` : "0", g.planned, CELL_STYLE, VND_FORMAT);
    b.formula(
      row,
      4,
      spent ? `SUMPRODUCT(${match},${spent})` : "0",
      g.spent,
      CELL_STYLE,
      VND_FORMAT,
    );
    b.formula(row, 5, `C${row}-D${row}`, g.variance, CELL_STYLE, VND_FORMAT);
    const term = g.key === null ? `(${keyRange}="")` : `(${keyRange}=$A${row})`;
    b.formula(
      row,
      6,
      settlementFormulas.committed(settle, term),
      g.committed,
      CELL_STYLE,
      VND_FORMAT,
    );
    b.formula(
      row,
      7,
      settlementFormulas.settled(settle, settle.accepted, term),
      g.accepted,
      CELL_STYLE,
      VND_FORMAT,
    );
    b.formula(
      row,
      8,
      settlementFormulas.settled(settle, settle.paid, term),
      g.paid,
      CELL_STYLE,
      VND_FORMAT,
    );
  });
  return head + groups.length + 2;
}

const SETTLEMENT_HEADERS = [
  "Cam kết / Committed",
  "Đã nghiệm thu / Accepted",
  "Đã thanh toán / Paid",
] as const;

/** What the three settlement columns mean (settlement.ts), written under the quarter table. */
export const SETTLEMENT_NOTE = {
  vi: "Cam kết = kinh phí kế hoạch của các mục không Hủy; Đã nghiệm thu = thực chi (hoặc kinh phí kế hoạch khi chưa ghi thực chi) của các mục có ngày nghiệm thu; Đã thanh toán = như vậy, của các mục có ngày thanh toán. Quý theo hạn hoàn thành.",
  en: "Committed = planned cost of items not cancelled; Accepted = spending (or the planned cost when none is entered) of items with an acceptance date; Paid = the same, of items with a payment date. Quarters by due date.",
} as const;

/**
 * Items accepted more than 60 days before the as-of date and not paid: Finance's to-do list.
 * Values as of the run (like the other lists); the plan sheet's paid-date cell of each is marked
 * by a live conditional format, which follows the clerk's entries without the add-in.
 */
function unpaidList(
  b: SheetBuilder,
  start: number,
  entries: readonly UnpaidEntry[],
  asOf: IsoDate,
): number {
  b.value(
    start,
    1,
    `MỤC ĐÃ NGHIỆM THU QUÁ ${UNPAID_AFTER_DAYS} NGÀY CHƯA THANH TOÁN / Accepted over ${UNPAID_AFTER_DAYS} days ago, not paid (${entries.length})`,
    SECTION_STYLE,
  );
  if (entries.length === 0) {
    b.value(start + 1, 1, "Không có. / None.", NOTE_STYLE);
    return start + 2;
  }
  b.value(
    start,
    3,
    `Danh sách tại ngày ${formatVnDate(asOf)}; chạy lại để cập nhật. Ô "Ngày thanh toán" của các mục này trên trang kế hoạch được tô tím cho đến khi nhập ngày thanh toán.`,
    NOTE_STYLE,
  );
  const head = start + 1;
  [
    "Nội dung / Title",
    "Hàng / Row",
    "Số biên bản / Record no.",
    "Ngày nghiệm thu / Accepted on",
    "Số ngày / Days",
    "Giá trị / Amount",
  ].forEach((h, i) => b.value(head, i + 1, h, HEAD_STYLE));
  entries.forEach(({ item, days }, i) => {
    const row = head + 1 + i;
    b.value(row, 1, item.title ?? "", { ...CELL_STYLE, wrap: true });
    b.value(row, 2, item.row, CELL_STYLE);
    b.value(row, 3, item.acceptanceNo ?? "", CELL_STYLE);
    b.value(
      row,
      4,
      item.acceptedOn === null ? "" : isoToSerial(item.acceptedOn),
      CELL_STYLE,
      DATE_FORMAT,
    );
    b.value(row, 5, days, CELL_STYLE);
    b.value(row, 6, settledValueOf(item), CELL_STYLE, VND_FORMAT);
  });
  return head + entries.length + 2;
}

function itemList(
  b: SheetBuilder,
  start: number,
  title: string,
  items: readonly PlanItem[],
  asOf: IsoDate,
): number {
  b.value(start, 1, `${title} (${items.length})`, SECTION_STYLE);
  if (items.length === 0) {
    b.value(start + 1, 1, "Không có. / None.", NOTE_STYLE);
    return start + 2;
  }
  b.value(start, 3, `Danh sách tại ngày ${formatVnDate(asOf)}; chạy lại để cập nhật.`, NOTE_STYLE);
  const head = start + 1;
  [
    "Nội dung / Title",
    "Hàng / Row",
    "Thời gian / Period",
    "Kế hoạch / Planned",
    "Đã chi / Spent",
  ].forEach((h, i) => b.value(head, i + 1, h, HEAD_STYLE));
  items.forEach((item, i) => {
    const row = head + 1 + i;
    b.value(row, 1, item.title ?? "", { ...CELL_STYLE, wrap: true });
    b.value(row, 2, item.row, CELL_STYLE);
    b.value(row, 3, item.periodText ?? "", CELL_STYLE);
    b.value(row, 4, item.plannedVnd, CELL_STYLE, VND_FORMAT);
    b.value(row, 5, item.spentNumber, CELL_STYLE, VND_FORMAT);
  });
  return head + items.length + 2;
}
