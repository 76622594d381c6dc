/**
 * "Nhật ký phát sóng": the broadcast log. One row per broadcast or contribution — air date, title,
 * type, duration, programme, link, contributing unit, fee — with the evidence Finance needs to pay
 * (acceptance record number and date, invoice, paid date), the recurring duty it counts for and,
 * optionally, the plan item (by STT) it proves aired.
 *
 * The sheet's layout is the tool's, but its rows are the clerk's: it is created once and never
 * rebuilt. Later runs write only the tool's columns — the "Kiểm tra" formulas and the list the
 * duty dropdown reads — plus validations and formats on the bounded block (which grows with the
 * rows). Kiểm tra is a live formula, so it follows the clerk's typing without the add-in; its
 * cached value is computed by the same rules (logChecks.ts).
 */
import { isoToSerial } from "../calendar";
import { a1, a1Abs, sheetRef } from "../cell";
import { PRODUCT_TYPES } from "../countType";
import {
  emptySheet,
  type CellSpec,
  type ColumnSpec,
  type SheetSpec,
  type ValidationSpec,
} from "../layout/spec";
import { dutyListRange, logCheckFormula, logCheckText, type LogCheckContext } from "./logChecks";
import {
  LOG_DATA_FIELDS,
  LOG_DEFAULT_COLUMNS,
  LOG_FIRST_ROW,
  LOG_HEADER_ROW,
  LOG_HEADERS,
  LOG_HEADROOM,
  LOG_MIN_ROWS,
  LOG_SHEET,
  type LogColumns,
  type LogField,
  type LogRead,
} from "./logRead";
import {
  COLORS,
  COMPUTED_HEADER_STYLE,
  DATE_FORMAT,
  HEADER_STYLE,
  NO_WRAP,
  VND_FORMAT,
} from "./styles";

// The log's shape and its checks, for the modules that import them from here.
export * from "./logRead";
export * from "./logChecks";

const WIDTHS: Readonly<Record<LogField, number>> = {
  no: 6,
  airedOn: 13,
  title: 40,
  type: 12,
  duration: 10,
  programme: 22,
  link: 24,
  unit: 28,
  fee: 16,
  duty: 36,
  planItem: 11,
  acceptNo: 14,
  acceptDate: 13,
  invoice: 12,
  paidOn: 13,
  notes: 20,
  check: 60,
  dutyList: 44,
};

// ---------------------------------------------------------------------------------------------
// Layout

export interface LogSheetInput {
  /** The log as it is now; null when the workbook has none (it is created). */
  readonly existing: LogRead | null;
  readonly ctx: LogCheckContext;
  readonly planTitle: string | null;
}

export interface LogSheetLayout {
  readonly spec: SheetSpec;
  readonly columns: LogColumns;
  /** The last row of the block the rules and Kiểm tra formulas cover. */
  readonly blockEnd: number;
}

/** The block's last row: enough rows, room below the clerk's last one, never less than before. */
export function logBlockEnd(existing: LogRead | null): number {
  const lastEntry = existing?.entries[existing.entries.length - 1]?.row ?? 0;
  return Math.max(
    LOG_FIRST_ROW + LOG_MIN_ROWS - 1,
    lastEntry + LOG_HEADROOM,
    existing?.blockEnd ?? 0,
  );
}

