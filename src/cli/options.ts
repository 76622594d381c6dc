/** Parsing of option values shared by commands; bad values are usage errors (exit 2). */
import { parseIso, toIso, type IsoDate } from "../domain/calendar";
import { PlanTrackerError } from "../domain/diagnostics";

export function parseAsOf(text: string | undefined): IsoDate | null {
  if (text === undefined) return null;
  const c = parseIso(text);
  if (!c) {
    throw new PlanTrackerError("usage.as-of", {
      vi: `--as-of "${text}" không hợp lệ: dùng dạng YYYY-MM-DD, ví dụ --as-of 2023-10-15.`,
      en: `--as-of "${text}" is not valid: use YYYY-MM-DD, e.g. --as-of 2023-10-15.`,
    });
  }
  return toIso(c.year, c.month, c.day);
}

export function parseYear(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (!/^\d{4}$/.test(text.trim()) || n < 1990 || n > 2100) {
    throw new PlanTrackerError("usage.year", {
      vi: `--year "${text}" không hợp lệ: nhập năm bốn chữ số từ 1990 đến 2100, ví dụ --year 2023.`,
      en: `--year "${text}" is not valid: give a four-digit year from 1990 to 2100, e.g. --year 2023.`,
    });
  }
  return n;
}
