/**
 * The declarative workbook layout: everything the tool writes, as plain data. The domain computes
 * it; the exceljs and Office JS adapters apply it without business rules of their own, so the two
 * paths produce the same tracker. Dates are Excel serials with a date number format, which both
 * file formats and both APIs store the same way.
 */

export type Scalar = string | number | boolean | null;

export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  /** Font colour, "RRGGBB". */
  readonly color?: string;
  /** Solid fill, "RRGGBB". */
  readonly fill?: string;
  readonly wrap?: boolean;
  readonly align?: "left" | "center" | "right";
  readonly valign?: "top" | "middle" | "bottom";
  /** Thin border on all sides. */
  readonly border?: boolean;
}

export interface CellSpec {
  /** 1-based. */
  readonly row: number;
  readonly col: number;
  /** A literal (never parsed as a formula, even when it starts with "="). */
  readonly value?: Scalar;
  /** A formula without the leading "=", English function names, A1 references. */
  readonly formula?: string;
  /** The formula's value as the domain computed it, cached so readers without a calc engine see it. */
  readonly result?: Scalar;
  readonly numFmt?: string;
  readonly style?: CellStyle;
}

export interface ColumnSpec {
  readonly col: number;
  readonly width?: number;
  readonly hidden?: boolean;
}

export type ValidationType = "list" | "date" | "decimal" | "whole" | "custom";
export type ValidationOperator =
  | "between"
  | "notBetween"
  | "equal"
  | "notEqual"
  | "greaterThan"
  | "lessThan"
  | "greaterThanOrEqual"
  | "lessThanOrEqual";

export interface ValidationSpec {
  /** A bounded A1 range on the sheet ("K4:K13"), never a whole column. */
  readonly range: string;
  readonly type: ValidationType;
  readonly operator?: ValidationOperator;
  /** Formulas without "=": for a list, one quoted list `"a,b,c"` or a range reference. */
  readonly formulae: readonly string[];
  readonly allowBlank: boolean;
  readonly errorStyle: "stop" | "warning" | "information";
  readonly errorTitle: string;
  readonly error: string;
  readonly promptTitle?: string;
  readonly prompt?: string;
}

export interface ConditionalFormatSpec {
  /** Bounded A1 range; the formula is relative to its top-left cell. */
  readonly range: string;
  readonly formula: string;
  readonly style: { readonly fill?: string; readonly color?: string; readonly bold?: boolean };
  /** 1 = evaluated first. */
  readonly priority: number;
  readonly stopIfTrue: boolean;
}

export interface TableSpec {
  readonly name: string;
  /** Header row included. */
  readonly range: string;
  /** Equal to the header cells' text, in order (Excel repairs a table whose names differ). */
  readonly columns: readonly string[];
  readonly style: string;
  /**
   * A table already exactly over the range that a failed run added and could not name (Excel
   * gives it a default name first): it becomes this table, renamed, not a second one.
   */
  readonly adopt?: string;
}

export interface ChartSpec {
  readonly name: string;
  readonly type: "columnClustered" | "barClustered";
  readonly title: string;
  /** The data block, headers in its first row and first column. */
  readonly dataRange: string;
  readonly seriesBy: "columns" | "rows";
  /** Where it sits: top-left and bottom-right cells. */
  readonly anchor: { readonly from: string; readonly to: string };
}

export interface PageSetupSpec {
  readonly orientation: "portrait" | "landscape";
  readonly paperSize: "A4";
  readonly fitToWidth: number;
  readonly fitToHeight: number;
  /** Printed page header (centre), plain text. */
  readonly header?: string;
  readonly printTitleRows?: string;
  readonly margins?: {
    readonly left: number;
    readonly right: number;
    readonly top: number;
    readonly bottom: number;
  };
}

/**
 * How the adapter treats the sheet:
 * - "patch": the user's sheet (the plan): only the listed cells, rules and tables are written;
 *   everything else stays as the user left it.
 * - "create-if-missing": written once (the settings sheet the clerk then fills in).
 * - "replace": owned by the tool, rebuilt from scratch each run (summaries, metadata).
 */
export type SheetMode = "patch" | "create-if-missing" | "replace";

/** What a previous run of the tool added to a "patch" sheet: removed before re-applying. */
export interface OwnedRules {
  readonly validations: readonly string[];
  readonly conditionalFormats: readonly { readonly range: string; readonly formula: string }[];
  readonly tables: readonly string[];
}

export interface SheetSpec {
  readonly name: string;
  readonly mode: SheetMode;
  readonly state: "visible" | "veryHidden";
  readonly cells: readonly CellSpec[];
  readonly columns: readonly ColumnSpec[];
  readonly merges: readonly string[];
  readonly validations: readonly ValidationSpec[];
  readonly conditionalFormats: readonly ConditionalFormatSpec[];
  readonly tables: readonly TableSpec[];
  readonly charts: readonly ChartSpec[];
  /** Rules from the previous run to remove first ("patch" sheets only). */
  readonly remove?: OwnedRules;
  readonly freeze?: { readonly rows: number; readonly cols: number };
  readonly pageSetup?: PageSetupSpec;
  readonly tabColor?: string;
  /**
   * A "replace" sheet that holds the clerk's entries (the matrix plan's items sheet): where the
   * layout is applied in steps that can fail half way, the old sheet is renamed to this name
   * first and deleted only once the new one is written, so the entries always exist somewhere.
   * If a sheet of this name is already there, a failed run left it: it is the old copy.
   */
  readonly backup?: string;
}

export interface DefinedNameSpec {
  readonly name: string;
  /** Without "=", e.g. `'Cài đặt'!$B$9`. */
  readonly formula: string;
}

/** A sheet renamed before the layout's sheets are applied (a tool-owned sheet someone edited). */
export interface SheetRename {
  readonly from: string;
  readonly to: string;
}

export interface WorkbookLayout {
  /** Applied first; a "replace" sheet named like a `from` then finds no sheet to replace. */
  readonly renames?: readonly SheetRename[];
  readonly sheets: readonly SheetSpec[];
  readonly definedNames: readonly DefinedNameSpec[];
  /** Ask Excel to recalculate on open (exceljs cannot calculate; cached results may be stale). */
  readonly fullCalcOnLoad: boolean;
  /**
   * Cells to write on `sheet` before anything else, when the layout is applied in steps that can
   * fail half way (Excel's batches keep the operations before a failure): the tool's metadata
   * in a "writing" state, so the next run can finish the job. Same rectangle as the sheet's
   * final cells, written over in one go at the end. A whole-file writer ignores it.
   */
  readonly journal?: { readonly sheet: string; readonly cells: readonly CellSpec[] };
}

export function emptySheet(
  name: string,
  mode: SheetMode,
  state: "visible" | "veryHidden" = "visible",
): SheetSpec {
  return {
    name,
    mode,
    state,
    cells: [],
    columns: [],
    merges: [],
    validations: [],
    conditionalFormats: [],
    tables: [],
    charts: [],
  };
}
