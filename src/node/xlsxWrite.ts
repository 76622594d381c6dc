/**
 * Serialises an exceljs Workbook to .xlsx bytes: exceljs's own writer (XLSX.write, the same
 * parts in the same order, rendered by exceljs), with the zip step done by Node's zlib instead
 * of JSZip's JavaScript deflate.
 *
 * Why: JSZip keeps every part's XML as a string until the end and then deflates it in JavaScript;
 * for a 50 000-row tracker that was a fifth of the write time and the largest allocation of the
 * run (BENCHMARKS.md). Here each part is deflated natively as soon as exceljs hands it over and
 * only the compressed bytes are kept. The package holds the same entries (folder entries
 * included, as JSZip writes them), deflated at JSZip's default level.
 *
 * It calls exceljs's part writers by name (exceljs is pinned to 4.4.0); `workbookBytes` falls
 * back to exceljs's writeBuffer if they are ever missing.
 */
import * as zlib from "node:zlib";
import type ExcelJS from "exceljs";
import XmlStream from "exceljs/lib/utils/xml-stream";
import CommentsXform from "exceljs/lib/xlsx/xform/comment/comments-xform";
import VmlNotesXform from "exceljs/lib/xlsx/xform/comment/vml-notes-xform";
import RelationshipsXform from "exceljs/lib/xlsx/xform/core/relationships-xform";
import WorksheetXform from "exceljs/lib/xlsx/xform/sheet/worksheet-xform";

/** What XLSX.write hands its parts to (exceljs's ZipWriter API, the part it uses). */
interface PartSink {
  append(data: string | Uint8Array, options: { name: string; base64?: boolean }): void;
}

type Model = unknown;

/** XLSX.write's steps, in its order (lib/xlsx/xlsx.js). */
interface XlsxWriter {
  prepareModel(model: Model, options: Record<string, never>): void;
  addContentTypes(zip: PartSink, model: Model): Promise<void>;
  addOfficeRels(zip: PartSink, model: Model): Promise<void>;
  addWorkbookRels(zip: PartSink, model: Model): Promise<void>;
  addSharedStrings(zip: PartSink, model: Model): Promise<void>;
  addDrawings(zip: PartSink, model: Model): Promise<void>;
  addTables(zip: PartSink, model: Model): Promise<void>;
  addThemes(zip: PartSink, model: Model): Promise<void>;
  addStyles(zip: PartSink, model: Model): Promise<void>;
  addMedia(zip: PartSink, model: Model): Promise<void>;
  addApp(zip: PartSink, model: Model): Promise<void>;
  addCore(zip: PartSink, model: Model): Promise<void>;
  addWorkbook(zip: PartSink, model: Model): Promise<void>;
}

const STEPS = [
  "prepareModel",
  "addContentTypes",
  "addOfficeRels",
  "addWorkbookRels",
  "addSharedStrings",
  "addDrawings",
  "addTables",
  "addThemes",
  "addStyles",
  "addMedia",
  "addApp",
  "addCore",
  "addWorkbook",
] as const;

/** Whether this exceljs has the part writers xlsxBytes calls. */
export function canWriteParts(wb: ExcelJS.Workbook): boolean {
  const xlsx = wb.xlsx as unknown as Record<string, unknown>;
  return STEPS.every((step) => typeof xlsx[step] === "function");
}

/** The workbook as .xlsx bytes (see the file comment). */
export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  const xlsx = wb.xlsx as unknown as XlsxWriter;
  const zip = new DeflatingZip();
  const model = (wb as unknown as { model: Model }).model;
  xlsx.prepareModel(model, {});
  await xlsx.addContentTypes(zip, model);
  await xlsx.addOfficeRels(zip, model);
  await xlsx.addWorkbookRels(zip, model);
  addWorksheets(zip, model);
  await xlsx.addSharedStrings(zip, model); // always after the worksheets
  await xlsx.addDrawings(zip, model);
  await xlsx.addTables(zip, model);
  await Promise.all([xlsx.addThemes(zip, model), xlsx.addStyles(zip, model)]);
  await xlsx.addMedia(zip, model);
  await Promise.all([xlsx.addApp(zip, model), xlsx.addCore(zip, model)]);
  await xlsx.addWorkbook(zip, model);
  return zip.finish();
}

/**
 * exceljs's XmlStream keeps every piece of a part (an element name, an attribute, a ">") in one
 * array and joins them at the end: for the 1 M cells of a 50 000-row tracker that is ~15 M
 * strings alive at once and one join over them — the write's largest allocation and a third of
 * its time. This one joins its pieces into UTF-8 chunks every PIECES_PER_CHUNK pieces, between
 * elements and never while exceljs may still roll back (its rollback points index the array);
 * the XML is the same text.
 */
class ChunkedXmlStream extends XmlStream {
  private readonly chunks: Buffer[] = [];