function validations(columns: LogColumns, end: number, ctx: LogCheckContext): ValidationSpec[] {
  const range = (f: LogField): string => `${a1(LOG_FIRST_ROW, columns[f])}:${a1(end, columns[f])}`;
  const out: ValidationSpec[] = [];
  const year = ctx.planYear;
  if (year !== null) {
    out.push({
      range: range("airedOn"),
      type: "date",
      operator: "between",
      formulae: [String(isoToSerial(`${year}-01-01`)), String(isoToSerial(`${year}-12-31`))],
      allowBlank: true,
      errorStyle: "warning",
      errorTitle: "Ngày phát sóng / Air date",
      error: `Ngày phát sóng nên trong năm ${year} (dd/mm/yyyy). / The air date should be in ${year} (dd/mm/yyyy).`,
    });
  }
  out.push({
    range: range("type"),
    type: "list",
    formulae: [`"${PRODUCT_TYPES.join(",")}"`],
    allowBlank: true,
    errorStyle: "warning",
    errorTitle: "Loại sản phẩm / Type",
    error: `Nên chọn trong danh sách: ${PRODUCT_TYPES.join(", ")}. / Prefer a type from the list.`,
  });
  out.push({
    range: range("duration"),
    type: "custom",
    formulae: [
      `OR(ISTEXT(${a1(LOG_FIRST_ROW, columns.duration)}),${a1(LOG_FIRST_ROW, columns.duration)}>0)`,
    ],
    allowBlank: true,
    errorStyle: "warning",
    errorTitle: "Thời lượng / Duration",
    error:
      'Thời lượng phải lớn hơn 0, ví dụ "05 phút" hoặc 5. / The duration must be above 0, e.g. "05 phút" or 5.',
  });
  out.push({
    range: range("fee"),
    type: "decimal",
    operator: "greaterThanOrEqual",
    formulae: ["0"],
    allowBlank: true,
    errorStyle: "stop",
    errorTitle: "Nhuận bút, kinh phí / Fee",
    error: "Nhập số tiền bằng đồng (≥ 0), ví dụ 1500000. / Enter an amount in đồng (≥ 0).",
  });
  const list = dutyListRange(columns, ctx.dutyLabels.length);
  if (list !== null) {
    out.push({
      range: range("duty"),
      type: "list",
      formulae: [list],
      allowBlank: true,
      errorStyle: "stop",
      errorTitle: "Nhiệm vụ định kỳ / Duty",
      error:
        "Chọn một nhiệm vụ định kỳ của kế hoạch trong danh sách. / Choose one of the plan's recurring duties.",
    });
  }
  const ref = ctx.planRef;
  if (ref?.kind === "no") {
    out.push({
      range: range("planItem"),
      type: "list",
      formulae: [ref.range],
      allowBlank: true,
      errorStyle: "warning",
      errorTitle: "Mục kế hoạch / Plan item",
      error: "Ghi STT của một mục trong kế hoạch. / Write the No. of a plan item.",
    });
  } else if (ref?.kind === "row") {
    out.push({
      range: range("planItem"),
      type: "whole",
      operator: "between",
      formulae: [String(ref.first), String(ref.last)],
      allowBlank: true,
      errorStyle: "warning",
      errorTitle: "Mục kế hoạch / Plan item",
      error: `Ghi số hàng của một mục trong kế hoạch (${ref.first}–${ref.last}). / Write a plan item's row.`,
    });
  }
  if (year !== null) {
    for (const f of ["acceptDate", "paidOn"] as const) {
      out.push({
        range: range(f),
        type: "date",
        operator: "between",
        formulae: [String(isoToSerial(`${year}-01-01`)), String(isoToSerial(`${year + 1}-12-31`))],
        allowBlank: true,
        errorStyle: "warning",
        errorTitle:
          f === "acceptDate" ? "Ngày nghiệm thu / Accepted on" : "Ngày thanh toán / Paid on",
        error: `Nhập ngày dd/mm/yyyy trong năm ${year} hoặc ${year + 1}. / Enter a date (dd/mm/yyyy) in ${year} or ${year + 1}.`,
      });
    }
  }
  return out;
}

/** Columns the tool validates: their rules over the old block go before the new ones are set. */
const VALIDATED: readonly LogField[] = [
  "airedOn",
  "type",
  "duration",
  "fee",
  "duty",
  "planItem",
  "acceptDate",
  "paidOn",
];

/**
 * The ranges to clear before the rules are set again: every validated column over the whole
 * block (the old one or the new, whichever is longer), whatever rules the last run chose.
 */
function staleValidationRanges(columns: LogColumns, end: number): string[] {
  return VALIDATED.map((f) => `${a1(LOG_FIRST_ROW, columns[f])}:${a1(end, columns[f])}`);
}

/**
 * Number formats of the clerk's date and money columns, on rows `from`..`to` (format only), on
 * cells still empty: a value the clerk typed keeps the format it was typed with.
 */
function formats(
  columns: LogColumns,
  from: number,
  to: number,
  existing: LogRead | null = null,
): CellSpec[] {
  const out: CellSpec[] = [];
  const fmt: [LogField, string][] = [
    ["airedOn", DATE_FORMAT],
    ["acceptDate", DATE_FORMAT],
    ["paidOn", DATE_FORMAT],
    ["fee", VND_FORMAT],
  ];
  const byRow = new Map((existing?.entries ?? []).map((e) => [e.row, e]));
  for (const [f, numFmt] of fmt)
    for (let row = from; row <= to; row++) {
      if (byRow.get(row)?.values[f] !== undefined) continue;
      out.push({ row, col: columns[f], numFmt });
    }
  return out;
}

