/**
 * Opens a user's .xlsx for reading, refusing clearly what exceljs would fail on obscurely:
 * missing or empty files, password-protected and legacy .xls files, things that are not a zip.
 */
import { promises as fs } from "node:fs";
import ExcelJS from "exceljs";
import { PlanTrackerError } from "../domain/diagnostics";
import { inspectPackage, type PackageReport } from "./xlsxPackage";

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_SIGNATURE = [0x50, 0x4b, 0x05, 0x06];
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** "EncryptedPackage" as UTF-16LE: the stream name Office uses for an encrypted .xlsx. */
const ENCRYPTED_MARKER = Buffer.from("EncryptedPackage", "utf16le");

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

/** Refuses bytes that cannot be an .xlsx, with the reason a person can act on. */
export function assertXlsxBytes(bytes: Uint8Array, name: string): void {
  if (bytes.length === 0) {
    throw new PlanTrackerError("file.empty", {
      vi: `Tệp "${name}" rỗng (0 byte). Chọn tệp kế hoạch .xlsx đã lưu từ Excel.`,
      en: `The file "${name}" is empty (0 bytes). Choose a plan .xlsx saved from Excel.`,
    });
  }
  if (startsWith(bytes, CFB_SIGNATURE)) {
    const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
      ENCRYPTED_MARKER,
    );
    throw encrypted
      ? new PlanTrackerError("file.encrypted", {
          vi: `Sổ tính "${name}" được đặt mật khẩu. Mở nó trong Excel, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) và lưu một bản không mật khẩu, rồi chạy lại.`,
          en: `The workbook "${name}" is password-protected. Open it in Excel, remove the password (File > Info > Protect Workbook), save an unprotected copy and run again.`,
        })
      : new PlanTrackerError("file.legacy-xls", {
          vi: `"${name}" là tệp Excel 97-2003 (.xls) hoặc tệp Office cũ, không phải .xlsx. Mở trong Excel và chọn Lưu thành > Sổ làm việc Excel (.xlsx).`,
          en: `"${name}" is an Excel 97-2003 (.xls) or other legacy Office file, not .xlsx. Open it in Excel and Save As > Excel Workbook (.xlsx).`,
        });
  }
  if (startsWith(bytes, EMPTY_ZIP_SIGNATURE)) {
    throw new PlanTrackerError("file.empty-zip", {
      vi: `"${name}" là một tệp nén rỗng, không có sổ tính bên trong. Chọn tệp .xlsx đã lưu từ Excel.`,
      en: `"${name}" is an empty zip archive with no workbook inside. Choose an .xlsx saved from Excel.`,
    });
  }
  if (!startsWith(bytes, ZIP_SIGNATURE)) {
    throw new PlanTrackerError("file.not-xlsx", {
      vi: `"${name}" không phải tệp Excel .xlsx (nội dung ${describeContent(bytes)}). Mở nó trong Excel và lưu thành .xlsx, hoặc chọn đúng tệp.`,
      en: `"${name}" is not an Excel .xlsx file (it contains ${describeContent(bytes, "en")}). Open it in Excel and save it as .xlsx, or choose the right file.`,
    });
  }
}

function describeContent(bytes: Uint8Array, lang: "vi" | "en" = "vi"): string {
  const head = Buffer.from(bytes.subarray(0, 512)).toString("utf8").trimStart().toLowerCase();
  if (head.startsWith("%pdf")) return lang === "vi" ? "là PDF" : "a PDF";
  if (head.startsWith("<!doctype html") || head.startsWith("<html"))
    return lang === "vi" ? "là trang HTML" : "an HTML page";
  if (head.startsWith("<?xml")) return lang === "vi" ? "là XML" : "XML";
  const printable = [...bytes.subarray(0, 512)].every(
    (b) => b === 9 || b === 10 || b === 13 || b >= 32,
  );
  if (printable) return lang === "vi" ? "là văn bản thuần" : "plain text";
  return lang === "vi" ? "không nhận dạng được" : "unrecognised data";
}

/** Wraps an exceljs failure as a refusal a person can act on (never a stack trace). */
export function corruptWorkbook(name: string, err: unknown): PlanTrackerError {
  const detail = err instanceof Error ? err.message.split("\n")[0]?.slice(0, 160) : String(err);
  return new PlanTrackerError("file.corrupt", {
    vi: `Sổ tính "${name}" bị hỏng hoặc không đúng định dạng .xlsx (${detail}). Mở nó trong Excel, lưu một bản mới (.xlsx) rồi chạy lại.`,
    en: `The workbook "${name}" is damaged or not a valid .xlsx (${detail}). Open it in Excel, save a new copy (.xlsx) and run again.`,
  });
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
