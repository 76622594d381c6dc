/**
 * Inspects a user's .xlsx package (the raw zip bytes) BEFORE exceljs touches it.
 *
 * Why this exists:
 * - exceljs 4.4.0 loads hostile or broken packages without complaint (duplicate zip entries,
 *   CRC-32 mismatches, a 200 MB string from a 210 KB file) or fails with messages a clerk cannot
 *   act on ("is this a zip file?"). `inspectPackage` refuses those first, with a bilingual
 *   `PlanTrackerError` whose code is stable: file.corrupt, file.duplicate-entries,
 *   file.too-large, file.xml-dtd (plus readXlsx's file.empty / file.encrypted / file.legacy-xls /
 *   file.empty-zip / file.not-xlsx for bytes that are not a zip at all).
 * - exceljs silently DROPS parts it does not model when it writes a workbook back (charts,
 *   pivots, macros, form controls, custom XML, threaded comments, ...; see
 *   ../shared/corpus/README.md). `inspectPackage` lists them in `lossy`, so the CLI can refuse
 *   to overwrite the user's file unless told to (`--force-lossy`).
 *
 * Usage (no npm script needed):
 *   const report = await inspectPackage(await readFileBytes(path), path);
 *   if (report.lossy.length > 0) ... name report.lossy[i].vi / .en to the user ...
 *
 * Safety model, modelled on Apache POI's ZipSecureFile: every size is read from the central
 * directory and checked against `PackageLimits` before anything is inflated; entries are
 * inflated one at a time and never beyond their declared size (zlib `maxOutputLength`, or a
 * counting stream for big binary parts), and every entry's CRC-32 is verified. XML is checked
 * with a linear tokenizer (no DOM, no entity expansion), so a crafted part cannot make this
 * hang or allocate more than the part itself.
 */
import * as zlib from "node:zlib";
import { PlanTrackerError, type Bilingual } from "../domain/diagnostics";
import { assertXlsxBytes } from "../adapters/exceljs/preflight";
import { DEFAULT_GUARD_LIMITS, PackageGuards, type GuardLimits } from "./sheetGuards";
import { decodeEntities } from "./xmlEntities";

export interface LossyPart {
  readonly code: string;
  readonly vi: string;
  readonly en: string;
}

export interface PackageReport {
  /** Zip entries in the central directory (folders included). */
  readonly entries: number;
  /** Sum of the entries' uncompressed sizes, as verified by inflating them. */
  readonly uncompressedBytes: number;
  /** What an exceljs 4.4.0 rewrite would drop or corrupt, in a stable order; [] when nothing. */
  readonly lossy: readonly LossyPart[];
}

export interface PackageLimits {
  /** Most zip entries (central-directory records) accepted. */
  maxEntries: number;
  /** Most bytes all entries may inflate to together (also caps shared-string expansion). */
  maxUncompressedBytes: number;
  /** Smallest compressed/uncompressed ratio accepted for an entry larger than ratioGraceBytes. */
  minInflateRatio: number;
  /** Entries up to this uncompressed size skip the ratio check. */
  ratioGraceBytes: number;
  /** Largest shared-strings part accepted. */
  maxSharedStringsBytes: number;
  /** Largest worksheet (or any other XML) part accepted: each is held in memory to be checked. */
  maxSheetXmlBytes: number;
}

export const DEFAULT_LIMITS: PackageLimits = Object.freeze({
  // A workbook of 1 000 sheets, each with its rels, drawing, comments and VML, needs ~6 000
  // entries; 20 000 empty entries only cost exceljs time and memory (JSZip sets no limit).
  maxEntries: 10_000,
  // exceljs needs several times the XML size as heap, so a package inflating past 1 GiB could
  // not be rewritten anyway; the corpus's largest real workbook inflates to 60 MB. Also bounds
  // the text cells may expand to through shared strings (the amplification PoC: 12.6 G chars).
  maxUncompressedBytes: 1024 * 1024 * 1024,
  // POI's ZipSecureFile default is 0.01 (1:100). The corpus holds a valid 57 MB sheet of long
  // repeated strings compressed 1:121 (sheetjs__large_strings.xlsx), so 0.01 would refuse a real
  // workbook. Deflate cannot exceed ~1:1032, which is what bombs use: 1:200 still catches them,
  // and the absolute limits bound whatever passes.
  minInflateRatio: 0.005,
  // Small parts (styles, themes, tiny sheets of empty rows) legitimately compress extremely well;
  // a bomb below 1 MiB costs nothing to inflate.
  ratioGraceBytes: 1024 * 1024,
  // exceljs materialises every shared string; 100 MiB of XML is millions of distinct strings,
  // far beyond any plan (the corpus's largest shared-strings part is 0.5 MB).
  maxSharedStringsBytes: 100 * 1024 * 1024,
  // One part is decoded to a JS string to be checked (V8 caps strings at ~512 M chars); exceljs
  // needs ~10x the XML size as heap to load a sheet, so 256 MiB is already a 2-3 GB load.
  maxSheetXmlBytes: 256 * 1024 * 1024,
});

// ---------------------------------------------------------------------------------------------
// Messages

type Text = Bilingual;

function fail(code: string, text: Text): never {
  throw new PlanTrackerError(code, text);
}

function corrupt(file: string, detail: Text): never {
  fail("file.corrupt", {
    vi: `Tệp "${file}" bị hỏng hoặc không phải sổ tính .xlsx hợp lệ: ${detail.vi}. Mở tệp bằng Excel (Excel có thể tự sửa), lưu thành một bản .xlsx mới rồi chạy lại; nếu Excel cũng không mở được, hãy xin lại bản gốc.`,
    en: `The file "${file}" is damaged or not a valid .xlsx workbook: ${detail.en}. Open it in Excel (which may repair it), save it as a new .xlsx copy and run again; if Excel cannot open it either, ask for the original file again.`,
  });
}

