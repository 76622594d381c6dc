/**
 * The text of a Word .docx picked in the pane, with mammoth's browser build (loaded only when a
 * .docx is picked). The Node CLI does the same in src/node/docxText.ts.
 */
import { PlanTrackerError } from "../domain/diagnostics";

export async function docxTextInBrowser(bytes: Uint8Array): Promise<string> {
  const mammoth = (await import(/* webpackChunkName: "mammoth" */ "mammoth")) as unknown as {
    extractRawText(input: { arrayBuffer: ArrayBuffer }): Promise<{ value: string }>;
  };
  try {
    return (await mammoth.extractRawText({ arrayBuffer: new Uint8Array(bytes).buffer })).value;
  } catch {
    throw new PlanTrackerError("import.docx-unreadable", {
      vi: "Tệp không phải tài liệu Word .docx đọc được; lưu lại thành .docx (Word 2007 trở lên) hoặc dán văn bản.",
      en: "The file is not a readable Word .docx document; save it as .docx (Word 2007+) or paste the text.",
    });
  }
}
