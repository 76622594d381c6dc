/**
 * CSV fields that a spreadsheet opens as text, never as a formula (OWASP "CSV Injection"): a
 * field starting with = + - @, a tab or a carriage return gets a leading apostrophe, and every
 * text field is quoted with its quotes doubled. Numbers stay numbers.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */

export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One CSV line (CRLF-terminated, as RFC 4180 and Excel expect). */
export function csvRow(values: readonly CsvValue[], separator = ","): string {
  return `${values.map(csvField).join(separator)}\r\n`;
}
