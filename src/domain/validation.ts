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

const ITEM_RULES: readonly Rule[] = [
  airedButNotDone,
  doneWithoutAirDate,
  airedOutsideYear,
  airedInFuture,
  spentOverPlan,
  spentWithoutAirDate,
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
