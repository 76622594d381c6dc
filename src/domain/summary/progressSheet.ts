/**
 * "Tiến độ": progress per quarter (counts by status, overdue, % done, minutes) as live formulas,
 * the overdue list with live days-late, and a native chart where the adapter can draw one (the
 * add-in (Office JS API) path; exceljs cannot write charts, so the PDF carries the picture there).
 */
import { formatVnDate, isoToSerial } from "../calendar";
import { columnLetter } from "../cell";
import { emptySheet, type SheetSpec } from "../layout/spec";
import { DATE_FORMAT, PERCENT_FORMAT } from "../tracker/styles";
import { quarterCriteria, type SummarySheetInput } from "./budgetSheet";
import { quotaSection } from "./quotaSection";
import {
  STATUS_CANCELLED,
  STATUS_DONE,
  STATUS_IN_PROGRESS,
  STATUS_NOT_STARTED,
  STATUS_POSTPONED,
  type ProgressFigures,
  type ProgressRow,
} from "./figures";
import {
  CELL_STYLE,
  HEAD_STYLE,
  LABEL_STYLE,
  NOTE_STYLE,
  SECTION_STYLE,
  SheetBuilder,
  TITLE_STYLE,
  TOTAL_STYLE,
} from "./sheetBuilder";

export const PROGRESS_SHEET = "Tiến độ";
const ROMAN = ["I", "II", "III", "IV"];
export const PROGRESS_TABLE_FIRST_ROW = 5;

type Column = { header: string; value: (r: ProgressRow) => number | string; pct?: boolean };

const COLUMNS: readonly Column[] = [
  { header: "Kế hoạch (SL) / Planned", value: (r) => r.planned },
  { header: "Đã phát sóng / Aired", value: (r) => r.done },
  { header: "Đang thực hiện / In progress", value: (r) => r.inProgress },
  { header: "Chưa thực hiện / Not started", value: (r) => r.notStarted },
  { header: "Hoãn / Postponed", value: (r) => r.postponed },
  { header: "Hủy / Cancelled", value: (r) => r.cancelled },
  { header: "Quá hạn (mục) / Overdue items", value: (r) => r.overdue },
  { header: "% hoàn thành / % done", value: (r) => r.pctDone ?? "", pct: true },
  { header: "Phút kế hoạch / Minutes planned", value: (r) => r.minutesPlanned },
  { header: "Phút đã phát / Minutes aired", value: (r) => r.minutesAired },
];

