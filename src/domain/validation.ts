/**
 * Rules across the fields of an item (and across items). Single-value problems are found by each
 * field's parser; these look at combinations a clerk can get wrong while the year goes on.
 * Each rule is a small function from an item to at most a few issues on one field.
 */
import { formatVnDate, yearOf, type IsoDate } from "./calendar";
import { issue, locate, type Diagnostic, type Issue } from "./diagnostics";
import type { FieldKey } from "./fields";
import { formatVnd, formatVndEn } from "./money";
import type { PlanItem } from "./planItem";
import { UNPAID_AFTER_DAYS, unpaidDays } from "./settlement";
import { isDone } from "./status";
import { fold } from "./text";

export interface RuleContext {
  readonly sheet: string;
  readonly cols: Readonly<Partial<Record<FieldKey, number>>>;
  readonly planYear: number | null;
  readonly asOf: IsoDate;
}

interface Finding {
  readonly field: FieldKey;
  readonly found: Issue;
  readonly value?: string | null;
}

type Rule = (item: PlanItem, ctx: RuleContext) => Finding | null;

const airedButNotDone: Rule = (item) =>
  item.airedOn !== null && (item.status === null || !isDone(item.status))
    ? {
        field: "status",
        value: item.status,
        found: issue(
          "status.aired-not-done",
          "warning",
          {
            vi: `Đã có ngày phát sóng ${formatVnDate(item.airedOn)} nhưng trạng thái chưa là "Đã phát sóng".`,
            en: `An air date (${formatVnDate(item.airedOn)}) is set but the status is not "Đã phát sóng" (aired).`,
          },
          "Đã phát sóng",
        ),
      }
    : null;

const doneWithoutAirDate: Rule = (item) =>
  item.status !== null && isDone(item.status) && item.airedOn === null
    ? {
        field: "airedOn",
        found: issue("airedOn.missing", "warning", {
          vi: 'Trạng thái "Đã phát sóng" nhưng chưa có ngày phát sóng: nhập ngày dạng dd/mm/yyyy.',
          en: 'The status is "Đã phát sóng" (aired) but there is no air date: enter it as dd/mm/yyyy.',
        }),
      }
    : null;

const airedOutsideYear: Rule = (item, ctx) =>
  item.airedOn !== null && ctx.planYear !== null && yearOf(item.airedOn) !== ctx.planYear
    ? {
        field: "airedOn",
        found: issue("airedOn.other-year", "warning", {
          vi: `Ngày phát sóng ${formatVnDate(item.airedOn)} không thuộc năm kế hoạch ${ctx.planYear}.`,
          en: `The air date ${formatVnDate(item.airedOn)} is outside the plan year ${ctx.planYear}.`,
        }),
      }
    : null;

const airedInFuture: Rule = (item, ctx) =>
  item.airedOn !== null && item.airedOn > ctx.asOf
    ? {
        field: "airedOn",
        found: issue("airedOn.future", "warning", {
          vi: `Ngày phát sóng ${formatVnDate(item.airedOn)} sau ngày tính ${formatVnDate(ctx.asOf)}: kiểm tra lại ngày.`,
          en: `The air date ${formatVnDate(item.airedOn)} is after the as-of date ${formatVnDate(ctx.asOf)}: check it.`,
        }),
      }
    : null;

const spentOverPlan: Rule = (item) =>
  item.spentVnd !== null && item.plannedVnd !== null && item.spentVnd > item.plannedVnd
    ? {
        field: "spent",
        found: issue("spent.over-plan", "warning", {
          vi: `Thực chi ${formatVnd(item.spentVnd)} vượt kinh phí dự kiến ${formatVnd(item.plannedVnd)}.`,
          en: `Spent ${formatVndEn(item.spentVnd)} exceeds the planned ${formatVndEn(item.plannedVnd)}.`,
        }),
      }
    : null;

const spentWithoutAirDate: Rule = (item) =>
  item.spentVnd !== null && item.spentVnd > 0 && item.airedOn === null && item.status !== "Hủy"
    ? {
        field: "spent",
        found: issue("spent.without-air-date", "warning", {
          vi: "Đã ghi thực chi nhưng chưa có ngày phát sóng: nhập ngày phát sóng hoặc kiểm tra khoản chi.",
          en: "Spending is recorded but there is no air date: enter the air date or check the spending.",
        }),
      }
    : null;

// ---------------------------------------------------------------- evidence for payment (§3)

const paidWithoutAcceptance: Rule = (item) =>
  item.paidOn !== null && item.acceptedOn === null && !item.invalidFields.includes("acceptedOn")
    ? {
        field: "paidOn",
        found: issue("paidOn.without-acceptance", "warning", {
          vi: `Đã thanh toán ngày ${formatVnDate(item.paidOn)} nhưng chưa có ngày nghiệm thu: thanh toán cần biên bản nghiệm thu — nhập số và ngày biên bản.`,
          en: `Paid on ${formatVnDate(item.paidOn)} but there is no acceptance date: payment needs an acceptance record — enter its number and date.`,
        }),
      }
    : null;

