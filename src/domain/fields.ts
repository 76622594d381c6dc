/**
 * The canonical columns of a plan workbook (BRIEF.md, "Standard plan workbook") and the words
 * people head them with. Header matching folds case and diacritics, so aliases are listed once in
 * their natural spelling.
 */

export type FieldKey =
  | "no"
  | "title"
  | "period"
  | "count"
  | "type"
  | "duration"
  | "unit"
  | "budget"
  | "notes"
  | "due"
  | "status"
  | "airedOn"
  | "spent"
  | "check"
  | "countValue"
  | "minutesValue"
  | "plannedValue"
  | "evidence"
  | "acceptanceNo"
  | "acceptedOn"
  | "invoice"
  | "paidOn";

export const PLAN_FIELDS: readonly FieldKey[] = [
  "no",
  "title",
  "period",
  "count",
  "type",
  "duration",
  "unit",
  "budget",
  "notes",
];

/**
 * Evidence for payment (issue 13 §3): what Finance needs to settle an item — where the broadcast
 * can be seen or heard, the acceptance record (biên bản nghiệm thu) and its date, the invoice and
 * the date it was paid. The clerk's to fill in; grouped at the right end of the tracker, after the
 * computed columns, so a tracker made before they existed gains them without moving a column.
 */
export const EVIDENCE_FIELDS: readonly FieldKey[] = [
  "evidence",
  "acceptanceNo",
  "acceptedOn",
  "invoice",
  "paidOn",
];

/** Columns the tracker adds when the plan lacks them, in the order they are appended. */
export const TRACKER_FIELDS: readonly FieldKey[] = [
  "due",
  "status",
  "airedOn",
  "spent",
  "check",
  "countValue",
  "minutesValue",
  "plannedValue",
  ...EVIDENCE_FIELDS,
];

/**
 * Tracker columns whose cells the tool computes and rewrites on every run (when it added the
 * column). The other tracker columns (status, air date, spending, the evidence) are the clerk's
 * to fill in.
 */
export const COMPUTED_FIELDS: readonly FieldKey[] = [
  "due",
  "check",
  "countValue",
  "minutesValue",
  "plannedValue",
];

export const REQUIRED_FIELDS: readonly FieldKey[] = ["title", "period"];

