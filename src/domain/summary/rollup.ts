/**
 * The province's roll-up: one row per tracker (a province has about a hundred communes, wards
 * and special zones; older plans came from entries), each named by its agency, sorted by level
 * and name, totals, and the combined overdue list. Inputs that cannot be read are listed with the
 * reason; the rest are still rolled up.
 */
import { formatVnDate, isoToSerial, type IsoDate } from "../calendar";
import type { CheckResult } from "../check";
import { PlanTrackerError, type Bilingual } from "../diagnostics";
import { emptySheet, type SheetSpec, type WorkbookLayout } from "../layout/spec";
import { agencyUnit, type AgencyLevel } from "../agency";
import { partiesOf } from "../parties";
import { META_SHEET, readMetadata } from "../tracker/metadata";
import { DATE_FORMAT, PERCENT_FORMAT, VND_FORMAT } from "../tracker/styles";
import type { WorkbookData } from "../workbookData";
import { budgetFigures, progressFigures, type OverdueEntry } from "./figures";
import {
  CELL_STYLE,
  HEAD_STYLE,
  LABEL_STYLE,
  NOTE_STYLE,
  SECTION_STYLE,
  SheetBuilder,
  TITLE_STYLE,
  TOTAL_STYLE,
} from "./sheetBuilder";

export interface RollupEntry {
  readonly file: string;
  /** From the settings, else the plan's own lines, else the file name. */
  readonly agency: string;
  readonly level: AgencyLevel | null;
  /** The unit's name, for sorting ("Ia Tơi"); the agency when it names no unit. */
  readonly sortName: string;
  readonly planned: number;
  readonly done: number;
  readonly overdue: number;
  readonly allocation: number | null;
  readonly spent: number;
  readonly errors: number;
  readonly overdueItems: readonly OverdueEntry[];
}

export interface RollupFailure {
  readonly file: string;
  readonly reason: Bilingual;
}

/**
 * Each file must be a tracker: a plan that was never tracked has no statuses, air dates
 * or spending, so it would enter the province's figures as "nothing done". It is listed with
 * this reason instead, like an unreadable file.
 */
export function assertTracker(wb: WorkbookData, file: string): void {
  if (readMetadata(wb.sheets.find((s) => s.name === META_SHEET)) !== null) return;
  throw new PlanTrackerError("rollup.not-a-tracker", {
    vi: `"${file}" chưa phải sổ theo dõi (không có trang ${META_SHEET} do công cụ tạo): chạy plan-tracker track "${file}" hoặc bấm "Chuyển thành sổ theo dõi" trong Excel, rồi tổng hợp lại.`,
    en: `"${file}" is not a tracker yet (it has no ${META_SHEET} sheet made by the tool): run plan-tracker track "${file}" or press "Convert to tracker" in Excel, then roll up again.`,
  });
}

export function rollupEntry(file: string, check: CheckResult, asOf: IsoDate): RollupEntry {
  const { plan, settings } = check;
  const progress = progressFigures(plan.items, plan.planYear, asOf);
  const budget = budgetFigures(plan.items, plan.planYear, settings.allocationVnd, asOf);
  const parties = partiesOf(settings, plan);
  const agency = parties.agency ?? file;
  return {
    file,
    agency,
    level: parties.level,
    sortName: agencyUnit(agency)?.name ?? agency,
    planned: progress.total.planned,
    done: progress.total.done,
    overdue: progress.total.overdue,
    allocation: settings.allocationVnd,
    spent: budget.spent,
    errors: check.summary.errors,
    overdueItems: progress.overdue,
  };
}

export const ROLLUP_SHEETS = {
  agencies: "Tổng hợp",
  overdue: "Quá hạn",
  failures: "Không đọc được",
} as const;

/** Wards, communes, special zones, then provinces and (older) districts; by name within each. */
const LEVEL_ORDER: readonly (AgencyLevel | null)[] = [
  "ward",
  "commune",
  "special-zone",
  "province",
  "district",
  null,
];

const COLLATOR = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/** The order of the roll-up's rows: by level, then by the unit's name, then by file. */
export function sortRollup(entries: readonly RollupEntry[]): RollupEntry[] {
  return [...entries].sort(
    (a, b) =>
      LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) ||
      COLLATOR.compare(a.sortName, b.sortName) ||
      COLLATOR.compare(a.agency, b.agency) ||
      COLLATOR.compare(a.file, b.file),
  );
}

