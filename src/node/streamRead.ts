/**
 * The read path of the commands that only read (`check`, `summary`, `rollup`): the WorkbookData
 * `workbookData(wb)` gives after a full exceljs load — the sheets in order with their names,
 * states, cell values, formulas and merged ranges — from one linear pass over the package's
 * bytes, without exceljs. A full exceljs load makes a model object and a style object per cell
 * and a SAX event per element; this reads the workbook, its relationships, the styles' number
 * formats, the shared strings and each sheet's <sheetData> bytes directly, so it takes a fraction
 * of the time and memory (BENCHMARKS.md), and needs no worker thread: it is linear, allocates
 * nothing a file can amplify (shared strings are shared by reference) and writes no object keyed
 * by the file's text.
 *
 * "The same WorkbookData" means exceljs 4.4.0's reading, quirks included, because the full load
 * stays the reference (track reads with it): shared strings, rich text and inline strings as
 * exceljs joins them, `_xHHHH_` escapes where exceljs decodes them, t="str" values decoded twice,
 * numbers as dates when the style's format is a date format (and date1904), formulas and shared
 * formulas as exceljs's cell values give them (a cached 0 is no result), merged cells that repeat
 * their master, sheet names as exceljs checks them. test/integration/streamRead.test.ts compares
 * both paths on generated plans, the sample tracker and the corpus.
 *
 * Anything it does not model exactly — a hyperlink on a cell, prefixed element names, rows or
 * cells without addresses or out of order, an entity the XML parser would refuse, a part exceljs
 * would fail on — returns a fallback reason instead, and the caller does the full load, so the
 * user gets the same answer either way. inspectPackage's safety checks run before this.
 */
import { isUtf8 } from "node:buffer";
import * as zlib from "node:zlib";
import type ExcelJS from "exceljs";
import type { CellValue } from "../domain/cell";
import type { SheetData, SheetState, WorkbookData } from "../domain/workbookData";
import { fromExcelJs } from "../adapters/exceljs/cellValue";
import { entityText } from "./xmlEntities";

export type StreamResult =
  | { readonly data: WorkbookData; readonly fallback: null }
  | { readonly data: null; readonly fallback: string };

/**
 * The workbook in `bytes` (a package inspectPackage accepted) as WorkbookData, or the reason to
 * read it with exceljs instead.
 */
export function streamWorkbookData(bytes: Uint8Array): StreamResult {
  try {
    return {
      data: read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
      fallback: null,
    };
  } catch (err) {
    if (err instanceof GiveUp) return { data: null, fallback: err.message };
    throw err;
  }
}

/** Something this reader does not model exactly: the full exceljs load must decide. */
class GiveUp extends Error {}

function giveUp(why: string): never {
  throw new GiveUp(why);
}

// ---------------------------------------------------------------------------------------------
// Zip: just enough to read a package inspectPackage has verified (directory, local headers,
// sizes, CRC-32s, methods, no duplicates).

interface Entry {
  readonly method: number;
  readonly uncompressedSize: number;
  readonly data: Buffer;
}

/** Entries by name as exceljs sees them (JSZip's names, a leading "/" dropped), folders left out. */
function zipEntries(bytes: Buffer): Map<string, Entry> {
  const len = bytes.length;
  let eocd = -1;
  for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) giveUp("no end of central directory");
  const count = bytes.readUInt16LE(eocd + 10);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) giveUp("zip64");
  const out = new Map<string, Entry>();
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (bytes.readUInt32LE(p) !== 0x02014b50) giveUp("central directory");
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const compressedSize = bytes.readUInt32LE(p + 20);
    const uncompressedSize = bytes.readUInt32LE(p + 24);
    const nameLen = bytes.readUInt16LE(p + 28);
    const extraLen = bytes.readUInt16LE(p + 30);
    const commentLen = bytes.readUInt16LE(p + 32);
    const local = bytes.readUInt32LE(p + 42);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) giveUp("zip64");
    // JSZip decodes names without the UTF-8 flag as CP437; only ASCII names read the same here.
    const raw = bytes.subarray(p + 46, p + 46 + nameLen);
    if ((flags & 0x800) === 0 && raw.some((b) => b >= 0x80)) giveUp("non-ASCII CP437 name");
    let name = raw.toString("utf8");
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue;
    if (name.startsWith("/")) name = name.slice(1);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    out.set(name, {
      method,
      uncompressedSize,
      data: bytes.subarray(start, start + compressedSize),
    });
  }
  return out;
}

