/**
 * The recurring quotas on "Tiến độ": one line per duty (periods over, met, short, products), then
 * each duty's periods (at most 53 weeks, 12 months or 4 quarters) with its quota, the log rows
 * counted by a live SUMPRODUCT over the broadcast log, and a live status whose colour rules need
 * no add-in. Cached values come from quotas.ts, which counts the way the formulas do.
 */
import { isoToSerial } from "../calendar";
import type { ConditionalFormatSpec } from "../layout/spec";
import { frequencyText, quotaText } from "../recurrence";
import type { LogRefs } from "../tracker/logSheet";
import { COLORS, DATE_FORMAT } from "../tracker/styles";
import { QUOTA_STATUS_LABEL, type RecurringState } from "./quotas";
import {
  CELL_STYLE,
  HEAD_STYLE,
  LABEL_STYLE,
  NOTE_STYLE,
  SECTION_STYLE,
  type SheetBuilder,
} from "./sheetBuilder";

export interface QuotaSectionInput {
  readonly state: RecurringState;
  /** The log's duty and air-date columns over its block. */
  readonly log: LogRefs;
}

export const QUOTA_SECTION_TITLE = "CHỈ TIÊU ĐỊNH KỲ / Recurring quotas";

const STATUS_COLORS: readonly {
  status: keyof typeof QUOTA_STATUS_LABEL;
  fill: string;
  color: string;
}[] = [
  { status: "short", fill: COLORS.overdueFill, color: COLORS.overdueText },
  { status: "met", fill: COLORS.doneFill, color: COLORS.doneText },
  { status: "ahead", fill: "BDD7EE", color: "1F4E79" },
  { status: "open", fill: COLORS.dueSoonFill, color: COLORS.dueSoonText },
];

/**
 * Writes the section from row `start`; returns the row after it and the colour rules of its
 * periods (priorities from `priority` on).
 */
