/* Generated from @types/office-js 1.0.612 (declare namespace Excel): enum names and values. */

export const ConditionalFormatType = {
  custom: "Custom",
  dataBar: "DataBar",
  colorScale: "ColorScale",
  iconSet: "IconSet",
  topBottom: "TopBottom",
  presetCriteria: "PresetCriteria",
  containsText: "ContainsText",
  cellValue: "CellValue",
} as const;

export const DataValidationType = {
  none: "None",
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  list: "List",
  date: "Date",
  time: "Time",
  textLength: "TextLength",
  custom: "Custom",
  inconsistent: "Inconsistent",
  mixedCriteria: "MixedCriteria",
} as const;

export const DataValidationOperator = {
  between: "Between",
  notBetween: "NotBetween",
  equalTo: "EqualTo",
  notEqualTo: "NotEqualTo",
  greaterThan: "GreaterThan",
  lessThan: "LessThan",
  greaterThanOrEqualTo: "GreaterThanOrEqualTo",
  lessThanOrEqualTo: "LessThanOrEqualTo",
} as const;

export const DataValidationAlertStyle = {
  stop: "Stop",
  warning: "Warning",
  information: "Information",
} as const;

export const ChartType = {
  invalid: "Invalid",
  columnClustered: "ColumnClustered",
  columnStacked: "ColumnStacked",
  columnStacked100: "ColumnStacked100",
  _3DColumnClustered: "3DColumnClustered",
  _3DColumnStacked: "3DColumnStacked",
  _3DColumnStacked100: "3DColumnStacked100",
  barClustered: "BarClustered",
  barStacked: "BarStacked",
  barStacked100: "BarStacked100",
  _3DBarClustered: "3DBarClustered",
  _3DBarStacked: "3DBarStacked",
  _3DBarStacked100: "3DBarStacked100",
  lineStacked: "LineStacked",
  lineStacked100: "LineStacked100",
  lineMarkers: "LineMarkers",
  lineMarkersStacked: "LineMarkersStacked",
  lineMarkersStacked100: "LineMarkersStacked100",
  pieOfPie: "PieOfPie",
  pieExploded: "PieExploded",
  _3DPieExploded: "3DPieExploded",
  barOfPie: "BarOfPie",
  xyscatterSmooth: "XYScatterSmooth",
  xyscatterSmoothNoMarkers: "XYScatterSmoothNoMarkers",
  xyscatterLines: "XYScatterLines",
  xyscatterLinesNoMarkers: "XYScatterLinesNoMarkers",
  areaStacked: "AreaStacked",
  areaStacked100: "AreaStacked100",
  _3DAreaStacked: "3DAreaStacked",
  _3DAreaStacked100: "3DAreaStacked100",
  doughnutExploded: "DoughnutExploded",
  radarMarkers: "RadarMarkers",
  radarFilled: "RadarFilled",
  surface: "Surface",
  surfaceWireframe: "SurfaceWireframe",
  surfaceTopView: "SurfaceTopView",
  surfaceTopViewWireframe: "SurfaceTopViewWireframe",
  bubble: "Bubble",
  bubble3DEffect: "Bubble3DEffect",
  stockHLC: "StockHLC",
  stockOHLC: "StockOHLC",
  stockVHLC: "StockVHLC",
  stockVOHLC: "StockVOHLC",
  cylinderColClustered: "CylinderColClustered",
  cylinderColStacked: "CylinderColStacked",
  cylinderColStacked100: "CylinderColStacked100",
  cylinderBarClustered: "CylinderBarClustered",
  cylinderBarStacked: "CylinderBarStacked",
  cylinderBarStacked100: "CylinderBarStacked100",
  cylinderCol: "CylinderCol",
  coneColClustered: "ConeColClustered",
  coneColStacked: "ConeColStacked",
  coneColStacked100: "ConeColStacked100",
  coneBarClustered: "ConeBarClustered",
  coneBarStacked: "ConeBarStacked",
  coneBarStacked100: "ConeBarStacked100",
  coneCol: "ConeCol",
  pyramidColClustered: "PyramidColClustered",
  pyramidColStacked: "PyramidColStacked",
  pyramidColStacked100: "PyramidColStacked100",
  pyramidBarClustered: "PyramidBarClustered",
  pyramidBarStacked: "PyramidBarStacked",
  pyramidBarStacked100: "PyramidBarStacked100",
  pyramidCol: "PyramidCol",
  _3DColumn: "3DColumn",
  line: "Line",
  _3DLine: "3DLine",
  _3DPie: "3DPie",
  pie: "Pie",
  xyscatter: "XYScatter",
  _3DArea: "3DArea",
  area: "Area",
  doughnut: "Doughnut",
  radar: "Radar",
  histogram: "Histogram",
  boxwhisker: "Boxwhisker",
  pareto: "Pareto",
  regionMap: "RegionMap",
  treemap: "Treemap",
  waterfall: "Waterfall",
  sunburst: "Sunburst",
  funnel: "Funnel",
} as const;

