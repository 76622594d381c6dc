/**
 * The leaders' one-page results report as plain data: every figure and every label, in one
 * language. The PDF renderer (src/report) only lays it out, so Node and the task pane print the
 * same page. The report is for one reporting period (a quarter, 6 or 9 months, the year; the
 * window rule from the settings) and keeps the whole year's per-quarter table beside it.
 */
import { amountInWords } from "../amountInWords";
import { formatVnDate, type IsoDate } from "../calendar";
import type { CheckResult } from "../check";
import type { Lang } from "../diagnostics";
import { formatVnd, formatVndEn } from "../money";
import {
  defaultPeriod,
  periodLabel,
  quarterLabel,
  reportWindow,
  windowText,
  type PeriodKey,
  type ReportWindow,
} from "../reportingPeriod";
import { partiesOf } from "../parties";
import { recipientLines } from "../recipients";
import { effectiveRule, reportNumberLine, signerBlock, type SignerBlock } from "../reportSettings";
import {
  budgetFigures,
  progressFigures,
  type BudgetFigures,
  type Bucket,
  type ProgressFigures,
  type ProgressRow,
} from "./figures";
import {
  periodFigures,
  planQuarterOf,
  type PeriodFigures,
  type QuotaSource,
  type SlippedEntry,
} from "./periodFigures";
import { quotaSource } from "./quotas";

export interface ReportRow {
  readonly label: string;
  readonly cells: readonly string[];
}

export interface ListEntry {
  readonly label: string;
  readonly value: string;
  readonly alert: boolean;
  /** A line under the entry: "Bằng chữ: Hai mươi triệu đồng." under a total. */
  readonly note?: string | null;
}

export interface SummaryReport {
  readonly lang: Lang;
  /** The as-of date of every figure (the PDF's creation date, so the same data gives the same bytes). */
  readonly asOf: IsoDate;
  /** Issuing agency, upper-cased as on an administrative document ("ỦY BAN NHÂN DÂN XÃ IA TƠI"). */
  readonly agency: string;
  /** "Số: …/BC-UBND" under the agency (Nghị định 30/2020: number and symbol). */
  readonly number: string;
  readonly motto: readonly [string, string] | null;
  /** "Ia Tơi, ngày 20 tháng 9 năm 2025" / "As of 20/09/2025". */
  readonly placeDate: string;
  readonly title: string;
  readonly subtitle: string;
  /** The period's window and rule, in italics under the subtitle. */
  readonly periodLine: string;
  readonly period: {
    readonly key: PeriodKey;
    readonly year: number;
    /** "Quý III/2023" / "Q3 2023". */
    readonly label: string;
    readonly window: ReportWindow;
    readonly closed: boolean;
  };
  /** The period's results. */
  readonly headline: readonly ListEntry[];
  /** The whole year at a glance (aired/planned, spent/allocated): the pane shows it under the period's. */
  readonly yearHeadline: readonly ListEntry[];
  /** The whole year by plan quarter (as the Progress sheet). */
  readonly quarterTable: {
    readonly header: readonly string[];
    readonly rows: readonly ReportRow[];
  };
  readonly chart: {
    readonly title: string;
    readonly legend: readonly [string, string];
    readonly bars: readonly {
      readonly label: string;
      readonly planned: number;
      readonly done: number;
    }[];
  };
  /** What was not done in the period and moves to a later quarter. */
  readonly slippedTitle: string;
  readonly slippedHeader: readonly string[];
  readonly slipped: readonly {
    readonly title: string;
    /** The plan quarter ("Quý II/2023"). */
    readonly planQuarter: string;
    readonly due: string;
    /** "Đang thực hiện, trễ 82 ngày", "Đã phát 20/03/2023 (kỳ Quý II)". */
    readonly state: string;
    readonly unit: string;
  }[];
  readonly slippedMore: string | null;
  readonly budgetTitle: string;
  readonly budget: readonly ListEntry[];
  /** Recurring duties' quotas for the period; empty (and not drawn) until a QuotaSource supplies them. */
  readonly quotaTitle: string;
  readonly quotas: readonly ListEntry[];
  readonly recipientsTitle: string;
  readonly recipients: readonly string[];
  readonly signer: SignerBlock;
  readonly footer: string;
  /** The raw figures, for tests and the task pane. */
  readonly figures: {
    readonly progress: ProgressFigures;
    readonly budget: BudgetFigures;
    readonly period: PeriodFigures;
  };
}

export const REPORT_TOP_SLIPPED = 6;

