/**
 * What the demo's clerk does during the year, so the sample tracker shows every state: aired items
 * (green), late ones (red), ones due soon (amber), the two "Quý VI" typos (invalid), spending over
 * plan and spending before broadcast; and the evidence Finance settles on: links, acceptance
 * records, invoices and payment dates — one item accepted in April and still unpaid in September
 * (flagged). Documented in assets/samples/README.md.
 */
import type ExcelJS from "exceljs";
import { isoToSerial } from "../domain/calendar";
import { SETTINGS_SHEET } from "../domain/settings";
import {
  LOG_FIRST_ROW,
  LOG_HEADER_ROW,
  LOG_HEADERS,
  LOG_SHEET,
  type LogField,
} from "../domain/tracker/logSheet";
import { serialToDate } from "../adapters/exceljs/cellValue";

/** Allocation and rate the demo's finance officer enters on the settings sheet. */
export const DEMO_ALLOCATION_VND = 150_000_000;
export const DEMO_RATE_PER_MINUTE = 3_000_000;

interface ClerkEntry {
  readonly title: string;
  readonly status?: string;
  readonly airedOn?: string;
  readonly spentVnd?: number;
  readonly evidence?: string;
  readonly acceptanceNo?: string;
  readonly acceptedOn?: string;
  readonly invoice?: string;
  readonly paidOn?: string;
}

export const DEMO_ENTRIES: readonly ClerkEntry[] = [
  {
    title: "Kỷ niệm 08 năm Ngày thành lập huyện",
    status: "Đã phát sóng",
    airedOn: "2023-03-11",
    spentVnd: 15_000_000,
    evidence: "Lưu trữ Đài: PS-2023-031",
    acceptanceNo: "05/BBNT-TTVH",
    acceptedOn: "2023-03-20",
    invoice: "0000123",
    paidOn: "2023-04-10",
  },
  {
    title: "Triển khai xây dựng Nông thôn mới",
    status: "Đã phát sóng",
    airedOn: "2023-03-28",
    spentVnd: 15_000_000,
    acceptanceNo: "08/BBNT-TTVH",
    acceptedOn: "2023-04-05",
  },
  {
    title: "Kỷ niệm 08 năm thành lập Đảng bộ",
    status: "Đã phát sóng",
    airedOn: "2023-04-17",
    spentVnd: 16_500_000,
    acceptanceNo: "12/BBNT-TTVH",
    acceptedOn: "2023-04-25",
    invoice: "0000187",
    paidOn: "2023-05-15",
  },
  { title: "Phát triển sản phẩm OCOP", status: "Đang thực hiện", spentVnd: 5_000_000 },
  {
    title: "Đẩy mạnh trồng rừng",
    status: "Đã phát sóng",
    airedOn: "2023-09-12",
    spentVnd: 15_000_000,
    evidence: "https://drive.example.vn/ps-trong-rung",
    acceptanceNo: "21/BBNT-TTVH",
    acceptedOn: "2023-09-13",
  },
  { title: "Gương điển hình phụ nữ", status: "Đang thực hiện" },
];

function headerColumns(ws: ExcelJS.Worksheet, headerRow: number): Map<string, number> {
  const cols = new Map<string, number>();
  ws.getRow(headerRow).eachCell((cell, col) => {
    if (typeof cell.value === "string") cols.set(cell.value, col);
  });
  return cols;
}

/**
 * Types the clerk's entries into the tracker (status, air date, spending, the evidence) and the
 * settings.
 */
