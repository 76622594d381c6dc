/**
 * Opens a user's .xlsx for reading, refusing clearly what exceljs would fail on obscurely:
 * missing or empty files, password-protected and legacy .xls files, things that are not a zip.
 */
import { promises as fs } from "node:fs";
import type ExcelJS from "exceljs";
import { PlanTrackerError } from "../domain/diagnostics";
import type { WorkbookData } from "../domain/workbookData";
import { openWorkbook, type HostOptions } from "./exceljsHost";
import { assertXlsxBytes, corruptWorkbook } from "../adapters/exceljs/preflight";
import { inspectPackage, type PackageReport } from "./xlsxPackage";
import { streamWorkbookData } from "./streamRead";

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
  // Loaded lazily: commands that read through a worker (readWorkbookData) never load exceljs here.
  const { loadExcelJs } = await import("./exceljsLoad");
  const workbook = await loadExcelJs(bytes, path);
  return { workbook, bytes, report };
}

export interface ReadWorkbook {
  readonly data: WorkbookData;
  readonly bytes: Buffer;
  readonly report: PackageReport;
}

/**
 * What check, summary and rollup need: the same refusals as loadXlsx, then the cells read in one
 * pass without exceljs (streamRead.ts: same data, a fraction of the time and memory), or — for
 * what that pass does not model — exceljs in a worker under a time and memory limit
 * (exceljsHost.ts), returning plain data.
 */
export async function readWorkbookData(
  path: string,
  opts: HostOptions = {},
): Promise<ReadWorkbook> {
  const bytes = await readFileBytes(path);
  assertXlsxBytes(bytes, path);
  const report = await inspectPackage(bytes, path);
  const streamed = streamWorkbookData(bytes);
  if (streamed.data !== null) return { data: streamed.data, bytes, report };
  const opened = await openWorkbook(bytes, path, opts);
  await opened.close();
  return { data: opened.data, bytes, report };
}
