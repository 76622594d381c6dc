/**
 * exceljs's own load, for a package `inspectPackage` has already accepted: its zip, CRCs, XML
 * well-formedness, sizes and the cheap guards all passed. What exceljs still fails on is then a
 * limitation of exceljs (prefixed SpreadsheetML, parts outside xl/, core properties in a default
 * namespace, ...), not damage: say so, and never "corrupt" or "empty workbook".
 */
import ExcelJS from "exceljs";
import { PlanTrackerError } from "../domain/diagnostics";

/** exceljs failed on a package that passed every structural check. */
export function unreadableWorkbook(name: string, err: unknown): PlanTrackerError {
  const raw =
    typeof err === "object" && err !== null && typeof (err as Error).message === "string"
      ? (err as Error).message
      : String(err);
  const detail = (raw.split("\n")[0] ?? "").slice(0, 160);
  return new PlanTrackerError("file.unsupported", {
    vi: `Bộ đọc .xlsx của công cụ (exceljs) không đọc được sổ tính "${name}" (${detail}). Cấu trúc nén và XML của tệp đã qua các bước kiểm tra, nên nhiều khả năng đây là giới hạn của bộ đọc với tệp do chương trình khác Excel ghi ra. Mở tệp trong Excel, chọn Tệp > Lưu thành để lưu một bản .xlsx mới rồi chạy lại với bản đó.`,
    en: `The tool's .xlsx reader (exceljs) cannot read the workbook "${name}" (${detail}). Its zip structure and XML passed the tool's checks, so this is most likely a limitation of the reader with files written by programs other than Excel. Open it in Excel, use File > Save As to save a new .xlsx copy and run again with that copy.`,
  });
}

/** exceljs read no sheet from a package that has some (e.g. parts outside xl/). */
export function noSheetsRead(name: string): PlanTrackerError {
  return new PlanTrackerError("file.unsupported", {
    vi: `Bộ đọc .xlsx của công cụ (exceljs) không tìm thấy trang nào trong "${name}" dù tệp có trang tính: tệp được lưu theo cách bộ đọc không hỗ trợ (ví dụ các phần không nằm trong thư mục xl/ như Excel vẫn ghi). Mở tệp trong Excel, chọn Tệp > Lưu thành để lưu một bản .xlsx mới rồi chạy lại với bản đó.`,
    en: `The tool's .xlsx reader (exceljs) found no sheets in "${name}" although the file has some: it is stored in a way the reader does not support (e.g. its parts are not in the xl/ folder where Excel puts them). Open it in Excel, use File > Save As to save a new .xlsx copy and run again with that copy.`,
  });
}

/** Loads bytes that inspectPackage accepted; refuses clearly what exceljs cannot model. */
export async function loadExcelJs(bytes: Uint8Array, name: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw unreadableWorkbook(name, err);
  }
  if (workbook.worksheets.length === 0) throw noSheetsRead(name);
  return workbook;
}
