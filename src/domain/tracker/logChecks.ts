/**
 * The checks of a broadcast-log row, twice and the same: as the live Excel formula of its
 * "Kiểm tra" cell (no add-in needed) and in TypeScript, for the cell's cached value and for
 * `check`'s findings at the row's cells. logCheckText mirrors logCheckFormula rule by rule.
 */
import { formatVnDate, isoToSerial, serialToIso, type IsoDate } from "../calendar";
import { a1Abs, cellText, columnLetter, isDateValue, sheetRef, type CellValue } from "../cell";
import { issue, locate, type Bilingual, type Diagnostic } from "../diagnostics";
import type { Plan } from "../plan";
import type { SheetData } from "../workbookData";
import {
  dataSpan,
  LOG_FIRST_ROW,
  LOG_HEADER_ROW,
  LOG_HEADERS,
  type LogColumns,
  type LogEntry,
  type LogField,
  type LogRead,
} from "./logRead";
import { AS_OF_NAME } from "./metadata";

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