export const ChartSeriesBy = {
  auto: "Auto",
  columns: "Columns",
  rows: "Rows",
} as const;

export const SheetVisibility = {
  visible: "Visible",
  hidden: "Hidden",
  veryHidden: "VeryHidden",
} as const;

export const EventSource = {
  local: "Local",
  remote: "Remote",
} as const;

export const EventTriggerSource = {
  unknown: "Unknown",
  thisLocalAddin: "ThisLocalAddin",
} as const;

export const DataChangeType = {
  unknown: "Unknown",
  rangeEdited: "RangeEdited",
  rowInserted: "RowInserted",
  rowDeleted: "RowDeleted",
  columnInserted: "ColumnInserted",
  columnDeleted: "ColumnDeleted",
  cellInserted: "CellInserted",
  cellDeleted: "CellDeleted",
} as const;

export const HorizontalAlignment = {
  general: "General",
  left: "Left",
  center: "Center",
  right: "Right",
  fill: "Fill",
  justify: "Justify",
  centerAcrossSelection: "CenterAcrossSelection",
  distributed: "Distributed",
} as const;

export const VerticalAlignment = {
  top: "Top",
  center: "Center",
  bottom: "Bottom",
  justify: "Justify",
  distributed: "Distributed",
} as const;

export const BorderIndex = {
  edgeTop: "EdgeTop",
  edgeBottom: "EdgeBottom",
  edgeLeft: "EdgeLeft",
  edgeRight: "EdgeRight",
  insideVertical: "InsideVertical",
  insideHorizontal: "InsideHorizontal",
  diagonalDown: "DiagonalDown",
  diagonalUp: "DiagonalUp",
} as const;

export const BorderLineStyle = {
  none: "None",
  continuous: "Continuous",
  dash: "Dash",
  dashDot: "DashDot",
  dashDotDot: "DashDotDot",
  dot: "Dot",
  double: "Double",
  slantDashDot: "SlantDashDot",
} as const;

export const BorderWeight = {
  hairline: "Hairline",
  thin: "Thin",
  medium: "Medium",
  thick: "Thick",
} as const;

export const ClearApplyTo = {
  all: "All",
  formats: "Formats",
  contents: "Contents",
  hyperlinks: "Hyperlinks",
  removeHyperlinks: "RemoveHyperlinks",
  resetContents: "ResetContents",
} as const;

export const PageOrientation = {
  portrait: "Portrait",
  landscape: "Landscape",
} as const;

