/** Serialises an exceljs Workbook and writes it atomically. */
import type ExcelJS from "exceljs";
import { PlanTrackerError } from "../domain/diagnostics";
import { writeFileAtomic } from "./atomicWrite";
import { canWriteParts, xlsxBytes } from "./xlsxWrite";

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  // exceljs's writer with Node's zlib for the zip (xlsxWrite.ts: same package, much faster).
  if (canWriteParts(wb)) return xlsxBytes(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function writeXlsx(path: string, wb: ExcelJS.Workbook): Promise<void> {
  await writeXlsxBytes(path, await workbookBytes(wb));
}

/** Writes finished .xlsx bytes atomically, with a message a person can act on if it fails. */
export async function writeXlsxBytes(path: string, bytes: Uint8Array): Promise<void> {
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
