/**
 * A Word .docx plan for the plan-document importer: its text (paragraphs separated by blank
 * lines, which the importer skips) and its main document part, whose tables the domain reads
 * (planDocx.ts). The pane does the same in src/taskpane/docxBrowser.ts.
 */
import JSZip from "jszip";
import mammoth from "mammoth";
import { PlanTrackerError } from "../domain/diagnostics";
import { mainDocumentPath, type DocxInput } from "../domain/planDocx";

/** A document part larger than this is not a plan: refused before it is inflated. */
export const MAX_DOCUMENT_PART_BYTES = 64 * 1024 * 1024;

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

/** The text and the main document part of a .docx, for parsePlanDocx. */
export async function readDocx(bytes: Uint8Array | Buffer): Promise<DocxInput> {
  if (!ZIP_SIGNATURE.every((b, i) => bytes[i] === b)) throw unreadableDocx();
  // The part first: its declared size is checked before anything is inflated.
  const documentXml = await documentPart(bytes);
  return { text: await docxToText(bytes), documentXml };
}

async function documentPart(bytes: Uint8Array | Buffer): Promise<string> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(asBuffer(bytes));
  } catch {
    throw unreadableDocx();
  }
  const rels = zip.file("_rels/.rels");
  const part = zip.file(mainDocumentPath(rels ? await rels.async("string") : null));
  if (part === null) throw unreadableDocx();
  if (declaredSize(part) > MAX_DOCUMENT_PART_BYTES) throw tooLargeDocx();
  return part.async("string");
}

/** The size the zip declares for a part (JSZip keeps it on the entry it has not inflated yet). */
function declaredSize(part: JSZip.JSZipObject): number {
  const size = (part as unknown as { _data?: { uncompressedSize?: unknown } })._data
    ?.uncompressedSize;
  return typeof size === "number" ? size : 0;
}

function tooLargeDocx(): PlanTrackerError {
  return new PlanTrackerError("import.docx-too-large", {
    vi: "Phần nội dung của tài liệu Word này lớn hơn 64 MB khi giải nén: đó không phải một văn bản kế hoạch. Hãy kiểm tra lại tệp.",
    en: "This Word document's body is over 64 MB uncompressed: that is not a plan document. Check the file.",
  });
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
