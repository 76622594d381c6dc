/**
 * Recurring duties counted against their quotas: for each duty of the plan ("Hằng tuần … cộng tác
 * tin, phóng sự"), each week, month or quarter of its window is met, short or ahead by the rows
 * of the broadcast log that name the duty and fall in it. Counted as the Progress sheet's live
 * formulas count them (SUMPRODUCT of exact, case-insensitive duty matches and air dates that are
 * numbers within the period), so the cached values and the PDF say what Excel shows.
 */
import { isoToSerial, type IsoDate } from "../calendar";
import { isDateValue } from "../cell";
import { dutyPeriods, type DutyPeriod } from "../dutyPeriods";
import type { PlanItem } from "../planItem";
import { EVERY_LABEL, frequencyText, quotaText, type Recurrence } from "../recurrence";
import type { ReportWindow } from "../reportingPeriod";
import type { LogEntry } from "../tracker/logSheet";
import type { QuotaLine, QuotaSource } from "./periodFigures";

/** How a period stands against its quota, in the order the status formula decides it. */
export type QuotaStatus = "ahead" | "met" | "short" | "open" | "future";

export const QUOTA_STATUS_LABEL: Readonly<Record<QuotaStatus, { vi: string; en: string }>> = {
  ahead: { vi: "Vượt", en: "ahead" },
  met: { vi: "Đạt", en: "met" },
  short: { vi: "Thiếu", en: "short" },
  open: { vi: "Đang thực hiện", en: "in progress" },
  future: { vi: "Chưa đến kỳ", en: "not yet" },
};

export interface Duty {
  /** The plan row. */
  readonly row: number;
  /** The text the log's duty cells hold: the title, made unique (Excel compares without case). */
  readonly label: string;
  readonly title: string | null;
  readonly unit: string | null;
  readonly recurrence: Recurrence;
  /** The quota per period: the one stated, else 1 (a duty "hằng tuần" wants at least one a week). */
  readonly quota: number;
  readonly periods: readonly DutyPeriod[];
}

export interface DutyPeriodResult {
  readonly period: DutyPeriod;
  readonly quota: number;
  readonly done: number;
  readonly status: QuotaStatus;
}

export interface DutyFigures {
  readonly duty: Duty;
  readonly results: readonly DutyPeriodResult[];
  /** Log rows of the duty with an air date in one of its periods. */
  readonly done: number;
  /** Periods over by the as-of date, and of them those that met (or beat) the quota. */
  readonly ended: number;
  readonly endedMet: number;
  readonly short: number;
  readonly ahead: number;
}

export interface RecurringState {
  /** The tool's log sheet when there is one (a foreign sheet of that name is not read). */
  readonly logSheet: string | null;
  readonly logForeign: boolean;
  readonly entries: readonly LogEntry[];
  readonly duties: readonly DutyFigures[];
  /** Log rows that prove a dated plan item aired (its "Mục kế hoạch (STT)"), with the item's row. */
  readonly proofs?: readonly { readonly logRow: number; readonly planRow: number }[];
}

const LABEL_MAX = 120;

/** The plan's recurring duties, each with a unique label and its periods. */
export function dutiesOf(items: readonly PlanItem[], planYear: number | null): Duty[] {
  const taken = new Set<string>();
  const out: Duty[] = [];
  for (const item of items) {
    const rec = item.recurrence;
    if (!rec) continue;
    let label = (item.title ?? "").trim() || `Nhiệm vụ định kỳ hàng ${item.row}`;
    if (label.length > LABEL_MAX) label = `${label.slice(0, LABEL_MAX - 1)}…`;
    if (taken.has(label.toLowerCase())) label = `${label} (hàng ${item.row})`;
    taken.add(label.toLowerCase());
    out.push({
      row: item.row,
      label,
      title: item.title,
      unit: item.unit,
      recurrence: rec,
      quota: rec.quota ?? 1,
      periods: dutyPeriods(rec, { start: rec.start, end: rec.end }, planYear),
    });
  }
  return out;
}

/** The status formula's decision (Tiến độ): ahead, met, short once over, open, not yet. */
export function quotaStatus(
  done: number,
  quota: number,
  period: { start: IsoDate; end: IsoDate },
  asOf: IsoDate,
): QuotaStatus {
  if (done > quota) return "ahead";
  if (done === quota) return "met";
  if (period.end < asOf) return "short";
  if (period.start > asOf) return "future";
  return "open";
}

function airSerial(e: LogEntry): number | null {
  const v = e.values.airedOn;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  return isDateValue(v) ? v.serial : null;
}

