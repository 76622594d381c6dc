/**
 * Recurring duties: "Hằng tuần", "hàng tháng", "mỗi quý", "định kỳ hằng tháng", "2 tuần/lần" in a
 * period cell, with an optional quota ("ít nhất 02 tin/tuần", "04 phóng sự mỗi tháng",
 * "01 tin, bài/tuần") in the count cell or after the frequency. Such a row is not one dated
 * product but a duty counted period by period (week, month or quarter) against its quota on the
 * tracker's broadcast log. The user's text is kept as written; this reads what it means.
 */
import type { IsoDate } from "./calendar";
import { cellText, isBlank, isDateValue, isErrorValue, type CellValue } from "./cell";
import { normalizeType, parseCountAndType } from "./countType";
import { issue, q, type Issue } from "./diagnostics";
import { parsePeriod, type Period } from "./period";
import { clip, fold, plainPunctuation, squash } from "./text";

export type RecurrenceEvery = "week" | "month" | "quarter";

export interface Frequency {
  /** Null for "định kỳ" (periodically) that does not say how often: reported as an error. */
  readonly every: RecurrenceEvery | null;
  /** Periods per count: 1, or 2 for "2 tuần/lần" (once every two weeks). */
  readonly interval: number;
}

export interface Recurrence extends Frequency {
  /** The quota per period as the plan states it; null when none is stated (at least 1 counts). */
  readonly quota: number | null;
  /** The product type the quota names ("tin" in "02 tin/tuần"), else null. */
  readonly type: string | null;
  /** The window the duty is counted in: the plan year, or a period given with it. */
  readonly start: IsoDate | null;
  readonly end: IsoDate | null;
}

export interface QuotaReading {
  readonly quota: number;
  readonly type: string | null;
  /** The period the quota is per ("/tuần"), when it says one. */
  readonly per: Frequency | null;
}

export interface QuotaResult {
  readonly value: QuotaReading | null;
  readonly issues: Issue[];
}

export const EVERY_LABEL: Readonly<Record<RecurrenceEvery, { vi: string; en: string }>> = {
  week: { vi: "tuần", en: "week" },
  month: { vi: "tháng", en: "month" },
  quarter: { vi: "quý", en: "quarter" },
};

const QUOTA_FORMS_VI =
  'Chỉ tiêu hợp lệ: một số ("2"), hoặc số kèm loại và kỳ, ví dụ "02 tin/tuần", "ít nhất 01 phóng sự mỗi tháng", "04 tin, bài/quý".';
const QUOTA_FORMS_EN =
  'Valid quotas: a number ("2"), or a number with the type and the period, e.g. "02 tin/tuần", "ít nhất 01 phóng sự mỗi tháng", "04 tin, bài/quý".';
const FREQUENCY_FORMS_VI =
  '"Hằng tuần", "Hằng tháng", "Hằng quý", "Định kỳ hằng tháng", "2 tuần/lần"';

// ---------------------------------------------------------------------------------------------
// Frequency (the period cell)

const UNIT = String.raw`(tuan|thang|quy|qui)`;
/** "Thứ Sáu hằng tuần", "ngày 15 hằng tháng": the day is a note, the frequency is what counts. */
const DAY_NOTE = String.raw`(?:(?:vao\s+)?(?:cac\s+)?(?:(?:ngay\s+)?thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s+nhat|ngay\s+\d{1,2}(?:\s+va\s+\d{1,2})?)\s*,?\s*)`;
const EVERY_RE = new RegExp(
  String.raw`^(?:dinh\s+ky\s*,?\s*)?${DAY_NOTE}?(?:hang|moi|tung)\s+${UNIT}(?![a-z])`,
);
/** "2 tuần/lần", "02 tuần 01 lần", "2 tuần một lần", "tuần 1 lần". */
const INTERVAL_RE = new RegExp(
  String.raw`^(?:dinh\s+ky\s*,?\s*)?(?:(\d{1,2})\s*)?${UNIT}\s*(?:\/|mot|1|01)\s*lan(?![a-z])`,
);
/** "2 lần/tuần", "02 lần mỗi tháng": a quota of times. */
const TIMES_RE = new RegExp(
  String.raw`^(?:dinh\s+ky\s*,?\s*)?(\d{1,3})\s*lan\s*(?:\/|moi|mot|trong\s+(?:mot|1|01)|tren)\s*${UNIT}(?![a-z])`,
);
const PERIODIC_RE = /^dinh\s+ky(?![a-z])/;
const DAY_NOTE_RE = new RegExp(String.raw`^${DAY_NOTE}$`);