  override closeNode(): void {
    super.closeNode();
    if (this._xml.length >= PIECES_PER_CHUNK && this._rollbacks.length === 0) this.flush();
  }

  private flush(): void {
    if (this._xml.length === 0) return;
    this.chunks.push(Buffer.from(this._xml.join(""), "utf8"));
    this._xml = [];
  }

  /** The whole part as UTF-8, as `Buffer.from(stream.xml, "utf8")` would give it. */
  bytes(): Buffer {
    this.closeAll();
    this.flush();
    return this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
  }
}

const PIECES_PER_CHUNK = 1 << 16;

/** XLSX.addWorksheets (lib/xlsx/xlsx.js, exceljs 4.4.0) with ChunkedXmlStream for the sheets. */
function addWorksheets(zip: PartSink, model: Model): void {
  const worksheetXform = new WorksheetXform();
  const relationshipsXform = new RelationshipsXform();
  const commentsXform = new CommentsXform();
  const vmlNotesXform = new VmlNotesXform();
  const sheets = (model as { worksheets: SheetModel[] }).worksheets;
  for (const worksheet of sheets) {
    const sheet = new ChunkedXmlStream();
    worksheetXform.render(sheet, worksheet);
    zip.append(sheet.bytes(), { name: `xl/worksheets/sheet${worksheet.id}.xml` });

    if (worksheet.rels && worksheet.rels.length) {
      const rels = new XmlStream();
      relationshipsXform.render(rels, worksheet.rels);
      zip.append(rels.xml, { name: `xl/worksheets/_rels/sheet${worksheet.id}.xml.rels` });
    }
    if (worksheet.comments.length > 0) {
      const comments = new XmlStream();
      commentsXform.render(comments, worksheet);
      zip.append(comments.xml, { name: `xl/comments${worksheet.id}.xml` });
      const vml = new XmlStream();
      vmlNotesXform.render(vml, worksheet);
      zip.append(vml.xml, { name: `xl/drawings/vmlDrawing${worksheet.id}.vml` });
    }
  }
}

/** What addWorksheets reads of exceljs's prepared worksheet model. */
interface SheetModel {
  readonly id: number;
  readonly rels?: readonly unknown[];
  readonly comments: readonly unknown[];
}

interface ZipEntry {
  readonly name: Buffer;
  readonly folder: boolean;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly data: Buffer;
}

/** A zip written entry by entry, each part deflated when it arrives. */
class DeflatingZip implements PartSink {
  private readonly entries: ZipEntry[] = [];
  private readonly folders = new Set<string>();

  append(data: string | Uint8Array, options: { name: string; base64?: boolean }): void {
    const bytes =
      typeof data === "string"
        ? Buffer.from(data, options.base64 ? "base64" : "utf8")
        : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    // JSZip writes an entry for each folder of a path, before its first file.
    const parts = options.name.split("/");
    for (let i = 1; i < parts.length; i++) {
      const folder = `${parts.slice(0, i).join("/")}/`;
      if (this.folders.has(folder)) continue;
      this.folders.add(folder);
      this.entries.push({
        name: Buffer.from(folder, "utf8"),
        folder: true,
        method: 0,
        crc: 0,
        size: 0,
        data: Buffer.alloc(0),
      });
    }
    this.entries.push({
      name: Buffer.from(options.name, "utf8"),
      folder: false,
      method: 8,
      crc: zlib.crc32(bytes),
      size: bytes.length,
      data: zlib.deflateRawSync(bytes, { level: 6 }),
    });
  }

  finish(): Buffer {
    const now = new Date();
    const time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
    const date = ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
    const parts: Buffer[] = [];
    const central: Buffer[] = [];
    let offset = 0;
    for (const e of this.entries) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(e.method, 8);
      local.writeUInt16LE(time, 10);
      local.writeUInt16LE(date, 12);
      local.writeUInt32LE(e.crc >>> 0, 14);
      local.writeUInt32LE(e.data.length, 18);
      local.writeUInt32LE(e.size, 22);
      local.writeUInt16LE(e.name.length, 26);
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4);
      record.writeUInt16LE(20, 6);
      record.writeUInt16LE(0x0800, 8);
      record.writeUInt16LE(e.method, 10);
      record.writeUInt16LE(time, 12);
      record.writeUInt16LE(date, 14);
      record.writeUInt32LE(e.crc >>> 0, 16);
      record.writeUInt32LE(e.data.length, 20);
      record.writeUInt32LE(e.size, 24);
      record.writeUInt16LE(e.name.length, 28);
      record.writeUInt32LE(e.folder ? 0x10 : 0, 38); // MS-DOS directory attribute
      record.writeUInt32LE(offset, 42);
      parts.push(local, e.name, e.data);
      central.push(record, e.name);
      offset += local.length + e.name.length + e.data.length;
      if (offset > 0xffffffff) throw new Error("the workbook is too large for a zip without Zip64");
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...parts, directory, end]);
  }
}
