/**
 * Small .xlsx packages built in memory (jszip), and byte surgery on them, so package-level
 * tests show exactly what each zip holds instead of depending on binary fixtures.
 */
import JSZip from "jszip";

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Default Extension="png" ContentType="image/png"/>
  <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
  <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
  <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>`;

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <sheets><sheet name="Kế hoạch" sheetId="1" r:id="rId1"/></sheets>
</workbook>`;

const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>`;

const SHARED_STRINGS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>Phóng sự</t></si></sst>`;

export const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c></row></sheetData>
</worksheet>`;

/** The parts of a minimal valid workbook: one sheet, one shared string. */
export function minimalParts(): Record<string, string | Uint8Array> {
  return {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": ROOT_RELS,
    "xl/workbook.xml": WORKBOOK,
    "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
    "xl/sharedStrings.xml": SHARED_STRINGS,
    "xl/worksheets/sheet1.xml": SHEET,
  };
}

/**
 * Zips parts in the given order. `store` writes them uncompressed, so a test can find and
 * change a part's bytes in the output.
 */
export async function buildZip(
  parts: Record<string, string | Uint8Array | null>,
  options: { store?: boolean } = {},
): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(parts)) {
    if (content !== null) zip.file(name, content, { createFolders: false });
  }
  return zip.generateAsync({
    type: "nodebuffer",
    compression: options.store ? "STORE" : "DEFLATE",
  });
}

/** A minimal workbook with some parts replaced, added, or removed (null). */
export function buildXlsx(
  overrides: Record<string, string | Uint8Array | null> = {},
  options: { store?: boolean } = {},
): Promise<Buffer> {
  return buildZip({ ...minimalParts(), ...overrides }, options);
}

/** Replaces every occurrence of `from` by `to` (same length), e.g. a name in both headers. */
export function patchAll(bytes: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error("patchAll keeps offsets: use equal lengths");
  const out = Buffer.from(bytes);
  const needle = Buffer.from(from, "latin1");
  const replacement = Buffer.from(to, "latin1");
  let hits = 0;
  for (let at = out.indexOf(needle); at !== -1; at = out.indexOf(needle, at + needle.length)) {
    replacement.copy(out, at);
    hits++;
  }
  if (hits === 0) throw new Error(`patchAll: "${from}" not found`);
  return out;
}