const QUARTER_LABEL: Record<Lang, Record<Bucket | "total", string>> = {
  vi: {
    1: "Quý I",
    2: "Quý II",
    3: "Quý III",
    4: "Quý IV",
    other: "Chưa xác định",
    total: "Cả năm",
  },
  en: { 1: "Q1", 2: "Q2", 3: "Q3", 4: "Q4", other: "Undated", total: "Year" },
};

function pct(v: number | null): string {
  return v === null ? "—" : `${Math.round(v * 100)}%`;
}

function num(v: number, lang: Lang): string {
  const s = Number.isInteger(v) ? String(v) : v.toFixed(1);
  return lang === "vi" ? s.replace(".", ",") : s;
}

export interface ReportOptions {
  /** Overrides the check's as-of date. */
  readonly asOf?: IsoDate;
  /** The period asked for (--period); absent or null: the latest closed one as of the as-of date. */
  readonly period?: PeriodKey | null;
  /** Recurring duties' quotas (issue 13, part 1), when a tracker has them. */
  readonly quotas?: QuotaSource;
}

/** The window a report covers: the period asked for, or the latest closed one, in the plan year. */
export function reportPeriodWindow(
  check: CheckResult,
  key: PeriodKey | null | undefined,
  asOf: IsoDate = check.asOf,
): ReportWindow {
  const rule = effectiveRule(check.settings.report);
  const planYear = check.plan.planYear;
  const period = key
    ? { key, year: planYear ?? defaultPeriod(asOf, rule, null).year }
    : defaultPeriod(asOf, rule, planYear);
  return reportWindow(period, rule);
}

/** "Bằng chữ: Hai mươi triệu đồng." for a whole, non-negative amount the reader can write out. */
function inWords(amount: number): string | null {
  const whole = Math.round(amount);
  if (whole < 0) return null;
  try {
    return `Bằng chữ: ${amountInWords(whole)}.`;
  } catch {
    // Too large to read out: the figure stands alone rather than with wrong words.
    return null;
  }
}

