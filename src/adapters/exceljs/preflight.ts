/**
 * Checks on the raw bytes of a file before any parser sees them, shared by the CLI (Node) and the
 * standalone pane (browser): no Node APIs. They turn what exceljs would report as "is this a zip
 * file?" into a refusal a person can act on.
 */
import { PlanTrackerError } from "../../domain/diagnostics";

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_SIGNATURE = [0x50, 0x4b, 0x05, 0x06];
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** "EncryptedPackage" as UTF-16LE: the stream name Office uses for an encrypted .xlsx. */
const ENCRYPTED_MARKER = utf16le("EncryptedPackage");

function utf16le(text: string): number[] {
  return [...text].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]);
}

function includesBytes(haystack: Uint8Array, needle: readonly number[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
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
    const encrypted = includesBytes(bytes, ENCRYPTED_MARKER);
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
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 512))
    .trimStart()
    .toLowerCase();
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