export interface FrequencyReading {
  readonly freq: Frequency;
  /** A quota the frequency itself states ("2 lần/tuần"). */
  readonly quota: QuotaReading | null;
  /** The rest of the cell after the frequency (a quota or a window), folded, trimmed. */
  readonly rest: string;
  /** The rest as written (for a window the period reader reads). */
  readonly restRaw: string;
}

function everyOf(unit: string | undefined): RecurrenceEvery | null {
  if (unit === "tuan") return "week";
  if (unit === "thang") return "month";
  if (unit === "quy" || unit === "qui") return "quarter";
  return null;
}

/**
 * The frequency a period cell names, or null when it names none (an ordinary period such as
 * "Quý I/2023"). "Thường xuyên" (all year round) is not a frequency: it stays the whole year.
 */
export function readFrequency(text: string): FrequencyReading | null {
  const raw = squash(plainPunctuation(text));
  const key = fold(raw)
    .replace(/^[-+*•·]+\s*/, "")
    .replace(/^\(|\)$/g, "");
  let freq: Frequency | null = null;
  let quota: QuotaReading | null = null;
  let length = 0;
  const every = EVERY_RE.exec(key);
  const interval = every ? null : INTERVAL_RE.exec(key);
  const times = every || interval ? null : TIMES_RE.exec(key);
  if (every) {
    freq = { every: everyOf(every[1]), interval: 1 };
    length = every[0].length;
  } else if (interval) {
    const n = Number(interval[1] ?? "1");
    freq = { every: everyOf(interval[2]), interval: n > 0 ? n : 1 };
    length = interval[0].length;
  } else if (times) {
    freq = { every: everyOf(times[2]), interval: 1 };
    const n = Number(times[1]);
    quota = n > 0 ? { quota: n, type: null, per: freq } : null;
    length = times[0].length;
  } else {
    const periodic = PERIODIC_RE.exec(key);
    if (!periodic) return null;
    freq = { every: null, interval: 1 };
    length = periodic[0].length;
  }
  const rest = trimNote(key.slice(length));
  return { freq, quota, rest, restRaw: restOf(raw, key.slice(length)) };
}

function trimNote(text: string): string {
  return text
    .replace(/^[\s,;:.\-–(]+/, "")
    .replace(/[\s,;:.)]+$/, "")
    .trim();
}

/**
 * The end of `raw` that folds to `foldedTail` (fold drops marks and collapses spaces, so the two
 * texts do not line up character by character): the rest of the cell as written. Cells are
 * short; a long one's rest is taken folded.
 */
function restOf(raw: string, foldedTail: string): string {
  const want = trimNote(foldedTail);
  if (want === "") return "";
  const chars = Array.from(raw);
  if (chars.length > 300) return want;
  for (let k = chars.length - 1; k >= 0; k--) {
    const tail = chars.slice(k).join("");
    if (trimNote(fold(tail)) === want) return trimNote(tail);
  }
  return want;
}