export const FIELD_ALIASES: Readonly<Record<FieldKey, readonly string[]>> = {
  no: ["STT", "TT", "Số TT", "Số thứ tự", "No.", "No", "#"],
  title: [
    "Nội dung",
    "Chủ đề",
    "Tên sản phẩm",
    "Nội dung tuyên truyền",
    "Tên phóng sự",
    "Nội dung công việc",
    "Title",
    "Topic",
    "Subject",
  ],
  period: [
    "Thời gian",
    "Quý",
    "Thời gian thực hiện",
    "Thời gian phát sóng dự kiến",
    "Kỳ",
    "Period",
    "Quarter",
    "Schedule",
  ],
  count: ["Số lượng", "SL", "Số lượng (sản phẩm)", "Count", "Qty", "Quantity"],
  type: ["Loại sản phẩm", "Hình thức", "Thể loại", "Loại", "Type", "Format"],
  duration: ["Thời lượng", "Thời lượng (phút)", "Duration", "Length", "Minutes"],
  unit: [
    "Đơn vị thực hiện",
    "Đơn vị chủ trì",
    "Đơn vị",
    "Đơn vị phối hợp thực hiện",
    "Unit",
    "Owner",
    "Responsible",
  ],
  budget: [
    "Kinh phí",
    "Kinh phí dự kiến",
    "Dự toán",
    "Kinh phí (đồng)",
    "Kinh phí dự kiến (đồng)",
    "Budget",
    "Budget (VND)",
    "Planned cost",
  ],
  notes: ["Ghi chú", "Notes", "Note", "Remarks"],
  due: ["Hạn hoàn thành", "Hạn", "Thời hạn", "Due", "Due date", "Deadline"],
  status: ["Trạng thái", "Tình trạng", "Status"],
  airedOn: ["Ngày phát sóng", "Ngày phát", "Aired on", "Air date", "Aired"],
  spent: ["Kinh phí thực chi", "Thực chi", "Đã chi", "Spent", "Actual cost", "Spent (VND)"],
  check: ["Kiểm tra", "Check", "Checks"],
  // Numbers read from the clerk's text ("05 phút" → 5) so Excel formulas can sum them. The names
  // must not fold to any alias above, even with their brackets removed.
  countValue: ["SL quy đổi", "Count value"],
  minutesValue: ["Số phút quy đổi", "Minutes value"],
  plannedValue: ["Kinh phí KH quy đổi (đồng)", "Kinh phí KH quy đổi", "Planned cost value (VND)"],
  // Evidence for payment. "Ngày" alone, "Số" alone and "Biên bản" alone name nothing: too vague.
  evidence: [
    "Link / lưu trữ",
    "Link/lưu trữ",
    "Link, lưu trữ",
    "Đường dẫn / lưu trữ",
    "Link",
    "Đường dẫn",
    "Lưu trữ",
    "Minh chứng",
    "Nơi lưu trữ",
    "Link / archive",
    "Evidence",
    "Recording",
    "Recording reference",
    "Archive",
  ],
  acceptanceNo: [
    "Số biên bản nghiệm thu",
    "Biên bản nghiệm thu",
    "Số BBNT",
    "BBNT",
    "Số biên bản NT",
    "Acceptance record",
    "Acceptance record no.",
    "Acceptance no.",
  ],
  acceptedOn: [
    "Ngày nghiệm thu",
    "Ngày BBNT",
    "Ngày biên bản nghiệm thu",
    "Accepted on",
    "Acceptance date",
    "Date accepted",
  ],
  invoice: ["Số hóa đơn", "Hóa đơn", "Số HĐ", "Invoice", "Invoice no.", "Invoice number"],
  paidOn: [
    "Ngày thanh toán",
    "Ngày chi",
    "Ngày chi trả",
    "Ngày giải ngân",
    "Paid on",
    "Payment date",
    "Date paid",
  ],
};

/** The header the tracker writes for a column it adds, per language of the workbook (vi). */
export const TRACKER_HEADERS: Readonly<Record<FieldKey, { vi: string; en: string }>> = {
  no: { vi: "STT", en: "No." },
  title: { vi: "Nội dung", en: "Title" },
  period: { vi: "Thời gian", en: "Period" },
  count: { vi: "Số lượng", en: "Count" },
  type: { vi: "Loại sản phẩm", en: "Type" },
  duration: { vi: "Thời lượng", en: "Duration" },
  unit: { vi: "Đơn vị thực hiện", en: "Unit" },
  budget: { vi: "Kinh phí (đồng)", en: "Budget (VND)" },
  notes: { vi: "Ghi chú", en: "Notes" },
  due: { vi: "Hạn hoàn thành", en: "Due date" },
  status: { vi: "Trạng thái", en: "Status" },
  airedOn: { vi: "Ngày phát sóng", en: "Aired on" },
  spent: { vi: "Kinh phí thực chi", en: "Spent (VND)" },
  check: { vi: "Kiểm tra", en: "Check" },
  countValue: { vi: "SL quy đổi", en: "Count value" },
  minutesValue: { vi: "Số phút quy đổi", en: "Minutes value" },
  plannedValue: { vi: "Kinh phí KH quy đổi (đồng)", en: "Planned cost value (VND)" },
  evidence: { vi: "Link / lưu trữ", en: "Link / archive" },
  acceptanceNo: { vi: "Số biên bản nghiệm thu", en: "Acceptance record no." },
  acceptedOn: { vi: "Ngày nghiệm thu", en: "Accepted on" },
  invoice: { vi: "Số hóa đơn", en: "Invoice no." },
  paidOn: { vi: "Ngày thanh toán", en: "Paid on" },
};

/** Field names as a clerk reads them in messages. */
export const FIELD_LABELS: Readonly<Record<FieldKey, { vi: string; en: string }>> = TRACKER_HEADERS;
