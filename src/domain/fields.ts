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
  | "plannedValue";

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
];

/**
 * Tracker columns whose cells the tool computes and rewrites on every run (when it added the
 * column). The other tracker columns (status, air date, spending) are the clerk's to fill in.
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
};

/** Field names as a clerk reads them in messages. */
export const FIELD_LABELS: Readonly<Record<FieldKey, { vi: string; en: string }>> = TRACKER_HEADERS;
