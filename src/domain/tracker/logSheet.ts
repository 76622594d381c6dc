/**
 * "Nhật ký phát sóng": the broadcast log. One row per broadcast or contribution — air date, title,
 * type, duration, programme, link, contributing unit, fee — with the evidence Finance needs to pay
 * (acceptance record number and date, invoice, paid date), the recurring duty it counts for and,
 * optionally, the plan item (by STT) it proves aired.
 *
 * The sheet's layout is the tool's, but its rows are the clerk's: it is created once and never
 * rebuilt. Later runs write only the tool's columns — the "Kiểm tra" formulas and the list the
 * duty dropdown reads — plus validations and formats on the bounded block (which grows with the
 * rows). Kiểm tra is a live formula, so it follows the clerk's typing without the add-in; its
 * cached value is computed here by the same rules (logCheckText mirrors logCheckFormula).
 */
import { formatVnDate, isoToSerial, serialToIso, type IsoDate } from "../calendar";
import { a1, a1Abs, cellText, columnLetter, isDateValue, sheetRef, type CellValue } from "../cell";
import { PRODUCT_TYPES } from "../countType";
import { issue, locate, type Bilingual, type Diagnostic } from "../diagnostics";
import {
  emptySheet,
  type CellSpec,
  type ColumnSpec,
  type SheetSpec,
  type ValidationSpec,
} from "../layout/spec";
import { fold } from "../text";
import type { Plan } from "../plan";
import type { SheetData } from "../workbookData";
import { AS_OF_NAME } from "./metadata";
import { COLORS, DATE_FORMAT, VND_FORMAT } from "./styles";

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