function tooLarge(file: string, detail: Text): never {
  fail("file.too-large", {
    vi: `Tệp "${file}" vượt quá giới hạn an toàn: ${detail.vi}. Tệp như vậy có thể là "bom zip" làm treo hoặc tràn bộ nhớ máy, nên công cụ không mở nó. Nếu đây là sổ tính thật, hãy mở trong Excel, xoá dữ liệu không cần thiết hoặc tách thành nhiều tệp rồi chạy lại.`,
    en: `The file "${file}" exceeds a safety limit: ${detail.en}. A file like this can be a "zip bomb" that hangs the computer or exhausts its memory, so the tool does not open it. If it is a real workbook, open it in Excel, remove data you do not need or split it into several files, and run again.`,
  });
}

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${n} B`;
}

// ---------------------------------------------------------------------------------------------
// Zip central directory

interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const EOCD_SIZE = 22;
const U32_MAX = 0xffffffff;

/** Why a zip structure is unreadable, in both languages; caught and turned into file.corrupt. */
class ZipError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

function zipError(vi: string, en: string): never {
  throw new ZipError({ vi, en });
}

const utf8 = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");

function decodeName(raw: Uint8Array, flags: number): string {
  // Bit 11 marks UTF-8 names; without it the spec says CP437, whose ASCII half is all an OPC
  // part name may use, so latin1 is enough to compare names.
  return (flags & 0x800) !== 0 ? utf8.decode(raw) : latin1.decode(raw);
}

function findEocd(view: DataView): number {
  const len = view.byteLength;
  const stop = Math.max(0, len - EOCD_SIZE - 0xffff);
  for (let i = len - EOCD_SIZE; i >= stop; i--) {
    if (view.getUint32(i, true) === SIG_EOCD && i + EOCD_SIZE + view.getUint16(i + 20, true) <= len)
      return i;
  }
  return zipError(
    "không tìm thấy mục lục cuối tệp nén (tệp bị cắt cụt hoặc không phải tệp zip)",
    "the end-of-central-directory record is missing (the file is truncated or not a zip)",
  );
}

interface Directory {
  readonly entries: ZipEntry[];
  /** Where the central directory starts: every entry's data must end before it. */
  readonly cdOffset: number;
}

function readDirectory(bytes: Uint8Array, limits: PackageLimits, file: string): Directory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(view);
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0)
    zipError("tệp nén bị chia thành nhiều phần", "the zip is split across several disks");
  let cdEnd = eocd;
  if (count === 0xffff || cdSize === U32_MAX || cdOffset === U32_MAX) {
    // Zip64: the real values live in a record pointed to by a locator just before the EOCD.
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== SIG_ZIP64_LOCATOR)
      zipError("thiếu bản ghi Zip64", "the Zip64 locator is missing");
    const at = Number(view.getBigUint64(loc + 8, true));
    if (at + 56 > loc || view.getUint32(at, true) !== SIG_ZIP64_EOCD)
      zipError("bản ghi Zip64 hỏng", "the Zip64 end record is damaged");
    count = Number(view.getBigUint64(at + 32, true));
    cdSize = Number(view.getBigUint64(at + 40, true));
    cdOffset = Number(view.getBigUint64(at + 48, true));
    cdEnd = at;
  }
  // Refuse before parsing a single record: the count costs nothing to read.
  if (count > limits.maxEntries)
    tooLarge(file, {
      vi: `tệp nén có ${count} mục (tối đa ${limits.maxEntries})`,
      en: `the zip holds ${count} entries (at most ${limits.maxEntries} are accepted)`,
    });
  if (cdOffset + cdSize > cdEnd || cdSize < count * 46)
    zipError(
      "mục lục tệp nén nằm ngoài tệp hoặc bị cắt cụt",
      "the central directory lies outside the file or is truncated",
    );
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cdOffset + cdSize || view.getUint32(p, true) !== SIG_CENTRAL)
      zipError(
        `mục lục tệp nén hỏng ở mục thứ ${n + 1}/${count}`,
        `the central directory is damaged at record ${n + 1} of ${count}`,
      );
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > cdOffset + cdSize)
      zipError("mục lục tệp nén bị cắt cụt", "the central directory is truncated");
    const name = decodeName(bytes.subarray(p + 46, p + 46 + nameLen), flags);
    if (uncompressedSize === U32_MAX || compressedSize === U32_MAX || localOffset === U32_MAX) {
      // Zip64 extended information: only the fields that overflowed are present, in this order.
      let e = p + 46 + nameLen;
      const extraEnd = e + extraLen;
      while (e + 4 <= extraEnd) {
        const id = view.getUint16(e, true);
        const size = view.getUint16(e + 2, true);
        if (id === 0x0001) {
          let f = e + 4;
          const next = (): number => {
            if (f + 8 > e + 4 + size) zipError("trường Zip64 hỏng", "a Zip64 field is damaged");
            const v = Number(view.getBigUint64(f, true));
            f += 8;
            return v;
          };
          if (uncompressedSize === U32_MAX) uncompressedSize = next();
          if (compressedSize === U32_MAX) compressedSize = next();
          if (localOffset === U32_MAX) localOffset = next();
        }
        e += 4 + size;
      }
    }
    entries.push({
      name,
      flags,
      method,
      crc,
      compressedSize,
      uncompressedSize,
      localOffset,
    });
    p = end;
  }
  return { entries, cdOffset };
}

/** The compressed bytes of an entry, after checking its local header agrees with the directory. */
function entryData(bytes: Uint8Array, dir: Directory, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > dir.cdOffset || view.getUint32(at, true) !== SIG_LOCAL)
    zipError(
      `không tìm thấy dữ liệu của mục "${entry.name}"`,
      `the data of entry "${entry.name}" is not where the directory says`,
    );
  const nameLen = view.getUint16(at + 26, true);
  const extraLen = view.getUint16(at + 28, true);
  const localName = bytes.subarray(at + 30, at + 30 + nameLen);
  // Decoded with the directory's flags: some writers set the UTF-8 flag in only one header.
  if (decodeName(localName, entry.flags) !== entry.name)
    zipError(
      `tên mục "${entry.name}" khác nhau giữa mục lục và phần dữ liệu`,
      `entry "${entry.name}" has a different name in its local header`,
    );
  const start = at + 30 + nameLen + extraLen;
  if (start + entry.compressedSize > dir.cdOffset)
    zipError(
      `dữ liệu của mục "${entry.name}" bị cắt cụt`,
      `the data of entry "${entry.name}" is truncated`,
    );
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * Checks every entry before any is inflated: only stored/deflated and unencrypted data (what
 * Office writes), each local header where the directory says, and no two entries sharing
 * bytes (damage, or the "overlapping files" zip bomb that inflates one stream many times).
 */
function checkEntries(bytes: Uint8Array, dir: Directory): void {
  for (const entry of dir.entries) {
    if ((entry.flags & 0x1) !== 0)
      zipError(
        `mục "${entry.name}" được mã hoá kiểu zip (Office không bao giờ ghi như vậy)`,
        `entry "${entry.name}" uses zip encryption (Office never writes that)`,
      );
    if (entry.method !== 0 && entry.method !== 8)
      zipError(
        `mục "${entry.name}" dùng kiểu nén ${entry.method} không được hỗ trợ`,
        `entry "${entry.name}" uses unsupported compression method ${entry.method}`,
      );
  }
  const sorted = [...dir.entries].sort((a, b) => a.localOffset - b.localOffset);
  let previousEnd = 0;
  let previous = "";
  for (const entry of sorted) {
    if (entry.localOffset < previousEnd)
      zipError(
        `dữ liệu của các mục "${previous}" và "${entry.name}" chồng lên nhau`,
        `the data of entries "${previous}" and "${entry.name}" overlap`,
      );
    const data = entryData(bytes, dir, entry);
    previousEnd = data.byteOffset - bytes.byteOffset + data.byteLength;
    previous = entry.name;
  }
}

const crc32: (data: Uint8Array, value?: number) => number =
  typeof zlib.crc32 === "function" ? zlib.crc32 : crc32Portable;

let crcTable: Uint32Array | null = null;

/** CRC-32 for Node releases before 20.15 (no zlib.crc32). */
function crc32Portable(data: Uint8Array, value = 0): number {
  if (crcTable === null) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const table = crcTable;
  let c = ~value >>> 0;
  for (const byte of data) c = (table[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return ~c >>> 0;
}

/** Binary parts above this are inflated as a stream and never held in memory whole. */
const STREAM_THRESHOLD = 8 * 1024 * 1024;

/**
 * zlib's own message, read structurally: errors from Node's core are not `instanceof` this
 * realm's Error under jest's VM sandbox (nor in other vm contexts).
 */
function zlibDetail(err: unknown): { code: string; message: string } {
  const e = (typeof err === "object" && err !== null ? err : {}) as Record<string, unknown>;
  return {
    code: typeof e.code === "string" ? e.code : "",
    message: typeof e.message === "string" ? e.message : String(err),
  };
}

function oversize(entry: ZipEntry): ZipError {
  return new ZipError({
    vi: `mục "${entry.name}" giải nén ra nhiều hơn ${entry.uncompressedSize} byte như khai báo`,
    en: `entry "${entry.name}" inflates to more than its declared ${entry.uncompressedSize} bytes`,
  });
}

function badData(entry: ZipEntry, err: unknown): ZipError {
  const { code, message } = zlibDetail(err);
  // Node reports output past maxOutputLength as ERR_BUFFER_TOO_LARGE (a RangeError).
  if (code === "ERR_BUFFER_TOO_LARGE") return oversize(entry);
  return new ZipError({
    vi: `dữ liệu nén của mục "${entry.name}" hỏng (${message})`,
    en: `the compressed data of entry "${entry.name}" is damaged (${message})`,
  });
}

function checkCrc(entry: ZipEntry, actual: number, size: number): void {
  if (size !== entry.uncompressedSize)
    zipError(
      `mục "${entry.name}" giải nén ra ${size} byte thay vì ${entry.uncompressedSize} byte như khai báo`,
      `entry "${entry.name}" inflates to ${size} bytes instead of the declared ${entry.uncompressedSize}`,
    );
  if (actual >>> 0 !== entry.crc >>> 0)
    zipError(
      `mục "${entry.name}" sai mã kiểm tra CRC-32 (nội dung đã bị thay đổi hoặc hỏng)`,
      `entry "${entry.name}" fails its CRC-32 check (its content was altered or damaged)`,
    );
}

/**
 * Inflates one entry and verifies its size and CRC-32. Returns the bytes when `keep`, else
 * null; never produces more than the declared size.
 */
async function inflateEntry(
  bytes: Uint8Array,
  dir: Directory,
  entry: ZipEntry,
  keep: boolean,
): Promise<Uint8Array | null> {
  const data = entryData(bytes, dir, entry);
  if (entry.method === 0) {
    checkCrc(entry, crc32(data), data.length);
    return keep ? data : null;
  }
  if (!keep && entry.uncompressedSize > STREAM_THRESHOLD) {
    return inflateStreaming(data, entry);
  }
  let out: Buffer;
  try {
    // maxOutputLength: a directory that lies about the size cannot make us inflate more.
    out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (err) {
    throw badData(entry, err);
  }
  checkCrc(entry, crc32(out), out.length);
  return keep ? out : null;
}

function inflateStreaming(data: Uint8Array, entry: ZipEntry): Promise<null> {
  return new Promise<null>((resolve, reject) => {
    const inflater = zlib.createInflateRaw();
    let size = 0;
    let crc = 0;
    let done = false;
    const stop = (err: unknown): void => {
      if (done) return;
      done = true;
      inflater.destroy();
      reject(err instanceof ZipError ? err : badData(entry, err));
    };
    inflater.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > entry.uncompressedSize) {
        stop(oversize(entry));
        return;
      }
      crc = crc32(chunk, crc);
    });
    inflater.on("error", stop);
    inflater.on("end", () => {
      if (done) return;
      done = true;
      try {
        checkCrc(entry, crc, size);
        resolve(null);
      } catch (err) {
        reject(err instanceof ZipError ? err : badData(entry, err));
      }
    });
    inflater.end(data);
  });
}

// ---------------------------------------------------------------------------------------------
// XML: a linear tokenizer (no DTD, no entities) with tag callbacks for the cheap scans below.

interface XmlVisitor {
  /** `from`..`to` is the attribute text; `after` is the index just past `>`. */
  open?(
    name: string,
    src: string,
    from: number,
    to: number,
    selfClosing: boolean,
    after: number,
  ): void;
  /** `at` is the index of the `<` of the end tag (so text = src.slice(openAfter, at)). */
  close?(name: string, src: string, at: number): void;
}

class XmlProblem extends Error {
  constructor(
    readonly dtd: boolean,
    readonly text: Text,
  ) {
    super(text.en);
  }
}

function xmlProblem(vi: string, en: string): never {
  throw new XmlProblem(false, { vi, en });
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function onlySpace(src: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (!isSpace(c) && c !== 0xfeff) return false;
  }
  return true;
}

/**
 * Checks what exceljs's parser (saxes) also refuses, in one pass: DOCTYPE (never written by
 * Office; the door to XXE and billion laughs), text or a second element outside the root,
 * unclosed or mismatched tags, unterminated comments/CDATA/attribute quotes.
 */
function scanXml(src: string, visitor: XmlVisitor): void {
  const stack: string[] = [];
  let rootSeen = false;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const lt = src.indexOf("<", i);
    const textEnd = lt === -1 ? n : lt;
    if (stack.length === 0 && !onlySpace(src, i, textEnd))
      xmlProblem("có văn bản nằm ngoài phần tử gốc", "there is text outside the root element");
    if (lt === -1) break;
    const c1 = src.charCodeAt(lt + 1);
    if (c1 === 0x3f /* ? */) {
      const end = src.indexOf("?>", lt + 2);
      if (end === -1)
        xmlProblem("chỉ thị xử lý không đóng", "a processing instruction is unclosed");
      i = end + 2;
      continue;
    }
    if (c1 === 0x21 /* ! */) {
      if (src.startsWith("<!--", lt)) {
        const end = src.indexOf("-->", lt + 4);
        if (end === -1) xmlProblem("chú thích XML không đóng", "an XML comment is unclosed");
        i = end + 3;
        continue;
      }
      if (src.startsWith("<![CDATA[", lt)) {
        if (stack.length === 0)
          xmlProblem("có CDATA nằm ngoài phần tử gốc", "there is CDATA outside the root element");
        const end = src.indexOf("]]>", lt + 9);
        if (end === -1) xmlProblem("khối CDATA không đóng", "a CDATA section is unclosed");
        i = end + 3;
        continue;
      }
      if (src.slice(lt + 2, lt + 9).toUpperCase() === "DOCTYPE")
        throw new XmlProblem(true, { vi: "khai báo DOCTYPE", en: "a DOCTYPE declaration" });
      xmlProblem("có khai báo XML không hợp lệ", "there is an invalid markup declaration");
    }
    if (c1 === 0x2f /* / */) {
      const end = src.indexOf(">", lt + 2);
      if (end === -1) xmlProblem("thẻ đóng bị cắt cụt", "an end tag is truncated");
      let nameEnd = end;
      while (nameEnd > lt + 2 && isSpace(src.charCodeAt(nameEnd - 1))) nameEnd--;
      const name = src.slice(lt + 2, nameEnd);
      const top = stack.pop();
      if (top !== name)
        xmlProblem(
          `thẻ đóng </${name}> không khớp với <${top ?? ""}>`,
          `the end tag </${name}> does not match <${top ?? ""}>`,
        );
      visitor.close?.(name, src, lt);
      i = end + 1;
      continue;
    }
    // A start tag: its name, then attributes up to a '>' outside quotes.
    let j = lt + 1;
    while (j < n) {
      const c = src.charCodeAt(j);
      if (isSpace(c) || c === 0x2f || c === 0x3e) break;
      j++;
    }
    if (j === lt + 1) xmlProblem("có dấu '<' lạc chỗ", "there is a stray '<'");
    const name = src.slice(lt + 1, j);
    const attrFrom = j;
    let end = -1;
    while (j < n) {
      const c = src.charCodeAt(j);
      if (c === 0x22 || c === 0x27) {
        const q = src.indexOf(c === 0x22 ? '"' : "'", j + 1);
        if (q === -1) break;
        j = q + 1;
        continue;
      }
      if (c === 0x3e) {
        end = j;
        break;
      }
      if (c === 0x3c) break;
      j++;
    }
    if (end === -1) xmlProblem(`thẻ <${name}> không đóng`, `the tag <${name}> is unterminated`);
    const selfClosing = src.charCodeAt(end - 1) === 0x2f;
    if (stack.length === 0) {
      if (rootSeen)
        xmlProblem("có hai phần tử gốc", "there is a second element after the root element");
      rootSeen = true;
    }
    visitor.open?.(name, src, attrFrom, selfClosing ? end - 1 : end, selfClosing, end + 1);
    if (!selfClosing) stack.push(name);
    i = end + 1;
  }
  if (stack.length > 0)
    xmlProblem(
      `phần tử <${stack[stack.length - 1] ?? ""}> không được đóng (phần bị cắt cụt)`,
      `the element <${stack[stack.length - 1] ?? ""}> is never closed (the part is truncated)`,
    );
  if (!rootSeen) xmlProblem("không có phần tử gốc", "there is no root element");
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

function prefixOf(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? "" : name.slice(0, colon);
}

function hasAttr(src: string, from: number, to: number, re: RegExp): boolean {
  return re.test(src.slice(from, to));
}

function decodeXmlBytes(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) {
    // Node builds with small ICU lack a utf-16be decoder: swap to little-endian instead.
    const swapped = Buffer.from(data.subarray(0, data.length & ~1));
    return new TextDecoder("utf-16le").decode(swapped.swap16());
  }
  return utf8.decode(data);
}

// ---------------------------------------------------------------------------------------------
// Package (OPC) structure

interface Relationship {
  readonly id: string;
  /** Last segment of the relationship type URI ("worksheet", "comments", ...). */
  readonly type: string;
  /** The resolved part name (lower case), or null for an external target. */
  readonly target: string | null;
}

const ATTR_RE_CACHE = new Map<string, RegExp>();

function attr(src: string, from: number, to: number, key: string): string | undefined {
  let re = ATTR_RE_CACHE.get(key);
  if (re === undefined) {
    re = new RegExp(`(?:^|\\s)${key.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR_RE_CACHE.set(key, re);
  }
  const m = re.exec(src.slice(from, to));
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Resolves a relationship target against the folder of its source part (OPC §9.3). */
function resolveTarget(source: string, target: string): string {
  let t = target.split("#")[0] ?? "";
  try {
    t = decodeURIComponent(t);
  } catch {
    // A malformed %-escape: keep the raw target, it then simply matches no part.
  }
  const base = t.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") base.pop();
    else base.push(seg);
  }
  return base.join("/").toLowerCase();
}

