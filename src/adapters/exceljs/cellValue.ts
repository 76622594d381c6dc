/**
 * exceljs cell values → the domain's CellValue. exceljs turns date-formatted numbers into
 * JavaScript Dates at UTC midnight of the serial; we turn them back into serials so no time zone
 * ever touches a date.
 */
import type ExcelJS from "exceljs";
import type { CellValue } from "../../domain/cell";

const MS_PER_DAY = 86_400_000;
const UNIX_EPOCH_SERIAL = 25569;

export function dateToSerial(d: Date): number {
  return d.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

export function serialToDate(serial: number): Date {
  return new Date(Math.round((serial - UNIX_EPOCH_SERIAL) * MS_PER_DAY));
}

export function fromExcelJs(v: ExcelJS.CellValue | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (v instanceof Date) {
    const serial = dateToSerial(v);
    return Number.isFinite(serial) ? { kind: "date", serial } : null;
  }
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText))
      return v.richText.map((r) => r.text ?? "").join("");
    if ("error" in v && typeof v.error === "string") return { kind: "error", code: v.error };
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as { result?: unknown }).result;
      if (result === undefined || result === null) return null;
      if (typeof result === "object" && !(result instanceof Date) && "error" in result) {
        return { kind: "error", code: String(result.error) };
      }
      return fromExcelJs(result as ExcelJS.CellValue);
    }
    if ("text" in v) {
      const text = (v as { text: unknown }).text;
      if (typeof text === "string") return text;
      if (typeof text === "object" && text !== null && "richText" in text) {
        return fromExcelJs(text as ExcelJS.CellValue);
      }
    }
  }
  return null;
}

export function isFormulaValue(v: ExcelJS.CellValue | undefined): boolean {
  return (
    typeof v === "object" &&
    v !== null &&
    !(v instanceof Date) &&
    ("formula" in v || "sharedFormula" in v)
  );
}
