/**
 * Cheap checks on a package's XML for what makes exceljs 4.4.0 hang, run out of memory or write
 * to Object.prototype — BEFORE exceljs parses anything. `inspectPackage` (xlsxPackage.ts) feeds
 * every part it has already inflated and checked to a `PackageGuards`, which refuses with a
 * bilingual `PlanTrackerError`:
 *
 * - file.too-complex: more merged ranges on a sheet than `maxMergesPerSheet` (exceljs checks each
 *   new merge against every earlier one: 50 000 merges take minutes), merged ranges covering more
 *   than `maxMergedCells` cells (exceljs creates every covered cell: A1:XFD1048576 never ends),
 *   data-validation ranges covering more than `maxValidationCells` cells (exceljs stores one entry
 *   per covered cell: a whole sheet never ends), more cells than `maxCells`.
 * - file.corrupt: row or column numbers outside Excel's grid (a `<col max="2000000000">` makes
 *   exceljs allocate until the heap is exhausted; `<row r="100000000">` takes seconds to write and
 *   makes every reader walk 100 million rows), references that are not cell references.
 * - file.reserved-name: a sheet, defined name or table called `__proto__`, `constructor`, ... or a
 *   defined name pointing at such a sheet (exceljs keys plain objects by these names:
 *   `'__proto__'!$A$1` writes to Object.prototype for the whole process).
 *
 * Each check is one linear regex pass over a part that `inspectPackage` already holds in memory.
 * No Node APIs: the browser's standalone pane can use it too.
 */
import { PlanTrackerError, type Bilingual } from "../domain/diagnostics";
import { decodeEntities } from "./xmlEntities";

export interface GuardLimits {
  /** Most `<mergeCell>` elements on one sheet. */
  readonly maxMergesPerSheet: number;
  /** Most cells all merged ranges of the workbook may cover together. */
  readonly maxMergedCells: number;
  /** Most cells all data-validation ranges of the workbook may cover together. */
  readonly maxValidationCells: number;
  /** Most `<c>` elements in the workbook's sheets together. */
  readonly maxCells: number;
}

export const DEFAULT_GUARD_LIMITS: GuardLimits = Object.freeze({
  // The corpus's largest real sheet has 524 merges; exceljs 4.4.0 is quadratic in them (5 000
  // add ~3 s to a load, 10 000 ~20 s, 50 000 did not finish in 120 s).
  maxMergesPerSheet: 5_000,
  // exceljs creates a Cell object for every merged cell; a million is ~200 MB.
  maxMergedCells: 1_000_000,
  // exceljs expands validation ranges per cell: one whole column (1 048 576 cells) takes ~5 s to
  // read and ~11 s to write back (~350 MB); it is accepted, more is refused.
  maxValidationCells: 1_100_000,
  // exceljs needs ~0.7 KB of heap per cell (1 M cells: 7 s, ~750 MB). The corpus's largest
  // workbook has 175 000 cells; a commune's or province's plan has a few thousand.
  maxCells: 1_000_000,
});

/** Excel's grid: rows 1..1 048 576, columns A..XFD (16 384). */
export const MAX_ROW = 1_048_576;
export const MAX_COL = 16_384;
/** Excel numbers sheets from 1 as they are added; a million is far past any real workbook. */
export const MAX_SHEET_ID = 1_000_000;

/**
 * Keys that exceljs must never receive as sheet, defined or table names: assigning to them on a
 * plain object changes its prototype or a shared built-in (Object, Function.prototype, ...).
 */
const RESERVED = new Set<string>([
  ...Object.getOwnPropertyNames(Object.prototype),
  "__proto__",
  "constructor",
  "prototype",
]);

export function isReservedName(name: string): boolean {
  return RESERVED.has(name);
}

// ---------------------------------------------------------------------------------------------
// Messages

function tooComplex(file: string, detail: Bilingual, fix: Bilingual): never {
  throw new PlanTrackerError("file.too-complex", {
    vi: `Tệp "${file}" quá phức tạp để đọc an toàn: ${detail.vi}. Bộ đọc .xlsx của công cụ sẽ mất hàng phút hoặc hết bộ nhớ với tệp như vậy, nên công cụ từ chối ngay. ${fix.vi}`,
    en: `The file "${file}" is too complex to read safely: ${detail.en}. The tool's .xlsx reader would take minutes or run out of memory on it, so the tool refuses it now. ${fix.en}`,
  });
}