const acceptedBeforeAired: Rule = (item) =>
  item.acceptedOn !== null && item.airedOn !== null && item.acceptedOn < item.airedOn
    ? {
        field: "acceptedOn",
        found: issue("acceptedOn.before-air-date", "warning", {
          vi: `Ngày nghiệm thu ${formatVnDate(item.acceptedOn)} trước ngày phát sóng ${formatVnDate(item.airedOn)}: sản phẩm được nghiệm thu sau khi phát sóng — kiểm tra lại hai ngày.`,
          en: `The acceptance date ${formatVnDate(item.acceptedOn)} is before the air date ${formatVnDate(item.airedOn)}: a broadcast is accepted after it airs — check both dates.`,
        }),
      }
    : null;

const paidBeforeAccepted: Rule = (item) =>
  item.paidOn !== null && item.acceptedOn !== null && item.paidOn < item.acceptedOn
    ? {
        field: "paidOn",
        found: issue("paidOn.before-acceptance", "warning", {
          vi: `Ngày thanh toán ${formatVnDate(item.paidOn)} trước ngày nghiệm thu ${formatVnDate(item.acceptedOn)}: chỉ thanh toán sau khi nghiệm thu — kiểm tra lại hai ngày.`,
          en: `The payment date ${formatVnDate(item.paidOn)} is before the acceptance date ${formatVnDate(item.acceptedOn)}: payment follows acceptance — check both dates.`,
        }),
      }
    : null;

const recordWithoutAcceptanceDate: Rule = (item) =>
  item.acceptanceNo !== null &&
  item.acceptedOn === null &&
  !item.invalidFields.includes("acceptedOn")
    ? {
        field: "acceptedOn",
        found: issue("acceptedOn.missing", "warning", {
          vi: `Có số biên bản nghiệm thu "${item.acceptanceNo}" nhưng chưa có ngày nghiệm thu: nhập ngày dạng dd/mm/yyyy (trang Kinh phí tính mục đã nghiệm thu theo ngày này).`,
          en: `There is an acceptance record number "${item.acceptanceNo}" but no acceptance date: enter it as dd/mm/yyyy (the Budget sheet counts an item as accepted by this date).`,
        }),
      }
    : null;

const acceptedButUnpaid: Rule = (item, ctx) => {
  const days = unpaidDays(item, ctx.asOf);
  return days === null || item.acceptedOn === null
    ? null
    : {
        field: "paidOn",
        found: issue("paidOn.unpaid-after-acceptance", "warning", {
          vi: `Đã nghiệm thu ngày ${formatVnDate(item.acceptedOn)} (${days} ngày trước ngày tính ${formatVnDate(ctx.asOf)}, quá ${UNPAID_AFTER_DAYS} ngày) nhưng chưa thanh toán: nhập ngày thanh toán nếu đã chi, hoặc đề nghị Tài chính thanh toán.`,
          en: `Accepted on ${formatVnDate(item.acceptedOn)} (${days} days before the as-of date ${formatVnDate(ctx.asOf)}, over ${UNPAID_AFTER_DAYS}) but not paid: enter the payment date if paid, or ask Finance to pay.`,
        }),
      };
};

/** An acceptance or payment date before the plan year, or after the year that follows it. */
function evidenceDateOutsideYears(field: "acceptedOn" | "paidOn"): Rule {
  return (item, ctx) => {
    const date = item[field];
    if (date === null || ctx.planYear === null) return null;
    const year = yearOf(date);
    if (year >= ctx.planYear && year <= ctx.planYear + 1) return null;
    const label = field === "acceptedOn" ? "nghiệm thu" : "thanh toán";
    const labelEn = field === "acceptedOn" ? "acceptance" : "payment";
    return {
      field,
      found: issue(`${field}.other-year`, "warning", {
        vi: `Ngày ${label} ${formatVnDate(date)} không thuộc năm kế hoạch ${ctx.planYear} hay năm sau: kiểm tra lại năm (dd/mm/yyyy).`,
        en: `The ${labelEn} date ${formatVnDate(date)} is neither in the plan year ${ctx.planYear} nor the next: check the year (dd/mm/yyyy).`,
      }),
    };
  };
}

/** An acceptance or payment date after the as-of date: a typo, or entered ahead. */
function evidenceDateInFuture(field: "acceptedOn" | "paidOn"): Rule {
  return (item, ctx) => {
    const date = item[field];
    if (date === null || date <= ctx.asOf) return null;
    const label = field === "acceptedOn" ? "nghiệm thu" : "thanh toán";
    const labelEn = field === "acceptedOn" ? "acceptance" : "payment";
    return {
      field,
      found: issue(`${field}.future`, "warning", {
        vi: `Ngày ${label} ${formatVnDate(date)} sau ngày tính ${formatVnDate(ctx.asOf)}: kiểm tra lại ngày.`,
        en: `The ${labelEn} date ${formatVnDate(date)} is after the as-of date ${formatVnDate(ctx.asOf)}: check it.`,
      }),
    };
  };
}