export const PaperType = {
  letter: "Letter",
  letterSmall: "LetterSmall",
  tabloid: "Tabloid",
  ledger: "Ledger",
  legal: "Legal",
  statement: "Statement",
  executive: "Executive",
  a3: "A3",
  a4: "A4",
  a4Small: "A4Small",
  a5: "A5",
  b4: "B4",
  b5: "B5",
  folio: "Folio",
  quatro: "Quatro",
  paper10x14: "Paper10x14",
  paper11x17: "Paper11x17",
  note: "Note",
  envelope9: "Envelope9",
  envelope10: "Envelope10",
  envelope11: "Envelope11",
  envelope12: "Envelope12",
  envelope14: "Envelope14",
  csheet: "Csheet",
  dsheet: "Dsheet",
  esheet: "Esheet",
  envelopeDL: "EnvelopeDL",
  envelopeC5: "EnvelopeC5",
  envelopeC3: "EnvelopeC3",
  envelopeC4: "EnvelopeC4",
  envelopeC6: "EnvelopeC6",
  envelopeC65: "EnvelopeC65",
  envelopeB4: "EnvelopeB4",
  envelopeB5: "EnvelopeB5",
  envelopeB6: "EnvelopeB6",
  envelopeItaly: "EnvelopeItaly",
  envelopeMonarch: "EnvelopeMonarch",
  envelopePersonal: "EnvelopePersonal",
  fanfoldUS: "FanfoldUS",
  fanfoldStdGerman: "FanfoldStdGerman",
  fanfoldLegalGerman: "FanfoldLegalGerman",
} as const;

export const RangeValueType = {
  unknown: "Unknown",
  empty: "Empty",
  string: "String",
  integer: "Integer",
  double: "Double",
  boolean: "Boolean",
  error: "Error",
  richValue: "RichValue",
} as const;

export const NamedItemType = {
  string: "String",
  integer: "Integer",
  double: "Double",
  boolean: "Boolean",
  range: "Range",
  error: "Error",
  array: "Array",
} as const;

export const NamedItemScope = {
  worksheet: "Worksheet",
  workbook: "Workbook",
} as const;

export const ErrorCodes = {
  accessDenied: "AccessDenied",
  apiNotFound: "ApiNotFound",
  conflict: "Conflict",
  dirtySupportingFormula: "DirtySupportingFormula",
  emptyChartSeries: "EmptyChartSeries",
  filteredRangeConflict: "FilteredRangeConflict",
  formulaLengthExceedsLimit: "FormulaLengthExceedsLimit",
  generalException: "GeneralException",
  inactiveWorkbook: "InactiveWorkbook",
  insertDeleteConflict: "InsertDeleteConflict",
  invalidArgument: "InvalidArgument",
  invalidBinding: "InvalidBinding",
  invalidOperation: "InvalidOperation",
  invalidReference: "InvalidReference",
  invalidSelection: "InvalidSelection",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  mergedRangeConflict: "MergedRangeConflict",
  nonBlankCellOffSheet: "NonBlankCellOffSheet",
  notImplemented: "NotImplemented",
  openWorkbookLinksBlocked: "OpenWorkbookLinksBlocked",
  operationCellsExceedLimit: "OperationCellsExceedLimit",
  pivotTableRangeConflict: "PivotTableRangeConflict",
  powerQueryRefreshResourceChallenge: "PowerQueryRefreshResourceChallenge",
  rangeExceedsLimit: "RangeExceedsLimit",
  rangeImageExceedsLimit: "RangeImageExceedsLimit",
  refreshWorkbookLinksBlocked: "RefreshWorkbookLinksBlocked",
  requestAborted: "RequestAborted",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  unsupportedFeature: "UnsupportedFeature",
  unsupportedFillType: "UnsupportedFillType",
  unsupportedOperation: "UnsupportedOperation",
  unsupportedSheet: "UnsupportedSheet",
  invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
} as const;

export const ChartLegendPosition = {
  invalid: "Invalid",
  top: "Top",
  bottom: "Bottom",
  left: "Left",
  right: "Right",
  corner: "Corner",
  custom: "Custom",
} as const;

export const ConditionalRangeFontUnderlineStyle = {
  none: "None",
  single: "Single",
  double: "Double",
} as const;