const LEVEL_WORDS: Readonly<Record<AgencyLevel, string>> = {
  ward: "phường",
  commune: "xã",
  "special-zone": "đặc khu",
  province: "tỉnh, thành phố",
  district: "đơn vị cấp huyện (trước 7/2025)",
};

/** "98 sổ theo dõi: 20 phường, 76 xã, 2 đặc khu" — how many of each level, in the rows' order. */
function levelCounts(entries: readonly RollupEntry[]): string {
  const parts: string[] = [];
  for (const level of LEVEL_ORDER) {
    const n = entries.filter((e) => e.level === level).length;
    if (n > 0 && level !== null) parts.push(`${n} ${LEVEL_WORDS[level]}`);
    if (n > 0 && level === null) parts.push(`${n} đơn vị khác`);
  }
  return parts.length > 1 ? `: ${parts.join(", ")}` : "";
}

export function rollupLayout(
  entries: readonly RollupEntry[],
  failures: readonly RollupFailure[],
  asOf: IsoDate,
): WorkbookLayout {
  const sorted = sortRollup(entries);
  return {
    sheets: [
      agencySheet(sorted, failures.length, asOf),
      overdueSheet(sorted, asOf),
      failureSheet(failures),
    ],
    definedNames: [],
    fullCalcOnLoad: true,
  };
}

function agencySheet(entries: readonly RollupEntry[], failed: number, asOf: IsoDate): SheetSpec {
  const b = new SheetBuilder();
  b.value(1, 1, "TỔNG HỢP TIẾN ĐỘ CÁC ĐƠN VỊ / Roll-up by agency", TITLE_STYLE);
  b.value(
    2,
    1,
    `Tính đến ngày ${formatVnDate(asOf)}; ${entries.length} sổ theo dõi${levelCounts(entries)}${failed ? `, ${failed} tệp không đọc được (xem trang "${ROLLUP_SHEETS.failures}")` : ""}.`,
    NOTE_STYLE,
  );
  const head = 4;
  const headers = [
    "Đơn vị / Agency",
    "Tệp / File",
    "Kế hoạch (SL) / Planned",
    "Đã phát sóng / Aired",
    "% hoàn thành / % done",
    "Quá hạn / Overdue",
    "Kinh phí được giao / Allocation",
    "Đã chi / Spent",
    "Lỗi dữ liệu / Data errors",
  ];
  headers.forEach((h, i) => b.value(head, i + 1, h, HEAD_STYLE));
  entries.forEach((d, i) => {
    const row = head + 1 + i;
    b.value(row, 1, d.agency, LABEL_STYLE);
    b.value(row, 2, d.file, CELL_STYLE);
    b.value(row, 3, d.planned, CELL_STYLE);
    b.value(row, 4, d.done, CELL_STYLE);
    b.formula(
      row,
      5,
      `IF(C${row}>0,D${row}/C${row},"")`,
      d.planned > 0 ? d.done / d.planned : "",
      CELL_STYLE,
      PERCENT_FORMAT,
    );
    b.value(row, 6, d.overdue, CELL_STYLE);
    b.value(row, 7, d.allocation, CELL_STYLE, VND_FORMAT);
    b.value(row, 8, d.spent, CELL_STYLE, VND_FORMAT);
    b.value(row, 9, d.errors, CELL_STYLE);
  });
  const total = head + 1 + entries.length;
  const last = total - 1;
  const sum = (pick: (d: RollupEntry) => number | null): number =>
    entries.reduce((s, d) => s + (pick(d) ?? 0), 0);
  b.value(total, 1, "Cộng / Total", TOTAL_STYLE);
  b.value(total, 2, `${entries.length}`, TOTAL_STYLE);
  const cols: [number, number, string | undefined][] = [
    [3, sum((d) => d.planned), undefined],
    [4, sum((d) => d.done), undefined],
    [6, sum((d) => d.overdue), undefined],
    [7, sum((d) => d.allocation), VND_FORMAT],
    [8, sum((d) => d.spent), VND_FORMAT],
    [9, sum((d) => d.errors), undefined],
  ];
  for (const [c, v, fmt] of cols) {
    const L = String.fromCharCode(64 + c);
    b.formula(
      total,
      c,
      entries.length > 0 ? `SUM(${L}${head + 1}:${L}${last})` : "0",
      v,
      TOTAL_STYLE,
      fmt,
    );
  }
  const planned = sum((d) => d.planned);
  b.formula(
    total,
    5,
    `IF(C${total}>0,D${total}/C${total},"")`,
    planned > 0 ? sum((d) => d.done) / planned : "",
    TOTAL_STYLE,
    PERCENT_FORMAT,
  );
  return {
    ...emptySheet(ROLLUP_SHEETS.agencies, "replace"),
    cells: b.cells,
    columns: [
      { col: 1, width: 40 },
      { col: 2, width: 30 },
      ...[3, 4, 5, 6, 7, 8, 9].map((col) => ({ col, width: 16 })),
    ],
    freeze: { rows: head, cols: 1 },
    pageSetup: {
      orientation: "landscape",
      paperSize: "A4",
      fitToWidth: 1,
      fitToHeight: 0,
      header: `Tổng hợp — tính đến ${formatVnDate(asOf)}`,
    },
  };
}