const ITEM_RULES: readonly Rule[] = [
  airedButNotDone,
  doneWithoutAirDate,
  airedOutsideYear,
  airedInFuture,
  spentOverPlan,
  spentWithoutAirDate,
  recordWithoutAcceptanceDate,
  acceptedBeforeAired,
  evidenceDateOutsideYears("acceptedOn"),
  evidenceDateInFuture("acceptedOn"),
  paidWithoutAcceptance,
  paidBeforeAccepted,
  evidenceDateOutsideYears("paidOn"),
  evidenceDateInFuture("paidOn"),
  acceptedButUnpaid,
];

/** The same title twice in the same period is usually a copy-paste slip. */
function duplicates(
  items: readonly PlanItem[],
  ctx: RuleContext,
  foldedTitles?: readonly (string | undefined)[],
): Diagnostic[] {
  // Keyed `${fold(title)}|${fold(period)}`. Without a "|" inside either part that key is the pair
  // itself, so those pairs go in a map of maps (no key string to build and hash per item); pairs
  // with a "|" keep the joined key, as only they can join to the same text.
  // Most titles occur once: they keep only the index of their item (a small integer, nothing
  // allocated); a second period for the same title turns the entry into a map of periods.
  const seenPairs = new Map<string, number | Map<string, number>>();
  const seen = new Map<string, number>();
  const out: Diagnostic[] = [];
  // A plan writes a handful of period texts down the whole column: fold each once.
  const foldedPeriods = new Map<string, string>();
  const periodOf = (item: PlanItem): string => {
    const text = item.periodText ?? "";
    let folded = foldedPeriods.get(text);
    if (folded === undefined) {
      folded = fold(text);
      foldedPeriods.set(text, folded);
    }
    return folded;
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as PlanItem;
    if (item.title === null) continue;
    const title = foldedTitles?.[item.row] ?? fold(item.title);
    const period = periodOf(item);
    let first: number | undefined;
    if (title.indexOf("|") === -1 && period.indexOf("|") === -1) {
      const known = seenPairs.get(title);
      if (known === undefined) seenPairs.set(title, i);
      else if (typeof known === "number") {
        const earlier = items[known] as PlanItem;
        const earlierPeriod = periodOf(earlier);
        if (earlierPeriod === period) first = earlier.row;
        else
          seenPairs.set(
            title,
            new Map([
              [earlierPeriod, earlier.row],
              [period, item.row],
            ]),
          );
      } else {
        first = known.get(period);
        if (first === undefined) known.set(period, item.row);
      }
    } else {
      const key = `${title}|${period}`;
      first = seen.get(key);
      if (first === undefined) seen.set(key, item.row);
    }
    if (first === undefined) continue;
    out.push(
      locate(
        issue("item.duplicate", "warning", {
          vi: `Mục này trùng nội dung và thời gian với hàng ${first}; xóa một hàng nếu là bản sao.`,
          en: `This item repeats the title and period of row ${first}; delete one row if it is a copy.`,
        }),
        {
          sheet: ctx.sheet,
          row: item.row,
          col: ctx.cols.title ?? null,
          field: "title",
          value: item.title,
        },
      ),
    );
  }
  return out;
}

export function crossFieldRules(
  items: readonly PlanItem[],
  ctx: RuleContext,
  opts: {
    acrossRows: boolean;
    /** fold(item.title) by row, when the reader has it already. */
    foldedTitles?: readonly (string | undefined)[];
    /**
     * Where a finding on an item's field goes, when not at its row's cell of that field (a
     * matrix item's status is on the tracker's items sheet); a null sheet is `ctx.sheet`.
     */
    where?: (
      item: PlanItem,
      field: FieldKey,
    ) => { sheet: string | null; row: number; col: number | null };
  } = { acrossRows: true },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const item of items) {
    // A field the parser already rejected needs fixing first; more findings on it are noise.
    for (const rule of ITEM_RULES) {
      const f = rule(item, ctx);
      if (!f || item.invalidFields.includes(f.field)) continue;
      const at = opts.where?.(item, f.field);
      out.push(
        locate(f.found, {
          sheet: at?.sheet ?? ctx.sheet,
          row: at?.row ?? item.row,
          col: at ? at.col : (ctx.cols[f.field] ?? null),
          field: f.field,
          value: f.value ?? null,
        }),
      );
    }
  }
  if (opts.acrossRows) out.push(...duplicates(items, ctx, opts.foldedTitles));
  return out;
}
