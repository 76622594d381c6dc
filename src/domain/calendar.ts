/**
 * Calendar arithmetic on plain civil dates. Dates travel as ISO strings ("2023-03-11") so they
 * print, compare and serialise the same everywhere, and never meet a time zone: a JavaScript Date
 * at local midnight shifts a day when the machine's TZ is west of UTC.
 */

export type IsoDate = string;

export interface CivilDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number; // 1-31
}

export type Quarter = 1 | 2 | 3 | 4;

/** Excel's day 0 is 1899-12-30 for every serial after the fictitious 1900-02-29 (serial 60). */
const EXCEL_EPOCH_DAYS = daysFromCivil(1899, 12, 30);

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidCivil(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant's days_from_civil. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function toIso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict "YYYY-MM-DD" (CLI options, settings); null when it is not a real date. */
export function parseIso(text: string): CivilDate | null {
  const m = ISO_RE.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidCivil(year, month, day) ? { year, month, day } : null;
}

export function isoToDays(iso: IsoDate): number {
  const c = parseIso(iso);
  if (!c) throw new Error(`not an ISO date: ${iso}`);
  return daysFromCivil(c.year, c.month, c.day);
}

export function daysToIso(days: number): IsoDate {
  const c = civilFromDays(days);
  return toIso(c.year, c.month, c.day);
}

export function addDays(iso: IsoDate, n: number): IsoDate {
  return daysToIso(isoToDays(iso) + n);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return isoToDays(b) - isoToDays(a);
}

/** Excel serial (1900 date system) of a civil date; the integer part only. */
export function isoToSerial(iso: IsoDate): number {
  const days = isoToDays(iso) - EXCEL_EPOCH_DAYS;
  // Serials 1-59 (Jan-Feb 1900) sit before Excel's fictitious 29/02/1900 and are one lower.
  return days < 61 ? days - 1 : days;
}

/** Civil date of an Excel serial; the fraction (time of day) is dropped. Null outside 1..2958465. */
export function serialToIso(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const whole = Math.floor(serial);
  if (whole === 60) return null; // 29/02/1900 never existed
  const days = whole < 60 ? whole + 1 : whole;
  return daysToIso(days + EXCEL_EPOCH_DAYS);
}

export function quarterOfMonth(month: number): Quarter {
  return (Math.floor((month - 1) / 3) + 1) as Quarter;
}

export function quarterOf(iso: IsoDate): Quarter {
  return quarterOfMonth(Number(iso.slice(5, 7)));
}

export function yearOf(iso: IsoDate): number {
  return Number(iso.slice(0, 4));
}

export function quarterStart(year: number, q: Quarter): IsoDate {
  return toIso(year, (q - 1) * 3 + 1, 1);
}

export function quarterEnd(year: number, q: Quarter): IsoDate {
  const month = q * 3;
  return toIso(year, month, daysInMonth(year, month));
}

export function monthEnd(year: number, month: number): IsoDate {
  return toIso(year, month, daysInMonth(year, month));
}

/** dd/mm/yyyy, the form Vietnamese documents and the tracker's cells use. */
export function formatVnDate(iso: IsoDate): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