export function summaryReport(
  check: CheckResult,
  lang: Lang,
  opts: ReportOptions = {},
): SummaryReport {
  const asOf = opts.asOf ?? check.asOf;
  const items = check.plan.items;
  const planYear = check.plan.planYear;
  const progress = progressFigures(items, planYear, asOf);
  const budget = budgetFigures(items, planYear, check.settings.allocationVnd, asOf);
  const span = reportPeriodWindow(check, opts.period, asOf);
  // The tracker's recurring duties, counted on its log, unless the caller gives other quotas.
  const quotas = opts.quotas ?? (check.recurring ? quotaSource(check.recurring) : undefined);
  const period = periodFigures(items, span, asOf, {
    allocation: check.settings.allocationVnd,
    ...(quotas ? { quotas } : {}),
  });
  const money = (v: number | null): string =>
    v === null ? "—" : lang === "vi" ? formatVnd(v) : formatVndEn(v);
  const vi = lang === "vi";
  // Agency, place and partner from the settings, else from the plan's own lines (parties.ts).
  const parties = partiesOf(check.settings, check.plan);
  const agencyText = parties.agency;
  const agency = agencyText ?? (vi ? "CƠ QUAN BAN HÀNH" : "Issuing agency");
  const place = parties.place;
  const [y, m, d] = asOf.split("-").map(Number);
  const label = periodLabel(span, lang);
  const planName = vi
    ? (check.settings.planTitle ?? `kế hoạch năm ${planYear ?? ""}`)
    : (check.settings.planTitle ?? `the ${planYear ?? ""} plan`);
  const ruleText = vi
    ? span.rule === "nd09"
      ? "kỳ báo cáo theo Nghị định 09/2019/NĐ-CP"
      : "theo quý dương lịch"
    : span.rule === "nd09"
      ? "periods of Decree 09/2019/NĐ-CP"
      : "calendar quarters";
  const openText = period.closed
    ? ""
    : vi
      ? `; kỳ chưa kết thúc, số liệu đến ngày ${formatVnDate(asOf)}`
      : `; the period is not over, figures as of ${formatVnDate(asOf)}`;

  const quarterRows = [
    ...progress.rows.filter((r) => r.bucket !== "other" || r.planned > 0),
    progress.total,
  ];
  const budgetByBucket = new Map(budget.quarters.map((q) => [q.bucket, q]));
  const rowCells = (r: ProgressRow): string[] => {
    const b =
      r.bucket === "total"
        ? { planned: budget.planned, spent: budget.spent }
        : budgetByBucket.get(r.bucket);
    return [
      num(r.planned, lang),
      num(r.done, lang),
      num(r.inProgress, lang),
      num(r.notStarted, lang),
      num(r.postponed + r.cancelled, lang),
      num(r.overdue, lang),
      pct(r.pctDone),
      `${num(r.minutesAired, lang)}/${num(r.minutesPlanned, lang)}`,
      money(b?.spent ?? 0),
    ];
  };

  const slipState = (e: SlippedEntry): string => {
    const status = e.item.statusText?.trim() || (vi ? "Chưa thực hiện" : "Not started");
    const late =
      e.daysLate === null ? "" : vi ? `, trễ ${e.daysLate} ngày` : `, ${e.daysLate} days late`;
    switch (e.kind) {
      case "carried":
        return `${status}${late}`;
      case "backlog":
        return vi ? `Từ kỳ trước: ${status}${late}` : `Earlier period: ${status}${late}`;
      case "aired-later": {
        const when = e.item.airedOn ? formatVnDate(e.item.airedOn) : "";
        const q = e.airedIn ? quarterLabel(e.airedIn.quarter, lang) : "";
        return vi ? `Đã phát ${when} (kỳ ${q})` : `Aired ${when} (${q} period)`;
      }
    }
  };
  const slipped = period.slipped.slice(0, REPORT_TOP_SLIPPED).map((e) => {
    const pq = planQuarterOf(e.item);
    return {
      title: e.item.title ?? "",
      planQuarter: pq
        ? `${quarterLabel(pq.quarter, lang)}${pq.year !== null ? `/${pq.year}` : ""}`
        : (e.item.periodText ?? ""),
      due: e.item.dueDate ? formatVnDate(e.item.dueDate) : "",
      state: slipState(e),
      unit: e.item.unit ?? "",
    };
  });
  const more = period.slipped.length - slipped.length;

  const remaining = period.allocation === null ? null : period.allocation - period.spentYearToDate;
  const words = vi ? inWords(period.spent) : null;

  return {
    lang,
    asOf,
    agency: vi ? agency.toUpperCase() : agency,
    number: reportNumberLine(check.settings.report, agencyText, lang),
    motto: vi ? ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"] : null,
    placeDate: vi
      ? `${place ?? "……"}, ngày ${d} tháng ${m} năm ${y}`
      : `${place ? `${place}, ` : ""}as of ${formatVnDate(asOf)}`,
    title: vi ? "BÁO CÁO" : "RESULTS REPORT",
    // The period is never split over two lines ("Quý" / "III/2023"): no-break spaces inside it.
    subtitle: vi
      ? `Kết quả thực hiện ${planName} ${label.replace(/ /g, "\u00a0")}`
      : `Results of ${planName}, ${label.replace(/ /g, "\u00a0")}`,
    periodLine: vi
      ? `(Số liệu ${windowText(span, lang)}, ${ruleText}${openText})`
      : `(Figures from ${windowText(span, lang)}, ${ruleText}${openText})`,
    period: { key: span.key, year: span.year, label, window: span, closed: period.closed },
    headline: [
      {
        label: vi ? "Phát sóng trong kỳ" : "Aired in the period",
        value: num(period.done, lang),
        alert: false,
      },
      {
        label: vi ? "Đến hạn trong kỳ: đã phát" : "Due in the period: aired",
        value: `${num(period.plannedDone, lang)}/${num(period.planned, lang)}`,
        alert: false,
      },
      {
        label: vi ? "Quá hạn" : "Overdue",
        value: num(period.overdue.length, lang),
        alert: period.overdue.length > 0,
      },
      {
        label: vi ? "Chuyển kỳ sau" : "Moved to a later quarter",
        value: num(period.carriedOver.length, lang),
        alert: period.carriedOver.length > 0,
      },
      {
        label: vi ? "Đã chi trong kỳ" : "Spent in the period",
        value: money(period.spent),
        alert: false,
      },
      {
        label: vi ? "Lỗi dữ liệu cần sửa" : "Data errors to fix",
        value: String(check.summary.errors),
        alert: check.summary.errors > 0,
      },
    ],
    yearHeadline: [
      {
        label: vi ? "Cả năm: đã phát sóng / kế hoạch" : "Year: aired / planned",
        value: `${num(progress.total.done, lang)}/${num(progress.total.planned, lang)} (${pct(progress.total.pctDone)})`,
        alert: false,
      },
      {
        label: vi ? "Cả năm: đã chi / được giao" : "Year: spent / allocated",
        value: `${money(budget.spent)} / ${money(budget.allocation)}`,
        alert: budget.allocation !== null && budget.spent > budget.allocation,
      },
    ],
    quarterTable: {
      header: vi
        ? [
            "Quý (kế hoạch)",
            "Kế hoạch",
            "Đã phát",
            "Đang làm",
            "Chưa làm",
            "Hoãn/Hủy",
            "Quá hạn",
            "% xong",
            "Phút phát/KH",
            "Đã chi",
          ]
        : [
            "Plan quarter",
            "Planned",
            "Aired",
            "In progress",
            "Not started",
            "Postp./canc.",
            "Overdue",
            "% done",
            "Min aired/pl.",
            "Spent",
          ],
      rows: quarterRows.map((r) => ({ label: QUARTER_LABEL[lang][r.bucket], cells: rowCells(r) })),
    },
    chart: {
      title: vi
        ? "Sản phẩm theo quý kế hoạch: kế hoạch và đã phát sóng"
        : "Items per plan quarter: planned and aired",
      legend: vi ? ["Kế hoạch", "Đã phát sóng"] : ["Planned", "Aired"],
      bars: progress.rows
        .filter((r) => r.bucket !== "other")
        .map((r) => ({ label: QUARTER_LABEL[lang][r.bucket], planned: r.planned, done: r.done })),
    },
    slippedTitle: vi
      ? `Sản phẩm chưa hoàn thành trong kỳ, chuyển sang kỳ sau`
      : "Not done in the period: moved to a later quarter",
    slippedHeader: vi
      ? ["Nội dung", "Quý KH", "Hạn", "Tình hình", "Đơn vị"]
      : ["Title", "Plan qtr", "Due", "Status", "Unit"],
    slipped,
    slippedMore:
      more > 0
        ? vi
          ? `… và ${more} sản phẩm khác.`
          : `… and ${more} more.`
        : slipped.length === 0
          ? vi
            ? "Không có sản phẩm nào chuyển sang kỳ sau."
            : "Nothing moved to a later quarter."
          : null,
    budgetTitle: vi ? "Kinh phí" : "Budget",
    budget: [
      {
        label: vi ? "Kinh phí được giao" : "Allocation",
        value: money(budget.allocation),
        alert: false,
      },
      {
        label: vi ? "Kinh phí kế hoạch" : "Planned cost",
        value: money(budget.planned),
        alert: budget.overAllocated,
      },
      {
        label: vi ? "Đã chi trong kỳ" : "Spent in the period",
        value: money(period.spent),
        alert: false,
        note: words,
      },
      {
        label: vi ? "Lũy kế từ đầu năm" : "Year to date",
        value: money(period.spentYearToDate),
        alert: false,
      },
      // Settlement (issue 13 §3): accepted and paid in the period, valued as on the Budget sheet.
      {
        label: vi ? "Nghiệm thu trong kỳ" : "Accepted in the period",
        value: money(period.accepted),
        alert: false,
      },
      {
        label: vi ? "Thanh toán trong kỳ" : "Paid in the period",
        value: money(period.paid),
        alert: false,
      },
      {
        label: vi ? "Còn lại" : "Remaining",
        value: money(remaining),
        alert: remaining !== null && remaining < 0,
      },
      {
        label: vi ? "Tỷ lệ giải ngân" : "Disbursed",
        value: pct(period.allocation ? period.spentYearToDate / period.allocation : null),
        alert: false,
      },
      ...(budget.overAllocated
        ? [
            {
              label: vi ? "Kế hoạch vượt kinh phí được giao" : "Plan exceeds the allocation by",
              value: money(budget.plannedOverAllocation),
              alert: true,
            },
          ]
        : []),
    ],
    quotaTitle: vi ? "Chỉ tiêu định kỳ trong kỳ" : "Recurring quotas in the period",
    quotas: period.quotas.map((q) => ({
      label: q.label,
      value:
        `${num(q.achieved, lang)}/${num(q.required, lang)} ${lang === "en" ? (q.unitEn ?? q.unit) : q.unit}`.trim(),
      alert: q.achieved < q.required,
    })),
    recipientsTitle: vi ? "Nơi nhận:" : "Distribution:",
    recipients: recipientLines(
      check.settings.recipients ?? null,
      agencyText,
      parties.station,
      lang,
    ),
    signer: signerBlock(check.settings.report, agencyText, lang),
    footer: vi
      ? `Lập bằng Plan Tracker từ sổ theo dõi; số liệu tính đến ${formatVnDate(asOf)}.`
      : `Made with Plan Tracker from the tracker; figures as of ${formatVnDate(asOf)}.`,
    figures: { progress, budget, period },
  };
}