export function fillLikeAClerk(wb: ExcelJS.Workbook, planSheet: string, headerRow: number): void {
  const ws = wb.getWorksheet(planSheet);
  if (!ws) throw new Error(`demo: no sheet ${planSheet}`);
  const cols = headerColumns(ws, headerRow);
  const col = (name: string): number => {
    const c = cols.get(name);
    if (c === undefined) throw new Error(`demo: no column ${name}`);
    return c;
  };
  const [title, status, aired, spent] = [
    col("Nội dung"),
    col("Trạng thái"),
    col("Ngày phát sóng"),
    col("Kinh phí thực chi"),
  ];
  const [evidence, acceptanceNo, acceptedOn, invoice, paidOn] = [
    col("Link / lưu trữ"),
    col("Số biên bản nghiệm thu"),
    col("Ngày nghiệm thu"),
    col("Số hóa đơn"),
    col("Ngày thanh toán"),
  ];
  for (let row = headerRow + 1; row <= ws.rowCount; row++) {
    const text = ws.getCell(row, title).value;
    if (typeof text !== "string") continue;
    const entry = DEMO_ENTRIES.find((e) => text.startsWith(e.title));
    if (!entry) continue;
    if (entry.status) ws.getCell(row, status).value = entry.status;
    if (entry.airedOn) ws.getCell(row, aired).value = serialToDate(isoToSerial(entry.airedOn));
    if (entry.spentVnd !== undefined) ws.getCell(row, spent).value = entry.spentVnd;
    if (entry.evidence) ws.getCell(row, evidence).value = entry.evidence;
    if (entry.acceptanceNo) ws.getCell(row, acceptanceNo).value = entry.acceptanceNo;
    if (entry.acceptedOn)
      ws.getCell(row, acceptedOn).value = serialToDate(isoToSerial(entry.acceptedOn));
    if (entry.invoice) ws.getCell(row, invoice).value = entry.invoice;
    if (entry.paidOn) ws.getCell(row, paidOn).value = serialToDate(isoToSerial(entry.paidOn));
  }

  const settings = wb.getWorksheet(SETTINGS_SHEET);
  if (!settings) throw new Error("demo: no settings sheet");
  settings.eachRow((row) => {
    const label = row.getCell(1).value;
    if (typeof label !== "string") return;
    if (label.startsWith("Kinh phí được giao")) row.getCell(2).value = DEMO_ALLOCATION_VND;
    if (label === "phóng sự") row.getCell(2).value = DEMO_RATE_PER_MINUTE;
  });
}

/**
 * One row of the broadcast log as the clerk types it. `duty` true: the plan's weekly duty (picked
 * in the dropdown); `planItem`: the STT of the dated plan item the row proves aired.
 */
interface LogRow {
  readonly airedOn: string;
  readonly title: string;
  readonly type: string;
  readonly duration: string;
  readonly programme: string;
  readonly fee?: number;
  readonly duty?: boolean;
  readonly planItem?: number;
  readonly acceptNo?: string;
  readonly acceptDate?: string;
  readonly invoice?: string;
  readonly paidOn?: string;
}

const CENTRE = "Trung tâm VH-TT-DL&TT huyện";

/**
 * The weekly contributions the centre logs from July (when it started keeping the log): week 30
 * (24–30/07) and week 33 (14–20/08) are missed, week 29 has two, and one payment is entered
 * without its acceptance record. One row proves the dated item "Đẩy mạnh trồng rừng" (STT 6) aired.
 */