function inflate(entry: Entry): Buffer {
  return entry.method === 0
    ? entry.data
    : zlib.inflateRawSync(entry.data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
}

// ---------------------------------------------------------------------------------------------
// A small XML tokenizer for the small parts (workbook, relationships, styles, shared strings,
// properties, tables, VML). It reports what saxes reports to exceljs — start tags with decoded
// attributes, end tags, decoded text — skips comments, processing instructions and CDATA (exceljs
// ignores those events) and gives up where saxes would throw.

interface XmlEvents {
  open(name: string, attrs: ReadonlyMap<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** saxes's entity decoding (the five predefined entities and character references), strict. */
function decodeEntities(s: string): string {
  if (s.indexOf("&") === -1) return s;
  return s.replace(/&([^;&]*);|&/g, (m, e: string | undefined) => {
    if (e === undefined) giveUp("bare &");
    const text = entityText(e);
    if (text === undefined) giveUp(`entity ${m}`);
    if (text.length > 0 && e.startsWith("#") && !isXmlChar(text.codePointAt(0) ?? 0))
      giveUp(`character reference ${m}`);
    return text;
  });
}

/** Characters saxes refuses in a document (controls other than tab and line ends, U+FFFE/F). */
const BAD_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

function tokenize(src: string, events: XmlEvents): void {
  if (BAD_CHAR.test(src)) giveUp("character not allowed in XML");
  const text = src.indexOf("\r") === -1 ? src : src.replace(/\r\n?/g, "\n");
  const stack: string[] = [];
  const attrs = new Map<string, string>();
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf("<", i);
    if (lt === -1) break;
    if (lt > i) {
      if (stack.length > 0) events.text?.(decodeEntities(text.slice(i, lt)));
      else if (
        text
          .slice(i, lt)
          .replace(/^\ufeff/, "")
          .trim() !== ""
      )
        giveUp("text outside the root");
    }
    const c = text.charCodeAt(lt + 1);
    if (c === 0x3f /* ? */) {
      const end = text.indexOf("?>", lt + 2);
      if (end === -1) giveUp("unclosed processing instruction");
      i = end + 2;
      continue;
    }
    if (c === 0x21 /* ! */) {
      if (text.startsWith("<!--", lt)) {
        const end = text.indexOf("-->", lt + 4);
        if (end === -1) giveUp("unclosed comment");
        i = end + 3;
      } else if (text.startsWith("<![CDATA[", lt)) {
        const end = text.indexOf("]]>", lt + 9);
        if (end === -1) giveUp("unclosed CDATA");
        i = end + 3;
      } else giveUp("markup declaration");
      continue;
    }
    if (c === 0x2f /* / */) {
      const end = text.indexOf(">", lt + 2);
      if (end === -1) giveUp("unclosed end tag");
      const name = text.slice(lt + 2, end).trimEnd();
      if (stack.pop() !== name) giveUp(`mismatched </${name}>`);
      events.close?.(name);
      i = end + 1;
      continue;
    }
    let j = lt + 1;
    while (j < n && !/[\s/>]/.test(text[j] as string)) j++;
    const name = text.slice(lt + 1, j);
    if (name === "") giveUp("stray <");
    attrs.clear();
    let selfClosing = false;
    for (;;) {
      while (j < n && /\s/.test(text[j] as string)) j++;
      const ch = text[j];
      if (ch === undefined) giveUp(`unclosed <${name}>`);
      if (ch === ">") {
        j++;
        break;
      }
      if (ch === "/") {
        if (text[j + 1] !== ">") giveUp(`bad <${name}>`);
        selfClosing = true;
        j += 2;
        break;
      }
      const eq = text.indexOf("=", j);
      if (eq === -1) giveUp("attribute without value");
      const key = text.slice(j, eq).trim();
      let q = eq + 1;
      while (q < n && /\s/.test(text[q] as string)) q++;
      const quote = text[q];
      if (quote !== '"' && quote !== "'") giveUp("unquoted attribute");
      const close = text.indexOf(quote, q + 1);
      if (close === -1) giveUp("unclosed attribute");
      const raw = text.slice(q + 1, close);
      if (raw.indexOf("<") !== -1) giveUp("< in attribute");
      if (attrs.has(key)) giveUp("duplicate attribute");
      // Attribute-value normalisation: each whitespace character becomes a space.
      attrs.set(key, decodeEntities(raw.replace(/[\t\n]/g, " ")));
      j = close + 1;
    }
    events.open(name, attrs, selfClosing);
    if (selfClosing) events.close?.(name);
    else stack.push(name);
    i = j;
  }
  if (stack.length > 0) giveUp("unclosed element");
}

function xmlText(entry: Entry | undefined): string | null {
  if (entry === undefined) return null;
  const bytes = inflate(entry);
  // JSZip hands exceljs the part as UTF-8: only a part that is valid UTF-8 reads the same here.
  if (!isUtf8(bytes)) giveUp("part is not UTF-8");
  return bytes.toString("utf8");
}

// ---------------------------------------------------------------------------------------------
// exceljs's utilities, as 4.4.0 has them

/** utils.isDateFmt. */
function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return f.match(/[ymdhMsb]+/) !== null;
}

/** utils.excelToDate. */
function excelToDate(v: unknown, date1904: boolean): Date {
  return new Date(Math.round(((v as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** utils.xmlDecode (applied on top of the XML parser's decoding: sheet names, t="str" values). */
function xmlDecode(text: string): string {
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case "&lt;":
        return "<";
      case "&gt;":
        return ">";
      case "&amp;":
        return "&";
      case "&apos;":
        return "'";
      case "&quot;":
        return '"';
      default:
        return c;
    }
  });
}

/** TextXform's `_xHHHH_` escapes (shared strings and rich-text runs; not inline <t>). */
function unescapeOoxml(text: string): string {
  return text.indexOf("_x") === -1
    ? text
    : text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
}

/** defaultnumformats.js: the built-in formats exceljs knows by id. */
const DEFAULT_FORMATS: Readonly<Record<number, string>> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** Rich text as exceljs models a run: only the text matters to a value. */
interface Run {
  text?: string;
}

type SharedString = string | { richText?: Run[] };

// ---------------------------------------------------------------------------------------------
// The package

/** Worksheet parts exceljs reads (xlsx.js: `entryName.match(/xl\/worksheets\/sheet(\d+)[.]xml/)`). */
const WORKSHEET_PART = /xl\/worksheets\/sheet(\d+)[.]xml/;

interface Rel {
  readonly id: string;
  readonly type: string;
  readonly target: string;
}

function parseRels(src: string | null): Rel[] {
  if (src === null) return [];
  const rels: Rel[] = [];
  let depth = 0;
  tokenize(src, {
    open(name, attrs) {
      // RelationshipsXform throws on anything but <Relationships> and <Relationship>.
      if (depth === 0 ? name !== "Relationships" : name !== "Relationship" || depth > 1)
        giveUp(`<${name}> in relationships`);
      if (depth === 1)
        rels.push({
          id: attrs.get("Id") ?? "",
          type: attrs.get("Type") ?? "",
          target: attrs.get("Target") ?? "",
        });
      depth++;
    },
    close() {
      depth--;
    },
  });
  return rels;
}

function read(bytes: Buffer): WorkbookData {
  const parts = zipEntries(bytes);
  checkOtherParts(parts);

  // The workbook: sheets in order, date1904.
  const workbookXml = xmlText(parts.get("xl/workbook.xml"));
  if (workbookXml === null) giveUp("no xl/workbook.xml");
  const sheets: {
    name: string | undefined;
    id: number;
    state: string | undefined;
    rId: string | undefined;
  }[] = [];
  let date1904 = false;
  let root: string | null = null;
  let inSheets = false;
  tokenize(workbookXml, {
    open(name, attrs) {
      root ??= name;
      if (name === "sheets") inSheets = true;
      else if (name === "sheet" && inSheets) {
        const raw = attrs.get("name");
        sheets.push({
          name: raw === undefined ? undefined : xmlDecode(raw),
          id: parseInt(attrs.get("sheetId") ?? "", 10),
          state: attrs.get("state"),
          rId: attrs.get("r:id"),
        });
      } else if (name === "workbookPr") date1904 = attrs.get("date1904") === "1";
    },
    close(name) {
      if (name === "sheets") inSheets = false;
    },
  });
  if (root !== "workbook") giveUp("workbook root");

  const workbookRels = new Map(
    parseRels(xmlText(parts.get("xl/_rels/workbook.xml.rels"))).map((r) => [r.id, r]),
  );
  const styles = readStyles(xmlText(parts.get("xl/styles.xml")));
  const sharedStrings = readSharedStrings(xmlText(parts.get("xl/sharedStrings.xml")));

  // Sheets linked as exceljs links them (workbook-xform.js reconcile), checked as its Worksheet
  // constructor checks their names.
  const out: SheetData[] = [];
  const seenIds = new Set<number>();
  const seenNames: string[] = [];
  for (const sheet of sheets) {
    const rel = sheet.rId === undefined ? undefined : workbookRels.get(sheet.rId);
    if (rel === undefined) continue;
    const part = `xl/${rel.target.replace(/^(\s|\/xl\/)+/, "")}`;
    if (!WORKSHEET_PART.test(part) || !parts.has(part)) continue;
    if (!Number.isInteger(sheet.id) || sheet.id < 1 || seenIds.has(sheet.id)) giveUp("sheet id");
    seenIds.add(sheet.id);
    let name = sheet.name ?? `sheet${sheet.id}`;
    if (name === "" || name === "History" || /[*?:/\\[\]]/.test(name) || /(^')|('$)/.test(name))
      giveUp("sheet name exceljs refuses");
    if (name.length > 31) name = name.substring(0, 31);
    if (seenNames.includes(name.toLowerCase())) giveUp("duplicate sheet name");
    seenNames.push(name.toLowerCase());
    const state = (sheet.state || "visible") as SheetState;
    out.push(readSheet(parts, part, name, state, { styles, sharedStrings, date1904 }));
  }
  if (out.length === 0) giveUp("no sheets");
  return { sheets: out };
}

/**
 * Parts exceljs parses but this reader does not need: give up where exceljs would fail on them,
 * so both paths refuse the same files.
 */
function checkOtherParts(parts: Map<string, Entry>): void {
  for (const [name, entry] of parts) {
    if (/^xl\/media\//.test(name) || /xl\/theme\/([a-zA-Z0-9]+)[.]xml/.test(name)) continue;
    if (name === "docProps/core.xml") {
      // CoreXform throws on any element it does not know.
      tokenize(xmlText(entry) ?? "", {
        open(tag) {
          if (!CORE_ELEMENTS.has(tag)) giveUp(`core property <${tag}>`);
        },
      });
    } else if (/xl\/drawings\/(vmlDrawing\d+)[.]vml/.test(name)) {
      // VML is parsed as XML by exceljs (inspectPackage only scans it with patterns).
      tokenize(xmlText(entry) ?? "", { open() {} });
    } else if (/xl\/tables\/(table\d+)[.]xml/.test(name)) {
      checkTable(xmlText(entry) ?? "");
    }
  }
}

const CORE_ELEMENTS = new Set([
  "cp:coreProperties",
  "coreProperties",
  "dc:creator",
  "dc:title",
  "dc:subject",
  "dc:description",
  "dc:identifier",
  "dc:language",
  "cp:keywords",
  "cp:category",
  "cp:lastModifiedBy",
  "cp:lastPrinted",
  "cp:revision",
  "cp:version",
  "cp:contentStatus",
  "cp:contentType",
  "dcterms:created",
  "dcterms:modified",
]);

/** TableXform: an autoFilter with more filter columns than the table has columns throws. */
function checkTable(src: string): void {
  let columns = 0;
  let filters = 0;
  let inFilterColumn = 0;
  let inColumn = 0;
  tokenize(src, {
    open(name) {
      // TableColumnXform loses count on children (calculatedColumnFormula, …).
      if (inColumn > 0) giveUp(`<${name}> in a table column`);
      if (name === "tableColumn") {
        columns++;
        inColumn++;
      } else if (name === "filterColumn") {
        filters++;
        inFilterColumn++;
      } else if (
        inFilterColumn > 0 &&
        !["filters", "filter", "customFilters", "customFilter"].includes(name)
      )
        giveUp(`<${name}> in a table filter`);
    },
    close(name) {
      if (name === "filterColumn") inFilterColumn--;
      else if (name === "tableColumn") inColumn--;
    },
  });
  if (filters > columns) giveUp("table filter columns");
}

interface Styles {
  /** Whether cellXfs[id] formats dates, as CellXform.reconcile decides it. */
  isDate(id: number): boolean;
}

function readStyles(src: string | null): Styles | null {
  if (src === null) return null;
  const numFmts = new Map<number, string>();
  const xfs: number[] = [];
  let list: string | null = null;
  let root: string | null = null;
  tokenize(src, {
    open(name, attrs) {
      root ??= name;
      if (name === "numFmts" || name === "cellXfs") list = name;
      else if (name === "numFmt" && list === "numFmts") {
        const formatCode = attrs.get("formatCode");
        if (formatCode === undefined) giveUp("numFmt without formatCode");
        numFmts.set(
          parseInt(attrs.get("numFmtId") ?? "", 10),
          formatCode.replace(/[\\](.)/g, "$1"),
        );
      } else if (name === "xf" && list === "cellXfs")
        xfs.push(parseInt(attrs.get("numFmtId") ?? "", 10));
    },
    close(name) {
      if (name === list) list = null;
    },
  });
  if (root !== "styleSheet") giveUp("styles root");
  const known = new Map<number, boolean>();
  return {
    isDate(id: number): boolean {
      let date = known.get(id);
      if (date === undefined) {
        // StylesXform.getStyleModel: no cellXfs at all makes exceljs read `undefined[id]`.
        if (xfs.length === 0) giveUp("styled cell without cellXfs");
        const numFmtId = xfs[id];
        const fmt = numFmtId ? numFmts.get(numFmtId) || DEFAULT_FORMATS[numFmtId] : undefined;
        date = isDateFmt(fmt);
        known.set(id, date);
      }
      return date;
    },
  };
}

/** SharedStringsXform / SharedStringXform / TextXform / RichTextXform, as they combine. */
function readSharedStrings(src: string | null): SharedString[] | null {
  if (src === null) return null;
  const values: SharedString[] = [];
  let depth = 0;
  let si: SharedString = {};
  /** Where text goes: the <t> of the item, the <t> of a run, or nowhere (rPr, rPh). */
  let into: "item" | "run" | null = null;
  let inPhonetic = false;
  let run: Run | null = null;
  let buf = "";
  tokenize(src, {
    open(name, _attrs, selfClosing) {
      depth++;
      if (depth === 1) {
        if (name !== "sst") giveUp("shared strings root");
      } else if (depth === 2) {
        if (name !== "si") giveUp(`<${name}> in shared strings`);
        si = {};
      } else if (inPhonetic) {
        // Phonetic runs parse into their own model: nothing reaches the string.
      } else if (depth === 3 && name === "rPh") inPhonetic = !selfClosing;
      else if (depth === 3 && name === "t") {
        into = "item";
        buf = "";
      } else if (depth === 3 && name === "r") run = {};
      else if (depth === 4 && run !== null && name === "t") {
        into = "run";
        buf = "";
      } else if (depth >= 4 && run !== null) {
        // rPr and its children: fonts.
      } else if (depth === 3 && selfClosing) {
        // SharedStringXform ignores elements it has no parser for (<phoneticPr/>).
      } else giveUp(`<${name}> in a shared string`);
    },
    text(t) {
      if (into !== null) buf += t;
    },
    close(name) {
      if (depth === 2) values.push(si);
      else if (depth === 3 && name === "rPh") inPhonetic = false;
      else if (!inPhonetic && into === "item" && depth === 3 && name === "t") {
        si = unescapeOoxml(buf);
        into = null;
      } else if (into === "run" && depth === 4 && name === "t") {
        if (run !== null) run.text = unescapeOoxml(buf);
        into = null;
      } else if (depth === 3 && name === "r" && run !== null) {
        // `this.model.richText ??= []` on a string model assigns nothing (sloppy mode): the run is lost.
        if (typeof si !== "string") (si.richText ??= []).push(run);
        run = null;
      }
      depth--;
    },
  });
  return values;
}

// ---------------------------------------------------------------------------------------------
// A worksheet

interface SheetContext {
  readonly styles: Styles | null;
  readonly sharedStrings: SharedString[] | null;
  readonly date1904: boolean;
}

interface MergeRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

const REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const REL_VML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing";

function readSheet(
  parts: Map<string, Entry>,
  part: string,
  name: string,
  state: SheetState,
  ctx: SheetContext,
): SheetData {
  const xml = inflate(parts.get(part) as Entry);
  if (!isUtf8(xml)) giveUp("sheet is not UTF-8");
  const region = sheetDataRegion(xml);
  // Everything but the cells, for the merges and what exceljs's worksheet reconcile would fail
  // on or apply to cells.
  const outside = `${xml.toString("utf8", 0, region.start)}<sheetData/>${xml.toString("utf8", region.end)}`;
  const merges = sheetMeta(outside, parts, part);
  const cells = scanSheetData(xml, region.from, region.to, ctx, merges);
  return {
    name,
    rows: cells.rows,
    state,
    formulas: cells.formulas,
    merges: merges.map((m) => `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`),
  };
}

function a1(row: number, col: number): string {
  let s = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return `${s}${row}`;
}

const REF = /^([A-Z]{1,3})([1-9][0-9]{0,6})$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** The merged ranges, after checking the parts exceljs's worksheet reconcile reaches for. */
function sheetMeta(src: string, parts: Map<string, Entry>, part: string): MergeRange[] {
  const merges: MergeRange[] = [];
  const used: { kind: "drawing" | "table"; rId: string | undefined }[] = [];
  let root: string | null = null;
  tokenize(src, {
    open(tag, attrs) {
      root ??= tag;
      switch (tag) {
        case "mergeCell": {
          const [a = "", b = a] = (attrs.get("ref") ?? "").split(":");
          const ma = REF.exec(a);
          const mb = REF.exec(b);
          if (!ma || !mb) giveUp("merge reference");
          const [r1, c1, r2, c2] = [
            Number(ma[2]),
            columnNumber(ma[1] ?? ""),
            Number(mb[2]),
            columnNumber(mb[1] ?? ""),
          ];
          merges.push({
            top: Math.min(r1, r2),
            left: Math.min(c1, c2),
            bottom: Math.max(r1, r2),
            right: Math.max(c1, c2),
          });
          break;
        }
        case "hyperlink":
          // exceljs turns a linked cell's value into {text, hyperlink}: not modelled here.
          giveUp("hyperlink");
          break;
        case "drawing":
          used.push({ kind: "drawing", rId: attrs.get("r:id") });
          break;
        case "tablePart":
          used.push({ kind: "table", rId: attrs.get("r:id") });
          break;
      }
    },
  });
  if (root !== "worksheet") giveUp("worksheet root");
  // Worksheet.mergeCellsWithoutStyle throws on overlapping merges.
  if (merges.length > 2000) giveUp("many merges");
  for (let i = 0; i < merges.length; i++)
    for (let j = 0; j < i; j++) {
      const a = merges[i] as MergeRange;
      const b = merges[j] as MergeRange;
      if (!(b.bottom < a.top || b.top > a.bottom || b.left > a.right || b.right < a.left))
        giveUp("overlapping merges");
    }

  // worksheet-xform.js reconcile: comments, their VML, drawings and tables must be where the
  // sheet's relationships say, under the names exceljs gives them, or exceljs throws.
  const sheetNo = WORKSHEET_PART.exec(part)?.[1] ?? "";
  const relsPart = [...parts.keys()].find(
    (n) => /xl\/worksheets\/_rels\/sheet(\d+)[.]xml.rels/.exec(n)?.[1] === sheetNo,
  );
  const rels = parseRels(relsPart === undefined ? null : xmlText(parts.get(relsPart)));
  const named = (re: RegExp, key: (m: string) => string): Set<string> =>
    new Set(
      [...parts.keys()].flatMap((n) => {
        const m = re.exec(n)?.[1];
        return m === undefined ? [] : [key(m)];
      }),
    );
  const comments = named(/xl\/(comments\d+)[.]xml/, (m) => `../${m}.xml`);
  const vml = named(/xl\/drawings\/(vmlDrawing\d+)[.]vml/, (m) => `../drawings/${m}.vml`);
  const drawings = named(/xl\/drawings\/([a-zA-Z0-9]+)[.]xml/, (m) => m);
  const tables = named(/xl\/tables\/(table\d+)[.]xml/, (m) => `../tables/${m}.xml`);
  let hasComments = false;
  for (const rel of rels) {
    if (rel.type === REL_COMMENTS) {
      if (!comments.has(rel.target)) giveUp("comments part");
      hasComments = true;
    }
    if (rel.type === REL_VML && hasComments && !vml.has(rel.target)) giveUp("VML part");
  }
  const byId = new Map(rels.map((r) => [r.id, r]));
  for (const u of used) {
    const rel = u.rId === undefined ? undefined : byId.get(u.rId);
    if (rel === undefined) giveUp(`${u.kind} relationship`);
    if (u.kind === "table" && !tables.has(rel.target)) giveUp("table part");
    if (u.kind === "drawing") {
      const m = /\/drawings\/([a-zA-Z0-9]+)[.][a-zA-Z]{3,4}$/.exec(rel.target);
      if (m && !drawings.has(m[1] ?? "")) giveUp("drawing part");
    }
  }
  return merges;
}

interface Region {
  /** `<sheetData` and the byte after its end; the cells lie between `from` and `to`. */
  readonly start: number;
  readonly end: number;
  readonly from: number;
  readonly to: number;
}

const OPEN_SHEET_DATA = Buffer.from("<sheetData");
const CLOSE_SHEET_DATA = Buffer.from("</sheetData>");

function sheetDataRegion(xml: Buffer): Region {
  // Comments, CDATA and processing instructions inside <sheetData> make the scan give up (they
  // read as unknown tags); outside it the tokenizer skips them as exceljs does.
  const start = xml.indexOf(OPEN_SHEET_DATA);
  if (start === -1) giveUp("no <sheetData>");
  if (xml.indexOf(OPEN_SHEET_DATA, start + 1) !== -1) giveUp("two <sheetData>");
  const gt = xml.indexOf(0x3e, start);
  const next = xml[start + OPEN_SHEET_DATA.length];
  if (
    gt === -1 ||
    (next !== 0x3e &&
      next !== 0x2f &&
      next !== 0x20 &&
      next !== 0x0a &&
      next !== 0x0d &&
      next !== 0x09)
  )
    giveUp("odd <sheetData>");
  if (xml[gt - 1] === 0x2f) return { start, end: gt + 1, from: gt + 1, to: gt + 1 };
  const close = xml.indexOf(CLOSE_SHEET_DATA, gt);
  if (close === -1 || xml.indexOf(CLOSE_SHEET_DATA, close + 1) !== -1) giveUp("odd </sheetData>");
  return { start, end: close + CLOSE_SHEET_DATA.length, from: gt + 1, to: close };
}

// ---------------------------------------------------------------------------------------------
// The cells: one pass over the bytes of <sheetData>

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const AMP = 0x26;
const CR = 0x0d;

/** Text between `from` and `to` as saxes hands it to exceljs (UTF-8, entities, line ends). */
function text(xml: Buffer, from: number, to: number): string {
  let plain = true;
  for (let i = from; i < to; i++) {
    const b = xml[i] as number;
    if (b === AMP || b === CR || b >= 0x80 || (b < 0x20 && b !== 0x09 && b !== 0x0a)) {
      plain = false;
      break;
    }
  }
  if (plain) return xml.toString("latin1", from, to);
  const s = xml.toString("utf8", from, to);
  if (BAD_CHAR.test(s)) giveUp("character not allowed in XML");
  return decodeEntities(s.indexOf("\r") === -1 ? s : s.replace(/\r\n?/g, "\n"));
}

/** The attributes of a tag (between its name and `>`), raw: only ASCII values are used. */
function attributes(xml: Buffer, from: number, end: number, into: Map<string, string>): void {
  into.clear();
  for (let i = nextAttribute(xml, from, end); i !== -1; i = nextAttribute(xml, i, end)) {
    const value = xml.toString("latin1", attr.valueFrom, attr.valueTo);
    if (!attr.plain) giveUp("attribute value");
    into.set(xml.toString("latin1", attr.nameFrom, attr.nameTo), value);
  }
}

/** The attribute nextAttribute found (reused: the scan allocates nothing per attribute). */
const attr = { nameFrom: 0, nameTo: 0, valueFrom: 0, valueTo: 0, plain: true };

/**
 * Finds the next attribute of a tag at or after `i` (before `end`, the tag's `>` or `/>`), fills
 * `attr` and returns where to continue, or -1 when there is none. `plain`: the value is printable
 * ASCII without `&` (anything else makes the caller give up).
 */
function nextAttribute(xml: Buffer, i: number, end: number): number {
  let b = 0;
  while (
    i < end &&
    ((b = xml[i] as number) === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === SLASH)
  )
    i++;
  if (i >= end) return -1;
  attr.nameFrom = i;
  while (
    i < end &&
    (b = xml[i] as number) !== 0x3d &&
    b !== 0x20 &&
    b !== 0x0a &&
    b !== 0x09 &&
    b !== 0x0d
  )
    i++;
  attr.nameTo = i;
  while (i < end && (b = xml[i] as number) !== 0x22 && b !== 0x27) i++;
  if (i >= end) giveUp("attribute");
  const valueEnd = xml.indexOf(b, i + 1);
  if (valueEnd === -1 || valueEnd > end) giveUp("attribute");
  attr.valueFrom = i + 1;
  attr.valueTo = valueEnd;
  let plain = true;
  for (let k = i + 1; k < valueEnd; k++) {
    const c = xml[k] as number;
    if (c < 0x20 || c > 0x7e || c === AMP) {
      plain = false;
      break;
    }
  }
  attr.plain = plain;
  return valueEnd + 1;
}

/** Whether the attribute nextAttribute found is named by the one byte `c`. */
function named(xml: Buffer, c: number): boolean {
  return attr.nameTo === attr.nameFrom + 1 && xml[attr.nameFrom] === c;
}

/** A cell type as exceljs compares it (t="s", "str", …), without a string for the common ones. */
function cellType(xml: Buffer, from: number, to: number): string {
  const n = to - from;
  if (n === 1) {
    switch (xml[from]) {
      case 0x73:
        return "s";
      case 0x6e:
        return "n";
      case 0x62:
        return "b";
      case 0x65:
        return "e";
    }
  }
  if (n === 3 && xml[from] === 0x73 && xml[from + 1] === 0x74 && xml[from + 2] === 0x72)
    return "str";
  return xml.toString("latin1", from, to);
}

/** Digits only → their value; anything else → NaN (the caller then asks parseInt). */
function digits(xml: Buffer, from: number, to: number): number {
  if (from >= to || to - from > 9) return NaN;
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = (xml[k] as number) - 0x30;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/** What one <c> holds, as exceljs's CellXform collects it. */
interface RawCell {
  readonly row: number;
  readonly col: number;
  readonly t: string | undefined;
  readonly styleId: number | undefined;
  value: string | undefined;
  richText: Run[] | undefined;
  formula: string | undefined;
  shareType: string | undefined;
  ref: string | undefined;
  si: string | undefined;
}

interface ScannedCells {
  readonly rows: CellValue[][];
  readonly formulas: Map<string, string>;
}

// Tags inside <sheetData>, told apart by their bytes.
const TAG_OTHER = 0;
const TAG_ROW = 1;
const TAG_C = 2;
const TAG_F = 3;
const TAG_V = 4;
const TAG_IS = 5;
const TAG_T = 6;
const TAG_R = 7;
const TAG_RPR = 8;

function tagOf(xml: Buffer, from: number, to: number): number {
  const n = to - from;
  const b = xml[from];
  if (n === 1) {
    switch (b) {
      case 0x63:
        return TAG_C;
      case 0x76:
        return TAG_V;
      case 0x66:
        return TAG_F;
      case 0x74:
        return TAG_T;
      case 0x72:
        return TAG_R;
    }
    return TAG_OTHER;
  }
  if (n === 3 && b === 0x72) {
    if (xml[from + 1] === 0x6f && xml[from + 2] === 0x77) return TAG_ROW;
    if (xml[from + 1] === 0x50 && xml[from + 2] === 0x72) return TAG_RPR;
  }
  if (n === 2 && b === 0x69 && xml[from + 1] === 0x73) return TAG_IS;
  return TAG_OTHER;
}

/** The rows and formulas `sheetData(ws)` gives after a full exceljs load of the sheet. */
function scanSheetData(
  xml: Buffer,
  from: number,
  to: number,
  ctx: SheetContext,
  merges: readonly MergeRange[],
): ScannedCells {
  const rows: CellValue[][] = [];
  const formulas = new Map<string, string>();
  const sharedMasters = new Map<string, string>();
  const fAttrs = new Map<string, string>();
  const mergesByRow = new Map<number, MergeRange[]>();
  for (const m of merges)
    for (let r = m.top; r <= m.bottom; r++) {
      const list = mergesByRow.get(r);
      if (list) list.push(m);
      else mergesByRow.set(r, [m]);
    }
  const isDate = (id: number | undefined): boolean =>
    // CellXform.reconcile: `model.styleId && options.styles && options.styles.getStyleModel(…)`.
    !!id && ctx.styles !== null && ctx.styles.isDate(id);

  let rowNumber = 0;
  let inRow = false;
  let rowCells: CellValue[] | null = null;
  let lastCol = 0;
  let cell: RawCell | null = null;
  /** Where text goes: 0 nowhere, 1 the formula, 2 the value (<v>, or <t> outside a run), 3 a run. */
  let target = 0;
  let textFrom = 0;
  let run: Run | null = null;
  let runTexts = 0;
  let inRunProps = false;

  const finishCell = (c: RawCell): void => {
    const v = exceljsValue(c, ctx, sharedMasters, isDate);
    if (v === undefined) return; // exceljs's Null and Merge cells hold no value
    // A merged cell other than its range's master repeats the master: exceljs skips it.
    const inMerge = mergesByRow.get(c.row);
    if (
      inMerge?.some((m) => c.col >= m.left && c.col <= m.right && (c.row > m.top || c.col > m.left))
    )
      return;
    if (rowCells === null) {
      rowCells = [];
      rows[c.row - 1] = rowCells;
    }
    rowCells[c.col - 1] = typeof v === "string" ? v : fromExcelJs(v as ExcelJS.CellValue);
    if (typeof v === "object" && v !== null) {
      const formula = formulaOf(v);
      if (formula !== null) formulas.set(a1(c.row, c.col), formula);
    }
  };

  let i = from;
  while (i < to) {
    const lt = xml.indexOf(LT, i);
    if (lt === -1 || lt >= to) break;
    if (target !== 0 && lt > textFrom && cell !== null) {
      const t = text(xml, textFrom, lt);
      if (target === 1) cell.formula = (cell.formula ?? "") + t;
      else if (target === 2) cell.value = (cell.value ?? "") + t;
      else if (run !== null) run.text = (run.text ?? "") + t;
    }
    const gt = xml.indexOf(GT, lt);
    if (gt === -1 || gt > to) giveUp("truncated tag");
    const closing = xml[lt + 1] === SLASH;
    const selfClosing = !closing && xml[gt - 1] === SLASH;
    const nameFrom = lt + (closing ? 2 : 1);
    let nameEnd = nameFrom;
    while (nameEnd < gt) {
      const b = xml[nameEnd] as number;
      if (b === 0x20 || b === SLASH || b === 0x0a || b === 0x09 || b === 0x0d) break;
      nameEnd++;
    }
    const tag = tagOf(xml, nameFrom, nameEnd);
    const attrsEnd = selfClosing ? gt - 1 : gt;
    i = gt + 1;

    if (inRunProps) {
      // The fonts of a rich-text run: a value only needs its text.
      if (closing && tag === TAG_RPR) inRunProps = false;
      continue;
    }
    if (closing) {
      if (nameEnd !== gt && xml.toString("latin1", nameEnd, gt).trim() !== "") giveUp("end tag");
      switch (tag) {
        case TAG_ROW:
          inRow = false;
          rowCells = null;
          break;
        case TAG_C:
          if (cell === null || run !== null) giveUp("</c>");
          finishCell(cell);
          cell = null;
          target = 0;
          break;
        case TAG_F:
        case TAG_V:
        case TAG_IS:
          target = 0;
          break;
        case TAG_T:
          target = 0;
          // RichTextXform: the run's text is TextXform's model, with its `_xHHHH_` escapes.
          if (run !== null) run.text = unescapeOoxml(run.text ?? "");
          break;
        case TAG_R:
          if (cell === null || run === null) giveUp("</r>");
          (cell.richText ??= []).push(run);
          run = null;
          target = 0;
          break;
        default:
          giveUp(`</${xml.toString("latin1", nameFrom, nameEnd)}>`);
      }
      continue;
    }
    switch (tag) {
      case TAG_ROW: {
        if (cell !== null || inRow) giveUp("nested <row>");
        let n = NaN;
        for (
          let a = nextAttribute(xml, nameEnd, attrsEnd);
          a !== -1;
          a = nextAttribute(xml, a, attrsEnd)
        )
          if (named(xml, 0x72)) {
            if (!attr.plain || xml[attr.valueFrom] === 0x30) giveUp("row number");
            n = digits(xml, attr.valueFrom, attr.valueTo);
          }
        if (!(n >= 1 && n <= 1048576)) giveUp("row without r");
        if (n <= rowNumber) giveUp("rows out of order");
        rowNumber = n;
        lastCol = 0;
        inRow = !selfClosing;
        rowCells = null;
        break;
      }
      case TAG_C: {
        if (!inRow || cell !== null) giveUp("<c> outside a row");
        let col = 0;
        let row = 0;
        let t: string | undefined;
        let styleId: number | undefined;
        for (
          let a = nextAttribute(xml, nameEnd, attrsEnd);
          a !== -1;
          a = nextAttribute(xml, a, attrsEnd)
        ) {
          if (attr.nameTo !== attr.nameFrom + 1) continue;
          const name = xml[attr.nameFrom];
          if (name === 0x72 /* r */) {
            // Only A1, uppercase, no "$", no leading zero: then a1(row, col) is the address.
            let k = attr.valueFrom;
            while (
              k < attr.valueTo &&
              k - attr.valueFrom < 3 &&
              (xml[k] as number) >= 0x41 &&
              (xml[k] as number) <= 0x5a
            )
              col = col * 26 + ((xml[k++] as number) - 0x40);
            if (k === attr.valueFrom || xml[k] === 0x30) giveUp("cell address");
            row = digits(xml, k, attr.valueTo);
          } else if (name === 0x73 /* s */) {
            if (!attr.plain) giveUp("style id");
            // CellXform: `if (node.attributes.s) this.model.styleId = parseInt(s, 10)`.
            if (attr.valueTo > attr.valueFrom) {
              const d = digits(xml, attr.valueFrom, attr.valueTo);
              styleId = Number.isNaN(d)
                ? parseInt(xml.toString("latin1", attr.valueFrom, attr.valueTo), 10)
                : d;
            }
          } else if (name === 0x74 /* t */) {
            if (!attr.plain) giveUp("cell type");
            t = cellType(xml, attr.valueFrom, attr.valueTo);
          }
        }
        if (row !== rowNumber || col <= lastCol || col > 16384) giveUp("cell address");
        lastCol = col;
        const c: RawCell = {
          row,
          col,
          t,
          styleId,
          value: undefined,
          richText: undefined,
          formula: undefined,
          shareType: undefined,
          ref: undefined,
          si: undefined,
        };
        if (selfClosing) finishCell(c);
        else cell = c;
        break;
      }
      case TAG_F:
        if (cell === null || run !== null) giveUp("<f>");
        attributes(xml, nameEnd, attrsEnd, fAttrs);
        cell.shareType = fAttrs.get("t");
        cell.ref = fAttrs.get("ref");
        cell.si = fAttrs.get("si");
        if (!selfClosing) {
          target = 1;
          textFrom = i;
        }
        break;
      case TAG_V:
        if (cell === null || run !== null || cell.richText !== undefined) giveUp("<v>");
        if (!selfClosing) {
          target = 2;
          textFrom = i;
        }
        break;
      case TAG_IS:
        if (cell === null || run !== null) giveUp("<is>");
        break;
      case TAG_T:
        if (cell === null) giveUp("<t> outside a cell");
        if (run !== null) {
          // RichTextXform keeps its last <t>: one is all a run has in practice.
          if (++runTexts > 1) giveUp("two <t> in a run");
          run.text = "";
          if (!selfClosing) {
            target = 3;
            textFrom = i;
          }
        } else {
          // After a run, exceljs appends text to `richText.text`: not modelled.
          if (cell.richText !== undefined) giveUp("<t> after a run");
          if (!selfClosing) {
            target = 2;
            textFrom = i;
          }
        }
        break;
      case TAG_R:
        if (cell === null || run !== null || selfClosing || cell.value !== undefined) giveUp("<r>");
        run = {};
        runTexts = 0;
        break;
      case TAG_RPR:
        if (run === null) giveUp("<rPr> outside a run");
        if (!selfClosing) inRunProps = true;
        break;
      default:
        giveUp(`<${xml.toString("latin1", nameFrom, nameEnd)}>`);
    }
  }
  if (cell !== null || inRow || run !== null) giveUp("unclosed row or cell");
  // exceljs gives every cell of a merged range but its master a "merge" value, so the rows of
  // those cells count as rows with values even where the file holds nothing.
  for (const m of merges) if (m.bottom > m.top || m.right > m.left) rows[m.bottom - 1] ??= [];
  for (const row of rows) {
    if (row === undefined) continue;
    for (let c = 0; c < row.length; c++) if (row[c] === undefined) row[c] = null;
  }
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  return { rows, formulas };
}

/**
 * The cell's value as exceljs's `cell.value` gives it after a load (CellXform.parseClose, then
 * reconcile, then the value type's getter), or undefined for cells exceljs keeps no value in.
 */
function exceljsValue(
  c: RawCell,
  ctx: SheetContext,
  sharedMasters: Map<string, string>,
  isDate: (id: number | undefined) => boolean,
): unknown {
  const t = c.t;
  const value: unknown = c.richText !== undefined ? { richText: c.richText } : c.value;
  if (c.formula || c.shareType) {
    let result: unknown;
    if (value) {
      if (typeof value !== "string") giveUp("rich formula result");
      if (t === "str") result = xmlDecode(value);
      else if (t === "b") result = parseInt(value, 10) !== 0;
      else if (t === "e") result = { error: value };
      else result = parseFloat(value);
    }
    if (result !== undefined && isDate(c.styleId)) result = excelToDate(result, ctx.date1904);
    let shareType = c.shareType;
    let sharedFormula: string | undefined;
    if (shareType === "shared") {
      if (c.ref) sharedMasters.set(String(c.si), a1(c.row, c.col));
      else {
        sharedFormula = sharedMasters.get(String(c.si));
        shareType = undefined;
      }
    }
    // FormulaValue.value copies only the truthy fields: a cached 0, false or "" is dropped.
    const v: Record<string, unknown> = {};
    if (c.formula) v.formula = c.formula;
    if (result) v.result = result;
    if (c.ref) v.ref = c.ref;
    if (shareType) v.shareType = shareType;
    if (sharedFormula) v.sharedFormula = sharedFormula;
    return v;
  }
  if (value === undefined) return undefined;
  switch (t) {
    case "s": {
      if (typeof value !== "string") giveUp("rich shared-string cell");
      const index = parseInt(value, 10);
      if (ctx.sharedStrings === null) return index;
      const s = ctx.sharedStrings[index];
      // exceljs reads `.richText` of it: a missing string throws there.
      if (s === undefined) giveUp("shared string out of range");
      return s;
    }
    case "str":
      if (typeof value !== "string") giveUp("rich str cell");
      return xmlDecode(value);
    case "inlineStr":
      return value;
    case "b":
      if (typeof value !== "string") giveUp("rich boolean");
      return parseInt(value, 10) !== 0;
    case "e":
      return { error: value };
    default: {
      if (typeof value !== "string") giveUp("rich number");
      const n = parseFloat(value);
      return isDate(c.styleId) ? excelToDate(n, ctx.date1904) : n;
    }
  }
}

/** readWorkbook.ts's formulaOf. */
function formulaOf(v: unknown): string | null {
  if (typeof v !== "object" || v === null || v instanceof Date) return null;
  const o = v as { formula?: unknown; sharedFormula?: unknown };
  if ("formula" in o && typeof o.formula === "string") return o.formula;
  if ("sharedFormula" in o && typeof o.sharedFormula === "string") return o.sharedFormula;
  return null;
}
