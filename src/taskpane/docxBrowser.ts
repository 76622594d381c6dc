/**
 * A Word .docx picked in the pane: its text, with mammoth's browser build, and its main document
 * part, with JSZip, whose tables the domain reads (planDocx.ts). Both load only when a .docx is
 * picked. The Node CLI does the same in src/node/docxText.ts.
 */
import { PlanTrackerError } from "../domain/diagnostics";
import { mainDocumentPath, type DocxInput } from "../domain/planDocx";

/** A document part larger than this is not a plan: refused before it is inflated. */
const MAX_DOCUMENT_PART_BYTES = 64 * 1024 * 1024;

export async function docxTextInBrowser(bytes: Uint8Array): Promise<string> {
  const mammoth = (await import(/* webpackChunkName: "mammoth" */ "mammoth")) as unknown as {
    extractRawText(input: { arrayBuffer: ArrayBuffer }): Promise<{ value: string }>;
  };
  try {
    return (await mammoth.extractRawText({ arrayBuffer: new Uint8Array(bytes).buffer })).value;
  } catch {
    throw unreadable();
  }
}

/** The text and the main document part of a .docx, for parsePlanDocx. */
export async function docxInBrowser(bytes: Uint8Array): Promise<DocxInput> {
  const { default: JSZip } = await import(/* webpackChunkName: "mammoth" */ "jszip");
  let zip: InstanceType<typeof JSZip>;
  try {
    zip = await JSZip.loadAsync(new Uint8Array(bytes));
  } catch {
    throw unreadable();
  }
  const rels = zip.file("_rels/.rels");
  const part = zip.file(mainDocumentPath(rels ? await rels.async("string") : null));
  if (part === null) throw unreadable();
  const size = (part as unknown as { _data?: { uncompressedSize?: unknown } })._data
    ?.uncompressedSize;
  if (typeof size === "number" && size > MAX_DOCUMENT_PART_BYTES) {
    throw new PlanTrackerError("import.docx-too-large", {
      vi: "Phần nội dung của tài liệu Word này lớn hơn 64 MB khi giải nén: đó không phải một văn bản kế hoạch. Hãy kiểm tra lại tệp.",
      en: "This Word document's body is over 64 MB uncompressed: that is not a plan document. Check the file.",
    });
  }
  const documentXml = await part.async("string");
  return { text: await docxTextInBrowser(bytes), documentXml };
}

function unreadable(): PlanTrackerError {
  return new PlanTrackerError("import.docx-unreadable", {
    vi: "Tệp không phải tài liệu Word .docx đọc được; lưu lại thành .docx (Word 2007 trở lên) hoặc dán văn bản.",
    en: "The file is not a readable Word .docx document; save it as .docx (Word 2007+) or paste the text.",
  });
}
