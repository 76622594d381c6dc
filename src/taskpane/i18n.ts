/**
 * The pane's words, Vietnamese first. The language follows Office's display language and can be
 * switched in the pane; diagnostics carry both languages already (see domain/diagnostics).
 */
import type { Lang } from "../domain/diagnostics";

const STRINGS = {
  appTitle: { vi: "Theo dõi kế hoạch", en: "Plan Tracker" },
  language: { vi: "Ngôn ngữ", en: "Language" },
  step1: { vi: "1. Kế hoạch", en: "1. The plan" },
  step1Help: {
    vi: "Chọn trang tính chứa kế hoạch, hoặc nhập kế hoạch từ văn bản (dán vào ô dưới) hay tệp Word .docx.",
    en: "Pick the sheet that holds the plan, or import the plan from text (paste it below) or a Word .docx file.",
  },
  planSheet: { vi: "Trang kế hoạch", en: "Plan sheet" },
  refresh: { vi: "Làm mới danh sách", en: "Refresh the list" },
  pasteLabel: { vi: "Dán văn bản kế hoạch", en: "Paste the plan text" },
  importText: { vi: "Nhập từ văn bản", en: "Import the text" },
  pickDocx: { vi: "Chọn tệp .docx", en: "Choose a .docx file" },
  pickXlsx: { vi: "Mở tệp .xlsx", en: "Open an .xlsx file" },
  stepReading: { vi: "2. Cách đọc bảng", en: "2. How the table is read" },
  readingHelp: {
    vi: "Công cụ đọc bảng kế hoạch như dưới đây. Nếu một cột bị đọc sai hay bị bỏ sót, chọn cột đúng: lựa chọn được lưu trong sổ theo dõi khi chuyển (bước 3) và dùng cho mọi lần sau.",
    en: "This is how the tool reads the plan table. If a column is read wrongly or missed, pick the right one: your choice is saved in the tracker when you convert (step 3) and used on every later run.",
  },
  readingNoSheet: {
    vi: "Chọn hoặc nhập kế hoạch ở bước 1 để xem cách đọc bảng.",
    en: "Pick or import the plan in step 1 to see how its table is read.",
  },
  readingFailed: { vi: "Chưa đọc được bảng:", en: "The table cannot be read yet:" },
  planColumns: { vi: "Cột của kế hoạch", en: "The plan's columns" },
  trackColumns: { vi: "Cột theo dõi", en: "Tracking columns" },
  none: { vi: "(không có)", en: "(none)" },
  noHeader: { vi: "(không có tiêu đề)", en: "(no header)" },
  suggested: { vi: "(gợi ý)", en: "(suggested)" },
  noColumn: { vi: "không có cột", en: "no column" },
  savedOnConvert: {
    vi: "Lựa chọn được lưu khi chuyển thành sổ theo dõi.",
    en: "Your choice is saved when you convert.",
  },
  resetReading: { vi: "Đặt lại theo tiêu đề cột", en: "Reset to the headers" },
  reloadReading: { vi: "Đọc lại bảng", en: "Read the table again" },
  resetNotice: {
    vi: "Đọc theo tiêu đề cột. Cách gán đã lưu (nếu có) được bỏ khi chuyển thành sổ theo dõi.",
    en: "Read by the headers. A saved column map is dropped when you convert.",
  },
  mapSaved: {
    vi: "Cách gán cột đã được lưu trong sổ theo dõi và dùng cho mọi lần sau.",
    en: "The column map is saved in the tracker and used on every later run.",
  },
  mapDropped: {
    vi: "Sổ theo dõi đọc bảng theo tiêu đề cột (không còn cách gán đã lưu).",
    en: "The tracker reads the table by its headers (no saved column map).",
  },
  step2: { vi: "3. Chuyển thành sổ theo dõi", en: "3. Convert to a tracker" },
  step2Help: {
    vi: "Thêm các cột Hạn hoàn thành, Trạng thái, Ngày phát sóng, Kinh phí thực chi, Kiểm tra; tô màu mục quá hạn; không sửa ô nào bạn đã nhập.",
    en: "Adds the due date, status, air date, spending and check columns and colours late items; never changes a cell you wrote.",
  },
  convert: { vi: "Chuyển thành sổ theo dõi", en: "Convert to tracker" },
  step3: { vi: "4. Kiểm tra", en: "4. Check" },
  check: { vi: "Kiểm tra", en: "Check" },
  liveCheck: { vi: "Tự kiểm tra khi sửa", en: "Check as I edit" },
  errors: { vi: "Lỗi", en: "Errors" },
  warnings: { vi: "Cảnh báo", en: "Warnings" },
  noProblems: { vi: "Không có lỗi hay cảnh báo.", en: "No errors or warnings." },
  apply: { vi: "Áp dụng", en: "Apply" },
  goTo: { vi: "Đến ô", en: "Go to cell" },
  applyTo: { vi: "vào ô", en: "to cell" },
  step4: { vi: "5. Tóm tắt", en: "5. Summaries" },
  summaries: {
    vi: "Cập nhật trang Kinh phí và Tiến độ",
    en: "Update the Budget and Progress sheets",
  },
  step5: { vi: "6. Xuất báo cáo", en: "6. Export the report" },
  exportPdf: { vi: "Tải báo cáo PDF", en: "Download the PDF report" },
  downloadTracker: { vi: "Tải sổ theo dõi (.xlsx)", en: "Download the tracker (.xlsx)" },
  downloadSummary: { vi: "Tải tóm tắt (.xlsx)", en: "Download the summary (.xlsx)" },
  reportPeriod: { vi: "Kỳ báo cáo", en: "Reporting period" },
  latestClosed: { vi: "Kỳ đã kết thúc gần nhất", en: "The latest closed period" },
  periodQ1: { vi: "Quý I", en: "Q1" },
  periodQ2: { vi: "Quý II", en: "Q2" },
  periodQ3: { vi: "Quý III", en: "Q3" },
  periodQ4: { vi: "Quý IV", en: "Q4" },
  periodH1: { vi: "6 tháng đầu năm", en: "First half" },
  period9M: { vi: "9 tháng", en: "Nine months" },
  periodY: { vi: "Cả năm", en: "Year" },
  settings: { vi: "Cài đặt kế hoạch", en: "Plan settings" },
  planYear: { vi: "Năm kế hoạch", en: "Plan year" },
  allocation: { vi: "Kinh phí được giao (đồng)", en: "Yearly allocation (VND)" },
  agency: { vi: "Cơ quan ban hành", en: "Issuing agency" },
  asOf: { vi: "Ngày tính (để trống = hôm nay)", en: "As-of date (blank = today)" },
  saveSettings: { vi: "Lưu cài đặt", en: "Save settings" },
  working: { vi: "Đang xử lý…", en: "Working…" },
  done: { vi: "Xong.", en: "Done." },
  items: { vi: "mục", en: "items" },
  overdue: { vi: "quá hạn", en: "overdue" },
  dueSoon: { vi: "sắp đến hạn", en: "due soon" },
  standaloneNote: {
    vi: "Đang chạy ngoài Excel: mở tệp .xlsx hoặc .docx, hoặc dán văn bản; kết quả được tải về máy.",
    en: "Running outside Excel: open an .xlsx or .docx file, or paste text; results are downloaded.",
  },
  unexpected: {
    vi: "Có lỗi không mong đợi. Hãy thử lại; nếu vẫn lỗi, gửi thông báo này cho bộ phận hỗ trợ:",
    en: "Something unexpected went wrong. Try again; if it persists, send this message to support:",
  },
  pdfFallback: {
    vi: "Không tải được tệp trực tiếp trong Excel này: báo cáo được mở ở thẻ mới; dùng In > Lưu thành PDF.",
    en: "This Excel cannot download files directly: the report opened in a new tab; use Print > Save as PDF.",
  },
  currentFile: { vi: "Đang dùng tệp:", en: "Working on:" },
  pastedText: { vi: "văn bản đã dán", en: "the pasted text" },
  exportHelp: {
    vi: "Các tệp có sau khi chuyển kế hoạch thành sổ theo dõi (bước 3).",
    en: "The files are ready once the plan is converted (step 3).",
  },
  noPlanSheet: { vi: "Chưa chọn trang kế hoạch.", en: "No plan sheet selected." },
  aired: { vi: "đã phát sóng", en: "aired" },
  spent: { vi: "đã chi", en: "spent" },
  recurringQuotas: {
    vi: "Chỉ tiêu định kỳ (đếm trên trang Nhật ký phát sóng; bảng đủ các kỳ ở trang Tiến độ):",
    en: "Recurring quotas (counted on the broadcast log sheet; every period is on the Progress sheet):",
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey, lang: Lang): string {
  return STRINGS[key][lang];
}

/** "vi-VN" → vi; anything else → en (Vietnamese clerks run Vietnamese Office). */
export function langFromDisplay(displayLanguage: string | undefined | null): Lang {
  return (displayLanguage ?? "").toLowerCase().startsWith("vi") ? "vi" : "en";
}