// ---------------------------------------------------------------------------------------------
// Quota (the count cell, or after the frequency)

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
};
const AT_LEAST = String.raw`(?:(?:it\s+nhat|toi\s+thieu|khong\s+it\s+hon)\s*:?\s*)`;
const AMOUNT = String.raw`(\d{1,4}|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)`;
const PER = String.raw`(?:\/|moi|mot|trong\s+(?:mot|1|01)|tren|cho\s+moi)`;
const PER_UNIT = String.raw`(ngay|tuan|thang|quy|qui|nam)`;
/** "ít nhất 02 tin/tuần", "04 phóng sự mỗi tháng", "01 tin, bài/01 tuần", "2 lần/tuần". */
const QUOTA_PER_RE = new RegExp(
  String.raw`^${AT_LEAST}?${AMOUNT}\s*([^/\d]*?)\s*${PER}\s*(?:(\d{1,2}|mot)\s*)?${PER_UNIT}$`,
);
/** "2", "02 tin", "ít nhất 01 phóng sự". */
const QUOTA_PLAIN_RE = new RegExp(
  String.raw`^${AT_LEAST}?${AMOUNT}(?:\s+(?!(?:thang|tuan|quy|qui|nam|ngay)\b)([^/\d]*))?$`,
);
/** Any sign of "per period" in a count cell: "/tuần", "mỗi tháng". */
const HAS_PER_RE = new RegExp(String.raw`(?:\/|\bmoi\b|\btren\b)\s*(?:\d{1,2}\s*)?${PER_UNIT}\b`);

function amountOf(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (/^\d+$/.test(text)) return Number(text);
  return NUMBER_WORDS[text] ?? null;
}

/** Whether a count cell's text says "per period" ("02 tin/tuần"): it then makes a duty recurring. */
export function hasPerPeriod(text: string): boolean {
  return HAS_PER_RE.test(fold(plainPunctuation(text)));
}

/** The product type a quota's words name, as the count column reads types. */
function quotaType(raw: string, words: string): string | null {
  const w = words.trim();
  if (w === "" || /^(?:lan|luot)$/.test(w)) return null;
  const known = parseCountAndType(raw).type;
  if (known !== null) return normalizeType(known);
  // A type nobody listed: its words as written (the part of the text before "/" or "mỗi").
  const m = /^\D*?\d+\s*([^/\d]*?)\s*(?:\/|\s(?:mỗi|moi|một|mot|trên|tren|trong|cho)\s)/iu.exec(
    raw,
  );
  return m?.[1] ? squash(m[1]).replace(/[,;]+$/u, "") || null : normalizeType(w);
}

/**
 * A quota as a clerk writes one: a number, or "02 tin/tuần", "ít nhất 01 phóng sự mỗi tháng",
 * "04 tin, bài/quý", "2 lần/tuần". Only weeks, months and quarters can be counted: a daily or a
 * yearly quota is reported with what is valid.
 */
export function parseQuota(value: unknown): QuotaResult {
  if (isBlank(value)) return { value: null, issues: [] };
  if (typeof value === "number") {
    return Number.isInteger(value) && value > 0
      ? { value: { quota: value, type: null, per: null }, issues: [] }
      : unreadableQuota(String(value));
  }
  if (typeof value !== "string") {
    return unreadableQuota(isDateValue(value) || isErrorValue(value) ? cellText(value) : "?");
  }
  const raw = squash(plainPunctuation(value)).replace(/^\(|\)$/g, "");
  const key = fold(raw).replace(/[.;]+$/, "");
  const per = QUOTA_PER_RE.exec(key);
  if (per) {
    const n = amountOf(per[1]);
    const every = everyOf(per[4]);
    const span = amountOf(per[3]) ?? 1;
    if (n === null || n <= 0) return unreadableQuota(value);
    if (every === null) return unsupportedPer(value, per[4] === "ngay" ? "day" : "year");
    return {
      value: { quota: n, type: quotaType(raw, per[2] ?? ""), per: { every, interval: span } },
      issues: [],
    };
  }
  const plain = QUOTA_PLAIN_RE.exec(key);
  if (plain) {
    const n = amountOf(plain[1]);
    if (n === null || n <= 0) return unreadableQuota(value);
    return { value: { quota: n, type: quotaType(raw, plain[2] ?? ""), per: null }, issues: [] };
  }
  return unreadableQuota(value);
}