export function quotaSection(
  b: SheetBuilder,
  start: number,
  input: QuotaSectionInput,
  asOfName: string,
  priority = 1,
): { next: number; conditionalFormats: ConditionalFormatSpec[] } {
  const { state, log } = input;
  const duties = state.duties;
  b.value(start, 1, `${QUOTA_SECTION_TITLE} (${duties.length})`, SECTION_STYLE);
  b.value(
    start,
    4,
    'Đếm các hàng của trang "Nhật ký phát sóng" theo cột Nhiệm vụ định kỳ và Ngày phát sóng; tuần theo ISO (thứ Hai–Chủ nhật). Vượt = nhiều hơn chỉ tiêu, Đạt = đủ, Thiếu = kỳ đã qua mà chưa đủ.',
    NOTE_STYLE,
  );
  const head = start + 1;
  [
    "Nhiệm vụ / Duty",
    "Kỳ / Every",
    "Chỉ tiêu mỗi kỳ / Quota",
    "Kỳ đã qua / Periods over",
    "Kỳ đạt / Met",
    "Kỳ thiếu / Short",
    "Đã thực hiện / Done",
    "Đơn vị / Unit",
  ].forEach((h, i) => b.value(head, i + 1, h, HEAD_STYLE));

  // Each duty's block: its key row, a header row, its periods, a blank row.
  let row = head + duties.length + 2;
  const blocks = duties.map((f) => {
    const key = row;
    const first = key + 2;
    const last = first + Math.max(f.results.length, 1) - 1;
    row = last + 2;
    return { key, first, last };
  });
  const detailFirst = head + duties.length + 2;
  const detailLast = row - 2;

  duties.forEach((f, i) => {
    const r = head + 1 + i;
    const blk = blocks[i] as (typeof blocks)[number];
    const rec = f.duty.recurrence;
    const counted = f.results.length > 0;
    const C = `C${blk.first}:C${blk.last}`;
    b.value(r, 1, f.duty.label, { ...LABEL_STYLE, wrap: true });
    b.value(r, 2, frequencyText(rec, "vi"), CELL_STYLE);
    b.value(r, 3, quotaText(rec, "vi"), CELL_STYLE);
    if (counted) {
      b.formula(r, 4, `COUNTIF(${C},"<"&${asOfName})`, f.ended, CELL_STYLE);
      b.formula(
        r,
        5,
        `SUMPRODUCT(--(${C}<${asOfName}),--(E${blk.first}:E${blk.last}>=D${blk.first}:D${blk.last}))`,
        f.endedMet,
        CELL_STYLE,
      );
      b.formula(
        r,
        6,
        `COUNTIF(G${blk.first}:G${blk.last},"${QUOTA_STATUS_LABEL.short.vi}")`,
        f.short,
        CELL_STYLE,
      );
      b.formula(r, 7, `SUM(E${blk.first}:E${blk.last})`, f.done, CELL_STYLE);
    } else {
      for (let c = 4; c <= 7; c++) b.value(r, c, null, CELL_STYLE);
    }
    b.value(r, 8, f.duty.unit ?? "", { ...CELL_STYLE, wrap: true });
  });

  duties.forEach((f, i) => {
    const blk = blocks[i] as (typeof blocks)[number];
    const rec = f.duty.recurrence;
    // The key the counting formulas compare the log's duty cells with.
    b.value(blk.key, 1, f.duty.label, { bold: true, wrap: true });
    b.value(
      blk.key,
      2,
      `${frequencyText(rec, "vi")}, ${quotaText(rec, "vi")} — kế hoạch hàng ${f.duty.row}`,
      NOTE_STYLE,
    );
    [
      "Kỳ / Period",
      "Từ ngày / From",
      "Đến ngày / To",
      "Chỉ tiêu / Quota",
      "Đã thực hiện / Done",
      "Chênh lệch / Difference",
      "Đánh giá / Status",
    ].forEach((h, c) => b.value(blk.key + 1, c + 1, h, HEAD_STYLE));
    if (f.results.length === 0) {
      b.value(
        blk.first,
        1,
        rec.every === null
          ? "Không đếm được: kế hoạch không nói bao lâu một lần (xem Kiểm tra ở trang kế hoạch). / Not counted: the plan does not say how often."
          : "Không đếm được: chưa biết năm kế hoạch hoặc thời gian áp dụng. / Not counted: no plan year or period of application.",
        NOTE_STYLE,
      );
      return;
    }
    f.results.forEach((x, k) => {
      const r = blk.first + k;
      b.value(r, 1, x.period.label.vi, CELL_STYLE);
      b.value(r, 2, isoToSerial(x.period.start), CELL_STYLE, DATE_FORMAT);
      b.value(r, 3, isoToSerial(x.period.end), CELL_STYLE, DATE_FORMAT);
      b.value(r, 4, x.quota, CELL_STYLE);
      b.formula(
        r,
        5,
        // ISNUMBER: an air date typed as text ("31/08/2023") is no date (Excel would rank text
        // above every number; some engines read it as a date instead): it counts nowhere.
        `SUMPRODUCT(--(${log.duty}=$A$${blk.key}),--ISNUMBER(${log.airedOn}),--(${log.airedOn}>=B${r}),--(${log.airedOn}<=C${r}))`,
        x.done,
        CELL_STYLE,
      );
      b.formula(r, 6, `E${r}-D${r}`, x.done - x.quota, CELL_STYLE);
      b.formula(
        r,
        7,
        `IF(E${r}>D${r},"${QUOTA_STATUS_LABEL.ahead.vi}",IF(E${r}=D${r},"${QUOTA_STATUS_LABEL.met.vi}",IF(C${r}<${asOfName},"${QUOTA_STATUS_LABEL.short.vi}",IF(B${r}>${asOfName},"${QUOTA_STATUS_LABEL.future.vi}","${QUOTA_STATUS_LABEL.open.vi}"))))`,
        QUOTA_STATUS_LABEL[x.status].vi,
        CELL_STYLE,
      );
    });
  });

  const conditionalFormats: ConditionalFormatSpec[] =
    duties.some((f) => f.results.length > 0) && detailLast >= detailFirst
      ? STATUS_COLORS.map((s, k) => ({
          range: `A${detailFirst}:G${detailLast}`,
          formula: `$G${detailFirst}="${QUOTA_STATUS_LABEL[s.status].vi}"`,
          style: { fill: s.fill, color: s.color },
          priority: priority + k,
          stopIfTrue: false,
        }))
      : [];
  return { next: row, conditionalFormats };
}