function dutyText(e: LogEntry): string | null {
  const v = e.values.duty;
  return typeof v === "string" ? v.toLowerCase() : null;
}

export function dutyFigures(duty: Duty, entries: readonly LogEntry[], asOf: IsoDate): DutyFigures {
  const key = duty.label.toLowerCase();
  const dates = entries
    .filter((e) => dutyText(e) === key)
    .map(airSerial)
    .filter((s): s is number => s !== null);
  let done = 0;
  let ended = 0;
  let endedMet = 0;
  let short = 0;
  let ahead = 0;
  const results = duty.periods.map((period) => {
    const from = isoToSerial(period.start);
    const to = isoToSerial(period.end);
    const n = dates.filter((d) => d >= from && d <= to).length;
    done += n;
    const status = quotaStatus(n, duty.quota, period, asOf);
    if (period.end < asOf) {
      ended++;
      if (n >= duty.quota) endedMet++;
    }
    if (status === "short") short++;
    if (status === "ahead") ahead++;
    return { period, quota: duty.quota, done: n, status };
  });
  return { duty, results, done, ended, endedMet, short, ahead };
}

export function recurringState(
  items: readonly PlanItem[],
  planYear: number | null,
  log: { sheet: string | null; foreign: boolean; entries: readonly LogEntry[] },
  asOf: IsoDate,
): RecurringState | null {
  const duties = dutiesOf(items, planYear);
  if (duties.length === 0 && log.sheet === null) return null;
  const entries = log.foreign ? [] : log.entries;
  return {
    logSheet: log.foreign ? null : log.sheet,
    logForeign: log.foreign,
    entries,
    duties: duties.map((d) => dutyFigures(d, entries, asOf)),
  };
}

/**
 * The results report's quota lines: for each duty, the periods that ended within the reporting
 * window (by the as-of date) and how many of them met the quota.
 */
export function quotaSource(state: RecurringState): QuotaSource {
  return (span: ReportWindow, asOf: IsoDate): QuotaLine[] => {
    const lines: QuotaLine[] = [];
    for (const f of state.duties) {
      const r = f.duty.recurrence;
      if (r.every === null) continue;
      const inWindow = f.results.filter(
        (x) => x.period.end >= span.start && x.period.end <= span.end && x.period.end < asOf,
      );
      if (inWindow.length === 0) continue;
      const met = inWindow.filter((x) => x.done >= x.quota).length;
      const products = inWindow.reduce((s, x) => s + x.done, 0);
      const unit = EVERY_LABEL[r.every];
      lines.push({
        label: `${f.duty.label} (${frequencyText(r, "vi").toLowerCase()}, ${quotaText(r, "vi")}; ${products} sản phẩm)`,
        unit: `${unit.vi} đạt`,
        unitEn: `${unit.en}s met`,
        required: inWindow.length,
        achieved: met,
      });
    }
    return lines;
  };
}

/** The period holding the as-of date (the one in progress), else the last one over. */
export function currentResult(f: DutyFigures, asOf: IsoDate): DutyPeriodResult | null {
  const now = f.results.find((x) => x.period.start <= asOf && x.period.end >= asOf);
  if (now) return now;
  const over = f.results.filter((x) => x.period.end < asOf);
  return over[over.length - 1] ?? null;
}

/**
 * One line per duty for the command line and the pane: "… (hằng tuần, ≥ 1/tuần): 10/37 tuần
 * đạt; Tuần 38 (18/09–24/09): 1/1 — Đạt".
 */
export function dutyLine(f: DutyFigures, asOf: IsoDate, lang: "vi" | "en"): string {
  const r = f.duty.recurrence;
  const head = `"${f.duty.label}" (${frequencyText(r, lang).toLowerCase()}, ${quotaText(r, lang)})`;
  if (r.every === null || f.results.length === 0)
    return lang === "vi"
      ? `${head}: không đếm được theo kỳ`
      : `${head}: cannot be counted per period`;
  const unit = EVERY_LABEL[r.every][lang];
  const now = currentResult(f, asOf);
  const tail = now
    ? `; ${now.period.label[lang]}: ${now.done}/${now.quota} — ${QUOTA_STATUS_LABEL[now.status][lang]}`
    : "";
  return lang === "vi"
    ? `${head}: ${f.endedMet}/${f.ended} ${unit} đạt${tail}`
    : `${head}: ${f.endedMet}/${f.ended} ${unit}s met${tail}`;
}
