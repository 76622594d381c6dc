/** Parsing of option values shared by commands; bad values are usage errors (exit 2). */
import { parseIso, toIso, type IsoDate } from "../domain/calendar";
import { PlanTrackerError } from "../domain/diagnostics";
import { parsePeriodKey, PERIOD_HELP, type PeriodKey } from "../domain/reportingPeriod";

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

/** --period Q1|Q2|Q3|Q4|H1|9M|Y (any case); absent: null, the latest closed period. */
export function parsePeriodOption(text: string | undefined): PeriodKey | null {
  if (text === undefined) return null;
  const key = parsePeriodKey(text);
  if (!key) {
    throw new PlanTrackerError("usage.period", {
      vi: `--period "${text}" không hợp lệ: dùng ${PERIOD_HELP.vi}, ví dụ --period Q3. Bỏ --period thì báo cáo kỳ đã kết thúc gần nhất.`,
      en: `--period "${text}" is not valid: use ${PERIOD_HELP.en}, e.g. --period Q3. Without --period the report is for the latest closed period.`,
    });
  }
  return key;
}