function overdueSheet(entries: readonly RollupEntry[], asOf: IsoDate): SheetSpec {
  const b = new SheetBuilder();
  const all = entries
    .flatMap((d) => d.overdueItems.map((o) => ({ d, o })))
    .sort(
      (a, b2) =>
        b2.o.daysLate - a.o.daysLate ||
        COLLATOR.compare(a.d.agency, b2.d.agency) ||
        a.o.item.row - b2.o.item.row,
    );
  b.value(
    1,
    1,
    `CÁC MỤC QUÁ HẠN CỦA TẤT CẢ ĐƠN VỊ / Overdue items, all agencies (${all.length})`,
    SECTION_STYLE,
  );
  b.value(2, 1, `Tính đến ngày ${formatVnDate(asOf)}, trễ nhiều nhất trước.`, NOTE_STYLE);
  [
    "Đơn vị / Agency",
    "Nội dung / Title",
    "Thời gian / Period",
    "Hạn / Due",
    "Số ngày trễ / Days late",
    "Đơn vị thực hiện / Unit",
  ].forEach((h, i) => b.value(4, i + 1, h, HEAD_STYLE));
  all.forEach(({ d, o }, i) => {
    const row = 5 + i;
    b.value(row, 1, d.agency, CELL_STYLE);
    b.value(row, 2, o.item.title ?? "", { ...CELL_STYLE, wrap: true });
    b.value(row, 3, o.item.periodText ?? "", CELL_STYLE);
    b.value(row, 4, o.item.dueDate ? isoToSerial(o.item.dueDate) : null, CELL_STYLE, DATE_FORMAT);
    b.value(row, 5, o.daysLate, CELL_STYLE);
    b.value(row, 6, o.item.unit ?? "", { ...CELL_STYLE, wrap: true });
  });
  if (all.length === 0) b.value(5, 1, "Không có mục quá hạn. / No overdue items.", NOTE_STYLE);
  return {
    ...emptySheet(ROLLUP_SHEETS.overdue, "replace"),
    cells: b.cells,
    columns: [
      { col: 1, width: 36 },
      { col: 2, width: 60 },
      { col: 3, width: 16 },
      { col: 4, width: 13 },
      { col: 5, width: 12 },
      { col: 6, width: 40 },
    ],
    pageSetup: { orientation: "landscape", paperSize: "A4", fitToWidth: 1, fitToHeight: 0 },
  };
}

function failureSheet(failures: readonly RollupFailure[]): SheetSpec {
  const b = new SheetBuilder();
  b.value(
    1,
    1,
    `TỆP KHÔNG ĐƯA VÀO TỔNG HỢP / Files not rolled up (${failures.length})`,
    SECTION_STYLE,
  );
  ["Tệp / File", "Lý do / Reason"].forEach((h, i) => b.value(3, i + 1, h, HEAD_STYLE));
  failures.forEach((f, i) => {
    b.value(4 + i, 1, f.file, CELL_STYLE);
    b.value(4 + i, 2, `${f.reason.vi} / ${f.reason.en}`, { ...CELL_STYLE, wrap: true });
  });
  if (failures.length === 0)
    b.value(4, 1, "Tất cả các tệp đều đọc được. / Every file was read.", NOTE_STYLE);
  return {
    ...emptySheet(ROLLUP_SHEETS.failures, "replace"),
    cells: b.cells,
    columns: [
      { col: 1, width: 40 },
      { col: 2, width: 120 },
    ],
  };
}
