/**
 * Builds a minimal but real Word .docx in memory (one paragraph per line), so tests need no
 * binary fixtures and show exactly what the document holds.
 */
import JSZip from "jszip";

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Tabs are their own element in WordprocessingML; a literal tab inside w:t is not one. */
function paragraph(line: string): string {
  const runs = line
    .split("\t")
    .map((part) => `<w:t xml:space="preserve">${escapeXml(part)}</w:t>`)
    .join("<w:tab/>");
  return `<w:p><w:r>${runs}</w:r></w:p>`;
}

export function documentXml(lines: readonly string[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
    `<w:body>${lines.map(paragraph).join("")}</w:body></w:document>`
  );
}

/** A .docx whose body has one paragraph per line of `text` (\n, \r\n or \r separated). */
export async function buildDocx(text: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", CONTENT_TYPES);
  zip.file("_rels/.rels", ROOT_RELS);
  zip.file("word/document.xml", documentXml(text.split(/\r\n?|\n/)));
  return zip.generateAsync({ type: "nodebuffer" });
}

// ---------------------------------------------------------------------------------------------
// Tables (issue 12): real WordprocessingML tables, with w:gridSpan, w:vMerge and w:hMerge.

/** A cell: its text (lines are paragraphs), how many grid columns it spans, how it is merged. */
export type DocxCell =
  | string
  | null
  | {
      readonly text?: string;
      readonly span?: number;
      readonly vMerge?: "restart" | "continue";
      readonly hMerge?: "restart" | "continue";
    };

export interface DocxRow {
  readonly cells: readonly DocxCell[];
  /** Grid columns skipped before the first cell (w:gridBefore). */
  readonly gridBefore?: number;
}

function cellXml(cell: DocxCell): string {
  const c = cell === null || typeof cell === "string" ? { text: cell ?? "" } : cell;
  const props = [
    `<w:tcW w:w="${1200 * (c.span ?? 1)}" w:type="dxa"/>`,
    c.span !== undefined && c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : "",
    c.hMerge === "restart" ? `<w:hMerge w:val="restart"/>` : c.hMerge ? `<w:hMerge/>` : "",
    c.vMerge === "restart" ? `<w:vMerge w:val="restart"/>` : c.vMerge ? `<w:vMerge/>` : "",
  ].join("");
  const paragraphs = (c.text ?? "").split("\n").map(paragraph).join("");
  return `<w:tc><w:tcPr>${props}</w:tcPr>${paragraphs}</w:tc>`;
}

/** A w:tbl of `rows`; `columns` grid columns (the widest row by default). */
export function tableXml(
  rows: readonly (DocxRow | readonly DocxCell[])[],
  columns?: number,
): string {
  const norm = rows.map((r) => ("cells" in r ? r : { cells: r }));
  const width =
    columns ??
    Math.max(
      1,
      ...norm.map(
        (r) =>
          (r.gridBefore ?? 0) +
          r.cells.reduce<number>(
            (n, c) => n + (c !== null && typeof c === "object" ? (c.span ?? 1) : 1),
            0,
          ),
      ),
    );
  const grid = Array.from({ length: width }, () => `<w:gridCol w:w="1200"/>`).join("");
  const body = norm
    .map((r) => {
      const trPr =
        r.gridBefore !== undefined && r.gridBefore > 0
          ? `<w:trPr><w:gridBefore w:val="${r.gridBefore}"/></w:trPr>`
          : "";
      return `<w:tr>${trPr}${r.cells.map(cellXml).join("")}</w:tr>`;
    })
    .join("");
  return (
    `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>` +
    `<w:tblGrid>${grid}</w:tblGrid>${body}</w:tbl>`
  );
}

/** Paragraphs, one per line of `text`. */
export function paragraphsXml(text: string): string {
  return text
    .split(/\r\n?|\n/)
    .map(paragraph)
    .join("");
}

/** The main document part around body XML (paragraphs and tables, in order). */
export function documentXmlOf(body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
    `<w:body>${body}<w:sectPr/></w:body></w:document>`
  );
}

/** The styles part Word writes for a table with the "Table Grid" style (the default one). */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>
  <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/></w:style>
</w:styles>`;

const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`;

/** A .docx whose body is `body`: a mix of paragraphsXml(...) and tableXml(...), with its styles. */
export async function buildDocxBody(body: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    CONTENT_TYPES.replace(
      "</Types>",
      `  <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\n</Types>`,
    ),
  );
  zip.file("_rels/.rels", ROOT_RELS);
  zip.file("word/document.xml", documentXmlOf(body));
  zip.file("word/_rels/document.xml.rels", DOCUMENT_RELS);
  zip.file("word/styles.xml", STYLES);
  return zip.generateAsync({ type: "nodebuffer" });
}
