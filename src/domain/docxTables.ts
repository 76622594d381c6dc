/**
 * The tables of a Word document's body (word/document.xml), each as a grid of cells with its
 * merged ranges — the shape a worksheet is read in (SheetData) — so a schedule written as a Word
 * table goes through the same reader as a worksheet: header blocks of several rows, section rows,
 * total rows, cells merged over items (tableLayout.ts, headers.ts).
 *
 * WordprocessingML lays a table out on a grid: a cell spans grid columns with w:gridSpan (or,
 * in old files, w:hMerge), a cell merged down is a w:vMerge "restart" with "continue" cells under
 * it, and a row may start or end past the grid with w:gridBefore / w:gridAfter. A merged cell's
 * text is its first cell's, like a worksheet's master cell; covered cells are blank.
 */
import { rangeA1, type CellValue } from "./cell";
import type { SheetData } from "./workbookData";
import { localName, scanXml } from "./xmlScan";

export interface DocxTable {
  /** 1-based, in document order, counting only tables not nested in another. */
  readonly index: number;
  /** The table as a worksheet named "Bảng N" (Table N). */
  readonly sheet: SheetData;
}

/** A table wider than this is not a plan table; the cap keeps a crafted gridSpan from growing rows. */
export const MAX_TABLE_COLUMNS = 256;

interface RawCell {
  text: string;
  span: number;
  vMerge: "restart" | "continue" | null;
  hMerge: "restart" | "continue" | null;
}

interface RawRow {
  gridBefore: number;
  cells: RawCell[];
}

/** Elements whose content is not the visible text of the cell. */
const SKIPPED = new Set([
  // mc:Fallback repeats mc:Choice's content for older readers.
  "Fallback",
  // Field codes, deleted text and text moved away: not what the page shows.
  "instrText",
  "delText",
  "delInstrText",
  "moveFrom",
  "del",
  // Drawings and text boxes floating over the cell.
  "drawing",
  "pict",
  "object",
  // Properties carry no text (w:rPr, w:pPr …, the table's own tblPr and tcPr are read below).
  "rPr",
  "pPr",
  "sectPr",
]);