/** "xl/worksheets/_rels/sheet1.xml.rels" → "xl/worksheets/sheet1.xml"; "_rels/.rels" → "". */
function relsSource(relsPart: string): string {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(relsPart);
  return m ? `${m[1] ?? ""}${m[2] ?? ""}` : "";
}

function parseRels(src: string, source: string): Relationship[] {
  const rels: Relationship[] = [];
  scanXml(src, {
    open(name, s, from, to) {
      if (localName(name) !== "Relationship") return;
      const type = attr(s, from, to, "Type") ?? "";
      const target = attr(s, from, to, "Target") ?? "";
      const external = (attr(s, from, to, "TargetMode") ?? "").toLowerCase() === "external";
      rels.push({
        id: attr(s, from, to, "Id") ?? "",
        type: type.slice(type.lastIndexOf("/") + 1),
        target: external ? null : resolveTarget(source, decodeEntities(target)),
      });
    },
  });
  return rels;
}

interface ContentTypes {
  readonly defaults: Map<string, string>;
  readonly overrides: Map<string, string>;
}

function parseContentTypes(src: string): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  scanXml(src, {
    open(name, s, from, to) {
      const local = localName(name);
      const type = (attr(s, from, to, "ContentType") ?? "").toLowerCase().trim();
      if (local === "Default") {
        defaults.set((attr(s, from, to, "Extension") ?? "").toLowerCase(), type);
      } else if (local === "Override") {
        const part = decodeEntities(attr(s, from, to, "PartName") ?? "");
        overrides.set(part.replace(/^\//, "").toLowerCase(), type);
      }
    },
  });
  return { defaults, overrides };
}

function contentTypeOf(ct: ContentTypes, lowerName: string): string {
  const override = ct.overrides.get(lowerName);
  if (override !== undefined) return override;
  const dot = lowerName.lastIndexOf(".");
  return dot === -1 ? "" : (ct.defaults.get(lowerName.slice(dot + 1)) ?? "");
}

const SML = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
const CT = {
  worksheet: `${SML}worksheet+xml`,
  sharedStrings: `${SML}sharedstrings+xml`,
  comments: `${SML}comments+xml`,
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmldrawing",
} as const;

function isXmlPart(lowerName: string, type: string): boolean {
  return (
    type.endsWith("+xml") ||
    type === "application/xml" ||
    type === "text/xml" ||
    type === CT.vml ||
    /\.(xml|rels|vml)$/.test(lowerName)
  );
}

function isVml(lowerName: string, type: string): boolean {
  return type === CT.vml || lowerName.endsWith(".vml");
}

/** What another Office format's package looks like, to say "this is a Word document". */
function otherOfficeKind(lowerNames: readonly string[]): Text | null {
  const has = (prefix: string): boolean => lowerNames.some((n) => n.startsWith(prefix));
  if (has("xl/")) return null;
  if (has("word/")) return { vi: "tài liệu Word (.docx)", en: "a Word document (.docx)" };
  if (has("ppt/"))
    return { vi: "bản trình chiếu PowerPoint (.pptx)", en: "a PowerPoint presentation (.pptx)" };
  if (has("visio/")) return { vi: "bản vẽ Visio (.vsdx)", en: "a Visio drawing (.vsdx)" };
  return null;
}

function notAWorkbook(file: string, kind: Text): never {
  fail("file.corrupt", {
    vi: `"${file}" là ${kind.vi}, không phải sổ tính Excel (.xlsx), dù tên tệp có đuôi gì. Hãy chọn đúng tệp sổ tính .xlsx; nếu nội dung cần dùng nằm trong tệp này, mở nó bằng chương trình đã tạo ra nó rồi lưu hoặc chép dữ liệu thành sổ tính Excel (.xlsx).`,
    en: `"${file}" is ${kind.en}, not an Excel workbook (.xlsx), whatever its file name says. Choose the right .xlsx workbook; if what you need is in this file, open it in the program that made it and save or copy the data as an Excel workbook (.xlsx).`,
  });
}

/** Names from local headers, for a package whose central directory is unreadable. */
function localHeaderNames(bytes: Uint8Array): string[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sig = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  const names: string[] = [];
  for (let at = buf.indexOf(sig); at !== -1 && names.length < 1000; at = buf.indexOf(sig, at + 4)) {
    if (at + 30 > buf.length) break;
    const len = buf.readUInt16LE(at + 26);
    names.push(
      latin1.decode(bytes.subarray(at + 30, Math.min(buf.length, at + 30 + len))).toLowerCase(),
    );
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// What an exceljs 4.4.0 rewrite loses

/** Codes in the order they are reported (most visible loss first); labels take the count. */
const LOSSY_LABELS: ReadonlyArray<readonly [string, (n: number, extra: string) => Text]> = [
  ["vba", () => ({ vi: "macro VBA (vbaProject.bin)", en: "VBA macros (vbaProject.bin)" })],
  [
    "macrosheet",
    (n) => ({
      vi: `trang macro/hộp thoại Excel 4.0 (${n})`,
      en: `Excel 4.0 macro or dialog sheets (${n})`,
    }),
  ],
  ["chartsheet", (n) => ({ vi: `trang biểu đồ (${n})`, en: `chart sheets (${n})` })],
  ["chart", (n) => ({ vi: `biểu đồ (${n})`, en: `charts (${n})` })],
  [
    "pivot",
    (n) => ({
      vi: `bảng PivotTable và bộ nhớ đệm của chúng (${n})`,
      en: `pivot tables and their caches (${n})`,
    }),
  ],
  ["slicer", (n) => ({ vi: `slicer/timeline (${n})`, en: `slicers and timelines (${n})` })],
  [
    "drawing",
    (n) => ({
      vi: `hình vẽ, hộp văn bản, biểu đồ trong bản vẽ (${n})`,
      en: `shapes, text boxes and charts in drawings (${n})`,
    }),
  ],
  [
    "form-control",
    (n) => ({
      vi: `điều khiển biểu mẫu (nút, ô đánh dấu...) (${n})`,
      en: `form controls (buttons, checkboxes...) (${n})`,
    }),
  ],
  ["activex", (n) => ({ vi: `điều khiển ActiveX (${n})`, en: `ActiveX controls (${n})` })],
  ["ole", (n) => ({ vi: `đối tượng OLE nhúng (${n})`, en: `embedded OLE objects (${n})` })],
  [
    "external-link",
    (n) => ({ vi: `liên kết tới sổ tính khác (${n})`, en: `links to other workbooks (${n})` }),
  ],
  ["query-table", (n) => ({ vi: `bảng truy vấn dữ liệu (${n})`, en: `query tables (${n})` })],
  ["connection", () => ({ vi: "kết nối dữ liệu ngoài", en: "external data connections" })],
  ["data-model", () => ({ vi: "mô hình dữ liệu Power Pivot", en: "the Power Pivot data model" })],
  [
    "xml-map",
    () => ({
      vi: "ánh xạ XML (xmlMaps, tableSingleCells)",
      en: "XML maps (xmlMaps, tableSingleCells)",
    }),
  ],
  ["signature", () => ({ vi: "chữ ký số", en: "digital signatures" })],
  [
    "threaded-comment",
    (n) => ({
      vi: `bình luận dạng hội thoại và danh sách người bình luận (${n})`,
      en: `threaded comments and their list of people (${n})`,
    }),
  ],
  [
    "orphan-comment",
    (n) => ({
      vi: `ghi chú trên ô không có dữ liệu (${n})`,
      en: `notes on cells that hold nothing (${n})`,
    }),
  ],
  [
    "rich-data",
    () => ({
      vi: "giá trị đa dạng (kiểu dữ liệu Cổ phiếu/Địa lý, ảnh trong ô)",
      en: "rich values (Stocks/Geography data types, pictures in cells)",
    }),
  ],
  [
    "metadata",
    () => ({
      vi: "siêu dữ liệu công thức mảng động (xl/metadata.xml)",
      en: "dynamic-array formula metadata (xl/metadata.xml)",
    }),
  ],
  [
    "feature-property-bag",
    () => ({
      vi: "ô đánh dấu trong ô (featurePropertyBag)",
      en: "in-cell checkboxes (featurePropertyBag)",
    }),
  ],
  [
    "x14-conditional-format",
    (n) => ({
      vi: `định dạng có điều kiện kiểu Excel 2010 (${n})`,
      en: `Excel 2010 conditional formats (${n})`,
    }),
  ],
  [
    "x14-data-validation",
    (n) => ({
      vi: `quy tắc xác thực dữ liệu kiểu Excel 2010 (${n})`,
      en: `Excel 2010 data validation rules (${n})`,
    }),
  ],
  [
    "validation-formula",
    (n) => ({
      vi: `công thức xác thực dữ liệu tham chiếu ô, sẽ bị ghi thành NaN (${n})`,
      en: `data validation formulas that reference cells, written back as NaN (${n})`,
    }),
  ],
  ["sparkline", (n) => ({ vi: `biểu đồ thu nhỏ sparkline (${n})`, en: `sparklines (${n})` })],
  [
    "defined-name",
    (n, names) => ({
      vi: `tên định nghĩa không phải vùng ô (${n}: ${names})`,
      en: `defined names that are not plain ranges (${n}: ${names})`,
    }),
  ],
  [
    "defined-name-scope",
    (n, names) => ({
      vi: `tên định nghĩa trùng nhau ở nhiều trang, chỉ giữ được một (${n}: ${names})`,
      en: `defined names repeated on several sheets, only one kept (${n}: ${names})`,
    }),
  ],
  [
    "internal-hyperlink",
    (n) => ({
      vi: `siêu liên kết tới vị trí trong sổ tính (${n})`,
      en: `hyperlinks to places in the workbook (${n})`,
    }),
  ],
  [
    "autofilter-criteria",
    (n) => ({ vi: `điều kiện lọc AutoFilter (${n})`, en: `AutoFilter criteria (${n})` }),
  ],
  [
    "phonetic",
    (n) => ({ vi: `chữ phiên âm (furigana) (${n})`, en: `phonetic guides (furigana) (${n})` }),
  ],
  [
    "header-footer-image",
    (n) => ({ vi: `ảnh ở đầu trang/chân trang (${n})`, en: `header/footer pictures (${n})` }),
  ],
  ["page-break", (n) => ({ vi: `ngắt trang thủ công (${n})`, en: `manual page breaks (${n})` })],
  [
    "workbook-protection",
    () => ({ vi: "bảo vệ cấu trúc sổ tính", en: "workbook structure protection" }),
  ],
  ["custom-view", (n) => ({ vi: `dạng xem tùy chỉnh (${n})`, en: `custom views (${n})` })],
  ["web-publishing", () => ({ vi: "thiết đặt xuất bản web", en: "web publishing settings" })],
  [
    "revisions",
    () => ({ vi: "lịch sử sửa đổi sổ tính dùng chung", en: "shared-workbook revision history" }),
  ],
  ["named-sheet-view", () => ({ vi: "dạng xem trang có tên", en: "named sheet views" })],
  [
    "custom-xml",
    (n) => ({ vi: `phần dữ liệu XML tùy chỉnh (${n})`, en: `custom XML data parts (${n})` }),
  ],
  [
    "custom-properties",
    () => ({
      vi: "thuộc tính tài liệu tùy chỉnh (docProps/custom.xml)",
      en: "custom document properties (docProps/custom.xml)",
    }),
  ],
  [
    "webextension",
    () => ({ vi: "thiết đặt phần bổ trợ (web extension)", en: "add-in settings (web extensions)" }),
  ],
  ["custom-ui", () => ({ vi: "tùy biến thanh ribbon", en: "ribbon customisations" })],
];

/** Part-level rules: a part whose (lower-case) name or content type matches is lost. */
const PART_RULES: ReadonlyArray<readonly [string, (name: string, type: string) => boolean]> = [
  [
    "vba",
    (n, t) => t === "application/vnd.ms-office.vbaproject" || /(^|\/)vbaproject\.bin$/.test(n),
  ],
  ["macrosheet", (_n, t) => /(macrosheet|dialogsheet)\+xml$/.test(t)],
  ["chartsheet", (_n, t) => t === `${SML}chartsheet+xml`],
  [
    "chart",
    (_n, t) =>
      t === "application/vnd.openxmlformats-officedocument.drawingml.chart+xml" ||
      t === "application/vnd.ms-office.chartex+xml",
  ],
  ["pivot", (_n, t) => t === `${SML}pivottable+xml`],
  ["pivot-cache", (_n, t) => t === `${SML}pivotcachedefinition+xml`],
  ["slicer", (_n, t) => /^application\/vnd\.ms-excel\.(slicer|timeline)\+xml$/.test(t)],
  ["form-control", (_n, t) => t === "application/vnd.ms-excel.controlproperties+xml"],
  ["activex", (_n, t) => t === "application/vnd.ms-office.activex+xml"],
  ["ole", (n) => /(^|\/)embeddings\//.test(n)],
  ["external-link", (_n, t) => t === `${SML}externallink+xml`],
  ["query-table", (_n, t) => t === `${SML}querytable+xml`],
  ["connection", (_n, t) => t === `${SML}connections+xml`],
  [
    "data-model",
    (n, t) =>
      t === "application/vnd.openxmlformats-officedocument.model+data" ||
      /(^|\/)model\/item\.data$/.test(n),
  ],
  ["xml-map", (_n, t) => t === `${SML}xmlmaps+xml` || t === `${SML}tablesinglecells+xml`],
  ["signature", (n, t) => n.startsWith("_xmlsignatures/") || t.includes("digital-signature")],
  ["threaded-comment", (_n, t) => t === "application/vnd.ms-excel.threadedcomments+xml"],
  ["rich-data", (n, t) => /(^|\/)richdata\//.test(n) || /rdrichvalue|richvaluerel|rdarray/.test(t)],
  ["metadata", (_n, t) => t === `${SML}sheetmetadata+xml`],
  [
    "feature-property-bag",
    (n, t) =>
      t === "application/vnd.ms-excel.featurepropertybag+xml" ||
      /(^|\/)featurepropertybag\//.test(n),
  ],
  ["revisions", (_n, t) => t === `${SML}revisionheaders+xml` || t === `${SML}revisionlog+xml`],
  ["named-sheet-view", (_n, t) => t === "application/vnd.ms-excel.namedsheetviews+xml"],
  ["custom-xml", (n) => /^customxml\/item\d*\.xml$/.test(n)],
  [
    "custom-properties",
    (n, t) =>
      t === "application/vnd.openxmlformats-officedocument.custom-properties+xml" ||
      n === "docprops/custom.xml",
  ],
  ["webextension", (_n, t) => t.startsWith("application/vnd.ms-office.webextension")],
  ["custom-ui", (n) => /^customui\//.test(n)],
];

/** VML client-data types of legacy form controls (Note = a cell comment, which exceljs keeps). */
const VML_FORM_CONTROLS = new Set([
  "button",
  "checkbox",
  "drop",
  "list",
  "radio",
  "spin",
  "scroll",
  "gbox",
  "label",
  "edit",
  "dialog",
]);

/** `Sheet1!$A$1`, `'My sheet'!$A$1:$C$9`: what exceljs keeps of a defined name's value. */
const PLAIN_REF =
  /^(?:(?:'(?:[^']|'')+'|[^\s'!,()"=+\-*/&^<>;{}#]+)!)?\$[A-Za-z]{1,3}\$\d+(?::\$[A-Za-z]{1,3}\$\d+)?$/;

/** Whether exceljs keeps every comma-separated area of a defined name (defined-name-xform.js). */
function isPlainReference(value: string): boolean {
  const items: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of value.trim()) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      items.push(current);
      current = "";
    } else current += ch;
  }
  items.push(current);
  return items.every((item) => PLAIN_REF.test(item.trim()));
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnLetters(n: number): string {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function normaliseRef(ref: string): string {
  return ref.replace(/\$/g, "").toUpperCase();
}

/** A number literal: what exceljs's parseInt/parseFloat round-trips (data-validations-xform.js). */
const NUMBER_LITERAL = /^\s*-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

class Findings {
  private readonly counts = new Map<string, number>();
  private readonly names = new Map<string, Set<string>>();

  add(code: string, n = 1): void {
    if (n > 0) this.counts.set(code, (this.counts.get(code) ?? 0) + n);
  }

  addName(code: string, name: string): void {
    const set = this.names.get(code) ?? new Set<string>();
    set.add(name);
    this.names.set(code, set);
    this.counts.set(code, set.size);
  }

  private merge(code: string, alias: string): void {
    const n = Math.max(this.count(code), this.count(alias));
    if (n > 0) this.counts.set(code, n);
  }

  count(code: string): number {
    return this.counts.get(code) ?? 0;
  }

  report(): LossyPart[] {
    // The same loss seen from two sides (parts and the markup that uses them): report the larger
    // count once. Pivot caches without a pivot table are still pivot data exceljs drops.
    this.merge("pivot", "pivot-cache");
    this.merge("ole", "ole-shape");
    this.merge("form-control", "vml-control");
    const out: LossyPart[] = [];
    for (const [code, label] of LOSSY_LABELS) {
      const n = this.count(code);
      if (n === 0) continue;
      const names = [...(this.names.get(code) ?? [])];
      const shown = names.slice(0, 3).join(", ") + (names.length > 3 ? ", …" : "");
      out.push({ code, ...label(n, shown) });
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Per-part scans (each runs inside the well-formedness pass)

function scanWorkbook(src: string, found: Findings): void {
  const names: { name: string; value: string }[] = [];
  let nameOpen: { name: string; after: number } | null = null;
  scanXml(src, {
    open(qname, s, from, to, selfClosing, after) {
      switch (localName(qname)) {
        case "definedName":
          if (selfClosing) names.push({ name: attr(s, from, to, "name") ?? "", value: "" });
          else nameOpen = { name: attr(s, from, to, "name") ?? "", after };
          break;
        case "workbookProtection":
          // An empty <workbookProtection/> protects nothing, and exceljs dropping it loses nothing.
          if (hasAttr(s, from, to, /(lock\w+\s*=\s*["'](1|true)["'])|(Password|HashValue)\s*=/))
            found.add("workbook-protection");
          break;
        case "webPublishing":
          found.add("web-publishing");
          break;
        case "customWorkbookView":
          found.add("custom-view");
          break;
      }
    },
    close(qname, s, at) {
      if (localName(qname) === "definedName" && nameOpen !== null) {
        names.push({ name: nameOpen.name, value: decodeEntities(s.slice(nameOpen.after, at)) });
        nameOpen = null;
      }
    },
  });
  const seen = new Map<string, number>();
  for (const { name, value } of names) {
    // exceljs turns Print_Area/Print_Titles into page setup; Excel rebuilds _FilterDatabase
    // from the sheet's autoFilter, so losing those names loses nothing.
    if (/^_xlnm\.(print_area|print_titles|_filterdatabase)$/i.test(name)) continue;
    // A built-in name Excel left pointing nowhere (e.g. _xlnm.Consolidate_Area = #REF!) holds
    // nothing to lose; a user's own #REF! name is still reported, the user may want to fix it.
    if (/^_xlnm\./i.test(name) && value.includes("#REF!")) continue;
    if (!isPlainReference(value)) found.addName("defined-name", name);
    seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  for (const [name, n] of seen) if (n > 1) found.addName("defined-name-scope", name);
}

/** Character span of each shared string's <si> (markup included: an upper bound, cheaply). */
function scanSharedStrings(src: string, found: Findings): number[] {
  const lengths: number[] = [];
  let start = -1;
  scanXml(src, {
    open(qname, _s, _from, _to, selfClosing, after) {
      const local = localName(qname);
      if (local === "si") {
        if (selfClosing) lengths.push(0);
        else start = after;
      } else if (local === "rPh") found.add("phonetic");
    },
    close(qname, _s, at) {
      if (localName(qname) === "si") lengths.push(Math.max(0, at - start));
    },
  });
  return lengths;
}

function scanComments(src: string): string[] {
  const refs: string[] = [];
  scanXml(src, {
    open(qname, s, from, to) {
      if (localName(qname) === "comment") {
        const ref = attr(s, from, to, "ref");
        if (ref !== undefined) refs.push(normaliseRef(ref));
      }
    },
  });
  return refs;
}

interface SheetContext {
  /** Comment cells still looking for their <c>; null when the sheet has no comments. */
  readonly wanted: Set<string> | null;
  readonly sst: readonly number[];
  /** Characters the sheet's shared-string cells expand to (added to by the scan). */
  expanded: number;
}

function scanWorksheet(src: string, found: Findings, ctx: SheetContext): void {
  let row = 0;
  let col = 0;
  let sstCell = false;
  let vAfter = -1;
  let dvType: string | null = null;
  let formulaAfter = -1;
  let badFormulas = 0;
  const oleShapes = new Set<string>();
  scanXml(src, {
    open(qname, s, from, to, selfClosing, after) {
      const local = localName(qname);
      switch (local) {
        case "row": {
          const r = attr(s, from, to, "r");
          row = r !== undefined ? parseInt(r, 10) : row + 1;
          col = 0;
          break;
        }
        case "c": {
          // Positions matter only to match comments; cells may omit r= (Open XML SDK output).
          if (ctx.wanted !== null && ctx.wanted.size > 0) {
            const ref = attr(s, from, to, "r");
            const m = ref !== undefined ? /^\$?([A-Za-z]{1,3})\$?\d+$/.exec(ref) : null;
            col = m ? columnIndex(m[1] ?? "") : col + 1;
            ctx.wanted.delete(
              ref !== undefined ? normaliseRef(ref) : `${columnLetters(col)}${row}`,
            );
          }
          sstCell = !selfClosing && attr(s, from, to, "t") === "s";
          break;
        }
        case "v":
          if (sstCell) vAfter = after;
          break;
        case "hyperlink":
          // exceljs keeps only hyperlinks with a relationship (r:id); location-only links vanish.
          if (!hasAttr(s, from, to, /(^|\s)[\w.-]+:id\s*=/)) found.add("internal-hyperlink");
          break;
        case "filterColumn":
          found.add("autofilter-criteria");
          break;
        case "rPh":
          found.add("phonetic");
          break;
        case "legacyDrawingHF":
          found.add("header-footer-image");
          break;
        case "brk":
          found.add("page-break");
          break;
        case "customSheetView":
          found.add("custom-view");
          break;
        case "oleObject":
          // Excel 2010+ writes each object twice (mc:Choice and mc:Fallback): count shapes.
          oleShapes.add(attr(s, from, to, "shapeId") ?? String(oleShapes.size));
          break;
        case "sparklineGroup":
          found.add("sparkline");
          break;
        case "dataValidation":
          if (prefixOf(qname) === "x14") found.add("x14-data-validation");
          else dvType = selfClosing ? null : (attr(s, from, to, "type") ?? "none");
          break;
        case "formula1":
        case "formula2":
          if (dvType !== null && prefixOf(qname) !== "x14") formulaAfter = after;
          break;
        case "cfRule":
          // exceljs re-creates x14 data bars that extend a main rule (no priority of their own);
          // x14-only rules (other types, or with their own priority) are dropped.
          if (prefixOf(qname) === "x14") {
            const type = attr(s, from, to, "type");
            if (type !== "dataBar" || attr(s, from, to, "priority") !== undefined)
              found.add("x14-conditional-format");
          }
          break;
      }
    },
    close(qname, s, at) {
      const local = localName(qname);
      if (local === "v" && vAfter >= 0) {
        const index = parseInt(s.slice(vAfter, at), 10);
        ctx.expanded += ctx.sst[index] ?? 0;
        vAfter = -1;
      } else if (local === "c") {
        sstCell = false;
        vAfter = -1;
      } else if ((local === "formula1" || local === "formula2") && formulaAfter >= 0) {
        // whole/textLength/decimal/date formulas go through parseInt/parseFloat in exceljs.
        if (
          dvType !== null &&
          /^(whole|decimal|date|textLength)$/.test(dvType) &&
          !NUMBER_LITERAL.test(decodeEntities(s.slice(formulaAfter, at)))
        )
          badFormulas++;
        formulaAfter = -1;
      } else if (local === "dataValidation" && prefixOf(qname) !== "x14") {
        dvType = null;
      }
    },
  });
  found.add("validation-formula", badFormulas);
  found.add("ole-shape", oleShapes.size);
  if (ctx.wanted !== null) found.add("orphan-comment", ctx.wanted.size);
}

const ANCHORS = new Set(["twoCellAnchor", "oneCellAnchor", "absoluteAnchor"]);
const NON_PICTURE = new Set(["sp", "grpSp", "cxnSp", "graphicFrame", "contentPart"]);

/**
 * exceljs keeps only pictures in xdr:twoCellAnchor / xdr:oneCellAnchor (drawing-xform.js):
 * counts the other anchors. An anchor carrying a14:compatExt is the drawing-layer twin of a
 * legacy form control or OLE object, which is reported under its own code instead.
 */
function scanDrawing(src: string, found: Findings): void {
  let inAnchor = false;
  let lost = false;
  let legacyTwin = false;
  scanXml(src, {
    open(qname, _s, _from, _to, selfClosing) {
      const local = localName(qname);
      if (ANCHORS.has(local) && !selfClosing) {
        inAnchor = true;
        lost = local === "absoluteAnchor" || prefixOf(qname) !== "xdr";
        legacyTwin = false;
      } else if (inAnchor && NON_PICTURE.has(local)) lost = true;
      else if (inAnchor && local === "compatExt") legacyTwin = true;
    },
    close(qname) {
      if (ANCHORS.has(localName(qname))) {
        if (lost && !legacyTwin) found.add("drawing");
        inAnchor = false;
      }
    },
  });
}

/** VML is HTML-like (Excel writes unclosed <br>): scan it with patterns, not the tokenizer. */
function scanVml(src: string, found: Findings): void {
  for (const m of src.matchAll(/<x:ClientData\s[^>]{0,2000}?ObjectType\s*=\s*["'](\w+)["']/gi)) {
    if (VML_FORM_CONTROLS.has((m[1] ?? "").toLowerCase())) found.add("vml-control");
  }
}

// ---------------------------------------------------------------------------------------------
// The entry point

/**
 * Checks `bytes` (the content of the file called `name`, used in messages) as an .xlsx package.
 * Throws PlanTrackerError for anything that must not be opened; returns what a rewrite loses.
 */
export async function inspectPackage(
  bytes: Uint8Array,
  name: string,
  limits: PackageLimits = DEFAULT_LIMITS,
  guardLimits: GuardLimits = DEFAULT_GUARD_LIMITS,
): Promise<PackageReport> {
  // Empty files, password-protected (CFB) files, legacy .xls, empty zips, non-zips.
  assertXlsxBytes(bytes, name);

  let dir: Directory;
  try {
    dir = readDirectory(bytes, limits, name);
  } catch (err) {
    if (!(err instanceof ZipError)) throw err;
    // A damaged Word file is still best described as "a Word document".
    const kind = otherOfficeKind(localHeaderNames(bytes));
    if (kind !== null) notAWorkbook(name, kind);
    corrupt(name, err.text);
  }

  const byName = new Map<string, ZipEntry>();
  for (const entry of dir.entries) {
    const key = entry.name.toLowerCase();
    const other = byName.get(key);
    if (other !== undefined) {
      const same = other.name === entry.name;
      fail("file.duplicate-entries", {
        vi: `Tệp "${name}" chứa hai mục ${same ? `cùng tên "${entry.name}"` : `"${other.name}" và "${entry.name}" chỉ khác nhau chữ hoa/thường (Office coi là cùng một phần)`}. Các chương trình khác nhau sẽ đọc ra nội dung khác nhau, nên công cụ không dùng tệp này. Mở tệp bằng Excel, lưu thành một bản .xlsx mới rồi chạy lại.`,
        en: `The file "${name}" holds two entries ${same ? `named "${entry.name}"` : `"${other.name}" and "${entry.name}" that differ only in letter case (Office treats them as one part)`}. Different programs would read different content from it, so the tool does not use it. Open it in Excel, save it as a new .xlsx copy and run again.`,
      });
    }
    byName.set(key, entry);
  }
  const lowerNames = [...byName.keys()];
  const otherKind = otherOfficeKind(lowerNames);
  if (otherKind !== null) notAWorkbook(name, otherKind);

  // Declared sizes, before inflating a byte.
  let declared = 0;
  for (const entry of dir.entries) {
    declared += entry.uncompressedSize;
    if (
      entry.uncompressedSize > limits.ratioGraceBytes &&
      entry.compressedSize / entry.uncompressedSize < limits.minInflateRatio
    )
      tooLarge(name, {
        vi: `mục "${entry.name}" nén ${mib(entry.uncompressedSize)} vào ${mib(entry.compressedSize)} (tỉ lệ 1:${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}, tối đa 1:${Math.round(1 / limits.minInflateRatio)})`,
        en: `entry "${entry.name}" packs ${mib(entry.uncompressedSize)} into ${mib(entry.compressedSize)} (ratio 1:${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}, at most 1:${Math.round(1 / limits.minInflateRatio)} is accepted)`,
      });
  }
  if (declared > limits.maxUncompressedBytes)
    tooLarge(name, {
      vi: `nội dung giải nén ra ${mib(declared)} (tối đa ${mib(limits.maxUncompressedBytes)})`,
      en: `its content inflates to ${mib(declared)} (at most ${mib(limits.maxUncompressedBytes)})`,
    });

  try {
    checkEntries(bytes, dir);
  } catch (err) {
    if (err instanceof ZipError) corrupt(name, err.text);
    throw err;
  }

  let inflated = 0;
  const read = async (entry: ZipEntry, keep: boolean): Promise<string | null> => {
    let data: Uint8Array | null;
    try {
      data = await inflateEntry(bytes, dir, entry, keep);
    } catch (err) {
      if (err instanceof ZipError) corrupt(name, err.text);
      throw err;
    }
    inflated += entry.uncompressedSize;
    return data === null ? null : decodeXmlBytes(data);
  };
  /** Runs a scan over one XML part, turning XML problems into refusals that name the part. */
  const parse = <T>(part: string, scan: () => T): T => {
    try {
      return scan();
    } catch (err) {
      if (!(err instanceof XmlProblem)) throw err;
      if (err.dtd)
        fail("file.xml-dtd", {
          vi: `Tệp "${name}" có phần "${part}" chứa ${err.text.vi}. Excel không bao giờ ghi DTD; đây là dấu hiệu tệp được tạo ra để tấn công (XXE, "billion laughs"), nên công cụ không mở nó. Đừng mở tệp này; hãy nhờ người gửi xuất lại sổ tính từ Excel.`,
          en: `The file "${name}" has a part "${part}" that contains ${err.text.en}. Excel never writes DTDs; this is a sign of a file crafted to attack the reader (XXE, "billion laughs"), so the tool does not open it. Do not open this file; ask the sender to save the workbook from Excel again.`,
        });
      corrupt(name, {
        vi: `phần XML "${part}" sai cú pháp (${err.text.vi})`,
        en: `the XML part "${part}" is malformed (${err.text.en})`,
      });
    }
  };

  const ctEntry = byName.get("[content_types].xml");
  if (ctEntry === undefined)
    corrupt(name, {
      vi: "thiếu [Content_Types].xml (danh mục các phần của gói Office)",
      en: "[Content_Types].xml (the list of the package's parts) is missing",
    });
  const checkXmlSize = (entry: ZipEntry, max: number, what: Text): void => {
    if (entry.uncompressedSize > max)
      tooLarge(name, {
        vi: `${what.vi} "${entry.name}" có ${mib(entry.uncompressedSize)} (tối đa ${mib(max)})`,
        en: `${what.en} "${entry.name}" is ${mib(entry.uncompressedSize)} (at most ${mib(max)})`,
      });
  };
  const xmlPart: Text = { vi: "phần XML", en: "the XML part" };
  checkXmlSize(ctEntry, limits.maxSheetXmlBytes, xmlPart);
  const ctText = await read(ctEntry, true);
  const ct = parse(ctEntry.name, () => parseContentTypes(ctText ?? ""));
  const typeOf = (lower: string): string => contentTypeOf(ct, lower);

  // Sizes of the parts that are held in memory, now that their types are known.
  for (const [lower, entry] of byName) {
    const type = typeOf(lower);
    if (type === CT.sharedStrings)
      checkXmlSize(entry, limits.maxSharedStringsBytes, {
        vi: "bảng chuỗi dùng chung",
        en: "the shared strings part",
      });
    else if (isXmlPart(lower, type)) checkXmlSize(entry, limits.maxSheetXmlBytes, xmlPart);
  }

  // Relationships first: they say which part is the workbook and which comments go where.
  const done = new Set<string>(["[content_types].xml"]);
  const rels = new Map<string, Relationship[]>();
  for (const [lower, entry] of byName) {
    if (!lower.endsWith(".rels")) continue;
    const text = await read(entry, true);
    const source = relsSource(lower);
    rels.set(
      source,
      parse(entry.name, () => parseRels(text ?? "", source)),
    );
    done.add(lower);
  }
  const mainRel = (rels.get("") ?? []).find(
    (r) => r.type === "officeDocument" && r.target !== null,
  );
  const main = mainRel?.target ?? (byName.has("xl/workbook.xml") ? "xl/workbook.xml" : null);
  const mainEntry = main === null ? undefined : byName.get(main);
  if (main === null || mainEntry === undefined)
    corrupt(name, {
      vi: `thiếu phần sổ tính chính (${main ?? "xl/workbook.xml"})`,
      en: `the main workbook part (${main ?? "xl/workbook.xml"}) is missing`,
    });
  const mainType = typeOf(main);
  if (/wordprocessingml|ms-word/.test(mainType))
    notAWorkbook(name, { vi: "tài liệu Word (.docx)", en: "a Word document (.docx)" });
  if (/^application\/vnd\.ms-excel\.[\w.]*binary/.test(mainType))
    notAWorkbook(name, {
      vi: "sổ tính nhị phân Excel (.xlsb)",
      en: "a binary Excel workbook (.xlsb)",
    });
  if (/presentationml|ms-powerpoint/.test(mainType))
    notAWorkbook(name, {
      vi: "bản trình chiếu PowerPoint (.pptx)",
      en: "a PowerPoint presentation (.pptx)",
    });
  if (
    mainType !== "" &&
    !/^application\/vnd\.(openxmlformats-officedocument\.spreadsheetml|ms-excel)\.[\w.]*main\+xml$/.test(
      mainType,
    )
  )
    corrupt(name, {
      vi: `phần chính "${mainEntry.name}" không phải sổ tính Excel dạng XML (${mainType})`,
      en: `the main part "${mainEntry.name}" is not an Excel XML workbook (${mainType})`,
    });

  const found = new Findings();
  for (const lower of lowerNames) {
    const type = typeOf(lower);
    for (const [code, test] of PART_RULES) if (test(lower, type)) found.add(code);
  }

  // The workbook, shared strings and comments before the sheets that use them.
  const workbookText = await read(mainEntry, true);
  parse(mainEntry.name, () => scanWorkbook(workbookText ?? "", found));
  done.add(main);
  // What makes exceljs hang, exhaust memory or write to Object.prototype (sheetGuards.ts).
  const guards = new PackageGuards(name, guardLimits);
  guards.workbook(workbookText ?? "", rels.get(main) ?? [], mainEntry.name);

  let sst: number[] = [];
  for (const [lower, entry] of byName) {
    if (done.has(lower) || typeOf(lower) !== CT.sharedStrings) continue;
    const text = await read(entry, true);
    sst = sst.concat(parse(entry.name, () => scanSharedStrings(text ?? "", found)));
    done.add(lower);
  }

  const comments = new Map<string, string[]>();
  for (const [lower, entry] of byName) {
    if (done.has(lower) || typeOf(lower) !== CT.comments) continue;
    const text = await read(entry, true);
    comments.set(
      lower,
      parse(entry.name, () => scanComments(text ?? "")),
    );
    done.add(lower);
  }

  const worksheets = new Set<string>();
  for (const rel of rels.get(main) ?? [])
    if (rel.type === "worksheet" && rel.target !== null) worksheets.add(rel.target);
  let expanded = 0;
  for (const entry of dir.entries) {
    const lower = entry.name.toLowerCase();
    if (done.has(lower) || lower.endsWith("/")) continue;
    done.add(lower);
    const type = typeOf(lower);
    const xml = isXmlPart(lower, type);
    const text = await read(entry, xml);
    if (text === null) continue;
    if (isVml(lower, type)) {
      if (/<!DOCTYPE/i.test(text))
        parse(entry.name, () => {
          throw new XmlProblem(true, { vi: "khai báo DOCTYPE", en: "a DOCTYPE declaration" });
        });
      scanVml(text, found);
    } else if (type === CT.worksheet || worksheets.has(lower)) {
      const refs = (rels.get(lower) ?? [])
        .filter((r) => r.type === "comments" && r.target !== null)
        .flatMap((r) => comments.get(r.target ?? "") ?? []);
      const ctx: SheetContext = {
        wanted: refs.length > 0 ? new Set(refs) : null,
        sst,
        expanded: 0,
      };
      parse(entry.name, () => scanWorksheet(text, found, ctx));
      expanded += ctx.expanded;
      if (expanded > limits.maxUncompressedBytes)
        tooLarge(name, {
          vi: `các ô tham chiếu tới bảng chuỗi dùng chung sẽ bung ra hơn ${mib(limits.maxUncompressedBytes)} văn bản (một chuỗi rất dài được lặp lại ở hàng nghìn ô)`,
          en: `its cells that refer to shared strings would expand to more than ${mib(limits.maxUncompressedBytes)} of text (a very long string repeated in thousands of cells)`,
        });
      guards.sheet(entry.name, text);
    } else if (type === CT.drawing) {
      parse(entry.name, () => scanDrawing(text, found));
    } else {
      parse(entry.name, () => scanXml(text, {}));
      if (type === `${SML}table+xml`) guards.table(text);
    }
  }

  return { entries: dir.entries.length, uncompressedBytes: inflated, lossy: found.report() };
}