function corrupt(file: string, part: string, detail: Bilingual): never {
  throw new PlanTrackerError("file.corrupt", {
    vi: `Tệp "${file}" bị hỏng hoặc không phải sổ tính .xlsx hợp lệ: phần "${part}" có ${detail.vi}. Mở tệp bằng Excel (Excel có thể tự sửa), lưu thành một bản .xlsx mới rồi chạy lại.`,
    en: `The file "${file}" is damaged or not a valid .xlsx workbook: the part "${part}" has ${detail.en}. Open it in Excel (which may repair it), save it as a new .xlsx copy and run again.`,
  });
}

function reserved(file: string, what: Bilingual, name: string): never {
  throw new PlanTrackerError("file.reserved-name", {
    vi: `Sổ tính "${file}" có ${what.vi} tên "${name}". Đây là từ dành riêng của JavaScript (ngôn ngữ công cụ chạy trên đó); tệp mang tên như vậy là cách tấn công đã biết nhằm làm hỏng bộ nhớ của chương trình đọc sổ tính, nên công cụ không mở tệp. Đổi tên đó trong Excel (ví dụ thêm một chữ cái) rồi chạy lại.`,
    en: `The workbook "${file}" has ${what.en} called "${name}". That is a reserved word of JavaScript, which the tool runs on; names like it are a known way to attack spreadsheet readers by corrupting their memory, so the tool does not open the file. Rename it in Excel (e.g. add a letter) and run again.`,
  });
}

const fmt = (n: number): string => n.toLocaleString("en-US").replace(/,/g, " ");

// ---------------------------------------------------------------------------------------------
// Small XML helpers (attribute text only; the parts were checked as well-formed before)

const ATTR_CACHE = new Map<string, RegExp>();

