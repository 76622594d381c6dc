/**
 * The text of a Word .docx plan, for the plan-document importer. Paragraphs come out separated
 * by blank lines, which the importer skips.
 */
import mammoth from "mammoth";
import { PlanTrackerError } from "../domain/diagnostics";

/** Every .docx is a zip; checking the signature first spares mammoth's parse of arbitrary bytes. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export async function docxToText(bytes: Uint8Array | Buffer): Promise<string> {
  if (!ZIP_SIGNATURE.every((b, i) => bytes[i] === b)) throw unreadableDocx();
  try {
    const result = await mammoth.extractRawText({ buffer: asBuffer(bytes) });
    return result.value;
  } catch {
    // mammoth reports a zip that is not a Word document (an .xlsx, a damaged file) with an
    // internal stack trace; the clerk needs to know what to do instead.
    throw unreadableDocx();
  }
}

function asBuffer(bytes: Uint8Array | Buffer): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function unreadableDocx(): PlanTrackerError {
  return new PlanTrackerError("import.docx-unreadable", {
    vi:
      "Tệp không phải là tài liệu Word .docx đọc được; hãy lưu lại dưới dạng .docx (Word 2007 " +
      "trở lên) hoặc dán nội dung văn bản vào một tệp .txt.",
    en:
      "The file is not a readable Word .docx document; save it as .docx (Word 2007+) or paste " +
      "the text into a .txt file.",
  });
}
