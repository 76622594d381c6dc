/**
 * The broadcast log "Nhật ký phát sóng" as the tool lays it out and reads it back: its columns,
 * their headers, and the clerk's rows (logSheet.ts: what the tool writes on it; logChecks.ts: the
 * checks of its rows).
 */
import { columnLetter, type CellValue } from "../cell";
import { fold } from "../text";
import type { SheetData } from "../workbookData";

export const LOG_SHEET = "Nhật ký phát sóng";
export const LOG_HEADER_ROW = 4;
export const LOG_FIRST_ROW = 5;
/** The block the tool's rules and formulas cover: at least this many rows… */
export const LOG_MIN_ROWS = 300;
/** …and this many free rows below the clerk's last one (it grows, never shrinks). */
export const LOG_HEADROOM = 100;

export type LogField =
  | "no"
  | "airedOn"
  | "title"
  | "type"
  | "duration"
  | "programme"
  | "link"
  | "unit"
  | "fee"
  | "duty"
  | "planItem"
  | "acceptNo"
  | "acceptDate"
  | "invoice"
  | "paidOn"
  | "notes"
  | "check"
  | "dutyList";

/** The clerk's columns, in order; then Kiểm tra, a gap, and the list of duties. */
export const LOG_DATA_FIELDS: readonly LogField[] = [
  "no",
  "airedOn",
  "title",
  "type",
  "duration",
  "programme",
  "link",
  "unit",
  "fee",
  "duty",
  "planItem",
  "acceptNo",
  "acceptDate",
  "invoice",
  "paidOn",
  "notes",
];

export const LOG_HEADERS: Readonly<Record<LogField, { vi: string; en: string }>> = {
  no: { vi: "STT", en: "No." },
  airedOn: { vi: "Ngày phát sóng", en: "Air date" },
  title: { vi: "Tên tin, bài / sản phẩm", en: "Title" },
  type: { vi: "Loại sản phẩm", en: "Type" },
  duration: { vi: "Thời lượng", en: "Duration" },
  programme: { vi: "Chương trình / kênh", en: "Programme / channel" },
  link: { vi: "Đường dẫn / bản lưu", en: "Link / recording" },
  unit: { vi: "Đơn vị thực hiện", en: "Contributing unit" },
  fee: { vi: "Nhuận bút, kinh phí (đồng)", en: "Fee (VND)" },
  duty: { vi: "Nhiệm vụ định kỳ", en: "Recurring duty" },
  planItem: { vi: "Mục kế hoạch (STT)", en: "Plan item (No.)" },
  acceptNo: { vi: "Số biên bản nghiệm thu", en: "Acceptance record No." },
  acceptDate: { vi: "Ngày nghiệm thu", en: "Acceptance date" },
  invoice: { vi: "Số hóa đơn", en: "Invoice No." },
  paidOn: { vi: "Ngày thanh toán", en: "Paid on" },
  notes: { vi: "Ghi chú", en: "Notes" },
  check: { vi: "Kiểm tra", en: "Check" },
  dutyList: {
    vi: "Danh sách nhiệm vụ định kỳ (công cụ cập nhật)",
    en: "Recurring duties (kept by the tool)",
  },
};

export const LOG_DEFAULT_COLUMNS: Readonly<Record<LogField, number>> = {
  ...(Object.fromEntries(LOG_DATA_FIELDS.map((f, i) => [f, i + 1])) as Record<LogField, number>),
  check: LOG_DATA_FIELDS.length + 1,
  dutyList: LOG_DATA_FIELDS.length + 3,
};

export type LogColumns = Readonly<Record<LogField, number>>;

export interface LogEntry {
  readonly row: number;
  readonly values: Readonly<Partial<Record<LogField, CellValue>>>;
}

export interface LogRead {
  readonly sheet: string;
  /** A sheet of that name that is not the tool's log (its headers are not): never written. */
  readonly foreign: boolean;
  readonly columns: LogColumns;
  /** Rows holding anything in the clerk's columns. */
  readonly entries: readonly LogEntry[];
  /** The last row of the block the tool covered last time (its Kiểm tra formulas). */
  readonly blockEnd: number;
  /** The rows of the duty list column holding a value last time (to clear what is gone). */
  readonly listEnd: number;
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The log as the clerk left it, or null when the workbook has none. */
export function readLog(sheet: SheetData | undefined): LogRead | null {
  if (!sheet) return null;
  const header = sheet.rows[LOG_HEADER_ROW - 1] ?? [];
  const found: Partial<Record<LogField, number>> = {};
  header.forEach((v, i) => {
    if (typeof v !== "string") return;
    const key = fold(v);
    for (const f of Object.keys(LOG_HEADERS) as LogField[]) {
      if (found[f] === undefined && fold(LOG_HEADERS[f].vi) === key) found[f] = i + 1;
    }
  });
  const foreign =
    found.airedOn === undefined || found.duty === undefined || found.check === undefined;
  const columns = foreign ? LOG_DEFAULT_COLUMNS : completeColumns(found);
  const entries: LogEntry[] = [];
  if (!foreign) {
    const dataCols = LOG_DATA_FIELDS.map((f) => [f, columns[f]] as const);
    const [lo, hi] = dataSpan(columns);
    for (let r = LOG_FIRST_ROW; r <= sheet.rows.length; r++) {
      const cells = sheet.rows[r - 1];
      if (!cells) continue;
      let any = false;
      for (let c = lo; c <= hi && !any; c++) {
        if (c !== columns.check && c !== columns.dutyList && filled(cells[c - 1])) any = true;
      }
      if (!any) continue;
      const values: Partial<Record<LogField, CellValue>> = {};
      for (const [f, c] of dataCols) {
        const v = cells[c - 1];
        if (v !== null && v !== undefined) values[f] = v;
      }
      entries.push({ row: r, values });
    }
  }
  let blockEnd = 0;
  let listEnd = 0;
  const checkLetter = columnLetter(columns.check);
  for (const address of sheet.formulas?.keys() ?? []) {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (m && m[1] === checkLetter) blockEnd = Math.max(blockEnd, Number(m[2]));
  }
  for (let r = LOG_FIRST_ROW; r <= sheet.rows.length; r++) {
    if (filled(sheet.rows[r - 1]?.[columns.dutyList - 1])) listEnd = r;
  }
  return { sheet: sheet.name, foreign, columns, entries, blockEnd, listEnd };
}

/** Columns the header lacks (an older log, a renamed header) go right of the others. */
function completeColumns(found: Partial<Record<LogField, number>>): LogColumns {
  const out: Partial<Record<LogField, number>> = { ...found };
  let next = Math.max(...Object.values(found).filter((c): c is number => c !== undefined)) + 1;
  for (const f of LOG_DATA_FIELDS) if (out[f] === undefined) out[f] = next++;
  if (out.dutyList === undefined) out.dutyList = Math.max(next, (out.check ?? 0) + 2);
  return out as LogColumns;
}

/** The first and last column of the clerk's part of a row (what COUNTA looks at). */
export function dataSpan(columns: LogColumns): [number, number] {
  const cols = LOG_DATA_FIELDS.map((f) => columns[f]);
  return [Math.min(...cols), Math.max(...cols)];
}

/** COUNTA's test: anything but an empty cell. */
function filled(v: CellValue | undefined): boolean {
  return v !== null && v !== undefined;
}

/** The workbook's log sheet, its name compared as Excel compares (without case). */
export function findLogSheet(sheets: readonly SheetData[]): SheetData | undefined {
  const key = LOG_SHEET.toLocaleLowerCase("vi");
  return sheets.find((s) => s.name.toLocaleLowerCase("vi") === key);
}