function attr(attrs: string, key: string): string | undefined {
  let re = ATTR_CACHE.get(key);
  if (re === undefined) {
    re = new RegExp(`(?:^|\\s)${key.replace(/:/g, "\\:")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR_CACHE.set(key, re);
  }
  const m = re.exec(attrs);
  return m ? decodeEntities(m[1] ?? m[2] ?? "") : undefined;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

interface Area {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

const CELL_REF = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** "B3" → its row and column, or null when it is not a cell inside Excel's grid. */
export function cellRef(ref: string): { row: number; col: number } | null {
  const m = CELL_REF.exec(ref);
  if (!m) return null;
  const col = columnIndex(m[1] ?? "");
  const row = parseInt(m[2] ?? "", 10);
  if (row < 1 || row > MAX_ROW || col < 1 || col > MAX_COL) return null;
  return { row, col };
}

/**
 * cellRef(ref) !== null for the plain "AB12" form every writer uses, without a regex match or an
 * object per cell (a 50 000-row plan has 450 000 of them); anything else takes cellRef.
 */
export function isCellRef(ref: string): boolean {
  let i = 0;
  let col = 0;
  for (; i < ref.length && i < 3; i++) {
    const c = ref.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) break; // A–Z
    col = col * 26 + (c - 0x40);
  }
  if (i === 0 || i === ref.length || ref.length - i > 7) return cellRef(ref) !== null;
  let row = 0;
  for (let j = i; j < ref.length; j++) {
    const c = ref.charCodeAt(j);
    if (c < 0x30 || c > 0x39) return cellRef(ref) !== null;
    row = row * 10 + (c - 0x30);
  }
  return row >= 1 && row <= MAX_ROW && col <= MAX_COL;
}

/** "A1" or "A1:C9" (either corner first) → the area, or null when it is not one. */
export function parseArea(ref: string): Area | null {
  const [a, b, extra] = ref.split(":");
  if (a === undefined || extra !== undefined) return null;
  const p = cellRef(a);
  const q = b === undefined ? p : cellRef(b);
  if (p === null || q === null) return null;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

function areaSize(a: Area): number {
  return (a.bottom - a.top + 1) * (a.right - a.left + 1);
}

/** Start tags `<name ...>` / `<name .../>` without a namespace prefix (exceljs reads only those). */
function tags(name: string): RegExp {
  // Quoted attribute values may hold ">"; the parts were checked as well-formed already.
  return new RegExp(`<${name}(?=[\\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>`, "g");
}

/** Sheet names a defined name's value refers to: `'My sheet'!$A$1`, `Sheet1!A1:B2`. */
function referencedSheets(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(/(?:'((?:[^']|'')+)'|([^\s'!,()"=+\-*/&^<>;{}#:]+))!/g)) {
    const quoted = m[1];
    out.push(quoted !== undefined ? quoted.replace(/''/g, "'") : (m[2] ?? ""));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The guards

const SHEET: Bilingual = { vi: "trang", en: "a sheet" };
const DEFINED_NAME: Bilingual = { vi: "tên định nghĩa", en: "a defined name" };
const TABLE: Bilingual = { vi: "bảng", en: "a table" };
const NAME_TO_SHEET: Bilingual = {
  vi: "tên định nghĩa trỏ tới trang",
  en: "a defined name that refers to a sheet",
};
const DEFINED_NAME_RE =
  /<definedName(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*?)(?:\/>|>([^<]*)<\/definedName>)/g;

/** Collects per-workbook totals while `inspectPackage` walks the parts; refuses at once. */
export class PackageGuards {
  private mergedCells = 0;
  private validationCells = 0;
  private cells = 0;
  /** Worksheet part (lower case) → sheet name, for messages. */
  private readonly sheetNames = new Map<string, string>();

  constructor(
    private readonly file: string,
    private readonly limits: GuardLimits = DEFAULT_GUARD_LIMITS,
  ) {}

  /**
   * The main workbook part (sheet names, defined names and the sheets they refer to) and its
   * relationships (which part is which sheet, for messages).
   */
  workbook(
    xml: string,
    rels: readonly { readonly id: string; readonly target: string | null }[] = [],
    part = "xl/workbook.xml",
  ): void {
    const targets = new Map(rels.map((r) => [r.id, r.target]));
    const ids = new Set<number>();
    for (const m of xml.matchAll(tags("sheet"))) {
      const attrs = m[1] ?? "";
      const name = attr(attrs, "name") ?? "";
      if (isReservedName(name)) reserved(this.file, SHEET, name);
      // exceljs stores sheets in an array indexed by sheetId: 2147483648 makes it walk two
      // billion slots (a hang); 0, a repeat or a non-number silently drops a sheet on rewrite.
      const raw = attr(attrs, "sheetId") ?? "";
      const id = /^\d{1,7}$/.test(raw) ? Number(raw) : NaN;
      if (!(id >= 1 && id <= MAX_SHEET_ID) || ids.has(id))
        corrupt(this.file, part, {
          vi: `trang "${name}" có mã trang (sheetId) "${raw}" không hợp lệ hoặc bị trùng`,
          en: `the sheet "${name}" with an invalid or repeated sheet id (sheetId) "${raw}"`,
        });
      ids.add(id);
      const target = targets.get(attr(attrs, "r:id") ?? "");
      if (target) this.sheetNames.set(target.toLowerCase(), name);
    }
    for (const m of xml.matchAll(DEFINED_NAME_RE)) {
      const name = attr(m[1] ?? "", "name") ?? "";
      if (isReservedName(name)) reserved(this.file, DEFINED_NAME, name);
      for (const sheet of referencedSheets(decodeEntities(m[2] ?? "")))
        if (isReservedName(sheet)) reserved(this.file, NAME_TO_SHEET, sheet);
    }
  }

  /** A table part: exceljs keys a sheet's tables by name. */
  table(xml: string): void {
    const m = tags("table").exec(xml);
    for (const key of ["name", "displayName"]) {
      const name = m ? attr(m[1] ?? "", key) : undefined;
      if (name !== undefined && isReservedName(name)) reserved(this.file, TABLE, name);
    }
  }

  /** One worksheet part, already checked as well-formed XML. */
  sheet(part: string, xml: string): void {
    const label = this.sheetNames.get(part.toLowerCase());
    const where: Bilingual =
      label !== undefined
        ? { vi: `trang "${label}"`, en: `the sheet "${label}"` }
        : { vi: `phần "${part}"`, en: `the part "${part}"` };
    const bad: (vi: string, en: string) => never = (vi, en) => corrupt(this.file, part, { vi, en });
    const L = this.limits;

    // Columns: <col min max> is expanded into one entry per column.
    for (const m of xml.matchAll(tags("col"))) {
      const min = Number(attr(m[1] ?? "", "min") ?? "1");
      const max = Number(attr(m[1] ?? "", "max") ?? "1");
      if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min || max > MAX_COL)
        bad(
          `độ rộng cột cho các cột ${min}–${max}, ngoài phạm vi 1–${MAX_COL} của Excel`,
          `a column width for columns ${min}–${max}, outside Excel's 1–${MAX_COL}`,
        );
    }

    // Rows and cells: positions inside the grid, and how many cells there are.
    for (const m of xml.matchAll(tags("row"))) {
      const r = attr(m[1] ?? "", "r");
      if (r === undefined) continue;
      const n = /^\d{1,7}$/.test(r) ? parseInt(r, 10) : NaN;
      if (!(n >= 1 && n <= MAX_ROW))
        bad(
          `hàng số "${r}", ngoài phạm vi 1–${MAX_ROW} của Excel`,
          `row number "${r}", outside Excel's 1–${MAX_ROW}`,
        );
    }
    let cells = 0;
    for (const m of xml.matchAll(tags("c"))) {
      cells++;
      const r = attr(m[1] ?? "", "r");
      if (r !== undefined && !isCellRef(r))
        bad(
          `ô có địa chỉ "${r}" không hợp lệ hoặc nằm ngoài lưới A1:XFD${MAX_ROW}`,
          `a cell whose address "${r}" is not valid or lies outside A1:XFD${MAX_ROW}`,
        );
    }
    this.cells += cells;
    if (this.cells > L.maxCells)
      tooComplex(
        this.file,
        {
          vi: `các trang có hơn ${fmt(L.maxCells)} ô dữ liệu`,
          en: `its sheets hold more than ${fmt(L.maxCells)} cells`,
        },
        {
          vi: "Một kế hoạch thường chỉ có vài nghìn ô: hãy chép trang kế hoạch sang một sổ tính mới rồi chạy lại.",
          en: "A plan usually has a few thousand cells: copy the plan sheet into a new workbook and run again.",
        },
      );

    // Merged ranges.
    let merges = 0;
    for (const m of xml.matchAll(tags("mergeCell"))) {
      merges++;
      const ref = attr(m[1] ?? "", "ref") ?? "";
      const area = parseArea(ref);
      if (area === null)
        bad(
          `vùng gộp ô "${ref}" không phải địa chỉ ô hợp lệ`,
          `a merged range "${ref}" that is not a valid cell range`,
        );
      this.mergedCells += areaSize(area);
    }
    if (merges > L.maxMergesPerSheet)
      tooComplex(
        this.file,
        {
          vi: `${where.vi} có ${fmt(merges)} vùng gộp ô (tối đa ${fmt(L.maxMergesPerSheet)}) — hàng chục nghìn ô gộp`,
          en: `${where.en} has ${fmt(merges)} merged ranges (at most ${fmt(L.maxMergesPerSheet)}) — tens of thousands of merged cells`,
        },
        {
          vi: "Trong Excel, chọn các ô đó, bấm Trang đầu > Gộp và căn giữa > Bỏ gộp ô, lưu rồi chạy lại.",
          en: "In Excel, select those cells, choose Home > Merge & Center > Unmerge Cells, save and run again.",
        },
      );
    if (this.mergedCells > L.maxMergedCells)
      tooComplex(
        this.file,
        {
          vi: `các vùng gộp ô phủ hơn ${fmt(L.maxMergedCells)} ô (ví dụ gộp cả trang)`,
          en: `its merged ranges cover more than ${fmt(L.maxMergedCells)} cells (e.g. a whole sheet merged into one)`,
        },
        {
          vi: "Trong Excel, bỏ gộp các vùng lớn (Trang đầu > Gộp và căn giữa > Bỏ gộp ô), lưu rồi chạy lại.",
          en: "In Excel, unmerge the large ranges (Home > Merge & Center > Unmerge Cells), save and run again.",
        },
      );

    // Data validation: exceljs stores one entry per covered cell.
    for (const m of xml.matchAll(tags("dataValidation"))) {
      const sqref = attr(m[1] ?? "", "sqref") ?? "";
      for (const token of sqref.split(/\s+/)) {
        if (token === "") continue;
        const area = parseArea(token);
        if (area === null)
          bad(
            `quy tắc xác thực dữ liệu cho vùng "${token}" không phải địa chỉ ô hợp lệ`,
            `a data validation rule for "${token}", which is not a valid cell range`,
          );
        this.validationCells += areaSize(area);
        if (this.validationCells > L.maxValidationCells)
          tooComplex(
            this.file,
            {
              vi: `${where.vi} có quy tắc xác thực dữ liệu (danh sách thả xuống...) áp cho vùng ${token}; tổng cộng các quy tắc phủ hơn ${fmt(L.maxValidationCells)} ô (cả trang hoặc nhiều cột nguyên)`,
              en: `${where.en} has a data validation rule (drop-down list...) on ${token}; together the rules cover more than ${fmt(L.maxValidationCells)} cells (a whole sheet or several whole columns)`,
            },
            {
              vi: "Trong Excel, chọn vùng đó, mở Dữ liệu > Xác thực dữ liệu và chỉ áp quy tắc cho các hàng kế hoạch dùng (ví dụ C2:C500), lưu rồi chạy lại.",
              en: "In Excel, select that range, open Data > Data Validation and apply the rule only to the rows the plan uses (e.g. C2:C500), save and run again.",
            },
          );
      }
    }

    // Hyperlinks: exceljs looks each one up as a cell address.
    for (const m of xml.matchAll(tags("hyperlink"))) {
      const ref = attr(m[1] ?? "", "ref") ?? "";
      if (parseArea(ref) === null)
        bad(
          `siêu liên kết gắn với "${ref}", không phải địa chỉ ô hợp lệ`,
          `a hyperlink on "${ref}", which is not a valid cell address`,
        );
    }
  }
}
