/**
 * "Báo cáo kỳ": the results report of one reporting period as a values-only sheet for the
 * e-mailed summary workbook — the same figures as the PDF (src/domain/summary/report.ts), as
 * numbers and dates a reader can sort and add, with the full list of what moved to a later
 * quarter (the PDF shows the first six).
 */
import { amountInWords } from "../amountInWords";
import { formatVnDate, isoToSerial } from "../calendar";
import { emptySheet, type CellSpec, type SheetSpec } from "../layout/spec";
import { periodLabel, quarterLabel, RULE_LABELS, windowText } from "../reportingPeriod";
import { COLORS, DATE_FORMAT, VND_FORMAT } from "../tracker/styles";
import type { PeriodFigures, SlipKind } from "./periodFigures";
import { planQuarterOf } from "./periodFigures";

export const PERIOD_SHEET = "Báo cáo kỳ";

const HEADER = { bold: true, fill: COLORS.planHeader, border: true } as const;

const SLIP_TEXT: Readonly<Record<SlipKind, string>> = {
  carried: "Chuyển kỳ sau / Moved on",
  "aired-later": "Phát sóng ở kỳ sau / Aired later",
  backlog: "Quá hạn từ kỳ trước / Earlier backlog",
};

export function periodSheet(fig: PeriodFigures): SheetSpec {
  const w = fig.window;
  const cells: CellSpec[] = [
    {
      row: 1,
      col: 1,
      value: `BÁO CÁO KẾT QUẢ ${periodLabel(w, "vi").toUpperCase()} — Results report, ${periodLabel(w, "en")}`,
      style: { bold: true, size: 14, color: COLORS.title },
    },
    {
      row: 2,
      col: 1,
      value: `Số liệu ${windowText(w, "vi")} (${RULE_LABELS[w.rule].vi}); tính đến ngày ${formatVnDate(fig.asOf)}${fig.closed ? "" : " — kỳ chưa kết thúc"}. / Figures ${windowText(w, "en")} (${RULE_LABELS[w.rule].en}), as of ${formatVnDate(fig.asOf)}${fig.closed ? "" : " — the period is not over"}.`,
      style: { italic: true },
    },
    { row: 4, col: 1, value: "Chỉ tiêu / Figure", style: HEADER },
    { row: 4, col: 2, value: "Giá trị / Value", style: HEADER },
  ];
  const words = (() => {
    try {
      return amountInWords(Math.round(fig.spent));
    } catch {
      return null;
    }
  })();
  const figures: [string, number | string | null, string?][] = [
    ["Phát sóng trong kỳ (sản phẩm) / Aired in the period (items)", fig.done],
    ["Đến hạn trong kỳ (sản phẩm) / Due in the period (items)", fig.planned],
    ["— trong đó đã phát sóng / of which aired", fig.plannedDone],
    ["Quá hạn (mục) / Overdue (rows)", fig.overdue.length],
    ["Chuyển kỳ sau (mục) / Moved to a later quarter (rows)", fig.carriedOver.length],
    ["Đã chi trong kỳ / Spent in the period", fig.spent, VND_FORMAT],
    ["Bằng chữ / In words", words],
    ["Lũy kế từ đầu năm / Year to date", fig.spentYearToDate, VND_FORMAT],
    ["Kinh phí được giao / Allocation", fig.allocation, VND_FORMAT],
    ["Đã nghiệm thu trong kỳ / Accepted in the period", fig.accepted, VND_FORMAT],
    ["Đã thanh toán trong kỳ / Paid in the period", fig.paid, VND_FORMAT],
  ];
  figures.forEach(([label, value, numFmt], i) => {
    const row = 5 + i;
    cells.push({ row, col: 1, value: label, style: { border: true } });
    cells.push({ row, col: 2, value, style: { border: true }, ...(numFmt ? { numFmt } : {}) });
  });

  let row = 5 + figures.length + 1;
  cells.push({
    row,
    col: 1,
    value: "Sản phẩm chưa hoàn thành trong kỳ, chuyển sang kỳ sau / Not done in the period",
    style: { bold: true },
  });
  row++;
  const header = [
    "Hàng / Row",
    "Nội dung / Title",
    "Quý KH / Plan quarter",
    "Hạn / Due",
    "Trạng thái / Status",
    "Trễ (ngày) / Days late",
    "Ngày phát sóng / Aired",
    "Kỳ phát sóng / Aired in",
    "Loại / Kind",
    "Đơn vị / Unit",
  ];
  header.forEach((value, i) => cells.push({ row, col: i + 1, value, style: HEADER }));
  if (fig.slipped.length === 0) {
    cells.push({
      row: row + 1,
      col: 1,
      value: "Không có sản phẩm nào chuyển sang kỳ sau. / Nothing moved to a later quarter.",
      style: { italic: true },
    });
  }
  for (const e of fig.slipped) {
    row++;
    const pq = planQuarterOf(e.item);
    const values: [number | string | null, string?][] = [
      [e.item.row],
      [e.item.title],
      [
        pq
          ? `${quarterLabel(pq.quarter, "vi")}${pq.year !== null ? `/${pq.year}` : ""}`
          : e.item.periodText,
      ],
      [e.item.dueDate ? isoToSerial(e.item.dueDate) : null, DATE_FORMAT],
      [e.item.statusText],
      [e.daysLate],
      [
        e.item.airedOn && e.kind === "aired-later" ? isoToSerial(e.item.airedOn) : null,
        DATE_FORMAT,
      ],
      [e.airedIn ? `${quarterLabel(e.airedIn.quarter, "vi")}/${e.airedIn.year}` : null],
      [SLIP_TEXT[e.kind]],
      [e.item.unit],
    ];
    values.forEach(([value, numFmt], i) =>
      cells.push({
        row,
        col: i + 1,
        value,
        style: { border: true },
        ...(numFmt ? { numFmt } : {}),
      }),
    );
  }

  if (fig.quotas.length > 0) {
    row += 2;
    cells.push({
      row,
      col: 1,
      value: "Chỉ tiêu định kỳ / Recurring quotas",
      style: { bold: true },
    });
    row++;
    ["Nhiệm vụ / Duty", "Yêu cầu / Required", "Đạt / Achieved", "Đơn vị tính / Unit"].forEach(
      (value, i) => cells.push({ row, col: i + 1, value, style: HEADER }),
    );
    for (const q of fig.quotas) {
      row++;
      [q.label, q.required, q.achieved, q.unit].forEach((value, i) =>
        cells.push({ row, col: i + 1, value, style: { border: true } }),
      );
    }
  }

  return {
    ...emptySheet(PERIOD_SHEET, "replace"),
    cells,
    columns: [
      { col: 1, width: 52 },
      { col: 2, width: 44 },
      { col: 3, width: 16 },
      { col: 4, width: 12 },
      { col: 5, width: 18 },
      { col: 6, width: 10 },
      { col: 7, width: 14 },
      { col: 8, width: 14 },
      { col: 9, width: 26 },
      { col: 10, width: 30 },
    ],
  };
}
