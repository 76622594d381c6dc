import { readFileSync } from "fs";
import { join } from "path";
import { PlanTrackerError } from "../../src/domain/diagnostics";
import { parsePlanDocument, type PlanDocItem } from "../../src/domain/planDocument";
import { docxToText } from "../../src/node/docxText";
import { buildDocx } from "../helpers/docx";

const SAMPLE = readFileSync(join(__dirname, "../../assets/samples/ke-hoach-2023.txt"), "utf8");

/** Line numbers differ between the .txt and Word's paragraphs; everything else must not. */
/** Items without their line numbers (Word paragraphs number differently), the duty's lines too. */
function withoutLines(
  items: readonly PlanDocItem[],
): Omit<PlanDocItem, "sourceLine" | "recurring">[] {
  return items.map(({ sourceLine: _line, recurring: _lines, ...rest }) => rest);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

describe("docxToText", () => {
  it("reads a Word copy of the sample plan into the same items as the .txt (ten dated, the weekly duty)", async () => {
    const docx = await buildDocx(SAMPLE);
    const fromDocx = parsePlanDocument(await docxToText(docx));
    const fromTxt = parsePlanDocument(SAMPLE);
    expect(fromDocx.issues).toEqual([]);
    expect(fromDocx.document.items).toHaveLength(11);
    expect(fromDocx.document.items[10]?.recurring?.lines).toHaveLength(2);
    expect(withoutLines(fromDocx.document.items)).toEqual(withoutLines(fromTxt.document.items));
    expect({ ...fromDocx.document, items: [] }).toEqual({ ...fromTxt.document, items: [] });
  });

  it("accepts a plain Uint8Array view into a larger buffer", async () => {
    const docx = await buildDocx("- Quý I/2023:\n+ Đẩy mạnh cải cách hành chính (01 phóng sự).");
    const padded = new Uint8Array(docx.length + 8);
    padded.set(docx, 4);
    const text = await docxToText(padded.subarray(4, 4 + docx.length));
    expect(text).toContain("Đẩy mạnh cải cách hành chính");
  });

  it.each([
    ["a text file renamed .docx", Buffer.from(SAMPLE, "utf8")],
    ["random bytes", Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256))],
    ["an empty file", Buffer.alloc(0)],
    ["a zip that is not a Word document", Buffer.from("PK\u0003\u0004 not really a zip", "latin1")],
  ])("refuses %s with a clear bilingual error", async (_name, bytes) => {
    const error = await rejection(docxToText(bytes));
    expect(error).toBeInstanceOf(PlanTrackerError);
    const refused = error as PlanTrackerError;
    expect(refused.code).toBe("import.docx-unreadable");
    expect(refused.text.en).toContain("save it as .docx (Word 2007+) or paste the text");
    expect(refused.text.vi).toContain(".docx");
  });

  it("refuses a real zip without a Word document part", async () => {
    const JSZip = (await import("jszip")).default;
    const zip = new JSZip();
    zip.file("hello.txt", "xin chào");
    const bytes = await zip.generateAsync({ type: "nodebuffer" });
    const error = await rejection(docxToText(bytes));
    expect(error).toBeInstanceOf(PlanTrackerError);
    expect((error as PlanTrackerError).code).toBe("import.docx-unreadable");
  });
});
