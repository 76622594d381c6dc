/**
 * Opens a user's .xlsx for reading, refusing clearly what exceljs would fail on obscurely:
 * missing or empty files, password-protected and legacy .xls files, things that are not a zip.
 */
import { promises as fs } from "node:fs";
import ExcelJS from "exceljs";
import { PlanTrackerError } from "../domain/diagnostics";
import { assertXlsxBytes, corruptWorkbook } from "../adapters/exceljs/preflight";
import { inspectPackage, type PackageReport } from "./xlsxPackage";

export { assertXlsxBytes, corruptWorkbook };

export async function readFileBytes(path: string): Promise<Buffer> {
  try {
    return await fs.readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new PlanTrackerError("file.not-found", {
        vi: `Không tìm thấy tệp "${path}". Kiểm tra đường dẫn và tên tệp.`,
        en: `The file "${path}" does not exist. Check the path and the file name.`,
      });
    }
    if (code === "EISDIR") {
      throw new PlanTrackerError("file.is-directory", {
        vi: `"${path}" là một thư mục, không phải tệp .xlsx.`,
        en: `"${path}" is a folder, not an .xlsx file.`,
      });
    }
    throw new PlanTrackerError("file.unreadable", {
      vi: `Không đọc được tệp "${path}" (${code ?? "lỗi hệ thống"}). Kiểm tra quyền truy cập tệp.`,
      en: `The file "${path}" cannot be read (${code ?? "system error"}). Check the file's permissions.`,
    });
  }
}

export interface LoadedXlsx {
  readonly workbook: ExcelJS.Workbook;
  readonly bytes: Buffer;
  /** What the package holds that an exceljs rewrite would lose. */
  readonly report: PackageReport;
}

/**
 * Reads a workbook the way every command must: refuse what is not a safe .xlsx (encrypted, not a
 * zip, corrupt, a zip bomb, DTDs) before exceljs parses anything.
 */
export async function loadXlsx(path: string): Promise<LoadedXlsx> {
  const bytes = await readFileBytes(path);
  assertXlsxBytes(bytes, path);
  const report = await inspectPackage(bytes, path);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw corruptWorkbook(path, err);
  }
  return { workbook, bytes, report };
}