export const RangeUnderlineStyle = {
  none: "None",
  single: "Single",
  double: "Double",
  singleAccountant: "SingleAccountant",
  doubleAccountant: "DoubleAccountant",
} as const;

export const CalculationMode = {
  automatic: "Automatic",
  automaticExceptTables: "AutomaticExceptTables",
  manual: "Manual",
} as const;

export const CalculationType = {
  recalculate: "Recalculate",
  full: "Full",
  fullRebuild: "FullRebuild",
} as const;

export const HeaderFooterState = {
  default: "Default",
  firstAndDefault: "FirstAndDefault",
  oddAndEven: "OddAndEven",
  firstOddAndEven: "FirstOddAndEven",
} as const;

export const PrintMarginUnit = {
  points: "Points",
  inches: "Inches",
  centimeters: "Centimeters",
} as const;

export const DeleteShiftDirection = {
  up: "Up",
  left: "Left",
} as const;

export const InsertShiftDirection = {
  down: "Down",
  right: "Right",
} as const;

export const WorksheetPositionType = {
  none: "None",
  before: "Before",
  after: "After",
  beginning: "Beginning",
  end: "End",
} as const;

export const EventType = {
  worksheetChanged: "WorksheetChanged",
  worksheetSelectionChanged: "WorksheetSelectionChanged",
  worksheetAdded: "WorksheetAdded",
  worksheetActivated: "WorksheetActivated",
  worksheetDeactivated: "WorksheetDeactivated",
  tableChanged: "TableChanged",
  tableSelectionChanged: "TableSelectionChanged",
  worksheetDeleted: "WorksheetDeleted",
  chartAdded: "ChartAdded",
  chartActivated: "ChartActivated",
  chartDeactivated: "ChartDeactivated",
  chartDeleted: "ChartDeleted",
  worksheetCalculated: "WorksheetCalculated",
  visualSelectionChanged: "VisualSelectionChanged",
  tableAdded: "TableAdded",
  tableDeleted: "TableDeleted",
  tableFiltered: "TableFiltered",
  worksheetFiltered: "WorksheetFiltered",
  shapeActivated: "ShapeActivated",
  shapeDeactivated: "ShapeDeactivated",
  visualChange: "VisualChange",
  workbookAutoSaveSettingChanged: "WorkbookAutoSaveSettingChanged",
  worksheetFormatChanged: "WorksheetFormatChanged",
  ribbonCommandExecuted: "RibbonCommandExecuted",
  worksheetRowSorted: "WorksheetRowSorted",
  worksheetColumnSorted: "WorksheetColumnSorted",
  worksheetSingleClicked: "WorksheetSingleClicked",
  worksheetRowHiddenChanged: "WorksheetRowHiddenChanged",
  commentAdded: "CommentAdded",
  commentDeleted: "CommentDeleted",
  commentChanged: "CommentChanged",
  worksheetFormulaChanged: "WorksheetFormulaChanged",
  workbookActivated: "WorkbookActivated",
  linkedWorkbookWorkbookLinksChanged: "LinkedWorkbookWorkbookLinksChanged",
  linkedWorkbookRefreshCompleted: "LinkedWorkbookRefreshCompleted",
  worksheetProtectionChanged: "WorksheetProtectionChanged",
  worksheetNameChanged: "WorksheetNameChanged",
  worksheetVisibilityChanged: "WorksheetVisibilityChanged",
  worksheetMoved: "WorksheetMoved",
  linkedEntityDataDomainLinkedEntityDataDomainAdded:
    "LinkedEntityDataDomainLinkedEntityDataDomainAdded",
  linkedEntityDataDomainRefreshCompleted: "LinkedEntityDataDomainRefreshCompleted",
  linkedEntityDataDomainRefreshModeChanged: "LinkedEntityDataDomainRefreshModeChanged",
  linkedEntityDataDomainLinkedEntityCellValueLoaded:
    "LinkedEntityDataDomainLinkedEntityCellValueLoaded",
} as const;
