/**
 * The leaders' one-page report as plain data: every figure and every label, in one language.
 * The PDF renderer (src/report) only lays it out, so Node and the task pane print the same page.
 */
import { formatVnDate, type IsoDate } from "../calendar";
import type { CheckResult } from "../check";
import type { Lang } from "../diagnostics";
import { formatVnd, formatVndEn } from "../money";
import {
  budgetFigures,
  progressFigures,
  type BudgetFigures,
  type Bucket,
  type ProgressFigures,
  type ProgressRow,
} from "./figures";

export interface ReportRow {
  readonly label: string;
  readonly cells: readonly string[];
}

export interface SummaryReport {
  readonly lang: Lang;
  /** The as-of date of every figure (the PDF's creation date, so the same data gives the same bytes). */
  readonly asOf: IsoDate;
  /** Issuing agency, upper-cased as on an administrative document ("ỦY BAN NHÂN DÂN HUYỆN IA H'DRAI"). */
  readonly agency: string;
  readonly motto: readonly [string, string] | null;
  /** "Ia H'Drai, ngày 20 tháng 9 năm 2023" / "As of 20/09/2023". */
  readonly placeDate: string;
  readonly title: string;
  readonly subtitle: string;
  readonly headline: readonly {
    readonly label: string;
    readonly value: string;
    readonly alert: boolean;
  }[];
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
  readonly overdueTitle: string;
  readonly overdue: readonly {
    readonly title: string;
    readonly period: string;
    readonly due: string;
    readonly daysLate: string;
    readonly unit: string;
  }[];
  readonly overdueMore: string | null;
  readonly overdueHeader: readonly string[];
  readonly budgetTitle: string;
  readonly budget: readonly {
    readonly label: string;
    readonly value: string;
    readonly alert: boolean;
  }[];
  readonly recipientsTitle: string;
  readonly recipients: readonly string[];
  readonly signer: string;
  readonly footer: string;
  /** The raw figures, for tests and the task pane. */
  readonly figures: { readonly progress: ProgressFigures; readonly budget: BudgetFigures };
}

export const REPORT_TOP_OVERDUE = 6;

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

export function summaryReport(
  check: CheckResult,
  lang: Lang,
  asOfOverride?: IsoDate,
): SummaryReport {
  const asOf = asOfOverride ?? check.asOf;
  const items = check.plan.items;
  const planYear = check.plan.planYear;
  const progress = progressFigures(items, planYear, asOf);
  const budget = budgetFigures(items, planYear, check.settings.allocationVnd);
  const money = (v: number | null): string =>
    v === null ? "—" : lang === "vi" ? formatVnd(v) : formatVndEn(v);
  const vi = lang === "vi";
  const agency = check.settings.agency ?? (vi ? "CƠ QUAN BAN HÀNH" : "Issuing agency");
  const place = check.settings.place;
  const [y, m, d] = asOf.split("-").map(Number);
  const t = progress.total;

  const quarterRows = [...progress.rows.filter((r) => r.bucket !== "other" || r.planned > 0), t];
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

  const overdue = progress.overdue.slice(0, REPORT_TOP_OVERDUE).map((o) => ({
    title: o.item.title ?? "",
    period: o.item.periodText ?? "",
    due: o.item.dueDate ? formatVnDate(o.item.dueDate) : "",
    daysLate: String(o.daysLate),
    unit: o.item.unit ?? "",
  }));
  const more = progress.overdue.length - overdue.length;

  return {
    lang,
    asOf,
    agency: vi ? agency.toUpperCase() : agency,
    motto: vi ? ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"] : null,
    placeDate: vi
      ? `${place ?? "……"}, ngày ${d} tháng ${m} năm ${y}`
      : `${place ? `${place}, ` : ""}as of ${formatVnDate(asOf)}`,
    title: vi ? "BÁO CÁO" : "PROGRESS REPORT",
    subtitle: vi
      ? `Tình hình thực hiện ${check.settings.planTitle ?? `kế hoạch năm ${planYear ?? ""}`} (tính đến ngày ${formatVnDate(asOf)})`
      : `Implementation of ${check.settings.planTitle ?? `the ${planYear ?? ""} plan`} (as of ${formatVnDate(asOf)})`,
    headline: [
      {
        label: vi ? "Đã phát sóng / kế hoạch" : "Aired / planned",
        value: `${num(t.done, lang)}/${num(t.planned, lang)} (${pct(t.pctDone)})`,
        alert: false,
      },
      { label: vi ? "Quá hạn" : "Overdue", value: num(t.overdue, lang), alert: t.overdue > 0 },
      {
        label: vi ? "Đã chi / được giao" : "Spent / allocated",
        value: `${money(budget.spent)} / ${money(budget.allocation)}`,
        alert: budget.allocation !== null && budget.spent > budget.allocation,
      },
      {
        label: vi ? "Lỗi dữ liệu cần sửa" : "Data errors to fix",
        value: String(check.summary.errors),
        alert: check.summary.errors > 0,
      },
    ],
    quarterTable: {
      header: vi
        ? [
            "",
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
            "",
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
        ? "Sản phẩm theo quý: kế hoạch và đã phát sóng"
        : "Items per quarter: planned and aired",
      legend: vi ? ["Kế hoạch", "Đã phát sóng"] : ["Planned", "Aired"],
      bars: progress.rows
        .filter((r) => r.bucket !== "other")
        .map((r) => ({ label: QUARTER_LABEL[lang][r.bucket], planned: r.planned, done: r.done })),
    },
    overdueTitle: vi
      ? "Các sản phẩm quá hạn (trễ nhiều nhất trước)"
      : "Overdue items (most late first)",
    overdueHeader: vi
      ? ["Nội dung", "Thời gian", "Hạn", "Số ngày trễ", "Đơn vị"]
      : ["Title", "Period", "Due", "Days late", "Unit"],
    overdue,
    overdueMore:
      more > 0
        ? vi
          ? `… và ${more} sản phẩm quá hạn khác.`
          : `… and ${more} more overdue items.`
        : overdue.length === 0
          ? vi
            ? "Không có sản phẩm quá hạn."
            : "No overdue items."
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
      { label: vi ? "Đã chi" : "Spent", value: money(budget.spent), alert: false },
      {
        label: vi ? "Còn lại" : "Remaining",
        value: money(budget.remaining),
        alert: budget.remaining !== null && budget.remaining < 0,
      },
      { label: vi ? "Tỷ lệ giải ngân" : "Disbursed", value: pct(budget.disbursed), alert: false },
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
    recipientsTitle: vi ? "Nơi nhận:" : "Distribution:",
    recipients: vi
      ? [
          "- Thường trực Huyện ủy, HĐND huyện (b/c);",
          "- Chủ tịch, các PCT UBND huyện;",
          "- Phòng Tài chính - Kế hoạch;",
          "- Lưu: VT.",
        ]
      : [
          "- District Party Committee and People's Council;",
          "- Chair and Vice-chairs of the People's Committee;",
          "- Finance-Planning Office;",
          "- File.",
        ],
    signer: vi ? "NGƯỜI LẬP BÁO CÁO" : "PREPARED BY",
    footer: vi
      ? `Lập bằng Plan Tracker từ sổ theo dõi; số liệu tính đến ${formatVnDate(asOf)}.`
      : `Made with Plan Tracker from the tracker; figures as of ${formatVnDate(asOf)}.`,
    figures: { progress, budget },
  };
}