function unreadableQuota(received: string): QuotaResult {
  return {
    value: null,
    issues: [
      issue("recurrence.quota-unreadable", "error", {
        vi: `Không đọc được chỉ tiêu ${q(clip(received))} của nhiệm vụ định kỳ. ${QUOTA_FORMS_VI}`,
        en: `Cannot read the quota ${q(clip(received))} of the recurring duty. ${QUOTA_FORMS_EN}`,
      }),
    ],
  };
}

function unsupportedPer(received: string, per: "day" | "year"): QuotaResult {
  const vi =
    per === "day"
      ? `Chỉ tiêu ${q(clip(received))} tính theo ngày: công cụ đếm theo tuần, tháng hoặc quý. Ghi theo tuần, ví dụ "07 tin/tuần".`
      : `Chỉ tiêu ${q(clip(received))} tính theo năm: đó là số lượng của cả năm, không phải nhiệm vụ định kỳ (công cụ đếm theo tuần, tháng hoặc quý). Ghi số lượng (ví dụ "10 phóng sự") với thời gian "Cả năm", hoặc ghi chỉ tiêu theo quý, ví dụ "03 phóng sự/quý".`;
  const en =
    per === "day"
      ? `The quota ${q(clip(received))} is per day: the tool counts weeks, months or quarters. Write it per week, e.g. "07 tin/tuần".`
      : `The quota ${q(clip(received))} is per year: that is the year's count, not a recurring duty (the tool counts weeks, months or quarters). Write the count (e.g. "10 phóng sự") with the period "Cả năm", or a quota per quarter, e.g. "03 phóng sự/quý".`;
  return {
    value: null,
    issues: [issue("recurrence.quota-unsupported-period", "error", { vi, en })],
  };
}

// ---------------------------------------------------------------------------------------------
// A plan row as a recurring duty

export interface RecurrenceReading {
  readonly recurrence: Recurrence;
  /** The window counted in (the plan year unless the cell gives one); null without a year. */
  readonly window: Period | null;
  /** Findings on the period cell (an unreadable window, a frequency that is not said). */
  readonly periodIssues: readonly Issue[];
  /** Findings on the count cell (an unreadable quota, a quota per another period). */
  readonly countIssues: readonly Issue[];
}

function yearWindow(year: number): Period {
  return {
    kind: "year",
    year,
    quarter: null,
    start: `${year}-01-01`,
    end: `${year}-12-31`,
    eventDate: null,
  };
}

/**
 * The row as a recurring duty, or null when it is an ordinary dated item: its period cell names a
 * frequency ("Hằng tuần"), or its count cell a quota per period ("02 tin/tuần").
 */
export function readRecurrence(
  periodCell: CellValue,
  countCell: CellValue,
  planYear: number | null,
): RecurrenceReading | null {
  const freqRead = typeof periodCell === "string" ? readFrequency(periodCell) : null;
  const countText = typeof countCell === "string" ? countCell : null;
  if (freqRead === null && (countText === null || !hasPerPeriod(countText))) return null;

  const periodIssues: Issue[] = [];
  const countIssues: Issue[] = [];
  const counted = isBlank(countCell) ? null : parseQuota(countCell);
  for (const i of counted?.issues ?? []) countIssues.push(i);
  let quota = counted?.value ?? null;
  let span: Period | null = null;

  if (freqRead !== null) {
    quota ??= freqRead.quota;
    const rest = freqRead.rest;
    if (rest !== "" && !DAY_NOTE_RE.test(rest)) {
      const asQuota = parseQuota(freqRead.restRaw);
      if (asQuota.value !== null) quota ??= asQuota.value;
      else {
        const asWindow = parsePeriod(freqRead.restRaw, { planYear });
        if (asWindow.value !== null) span = asWindow.value;
        else periodIssues.push(unreadableRest(periodCell as string, freqRead.restRaw));
      }
    }
  } else {
    const parsed = parsePeriod(periodCell, { planYear });
    span = parsed.value;
    for (const i of parsed.issues) periodIssues.push(i);
  }
  if (span === null && planYear !== null && periodIssues.length === 0) span = yearWindow(planYear);

  const stated = freqRead?.freq ?? null;
  const per = quota?.per ?? null;
  let freq: Frequency = per ?? stated ?? { every: null, interval: 1 };
  if (per !== null && stated !== null && stated.every !== null) {
    if (per.every !== stated.every || per.interval !== stated.interval) {
      countIssues.push(perMismatch(cellText(countCell), cellText(periodCell), per));
    }
  }
  if (freq.every === null) {
    periodIssues.push(noFrequency(cellText(periodCell)));
    freq = { every: null, interval: 1 };
  }
  return {
    recurrence: {
      every: freq.every,
      interval: freq.interval,
      quota: quota?.quota ?? null,
      type: quota?.type ?? null,
      start: span?.start ?? null,
      end: span?.end ?? null,
    },
    window: span,
    periodIssues,
    countIssues,
  };
}