function intAttr(attrs: ReadonlyMap<string, string>, fallback: number): number {
  const v = valAttr(attrs);
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

function valAttr(attrs: ReadonlyMap<string, string>): string | undefined {
  for (const [k, v] of attrs) if (localName(k) === "val") return v;
  return undefined;
}

/** Reads every top-level table of a document part. Throws XmlError when the part is not XML. */
export function docxTables(documentXml: string): DocxTable[] {
  const tables: RawRow[][] = [];
  /** Nesting of w:tbl: only depth 1 makes tables; a nested table's text joins its outer cell. */
  let tblDepth = 0;
  let skipDepth = 0;
  let rows: RawRow[] | null = null;
  let row: RawRow | null = null;
  let cell: RawCell | null = null;
  /** Paragraphs of the current cell, and the text of the paragraph being read. */
  let paragraphs: string[] = [];
  let para = "";
  let inParagraph = false;
  let inText = false;
  let inTcPr = false;
  let inTrPr = false;

  scanXml(documentXml, {
    open(name, attrs, selfClosing) {
      const local = localName(name);
      if (skipDepth > 0) {
        if (!selfClosing) skipDepth++;
        return;
      }
      if (SKIPPED.has(local)) {
        if (!selfClosing) skipDepth = 1;
        return;
      }
      switch (local) {
        case "tbl":
          tblDepth++;
          if (tblDepth === 1) rows = [];
          return;
        case "tr":
          if (tblDepth === 1 && rows !== null) row = { gridBefore: 0, cells: [] };
          return;
        case "trPr":
          inTrPr = tblDepth === 1;
          return;
        case "gridBefore":
          if (inTrPr && row !== null)
            row.gridBefore = Math.min(intAttr(attrs, 0), MAX_TABLE_COLUMNS);
          return;
        case "tc":
          if (tblDepth === 1 && row !== null) {
            cell = { text: "", span: 1, vMerge: null, hMerge: null };
            paragraphs = [];
          }
          return;
        case "tcPr":
          inTcPr = tblDepth === 1;
          return;
        case "gridSpan":
          if (inTcPr && cell !== null)
            cell.span = Math.max(1, Math.min(intAttr(attrs, 1), MAX_TABLE_COLUMNS));
          return;
        case "vMerge":
          if (inTcPr && cell !== null)
            cell.vMerge = valAttr(attrs) === "restart" ? "restart" : "continue";
          return;
        case "hMerge":
          if (inTcPr && cell !== null)
            cell.hMerge = valAttr(attrs) === "restart" ? "restart" : "continue";
          return;
        case "p":
          if (cell !== null && !selfClosing) {
            inParagraph = true;
            para = "";
          } else if (cell !== null) paragraphs.push("");
          return;
        case "t":
          inText = cell !== null && !selfClosing;
          return;
        case "tab":
          if (cell !== null && inParagraph) para += " ";
          return;
        case "br":
        case "cr":
          if (cell !== null && inParagraph) para += "\n";
          return;
        case "noBreakHyphen":
          if (cell !== null && inParagraph) para += "-";
          return;
        default:
          return;
      }
    },
    close(name) {
      const local = localName(name);
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      switch (local) {
        case "tbl":
          if (tblDepth === 1 && rows !== null) {
            tables.push(rows);
            rows = null;
          }
          tblDepth = Math.max(0, tblDepth - 1);
          return;
        case "tr":
          if (tblDepth === 1 && row !== null && rows !== null) {
            rows.push(row);
            row = null;
          }
          return;
        case "trPr":
          inTrPr = false;
          return;
        case "tc":
          if (tblDepth === 1 && cell !== null && row !== null) {
            cell.text = paragraphs.join("\n").trim();
            row.cells.push(cell);
            cell = null;
          }
          return;
        case "tcPr":
          inTcPr = false;
          return;
        case "p":
          if (cell !== null && inParagraph) {
            paragraphs.push(para);
            inParagraph = false;
          }
          return;
        case "t":
          inText = false;
          return;
        default:
          return;
      }
    },
    text(text) {
      if (skipDepth === 0 && inText && cell !== null) para += text;
    },
  });
  return tables.map((t, i) => ({ index: i + 1, sheet: toSheet(t, `Bảng ${i + 1}`) }));
}

interface Placed {
  /** Row of the cell holding the text (the first of a vertical merge). */
  readonly master: number;
  readonly col: number;
  readonly span: number;
}

/**
 * The rows laid on the grid: each cell at its grid column, its text in its first cell, and a
 * merge for every cell that spans columns or is merged down.
 */
function toSheet(raw: readonly RawRow[], name: string): SheetData {
  const rows: CellValue[][] = [];
  /** The cell placed at each grid column of the row above, for w:vMerge="continue". */
  let above = new Map<number, Placed>();
  /** Merges by their first cell "row:col" → last row and column. */
  const merges = new Map<string, { row: number; col: number; lastRow: number; lastCol: number }>();
  raw.forEach((r, i) => {
    const rowNo = i + 1;
    const cells: CellValue[] = [];
    const here = new Map<number, Placed>();
    let col = 1 + r.gridBefore;
    let previous: Placed | null = null;
    for (const c of r.cells) {
      if (col > MAX_TABLE_COLUMNS) break;
      const span = Math.min(c.span, MAX_TABLE_COLUMNS - col + 1);
      // An old-style horizontal merge: this cell widens the one on its left.
      if (c.hMerge === "continue" && previous !== null && previous.master === rowNo) {
        const widened: Placed = { ...previous, span: previous.span + span };
        here.set(previous.col, widened);
        const key = `${rowNo}:${previous.col}`;
        merges.set(key, {
          row: rowNo,
          col: previous.col,
          lastRow: rowNo,
          lastCol: previous.col + widened.span - 1,
        });
        previous = widened;
        col += span;
        continue;
      }
      const up = c.vMerge === "continue" ? above.get(col) : undefined;
      let placed: Placed;
      if (up !== undefined && up.span === span) {
        placed = up;
        const key = `${up.master}:${up.col}`;
        const m = merges.get(key) ?? {
          row: up.master,
          col: up.col,
          lastRow: up.master,
          lastCol: up.col + up.span - 1,
        };
        merges.set(key, { ...m, lastRow: rowNo });
      } else {
        placed = { master: rowNo, col, span };
        if (c.text !== "") cells[col - 1] = c.text;
        if (span > 1)
          merges.set(`${rowNo}:${col}`, {
            row: rowNo,
            col,
            lastRow: rowNo,
            lastCol: col + span - 1,
          });
      }
      here.set(col, placed);
      previous = placed;
      col += span;
    }
    for (let k = 0; k < cells.length; k++) if (cells[k] === undefined) cells[k] = null;
    rows.push(cells);
    above = here;
  });
  return {
    name,
    rows,
    merges: [...merges.values()].map((m) => rangeA1(m.row, m.col, m.lastRow, m.lastCol)),
  };
}
