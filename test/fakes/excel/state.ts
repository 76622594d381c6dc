/**
 * Plain state of the fake workbook: what Excel would hold after each applied request. The proxy
 * classes mutate it only while a `context.sync()` executes; tests build it from data and inspect
 * it through `FakeWorkbook`.
 */
import type { Rect } from "./address";
import type { CellContent, Scalar } from "./cellValues";

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export type BorderSide =
  "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "DiagonalDown" | "DiagonalUp";

export interface BorderState {
  style: string;
  color: string;
  weight: string;
}

export interface FontState {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
  name?: string;
  underline?: string;
  strikethrough?: boolean;
}

export interface CellFormat {
  /** "#RRGGBB"; absent = no fill. */
  fillColor?: string;
  font?: FontState;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  borders?: Partial<Record<BorderSide, BorderState>>;
}

export interface CellState {
  value: Scalar | null;
  formula: string | null;
  isError?: boolean;
  quotePrefix?: boolean;
  /** Absent = "General". */
  numberFormat?: string;
  format?: CellFormat;
}

export function contentOf(cell: CellState | undefined): CellContent {
  if (!cell) return { value: null, formula: null };
  return {
    value: cell.value,
    formula: cell.formula,
    ...(cell.isError ? { isError: true } : {}),
    ...(cell.quotePrefix ? { quotePrefix: true } : {}),
  };
}

export interface DataValidationRuleState {
  list?: { inCellDropDown: boolean; source: string };
  wholeNumber?: BasicRule;
  decimal?: BasicRule;
  textLength?: BasicRule;
  date?: BasicRule;
  time?: BasicRule;
  custom?: { formula: string };
}

export interface BasicRule {
  operator: string;
  formula1: string | number;
  formula2?: string | number;
}

export interface ValidationState {
  rect: Rect;
  /** Excel.DataValidationType: "None" when only a prompt/alert was set. */
  type: string;
  rule: DataValidationRuleState | null;
  errorAlert: { style: string; title: string; message: string; showAlert: boolean };
  prompt: { title: string; message: string; showPrompt: boolean };
  ignoreBlanks: boolean;
}

export interface ConditionalFormatState {
  id: string;
  type: string;
  rects: Rect[];
  formula: string;
  fillColor?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  numberFormat?: string;
  stopIfTrue: boolean;
}

export interface TableState {
  id: string;
  name: string;
  sheet: SheetState;
  rect: Rect;
  style: string;
  showHeaders: boolean;
  showTotals: boolean;
  showFilterButton: boolean;
  showBandedRows: boolean;
  showBandedColumns: boolean;
  highlightFirstColumn: boolean;
  highlightLastColumn: boolean;
  deleted: boolean;
}

export interface ChartState {
  id: string;
  name: string;
  sheet: SheetState;
  chartType: string;
  sourceSheet: SheetState;
  source: Rect;
  seriesBy: string;
  title: { text: string; visible: boolean };
  legend: { visible: boolean; position: string };
  /** Top-left and bottom-right anchor cells, as set by setPosition. */
  from: Rect | null;
  to: Rect | null;
  top: number;
  left: number;
  width: number;
  height: number;
  deleted: boolean;
}

export interface NameState {
  name: string;
  /** With the leading "=", e.g. "='Cài đặt'!$B$9". */
  formula: string;
  comment: string;
  visible: boolean;
  deleted: boolean;
}

export interface PageLayoutState {
  orientation: string;
  paperSize: string;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  printGridlines: boolean;
  printHeadings: boolean;
  centerHorizontally: boolean;
  centerVertically: boolean;
  printTitleRows: Rect | null;
  printTitleColumns: Rect | null;
  printArea: Rect | null;
  headersFooters: Record<string, Record<string, string>>;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: Visibility;
  /** "" = automatic. */
  tabColor: string;
  freeze: { rows: number; cols: number };
  showGridlines: boolean;
  standardWidth: number;
  cells: Map<number, CellState>;
  /** Points (Excel.RangeFormat.columnWidth); absent = standard width. */
  colWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  hiddenCols: Set<number>;
  hiddenRows: Set<number>;
  /** Formats applied to whole columns / rows (entire-column ranges). */
  colFormats: Map<number, CellFormat>;
  rowFormats: Map<number, CellFormat>;
  merges: Rect[];
  validations: ValidationState[];
  /** In priority order: index 0 is evaluated first. */
  conditionalFormats: ConditionalFormatState[];
  charts: ChartState[];
  pageLayout: PageLayoutState;
  /**
   * Review › Protect Sheet with Excel's defaults: every cell locked, so the sheet's cells,
   * formats, rules and tables refuse writes (AccessDenied). Per-cell locking and the
   * WorksheetProtectionOptions are not modelled: the add-in refuses a protected sheet whole.
   */
  protected: boolean;
  deleted: boolean;
}

export const COLS = 16384;
export const key = (r: number, c: number): number => r * COLS + c;
export const rowOf = (k: number): number => Math.floor(k / COLS);
export const colOf = (k: number): number => k % COLS;

/** Points: Excel's default 8.43-character column and 15-point row. */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export function defaultPageLayout(): PageLayoutState {
  const part = (): Record<string, string> => ({
    leftHeader: "",
    centerHeader: "",
    rightHeader: "",
    leftFooter: "",
    centerFooter: "",
    rightFooter: "",
  });
  return {
    orientation: "Portrait",
    paperSize: "Letter",
    zoom: { scale: 100 },
    leftMargin: 50.4,
    rightMargin: 50.4,
    topMargin: 54,
    bottomMargin: 54,
    headerMargin: 21.6,
    footerMargin: 21.6,
    printGridlines: false,
    printHeadings: false,
    centerHorizontally: false,
    centerVertically: false,
    printTitleRows: null,
    printTitleColumns: null,
    printArea: null,
    headersFooters: {
      defaultForAllPages: part(),
      firstPage: part(),
      evenPages: part(),
      oddPages: part(),
    },
  };
}

export function newSheet(id: string, name: string): SheetState {
  return {
    id,
    name,
    visibility: "Visible",
    tabColor: "",
    freeze: { rows: 0, cols: 0 },
    showGridlines: true,
    standardWidth: 8.43,
    cells: new Map(),
    colWidths: new Map(),
    rowHeights: new Map(),
    hiddenCols: new Set(),
    hiddenRows: new Set(),
    colFormats: new Map(),
    rowFormats: new Map(),
    merges: [],
    validations: [],
    conditionalFormats: [],
    charts: [],
    pageLayout: defaultPageLayout(),
    protected: false,
    deleted: false,
  };
}