function noFrequency(received: string): Issue {
  return issue(
    "recurrence.no-frequency",
    "error",
    {
      vi: `${q(clip(received))} là nhiệm vụ định kỳ nhưng không nói bao lâu một lần, nên không đếm được theo kỳ. Ghi rõ kỳ: ${FREQUENCY_FORMS_VI}, hoặc ghi chỉ tiêu theo kỳ ở cột số lượng, ví dụ "02 tin/tuần".`,
      en: `${q(clip(received))} is a recurring duty that does not say how often, so it cannot be counted per period. Say how often: ${FREQUENCY_FORMS_VI} (weekly, monthly, quarterly, every two weeks), or give a quota per period in the count column, e.g. "02 tin/tuần".`,
    },
    null,
  );
}

function unreadableRest(received: string, rest: string): Issue {
  return issue("recurrence.window-unreadable", "error", {
    vi: `${q(clip(received))}: đọc được kỳ nhưng không đọc được phần ${q(clip(rest))}. Sau kỳ chỉ ghi chỉ tiêu ("Hằng tuần, ít nhất 02 tin") hoặc thời gian áp dụng ("Hằng tuần (Quý III/2023)", "Hằng tháng, 6 tháng cuối năm").`,
    en: `${q(clip(received))}: the frequency is read but ${q(clip(rest))} is not. After the frequency write only a quota ("Hằng tuần, ít nhất 02 tin") or when it applies ("Hằng tuần (Quý III/2023)", "Hằng tháng, 6 tháng cuối năm").`,
  });
}

function perMismatch(count: string, period: string, per: Frequency): Issue {
  const unit = per.every === null ? null : EVERY_LABEL[per.every];
  return issue("recurrence.period-mismatch", "warning", {
    vi: `Chỉ tiêu ${q(clip(count))} tính theo ${unit?.vi ?? "kỳ khác"} nhưng thời gian ghi ${q(clip(period))}: công cụ đếm theo ${unit?.vi ?? "kỳ"} của chỉ tiêu. Sửa một trong hai ô cho khớp.`,
    en: `The quota ${q(clip(count))} is per ${unit?.en ?? "another period"} but the period says ${q(clip(period))}: the tool counts per ${unit?.en ?? "period"} as the quota says. Make the two cells agree.`,
  });
}

/** "Hằng tuần", "2 tuần/lần", "hằng quý" as a person reads the frequency. */
export function frequencyText(f: Frequency, lang: "vi" | "en"): string {
  if (f.every === null) return lang === "vi" ? "Định kỳ" : "Periodic";
  const unit = EVERY_LABEL[f.every][lang];
  if (f.interval > 1)
    return lang === "vi" ? `${f.interval} ${unit}/lần` : `every ${f.interval} ${unit}s`;
  return lang === "vi" ? `Hằng ${unit}` : `every ${unit}`;
}

/** "≥ 2 tin/tuần", "≥ 1/tuần" (nothing stated: at least one). */
export function quotaText(r: Recurrence, lang: "vi" | "en"): string {
  const n = r.quota ?? 1;
  const unit = r.every === null ? "" : EVERY_LABEL[r.every][lang];
  const span = r.interval > 1 ? `${r.interval} ${unit}` : unit;
  const type = r.type ? ` ${r.type}` : "";
  return `≥ ${n}${type}/${span}`;
}