export function progressSheet(fig: ProgressFigures, input: SummarySheetInput): SheetSpec {
  const { refs, planYear } = input;
  const b = new SheetBuilder();
  const due = refs.range("due");
  const status = refs.range("status");
  const count = refs.range("countValue");
  const minutes = refs.range("minutesValue");

  b.value(1, 1, `TIẾN ĐỘ THỰC HIỆN${input.planTitle ? ` — ${input.planTitle}` : ""}`, TITLE_STYLE);
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
    "Theo hạn hoàn thành của từng mục; cập nhật trực tiếp từ trang kế hoạch.",
    NOTE_STYLE,
  );

  const head = PROGRESS_TABLE_FIRST_ROW - 1;
  b.value(head, 1, "Quý / Quarter", HEAD_STYLE);
  COLUMNS.forEach((c, i) => b.value(head, i + 2, c.header, HEAD_STYLE));

  /** One quarter's formulas; `crit` adds the due-date criteria (empty for the whole year). */
  const formulas = (crit: string, row: number): string[] => {
    const c = crit ? `,${crit}` : "";
    const st = (s: string): string => (status ? `,${status},"${s}"` : "");
    const sumCount = (extra: string): string => (count ? `SUMIFS(${count}${c}${extra})` : "0");
    const overdue =
      due && status
        ? `COUNTIFS(${due},"<"&${refs.asOfName}${c},${status},"<>${STATUS_DONE}",${status},"<>${STATUS_CANCELLED}")`
        : "0";
    return [
      count ? (crit ? `SUMIFS(${count}${c})` : `SUM(${count})`) : "0",
      sumCount(st(STATUS_DONE)),
      sumCount(st(STATUS_IN_PROGRESS)),
      status ? `${sumCount(st(STATUS_NOT_STARTED))}+${sumCount(`,${status},""`)}` : sumCount(""),
      sumCount(st(STATUS_POSTPONED)),
      sumCount(st(STATUS_CANCELLED)),
      overdue,
      `IF(B${row}>0,C${row}/B${row},"")`,
      minutes ? (crit ? `SUMIFS(${minutes}${c})` : `SUM(${minutes})`) : "0",
      minutes ? `SUMIFS(${minutes}${c}${st(STATUS_DONE)})` : "0",
    ];
  };

  const rows = fig.rows;
  const totalRow = PROGRESS_TABLE_FIRST_ROW + rows.length;
  rows.forEach((r, i) => {
    const row = PROGRESS_TABLE_FIRST_ROW + i;
    const other = r.bucket === "other";
    b.value(
      row,
      1,
      other ? "Chưa xác định / No due date" : `Quý ${ROMAN[(r.bucket as number) - 1]}`,
      LABEL_STYLE,
    );
    const fs =
      !other && due && planYear !== null
        ? formulas(quarterCriteria(due, planYear, r.bucket as 1 | 2 | 3 | 4), row)
        : other
          ? COLUMNS.map((c, k) => {
              const L = columnLetter(k + 2);
              // Items without a due date in the plan year: the year's total less the quarters.
              return c.pct
                ? `IF(B${row}>0,C${row}/B${row},"")`
                : `${L}${totalRow}-SUM(${L}${PROGRESS_TABLE_FIRST_ROW}:${L}${row - 1})`;
            })
          : COLUMNS.map(() => "0");
    COLUMNS.forEach((c, k) =>
      b.formula(
        row,
        k + 2,
        fs[k] ?? "0",
        c.value(r),
        CELL_STYLE,
        c.pct ? PERCENT_FORMAT : undefined,
      ),
    );
  });
  b.value(totalRow, 1, "Cả năm / Whole year", TOTAL_STYLE);
  const totals = formulas("", totalRow);
  COLUMNS.forEach((c, k) =>
    b.formula(
      totalRow,
      k + 2,
      totals[k] ?? "0",
      c.value(fig.total),
      TOTAL_STYLE,
      c.pct ? PERCENT_FORMAT : undefined,
    ),
  );

  // Overdue list, most days late first; days late stay live against PT_AsOf.
  let r = totalRow + 2;
  b.value(r, 1, `DANH SÁCH QUÁ HẠN / Overdue items (${fig.overdue.length})`, SECTION_STYLE);
  b.value(
    r,
    4,
    `Danh sách tại ngày ${formatVnDate(input.asOf)}; số ngày trễ cập nhật theo ngày tính.`,
    NOTE_STYLE,
  );
  r++;
  [
    "Nội dung / Title",
    "Thời gian / Period",
    "Hạn / Due",
    "Số ngày trễ / Days late",
    "Đơn vị / Unit",
    "Trạng thái / Status",
    "Hàng / Row",
  ].forEach((h, i) => b.value(r, i + 1, h, HEAD_STYLE));
  if (fig.overdue.length === 0)
    b.value(r + 1, 1, "Không có mục quá hạn. / No overdue items.", NOTE_STYLE);
  fig.overdue.forEach((o, i) => {
    const row = r + 1 + i;
    const dueCell = refs.cell("due", o.item.row);
    b.value(row, 1, o.item.title ?? "", { ...CELL_STYLE, wrap: true });
    b.value(row, 2, o.item.periodText ?? "", CELL_STYLE);
    b.value(row, 3, o.item.dueDate ? isoToSerial(o.item.dueDate) : null, CELL_STYLE, DATE_FORMAT);
    if (dueCell) b.formula(row, 4, `${refs.asOfName}-${dueCell}`, o.daysLate, CELL_STYLE, "0");
    else b.value(row, 4, o.daysLate, CELL_STYLE);
    b.value(row, 5, o.item.unit ?? "", { ...CELL_STYLE, wrap: true });
    b.value(row, 6, o.item.statusText ?? "", CELL_STYLE);
    b.value(row, 7, o.item.row, CELL_STYLE);
  });

  // Recurring duties: their quotas per week, month or quarter, counted live on the log.
  const overdueEnd = r + Math.max(fig.overdue.length, 1);
  const quotas = input.quotas ? quotaSection(b, overdueEnd + 2, input.quotas, refs.asOfName) : null;

  const quarterRows = rows.filter((x) => x.bucket !== "other").length;
  return {
    ...emptySheet(PROGRESS_SHEET, "replace"),
    cells: b.cells,
    merges: b.merges,
    conditionalFormats: quotas?.conditionalFormats ?? [],
    columns: [
      { col: 1, width: 46 },
      ...COLUMNS.map((_, i) => ({ col: i + 2, width: 15 })),
      { col: 12, width: 4 },
    ],
    charts: [
      {
        name: "TienDoTheoQuy",
        type: "columnClustered",
        title: "Kế hoạch và đã phát sóng theo quý / Planned vs aired",
        dataRange: `A${head}:C${head + quarterRows}`,
        seriesBy: "columns",
        anchor: { from: `M${head}`, to: `T${head + 16}` },
      },
    ],
    pageSetup: {
      orientation: "landscape",
      paperSize: "A4",
      fitToWidth: 1,
      fitToHeight: 0,
      header: `Tiến độ — tính đến ${formatVnDate(input.asOf)}`,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.6 },
    },
    tabColor: "2E75B6",
  };
}
