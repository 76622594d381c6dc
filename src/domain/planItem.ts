/**
 * One planned item as the domain understands it: the user's text kept as written beside the
 * values read from it. Field names follow the `check --json` contract (BRIEF.md).
 */
import type { IsoDate, Quarter } from "./calendar";
import type { FieldKey } from "./fields";
import type { Period } from "./period";
import type { Recurrence } from "./recurrence";
import type { Status } from "./status";

export type DueSource = "title" | "period" | "manual";

export interface PlanItem {
  /** 1-based worksheet row. */
  readonly row: number;
  readonly title: string | null;
  readonly periodText: string | null;
  /** The period's own quarter, else the quarter the due date falls in. */
  readonly quarter: Quarter | null;
  readonly year: number | null;
  readonly dueDate: IsoDate | null;
  readonly count: number | null;
  readonly type: string | null;
  readonly durationText: string | null;
  readonly durationMinutes: number | null;
  readonly unit: string | null;
  readonly budgetVnd: number | null;
  readonly status: Status | null;
  readonly airedOn: IsoDate | null;
  readonly spentVnd: number | null;
  readonly overdue: boolean;
  // Beyond the JSON contract: what the tracker and summaries need.
  readonly period: Period | null;
  readonly dueSource: DueSource | null;
  /** Budget cell, else count × minutes × rate for the type; null when neither is known. */
  readonly plannedVnd: number | null;
  readonly plannedDerived: boolean;
  /** Due within the warning window (14 days) and not closed. */
  readonly dueSoon: boolean;
  /** The period text came from a group row above (e.g. a "Quý II/2023" section row). */
  readonly periodInherited: boolean;
  /**
   * The unit and type cells exactly as written: summaries group by these the way Excel's "="
   * compares (case-insensitive, otherwise exact), so live formulas and the domain agree.
   */
  readonly unitText: string | null;
  readonly typeText: string | null;
  /** The status cell as written ("đã xong" parses as done, but a formula sees only the text). */
  readonly statusText: string | null;
  /** The spending cell when it is a number: what SUM/SUMIFS add up (text is skipped by Excel). */
  readonly spentNumber: number | null;
  /**
   * Evidence for payment (issue 13 §3): the link or recording reference, the acceptance record's
   * number and date, the invoice number and the date paid. Text as written; dates read like the
   * air date. Null when the column is absent or the cell blank or unreadable.
   */
  readonly evidence: string | null;
  readonly acceptanceNo: string | null;
  readonly acceptedOn: IsoDate | null;
  readonly invoice: string | null;
  readonly paidOn: IsoDate | null;
  /**
   * The acceptance and paid-date cells hold something, as Excel's `<>""` sees them (a space
   * counts; an unreadable date too): what the Budget sheet's live formulas count as accepted
   * and paid, so the cached values agree with Excel's.
   */
  readonly acceptedFilled: boolean;
  readonly paidFilled: boolean;
  /** Fields whose cell could not be read (errors): the tracker marks these cells. */
  readonly invalidFields: readonly FieldKey[];
  /**
   * A quarter or month matrix's item: its cell ("E5": the topic's row, the period's column).
   * Absent for an item that is a row of its own.
   */
  readonly cell?: string;
  /** The matrix item's column (the period's). */
  readonly matrixCol?: number;
  /** The row of the tracker's items sheet its status, air date and spending were read from. */
  readonly entryRow?: number | null;
  /**
   * A recurring duty ("Hằng tuần", "02 tin/tuần"): counted per period against its quota on the
   * broadcast log instead of having one due date. Its count, due date and quarter are then null.
   */
  readonly recurrence?: Recurrence;
}
