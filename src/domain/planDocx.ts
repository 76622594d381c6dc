/**
 * A Word plan document: its text (the schedule as bullet lines, like the bundled 2023 plan) and
 * its tables (the schedule as a table, as many offices write it). The title, agency, year and
 * budget note come from the text; the items from the tables when a table holds a plan, else from
 * the text. The import report says which one was used.
 */
import { issue, type Issue } from "./diagnostics";
import { docxTables, type DocxTable } from "./docxTables";
import { parsePlanDocument, type PlanDocument, type PlanDocumentResult } from "./planDocument";
import { readPlanTables } from "./planTables";
import { XmlError } from "./xmlScan";

export interface DocxInput {
  /** The document's text, one paragraph per line (table cells included). */
  readonly text: string;
  /** The main document part (word/document.xml), or null when only the text is known. */
  readonly documentXml: string | null;
}

export interface TableUse {
  readonly index: number;
  readonly items: number;
  readonly headerRows: { readonly first: number; readonly last: number };
  readonly sections: number;
  readonly totals: number;
  readonly headings: number;
}

export type PlanSource =
  | { readonly kind: "text"; readonly items: number }
  | {
      readonly kind: "tables";
      readonly tables: readonly TableUse[];
      /** Items the text's bullet lines held, not used because a table held the schedule. */
      readonly textItems: number;
    };

export interface PlanDocxResult extends PlanDocumentResult {
  /** Where the items came from; say it with sourceIssue(source). */
  readonly source: PlanSource;
}

export function parsePlanDocx(input: DocxInput): PlanDocxResult {
  const fromText = parsePlanDocument(input.text);
  const found = tablesOf(input.documentXml);
  const read = readPlanTables(found.tables, fromText.document.year);
  const used = read.tables.filter((t) => t.items.length > 0);
  if (used.length === 0) {
    // The schedule's lines; the recurring duties of the prose are said apart (import).
    const scheduled = fromText.document.items.filter((i) => i.recurring === undefined).length;
    const source: PlanSource = { kind: "text", items: scheduled };
    // When the text has no items either, a table that almost read as a plan says why first
    // (the first error is what the import refuses with).
    const refusals = read.refused.map((r) => r.issue);
    const issues =
      fromText.document.items.length === 0 ? [...refusals, ...fromText.issues] : fromText.issues;
    return { document: fromText.document, issues: [...found.issues, ...issues], source };
  }
  // The text's recurring duties (prose, not a schedule) follow the table's items.
  const duties = fromText.document.items.filter((i) => i.recurring !== undefined);
  const document: PlanDocument = {
    ...fromText.document,
    year: fromText.document.year ?? used.find((t) => t.planYear !== null)?.planYear ?? null,
    items: [...used.flatMap((t) => t.items), ...duties],
  };
  const source: PlanSource = {
    kind: "tables",
    tables: used.map((t) => ({
      index: t.index,
      items: t.items.length,
      headerRows: t.layout.headerRows,
      sections: t.layout.sections.length,
      totals: t.layout.totals.length,
      headings: t.layout.headings.length,
    })),
    textItems: fromText.document.items.length - duties.length,
  };
  // The text's findings are about its bullet lines, which were not used.
  return { document, issues: used.flatMap((t) => t.issues), source };
}

/**
 * The document's tables. A part this reader cannot take as XML (mammoth read its text, so the
 * file is a Word document) leaves the tables unread, said as a warning: the text is still read.
 */
function tablesOf(documentXml: string | null): { tables: DocxTable[]; issues: Issue[] } {
  if (documentXml === null) return { tables: [], issues: [] };
  try {
    return { tables: docxTables(documentXml), issues: [] };
  } catch (err) {
    if (!(err instanceof XmlError)) throw err;
    return {
      tables: [],
      issues: [
        issue("import.docx-tables-unreadable", "warning", {
          vi: `Không đọc được các bảng trong tài liệu Word (${err.why}); chỉ đọc phần văn bản. Nếu lịch thực hiện nằm trong bảng, hãy mở tệp bằng Word, lưu lại thành .docx rồi nhập lại.`,
          en: `The tables of the Word document could not be read (${err.why}); only its text was read. If the schedule is a table, open the file in Word, save it again as .docx and import again.`,
        }),
      ],
    };
  }
}

/**
 * Which schedule was read, for the import report (an info finding, code "import.source"; the
 * shells print it with the count of items, apart from the warnings).
 */
export function sourceIssue(source: PlanSource): Issue {
  if (source.kind === "text") {
    return issue("import.source", "info", {
      vi: `Lịch thực hiện đọc từ các dòng của văn bản (${source.items} mục).`,
      en: `The schedule was read from the document's lines (${source.items} items).`,
    });
  }
  const parts = source.tables.map((t) => {
    const rows =
      t.headerRows.first === t.headerRows.last
        ? { vi: `tiêu đề hàng ${t.headerRows.last}`, en: `header row ${t.headerRows.last}` }
        : {
            vi: `tiêu đề hàng ${t.headerRows.first}–${t.headerRows.last}`,
            en: `header rows ${t.headerRows.first}–${t.headerRows.last}`,
          };
    const extra = (n: number, vi: string, en: string) =>
      n > 0 ? { vi: `, ${n} ${vi}`, en: `, ${n} ${en}` } : { vi: "", en: "" };
    const sections = extra(t.sections, "dòng phần (thời gian)", "section rows (periods)");
    const headings = extra(t.headings, "đề mục", "headings");
    const totals = extra(t.totals, "dòng tổng bỏ qua", "total rows skipped");
    return {
      vi: `bảng ${t.index} (${t.items} mục; ${rows.vi}${sections.vi}${headings.vi}${totals.vi})`,
      en: `table ${t.index} (${t.items} items; ${rows.en}${sections.en}${headings.en}${totals.en})`,
    };
  });
  const unused =
    source.textItems > 0
      ? {
          vi: ` Các dòng lịch trong phần văn bản (${source.textItems} mục) không được dùng: bảng được ưu tiên.`,
          en: ` The schedule lines in the text (${source.textItems} items) were not used: the table comes first.`,
        }
      : { vi: "", en: "" };
  return issue("import.source", "info", {
    vi: `Lịch thực hiện đọc từ ${parts.map((p) => p.vi).join(", ")} của văn bản.${unused.vi}`,
    en: `The schedule was read from ${parts.map((p) => p.en).join(", ")} of the document.${unused.en}`,
  });
}

/** The main document part named by the package's relationships ("word/document.xml"). */
export function mainDocumentPath(rootRels: string | null): string {
  const fallback = "word/document.xml";
  if (rootRels === null) return fallback;
  for (const m of rootRels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const tag = m[0];
    const type = /\bType\s*=\s*["']([^"']*)["']/.exec(tag)?.[1] ?? "";
    const target = /\bTarget\s*=\s*["']([^"']*)["']/.exec(tag)?.[1];
    if (/\/officeDocument$/.test(type) && target)
      return target.replace(/^\.?\//, "").replace(/\\/g, "/");
  }
  return fallback;
}
