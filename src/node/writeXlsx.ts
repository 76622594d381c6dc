/** Serialises an exceljs Workbook and writes it atomically. */
import type ExcelJS from "exceljs";
import { PlanTrackerError } from "../domain/diagnostics";
import { writeFileAtomic } from "./atomicWrite";

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function writeXlsx(path: string, wb: ExcelJS.Workbook): Promise<void> {
  const bytes = await workbookBytes(wb);
  try {
    await writeFileAtomic(path, bytes);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    throw new PlanTrackerError("file.write-failed", {
      vi: `Không ghi được "${path}" (${code}). Kiểm tra thư mục có tồn tại, còn chỗ trống và tệp không đang mở trong Excel.`,
      en: `Could not write "${path}" (${code}). Check that the folder exists, has free space and the file is not open in Excel.`,
    });
  }
}
