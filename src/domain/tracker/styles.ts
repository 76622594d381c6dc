/** Colours and formats of the tracker, in one place so both adapters and the PDF agree. */
export const DATE_FORMAT = "dd/mm/yyyy";
/** Excel shows the group separator of the user's locale: "15.000.000 đ" on Vietnamese Windows. */
export const VND_FORMAT = '#,##0 "đ"';
export const NUMBER_FORMAT = "0.##";
export const PERCENT_FORMAT = "0%";
/** Text: a record or invoice number ("015", "12/2023") stays as typed, not a number or a date. */
export const TEXT_FORMAT = "@";

export const COLORS = {
  /** Excel's own "light red fill with dark red text", "yellow fill…", "green fill…". */
  overdueFill: "FFC7CE",
  overdueText: "9C0006",
  dueSoonFill: "FFEB9C",
  dueSoonText: "9C5700",
  doneFill: "C6EFCE",
  doneText: "006100",
  cancelledText: "808080",
  /** Accepted more than 60 days ago and still unpaid: the paid-date cell, for Finance. */
  unpaidFill: "E4DFEC",
  unpaidText: "5B2C86",
  invalidFill: "F4B084",
  invalidText: "C00000",
  trackerHeader: "FFF2CC",
  computedHeader: "EDEDED",
  evidenceHeader: "E2EFDA",
  planHeader: "DDEBF7",
  title: "1F4E79",
} as const;

/** Header cells of the tool's sheets: bold, bordered, wrapped, centred vertically. */
export const HEADER_STYLE = {
  bold: true,
  fill: COLORS.trackerHeader,
  border: true,
  wrap: true,
  valign: "middle",
} as const;
/** Headers of the columns the tool computes: grey, italic. */
export const COMPUTED_HEADER_STYLE = {
  ...HEADER_STYLE,
  fill: COLORS.computedHeader,
  italic: true,
} as const;
/** Long messages (Kiểm tra) stay on one line. */
export const NO_WRAP = { wrap: false } as const;
