/** Builds SheetData / WorkbookData for domain tests from plain arrays. */
import type { CellValue } from "../../src/domain/cell";
import type { SheetData, WorkbookData } from "../../src/domain/workbookData";

export function sheet(name: string, rows: (CellValue | undefined)[][]): SheetData {
  return { name, rows: rows.map((r) => r.map((v) => v ?? null)) };
}

export function book(...sheets: SheetData[]): WorkbookData {
  return { sheets };
}

export const SAMPLE_HEADER = [
  "STT",
  "Nội dung",
  "Thời gian",
  "Số lượng",
  "Loại sản phẩm",
  "Thời lượng",
  "Đơn vị thực hiện",
  "Kinh phí (đồng)",
  "Ghi chú",
];

/** The columns the tracker appends after the plan's, in order (written here, not imported). */
export const TRACKER_HEADERS = [
  "Hạn hoàn thành",
  "Trạng thái",
  "Ngày phát sóng",
  "Kinh phí thực chi",
  "Kiểm tra",
  "SL quy đổi",
  "Số phút quy đổi",
  "Kinh phí KH quy đổi (đồng)",
  // Evidence for payment (issue 13 §3), grouped at the right end.
  "Link / lưu trữ",
  "Số biên bản nghiệm thu",
  "Ngày nghiệm thu",
  "Số hóa đơn",
  "Ngày thanh toán",
];