const WIDTHS: Readonly<Record<LogField, number>> = {
  no: 6,
  airedOn: 13,
  title: 40,
  type: 12,
  duration: 10,
  programme: 22,
  link: 24,
  unit: 28,
  fee: 16,
  duty: 36,
  planItem: 11,
  acceptNo: 14,
  acceptDate: 13,
  invoice: 12,
  paidOn: 13,
  notes: 20,
  check: 60,
  dutyList: 44,
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
function dataSpan(columns: LogColumns): [number, number] {
  const cols = LOG_DATA_FIELDS.map((f) => columns[f]);
  return [Math.min(...cols), Math.max(...cols)];
}

/** COUNTA's test: anything but an empty cell. */
function filled(v: CellValue | undefined): boolean {
  return v !== null && v !== undefined;
}

// ---------------------------------------------------------------------------------------------
// The checks of a log row: Excel formula and TypeScript, the same rules

export interface LogCheckContext {
  readonly planYear: number | null;
  readonly asOf: IsoDate;
  /** The duties the dropdown lists, as the list cells hold them. */
  readonly dutyLabels: readonly string[];
  /**
   * How a row names its plan item: by the plan's STT cells (their sheet, rows and column), by row
   * number when the plan has no STT column, or not at all (a matrix plan).
   */
  readonly planRef:
    | {
        readonly kind: "no";
        readonly range: string;
        readonly values: readonly CellValue[];
      }
    | { readonly kind: "row"; readonly first: number; readonly last: number }
    | null;
}

type Get = (f: LogField) => CellValue | undefined;

interface LogRule {
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly field: LogField;
  /** The Kiểm tra text (Vietnamese, short). */
  readonly short: (ctx: LogCheckContext) => string;
  readonly message: (get: Get, ctx: LogCheckContext) => Bilingual;
  readonly test: (get: Get, ctx: LogCheckContext) => boolean;
  /**
   * The same test as an Excel condition; `c` gives a field's cell on the row ("$B5"). A guard is
   * tested first (an outer IF), so the condition never sees a value it cannot take (YEAR of a
   * text); no TRUE/FALSE constants, which some engines read as names.
   */
  readonly formula: (
    c: (f: LogField) => string,
    ctx: LogCheckContext,
    list: string | null,
  ) => { readonly guard?: string; readonly cond: string } | null;
}

const isEmpty = (v: CellValue | undefined): boolean => v === null || v === undefined || v === "";
const isNum = (v: CellValue | undefined): boolean =>
  (typeof v === "number" && Number.isFinite(v)) || isDateValue(v);
const num = (v: CellValue | undefined): number =>
  typeof v === "number" ? v : isDateValue(v) ? v.serial : NaN;
/** A value as Excel's `&""` makes it text. */
const excelText = (v: CellValue | undefined): string =>
  v === null || v === undefined ? "" : isDateValue(v) ? String(v.serial) : cellText(v);
const lower = (s: string): string => s.toLowerCase();

function yearOfSerial(serial: number): number | null {
  const iso = serialToIso(Math.floor(serial));
  return iso === null ? null : Number(iso.slice(0, 4));
}

function shownDate(v: CellValue | undefined): string {
  if (isNum(v)) {
    const iso = serialToIso(Math.floor(num(v)));
    if (iso !== null) return formatVnDate(iso);
  }
  return excelText(v);
}

const LOG_RULES: readonly LogRule[] = [
  {
    code: "log.air-date-missing",
    severity: "warning",
    field: "airedOn",
    short: () => "CẢNH BÁO Ngày phát sóng: để trống, chưa tính vào chỉ tiêu",
    message: () => ({
      vi: "Hàng nhật ký chưa có ngày phát sóng nên chưa được tính vào chỉ tiêu nào. Nhập ngày dạng dd/mm/yyyy.",
      en: "This log row has no air date, so it counts towards no quota. Enter the date as dd/mm/yyyy.",
    }),
    test: (g) => isEmpty(g("airedOn")),
    formula: (c) => ({ cond: `${c("airedOn")}=""` }),
  },
  {
    code: "log.air-date-invalid",
    severity: "error",
    field: "airedOn",
    short: () => "LỖI Ngày phát sóng: không phải ngày (dd/mm/yyyy)",
    message: (g) => ({
      vi: `"${excelText(g("airedOn"))}" không phải là ngày. Nhập ngày phát sóng dạng dd/mm/yyyy, ví dụ 15/09/2023.`,
      en: `"${excelText(g("airedOn"))}" is not a date. Enter the air date as dd/mm/yyyy, e.g. 15/09/2023.`,
    }),
    test: (g) => !isEmpty(g("airedOn")) && !isNum(g("airedOn")),
    formula: (c) => ({ cond: `AND(${c("airedOn")}<>"",NOT(ISNUMBER(${c("airedOn")})))` }),
  },
  {
    code: "log.air-date-other-year",
    severity: "warning",
    field: "airedOn",
    short: (ctx) => `CẢNH BÁO Ngày phát sóng: ngoài năm ${ctx.planYear ?? ""}`,
    message: (g, ctx) => ({
      vi: `Ngày phát sóng ${shownDate(g("airedOn"))} không thuộc năm kế hoạch ${ctx.planYear ?? ""}.`,
      en: `The air date ${shownDate(g("airedOn"))} is outside the plan year ${ctx.planYear ?? ""}.`,
    }),
    test: (g, ctx) =>
      ctx.planYear !== null &&
      isNum(g("airedOn")) &&
      yearOfSerial(num(g("airedOn"))) !== ctx.planYear,
    formula: (c, ctx) =>
      ctx.planYear === null
        ? null
        : { guard: `ISNUMBER(${c("airedOn")})`, cond: `YEAR(${c("airedOn")})<>${ctx.planYear}` },
  },
  {
    code: "log.air-date-future",
    severity: "warning",
    field: "airedOn",
    short: () => "CẢNH BÁO Ngày phát sóng: sau ngày tính",
    message: (g, ctx) => ({
      vi: `Ngày phát sóng ${shownDate(g("airedOn"))} sau ngày tính ${formatVnDate(ctx.asOf)}: kiểm tra lại ngày.`,
      en: `The air date ${shownDate(g("airedOn"))} is after the as-of date ${formatVnDate(ctx.asOf)}: check it.`,
    }),
    test: (g, ctx) => isNum(g("airedOn")) && num(g("airedOn")) > isoToSerial(ctx.asOf),
    formula: (c) => ({ guard: `ISNUMBER(${c("airedOn")})`, cond: `${c("airedOn")}>${AS_OF_NAME}` }),
  },
  {
    code: "log.unknown-duty",
    severity: "error",
    field: "duty",
    short: () => "LỖI Nhiệm vụ định kỳ: không có trong danh sách",
    message: (g, ctx) => ({
      vi: `Nhiệm vụ "${excelText(g("duty"))}" không có trong danh sách nhiệm vụ định kỳ của kế hoạch${ctx.dutyLabels.length > 0 ? ` (${ctx.dutyLabels.map((d) => `"${d}"`).join(", ")})` : " (kế hoạch không có nhiệm vụ định kỳ nào)"}. Chọn trong danh sách thả xuống.`,
      en: `The duty "${excelText(g("duty"))}" is not one of the plan's recurring duties${ctx.dutyLabels.length > 0 ? ` (${ctx.dutyLabels.map((d) => `"${d}"`).join(", ")})` : " (the plan has none)"}. Choose one from the dropdown.`,
    }),
    test: (g, ctx) => {
      const v = g("duty");
      if (isEmpty(v)) return false;
      return typeof v !== "string" || !ctx.dutyLabels.some((d) => lower(d) === lower(v));
    },
    formula: (c, _ctx, list) =>
      list === null
        ? { cond: `${c("duty")}<>""` }
        : { guard: `${c("duty")}<>""`, cond: `SUMPRODUCT(--(${list}=${c("duty")}))=0` },
  },
  {
    code: "log.unlinked",
    severity: "warning",
    field: "duty",
    short: () => "CẢNH BÁO: chưa gắn nhiệm vụ định kỳ hay mục kế hoạch nào",
    message: () => ({
      vi: "Hàng nhật ký không gắn với nhiệm vụ định kỳ hay mục kế hoạch nào nên không được tính vào đâu. Chọn nhiệm vụ định kỳ hoặc ghi STT mục kế hoạch.",
      en: "This log row is linked to no recurring duty and no plan item, so it counts nowhere. Choose a duty or write the plan item's No.",
    }),
    test: (g, ctx) => isEmpty(g("duty")) && (ctx.planRef === null || isEmpty(g("planItem"))),
    formula: (c, ctx) => ({
      cond: ctx.planRef === null ? `${c("duty")}=""` : `AND(${c("duty")}="",${c("planItem")}="")`,
    }),
  },
  {
    code: "log.unknown-plan-item",
    severity: "error",
    field: "planItem",
    short: (ctx) =>
      ctx.planRef?.kind === "row"
        ? "LỖI Mục kế hoạch: không có hàng này trong kế hoạch"
        : "LỖI Mục kế hoạch: không có STT này trong kế hoạch",
    message: (g, ctx) =>
      ctx.planRef?.kind === "row"
        ? {
            vi: `Mục kế hoạch "${excelText(g("planItem"))}" không phải hàng của một mục trong kế hoạch (hàng ${ctx.planRef.first}–${ctx.planRef.last}).`,
            en: `The plan item "${excelText(g("planItem"))}" is not the row of a plan item (rows ${ctx.planRef.first}–${ctx.planRef.last}).`,
          }
        : {
            vi: `Kế hoạch không có mục nào có STT "${excelText(g("planItem"))}". Ghi STT của mục mà hàng này là bằng chứng đã phát sóng.`,
            en: `No plan item has the No. "${excelText(g("planItem"))}". Write the No. of the item this row proves aired.`,
          },
    test: (g, ctx) => {
      const v = g("planItem");
      const ref = ctx.planRef;
      if (ref === null || isEmpty(v)) return false;
      if (ref.kind === "row") {
        if (!isNum(v)) return true;
        const n = num(v);
        return n < ref.first || n > ref.last || n !== Math.floor(n);
      }
      const want = lower(excelText(v));
      return !ref.values.some((s) => lower(excelText(s)) === want);
    },
    formula: (c, ctx) => {
      const ref = ctx.planRef;
      if (ref === null) return null;
      const k = c("planItem");
      if (ref.kind === "row")
        return {
          guard: `${k}<>""`,
          cond: `IF(ISNUMBER(${k}),OR(${k}<${ref.first},${k}>${ref.last},${k}<>INT(${k})),1)`,
        };
      return { guard: `${k}<>""`, cond: `SUMPRODUCT(--(${ref.range}&""=${k}&""))=0` };
    },
  },
  {
    code: "log.fee-invalid",
    severity: "error",
    field: "fee",
    short: () => "LỖI Nhuận bút, kinh phí: không phải số",
    message: (g) => ({
      vi: `"${excelText(g("fee"))}" không phải số tiền. Nhập số đồng, ví dụ 1500000.`,
      en: `"${excelText(g("fee"))}" is not an amount. Enter a number of đồng, e.g. 1500000.`,
    }),
    test: (g) => !isEmpty(g("fee")) && !isNum(g("fee")),
    formula: (c) => ({ cond: `AND(${c("fee")}<>"",NOT(ISNUMBER(${c("fee")})))` }),
  },
  {
    code: "log.accept-date-invalid",
    severity: "error",
    field: "acceptDate",
    short: () => "LỖI Ngày nghiệm thu: không phải ngày",
    message: (g) => ({
      vi: `"${excelText(g("acceptDate"))}" không phải là ngày. Nhập ngày nghiệm thu dạng dd/mm/yyyy.`,
      en: `"${excelText(g("acceptDate"))}" is not a date. Enter the acceptance date as dd/mm/yyyy.`,
    }),
    test: (g) => !isEmpty(g("acceptDate")) && !isNum(g("acceptDate")),
    formula: (c) => ({ cond: `AND(${c("acceptDate")}<>"",NOT(ISNUMBER(${c("acceptDate")})))` }),
  },
  {
    code: "log.paid-date-invalid",
    severity: "error",
    field: "paidOn",
    short: () => "LỖI Ngày thanh toán: không phải ngày",
    message: (g) => ({
      vi: `"${excelText(g("paidOn"))}" không phải là ngày. Nhập ngày thanh toán dạng dd/mm/yyyy.`,
      en: `"${excelText(g("paidOn"))}" is not a date. Enter the payment date as dd/mm/yyyy.`,
    }),
    test: (g) => !isEmpty(g("paidOn")) && !isNum(g("paidOn")),
    formula: (c) => ({ cond: `AND(${c("paidOn")}<>"",NOT(ISNUMBER(${c("paidOn")})))` }),
  },
  {
    code: "log.paid-without-acceptance",
    severity: "warning",
    field: "paidOn",
    short: () => "CẢNH BÁO: đã thanh toán nhưng chưa có biên bản nghiệm thu",
    message: () => ({
      vi: "Đã ghi ngày thanh toán nhưng chưa có số hoặc ngày biên bản nghiệm thu: thanh toán cần biên bản nghiệm thu làm chứng từ.",
      en: "A payment date is entered but no acceptance record (number or date): payment needs the acceptance record as proof.",
    }),
    test: (g) => !isEmpty(g("paidOn")) && isEmpty(g("acceptNo")) && isEmpty(g("acceptDate")),
    formula: (c) => ({ cond: `AND(${c("paidOn")}<>"",${c("acceptNo")}="",${c("acceptDate")}="")` }),
  },
  {
    code: "log.accepted-before-air",
    severity: "warning",
    field: "acceptDate",
    short: () => "CẢNH BÁO: nghiệm thu trước ngày phát sóng",
    message: (g) => ({
      vi: `Ngày nghiệm thu ${shownDate(g("acceptDate"))} trước ngày phát sóng ${shownDate(g("airedOn"))}: kiểm tra lại hai ngày.`,
      en: `The acceptance date ${shownDate(g("acceptDate"))} is before the air date ${shownDate(g("airedOn"))}: check both dates.`,
    }),
    test: (g) =>
      isNum(g("acceptDate")) && isNum(g("airedOn")) && num(g("acceptDate")) < num(g("airedOn")),
    formula: (c) => ({
      guard: `AND(ISNUMBER(${c("acceptDate")}),ISNUMBER(${c("airedOn")}))`,
      cond: `${c("acceptDate")}<${c("airedOn")}`,
    }),
  },
  {
    code: "log.paid-before-acceptance",
    severity: "warning",
    field: "paidOn",
    short: () => "CẢNH BÁO: thanh toán trước ngày nghiệm thu",
    message: (g) => ({
      vi: `Ngày thanh toán ${shownDate(g("paidOn"))} trước ngày nghiệm thu ${shownDate(g("acceptDate"))}: kiểm tra lại hai ngày.`,
      en: `The payment date ${shownDate(g("paidOn"))} is before the acceptance date ${shownDate(g("acceptDate"))}: check both dates.`,
    }),
    test: (g) =>
      isNum(g("paidOn")) && isNum(g("acceptDate")) && num(g("paidOn")) < num(g("acceptDate")),
    formula: (c) => ({
      guard: `AND(ISNUMBER(${c("paidOn")}),ISNUMBER(${c("acceptDate")}))`,
      cond: `${c("paidOn")}<${c("acceptDate")}`,
    }),
  },
];

function activeRules(ctx: LogCheckContext): LogRule[] {
  return LOG_RULES.filter(
    (r) =>
      (r.code !== "log.air-date-other-year" || ctx.planYear !== null) &&
      (r.code !== "log.unknown-plan-item" || ctx.planRef !== null),
  );
}

/** The duty list's cells on the log sheet ("$S$5:$S$6"), or null when there is no duty. */
export function dutyListRange(columns: LogColumns, count: number): string | null {
  if (count === 0) return null;
  return `${a1Abs(LOG_FIRST_ROW, columns.dutyList)}:${a1Abs(LOG_FIRST_ROW + count - 1, columns.dutyList)}`;
}

/** The Kiểm tra formula of log row `row`. */
export function logCheckFormula(row: number, columns: LogColumns, ctx: LogCheckContext): string {
  const c = (f: LogField): string => `$${columnLetter(columns[f])}${row}`;
  const list = dutyListRange(columns, ctx.dutyLabels.length);
  const [lo, hi] = dataSpan(columns);
  const parts = activeRules(ctx)
    .map((r) => {
      const f = r.formula(c, ctx, list);
      if (f === null) return null;
      const text = `IF(${f.cond},"; ${r.short(ctx)}","")`;
      return f.guard === undefined ? text : `IF(${f.guard},${text},"")`;
    })
    .filter((p): p is string => p !== null);
  const span = `$${columnLetter(lo)}${row}:$${columnLetter(hi)}${row}`;
  return `IF(COUNTA(${span})=0,"",MID(${parts.join("&")},3,2000))`;
}

function getter(entry: LogEntry | undefined): Get {
  return (f) => entry?.values[f];
}

/** The Kiểm tra value the formula gives for the row (null for an empty row). */
export function logCheckText(entry: LogEntry | undefined, ctx: LogCheckContext): string {
  if (!entry) return "";
  const g = getter(entry);
  return activeRules(ctx)
    .filter((r) => r.test(g, ctx))
    .map((r) => r.short(ctx))
    .join("; ");
}

/** The findings of the log's rows, at their cells (check reports them with the plan's). */
export function logDiagnostics(log: LogRead, ctx: LogCheckContext): Diagnostic[] {
  if (log.foreign) return [foreignLog(log.sheet)];
  const out: Diagnostic[] = [];
  const rules = activeRules(ctx);
  for (const entry of log.entries) {
    const g = getter(entry);
    for (const r of rules) {
      if (!r.test(g, ctx)) continue;
      const v = g(r.field);
      out.push(
        locate(issue(r.code, r.severity, r.message(g, ctx)), {
          sheet: log.sheet,
          row: entry.row,
          col: log.columns[r.field],
          field: null,
          value:
            v === null || v === undefined
              ? null
              : r.field.endsWith("On") || r.field === "acceptDate"
                ? shownDate(v)
                : excelText(v),
        }),
      );
    }
  }
  return out;
}

function foreignLog(sheet: string): Diagnostic {
  return locate(
    issue("log.foreign-sheet", "warning", {
      vi: `Trang "${sheet}" không theo mẫu nhật ký của công cụ (hàng ${LOG_HEADER_ROW} thiếu các cột "${LOG_HEADERS.airedOn.vi}", "${LOG_HEADERS.duty.vi}", "${LOG_HEADERS.check.vi}"): công cụ không ghi gì vào trang này và không đếm chỉ tiêu định kỳ. Đổi tên trang đó để công cụ tạo nhật ký mới.`,
      en: `The sheet "${sheet}" is not the tool's log (row ${LOG_HEADER_ROW} lacks the columns "${LOG_HEADERS.airedOn.vi}", "${LOG_HEADERS.duty.vi}", "${LOG_HEADERS.check.vi}"): the tool writes nothing there and counts no recurring quota. Rename that sheet so the tool can make a new log.`,
    }),
    { sheet, row: null, col: null, field: null, value: null },
  );
}

// ---------------------------------------------------------------------------------------------
// Layout

export interface LogSheetInput {
  /** The log as it is now; null when the workbook has none (it is created). */
  readonly existing: LogRead | null;
  readonly ctx: LogCheckContext;
  readonly planTitle: string | null;
}

export interface LogSheetLayout {
  readonly spec: SheetSpec;
  readonly columns: LogColumns;
  /** The last row of the block the rules and Kiểm tra formulas cover. */
  readonly blockEnd: number;
}

const HEADER_STYLE = {
  bold: true,
  fill: COLORS.trackerHeader,
  border: true,
  wrap: true,
  valign: "middle",
} as const;
const TOOL_HEADER_STYLE = { ...HEADER_STYLE, fill: COLORS.computedHeader, italic: true } as const;
const NO_WRAP = { wrap: false } as const;

/** The block's last row: enough rows, room below the clerk's last one, never less than before. */
export function logBlockEnd(existing: LogRead | null): number {
  const lastEntry = existing?.entries[existing.entries.length - 1]?.row ?? 0;
  return Math.max(
    LOG_FIRST_ROW + LOG_MIN_ROWS - 1,
    lastEntry + LOG_HEADROOM,
    existing?.blockEnd ?? 0,
  );
}

function validations(columns: LogColumns, end: number, ctx: LogCheckContext): ValidationSpec[] {
  const range = (f: LogField): string => `${a1(LOG_FIRST_ROW, columns[f])}:${a1(end, columns[f])}`;
  const out: ValidationSpec[] = [];
  const year = ctx.planYear;
  if (year !== null) {
    out.push({
      range: range("airedOn"),
      type: "date",
      operator: "between",
      formulae: [String(isoToSerial(`${year}-01-01`)), String(isoToSerial(`${year}-12-31`))],
      allowBlank: true,
      errorStyle: "warning",
      errorTitle: "Ngày phát sóng / Air date",
      error: `Ngày phát sóng nên trong năm ${year} (dd/mm/yyyy). / The air date should be in ${year} (dd/mm/yyyy).`,
    });
  }
  out.push({
    range: range("type"),
    type: "list",
    formulae: [`"${PRODUCT_TYPES.join(",")}"`],
    allowBlank: true,
    errorStyle: "warning",
    errorTitle: "Loại sản phẩm / Type",
    error: `Nên chọn trong danh sách: ${PRODUCT_TYPES.join(", ")}. / Prefer a type from the list.`,
  });
  out.push({
    range: range("duration"),
    type: "custom",
    formulae: [
      `OR(ISTEXT(${a1(LOG_FIRST_ROW, columns.duration)}),${a1(LOG_FIRST_ROW, columns.duration)}>0)`,
    ],
    allowBlank: true,
    errorStyle: "warning",
    errorTitle: "Thời lượng / Duration",
    error:
      'Thời lượng phải lớn hơn 0, ví dụ "05 phút" hoặc 5. / The duration must be above 0, e.g. "05 phút" or 5.',
  });
  out.push({
    range: range("fee"),
    type: "decimal",
    operator: "greaterThanOrEqual",
    formulae: ["0"],
    allowBlank: true,
    errorStyle: "stop",
    errorTitle: "Nhuận bút, kinh phí / Fee",
    error: "Nhập số tiền bằng đồng (≥ 0), ví dụ 1500000. / Enter an amount in đồng (≥ 0).",
  });
  const list = dutyListRange(columns, ctx.dutyLabels.length);
  if (list !== null) {
    out.push({
      range: range("duty"),
      type: "list",
      formulae: [list],
      allowBlank: true,
      errorStyle: "stop",
      errorTitle: "Nhiệm vụ định kỳ / Duty",
      error:
        "Chọn một nhiệm vụ định kỳ của kế hoạch trong danh sách. / Choose one of the plan's recurring duties.",
    });
  }
  const ref = ctx.planRef;
  if (ref?.kind === "no") {
    out.push({
      range: range("planItem"),
      type: "list",
      formulae: [ref.range],
      allowBlank: true,
      errorStyle: "warning",
      errorTitle: "Mục kế hoạch / Plan item",
      error: "Ghi STT của một mục trong kế hoạch. / Write the No. of a plan item.",
    });
  } else if (ref?.kind === "row") {
    out.push({
      range: range("planItem"),
      type: "whole",
      operator: "between",
      formulae: [String(ref.first), String(ref.last)],
      allowBlank: true,
      errorStyle: "warning",
      errorTitle: "Mục kế hoạch / Plan item",
      error: `Ghi số hàng của một mục trong kế hoạch (${ref.first}–${ref.last}). / Write a plan item's row.`,
    });
  }
  if (year !== null) {
    for (const f of ["acceptDate", "paidOn"] as const) {
      out.push({
        range: range(f),
        type: "date",
        operator: "between",
        formulae: [String(isoToSerial(`${year}-01-01`)), String(isoToSerial(`${year + 1}-12-31`))],
        allowBlank: true,
        errorStyle: "warning",
        errorTitle:
          f === "acceptDate" ? "Ngày nghiệm thu / Accepted on" : "Ngày thanh toán / Paid on",
        error: `Nhập ngày dd/mm/yyyy trong năm ${year} hoặc ${year + 1}. / Enter a date (dd/mm/yyyy) in ${year} or ${year + 1}.`,
      });
    }
  }
  return out;
}

/** Columns the tool validates: their rules over the old block go before the new ones are set. */
const VALIDATED: readonly LogField[] = [
  "airedOn",
  "type",
  "duration",
  "fee",
  "duty",
  "planItem",
  "acceptDate",
  "paidOn",
];

/**
 * The ranges to clear before the rules are set again: every validated column over the whole
 * block (the old one or the new, whichever is longer), whatever rules the last run chose.
 */
function staleValidationRanges(columns: LogColumns, end: number): string[] {
  return VALIDATED.map((f) => `${a1(LOG_FIRST_ROW, columns[f])}:${a1(end, columns[f])}`);
}

/**
 * Number formats of the clerk's date and money columns, on rows `from`..`to` (format only), on
 * cells still empty: a value the clerk typed keeps the format it was typed with.
 */
function formats(
  columns: LogColumns,
  from: number,
  to: number,
  existing: LogRead | null = null,
): CellSpec[] {
  const out: CellSpec[] = [];
  const fmt: [LogField, string][] = [
    ["airedOn", DATE_FORMAT],
    ["acceptDate", DATE_FORMAT],
    ["paidOn", DATE_FORMAT],
    ["fee", VND_FORMAT],
  ];
  const byRow = new Map((existing?.entries ?? []).map((e) => [e.row, e]));
  for (const [f, numFmt] of fmt)
    for (let row = from; row <= to; row++) {
      if (byRow.get(row)?.values[f] !== undefined) continue;
      out.push({ row, col: columns[f], numFmt });
    }
  return out;
}

/** The tool's cells on every run: Kiểm tra formulas over the block and the duty list. */
function toolCells(
  columns: LogColumns,
  end: number,
  ctx: LogCheckContext,
  existing: LogRead | null,
): CellSpec[] {
  const out: CellSpec[] = [];
  const byRow = new Map((existing?.entries ?? []).map((e) => [e.row, e]));
  for (let row = LOG_FIRST_ROW; row <= end; row++) {
    out.push({
      row,
      col: columns.check,
      formula: logCheckFormula(row, columns, ctx),
      result: logCheckText(byRow.get(row), ctx),
      style: NO_WRAP,
    });
  }
  out.push({
    row: LOG_HEADER_ROW,
    col: columns.dutyList,
    value: LOG_HEADERS.dutyList.vi,
    style: TOOL_HEADER_STYLE,
  });
  ctx.dutyLabels.forEach((label, i) =>
    out.push({
      row: LOG_FIRST_ROW + i,
      col: columns.dutyList,
      value: label,
      style: { border: true },
    }),
  );
  // Duties the plan no longer has: their cells are emptied (the list is the tool's).
  for (let row = LOG_FIRST_ROW + ctx.dutyLabels.length; row <= (existing?.listEnd ?? 0); row++)
    out.push({ row, col: columns.dutyList, value: null });
  return out;
}

export function logSheetLayout(input: LogSheetInput): LogSheetLayout {
  const { existing, ctx } = input;
  const end = logBlockEnd(existing);
  if (existing !== null) {
    const columns = existing.columns;
    const spec: SheetSpec = {
      ...emptySheet(existing.sheet, "patch"),
      cells: [
        ...toolCells(columns, end, ctx, existing),
        // Formats only on rows the block gains: the clerk's own formats above stay.
        ...formats(columns, Math.max(existing.blockEnd + 1, LOG_FIRST_ROW), end, existing),
      ],
      columns: [
        { col: columns.check, width: WIDTHS.check },
        { col: columns.dutyList, width: WIDTHS.dutyList },
      ],
      validations: validations(columns, end, ctx),
      remove: {
        validations: staleValidationRanges(columns, Math.max(existing.blockEnd, end)),
        conditionalFormats: [],
        tables: [],
      },
    };
    return { spec, columns, blockEnd: end };
  }
  const columns = LOG_DEFAULT_COLUMNS;
  const cells: CellSpec[] = [
    {
      row: 1,
      col: 1,
      value: `NHẬT KÝ PHÁT SÓNG, CỘNG TÁC${input.planTitle ? ` — ${input.planTitle}` : ""}`,
      style: { bold: true, size: 14, color: COLORS.title },
    },
    {
      row: 2,
      col: 1,
      value:
        'Mỗi hàng là một lần phát sóng hoặc một tin, bài cộng tác. Chọn "Nhiệm vụ định kỳ" để hàng được tính vào chỉ tiêu (trang Tiến độ); ghi "Mục kế hoạch (STT)" nếu hàng này là bằng chứng đã phát sóng của mục đó. Tuần tính theo ISO: thứ Hai đến Chủ nhật. / One row per broadcast or contribution; the tool never rewrites these rows.',
      style: { italic: true, color: "595959" },
    },
  ];
  for (const f of LOG_DATA_FIELDS)
    cells.push({
      row: LOG_HEADER_ROW,
      col: columns[f],
      value: LOG_HEADERS[f].vi,
      style: HEADER_STYLE,
    });
  cells.push({
    row: LOG_HEADER_ROW,
    col: columns.check,
    value: LOG_HEADERS.check.vi,
    style: HEADER_STYLE,
  });
  cells.push(...toolCells(columns, end, ctx, null));
  cells.push(...formats(columns, LOG_FIRST_ROW, end));
  const widths: ColumnSpec[] = (Object.keys(WIDTHS) as LogField[]).map((f) => ({
    col: columns[f],
    width: WIDTHS[f],
  }));
  const spec: SheetSpec = {
    ...emptySheet(LOG_SHEET, "create-if-missing"),
    cells,
    columns: widths,
    validations: validations(columns, end, ctx),
    freeze: { rows: LOG_HEADER_ROW, cols: 0 },
    tabColor: "70AD47",
  };
  return { spec, columns, blockEnd: end };
}

/** The log's ranges the summaries count with (`'Nhật ký phát sóng'!$J$5:$J$304` …). */
export interface LogRefs {
  readonly duty: string;
  readonly airedOn: string;
}

export function logRefs(sheet: string, columns: LogColumns, blockEnd: number): LogRefs {
  const ref = (f: LogField): string =>
    `${sheetRef(sheet)}!${a1Abs(LOG_FIRST_ROW, columns[f])}:${a1Abs(blockEnd, columns[f])}`;
  return { duty: ref("duty"), airedOn: ref("airedOn") };
}

/**
 * The plan items the log proves aired: each log row that names a plan item (by STT, or row when
 * the plan has no STT column) that exists, with that item's plan row.
 */
export function logProofs(
  entries: readonly LogEntry[],
  ctx: LogCheckContext,
  firstPlanRow: number,
): { readonly logRow: number; readonly planRow: number }[] {
  const ref = ctx.planRef;
  if (ref === null) return [];
  const out: { logRow: number; planRow: number }[] = [];
  for (const e of entries) {
    const v = e.values.planItem;
    if (isEmpty(v)) continue;
    if (ref.kind === "row") {
      if (isNum(v) && num(v) >= ref.first && num(v) <= ref.last && num(v) === Math.floor(num(v)))
        out.push({ logRow: e.row, planRow: num(v) });
      continue;
    }
    const want = lower(excelText(v));
    const at = ref.values.findIndex((s) => lower(excelText(s)) === want);
    if (at >= 0) out.push({ logRow: e.row, planRow: firstPlanRow + at });
  }
  return out;
}

/** How the log's checks see the plan: its year, the as-of date, the duties and the items' STT. */
export function logCheckContext(
  plan: Plan,
  planSheet: SheetData,
  asOf: IsoDate,
  dutyLabels: readonly string[],
): LogCheckContext {
  const first = plan.header.headerRow + 1;
  const last = plan.lastItemRow;
  const noCol = plan.header.columns.no;
  let planRef: LogCheckContext["planRef"] = null;
  if (!plan.matrix && last >= first) {
    if (noCol !== undefined) {
      const values: CellValue[] = [];
      for (let r = first; r <= last; r++) values.push(planSheet.rows[r - 1]?.[noCol - 1] ?? null);
      planRef = {
        kind: "no",
        range: `${sheetRef(plan.sheet)}!${a1Abs(first, noCol)}:${a1Abs(last, noCol)}`,
        values,
      };
    } else planRef = { kind: "row", first, last };
  }
  return { planYear: plan.planYear, asOf, dutyLabels, planRef };
}

/** The workbook's log sheet, its name compared as Excel compares (without case). */
export function findLogSheet(sheets: readonly SheetData[]): SheetData | undefined {
  const key = LOG_SHEET.toLocaleLowerCase("vi");
  return sheets.find((s) => s.name.toLocaleLowerCase("vi") === key);
}