/** The tool's cells on every run: Kiểm tra formulas over the block and the duty list. */
function toolCells(
  columns: LogColumns,
  end: number,
  ctx: LogCheckContext,
  existing: LogRead | null,
): CellSpec[] {
  const out: CellSpec[] = [];
  const byRow = new Map((existing?.entries ?? []).map((e) => [e.row, e]));
  for (let row = LOG_FIRST_ROW; row <= end; row++) {
    out.push({
      row,
      col: columns.check,
      formula: logCheckFormula(row, columns, ctx),
      result: logCheckText(byRow.get(row), ctx),
      style: NO_WRAP,
    });
  }
  out.push({
    row: LOG_HEADER_ROW,
    col: columns.dutyList,
    value: LOG_HEADERS.dutyList.vi,
    style: COMPUTED_HEADER_STYLE,
  });
  ctx.dutyLabels.forEach((label, i) =>
    out.push({
      row: LOG_FIRST_ROW + i,
      col: columns.dutyList,
      value: label,
      style: { border: true },
    }),
  );
  // Duties the plan no longer has: their cells are emptied (the list is the tool's).
  for (let row = LOG_FIRST_ROW + ctx.dutyLabels.length; row <= (existing?.listEnd ?? 0); row++)
    out.push({ row, col: columns.dutyList, value: null });
  return out;
}

export function logSheetLayout(input: LogSheetInput): LogSheetLayout {
  const { existing, ctx } = input;
  const end = logBlockEnd(existing);
  if (existing !== null) {
    const columns = existing.columns;
    const spec: SheetSpec = {
      ...emptySheet(existing.sheet, "patch"),
      cells: [
        ...toolCells(columns, end, ctx, existing),
        // Formats only on rows the block gains: the clerk's own formats above stay.
        ...formats(columns, Math.max(existing.blockEnd + 1, LOG_FIRST_ROW), end, existing),
      ],
      columns: [
        { col: columns.check, width: WIDTHS.check },
        { col: columns.dutyList, width: WIDTHS.dutyList },
      ],
      validations: validations(columns, end, ctx),
      remove: {
        validations: staleValidationRanges(columns, Math.max(existing.blockEnd, end)),
        conditionalFormats: [],
        tables: [],
      },
    };
    return { spec, columns, blockEnd: end };
  }
  const columns = LOG_DEFAULT_COLUMNS;
  const cells: CellSpec[] = [
    {
      row: 1,
      col: 1,
      value: `NHẬT KÝ PHÁT SÓNG, CỘNG TÁC${input.planTitle ? ` — ${input.planTitle}` : ""}`,
      style: { bold: true, size: 14, color: COLORS.title },
    },
    {
      row: 2,
      col: 1,
      value:
        'Mỗi hàng là một lần phát sóng hoặc một tin, bài cộng tác. Chọn "Nhiệm vụ định kỳ" để hàng được tính vào chỉ tiêu (trang Tiến độ); ghi "Mục kế hoạch (STT)" nếu hàng này là bằng chứng đã phát sóng của mục đó. Tuần tính theo ISO: thứ Hai đến Chủ nhật. / One row per broadcast or contribution; the tool never rewrites these rows.',
      style: { italic: true, color: "595959" },
    },
  ];
  for (const f of LOG_DATA_FIELDS)
    cells.push({
      row: LOG_HEADER_ROW,
      col: columns[f],
      value: LOG_HEADERS[f].vi,
      style: HEADER_STYLE,
    });
  cells.push({
    row: LOG_HEADER_ROW,
    col: columns.check,
    value: LOG_HEADERS.check.vi,
    style: HEADER_STYLE,
  });
  cells.push(...toolCells(columns, end, ctx, null));
  cells.push(...formats(columns, LOG_FIRST_ROW, end));
  const widths: ColumnSpec[] = (Object.keys(WIDTHS) as LogField[]).map((f) => ({
    col: columns[f],
    width: WIDTHS[f],
  }));
  const spec: SheetSpec = {
    ...emptySheet(LOG_SHEET, "create-if-missing"),
    cells,
    columns: widths,
    validations: validations(columns, end, ctx),
    freeze: { rows: LOG_HEADER_ROW, cols: 0 },
    tabColor: "70AD47",
  };
  return { spec, columns, blockEnd: end };
}

/** The log's ranges the summaries count with (`'Nhật ký phát sóng'!$J$5:$J$304` …). */
export interface LogRefs {
  readonly duty: string;
  readonly airedOn: string;
}

export function logRefs(sheet: string, columns: LogColumns, blockEnd: number): LogRefs {
  const ref = (f: LogField): string =>
    `${sheetRef(sheet)}!${a1Abs(LOG_FIRST_ROW, columns[f])}:${a1Abs(blockEnd, columns[f])}`;
  return { duty: ref("duty"), airedOn: ref("airedOn") };
}