export const DEMO_LOG: readonly LogRow[] = [
  {
    airedOn: "2023-07-07",
    title: "Ia H'Drai ra quân trồng rừng năm 2023",
    type: "tin",
    duration: "1'30\"",
    programme: "Thời sự tối",
    fee: 500_000,
    duty: true,
    acceptNo: "01/BB-NT",
    acceptDate: "2023-07-31",
    invoice: "0000123",
    paidOn: "2023-08-10",
  },
  {
    airedOn: "2023-07-14",
    title: "Hội nghị sơ kết công tác 6 tháng đầu năm",
    type: "tin",
    duration: "1'15\"",
    programme: "Thời sự tối",
    fee: 500_000,
    duty: true,
    acceptNo: "01/BB-NT",
    acceptDate: "2023-07-31",
    invoice: "0000123",
    paidOn: "2023-08-10",
  },
  {
    airedOn: "2023-07-19",
    title: "Nông dân xã Ia Tơi chuyển đổi cây trồng",
    type: "phóng sự",
    duration: "05 phút",
    programme: "Nông nghiệp - Nông thôn",
    fee: 1_500_000,
    duty: true,
    acceptNo: "01/BB-NT",
    acceptDate: "2023-07-31",
    invoice: "0000123",
    paidOn: "2023-08-10",
  },
  {
    airedOn: "2023-07-21",
    title: "Tập huấn phòng, chống cháy rừng",
    type: "tin",
    duration: "1'",
    programme: "Thời sự trưa",
    fee: 500_000,
    duty: true,
    acceptNo: "01/BB-NT",
    acceptDate: "2023-07-31",
  },
  {
    airedOn: "2023-08-04",
    title: "Khai giảng lớp bồi dưỡng nghiệp vụ truyền thông cơ sở",
    type: "tin",
    duration: "1'",
    programme: "Thời sự tối",
    fee: 500_000,
    duty: true,
    acceptNo: "02/BB-NT",
    acceptDate: "2023-08-31",
  },
  {
    airedOn: "2023-08-11",
    title: "Ra quân tiêm vắc xin cho đàn vật nuôi",
    type: "tin",
    duration: "1'20\"",
    programme: "Thời sự tối",
    fee: 500_000,
    duty: true,
    acceptNo: "02/BB-NT",
    acceptDate: "2023-08-31",
  },
  {
    airedOn: "2023-08-25",
    title: "Bàn giao nhà đại đoàn kết cho hộ nghèo",
    type: "tin",
    duration: "1'",
    programme: "Thời sự tối",
    fee: 500_000,
    duty: true,
    acceptNo: "02/BB-NT",
    acceptDate: "2023-08-31",
  },
  {
    airedOn: "2023-09-01",
    title: "Mít tinh kỷ niệm Quốc khánh 2/9",
    type: "tin",
    duration: "1'30\"",
    programme: "Thời sự tối",
    fee: 500_000,
    duty: true,
  },
  {
    airedOn: "2023-09-08",
    title: "Học sinh Ia H'Drai vào năm học mới",
    type: "tin",
    duration: "1'",
    programme: "Thời sự tối",
    fee: 500_000,
    duty: true,
    invoice: "0000187",
    paidOn: "2023-09-15",
  },
  {
    airedOn: "2023-09-12",
    title: "Đẩy mạnh trồng rừng, chăm sóc và bảo vệ rừng",
    type: "phóng sự",
    duration: "05 phút",
    programme: "Phóng sự cuối tuần",
    planItem: 6,
    acceptNo: "05/BB-NT",
    acceptDate: "2023-09-15",
  },
  {
    airedOn: "2023-09-15",
    title: "Kiểm tra tiến độ xây dựng nông thôn mới xã Ia Đal",
    type: "tin",
    duration: "1'10\"",
    programme: "Thời sự tối",
    fee: 500_000,
    duty: true,
  },
  {
    airedOn: "2023-09-19",
    title: "Tuyên truyền chuyển đổi số tại bộ phận một cửa",
    type: "tin",
    duration: "1'",
    programme: "Thời sự trưa",
    fee: 500_000,
    duty: true,
  },
];

/** Types the log rows as the clerk would: the duty picked from the list the tool keeps. */
export function fillLogLikeAClerk(wb: ExcelJS.Workbook): void {
  const ws = wb.getWorksheet(LOG_SHEET);
  if (!ws) throw new Error(`demo: no sheet ${LOG_SHEET}`);
  const cols = headerColumns(ws, LOG_HEADER_ROW);
  const col = (f: LogField): number => {
    const c = cols.get(LOG_HEADERS[f].vi);
    if (c === undefined) throw new Error(`demo: no log column ${LOG_HEADERS[f].vi}`);
    return c;
  };
  const duty = ws.getCell(LOG_FIRST_ROW, col("dutyList")).value;
  if (typeof duty !== "string") throw new Error("demo: the log lists no recurring duty");
  const date = (iso: string): Date => serialToDate(isoToSerial(iso));
  DEMO_LOG.forEach((e, i) => {
    const row = LOG_FIRST_ROW + i;
    const put = (f: LogField, v: ExcelJS.CellValue | undefined): void => {
      if (v !== undefined) ws.getCell(row, col(f)).value = v;
    };
    put("no", i + 1);
    put("airedOn", date(e.airedOn));
    put("title", e.title);
    put("type", e.type);
    put("duration", e.duration);
    put("programme", e.programme);
    put("unit", CENTRE);
    put("fee", e.fee);
    put("duty", e.duty ? duty : undefined);
    put("planItem", e.planItem);
    put("acceptNo", e.acceptNo);
    put("acceptDate", e.acceptDate ? date(e.acceptDate) : undefined);
    put("invoice", e.invoice);
    put("paidOn", e.paidOn ? date(e.paidOn) : undefined);
  });
}
