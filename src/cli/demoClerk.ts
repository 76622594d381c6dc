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
